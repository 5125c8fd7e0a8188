package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

const usersTable = "users"

type Store struct {
	db   *sql.DB
	gorm *gorm.DB
}

func (s *Store) FindByName(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go-sql-string-format
	rows, err := s.db.Query(fmt.Sprintf("SELECT id, email FROM users WHERE name = '%s'", name))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}

func (s *Store) DeleteSession(ctx context.Context, token string) error {
	// ruleid: go-sql-string-format
	_, err := s.db.ExecContext(ctx, "DELETE FROM sessions WHERE token = '"+token+"'")
	return err
}

func (s *Store) ListSorted(ctx context.Context, column, dir string) (*sql.Rows, error) {
	query := fmt.Sprintf("SELECT id, title FROM posts ORDER BY %s %s", column, dir)
	// ruleid: go-sql-string-format
	return s.db.QueryContext(ctx, query)
}

func (s *Store) FindGorm(email string) (map[string]any, error) {
	var out map[string]any
	// ruleid: go-sql-string-format
	err := s.gorm.Table("users").Where(fmt.Sprintf("email = '%s'", email)).Take(&out).Error
	return out, err
}

func (s *Store) FindByNameSafe(ctx context.Context, name string) (*sql.Rows, error) {
	// ok: go-sql-string-format
	return s.db.QueryContext(ctx, "SELECT id, email FROM users WHERE name = $1", name)
}

func (s *Store) FindMany(ctx context.Context, ids []int64) (*sql.Rows, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	placeholders := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	// ok: go-sql-string-format
	return s.db.QueryContext(ctx, fmt.Sprintf("SELECT id, title FROM posts WHERE id IN (%s)", placeholders), args...)
}

func (s *Store) FindInTable(ctx context.Context, id int64) *sql.Row {
	// ok: go-sql-string-format
	return s.db.QueryRowContext(ctx, fmt.Sprintf("SELECT id, email FROM %s WHERE id = ?", usersTable), id)
}

func (s *Store) Page(ctx context.Context, limit, offset int) (*sql.Rows, error) {
	// ok: go-sql-string-format
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf("SELECT id FROM posts ORDER BY id LIMIT %d OFFSET %d", limit, offset))
	if err != nil {
		return nil, err
	}
	// ok: go-sql-string-format
	_, err = s.db.ExecContext(ctx, "UPDATE stats SET views = views + 1 WHERE page = "+strconv.Itoa(offset/limit))
	return rows, err
}

func (s *Store) FindGormSafe(email string) error {
	var out map[string]any
	// ok: go-sql-string-format
	return s.gorm.Table("users").Where("email = ?", email).Take(&out).Error
}
