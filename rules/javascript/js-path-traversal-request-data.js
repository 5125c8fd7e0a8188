const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
const UPLOAD_DIR = path.join(__dirname, 'uploads');

app.get('/files/:name', (req, res) => {
  // ruleid: js-path-traversal-request-data
  res.sendFile(path.join(UPLOAD_DIR, req.params.name));
});

app.get('/report', (req, res) => {
  const file = path.resolve(__dirname, 'reports', req.query.file);
  // ruleid: js-path-traversal-request-data
  fs.readFile(file, 'utf8', (err, data) => {
    if (err) return res.status(404).end();
    res.type('text/plain').send(data);
  });
});

app.get('/avatar', (req, res) => {
  // ruleid: js-path-traversal-request-data
  fs.createReadStream(`${UPLOAD_DIR}/avatars/${req.query.user}.png`).pipe(res);
});

app.delete('/files/:name', async (req, res) => {
  const { name } = req.params;
  // ruleid: js-path-traversal-request-data
  await fs.promises.unlink(UPLOAD_DIR + '/' + name);
  res.status(204).end();
});

app.get('/safe/files/:name', (req, res) => {
  // ok: js-path-traversal-request-data
  res.sendFile(path.join(UPLOAD_DIR, path.basename(req.params.name)));
});

app.get('/safe/thumb', (req, res) => {
  const { name } = req.query;
  // ok: js-path-traversal-request-data
  fs.createReadStream(path.join(UPLOAD_DIR, 'thumbs', path.basename(name))).pipe(res);
});

app.get('/safe/static/:name', (req, res) => {
  // ok: js-path-traversal-request-data
  res.sendFile(req.params.name, { root: UPLOAD_DIR });
});

app.get('/safe/report', (req, res) => {
  const file = path.resolve(UPLOAD_DIR, req.query.file);
  if (!file.startsWith(UPLOAD_DIR + path.sep)) {
    return res.status(400).send('bad path');
  }
  // ok: js-path-traversal-request-data
  fs.readFile(file, 'utf8', (err, data) => res.send(data));
});

app.get('/terms', (req, res) => {
  // ok: js-path-traversal-request-data
  res.sendFile(path.join(__dirname, 'static', 'terms.html'));
});

app.listen(3000);
