const express = require('express');
const _ = require('lodash');
const escapeStringRegexp = require('escape-string-regexp');
const Product = require('./models/product');

const router = express.Router();

router.get('/products', async (req, res) => {
  // ruleid: js-regexp-injection
  const filter = { name: new RegExp(req.query.search, 'i') };
  res.json(await Product.find(filter));
});

router.get('/users/:prefix', (req, res) => {
  // ruleid: js-regexp-injection
  const re = RegExp(`^${req.params.prefix}`);
  res.json(req.app.locals.users.filter((u) => re.test(u.name)));
});

router.get('/logs', (req, res) => {
  const { pattern } = req.query;
  // ruleid: js-regexp-injection
  const matcher = new RegExp('\\b' + pattern + '\\b', 'g');
  res.json(req.app.locals.logLines.filter((l) => matcher.test(l)));
});

router.get('/safe/products', async (req, res) => {
  // ok: js-regexp-injection
  const filter = { name: new RegExp(escapeStringRegexp(req.query.search), 'i') };
  res.json(await Product.find(filter));
});

router.get('/safe/logs', (req, res) => {
  const { pattern } = req.query;
  // ok: js-regexp-injection
  const matcher = new RegExp(`\\b${_.escapeRegExp(pattern)}\\b`, 'g');
  // ok: js-regexp-injection
  const sku = new RegExp('^SKU-\\d{6}$');
  res.json(req.app.locals.logLines.filter((l) => matcher.test(l) || sku.test(l)));
});

module.exports = router;
