"""End to end: a change that ships risky deployment configuration and a
credential is reported, masked, with exit code 1; its safe near-twin is not."""
from __future__ import annotations

import json
import textwrap

from conftest import GitRepo, run_prescan, scan_json

# built at run time so that no complete credential sits in this file
GITHUB = "ghp_" + "r7Tq9XwL2mVb8NcZ4pKd6Hs1Jf3Ga5Ye0Ui7"
DB_PASSWORD = "Vt8qLz2r" + "Wm5xKc3n"

DEPLOYMENT = textwrap.dedent("""\
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          containers:
            - name: api
              image: registry.example.com/api:1.4.2
              securityContext:
                privileged: {privileged}
                runAsNonRoot: true
    """)

DOCKERFILE = textwrap.dedent("""\
    FROM python:3.12-slim
    WORKDIR /app
    COPY . /app
    RUN pip install --no-cache-dir -r requirements.txt
    {user}CMD ["gunicorn", "app:app"]
    """)

TERRAFORM = textwrap.dedent("""\
    resource "aws_security_group" "admin" {{
      name = "admin"
      ingress {{
        from_port   = 22
        to_port     = 22
        protocol    = "tcp"
        cidr_blocks = ["{cidr}"]
      }}
    }}
    """)

ENV = "PORT=8080\nGITHUB_TOKEN={token}\nDATABASE_URL=postgres://shop:{password}@db.internal:5432/shop\n"

RISKY = {
    "deploy/web.yaml": DEPLOYMENT.format(privileged="true"),
    "Dockerfile": DOCKERFILE.format(user=""),
    "infra/main.tf": TERRAFORM.format(cidr="0.0.0.0/0"),
    ".env": ENV.format(token=GITHUB, password=DB_PASSWORD),
}
SAFE = {
    "deploy/web.yaml": DEPLOYMENT.format(privileged="false"),
    "Dockerfile": DOCKERFILE.format(user="USER 10001\n"),
    "infra/main.tf": TERRAFORM.format(cidr="10.20.0.0/16"),
    ".env": ENV.format(token="${GITHUB_TOKEN}", password="${DB_PASSWORD}"),
}


def _change(repo: GitRepo, files: dict[str, str]) -> tuple[str, str]:
    repo.git("checkout", "-q", "main")
    base = repo.git("rev-parse", "HEAD")
    branch = "risky" if files is RISKY else "safe"
    repo.git("checkout", "-q", "-b", branch)
    head = repo.commit(branch, files)
    return base, head


def _base(repo: GitRepo) -> None:
    repo.commit("base", {"README.md": "# shop\n", "app.py": "def health():\n    return 'ok'\n"})


def test_risky_configuration_is_reported_masked_with_exit_1(repo: GitRepo):
    _base(repo)
    base, head = _change(repo, RISKY)
    code, doc = scan_json("--base", base, "--head", head, cwd=repo.root, builtin=True)
    assert code == 1
    got = sorted((f["rule_id"], f["path"], f["start_line"], f["unit"]) for f in doc["findings"])
    assert got == sorted([
        ("secret-database-url-password", ".env", 3, "<module>"),
        ("secret-github-token", ".env", 2, "<module>"),
        ("dockerfile-missing-user", "Dockerfile", 1, "stage.python"),
        ("tf-security-group-open-admin-port", "infra/main.tf", 3, "resource.aws_security_group.admin"),
        ("yaml-privileged-container", "deploy/web.yaml", 12, "Deployment/web/containers[api]"),
    ])
    assert all(f["status"] == "new" for f in doc["findings"])
    # the credentials appear in no output format, whole
    for fmt in ("text", "json", "sarif"):
        proc = run_prescan("scan", "--format", fmt, "--base", base, "--head", head, cwd=repo.root, builtin=True)
        assert proc.returncode == 1, proc.stderr.decode()
        out = proc.stdout.decode() + proc.stderr.decode()
        assert GITHUB not in out and DB_PASSWORD not in out, fmt
        assert "ghp_****" in out, fmt


def test_the_safe_near_twin_reports_nothing(repo: GitRepo):
    _base(repo)
    base, head = _change(repo, SAFE)
    code, doc = scan_json("--base", base, "--head", head, cwd=repo.root, builtin=True)
    assert (code, doc["findings"]) == (0, [])


def test_fixing_the_risky_change_reports_each_finding_fixed(repo: GitRepo):
    _base(repo)
    _, risky = _change(repo, RISKY)
    fixed = repo.commit("fix", SAFE)
    code, doc = scan_json("--base", risky, "--head", fixed, cwd=repo.root, builtin=True)
    assert code == 0 and doc["findings"] == []
    assert sorted(f["rule_id"] for f in doc["fixed"]) == [
        "dockerfile-missing-user", "secret-database-url-password", "secret-github-token",
        "tf-security-group-open-admin-port", "yaml-privileged-container"]
    assert GITHUB not in json.dumps(doc) and DB_PASSWORD not in json.dumps(doc)


def test_a_secret_in_a_rule_findings_snippet_is_masked(repo: GitRepo):
    # dockerfile-secret-in-env-arg quotes the ENV line, which holds the token itself
    _base(repo)
    base = repo.git("rev-parse", "HEAD")
    head = repo.commit("image", {"Dockerfile": f"FROM python:3.12-slim\nENV GITHUB_TOKEN={GITHUB}\nUSER 10001\n"})
    code, doc = scan_json("--base", base, "--head", head, cwd=repo.root, builtin=True)
    assert code == 1
    rules = {f["rule_id"]: f for f in doc["findings"]}
    assert set(rules) == {"dockerfile-secret-in-env-arg", "secret-github-token"}
    assert rules["dockerfile-secret-in-env-arg"]["snippet"] == "ENV GITHUB_TOKEN=ghp_" + "*" * 12
    assert GITHUB not in json.dumps(doc)
