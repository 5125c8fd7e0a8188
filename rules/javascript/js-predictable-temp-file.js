const fs = require('fs');
const os = require('os');
const path = require('path');

function exportReport(csv) {
  // ruleid: js-predictable-temp-file
  fs.writeFileSync('/tmp/report.csv', csv);
}

async function exportReportSafe(csv) {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'report-'));
  // ok: js-predictable-temp-file
  await fs.promises.writeFile(path.join(dir, 'report.csv'), csv);
}

function cachePath() {
  // ruleid: js-predictable-temp-file
  return fs.createWriteStream(path.join(os.tmpdir(), 'app-cache.json'));
}

function lock() {
  // ok: js-predictable-temp-file
  return fs.openSync('/tmp/app.lock', 'wx');
}

function scratch(name, data) {
  // ruleid: js-predictable-temp-file
  fs.writeFileSync(`/tmp/${name}.json`, data);
}

function config(data) {
  // ok: js-predictable-temp-file
  fs.writeFileSync('/etc/app/config.json', data);
}
