const express = require('express');

const app = express();
const SAFE_TARGETS = { account: '/account', cart: '/cart', home: '/' };

app.post('/login', (req, res) => {
  const next = req.query.next || '/';
  // ruleid: js-taint-open-redirect
  res.redirect(next);
});

app.post('/login-checked', (req, res) => {
  const next = req.query.next || '/';
  if (!/^\/(?![\/\\])/.test(next)) {
    return res.redirect('/');
  }
  // ok: js-taint-open-redirect
  res.redirect(next);
});

app.get('/logout', (req, res) => {
  // ruleid: js-taint-open-redirect
  res.redirect(302, `${req.body.returnTo}?logged_out=1`);
});

app.get('/orders/:id/view', (req, res) => {
  // ok: js-taint-open-redirect
  res.redirect('/orders/' + req.params.id);
});

function bounce(res, target) {
  // ruleid: js-taint-open-redirect
  res.writeHead(302, { Location: target });
  res.end();
}

app.get('/out', (req, res) => {
  bounce(res, req.query.url);
});

app.get('/go', (req, res) => {
  // ok: js-taint-open-redirect
  res.redirect('https://docs.example.com/' + encodeURIComponent(req.query.page));
});

app.get('/switch', (req, res) => {
  const key = req.query.to;
  if (!Object.hasOwn(SAFE_TARGETS, key)) {
    return res.sendStatus(400);
  }
  // ok: js-taint-open-redirect
  res.redirect(SAFE_TARGETS[key]);
});

function afterSignIn() {
  const dest = new URLSearchParams(location.search).get('redirect_uri');
  // ruleid: js-taint-open-redirect
  window.location.href = dest;
}

function afterSignUp() {
  const params = new URL(window.location.href).searchParams;
  // ruleid: js-taint-open-redirect
  window.location.assign(params.get('continue'));
}

app.get('/home', (req, res) => {
  // ok: js-taint-open-redirect
  res.redirect('/');
});
