import random
import secrets
import string
from random import randint

ALPHABET = string.ascii_letters + string.digits


def create_reset_link(user):
    # ruleid: python-insecure-random-secret
    reset_token = "".join(random.choice(ALPHABET) for _ in range(32))
    # ok: python-insecure-random-secret
    reset_token2 = secrets.token_urlsafe(32)
    return f"https://example.com/reset/{reset_token}?v={reset_token2}"


def generate_otp() -> str:
    # ruleid: python-insecure-random-secret
    return f"{randint(0, 999999):06d}"


def generate_otp_safe() -> str:
    # ok: python-insecure-random-secret
    return f"{secrets.randbelow(10**6):06d}"


class ApiClientFactory:
    def create(self, owner):
        client = {"owner": owner}
        # ruleid: python-insecure-random-secret
        self.api_key = "%032x" % random.getrandbits(128)
        # ok: python-insecure-random-secret
        self.retry_delay = random.uniform(0.5, 2.0)
        return client


def mask_batch(vocab):
    # ok: python-insecure-random-secret
    masked_tokens = random.sample(vocab, 8)
    return masked_tokens


def pick_colour():
    # ok: python-insecure-random-secret
    colour = random.choice(["red", "green", "blue"])
    return colour


def temp_password():
    rng = random.SystemRandom()
    # ok: python-insecure-random-secret
    return "".join(rng.choice(ALPHABET) for _ in range(16))
