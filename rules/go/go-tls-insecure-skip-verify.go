package client

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"os"
	"time"
)

func NewInsecureClient() *http.Client {
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			// ruleid: go-tls-insecure-skip-verify
			TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
		},
	}
}

func patchDefaultTransport() {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	// ruleid: go-tls-insecure-skip-verify
	tr.TLSClientConfig.InsecureSkipVerify = true
	http.DefaultTransport = tr
}

func NewInternalClient(caFile string) (*http.Client, error) {
	caPEM, err := os.ReadFile(caFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	cfg := &tls.Config{
		RootCAs:    pool,
		MinVersion: tls.VersionTLS12,
		// ok: go-tls-insecure-skip-verify
		InsecureSkipVerify: false,
	}
	// ok: go-tls-insecure-skip-verify
	return &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}, nil
}
