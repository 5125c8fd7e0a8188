const express = require('express');
const _ = require('lodash');
const User = require('./models/user');

const app = express();
app.use(express.json());

app.post('/signup', async (req, res) => {
  // ruleid: js-taint-mass-assignment
  const user = await User.create(req.body);
  res.status(201).json({ id: user.id });
});

app.post('/signup-safe', async (req, res) => {
  // ok: js-taint-mass-assignment
  const user = await User.create({ name: req.body.name, email: req.body.email });
  res.status(201).json({ id: user.id });
});

app.patch('/users/:id', async (req, res) => {
  // ruleid: js-taint-mass-assignment
  await User.findByIdAndUpdate(req.params.id, req.body);
  // ok: js-taint-mass-assignment
  await User.findByIdAndUpdate(req.params.id, _.pick(req.body, ['name', 'bio']));
  res.sendStatus(204);
});

app.put('/me', async (req, res) => {
  const me = await User.findById(req.user.id);
  // ruleid: js-taint-mass-assignment
  Object.assign(me, req.body);
  await me.save();
  res.sendStatus(204);
});

app.post('/drafts', async (req, res) => {
  const draft = { ...req.body, owner: req.user.id };
  // ruleid: js-taint-mass-assignment
  const doc = new User(draft);
  // ok: js-taint-mass-assignment
  const other = new User({ name: String(req.body.name) });
  res.json({ id: doc.id, other: other.id });
});

function seed(defaults) {
  // ok: js-taint-mass-assignment
  return User.create(defaults);
}

function proxyFetch(request) {
  // ok: js-taint-mass-assignment
  return new Promise((resolve) => resolve(request.body));
}
