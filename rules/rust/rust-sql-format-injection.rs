use rusqlite::{params, Connection};
use sqlx::PgPool;

pub struct User {
    pub id: i64,
    pub email: String,
}

pub async fn find_user(pool: &PgPool, email: &str) -> sqlx::Result<Vec<sqlx::postgres::PgRow>> {
    // ruleid: rust-sql-format-injection
    sqlx::query(&format!("SELECT id, email FROM users WHERE email = '{}'", email))
        .fetch_all(pool)
        .await
}

pub fn delete_session(conn: &Connection, token: &str) -> rusqlite::Result<usize> {
    let sql = format!("DELETE FROM sessions WHERE token = '{token}'");
    // ruleid: rust-sql-format-injection
    conn.execute(&sql, [])
}

pub fn sorted(conn: &Connection, column: &str) -> rusqlite::Result<rusqlite::Statement<'_>> {
    // ruleid: rust-sql-format-injection
    conn.prepare(format!("SELECT id, email FROM users ORDER BY {}", column).as_str())
}

pub async fn find_user_safely(pool: &PgPool, email: &str) -> sqlx::Result<Vec<sqlx::postgres::PgRow>> {
    // ok: rust-sql-format-injection
    sqlx::query("SELECT id, email FROM users WHERE email = $1")
        .bind(email)
        .fetch_all(pool)
        .await
}

pub fn delete_session_safely(conn: &Connection, token: &str) -> rusqlite::Result<usize> {
    // ok: rust-sql-format-injection
    conn.execute("DELETE FROM sessions WHERE token = ?1", params![token])
}

pub fn log_line(user: &User) -> String {
    // ok: rust-sql-format-injection
    let msg = format!("user {} logged in", user.id);
    msg
}
