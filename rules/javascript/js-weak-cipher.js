const crypto = require('crypto');
const CryptoJS = require('crypto-js');

function legacyEncrypt(text, password) {
  // ruleid: js-weak-cipher
  const cipher = crypto.createCipher('aes-256-cbc', password);
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

function desEncrypt(text, key, iv) {
  // ruleid: js-weak-cipher
  const cipher = crypto.createCipheriv('des-ede3-cbc', key, iv);
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

function ecbEncrypt(block, key) {
  // ruleid: js-weak-cipher
  const cipher = crypto.createCipheriv('aes-128-ecb', key, null);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

function gcmEncrypt(text, key) {
  const iv = crypto.randomBytes(12);
  // ok: js-weak-cipher
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return { iv, data, tag: cipher.getAuthTag() };
}

function browserSide(text, key) {
  // ruleid: js-weak-cipher
  const a = CryptoJS.TripleDES.encrypt(text, key).toString();
  // ok: js-weak-cipher
  const b = CryptoJS.AES.encrypt(text, key).toString();
  // ruleid: js-weak-cipher
  const c = CryptoJS.AES.encrypt(text, key, { mode: CryptoJS.mode.ECB }).toString();
  return [a, b, c];
}
