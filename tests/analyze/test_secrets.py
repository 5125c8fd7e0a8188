"""Credential detectors: real formats found in any text file, placeholders
quiet, and the secret never printed whole."""
from __future__ import annotations

import json

from prescan.analyze.secrets import find_secrets, mask
from conftest import GitRepo, scan_json

# built at run time so that no complete credential sits in this file
STRIPE = "sk_" + "live_" + "51Hq2mXbT9vKq3Lw8ZpR4nYc7"
AWS_ID = "AKIA" + "Z3K4L5M6N7P8Q9R2"
GITHUB = "ghp_" + "r7Tq9XwL2mVb8NcZ4pKd6Hs1Jf3Ga5Ye0Ui7"
SLACK_HOOK = "https://hooks.slack.com/services/" + "T0A1B2C3D/B4E5F6G7H/" + "x9Y8z7W6v5U4t3S2r1Q0p9O8"


def ids(data: bytes) -> list[str]:
    return [h.detector.id for h in find_secrets(data)]


def test_known_formats():
    data = (f'stripe.api_key = "{STRIPE}"\n'
            f"aws_access_key_id = {AWS_ID}\n"
            f"token: {GITHUB}\n"
            f"notify_url = '{SLACK_HOOK}'\n"
            "DATABASE_URL=postgres://app:s3cr3tPassw0rd@db.internal:5432/app\n"
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMx\n-----END RSA PRIVATE KEY-----\n").encode()
    assert ids(data) == ["secret-stripe-live-key", "secret-aws-access-key-id", "secret-github-token",
                         "secret-slack-webhook", "secret-database-url-password", "secret-private-key"]


def test_generic_needs_a_secret_name_and_entropy():
    assert ids(b'api_key = "f9a8c7e6d5b4a3928170fedcba987654"\n') == ["secret-generic-high-entropy"]
    assert ids(b'api_key = "aaaaaaaaaaaaaaaaaaaaaaaa"\n') == []            # no entropy
    assert ids(b'greeting = "f9a8c7e6d5b4a3928170fedcba987654"\n') == []   # not a secret's name
    assert ids(b'token = os.environ["API_TOKEN"]\n') == []


def test_placeholders_and_documentation_examples_stay_quiet():
    quiet = (b'AWS_KEY = "AKIAIOSFODNN7EXAMPLE"\n'
             b'password = "changeme-please-123456"\n'
             b'api_key = "<your-api-key-goes-here-0123>"\n'
             b'client_secret: "${CLIENT_SECRET_FROM_VAULT}"\n'
             b'DATABASE_URL=postgres://user:${DB_PASSWORD}@db:5432/app\n'
             b'secret_key = "xxxxxxxxxxxxxxxxxxxxxxxx"\n')
    assert ids(quiet) == []


def test_mask_never_shows_the_whole_value():
    assert mask(STRIPE.encode()) == "sk_l" + "*" * 12
    assert STRIPE not in mask(STRIPE.encode())


def test_secrets_in_config_files_are_found_and_masked_everywhere(repo: GitRepo):
    base = repo.commit("base", {"app.py": "x = 1\n"})
    head = repo.commit("config", {
        ".env": f"STRIPE_KEY={STRIPE}\n",
        "deploy/values.yaml": f"github:\n  token: {GITHUB}\n",
        "app.py": f'x = 1\nKEY = "{AWS_ID}"\n',
    })
    code, doc = scan_json("--base", base, "--head", head, cwd=repo.root, builtin=True)
    assert code == 1
    assert [(f["rule_id"], f["path"], f["start_line"], f["origin"]) for f in doc["findings"]] == [
        ("secret-stripe-live-key", ".env", 1, "secret"),
        ("secret-aws-access-key-id", "app.py", 2, "secret"),
        ("secret-github-token", "deploy/values.yaml", 2, "secret"),
    ]
    text = json.dumps(doc)
    for secret in (STRIPE, GITHUB, AWS_ID):
        assert secret not in text
    # the detectors come with the built-in pack: a scan with only the user's rules reads code only
    code, doc = scan_json("--base", base, "--head", head, cwd=repo.root)
    assert code == 0 and doc["findings"] == []


def test_a_secret_inside_a_long_minified_line_is_found():
    # a bundle's single line, full of the words secret names hold, with one real assignment in it
    noise = b"token-token.apikey_x(" * 10_000
    key = b"sk_live_" + b"4eC39HqLyjWDarjtT1zdp7dc"
    line = noise + b';var stripe_secret_key="' + key + b'";' + noise + b"\n"
    hits = find_secrets(line, "javascript")
    assert [line[h.start:h.end] for h in hits] == [key]
