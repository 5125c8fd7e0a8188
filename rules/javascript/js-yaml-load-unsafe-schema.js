const fs = require('fs');
const express = require('express');
const yaml = require('js-yaml');
const jsTypes = require('js-yaml-js-types');

const app = express();
const unsafeSchema = yaml.DEFAULT_SCHEMA.extend(jsTypes.all);

app.post('/pipelines', express.text({ type: 'application/yaml' }), (req, res) => {
  // ruleid: js-yaml-load-unsafe-schema
  const pipeline = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA });
  res.json({ steps: pipeline.steps.length });
});

app.post('/pipelines/v2', express.text({ type: 'application/yaml' }), (req, res) => {
  // ruleid: js-yaml-load-unsafe-schema
  const docs = yaml.loadAll(req.body, null, { schema: unsafeSchema });
  res.json({ count: docs.length });
});

app.post('/pipelines/safe', express.text({ type: 'application/yaml' }), (req, res) => {
  // ok: js-yaml-load-unsafe-schema
  const pipeline = yaml.load(req.body);
  // ok: js-yaml-load-unsafe-schema
  const strict = yaml.load(req.body, { schema: yaml.CORE_SCHEMA, json: true });
  // ok: js-yaml-load-unsafe-schema
  const local = yaml.load(fs.readFileSync('defaults.yml', 'utf8'), { schema: yaml.DEFAULT_SCHEMA });
  res.json({ pipeline, strict, local });
});

app.listen(3000);
