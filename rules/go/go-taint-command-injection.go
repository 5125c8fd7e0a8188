package tools

import (
	"net/http"
	"os/exec"
	"regexp"

	"github.com/gin-gonic/gin"
)

var hostRe = regexp.MustCompile(`^[a-z0-9.-]+$`)

func Ping(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	// ruleid: go-taint-command-injection
	out, err := exec.Command("sh", "-c", "ping -c 1 "+host).CombinedOutput()
	if err != nil {
		http.Error(w, "ping failed", http.StatusBadGateway)
		return
	}
	w.Write(out)
}

func PingArgs(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	// ok: go-taint-command-injection
	out, _ := exec.Command("ping", "-c", "1", "--", host).CombinedOutput()
	w.Write(out)
}

func PingChecked(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	if !hostRe.MatchString(host) {
		http.Error(w, "bad host", http.StatusBadRequest)
		return
	}
	// ok: go-taint-command-injection
	out, _ := exec.Command("sh", "-c", "ping -c 1 "+host).CombinedOutput()
	w.Write(out)
}

func RunTool(c *gin.Context) {
	tool := c.Param("tool")
	// ruleid: go-taint-command-injection
	cmd := exec.CommandContext(c.Request.Context(), tool, "--version")
	out, _ := cmd.Output()
	c.String(http.StatusOK, string(out))
}

func Uptime(w http.ResponseWriter, r *http.Request) {
	// ok: go-taint-command-injection
	out, _ := exec.Command("uptime").Output()
	w.Write(out)
}
