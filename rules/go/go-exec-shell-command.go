package tools

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"time"
)

const cleanupScript = "find /tmp/uploads -mtime +1 -delete"

func archiveHandler(w http.ResponseWriter, r *http.Request) {
	dir := r.FormValue("dir")
	// ruleid: go-exec-shell-command
	out, err := exec.Command("sh", "-c", "tar czf /tmp/out.tgz "+dir).CombinedOutput()
	if err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

func ping(ctx context.Context, host string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	// ruleid: go-exec-shell-command
	cmd := exec.CommandContext(ctx, "/bin/bash", "-c", fmt.Sprintf("ping -c 1 %s", host))
	return cmd.Output()
}

func runHook(script string) error {
	// ruleid: go-exec-shell-command
	return exec.Command("bash", "-lc", script).Run()
}

func archiveSafe(ctx context.Context, dir string) error {
	// ok: go-exec-shell-command
	return exec.CommandContext(ctx, "tar", "czf", "/tmp/out.tgz", "--", dir).Run()
}

func cleanup() error {
	// ok: go-exec-shell-command
	if err := exec.Command("sh", "-c", "rm -rf /tmp/cache/*").Run(); err != nil {
		return err
	}
	// ok: go-exec-shell-command
	return exec.Command("sh", "-c", cleanupScript).Run()
}

func grep(ctx context.Context, pattern string) ([]byte, error) {
	// ok: go-exec-shell-command
	return exec.CommandContext(ctx, "sh", "-c", `grep -r -- "$1" /srv/logs`, "sh", pattern).Output()
}
