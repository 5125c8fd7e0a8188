const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');
const yaml = require('js-yaml');

const app = express();
app.use(cookieParser());
app.use(express.text({ type: 'application/yaml' }));

app.get('/profile', (req, res) => {
  const raw = Buffer.from(req.cookies.profile, 'base64').toString();
  // ruleid: js-taint-unsafe-deserialization
  const profile = serialize.unserialize(raw);
  res.json({ name: profile.name });
});

app.get('/profile-json', (req, res) => {
  const raw = Buffer.from(req.cookies.profile, 'base64').toString();
  // ok: js-taint-unsafe-deserialization
  const profile = JSON.parse(raw);
  res.json({ name: profile.name });
});

app.post('/pipelines', (req, res) => {
  // ruleid: js-taint-unsafe-deserialization
  const pipeline = yaml.load(req.body);
  res.json({ steps: pipeline.steps.length });
});

app.post('/pipelines-safe', (req, res) => {
  // ok: js-taint-unsafe-deserialization
  const pipeline = yaml.load(req.body, { schema: yaml.JSON_SCHEMA });
  res.json({ steps: pipeline.steps.length });
});

function restoreSession(blob) {
  // ruleid: js-taint-unsafe-deserialization
  return serialize.unserialize(`{"session":${blob}}`);
}

app.post('/session/restore', (req, res) => {
  const state = restoreSession(req.body.state);
  res.json(state);
});

app.get('/defaults', (req, res) => {
  const fs = require('fs');
  // ok: js-taint-unsafe-deserialization
  const defaults = yaml.load(fs.readFileSync('/etc/app/defaults.yml', 'utf8'));
  res.json(defaults);
});

app.get('/theme', (req, res) => {
  // ok: js-taint-unsafe-deserialization
  const theme = serialize.unserialize(`{"size":${Number(req.query.size)}}`);
  res.json(theme);
});
