package auth

import (
	"fmt"
	"net/http"

	"github.com/go-ldap/ldap/v3"
)

const baseDN = "ou=people,dc=example,dc=com"

func Lookup(conn *ldap.Conn, w http.ResponseWriter, r *http.Request) {
	user := r.FormValue("user")
	filter := fmt.Sprintf("(&(uid=%s)(objectClass=person))", user)
	// ruleid: go-taint-ldap-injection
	req := ldap.NewSearchRequest(baseDN, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, filter, []string{"dn"}, nil)
	res, err := conn.Search(req)
	if err != nil || len(res.Entries) != 1 {
		http.Error(w, "unknown user", http.StatusUnauthorized)
	}
}

func LookupSafe(conn *ldap.Conn, w http.ResponseWriter, r *http.Request) {
	user := ldap.EscapeFilter(r.FormValue("user"))
	filter := fmt.Sprintf("(&(uid=%s)(objectClass=person))", user)
	// ok: go-taint-ldap-injection
	req := ldap.NewSearchRequest(baseDN, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, filter, []string{"dn"}, nil)
	conn.Search(req)
}

func Groups(conn *ldap.Conn) {
	// ok: go-taint-ldap-injection
	req := ldap.NewSearchRequest(baseDN, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(objectClass=groupOfNames)", nil, nil)
	conn.Search(req)
}
