package handlers

import (
	"database/sql"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type Server struct {
	db   *sql.DB
	gorm *gorm.DB
}

var sortColumns = map[string]string{"new": "created_at DESC", "name": "name ASC"}

func (s *Server) Search(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go-taint-sql-injection
	rows, err := s.db.Query(fmt.Sprintf("SELECT id, email FROM users WHERE name = '%s'", name))
	if err != nil {
		http.Error(w, "db error", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	// ok: go-taint-sql-injection
	rows2, err := s.db.Query("SELECT id, email FROM users WHERE name = $1", name)
	if err == nil {
		rows2.Close()
	}
}

func (s *Server) Delete(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	query := "DELETE FROM orders WHERE id = " + id
	// ruleid: go-taint-sql-injection
	if _, err := s.db.ExecContext(r.Context(), query); err != nil {
		http.Error(w, "db error", http.StatusInternalServerError)
	}
}

func (s *Server) DeleteNumeric(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.FormValue("id"))
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	// ok: go-taint-sql-injection
	s.db.ExecContext(r.Context(), fmt.Sprintf("DELETE FROM orders WHERE id = %d", id))
}

func (s *Server) Sorted(w http.ResponseWriter, r *http.Request) {
	col, ok := sortColumns[r.URL.Query().Get("sort")]
	if !ok {
		col = "id"
	}
	// ok: go-taint-sql-injection
	s.db.Query("SELECT id FROM posts ORDER BY " + col)
}

func (s *Server) GinFind(c *gin.Context) {
	email := c.Query("email")
	var out []map[string]any
	// ruleid: go-taint-sql-injection
	s.gorm.Table("users").Where("email = '" + email + "'").Find(&out)
	// ok: go-taint-sql-injection
	s.gorm.Table("users").Where("email = ?", email).Find(&out)
	c.JSON(http.StatusOK, out)
}

func (s *Server) Report(day string) (*sql.Rows, error) {
	// ok: go-taint-sql-injection
	return s.db.Query(fmt.Sprintf("SELECT * FROM events WHERE day = '%s'", day))
}

// cases from the first version of this rule
var sortable = map[string]bool{"name": true, "created": true}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	q := fmt.Sprintf("SELECT id FROM users WHERE name = '%s'", name)
	// ruleid: go-taint-sql-injection
	rows, _ := s.db.Query(q)
	defer rows.Close()
}

func (s *Server) sorted(w http.ResponseWriter, r *http.Request) {
	col := r.FormValue("sort")
	if col == "" {
		col = "name"
	}
	// ruleid: go-taint-sql-injection
	s.db.QueryContext(r.Context(), "SELECT id FROM users ORDER BY "+col)
}

func (s *Server) bound(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ok: go-taint-sql-injection
	s.db.Query("SELECT id FROM users WHERE name = $1", name)
}

func (s *Server) allowListed(w http.ResponseWriter, r *http.Request) {
	col := r.FormValue("sort")
	if !sortable[col] {
		http.Error(w, "bad sort", http.StatusBadRequest)
		return
	}
	// ok: go-taint-sql-injection
	s.db.QueryContext(r.Context(), "SELECT id FROM users ORDER BY "+col)
}

func (s *Server) numeric(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.FormValue("limit"))
	// ok: go-taint-sql-injection
	s.db.Query(fmt.Sprintf("SELECT id FROM users LIMIT %d", n))
}
