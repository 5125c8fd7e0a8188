const https = require('https');
const axios = require('axios');
const fs = require('fs');
const { Pool } = require('pg');

// ruleid: js-tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

const insecureAgent = new https.Agent({
  keepAlive: true,
  // ruleid: js-tls-verification-disabled
  rejectUnauthorized: false,
});

async function fetchInventory() {
  const res = await axios.get('https://inventory.internal/api/items', { httpsAgent: insecureAgent });
  return res.data;
}

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  // ruleid: js-tls-verification-disabled
  ssl: { rejectUnauthorized: false },
});

function legacyClient(options) {
  const agent = new https.Agent(options);
  // ruleid: js-tls-verification-disabled
  agent.options.rejectUnauthorized = false;
  return agent;
}

const trustedAgent = new https.Agent({
  ca: fs.readFileSync('/etc/ssl/internal-ca.pem'),
  // ok: js-tls-verification-disabled
  rejectUnauthorized: true,
});

const securePool = new Pool({
  connectionString: process.env.DATABASE_URL,
  // ok: js-tls-verification-disabled
  ssl: { ca: fs.readFileSync('/etc/ssl/rds-ca.pem').toString() },
});

// ok: js-tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';

module.exports = { fetchInventory, pool, legacyClient, trustedAgent, securePool };
