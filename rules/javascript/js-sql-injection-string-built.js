const express = require('express');
const { Pool } = require('pg');
const mysql = require('mysql2/promise');
const { PrismaClient, Prisma } = require('@prisma/client');
const { query } = require('./db');

const pool = new Pool();
const prisma = new PrismaClient();
const USERS_TABLE = 'app_users';
const app = express();

app.get('/orders', async (req, res) => {
  // ruleid: js-sql-injection-string-built
  const { rows } = await pool.query(`SELECT * FROM orders WHERE customer = '${req.query.customer}'`);
  res.json(rows);
});

app.post('/login', async (req, res) => {
  const conn = await mysql.createConnection(process.env.DATABASE_URL);
  const sql = "SELECT id FROM users WHERE email = '" + req.body.email + "' AND password_hash = '" + req.body.hash + "'";
  // ruleid: js-sql-injection-string-built
  const [rows] = await conn.execute(sql);
  res.json({ ok: rows.length > 0 });
});

app.get('/search', async (req, res) => {
  let sql = 'SELECT id, title FROM posts WHERE published = true';
  if (req.query.author) {
    sql += ` AND author = '${req.query.author}'`;
  }
  // ruleid: js-sql-injection-string-built
  const result = await query(sql);
  res.json(result.rows);
});

async function findUser(id) {
  // ruleid: js-sql-injection-string-built
  return prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE id = ${id}`);
}

async function sortedPosts(knex, column) {
  // ruleid: js-sql-injection-string-built
  return knex.raw('SELECT * FROM posts ORDER BY ' + column + ' DESC');
}

async function safeQueries(req, conn, knex, ids) {
  // ok: js-sql-injection-string-built
  await pool.query('SELECT * FROM orders WHERE customer = $1', [req.query.customer]);
  // ok: js-sql-injection-string-built
  await conn.execute('SELECT id FROM users WHERE email = ? AND password_hash = ?', [req.body.email, req.body.hash]);
  // ok: js-sql-injection-string-built
  await prisma.$queryRaw`SELECT * FROM "User" WHERE id = ${req.params.id}`;
  // ok: js-sql-injection-string-built
  await prisma.$queryRaw(Prisma.sql`SELECT * FROM "User" WHERE email = ${req.body.email}`);
  const placeholders = ids.map(() => '?').join(', ');
  // ok: js-sql-injection-string-built
  await conn.query(`SELECT * FROM products WHERE id IN (${placeholders})`, ids);
  // ok: js-sql-injection-string-built
  await pool.query(`SELECT * FROM ${USERS_TABLE} WHERE id = $1`, [req.params.id]);
  // ok: js-sql-injection-string-built
  await knex.raw('SELECT * FROM posts WHERE author = ?', [req.query.author]);
  // ok: js-sql-injection-string-built
  await pool.query('SELECT * FROM posts LIMIT ' + Number(req.query.limit));
  // ok: js-sql-injection-string-built
  const m = /^(\d+)-(\w+)$/.exec(req.query.ref + '-x');
  return m;
}

module.exports = { app, findUser, sortedPosts, safeQueries };
