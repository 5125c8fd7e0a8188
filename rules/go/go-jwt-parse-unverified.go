package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

type ctxKey string

func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		claims := jwt.MapClaims{}
		// ruleid: go-jwt-parse-unverified
		if _, _, err := jwt.NewParser().ParseUnverified(raw, claims); err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		ctx := context.WithValue(r.Context(), ctxKey("sub"), claims["sub"])
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func TenantOf(raw string) (string, error) {
	claims := jwt.RegisteredClaims{}
	// ruleid: go-jwt-parse-unverified
	_, _, err := new(jwt.Parser).ParseUnverified(raw, &claims)
	if err != nil {
		return "", err
	}
	return claims.Issuer, nil
}

func VerifyWithKid(raw string, keys map[string][]byte) (*jwt.Token, error) {
	// ok: go-jwt-parse-unverified
	unverified, _, err := jwt.NewParser().ParseUnverified(raw, jwt.MapClaims{})
	if err != nil {
		return nil, err
	}
	kid, _ := unverified.Header["kid"].(string)
	key, ok := keys[kid]
	if !ok {
		return nil, errors.New("unknown key")
	}
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) { return key, nil }, jwt.WithValidMethods([]string{"HS256"}))
}

func Verify(raw string, key []byte) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	// ok: go-jwt-parse-unverified
	_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (interface{}, error) { return key, nil }, jwt.WithValidMethods([]string{"HS256"}))
	return claims, err
}
