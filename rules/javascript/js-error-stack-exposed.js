const errorhandler = require('errorhandler');
const express = require('express');

const app = express();

if (process.env.NODE_ENV === 'development') {
  // ok: js-error-stack-exposed
  app.use(errorhandler());
}

// ruleid: js-error-stack-exposed
app.use(errorhandler());

app.get('/report', async (req, res) => {
  try {
    res.json(await buildReport(req.query.id));
  } catch (err) {
    // ruleid: js-error-stack-exposed
    res.status(500).send(err.stack);
  }
});

app.get('/export', async (req, res) => {
  try {
    res.json(await buildReport(req.query.id));
  } catch (err) {
    // ruleid: js-error-stack-exposed
    res.status(500).json({ message: err.message, stack: err.stack });
  }
});

app.use((err, req, res, next) => {
  console.error(err);
  // ok: js-error-stack-exposed
  res.status(500).json({ error: 'internal error' });
});

app.use((err, req, res, next) => {
  // ok: js-error-stack-exposed
  res.status(500).json(process.env.NODE_ENV === 'production' ? { error: 'internal' } : { stack: err.stack });
});

async function buildReport(id) {
  return { id };
}
