const express = require('express');
const vm = require('vm');

const app = express();
const OPS = { sum: (a, b) => a + b, max: Math.max };

app.get('/calc', (req, res) => {
  const expr = req.query.expr;
  // ruleid: js-taint-code-injection
  res.json({ result: eval(expr) });
});

app.get('/calc-safe', (req, res) => {
  const op = OPS[req.query.op] || OPS.sum;
  // ok: js-taint-code-injection
  res.json({ result: op(Number(req.query.a), Number(req.query.b)) });
});

app.post('/rules', (req, res) => {
  // ruleid: js-taint-code-injection
  const check = new Function('order', 'return ' + req.body.condition);
  // ruleid: js-taint-code-injection
  const out = vm.runInNewContext(req.body.script, { order: {} });
  res.json({ ok: check({}), out });
});

app.get('/later', (req, res) => {
  // ok: js-taint-code-injection
  setTimeout(() => console.log(req.query.msg), 1000);
  res.end();
});

function compileTemplate(src) {
  // ok: js-taint-code-injection
  return new Function('data', 'return `' + src + '`');
}
