package auth

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"io"

	"golang.org/x/crypto/bcrypt"
)

type User struct {
	Email        string
	PasswordHash string
	Salt         string
}

func Register(email, password string) User {
	// ruleid: go-weak-hash-password
	sum := md5.Sum([]byte(password))
	return User{Email: email, PasswordHash: hex.EncodeToString(sum[:])}
}

func CheckLogin(u User, password string) bool {
	h := sha1.New()
	// ruleid: go-weak-hash-password
	io.WriteString(h, u.Salt+password)
	return hex.EncodeToString(h.Sum(nil)) == u.PasswordHash
}

func hashPassword(pw string) string {
	// ruleid: go-weak-hash-password
	sum := sha1.Sum([]byte("static-salt:" + pw))
	return hex.EncodeToString(sum[:])
}

func RegisterSafe(email, password string) (User, error) {
	// ok: go-weak-hash-password
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	return User{Email: email, PasswordHash: string(hash)}, err
}

func ETag(body []byte) string {
	// ok: go-weak-hash-password
	sum := md5.Sum(body)
	return hex.EncodeToString(sum[:])
}

func Fingerprint(data []byte) string {
	// ok: go-weak-hash-password
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
