const { exec, execFile } = require('child_process');
const express = require('express');

const app = express();

function convert(input, target) {
  // ruleid: js-taint-command-injection
  exec(`soffice --headless --convert-to ${target} ${input}`, () => {});
}

app.post('/documents/:id/convert', (req, res) => {
  convert(`/srv/docs/${Number(req.params.id)}.docx`, req.query.to);
  res.sendStatus(202);
});

app.get('/ping', (req, res) => {
  const host = req.query.host;
  // ruleid: js-taint-command-injection
  require('child_process').exec('ping -c 1 ' + host, (err, out) => res.send(out));
});

app.get('/ping-safe', (req, res) => {
  // ok: js-taint-command-injection
  execFile('ping', ['-c', '1', req.query.host], (err, out) => res.send(out));
});

app.get('/uptime', (req, res) => {
  // ok: js-taint-command-injection
  exec('uptime', (err, out) => res.send(out));
});
