package web

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"
)

func Hello(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go-taint-reflected-xss
	fmt.Fprintf(w, "<h1>Hello %s</h1>", name)
	// ok: go-taint-reflected-xss
	fmt.Fprintf(w, "<h1>Hello %s</h1>", html.EscapeString(name))
}

func Echo(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-taint-reflected-xss
	io.WriteString(w, r.FormValue("msg"))
}

func EchoText(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	// ok: go-taint-reflected-xss
	io.WriteString(w, r.FormValue("msg"))
}

func EchoJSON(w http.ResponseWriter, r *http.Request) {
	// ok: go-taint-reflected-xss
	json.NewEncoder(w).Encode(map[string]string{"msg": r.FormValue("msg")})
}

func NotFound(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusNotFound)
	// starts with fixed text: sniffed as text/plain
	// ok: go-taint-reflected-xss
	w.Write([]byte("no page at " + r.URL.Path))
}

func Raw(w http.ResponseWriter, r *http.Request) {
	msg := r.URL.Query().Get("msg")
	// ruleid: go-taint-reflected-xss
	w.Write([]byte(msg))
}

func Greet(c echo.Context) error {
	// ruleid: go-taint-reflected-xss
	return c.HTML(http.StatusOK, "<p>Hi "+c.QueryParam("who")+"</p>")
}

func Static(w http.ResponseWriter, r *http.Request) {
	// ok: go-taint-reflected-xss
	fmt.Fprintf(w, "<h1>%s</h1>", "Welcome")
}
