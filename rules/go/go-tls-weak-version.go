package netcfg

import "crypto/tls"

func LegacyClient() *tls.Config {
	return &tls.Config{
		// ruleid: go-tls-weak-version
		MinVersion: tls.VersionTLS10,
		CipherSuites: []uint16{
			tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
			// ruleid: go-tls-weak-version
			tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
			// ruleid: go-tls-weak-version
			tls.TLS_ECDHE_RSA_WITH_RC4_128_SHA,
		},
	}
}

func ModernClient() *tls.Config {
	// ok: go-tls-weak-version
	return &tls.Config{MinVersion: tls.VersionTLS12}
}

func Tune(cfg *tls.Config) {
	// ruleid: go-tls-weak-version
	cfg.MinVersion = tls.VersionTLS11
	// ok: go-tls-weak-version
	cfg.MaxVersion = tls.VersionTLS13
}
