package auth

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
)

var destinations = map[string]string{"billing": "/account/billing", "home": "/"}

func AfterLogin(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	if next == "" {
		next = "/"
	}
	// ruleid: go-taint-open-redirect
	http.Redirect(w, r, next, http.StatusFound)
}

func isLocalPath(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/") && !strings.HasPrefix(u.Path, "//")
}

func AfterLoginChecked(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	if !isLocalPath(next) {
		next = "/"
	}
	// the guard replaces an invalid value: afterwards next is local or "/"
	// ok: go-taint-open-redirect
	http.Redirect(w, r, next, http.StatusFound)
}

func AfterLoginReject(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	if !isLocalPath(next) {
		http.Error(w, "bad redirect", http.StatusBadRequest)
		return
	}
	// ok: go-taint-open-redirect
	http.Redirect(w, r, next, http.StatusFound)
}

func Logout(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-taint-open-redirect
	w.Header().Set("Location", r.FormValue("return_to")+"?logged_out=1")
	w.WriteHeader(http.StatusSeeOther)
}

func OrderView(w http.ResponseWriter, r *http.Request) {
	// ok: go-taint-open-redirect
	http.Redirect(w, r, "/orders/"+r.PathValue("id"), http.StatusFound)
}

func Search(w http.ResponseWriter, r *http.Request) {
	// ok: go-taint-open-redirect
	http.Redirect(w, r, "https://search.example.com/?q="+url.QueryEscape(r.FormValue("q")), http.StatusFound)
}

func bounce(w http.ResponseWriter, r *http.Request, target string) {
	// ruleid: go-taint-open-redirect
	http.Redirect(w, r, target, http.StatusTemporaryRedirect)
}

func Out(w http.ResponseWriter, r *http.Request) {
	bounce(w, r, r.FormValue("url"))
}

func Switch(c *gin.Context) {
	dest, ok := destinations[c.Query("to")]
	if !ok {
		dest = "/"
	}
	// a value looked up in a constant map is one of the map's own values
	// ok: go-taint-open-redirect
	c.Redirect(http.StatusFound, dest)
}

func Callback(c *gin.Context) {
	state := c.Query("state")
	// ruleid: go-taint-open-redirect
	c.Redirect(http.StatusFound, state)
}

func sanitizeURL(raw string) string {
	if strings.HasPrefix(raw, "//") || strings.HasPrefix(raw, "/\\") || strings.Contains(raw, "://") {
		return "/"
	}
	return raw
}

func Back(w http.ResponseWriter, r *http.Request) {
	// ok: go-taint-open-redirect
	http.Redirect(w, r, sanitizeURL(r.FormValue("back")), http.StatusFound)
}

func Slash(w http.ResponseWriter, r *http.Request) {
	// ok: go-taint-open-redirect
	http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
}
