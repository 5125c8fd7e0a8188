const express = require('express');
const vm = require('vm');

const app = express();
const PRELUDE = 'const PI = 3.14159;';

app.get('/calc', (req, res) => {
  // ruleid: js-eval-injection
  const result = eval(req.query.expr);
  res.json({ result });
});

app.post('/rules', (req, res) => {
  const { field, op, value } = req.body;
  // ruleid: js-eval-injection
  const predicate = new Function('row', `return row.${field} ${op} ${JSON.stringify(value)};`);
  res.json({ ok: predicate({ a: 1 }) });
});

app.post('/template', (req, res) => {
  const sandbox = { user: req.user, out: '' };
  // ruleid: js-eval-injection
  vm.runInNewContext(req.body.template, sandbox, { timeout: 50 });
  res.send(sandbox.out);
});

function scheduleReminder(userId, delay) {
  // ruleid: js-eval-injection
  setTimeout('sendReminder("' + userId + '")', delay);
}

function compileReport(source) {
  // ruleid: js-eval-injection
  return new vm.Script(source, { filename: 'report.js' });
}

function safeParts(req) {
  // ok: js-eval-injection
  const data = JSON.parse(req.body.payload);
  // ok: js-eval-injection
  const add = new Function('a', 'b', 'return a + b');
  // ok: js-eval-injection
  setTimeout(() => sendReminder(req.user.id), 1000);
  // ok: js-eval-injection
  const ctx = vm.runInNewContext(PRELUDE, {});
  // ok: js-eval-injection
  const v = eval(`1 + 2`);
  // ok: js-eval-injection
  const pattern = /\d+/.exec(req.query.q);
  return { data, add, ctx, v, pattern };
}

function sendReminder(id) {
  return id;
}

app.listen(3000);
module.exports = { scheduleReminder, compileReport, safeParts };
