const express = require('express');
const libxmljs = require('libxmljs');

const app = express();
app.use(express.text({ type: 'application/xml' }));

app.post('/import', (req, res) => {
  // ruleid: js-xxe-libxml-noent
  const doc = libxmljs.parseXml(req.body, { noent: true, noblanks: true });
  res.send(doc.root().text());
});

app.post('/import-safe', (req, res) => {
  // ok: js-xxe-libxml-noent
  const doc = libxmljs.parseXml(req.body, { noblanks: true });
  res.send(doc.root().text());
});

app.post('/import-dtd', (req, res) => {
  // ruleid: js-xxe-libxml-noent
  const doc = libxmljs.parseXmlString(req.body, { dtdload: true });
  // ok: js-xxe-libxml-noent
  const doc2 = libxmljs.parseXmlString(req.body, { noent: false });
  res.send(String(doc.errors.length + doc2.errors.length));
});
