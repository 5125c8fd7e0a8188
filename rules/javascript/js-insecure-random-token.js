const crypto = require('crypto');
const db = require('./db');

async function requestPasswordReset(email) {
  // ruleid: js-insecure-random-token
  const resetToken = Math.random().toString(36).substring(2) + Date.now().toString(36);
  await db.resets.insert({ email, resetToken, expires: Date.now() + 3600e3 });
  return resetToken;
}

function generateOtp() {
  // ruleid: js-insecure-random-token
  return String(Math.floor(100000 + Math.random() * 900000));
}

class SessionStore {
  create(userId) {
    const session = {
      userId,
      // ruleid: js-insecure-random-token
      sessionId: Math.random().toString(16).slice(2),
    };
    // ruleid: js-insecure-random-token
    this.csrfSecret = Math.random().toString(36);
    return session;
  }
}

function retryDelay(attempt) {
  // ok: js-insecure-random-token
  const jitter = Math.random() * 250;
  return 2 ** attempt * 100 + jitter;
}

async function requestPasswordResetSafe(email) {
  // ok: js-insecure-random-token
  const resetToken = crypto.randomBytes(32).toString('hex');
  // ok: js-insecure-random-token
  const otp = crypto.randomInt(100000, 1000000);
  await db.resets.insert({ email, resetToken, otp });
  return resetToken;
}

function pickColor(colors) {
  // ok: js-insecure-random-token
  return colors[Math.floor(Math.random() * colors.length)];
}

module.exports = { requestPasswordReset, generateOtp, SessionStore, retryDelay, requestPasswordResetSafe, pickColor };
