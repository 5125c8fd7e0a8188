const express = require('express');
const { exec, execSync, spawn, execFile } = require('child_process');
const cp = require('child_process');
const util = require('util');

const execAsync = util.promisify(exec);
const BACKUP_CMD = 'tar czf /var/backups/site.tgz /srv/site';
const router = express.Router();

router.get('/thumbnail', (req, res) => {
  const file = req.query.file;
  // ruleid: js-child-process-shell-injection
  exec(`convert uploads/${file} -resize 200x200 thumbs/${file}`, (err, stdout) => {
    if (err) return res.status(500).send('failed');
    res.sendFile(`thumbs/${file}`, { root: __dirname });
  });
});

router.post('/ping', (req, res) => {
  // ruleid: js-child-process-shell-injection
  const out = cp.execSync('ping -c 1 ' + req.body.host).toString();
  res.send(out);
});

router.post('/ping-safe', (req, res) => {
  // ok: js-child-process-shell-injection
  execFile('ping', ['-c', '1', '--', req.body.host], (err, stdout) => res.send(stdout));
});

async function gitLog(branch) {
  const cmd = 'git log --oneline ' + branch;
  // ruleid: js-child-process-shell-injection
  const { stdout } = await execAsync(cmd);
  return stdout;
}

function archive(name) {
  // ruleid: js-child-process-shell-injection
  return spawn('tar', ['czf', `/tmp/${name}.tgz`, name], { shell: true });
}

function archiveSafe(name) {
  // ok: js-child-process-shell-injection
  return spawn('tar', ['czf', `/tmp/${name}.tgz`, name]);
}

function runUserScript(script) {
  // ruleid: js-child-process-shell-injection
  return require('child_process').execSync(script, { encoding: 'utf8' });
}

function backup() {
  // ok: js-child-process-shell-injection
  execSync(BACKUP_CMD);
  // ok: js-child-process-shell-injection
  execSync('df -h /srv', { encoding: 'utf8' });
  // ok: js-child-process-shell-injection
  cp.exec(`uptime`);
  // ok: js-child-process-shell-injection
  spawn('ls -la /srv', { shell: true });
  // ok: js-child-process-shell-injection
  spawn('du', ['-sh', '/srv'], { shell: '/bin/bash' });
}

function matchVersion(line) {
  const re = /v(\d+)\.(\d+)/;
  // ok: js-child-process-shell-injection
  return re.exec(line);
}

module.exports = { router, gitLog, archive, archiveSafe, runUserScript, backup, matchVersion };
