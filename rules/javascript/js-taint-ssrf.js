const axios = require('axios');
const express = require('express');
const http = require('http');

const app = express();
const ALLOWED = new Set(['images.example.com', 'cdn.example.com']);

app.get('/preview', async (req, res) => {
  const url = req.query.url;
  // ruleid: js-taint-ssrf
  const r = await fetch(url);
  res.send(await r.text());
});

app.get('/preview-checked', async (req, res) => {
  const target = new URL(req.query.url);
  if (!ALLOWED.has(target.hostname)) {
    return res.status(400).end();
  }
  // ok: js-taint-ssrf
  const r = await fetch(target);
  res.send(await r.text());
});

app.get('/users/:id', async (req, res) => {
  // ok: js-taint-ssrf
  const r = await axios.get(`https://api.example.com/users/${encodeURIComponent(req.params.id)}`);
  res.json(r.data);
});

app.post('/webhooks', async (req, res) => {
  const callback = req.body.callback;
  // ruleid: js-taint-ssrf
  await axios.post(callback, { hello: 'world' });
  res.sendStatus(204);
});

app.post('/hooks', async (req, res) => {
  const { target } = req.body;
  // destructured from the request body
  // ruleid: js-taint-ssrf
  await axios.post(target, { hello: 'world' });
  res.sendStatus(204);
});

app.get('/status', (req, res) => {
  // ruleid: js-taint-ssrf
  http.get('http://' + req.query.host + ':8080/status', (r) => r.pipe(res));
});

app.get('/health', (req, res) => {
  // ok: js-taint-ssrf
  http.get('http://localhost:8080/health', (r) => r.pipe(res));
});
