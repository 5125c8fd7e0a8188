const express = require('express');
const ldap = require('ldapjs');

const app = express();
const client = ldap.createClient({ url: 'ldaps://ldap.example.com' });
const BASE = 'ou=people,dc=example,dc=com';

function escapeFilterValue(v) {
  return String(v).replace(/[*()\\\0]/g, (c) => '\\' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}

app.post('/login', (req, res) => {
  const user = req.body.user;
  // ruleid: js-taint-ldap-injection
  client.search(BASE, { filter: `(&(uid=${user})(objectClass=person))`, scope: 'sub' }, (err, r) => {
    r.on('end', () => res.end());
  });
});

app.post('/login-safe', (req, res) => {
  const user = escapeFilterValue(req.body.user);
  // ok: js-taint-ldap-injection
  client.search(BASE, { filter: `(&(uid=${user})(objectClass=person))`, scope: 'sub' }, (err, r) => {
    r.on('end', () => res.end());
  });
});

app.get('/people', (req, res) => {
  const f = '(cn=' + req.query.name + '*)';
  // ruleid: js-taint-ldap-injection
  client.search(BASE, { scope: 'sub', filter: f }, (err, r) => r.on('end', () => res.end()));
});

app.get('/everyone', (req, res) => {
  // ok: js-taint-ldap-injection
  client.search(BASE, { scope: 'sub', filter: '(objectClass=person)' }, (err, r) => r.on('end', () => res.end()));
});
