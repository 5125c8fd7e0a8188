const fs = require('fs');
const path = require('path');

const uploads = path.join(__dirname, 'uploads');

// ruleid: js-file-permissive-mode
fs.mkdirSync(uploads, { recursive: true, mode: 0o777 });
// ok: js-file-permissive-mode
fs.mkdirSync(uploads, { recursive: true, mode: 0o750 });

function saveKey(file, pem) {
  // ruleid: js-file-permissive-mode
  fs.writeFileSync(file, pem, { mode: 0o666 });
  // ok: js-file-permissive-mode
  fs.writeFileSync(file, pem, { mode: 0o600 });
}

function share(file) {
  // ruleid: js-file-permissive-mode
  fs.chmodSync(file, 0o777);
  // ruleid: js-file-permissive-mode
  fs.chmod(file, '666', () => {});
  // ok: js-file-permissive-mode
  fs.chmod(file, 0o644, () => {});
}

async function openLog(file) {
  // ruleid: js-file-permissive-mode
  return fs.promises.open(file, 'a', 0o666);
}
