const express = require('express');
const session = require('express-session');

const app = express();

app.use(session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  // ruleid: js-cookie-insecure
  cookie: { secure: false, maxAge: 3600000 },
}));

app.use(session({
  secret: process.env.SESSION_SECRET,
  // ok: js-cookie-insecure
  cookie: { secure: true, httpOnly: true, sameSite: 'lax' },
}));

app.post('/login', (req, res) => {
  const token = issueToken(req.body.user);
  // ruleid: js-cookie-insecure
  res.cookie('auth_token', token);
  // ruleid: js-cookie-insecure
  res.cookie('jwt', token, { httpOnly: false, secure: true });
  // ok: js-cookie-insecure
  res.cookie('jwt', token, { httpOnly: true, secure: true, sameSite: 'strict' });
  // ok: js-cookie-insecure
  res.cookie('theme', 'dark');
  // ruleid: js-cookie-insecure
  res.cookie('theme', 'dark', { secure: false });
  res.sendStatus(204);
});

function issueToken(user) {
  return `t-${user}`;
}

app.post('/remember', (req, res) => {
  // ruleid: js-cookie-insecure
  res.cookie('remember_me', '1', { maxAge: 30 * 86400000 });
  // ok: js-cookie-insecure
  res.cookie('remember_me', '1', { maxAge: 30 * 86400000, secure: true, httpOnly: true });
  res.end();
});
