const express = require('express');
const User = require('./models/user');
const Order = require('./models/order');

const router = express.Router();

router.post('/login', async (req, res) => {
  // ruleid: js-nosql-injection-request-object
  const user = await User.findOne({ email: req.body.email, password: req.body.password });
  if (!user) return res.status(401).end();
  res.json({ id: user.id });
});

router.post('/login/v2', async (req, res) => {
  const { username, password } = req.body;
  // ruleid: js-nosql-injection-request-object
  const user = await User.findOne({ username, password }).lean();
  res.json({ ok: Boolean(user) });
});

router.get('/orders', async (req, res) => {
  // ruleid: js-nosql-injection-request-object
  const orders = await Order.find(req.query).limit(50);
  res.json(orders);
});

router.post('/orders/cancel', async (req, res) => {
  const owner = req.body.owner;
  // ruleid: js-nosql-injection-request-object
  await Order.deleteMany({ owner: owner, status: 'pending' });
  res.status(204).end();
});

router.post('/login/safe', async (req, res) => {
  const email = String(req.body.email);
  // ok: js-nosql-injection-request-object
  const user = await User.findOne({ email: email });
  // ok: js-nosql-injection-request-object
  const other = await User.findOne({ email: String(req.body.email), active: true });
  // ok: js-nosql-injection-request-object
  const byId = await Order.findOne({ _id: req.params.id });
  // ok: js-nosql-injection-request-object
  const recent = await Order.find({ owner: req.user.id }).sort({ createdAt: -1 });
  res.json({ user, other, byId, recent });
});

router.get('/orders/search', async (req, res) => {
  const { status } = req.query;
  const allowed = ['pending', 'paid', 'shipped'];
  const filter = allowed.includes(status) ? { status } : {};
  // ok: js-nosql-injection-request-object
  const orders = await Order.find(filter);
  res.json(orders);
});

module.exports = router;
