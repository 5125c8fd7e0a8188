const express = require('express');
const escapeHtml = require('escape-html');

const app = express();

app.get('/hello', (req, res) => {
  const name = req.query.name;
  // ruleid: js-taint-reflected-xss
  res.send(`<h1>Hello ${name}</h1>`);
});

app.get('/hello-escaped', (req, res) => {
  // ok: js-taint-reflected-xss
  res.send(`<h1>Hello ${escapeHtml(req.query.name)}</h1>`);
});

app.get('/hello-json', (req, res) => {
  // ok: js-taint-reflected-xss
  res.send({ hello: req.query.name });
});

app.get('/hello-template', (req, res) => {
  // ok: js-taint-reflected-xss
  res.render('hello', { name: req.query.name });
});

app.get('/not-found', (req, res) => {
  // ruleid: js-taint-reflected-xss
  res.status(404).send('No page at ' + req.originalUrl);
});

app.get('/echo', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html' });
  // ruleid: js-taint-reflected-xss
  res.end('<pre>' + req.query.msg + '</pre>');
});

app.get('/echo-text', (req, res) => {
  // ok: js-taint-reflected-xss
  res.type('text/plain').send(req.query.msg);
});

app.get('/static', (req, res) => {
  // ok: js-taint-reflected-xss
  res.send('<h1>Welcome</h1>');
});

async function koaGreet(ctx) {
  // ruleid: js-taint-reflected-xss
  ctx.body = `<p>Hi ${ctx.query.who}</p>`;
}

module.exports = { app, koaGreet };
