const express = require('express');
const { Pool } = require('pg');
const knex = require('knex')({ client: 'pg' });
const mysql = require('mysql2/promise');

const app = express();
const pool = new Pool();
const SORTS = { newest: 'created_at DESC', name: 'name ASC' };

app.get('/users', async (req, res) => {
  const name = req.query.name;
  // ruleid: js-taint-sql-injection
  const r = await pool.query(`SELECT id, email FROM users WHERE name = '${name}'`);
  res.json(r.rows);
});

app.get('/users-bound', async (req, res) => {
  // ok: js-taint-sql-injection
  const r = await pool.query('SELECT id, email FROM users WHERE name = $1', [req.query.name]);
  res.json(r.rows);
});

app.delete('/orders/:id', async (req, res) => {
  const sql = 'DELETE FROM orders WHERE id = ' + req.params.id;
  const conn = await mysql.createConnection(process.env.DATABASE_URL);
  // ruleid: js-taint-sql-injection
  await conn.execute(sql);
  res.sendStatus(204);
});

app.delete('/orders-numeric/:id', async (req, res) => {
  const id = Number(req.params.id);
  const conn = await mysql.createConnection(process.env.DATABASE_URL);
  // ok: js-taint-sql-injection
  await conn.execute('DELETE FROM orders WHERE id = ' + id);
  res.sendStatus(204);
});

function findByTag(tag) {
  // ruleid: js-taint-sql-injection
  return knex.raw("SELECT * FROM posts WHERE tags @> ARRAY['" + tag + "']");
}

app.get('/posts', async (req, res) => {
  const rows = await findByTag(req.query.tag);
  res.json(rows);
});

app.get('/posts-sorted', async (req, res) => {
  const order = SORTS[req.query.sort];
  if (!order) {
    return res.status(400).end();
  }
  // a value looked up in a constant table is one of the table's own values
  // ok: js-taint-sql-injection
  const rows = await knex.raw(`SELECT * FROM posts ORDER BY ${order}`);
  res.json(rows);
});

app.post('/search', async (req, res) => {
  const { term } = req.body;
  // destructured from the request body
  // ruleid: js-taint-sql-injection
  const rows = await sequelize.query(`SELECT * FROM products WHERE title LIKE '%${term}%' LIMIT 20`);
  res.json(rows);
});

app.post('/search-safe', async (req, res) => {
  // ok: js-taint-sql-injection
  const rows = await sequelize.query('SELECT * FROM products WHERE title LIKE :term', {
    replacements: { term: `%${req.body.term}%` },
  });
  res.json(rows);
});

app.get('/report', async (req, res) => {
  let where = 'FALSE';
  for (const region of req.query.regions.split(',')) {
    where += ` OR region = '${region}'`;
  }
  // ruleid: js-taint-sql-injection
  const r = await pool.query('SELECT * FROM sales WHERE ' + where);
  res.json(r.rows);
});

app.get('/report-list', async (req, res) => {
  const filters = [];
  for (const region of req.query.regions.split(',')) {
    filters.push(`'${region}'`);
  }
  // the pushed values taint the array, and its join
  // ruleid: js-taint-sql-injection
  const r = await pool.query('SELECT * FROM sales WHERE region IN (' + filters.join(',') + ')');
  res.json(r.rows);
});

app.get('/by-status', async (req, res) => {
  const status = req.query.status;
  if (!['open', 'closed'].includes(status)) {
    return res.status(400).end();
  }
  // ok: js-taint-sql-injection
  const r = await pool.query(`SELECT * FROM tickets WHERE status = '${status}'`);
  res.json(r.rows);
});

app.get('/stats', async (req, res) => {
  // ok: js-taint-sql-injection
  const r = await pool.query('SELECT count(*) FROM users');
  res.json(r.rows);
});
