const express = require('express');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');
const fs = require('fs');

const app = express();
const doc = new DOMParser().parseFromString(fs.readFileSync('users.xml', 'utf8'), 'text/xml');

app.post('/login', (req, res) => {
  const user = req.body.user;
  const pass = req.body.pass;
  const expr = "//user[@name='" + user + "' and @password='" + pass + "']";
  // ruleid: js-taint-xpath-injection
  const found = xpath.select(expr, doc);
  res.json({ ok: found.length === 1 });
});

app.get('/book', (req, res) => {
  // ruleid: js-taint-xpath-injection
  const title = xpath.select1(`//book[isbn='${req.query.isbn}']/title/text()`, doc);
  res.json({ title: String(title) });
});

app.get('/books', (req, res) => {
  // ok: js-taint-xpath-injection
  const all = xpath.select('//book/title/text()', doc);
  // ok: js-taint-xpath-injection
  const byId = [...all].find((t) => String(t) === req.query.title);
  res.json({ n: all.length, byId: String(byId) });
});
