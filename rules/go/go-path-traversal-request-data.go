package files

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/mux"
)

const baseDir = "/srv/files"

func downloadHandler(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-path-traversal-request-data
	f, err := os.Open(filepath.Join(baseDir, r.URL.Query().Get("name")))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	io.Copy(w, f)
}

func reportHandler(w http.ResponseWriter, r *http.Request) {
	name := mux.Vars(r)["report"]
	// ruleid: go-path-traversal-request-data
	http.ServeFile(w, r, "/srv/reports/"+name+".pdf")
}

func uploadHandler(c *gin.Context) {
	file, err := c.FormFile("file")
	if err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	dst := filepath.Join("/srv/uploads", c.PostForm("folder"), file.Filename)
	// ruleid: go-path-traversal-request-data
	c.SaveUploadedFile(file, dst)
}

func deleteHandler(w http.ResponseWriter, r *http.Request) {
	target := r.FormValue("path")
	// ruleid: go-path-traversal-request-data
	if err := os.Remove(target); err != nil {
		http.Error(w, "cannot delete", http.StatusInternalServerError)
	}
}

func downloadSafe(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.URL.Query().Get("name"))
	// ok: go-path-traversal-request-data
	http.ServeFile(w, r, filepath.Join(baseDir, name))
}

func downloadChecked(w http.ResponseWriter, r *http.Request) {
	full := filepath.Join(baseDir, r.URL.Query().Get("name"))
	if !strings.HasPrefix(full, baseDir+string(os.PathSeparator)) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	// ok: go-path-traversal-request-data
	data, err := os.ReadFile(full)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}

func readConfig() ([]byte, error) {
	// ok: go-path-traversal-request-data
	return os.ReadFile(filepath.Join(baseDir, "config", "app.yaml"))
}

func downloadLocal(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	if !filepath.IsLocal(name) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	// ok: go-path-traversal-request-data
	http.ServeFile(w, r, filepath.Join(baseDir, name))
}

type buildConfig struct{ Filename string }

func loadConfig(config buildConfig) ([]byte, error) {
	// a Filename field of the program's own configuration is not an upload name
	// ok: go-path-traversal-request-data
	return os.ReadFile(config.Filename)
}
