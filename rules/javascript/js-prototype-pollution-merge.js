const express = require('express');
const _ = require('lodash');
const merge = require('merge');

const app = express();
app.use(express.json());

const defaults = { theme: 'light', notifications: { email: true } };
const settingsByUser = {};

app.post('/settings', (req, res) => {
  // ruleid: js-prototype-pollution-merge
  const settings = _.merge({}, defaults, req.body);
  settingsByUser[req.user.id] = settings;
  res.json(settings);
});

app.patch('/settings/field', (req, res) => {
  const { path, value } = req.body;
  // ruleid: js-prototype-pollution-merge
  _.set(settingsByUser[req.user.id], path, value);
  res.status(204).end();
});

app.post('/import', (req, res) => {
  // ruleid: js-prototype-pollution-merge
  const config = merge.recursive(true, defaults, JSON.parse(req.body.config));
  res.json(config);
});

app.put('/prefs', (req, res) => {
  const prefs = settingsByUser[req.user.id] || {};
  // ruleid: js-prototype-pollution-merge
  prefs[req.body.section][req.body.key] = req.body.value;
  res.status(204).end();
});

const ALLOWED_FIELDS = ['theme', 'notifications.email', 'notifications.sms'];

app.patch('/safe/settings/field', (req, res) => {
  const { path, value } = req.body;
  if (!ALLOWED_FIELDS.includes(path)) {
    return res.status(400).end();
  }
  // ok: js-prototype-pollution-merge
  _.set(settingsByUser[req.user.id], path, value);
  res.status(204).end();
});

app.post('/safe/settings', (req, res) => {
  const { theme, notifications } = req.body;
  // ok: js-prototype-pollution-merge
  const settings = _.merge({}, defaults, { theme: String(theme), notifications: { email: Boolean(notifications && notifications.email) } });
  // ok: js-prototype-pollution-merge
  _.set(settings, 'meta.updatedBy', req.user.id);
  res.json(settings);
});

app.listen(3000);
