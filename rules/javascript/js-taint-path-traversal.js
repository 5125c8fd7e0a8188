const express = require('express');
const fs = require('fs');
const fsp = require('fs/promises');
const path = require('path');

const app = express();
const UPLOADS = path.join(__dirname, 'uploads');

app.get('/files/:name', (req, res) => {
  // ruleid: js-taint-path-traversal
  res.sendFile(path.join(UPLOADS, req.params.name));
});

app.get('/files-rooted/:name', (req, res) => {
  // ok: js-taint-path-traversal
  res.sendFile(req.params.name, { root: UPLOADS });
});

app.get('/avatar', async (req, res) => {
  const file = `${UPLOADS}/avatars/${req.query.user}.png`;
  // ruleid: js-taint-path-traversal
  const data = await fsp.readFile(file);
  res.type('png').send(data);
});

app.get('/avatar-basename', async (req, res) => {
  const file = path.join(UPLOADS, 'avatars', path.basename(req.query.user) + '.png');
  // ok: js-taint-path-traversal
  const data = await fsp.readFile(file);
  res.type('png').send(data);
});

function saveNote(name, text) {
  const target = path.resolve(UPLOADS, 'notes', name);
  // ruleid: js-taint-path-traversal
  fs.writeFileSync(target, text);
}

app.post('/notes', (req, res) => {
  saveNote(req.body.name, req.body.text);
  res.sendStatus(201);
});

function saveDraft(folder, name, text) {
  // the second parameter reaches the sink from the route below
  // ruleid: js-taint-path-traversal
  fs.writeFileSync(path.join(UPLOADS, folder, name), text);
}

app.post('/drafts', (req, res) => {
  saveDraft('drafts', req.body.name, req.body.text);
  res.sendStatus(201);
});

app.get('/contained', (req, res) => {
  const p = path.resolve(UPLOADS, req.query.path);
  if (!p.startsWith(UPLOADS + path.sep)) {
    return res.sendStatus(403);
  }
  // ok: js-taint-path-traversal
  fs.createReadStream(p).pipe(res);
});

app.delete('/exports', async (req, res) => {
  for (const name of req.body.names) {
    // ruleid: js-taint-path-traversal
    await fs.promises.unlink(path.join(UPLOADS, 'exports', name));
  }
  res.sendStatus(204);
});

app.get('/report/:id', (req, res) => {
  // ok: js-taint-path-traversal
  res.download(path.join(UPLOADS, 'reports', `${Number(req.params.id)}.pdf`));
});

app.get('/terms', (req, res) => {
  // ok: js-taint-path-traversal
  res.sendFile(path.join(__dirname, 'static', 'terms.html'));
});

app.post('/bundle', (req, res) => {
  // each callback parameter carries the taint of the array
  req.body.files.forEach((name) => {
    // ruleid: js-taint-path-traversal
    fs.readFileSync(`/srv/shared/${name}`);
  });
  ['a.txt', 'b.txt'].forEach((name) => {
    // ok: js-taint-path-traversal
    fs.readFileSync(`/srv/shared/${name}`);
  });
});
