"""Attacker depth, end to end on real repositories: a change that removes a
check in one file (or adds a route in one file) makes an unchanged sink in
another file exploitable; the diff scan reports it at the sink, with the
whole path and what links it to the change."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GitRepo, scan_json

RULES = Path(__file__).resolve().parents[2] / "rules"


def scan(repo: GitRepo, base: str, head: str, *rules: str, depth: int | None = None):
    args = ["--base", base, "--head", head, "--no-builtin-rules"]
    for r in rules:
        args += ["--rules", str(RULES / r)]
    if depth is not None:
        args += ["--depth", str(depth)]
    return scan_json(*args, cwd=repo.root)


HELPER_PY = '''\
import httpx


def fetch_remote(url):
    resp = httpx.get(url, timeout=5)
    resp.raise_for_status()
    return resp.content
'''

ROUTE_PY = '''\
from fastapi import APIRouter, HTTPException

from app.fetch import fetch_remote
from app.netcheck import ensure_public_url

router = APIRouter()


@router.post("/import")
def import_avatar(body: Import):
{guard}    data = fetch_remote(body.url)
    return {{"size": len(data)}}
'''

GUARD_PY = '''\
    try:
        ensure_public_url(body.url)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc))
'''

WEAK_PY = '''\
    if not body.url.startswith(("http://", "https://")):
        raise HTTPException(status_code=400)
'''


def py_repo(repo: GitRepo) -> str:
    return repo.commit("base", {"app/fetch.py": HELPER_PY, "app/routes.py": ROUTE_PY.format(guard=GUARD_PY),
                                "app/netcheck.py": "def ensure_public_url(u):\n    pass\n"})


def test_removed_validation_in_the_caller_is_reported_at_the_sink_in_another_file(repo):
    base = py_repo(repo)
    head = repo.commit("scheme check is enough", {"app/routes.py": ROUTE_PY.format(guard=WEAK_PY)})
    code, report = scan(repo, base, head, "python/py-taint-ssrf.yml")
    assert code == 1
    new = [f for f in report["findings"] if f["status"] == "new"]
    assert [(f["rule_id"], f["path"], f["start_line"]) for f in new] == [("py-taint-ssrf", "app/fetch.py", 5)]
    f = new[0]
    # the trace starts at the route's parameter and ends at the sink, across both files
    assert [(s["path"], s["line"]) for s in f["trace"]][0] == ("app/routes.py", 10)
    assert ("app/routes.py", 13) in [(s["path"], s["line"]) for s in f["trace"]]
    assert (f["trace"][-1]["path"], f["trace"][-1]["line"]) == ("app/fetch.py", 5)
    assert "import_avatar" in f["link"] and "fetch_remote()" in f["link"]


def test_keeping_the_validation_reports_nothing(repo):
    base = py_repo(repo)
    head = repo.commit("reword", {"app/routes.py": ROUTE_PY.format(guard=GUARD_PY).replace("size", "bytes")})
    code, report = scan(repo, base, head, "python/py-taint-ssrf.yml")
    assert code == 0, report["findings"]
    assert [f for f in report["findings"] if f["status"] == "new"] == []


def test_depth_zero_stays_inside_the_changed_files(repo):
    base = py_repo(repo)
    head = repo.commit("scheme check is enough", {"app/routes.py": ROUTE_PY.format(guard=WEAK_PY)})
    code, report = scan(repo, base, head, "python/py-taint-ssrf.yml", depth=0)
    assert code == 0 and report["findings"] == []


SERVICE_TS = '''\
import { exec } from "child_process";

export function convertDocument(path: string, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    exec(`soffice --headless --convert-to ${target} ${path}`, (err, out) => (err ? reject(err) : resolve(out)));
  });
}
'''

ROUTES_TS = '''\
import { Router } from "express";
import { convertDocument } from "../services/convert";

export const router = Router();

router.post("/:id/pdf", async (req, res) => {
  const out = await convertDocument(docPath(req.params.id), "pdf");
  res.send(out);
});
'''

NEW_ROUTE_TS = ROUTES_TS + '''
router.post("/:id/convert", async (req, res) => {
  const target = String(req.query.to || "pdf");
  const out = await convertDocument(docPath(req.params.id), target);
  res.send(out);
});
'''


def test_new_route_feeding_an_old_helper(repo):
    base = repo.commit("base", {"src/services/convert.ts": SERVICE_TS, "src/routes/docs.ts": ROUTES_TS})
    head = repo.commit("any target format", {"src/routes/docs.ts": NEW_ROUTE_TS})
    code, report = scan(repo, base, head, "javascript/js-taint-command-injection.yml")
    assert code == 1
    new = [(f["path"], f["start_line"]) for f in report["findings"] if f["status"] == "new"]
    assert new == [("src/services/convert.ts", 5)]


STORE_GO = '''\
package store

import (
	"context"
	"fmt"
)

func (s *Store) CountBy(ctx context.Context, site string, dim string) (map[string]int, error) {
	q := fmt.Sprintf("SELECT %s, count(*) FROM views WHERE site = $1 GROUP BY 1", dim)
	rows, err := s.db.QueryContext(ctx, q, site)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scan(rows)
}
'''

SERVICE_GO = '''\
package service

import (
	"context"

	"example.com/tally/internal/store"
)

func (a *Analytics) Breakdown(ctx context.Context, site, dim string) (map[string]int, error) {
	return a.store.CountBy(ctx, site, dim)
}
'''

HANDLER_GO = '''\
package httpapi

import (
	"net/http"

	"example.com/tally/internal/service"
)

var dims = map[string]bool{"country": true, "browser": true}

func (h *Handler) Stats(w http.ResponseWriter, r *http.Request) {
	dim := r.URL.Query().Get("by")
{guard}	out, err := h.analytics.Breakdown(r.Context(), site(r), dim)
	writeJSON(w, out, err)
}
'''

GUARD_GO = '''\
	if !dims[dim] {
		http.Error(w, "unknown dimension", http.StatusBadRequest)
		return
	}
'''

DEFAULT_GO = '''\
	if dim == "" {
		dim = "country"
	}
'''


@pytest.mark.parametrize("depth,found", [(2, True), (1, False)])
def test_two_calls_deep_in_go(repo, depth, found):
    base = repo.commit("base", {"internal/store/store.go": STORE_GO, "internal/service/service.go": SERVICE_GO,
                                "internal/httpapi/stats.go": HANDLER_GO.replace("{guard}", GUARD_GO)})
    head = repo.commit("any column", {"internal/httpapi/stats.go": HANDLER_GO.replace("{guard}", DEFAULT_GO)})
    code, report = scan(repo, base, head, "go/go-taint-sql-injection.yml", depth=depth)
    new = [(f["path"], f["start_line"]) for f in report["findings"] if f["status"] == "new"]
    if found:
        assert code == 1 and new == [("internal/store/store.go", 10)]
        trace = report["findings"][0]["trace"]
        assert [s["path"] for s in trace][0] == "internal/httpapi/stats.go"
        assert "internal/service/service.go" in [s["path"] for s in trace]
    else:
        assert code == 0 and new == []


DIRECTORY_JAVA = '''\
package com.example.ldap;

public class Directory {
    private final LdapTemplate ldap;

    public boolean pinMatches(String uid, String pin) {
        String filter = "(&(uid=" + uid + ")(doorPin=" + pin + "))";
        return !ldap.search("ou=staff", filter, (AttributesMapper<String>) a -> "x").isEmpty();
    }
}
'''

CONTROLLER_JAVA = '''\
package com.example.web;

import com.example.ldap.Directory;
import org.springframework.ldap.support.LdapEncoder;

@RestController
public class UnlockController {
    @PostMapping("/doors/{id}/unlock")
    public ResponseEntity<Void> unlock(@PathVariable String id, @RequestBody Unlock request) {
        String uid = {uid};
        String pin = {pin};
        if (!directory.pinMatches(uid, pin)) {
            return ResponseEntity.status(403).build();
        }
        return ResponseEntity.ok().build();
    }
}
'''


def test_removed_encoding_in_a_spring_controller(repo):
    base = repo.commit("base", {
        "src/main/java/com/example/ldap/Directory.java": DIRECTORY_JAVA,
        "src/main/java/com/example/web/UnlockController.java": CONTROLLER_JAVA.replace(
            "{uid}", "LdapEncoder.filterEncode(request.uid())").replace("{pin}", "LdapEncoder.filterEncode(request.pin())")})
    head = repo.commit("encoding twice", {
        "src/main/java/com/example/web/UnlockController.java": CONTROLLER_JAVA.replace(
            "{uid}", "request.uid()").replace("{pin}", "request.pin()")})
    code, report = scan(repo, base, head, "java/java-taint-ldap-injection.yml")
    new = [(f["path"], f["start_line"]) for f in report["findings"] if f["status"] == "new"]
    assert code == 1 and new == [("src/main/java/com/example/ldap/Directory.java", 8)]


PARAMS_PY = '''\
from flask import request


def wanted_column():
    return request.args.get("sort", "id")
'''

REPORT_PY = '''\
from app.params import wanted_column


def report(cursor):
    col = {value}
    cursor.execute("SELECT * FROM sales ORDER BY " + col)
'''


def test_a_same_named_function_in_a_file_nobody_imports_is_not_followed(repo):
    base = py_repo(repo)
    repo.commit("unrelated", {"tools/other.py": "import os\n\n\ndef fetch_remote(cmd):\n    os.system(cmd)\n"})
    head = repo.commit("scheme check is enough", {"app/routes.py": ROUTE_PY.format(guard=WEAK_PY)})
    code, report = scan(repo, f"{head}~1", head, "python/py-taint-ssrf.yml", "python/py-taint-command-injection.yml")
    new = [(f["rule_id"], f["path"]) for f in report["findings"] if f["status"] == "new"]
    assert new == [("py-taint-ssrf", "app/fetch.py")]


def test_a_helper_in_another_file_that_returns_request_data(repo):
    base = repo.commit("base", {"app/params.py": PARAMS_PY,
                                "app/report.py": REPORT_PY.replace("{value}", '"id"')})
    head = repo.commit("sortable", {"app/report.py": REPORT_PY.replace("{value}", "wanted_column()")})
    code, report = scan(repo, base, head, "python/py-taint-sql-injection.yml")
    new = [f for f in report["findings"] if f["status"] == "new"]
    assert code == 1 and [(f["path"], f["start_line"]) for f in new] == [("app/report.py", 6)]
    assert new[0]["trace"][0]["path"] == "app/params.py" and "wanted_column" in new[0]["link"]


VIEWS_PY = '''\
from django.contrib.auth.decorators import login_required


{decorator}def export_ledger(request):
    rows = Ledger.objects.filter(owner=request.user)
    return render_csv(rows)
'''


def test_a_removed_authorization_decorator_is_reported_with_the_removed_line(repo):
    base = repo.commit("base", {"ledger/views.py": VIEWS_PY.replace("{decorator}", "@login_required\n")})
    head = repo.commit("public export", {"ledger/views.py": "# shared with the accounting tool\n" +
                                         VIEWS_PY.replace("{decorator}", "")})
    code, report = scan(repo, base, head, "python/py-auth-decorator-removed.yml")
    new = [f for f in report["findings"] if f["status"] == "new"]
    assert code == 1 and [(f["rule_id"], f["path"], f["start_line"], f["origin"]) for f in new] == \
        [("py-auth-decorator-removed", "ledger/views.py", 5, "removed")]
    assert new[0]["removed"] == ["ledger/views.py:4: @login_required"]
    # a full scan has nothing to compare with, so it reports no lost guard
    _, full = scan_json("--all", "--no-builtin-rules", "--rules", str(RULES / "python/py-auth-decorator-removed.yml"),
                        cwd=repo.root)
    assert full["findings"] == []


def test_cross_file_findings_are_the_same_from_the_blob_cache(repo, tmp_path):
    """Files served from the cache bring their symbols and taint facts, so a
    cached scan follows the same paths across files as a cold one."""
    import json as _json
    from tests.conftest import run_prescan
    base = py_repo(repo)
    head = repo.commit("scheme check is enough", {"app/routes.py": ROUTE_PY.format(guard=WEAK_PY)})
    store = str(tmp_path / "store")
    args = ("scan", "--base", base, "--head", head, "--format", "json", "--no-builtin-rules",
            "--rules", str(RULES / "python/py-taint-ssrf.yml"))
    cold = run_prescan(*args, "--no-store", cwd=repo.root)
    first = run_prescan(*args, "--store", store, cwd=repo.root)
    second = run_prescan(*args, "--store", store, cwd=repo.root)
    reports = [_json.loads(p.stdout)["findings"] for p in (cold, first, second)]
    assert reports[0] and reports[0] == reports[1] == reports[2]
    assert reports[2][0]["link"] and reports[2][0]["path"] == "app/fetch.py"
    scans = _json.loads(run_prescan("history", "--store", store, "--format", "json", cwd=repo.root).stdout)["scans"]
    assert scans[-1]["counters"]["versions_analyzed"] == 0


SAFE_NAME_PY = '''\
import os


def safe_name(name):
    return {body}
'''

DOWNLOAD_PY = '''\
import os
from flask import Flask, request, send_file
from app.names import safe_name

app = Flask(__name__)


@app.get("/files")
def download():
    name = safe_name(request.args["name"])
    return send_file(os.path.join("/srv/uploads", name))
'''

SAFE_NAME_JS = '''\
const path = require('path');
function safeName(name) {{
  return {body};
}}
module.exports = {{ safeName }};
'''

DOWNLOAD_JS = '''\
const fs = require('fs');
const {{ safeName }} = require('./names');
app.get('/files', (req, res) => {{
  const file = safeName(req.query.name);
  res.send(fs.readFileSync(`/srv/uploads/${{file}}`));
}});
'''


@pytest.mark.parametrize("files, weakened, rule, at", [
    ({"app/names.py": SAFE_NAME_PY.format(body="os.path.basename(name)"), "app/download.py": DOWNLOAD_PY},
     {"app/names.py": SAFE_NAME_PY.format(body='name.strip().lstrip("/")')},
     "python/py-taint-path-traversal.yml", ("app/download.py", 11)),
    ({"src/names.js": SAFE_NAME_JS.format(body="path.basename(name)"), "src/download.js": DOWNLOAD_JS.format()},
     {"src/names.js": SAFE_NAME_JS.format(body="name.trim()")},
     "javascript/js-taint-path-traversal.yml", ("src/download.js", 5)),
])
def test_a_sanitizer_weakened_in_another_file_shows_where_its_callers_reach_a_sink(repo, files, weakened, rule, at):
    base = repo.commit("a helper that reduces a name to its last part", files)
    head = repo.commit("the helper keeps sub-folders", weakened)
    # full scans: the base is clean (the helper's basename sanitizes), the head is not
    _, full_base = scan_json("--all", "--head", base, "--no-builtin-rules", "--rules", str(RULES / rule),
                             cwd=repo.root)
    _, full_head = scan_json("--all", "--head", head, "--no-builtin-rules", "--rules", str(RULES / rule),
                             cwd=repo.root)
    assert full_base["findings"] == []
    assert [(f["path"], f["start_line"]) for f in full_head["findings"]] == [at]
    code, doc = scan(repo, base, head, rule)
    assert code == 1
    [f] = doc["findings"]
    assert (f["path"], f["start_line"], f["status"]) == (*at, "new")
    assert "sanitized it before the change" in f["link"] and "names" in f["link"]
    # the helper is fixed again: the finding is fixed
    fixed = repo.commit("basename again", files)
    _, doc = scan(repo, head, fixed, rule)
    assert doc["findings"] == [] and [(x["path"], x["start_line"]) for x in doc["fixed"]] == [at]
