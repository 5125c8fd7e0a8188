const crypto = require('crypto');
const bcrypt = require('bcrypt');
const md5 = require('md5');
const db = require('./db');

async function register(req, res) {
  // ruleid: js-weak-hash-password
  const hash = crypto.createHash('md5').update(req.body.password).digest('hex');
  await db.users.insert({ email: req.body.email, hash });
  res.status(201).end();
}

function hashPassword(plain) {
  // ruleid: js-weak-hash-password
  return crypto.createHash('sha1').update(plain, 'utf8').digest('base64');
}

async function checkLogin(user, password) {
  // ruleid: js-weak-hash-password
  return user.hash === md5(password + user.salt);
}

async function registerSafe(req, res) {
  // ok: js-weak-hash-password
  const hash = await bcrypt.hash(req.body.password, 12);
  await db.users.insert({ email: req.body.email, hash });
  res.status(201).end();
}

function etagFor(buffer) {
  // ok: js-weak-hash-password
  return crypto.createHash('md5').update(buffer).digest('hex');
}

function cacheKey(url) {
  // ok: js-weak-hash-password
  return md5(url);
}

module.exports = { register, hashPassword, checkLogin, registerSafe, etagFor, cacheKey };
