const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');

const app = express();
app.use(cookieParser());

app.get('/profile', (req, res) => {
  if (!req.cookies.profile) return res.redirect('/login');
  const raw = Buffer.from(req.cookies.profile, 'base64').toString();
  // ruleid: js-node-serialize-unserialize
  const profile = serialize.unserialize(raw);
  res.send(`Hello ${profile.username}`);
});

app.post('/import', express.text(), (req, res) => {
  // ruleid: js-node-serialize-unserialize
  const settings = require('node-serialize').unserialize(req.body);
  res.json(settings);
});

app.get('/profile/v2', (req, res) => {
  // ok: js-node-serialize-unserialize
  const profile = JSON.parse(Buffer.from(req.cookies.profile, 'base64').toString());
  // ok: js-node-serialize-unserialize
  const defaults = serialize.unserialize('{"theme":"dark"}');
  res.json({ profile, defaults });
});

app.listen(3000);
