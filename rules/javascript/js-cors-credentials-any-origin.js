const express = require('express');
const cors = require('cors');
const http = require('http');
const { Server } = require('socket.io');

const app = express();

// ruleid: js-cors-credentials-any-origin
app.use(cors({ origin: true, credentials: true }));

const corsOptions = {
  credentials: true,
  // ruleid: js-cors-credentials-any-origin
  origin: (origin, callback) => callback(null, true),
  methods: ['GET', 'POST'],
};
app.use('/api', cors(corsOptions));

const server = http.createServer(app);
// ruleid: js-cors-credentials-any-origin
const io = new Server(server, { cors: { origin: '*', credentials: true } });

app.use('/legacy', (req, res, next) => {
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  // ruleid: js-cors-credentials-any-origin
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
  next();
});

const ALLOWED = ['https://app.example.com', 'https://admin.example.com'];
// ok: js-cors-credentials-any-origin
app.use('/v2', cors({ origin: ALLOWED, credentials: true }));
// ok: js-cors-credentials-any-origin
app.use('/public', cors({ origin: '*' }));
app.use('/v3', cors({
  // ok: js-cors-credentials-any-origin
  origin: (origin, callback) => callback(null, ALLOWED.includes(origin)),
  credentials: true,
}));

app.use('/embed', (req, res, next) => {
  // ok: js-cors-credentials-any-origin
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
  res.setHeader('Vary', 'Origin');
  next();
});

module.exports = { app, io };
