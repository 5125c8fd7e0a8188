package keys

import (
	"crypto/rand"
	"crypto/rsa"
)

func Legacy() (*rsa.PrivateKey, error) {
	// ruleid: go-rsa-weak-key-size
	return rsa.GenerateKey(rand.Reader, 1024)
}

func Current() (*rsa.PrivateKey, error) {
	// ok: go-rsa-weak-key-size
	return rsa.GenerateKey(rand.Reader, 2048)
}

func Tiny() (*rsa.PrivateKey, error) {
	// ruleid: go-rsa-weak-key-size
	return rsa.GenerateKey(rand.Reader, 512)
}

func Strong() (*rsa.PrivateKey, error) {
	// ok: go-rsa-weak-key-size
	return rsa.GenerateKey(rand.Reader, 4096)
}
