package storage

import (
	"io/ioutil"
	"os"
	"path/filepath"
)

func SaveToken(dir string, token []byte) error {
	// created through the umask (0644 with the default 022): the idiomatic mode
	// ok: go-file-permissive-mode
	return ioutil.WriteFile(filepath.Join(dir, "token"), token, 0666)
}

func OpenLog(path string) (*os.File, error) {
	// ok: go-file-permissive-mode
	return os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0777)
}

func ShareUploads(dir string) error {
	// ruleid: go-file-permissive-mode
	return os.Chmod(dir, os.ModePerm)
}

func SaveTokenSafe(dir string, token []byte) error {
	// ok: go-file-permissive-mode
	return os.WriteFile(filepath.Join(dir, "token"), token, 0o600)
}

func OpenLogSafe(path string) (*os.File, error) {
	// ok: go-file-permissive-mode
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0640)
	if err != nil {
		return nil, err
	}
	// ok: go-file-permissive-mode
	if err := f.Chmod(0600); err != nil {
		return nil, err
	}
	return f, nil
}

func PrepareCache(dir string) error {
	// ok: go-file-permissive-mode
	return os.MkdirAll(dir, 0o750)
}

func shareUploads(dir string) error {
	// ruleid: go-file-permissive-mode
	return os.Chmod(dir, 0o777)
}
