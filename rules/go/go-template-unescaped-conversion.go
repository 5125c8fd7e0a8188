package web

import (
	"html"
	"html/template"
	"net/http"

	"github.com/microcosm-cc/bluemonday"
)

const footer = `<p class="footer">&copy; Example Corp</p>`

var page = template.Must(template.New("profile").Parse(`<h1>{{.Name}}</h1><div>{{.Bio}}</div><a href="{{.Site}}">site</a>`))
var policy = bluemonday.UGCPolicy()

type Profile struct {
	Name string
	Bio  template.HTML
	Site template.URL
	Foot template.HTML
}

func profileHandler(w http.ResponseWriter, r *http.Request) {
	p := Profile{
		Name: r.FormValue("name"),
		// ruleid: go-template-unescaped-conversion
		Bio: template.HTML(r.FormValue("bio")),
		// ruleid: go-template-unescaped-conversion
		Site: template.URL(r.URL.Query().Get("site")),
	}
	page.Execute(w, p)
}

func renderComment(author, body string) template.HTML {
	// ruleid: go-template-unescaped-conversion
	return template.HTML("<b>" + author + "</b>: " + body)
}

func profileHandlerSafe(w http.ResponseWriter, r *http.Request) {
	clean := policy.Sanitize(r.FormValue("bio"))
	p := Profile{
		Name: r.FormValue("name"),
		// ok: go-template-unescaped-conversion
		Bio: template.HTML(clean),
		// ok: go-template-unescaped-conversion
		Foot: template.HTML(footer),
	}
	page.Execute(w, p)
}

func renderCommentSafe(author, body string) template.HTML {
	// ok: go-template-unescaped-conversion
	return template.HTML(html.EscapeString(author) + ": " + html.EscapeString(body))
}

func badge() template.HTML {
	// ok: go-template-unescaped-conversion
	return template.HTML(`<span class="badge">new</span>`)
}
