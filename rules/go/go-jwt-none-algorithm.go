package auth

import (
	"os"

	"github.com/golang-jwt/jwt/v5"
)

func devKeyFunc(t *jwt.Token) (interface{}, error) {
	if os.Getenv("AUTH_DISABLED") == "1" {
		// ruleid: go-jwt-none-algorithm
		return jwt.UnsafeAllowNoneSignatureType, nil
	}
	return []byte(os.Getenv("JWT_SECRET")), nil
}

func IssueTestToken(sub string) (string, error) {
	// ruleid: go-jwt-none-algorithm
	tok := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{"sub": sub})
	// ruleid: go-jwt-none-algorithm
	return tok.SignedString(jwt.UnsafeAllowNoneSignatureType)
}

func IssueToken(sub string, secret []byte) (string, error) {
	// ok: go-jwt-none-algorithm
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": sub})
	return tok.SignedString(secret)
}

func Parse(raw string, secret []byte) (*jwt.Token, error) {
	// ok: go-jwt-none-algorithm
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) { return secret, nil }, jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}))
}
