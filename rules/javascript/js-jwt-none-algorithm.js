const jwt = require('jsonwebtoken');
const { expressjwt } = require('express-jwt');

const SECRET = process.env.JWT_SECRET;

function authenticate(req, res, next) {
  const token = (req.headers.authorization || '').replace(/^Bearer /, '');
  try {
    // ruleid: js-jwt-none-algorithm
    req.user = jwt.verify(token, SECRET, { algorithms: ['HS256', 'none'] });
    next();
  } catch (err) {
    res.status(401).json({ error: 'invalid token' });
  }
}

const requireAuth = expressjwt({
  secret: SECRET,
  // ruleid: js-jwt-none-algorithm
  algorithms: ['none'],
});

function issueTestToken(user) {
  // ruleid: js-jwt-none-algorithm
  return jwt.sign({ sub: user.id }, '', { algorithm: 'none' });
}

function authenticateSafe(req, res, next) {
  const token = (req.headers.authorization || '').replace(/^Bearer /, '');
  // ok: js-jwt-none-algorithm
  req.user = jwt.verify(token, SECRET, { algorithms: ['HS256'] });
  next();
}

function issueToken(user) {
  // ok: js-jwt-none-algorithm
  return jwt.sign({ sub: user.id }, SECRET, { algorithm: 'HS256', expiresIn: '1h' });
}

module.exports = { authenticate, requireAuth, issueTestToken, authenticateSafe, issueToken };
