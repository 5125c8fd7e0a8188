package unpack

import (
	"archive/tar"
	"archive/zip"
	"errors"
	"io"
	"os"
	"path/filepath"
)

func Unzip(src, dst string) error {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return err
	}
	defer zr.Close()
	for _, f := range zr.File {
		// ruleid: go-archive-path-traversal
		target := filepath.Join(dst, f.Name)
		rc, err := f.Open()
		if err != nil {
			return err
		}
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		io.Copy(out, rc)
		out.Close()
		rc.Close()
	}
	return nil
}

func UnzipSafe(src, dst string) error {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if !filepath.IsLocal(f.Name) {
			return errors.New("unsafe path in archive: " + f.Name)
		}
		// ok: go-archive-path-traversal
		target := filepath.Join(dst, f.Name)
		_ = target
	}
	return nil
}

func Untar(r io.Reader, dst string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		// ruleid: go-archive-path-traversal
		out, err := os.OpenFile(filepath.Join(dst, h.Name), os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		io.Copy(out, tr)
		out.Close()
	}
}

type Asset struct{ Name string }

func Save(dir string, a Asset) (*os.File, error) {
	// ok: go-archive-path-traversal
	return os.Create(filepath.Join(dir, a.Name))
}
