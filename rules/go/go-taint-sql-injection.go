package api

import (
	"fmt"
	"net/http"
	"strconv"
)

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
