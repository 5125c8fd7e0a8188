package files

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"
)

const uploadDir = "/srv/app/uploads"

func Download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	// ruleid: go-taint-path-traversal
	f, err := os.Open(filepath.Join(uploadDir, name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	io.Copy(w, f)
}

func DownloadBase(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.URL.Query().Get("file"))
	// ok: go-taint-path-traversal
	f, err := os.Open(filepath.Join(uploadDir, name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	io.Copy(w, f)
}

func DownloadRooted(w http.ResponseWriter, r *http.Request) {
	// ok: go-taint-path-traversal
	http.ServeFile(w, r, filepath.Join(uploadDir, filepath.Clean("/"+r.FormValue("file"))))
}

func DownloadLocal(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("file")
	if !filepath.IsLocal(name) {
		http.Error(w, "bad file name", http.StatusBadRequest)
		return
	}
	// ok: go-taint-path-traversal
	http.ServeFile(w, r, filepath.Join(uploadDir, name))
}

func Export(w http.ResponseWriter, r *http.Request) {
	report := r.FormValue("report")
	target := uploadDir + "/exports/" + report + ".csv"
	// ruleid: go-taint-path-traversal
	if err := os.WriteFile(target, []byte("id,total\n"), 0o644); err != nil {
		http.Error(w, "write failed", http.StatusInternalServerError)
	}
}

func removeUpload(name string) error {
	// ruleid: go-taint-path-traversal
	return os.Remove(filepath.Join(uploadDir, name))
}

func Delete(w http.ResponseWriter, r *http.Request) {
	if err := removeUpload(r.PathValue("name")); err != nil {
		http.Error(w, "delete failed", http.StatusInternalServerError)
	}
}

func Bulk(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	for _, name := range r.Form["file"] {
		// ruleid: go-taint-path-traversal
		os.Remove(filepath.Join(uploadDir, strings.TrimSpace(name)))
	}
}

func Attachment(c *gin.Context) {
	// ruleid: go-taint-path-traversal
	c.FileAttachment(filepath.Join(uploadDir, c.Query("name")), "report.pdf")
}

func Mirror(w http.ResponseWriter, client *http.Client) {
	resp, err := client.Get("https://releases.example.com/latest")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	// a response's header is not request data
	// ok: go-taint-path-traversal
	os.Remove(filepath.Join(uploadDir, resp.Header.Get("X-Old-Release")))
}

func Logo(c *gin.Context) {
	// ok: go-taint-path-traversal
	c.File(filepath.Join(uploadDir, "logo.png"))
}
