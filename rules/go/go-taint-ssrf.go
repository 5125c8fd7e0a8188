package proxy

import (
	"io"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"
)

var allowedHosts = map[string]bool{"images.example.com": true}

func Preview(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	// ruleid: go-taint-ssrf
	resp, err := http.Get(target)
	if err != nil {
		http.Error(w, "fetch failed", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

func PreviewChecked(w http.ResponseWriter, r *http.Request) {
	u, err := url.Parse(r.URL.Query().Get("url"))
	if err != nil || !allowedHosts[u.Hostname()] {
		http.Error(w, "host not allowed", http.StatusBadRequest)
		return
	}
	// ok: go-taint-ssrf
	resp, err := http.Get(u.String())
	if err == nil {
		defer resp.Body.Close()
		io.Copy(w, resp.Body)
	}
}

func User(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	// ok: go-taint-ssrf
	resp, err := http.Get("https://api.example.com/users/" + url.PathEscape(id))
	if err == nil {
		defer resp.Body.Close()
		io.Copy(w, resp.Body)
	}
}

func Forward(c echo.Context) error {
	dest := c.QueryParam("dest")
	// ruleid: go-taint-ssrf
	req, err := http.NewRequestWithContext(c.Request().Context(), http.MethodGet, "http://"+dest+"/status", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return c.Stream(http.StatusOK, "text/plain", resp.Body)
}

func Probe(srv *Server, r *http.Request) (*http.Response, error) {
	srv.Seen = r.URL.Query().Get("id")
	// ok: go-taint-ssrf
	return http.Get(srv.URL + "/health")
}

type Server struct{ URL, Seen string }

func Health() (*http.Response, error) {
	// ok: go-taint-ssrf
	return http.Get("http://localhost:8080/health")
}
