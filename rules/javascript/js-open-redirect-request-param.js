const express = require('express');
const passport = require('passport');

const app = express();
const RETURN_PAGES = { billing: '/account/billing', home: '/' };

app.post('/login', passport.authenticate('local'), (req, res) => {
  // ruleid: js-open-redirect-request-param
  res.redirect(req.query.returnTo);
});

app.get('/logout', (req, res) => {
  req.logout(() => {
    // ruleid: js-open-redirect-request-param
    res.redirect(302, req.query.next || '/');
  });
});

app.get('/out', (req, res) => {
  const { url } = req.query;
  res.set('Cache-Control', 'no-store');
  // ruleid: js-open-redirect-request-param
  res.redirect(url);
});

app.post('/continue', (req, res) => {
  // ruleid: js-open-redirect-request-param
  res.location(`${req.body.target}?from=checkout`).sendStatus(303);
});

app.get('/login/safe', (req, res) => {
  // ok: js-open-redirect-request-param
  res.redirect(RETURN_PAGES[req.query.page] || '/');
});

app.get('/items/:id/view', (req, res) => {
  // ok: js-open-redirect-request-param
  res.redirect('/items/' + encodeURIComponent(req.params.id));
});

app.get('/next', (req, res) => {
  const next = req.query.next;
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) {
    return res.redirect('/');
  }
  // ok: js-open-redirect-request-param
  res.redirect(next);
});

app.get('/home', (req, res) => {
  // ok: js-open-redirect-request-param
  res.redirect('/dashboard');
});

app.listen(3000);
