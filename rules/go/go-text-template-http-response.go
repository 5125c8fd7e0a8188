package web

import (
	"net/http"
	"os"
	"text/template"

	"github.com/gin-gonic/gin"
)

var greeting = template.Must(template.New("greet").Parse(`<html><body><h1>Hello {{.}}</h1></body></html>`))
var mail = template.Must(template.New("mail").Parse("Hi {{.Name}},\nyour order {{.ID}} has shipped.\n"))

type Order struct {
	Name string
	ID   string
}

func greetHandler(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// ruleid: go-text-template-http-response
	if err := greeting.Execute(w, r.URL.Query().Get("name")); err != nil {
		http.Error(w, "render failed", http.StatusInternalServerError)
	}
}

func register(mux *http.ServeMux, pages *template.Template) {
	mux.HandleFunc("/page", func(rw http.ResponseWriter, req *http.Request) {
		// ruleid: go-text-template-http-response
		pages.ExecuteTemplate(rw, "page.html", req.FormValue("q"))
	})
}

func ginGreet(c *gin.Context) {
	// ruleid: go-text-template-http-response
	greeting.Execute(c.Writer, c.Query("name"))
}

func writeShippingMail(o Order) error {
	f, err := os.Create("/var/spool/mail/" + o.ID + ".txt")
	if err != nil {
		return err
	}
	defer f.Close()
	// ok: go-text-template-http-response
	return mail.Execute(f, o)
}

func writeConfig(path string, data map[string]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	// ok: go-text-template-http-response
	return template.Must(template.New("cfg").Parse("{{range $k, $v := .}}{{$k}}={{$v}}\n{{end}}")).Execute(f, data)
}
