package crypto

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/rand"
	"crypto/rc4"
	"io"
)

func EncryptLegacy(key, plaintext []byte) ([]byte, error) {
	// ruleid: go-weak-cipher-des-rc4
	block, err := des.NewTripleDESCipher(key)
	if err != nil {
		return nil, err
	}
	iv := make([]byte, block.BlockSize())
	if _, err := io.ReadFull(rand.Reader, iv); err != nil {
		return nil, err
	}
	out := make([]byte, len(plaintext))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(out, plaintext)
	return append(iv, out...), nil
}

func ObfuscateCookie(key, value []byte) ([]byte, error) {
	// ruleid: go-weak-cipher-des-rc4
	c, err := rc4.NewCipher(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(value))
	c.XORKeyStream(out, value)
	return out, nil
}

func Encrypt(key, plaintext []byte) ([]byte, error) {
	// ok: go-weak-cipher-des-rc4
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := io.ReadFull(rand.Reader, nonce); err != nil {
		return nil, err
	}
	return gcm.Seal(nonce, nonce, plaintext, nil), nil
}

// ok: go-weak-cipher-des-rc4
var blockSize = des.BlockSize
