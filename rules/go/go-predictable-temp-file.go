package report

import (
	"os"
	"path/filepath"
)

func Export(data []byte) error {
	// ruleid: go-predictable-temp-file
	return os.WriteFile("/tmp/report.csv", data, 0o600)
}

func ExportUnique(data []byte) error {
	// ok: go-predictable-temp-file
	f, err := os.CreateTemp("", "report-*.csv")
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.Write(data)
	return err
}

func Cache() (*os.File, error) {
	// ruleid: go-predictable-temp-file
	return os.Create(filepath.Join(os.TempDir(), "app-cache.db"))
}

func Lock() (*os.File, error) {
	// ok: go-predictable-temp-file
	return os.OpenFile("/tmp/app.lock", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
}

func Scratch(name string) (*os.File, error) {
	// ruleid: go-predictable-temp-file
	return os.Create("/tmp/" + name)
}

func Config() (*os.File, error) {
	// ok: go-predictable-temp-file
	return os.Create("/etc/app/config.yaml")
}
