package session

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func Login(w http.ResponseWriter, r *http.Request) {
	sid := newSessionID()
	// ruleid: go-cookie-insecure
	http.SetCookie(w, &http.Cookie{Name: "session_id", Value: sid, Path: "/"})
	// ok: go-cookie-insecure
	http.SetCookie(w, &http.Cookie{Name: "session_id", Value: sid, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	// ok: go-cookie-insecure
	http.SetCookie(w, &http.Cookie{Name: "theme", Value: "dark"})
	// ruleid: go-cookie-insecure
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: "en", Secure: false})
}

func Remember(w http.ResponseWriter) {
	// ruleid: go-cookie-insecure
	c := &http.Cookie{
		Name:     "remember_token",
		Value:    newSessionID(),
		Secure:   true,
		HttpOnly: false,
	}
	http.SetCookie(w, c)
}

func GinLogin(c *gin.Context) {
	// ruleid: go-cookie-insecure
	c.SetCookie("auth_token", newSessionID(), 3600, "/", "", false, true)
	// ok: go-cookie-insecure
	c.SetCookie("auth_token", newSessionID(), 3600, "/", "", true, true)
	// ok: go-cookie-insecure
	c.SetCookie("lang", "en", 3600, "/", "", false, false)
}

func newSessionID() string { return "x" }
