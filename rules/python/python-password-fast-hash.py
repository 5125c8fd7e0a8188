import hashlib
import os
import secrets

import bcrypt
from werkzeug.security import generate_password_hash


class UserService:
    def __init__(self, db):
        self.db = db

    def register(self, email: str, password: str) -> None:
        # ruleid: python-password-fast-hash
        digest = hashlib.md5(password.encode("utf-8")).hexdigest()
        self.db.insert("users", email=email, password_hash=digest)

    def register_bcrypt(self, email: str, password: str) -> None:
        # ok: python-password-fast-hash
        digest = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
        self.db.insert("users", email=email, password_hash=digest)

    def check(self, email: str, password: str) -> bool:
        row = self.db.get("users", email=email)
        salt = row["salt"]
        # ruleid: python-password-fast-hash
        candidate = hashlib.sha256(salt + password.encode()).hexdigest()
        return secrets.compare_digest(candidate, row["password_hash"])

    def check_pbkdf2(self, email: str, password: str) -> bool:
        row = self.db.get("users", email=email)
        # ok: python-password-fast-hash
        candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), row["salt"], 600_000)
        return secrets.compare_digest(candidate, row["password_hash"])


def reset_password(user, new_pwd):
    # ruleid: python-password-fast-hash
    user.password = hashlib.new("sha1", new_pwd.encode()).hexdigest()
    # ok: python-password-fast-hash
    user.password = generate_password_hash(new_pwd)


def fingerprint(blob: bytes) -> str:
    # ok: python-password-fast-hash
    return hashlib.sha256(blob).hexdigest()


def random_salt() -> bytes:
    return os.urandom(16)
