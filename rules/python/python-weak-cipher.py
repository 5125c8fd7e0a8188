import os

from Crypto.Cipher import AES, ARC4, DES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def legacy_encrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    # ruleid: python-weak-cipher
    cipher = DES.new(key, DES.MODE_CBC, iv)
    return cipher.encrypt(data)


def stream(key: bytes, data: bytes) -> bytes:
    # ruleid: python-weak-cipher
    return ARC4.new(key).encrypt(data)


def ecb(key: bytes, block: bytes) -> bytes:
    # ruleid: python-weak-cipher
    cipher = AES.new(key, AES.MODE_ECB)
    # ok: python-weak-cipher
    good = AES.new(key, AES.MODE_GCM)
    return cipher.encrypt(block) + good.nonce


def hazmat_3des(key: bytes, iv: bytes):
    # ruleid: python-weak-cipher
    return Cipher(algorithms.TripleDES(key), modes.CBC(iv)).encryptor()


def hazmat_ecb(key: bytes):
    # ruleid: python-weak-cipher
    return Cipher(algorithms.AES(key), modes.ECB()).encryptor()


def hazmat_ok(key: bytes, iv: bytes):
    # ok: python-weak-cipher
    return Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()


def seal(key: bytes, data: bytes) -> bytes:
    nonce = os.urandom(12)
    # ok: python-weak-cipher
    return nonce + AESGCM(key).encrypt(nonce, data, None)
