package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
)

func loginDone(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-open-redirect
	http.Redirect(w, r, r.URL.Query().Get("next"), http.StatusFound)
}

func logout(w http.ResponseWriter, r *http.Request) {
	target := r.FormValue("return_to")
	http.SetCookie(w, &http.Cookie{Name: "session", MaxAge: -1})
	// ruleid: go-open-redirect
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func ginContinue(c *gin.Context) {
	// ruleid: go-open-redirect
	c.Redirect(http.StatusFound, c.Query("url"))
}

func loginDoneSafe(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		next = "/"
	}
	// ok: go-open-redirect
	http.Redirect(w, r, next, http.StatusFound)
}

func itemPage(w http.ResponseWriter, r *http.Request) {
	// ok: go-open-redirect
	http.Redirect(w, r, "/items/"+url.PathEscape(r.FormValue("id")), http.StatusFound)
	// ok: go-open-redirect
	http.Redirect(w, r, "/login", http.StatusFound)
}
