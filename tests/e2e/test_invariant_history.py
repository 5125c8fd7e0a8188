"""The invariant of DESIGN.md over real histories: for every commit C of a
33-commit history per language family (Python,
JavaScript, Go, Java, Ruby, PHP, C) (vulnerable changes, safe changes,
guards removed and restored across files, line shifts, renames, moves,
copies, fixes and deletions), the new findings of a diff scan C~1..C equal
full-scan(C) minus full-scan(C~1) by fingerprint, and the fixed findings
equal the reverse difference. (Findings of `mode: removed` rules describe
the change itself, a guard it deleted, so only a diff scan has them; they
are outside the comparison.)"""
from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field

import pytest

from prescan.pipeline import ScanOptions, run_scan
from prescan.rules.loader import load_rules
from tests.conftest import GitRepo


@dataclass(frozen=True)
class Lang:
    ext: str
    header: str
    vuln: str           # {n}: a function where request data reaches a sink
    safe: str           # {n}: the same shape, made safe
    helper: str         # {n}: a helper whose parameter reaches a sink
    route: str          # {n}, {guard}: a handler that passes request data to helper{n}
    guard: str          # the validation the route may lose
    comment: str
    footer: str = ""


PY = Lang(
    ext="py",
    header="import os\nimport subprocess\nfrom flask import request, abort\n\nfrom app import helpers\n\n",
    vuln='def vuln_{n}():\n    name = request.args.get("f")\n    os.system("ls " + name)\n\n',
    safe='def safe_{n}():\n    name = request.args.get("f")\n    subprocess.run(["ls", name])\n\n',
    helper='def helper_{n}(arg):\n    os.system("convert " + arg)\n\n',
    route='def route_{n}():\n    fmt = request.args.get("fmt")\n{guard}    helpers.helper_{n}(fmt)\n\n',
    guard='    if fmt not in ALLOWED:\n        abort(400)\n',
    comment="# {n}\n",
)
JS = Lang(
    ext="js",
    header="const { exec } = require('child_process');\nconst helpers = require('./helpers');\n\n",
    vuln="function vuln_{n}(req, res) {{\n  const name = req.query.f;\n  exec('ls ' + name);\n}}\n\n",
    safe="function safe_{n}(req, res) {{\n  const name = req.query.f;\n  execFile('ls', [name]);\n}}\n\n",
    helper="function helper_{n}(arg) {{\n  exec('convert ' + arg);\n}}\n\n",
    route="function route_{n}(req, res) {{\n  const fmt = req.query.fmt;\n{guard}  helpers.helper_{n}(fmt);\n}}\n\n",
    guard="  if (!ALLOWED.includes(fmt)) {\n    return res.status(400).end();\n  }\n",
    comment="// {n}\n",
)
GO = Lang(
    ext="go",
    header='package app\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\n',
    vuln=('func vuln{n}(w http.ResponseWriter, r *http.Request) {{\n\tname := r.FormValue("f")\n'
          '\tdb.Query(fmt.Sprintf("SELECT * FROM t WHERE n = \'%s\'", name))\n}}\n\n'),
    safe=('func safe{n}(w http.ResponseWriter, r *http.Request) {{\n\tname := r.FormValue("f")\n'
          '\tdb.Query("SELECT * FROM t WHERE n = $1", name)\n}}\n\n'),
    helper='func helper{n}(col string) {{\n\tdb.Query("SELECT " + col + " FROM t")\n}}\n\n',
    route=('func route{n}(w http.ResponseWriter, r *http.Request) {{\n\tcol := r.FormValue("c")\n'
           '{guard}\thelper{n}(col)\n}}\n\n'),
    guard='\tif !allowed[col] {\n\t\treturn\n\t}\n',
    comment="// {n}\n",
)
JAVA = Lang(
    ext="java",
    header="import javax.servlet.http.HttpServletRequest;\n\nclass C{file} {{\n",
    vuln=('    void vuln{n}(HttpServletRequest request, Statement st) throws Exception {{\n'
          '        String s = request.getParameter("s");\n'
          '        st.executeQuery("SELECT * FROM t WHERE s = \'" + s + "\'");\n    }}\n\n'),
    safe=('    void safe{n}(HttpServletRequest request, Connection c) throws Exception {{\n'
          '        PreparedStatement ps = c.prepareStatement("SELECT * FROM t WHERE s = ?");\n'
          '        ps.setString(1, request.getParameter("s"));\n    }}\n\n'),
    helper=('    void helper{n}(String col, Statement st) throws Exception {{\n'
            '        st.executeQuery("SELECT " + col + " FROM t");\n    }}\n\n'),
    route=('    void route{n}(HttpServletRequest request, Statement st) throws Exception {{\n'
           '        String col = request.getParameter("c");\n{guard}        helpers.helper{n}(col, st);\n    }}\n\n'),
    guard='        if (!ALLOWED.contains(col)) {\n            return;\n        }\n',
    comment="    // {n}\n",
    footer="}\n",
)


RUBY = Lang(
    ext="rb",
    header="require_relative 'helpers'\n\n",
    vuln="def vuln_{n}\n  name = params[:f]\n  File.read(\"/srv/files/#{{name}}\")\nend\n\n",
    safe="def safe_{n}\n  name = File.basename(params[:f])\n  File.read(\"/srv/files/#{{name}}\")\nend\n\n",
    helper="def helper_{n}(arg)\n  File.read(\"/srv/exports/\" + arg)\nend\n\n",
    route="def route_{n}\n  fmt = params[:fmt]\n{guard}  helper_{n}(fmt)\nend\n\n",
    guard="  return head(:bad_request) unless ALLOWED.include?(fmt)\n",
    comment="# {n}\n",
)
PHP = Lang(
    ext="php",
    header="<?php\nrequire_once __DIR__ . '/helpers.php';\n\n",
    vuln=("function vuln_{n}($db) {{\n    $name = $_GET['f'];\n"
          "    mysqli_query($db, \"SELECT * FROM t WHERE n = '\" . $name . \"'\");\n}}\n\n"),
    safe=("function safe_{n}($db) {{\n    $id = intval($_GET['f']);\n"
          "    mysqli_query($db, \"SELECT * FROM t WHERE id = \" . $id);\n}}\n\n"),
    helper="function helper_{n}($db, $col) {{\n    mysqli_query($db, \"SELECT \" . $col . \" FROM t\");\n}}\n\n",
    route="function route_{n}($db) {{\n    $col = $_GET['c'];\n{guard}    helper_{n}($db, $col);\n}}\n\n",
    guard="    if (!in_array($col, ALLOWED, true)) {\n        return;\n    }\n",
    comment="// {n}\n",
)
C = Lang(
    ext="c",
    header="#include <string.h>\n#include <stdio.h>\n\n",
    vuln="void vuln_{n}(const char *in) {{\n    char buf[16];\n    strcpy(buf, in);\n    puts(buf);\n}}\n\n",
    safe=("void safe_{n}(const char *in) {{\n    char buf[16];\n    snprintf(buf, sizeof buf, \"%s\", in);\n"
          "    puts(buf);\n}}\n\n"),
    helper="void helper_{n}(const char *fmt) {{\n    printf(fmt);\n}}\n\n",
    route="void route_{n}(const char *arg) {{\n{guard}    helper_{n}(arg);\n}}\n\n",
    guard="    if (strlen(arg) > 64) {\n        return;\n    }\n",
    comment="// {n}\n",
)


@dataclass
class Project:
    lang: Lang
    files: dict[str, list[str]] = field(default_factory=dict)      # path -> blocks in order

    def render(self) -> dict[str, str]:
        out = {}
        for path, blocks in self.files.items():
            stem = path.rsplit("/", 1)[-1].split(".")[0]
            out[path] = self.lang.header.replace("{file}", stem).replace("{{", "{") + "".join(blocks) + self.lang.footer
        return out


def history(lang: Lang, repo: GitRepo, steps: int = 32, seed: int = 7) -> list[str]:
    """Commit a mixed history; returns the commit ids, oldest first."""
    rng = random.Random(seed)
    L = lang
    p = Project(L, {f"app/views.{L.ext}": [L.vuln.format(n=0), L.safe.format(n=0)],
                    f"app/helpers.{L.ext}": [L.helper.format(n=1)],
                    f"app/routes.{L.ext}": [L.route.format(n=1, guard=L.guard)]})
    commits = [repo.commit("base", p.render())]
    n = 2
    guarded = {1: True}
    for i in range(steps):
        op = i % 8
        paths = sorted(p.files)
        deleted: tuple[str, ...] = ()
        if op == 0:                                        # a vulnerable function
            p.files[rng.choice(paths)].append(L.vuln.format(n=n))
        elif op == 1:                                      # a safe function, and a new helper with its route
            p.files[rng.choice(paths)].append(L.safe.format(n=n))
            p.files.setdefault(f"app/helpers.{L.ext}", []).append(L.helper.format(n=n))
            p.files.setdefault(f"app/routes.{L.ext}", []).append(L.route.format(n=n, guard=L.guard))
            guarded[n] = True
        elif op in (2, 6):                                 # a guard removed, or restored (a fix)
            k = rng.choice(sorted(guarded))
            sep = "_" if "route_{n}" in L.route else ""
            is_route = re.compile(rf"\broute{sep}{k}\b").search
            path = next((q for q in paths if any(is_route(b) for b in p.files[q])), None)
            if path is not None:
                guarded[k] = not guarded[k]
                p.files[path] = [L.route.format(n=k, guard=L.guard if guarded[k] else "")
                                 if is_route(b) else b
                                 for b in p.files[path]]
        elif op == 3:                                      # lines shift: a comment above everything
            path = rng.choice(paths)
            p.files[path].insert(0, L.comment.format(n=n) * rng.randint(1, 4))
        elif op == 4:                                      # a rename
            path = rng.choice(paths)
            new = path.replace(f".{L.ext}", f"_{n}.{L.ext}")
            repo.git("mv", path, new)
            p.files[new] = p.files.pop(path)
        elif op == 5:                                      # a copy of a vulnerable function elsewhere
            src = [b for q in paths for b in p.files[q] if "vuln" in b]
            if src:
                p.files.setdefault(f"app/copies_{n}.{L.ext}", []).append(rng.choice(src))
        elif op == 7:                                      # a move, and a fix by deletion
            a, b = rng.sample(paths, 2) if len(paths) > 1 else (paths[0], paths[0])
            if p.files[a]:
                block = p.files[a].pop(rng.randrange(len(p.files[a])))
                p.files[b].append(block)
            vulns = [(q, j) for q in sorted(p.files) for j, blk in enumerate(p.files[q]) if "vuln" in blk]
            if vulns:
                q, j = rng.choice(vulns)
                p.files[q].pop(j)
            empty = [q for q in p.files if not p.files[q]]
            for q in empty:
                del p.files[q]
            deleted = tuple(empty)
        n += 1
        commits.append(repo.commit(f"step {i} op {op}", p.render(), delete=deleted))
    return commits


def fingerprints(findings) -> Counter:
    return Counter(f.fingerprint for f in findings)


@pytest.mark.slow
@pytest.mark.parametrize("lang", [PY, JS, GO, JAVA, RUBY, PHP, C],
                         ids=["python", "javascript", "go", "java", "ruby", "php", "c"])
def test_diff_scan_equals_difference_of_full_scans(repo, lang):
    commits = history(lang, repo)
    assert len(commits) >= 31
    rules = load_rules()
    full = {}

    def full_scan(c):
        if c not in full:
            r = run_scan(ScanOptions(repo=str(repo.root), all_files=True, head=c, jobs=1), rules)
            full[c] = fingerprints(r.findings)
        return full[c]

    saw_new = saw_fixed = saw_cross = 0
    for prev, cur in zip(commits, commits[1:]):
        diff = run_scan(ScanOptions(repo=str(repo.root), base=prev, head=cur, jobs=1), rules)
        # findings about the change itself (a guard it removed) exist only in a diff scan
        new = fingerprints(f for f in diff.findings if f.status == "new" and f.origin != "removed")
        fixed = fingerprints(diff.fixed)
        a, b = full_scan(prev), full_scan(cur)
        assert new == b - a, f"new findings of {prev[:8]}..{cur[:8]} differ from full(C) - full(C~1)"
        assert fixed == a - b, f"fixed findings of {prev[:8]}..{cur[:8]} differ from full(C~1) - full(C)"
        saw_new += bool(new)
        saw_fixed += bool(fixed)
        saw_cross += any(f.link for f in diff.findings if f.status == "new")
    # the history exercised what it is meant to (C has no taint rules: no path crosses files there)
    assert saw_new >= 5 and saw_fixed >= 3 and (saw_cross >= 1 or lang is C), (saw_new, saw_fixed, saw_cross)
