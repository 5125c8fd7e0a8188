"""Every credential format the issue names is found in every kind of file a
deployment ships, placeholders and documentation examples stay quiet there,
and what is reported never holds the credential whole."""
from __future__ import annotations

import pytest

from prescan.analyze import secret_findings
from prescan.analyze.secrets import find_secrets, redact
from prescan.parse import languages

# Built at run time so that no complete credential sits in this file. None of
# them is real; they only have the shape of one.
B64_40 = "q7Hd0Zr2" + "Vx9LmTc4" + "Nw8Ks1Pb" + "6Yf3Gj5R" + "e2Ua7Xi9"
AZURE_KEY = ("Qm9ndXNLZXlGb3JUZXN0c09ubHk" + "hR3Jhbm9sYVBlcmZvcm1hbmNl" +
             "U2VjcmV0U3RvcmFnZUFjY291bnRLZXk5OTg3NjU0MzIx").ljust(86, "Q")[:86] + "=="

FORMATS = {
    # id: (detector, name to assign it to, value)
    "aws-key-id": ("secret-aws-access-key-id", "aws_access_key_id", "AKIA" + "Z3K4L5M6N7P8Q9R2"),
    "aws-secret": ("secret-aws-secret-access-key", "aws_secret_access_key", B64_40),
    "gcp-service-account": ("secret-private-key", "private_key",
                            "-----BEGIN PRIVATE" + " KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n"
                            "-----END PRIVATE KEY-----\\n"),
    "azure-storage": ("secret-azure-storage-key", "storage_connection",
                      "DefaultEndpointsProtocol=https;AccountName=shopdata;AccountKey=" + AZURE_KEY +
                      ";EndpointSuffix=core.windows.net"),
    "github-classic": ("secret-github-token", "github_token", "ghp_" + "r7Tq9XwL2mVb8NcZ4pKd6Hs1Jf3Ga5Ye0Ui7"),
    "github-fine-grained": ("secret-github-token", "github_token",
                            "github_pat_" + "11ABCDEFG0" + "qW8eRt5yU2iO9pL4kJ7hG_" + "3fD6sA1zX8cV5bN2mQ7wE4rT9yU6iO3pL0kJ5hG"),
    "gitlab": ("secret-gitlab-token", "gitlab_token", "glpat-" + "Xk9mP2vQ7rT4wY8zB3nL"),
    "npm": ("secret-npm-token", "npm_token", "npm_" + "a8K3mQ9xT2vL7pR4wZ6bN1cY5dF0gH3jS8uE"),
    "pypi": ("secret-pypi-token", "pypi_token", "pypi-" + "AgEIcHlwaS5vcmc" + "CJGI3ZTk1NmY0LWE4ZjItNGQyZC05YjQ1LTg2N2Y1ZGE4Mzc5OWQ2"),
    "rubygems": ("secret-rubygems-key", "gem_host_api_key", "rubygems_" + "3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e6b4d2f0a9c7e5b3d"),
    "docker-hub": ("secret-dockerhub-token", "docker_token", "dckr_pat_" + "Zq4Xr8Tn2Wm6Kp1Lv9Bc3Hd7Fj5"),
    "slack-token": ("secret-slack-token", "slack_token", "xoxb-" + "2741365098-5529817734-Qx8Rt2Lm9Vp4Kw7Zs3Nb6Yc1"),
    "slack-webhook": ("secret-slack-webhook", "slack_webhook_url",
                      "https://hooks.slack.com/services/" + "T0A1B2C3D/B4E5F6G7H/" + "x9Y8z7W6v5U4t3S2r1Q0p9O8"),
    "discord-webhook": ("secret-discord-webhook", "discord_webhook_url",
                        "https://discord.com/api/webhooks/" + "112233445566778899/" +
                        "Rk7vQ2xL9mT4pW8zN3bY6cF1hJ5sD0gA7uE2iO9rK4tL8qM3nB6vC1xZ5wS0yP7"),
    "telegram": ("secret-telegram-bot-token", "telegram_bot_token", "5821937460:AA" + "Hq7Lm2Xv9Tp4Rk8Zw3Nb6Yc1Fd5Gs0Ju2"),
    "private-key": ("secret-private-key", "tls_key", "-----BEGIN OPENSSH" + " PRIVATE KEY-----\\n"
                    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB\\n-----END OPENSSH PRIVATE KEY-----"),
    "postgres-url": ("secret-database-url-password", "database_url", "postgres://shop:" + "Vt8qLz2rWm5x" + "@db.internal:5432/shop"),
    "mysql-url": ("secret-database-url-password", "database_url", "mysql://shop:" + "Vt8qLz2rWm5x" + "@db.internal/shop"),
    "mongodb-url": ("secret-database-url-password", "mongo_url",
                    "mongodb+srv://shop:" + "Vt8qLz2rWm5x" + "@cluster0.a1b2c.mongodb.net/shop"),
    "redis-url": ("secret-database-url-password", "redis_url", "redis://default:" + "Vt8qLz2rWm5x" + "@cache.internal:6379/0"),
    "amqp-url": ("secret-database-url-password", "broker_url", "amqp://shop:" + "Vt8qLz2rWm5x" + "@mq.internal:5672/"),
    "jwt": ("secret-jwt", "session_jwt", "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiJzaG9wLWFkbWluIiwicm9sZSI6ImFkbWluIn0" +
            ".k3Vt9QmZ2rX8pL5wN1bY7cF4hJ6sD0gA"),
    "generic-high-entropy": ("secret-generic-high-entropy", "signing_secret", "f9a8c7e6d5b4a3928170fedcba9876ab"),
}

# how each kind of shipped file assigns a value to a name
KINDS = {
    "source": ("app/settings.py", lambda n, v: f'import os\n\n{n.upper()} = "{v}"\n'),
    "config": ("conf/app.ini", lambda n, v: f"[default]\nregion = eu-west-1\n{n} = {v}\n"),
    "env": (".env", lambda n, v: f"PORT=8080\n{n.upper()}={v}\n"),
    "yaml": ("deploy/values.yaml", lambda n, v: f'app:\n  replicas: 2\n  {n}: "{v}"\n'),
    "json": ("config/credentials.json", lambda n, v: f'{{\n  "type": "service_account",\n  "{n}": "{v}"\n}}\n'),
    "dockerfile": ("Dockerfile", lambda n, v: f'FROM python:3.12-slim\nENV {n.upper()}="{v}"\nUSER 10001\n'),
    "terraform": ("infra/main.tf", lambda n, v: f'locals {{\n  region = "eu-west-1"\n  {n} = "{v}"\n}}\n'),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_is_found_in_each_kind_of_file(fmt, kind):
    detector, name, value = FORMATS[fmt]
    path, template = KINDS[kind]
    data = template(name, value).encode()
    found = secret_findings(path, data, language=languages.detect(path) or "")
    assert detector in [f.rule_id for f in found], [f.rule_id for f in found]
    hit = next(f for f in found if f.rule_id == detector)
    assert hit.start_line == data[:data.index(value.encode())].count(b"\n") + 1
    assert hit.origin == "secret" and "CWE-798" in hit.cwe
    for f in found:
        assert value not in f.message and value not in f.snippet


PLACEHOLDERS = {
    "changeme": ("password", "changeme-before-deploying"),
    "xxxx": ("github_token", "ghp_" + "x" * 36),
    "angle": ("api_key", "<your-api-key-goes-here>"),
    "your": ("secret_key", "your-secret-key-here-0123456"),
    "env-ref": ("client_secret", "${CLIENT_SECRET}"),
    "env-ref-url": ("database_url", "postgres://shop:${DB_PASSWORD}@db.internal:5432/shop"),
    "dollar-url": ("database_url", "postgres://shop:$DB_PASSWORD@db.internal:5432/shop"),
    "stock-password": ("database_url", "postgres://postgres:postgres@localhost:5432/shop"),
    "template": ("api_token", "{{ .Values.apiToken }}"),
    "aws-example-id": ("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE"),
    "aws-example-secret": ("aws_secret_access_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    "jwt-io-example": ("session_jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6"
                                      "IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"),
    "redacted": ("api_key", "****************"),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("case", sorted(PLACEHOLDERS))
def test_placeholders_and_documentation_examples_stay_quiet(case, kind):
    name, value = PLACEHOLDERS[case]
    path, template = KINDS[kind]
    data = template(name, value).encode()
    assert secret_findings(path, data, language=languages.detect(path) or "") == []


def test_npmrc_and_docker_config_credentials():
    npmrc = ("registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=" +
             "3f1c9a7e-5b2d-4f8a-9c0e-7b5d3f1a9c8e\n").encode()
    assert [h.detector.id for h in find_secrets(npmrc)] == ["secret-npmrc-auth-token"]
    assert find_secrets(b"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n") == []
    docker = ('{\n  "auths": {\n    "registry.example.com": {\n      "auth": "' + "c2hvcDpWdDhxTHoy" +
              'cldtNXg="\n    }\n  }\n}\n').encode()
    assert [h.detector.id for h in find_secrets(docker)] == ["secret-docker-config-auth"]


def test_redact_masks_every_credential_in_a_text():
    token = FORMATS["github-classic"][2]
    url = FORMATS["postgres-url"][2]
    text = f'TOKEN = "{token}"  # and {url}'
    out = redact(text)
    assert token not in out and "Vt8qLz2rWm5x" not in out
    assert out.startswith('TOKEN = "ghp_****') and "@db.internal:5432/shop" in out
    assert redact("nothing to hide here") == "nothing to hide here"


def test_an_unquoted_value_counts_in_config_files_not_in_code():
    line = b"signing_secret = q7Hd0Zr2Vx9LmTc4Nw8Ks1Pb\n"
    assert [f.rule_id for f in secret_findings(".env", line, language="generic")] == ["secret-generic-high-entropy"]
    assert [f.rule_id for f in secret_findings("notes.txt", line)] == ["secret-generic-high-entropy"]
    # in code an unquoted right-hand side is an expression
    assert secret_findings("app.py", line, language="python") == []
    code = b"const apiKey = config.apiKeys.primaryV2Key;\n"
    assert secret_findings("app.js", code, language="javascript") == []
    # a dotted name in YAML is a reference, without a digit it is no key
    assert secret_findings("ci.yaml", b"token: settings.deploy.github_token\n", language="yaml") == []


def test_test_values_and_names_about_a_secret_stay_quiet():
    # values from a database driver's test suite and a CLI's documentation
    quiet = (b'password: "pass!@#$%^&*()_+"\n'
             b'uri: "mongodb://alice:foo:bar@127.0.0.1"\n'
             b'uri: "mongodb://user:pass%21%40%23%24%25%5E%26%2A%28%29@localhost/"\n'
             b"--webhook-secret-secret-version=projects/myproj/secrets/whsecret/versions/1\n"
             b'SECRET_KEY_FILE = "/run/secrets/django_secret_key_v2"\n')
    assert find_secrets(quiet) == []


def test_a_private_key_needs_key_material_after_its_header():
    pem = ("-----BEGIN RSA" + " PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17\n\n"
           "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----\n")
    assert [h.detector.id for h in find_secrets(pem.encode())] == ["secret-private-key"]
    # code that only names the header (a parser's constant) holds no key
    assert find_secrets(b'_SK_START = b"-----BEGIN OPENSSH PRIVATE KEY-----"\n') == []


def test_words_type_names_and_rfc_examples_are_not_generic_secrets():
    quiet = (b'AttributeOID.CHALLENGE_PASSWORD: "challengePassword",\n'
             b'def sign(private_key: "_EllipticCurvePrivateKey", data: bytes): ...\n'
             b'{"access_token":"2YotnFZFEjr1zCsicMWpAA", "token_type":"example"}\n'
             b"self.openid_connect_auth = AuthorizationCodeGrantDispatcher(request_validator)\n")
    assert find_secrets(quiet, "python") == []


def test_header_names_test_values_and_sample_files_are_not_generic_secrets():
    quiet = (b'tokenRequestTTLHeader = "X-aws-ec2-metadata-token-ttl-seconds"\n'
             b'token := r.Header.Get("X-aws-ec2-metadata-token")\n'
             b'imdsToken := "IMDSTokenabc123=="\n')
    assert find_secrets(quiet, "go") == []
    sample = b'{\n  "secretKey": "q7Hd0Zr2Vx9LmTc4Nw8Ks1Pb6Yf3Gj5R"\n}\n'
    assert [f.rule_id for f in secret_findings("config.json", sample)] == ["secret-generic-high-entropy"]
    for name in ("config.json.sample", "settings.example.json", ".env.example", "app.dist.json"):
        assert secret_findings(name, sample) == [], name
    # a real format is reported even in a sample file
    token = FORMATS["github-classic"][2]
    assert [f.rule_id for f in secret_findings(".env.example", f"TOKEN={token}\n".encode())] == \
        ["secret-github-token"]
