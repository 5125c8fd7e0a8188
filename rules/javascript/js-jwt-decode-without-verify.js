const express = require('express');
const jwt = require('jsonwebtoken');
const jwksClient = require('jwks-rsa');

const router = express.Router();
const client = jwksClient({ jwksUri: 'https://auth.example.com/.well-known/jwks.json' });

function requireUser(req, res, next) {
  const token = (req.headers.authorization || '').split(' ')[1];
  // ruleid: js-jwt-decode-without-verify
  const claims = jwt.decode(token);
  if (!claims || !claims.sub) return res.status(401).end();
  req.userId = claims.sub;
  next();
}

router.get('/admin', async (req, res) => {
  // ruleid: js-jwt-decode-without-verify
  const { role } = jwt.decode(req.cookies.session) || {};
  if (role !== 'admin') return res.status(403).end();
  res.json(await loadDashboard());
});

router.get('/me', async (req, res) => {
  const token = req.cookies.session;
  // ok: js-jwt-decode-without-verify
  const { header } = jwt.decode(token, { complete: true });
  const key = await client.getSigningKey(header.kid);
  const claims = jwt.verify(token, key.getPublicKey(), { algorithms: ['RS256'] });
  res.json({ id: claims.sub });
});

function tokenExpiresSoon(token) {
  // ok: js-jwt-decode-without-verify
  const { exp } = jwt.decode(token);
  return exp * 1000 - Date.now() < 60000;
}

async function loadDashboard() {
  return {};
}

module.exports = { router, requireUser, tokenExpiresSoon };
