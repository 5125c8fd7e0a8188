const express = require('express');
const { MongoClient, ObjectId } = require('mongodb');
const User = require('./models/user');

const app = express();
app.use(express.json());
const client = new MongoClient(process.env.MONGO_URL);
const orders = client.db('shop').collection('orders');

app.post('/login', async (req, res) => {
  // ruleid: js-taint-nosql-injection
  const user = await User.findOne({ email: req.body.email, password: req.body.password });
  if (!user) return res.status(401).end();
  res.json({ id: user.id });
});

app.post('/login-coerced', async (req, res) => {
  const email = String(req.body.email);
  const password = String(req.body.password);
  // ok: js-taint-nosql-injection
  const user = await User.findOne({ email: email, password: password });
  if (!user) return res.status(401).end();
  res.json({ id: user.id });
});

app.get('/orders', async (req, res) => {
  const filter = { customer: req.query.customer, status: 'open' };
  // ruleid: js-taint-nosql-injection
  const list = await orders.find(filter).toArray();
  res.json(list);
});

app.get('/orders/:id', async (req, res) => {
  // ok: js-taint-nosql-injection
  const order = await orders.findOne({ _id: new ObjectId(req.params.id) });
  res.json(order);
});

function removeDrafts(owner) {
  // ruleid: js-taint-nosql-injection
  return orders.deleteMany({ owner: owner, state: 'draft' });
}

app.post('/drafts/clear', async (req, res) => {
  await removeDrafts(req.body.owner);
  res.sendStatus(204);
});

app.get('/search', async (req, res) => {
  const minTotal = req.query.min;
  // ruleid: js-taint-nosql-injection
  const list = await orders.find({ $where: `this.total > ${minTotal}` }).toArray();
  res.json(list);
});

app.get('/search-safe', async (req, res) => {
  // ok: js-taint-nosql-injection
  const list = await orders.find({ total: { $gt: Number(req.query.min) } }).toArray();
  res.json(list);
});

app.get('/tags', (req, res) => {
  const tags = ['new', 'sale', 'clearance'];
  // ok: js-taint-nosql-injection
  const tag = tags.find((t) => t === req.query.tag);
  res.json({ tag });
});

app.get('/recent', async (req, res) => {
  // ok: js-taint-nosql-injection
  const list = await orders.find({ status: 'open' }).sort({ createdAt: -1 }).limit(20).toArray();
  res.json(list);
});
