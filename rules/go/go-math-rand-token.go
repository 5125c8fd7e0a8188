package session

import (
	crand "crypto/rand"
	"encoding/base64"
	"math/rand"
	"strconv"
	"time"
)

const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

type Session struct {
	UserID string
	Token  string
}

func generateToken(n int) string {
	b := make([]byte, n)
	for i := range b {
		// ruleid: go-math-rand-token
		b[i] = letters[rand.Intn(len(letters))]
	}
	return string(b)
}

func NewSession(userID string) Session {
	return Session{
		UserID: userID,
		// ruleid: go-math-rand-token
		Token: strconv.FormatInt(rand.Int63(), 36),
	}
}

func SendReset(email string) string {
	// ruleid: go-math-rand-token
	resetCode := strconv.Itoa(100000 + rand.Intn(900000))
	return resetCode
}

func backoff(attempt int) time.Duration {
	// ok: go-math-rand-token
	jitter := time.Duration(rand.Intn(250)) * time.Millisecond
	return time.Duration(attempt)*time.Second + jitter
}

func NewSessionSafe(userID string) (Session, error) {
	b := make([]byte, 32)
	// ok: go-math-rand-token
	if _, err := crand.Read(b); err != nil {
		return Session{}, err
	}
	return Session{UserID: userID, Token: base64.RawURLEncoding.EncodeToString(b)}, nil
}

func pickServer(servers []string) string {
	// ok: go-math-rand-token
	return servers[rand.Intn(len(servers))]
}
