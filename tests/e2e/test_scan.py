"""End to end: real repositories, the real CLI, exact findings and exit codes."""
from __future__ import annotations

import json
import textwrap

from prescan.rules.loader import builtin_rules_dir
from conftest import GitRepo, run_prescan, scan_json

APP_BASE = textwrap.dedent('''\
    import subprocess


    def thumbnail(src):
        subprocess.run(["convert", src, "thumb.png"], check=True)
        return "thumb.png"


    def health():
        return "ok"
    ''')

APP_VULN = APP_BASE.replace('subprocess.run(["convert", src, "thumb.png"], check=True)',
                            'subprocess.run("convert " + src + " thumb.png", shell=True)')

JS_RULE = textwrap.dedent("""\
    id: js-eval-call
    languages: [javascript]
    severity: critical
    confidence: high
    cwe: [CWE-95]
    message: eval runs $X as code
    why: eval runs a string as code.
    fix: parse the data instead.
    pattern: eval($X)
    """)

GO_RULE = textwrap.dedent("""\
    id: go-shell-command
    languages: [go]
    severity: high
    confidence: medium
    cwe: [CWE-78]
    message: shell runs $X
    why: a shell interprets metacharacters.
    fix: run the program with an argument list.
    pattern: exec.Command("sh", "-c", $X)
    """)


def rules_dir(tmp_path):
    d = tmp_path / "myrules"
    d.mkdir()
    (d / "js-eval-call.yml").write_text(JS_RULE)
    (d / "go-shell-command.yml").write_text(GO_RULE)
    return d


def found(doc, status=None):
    return [(f["rule_id"], f["path"], f["start_line"]) for f in doc["findings"]
            if status is None or f["status"] == status]


def test_branch_scan_blocks_added_shell_call(repo: GitRepo):
    repo.commit("base", {"app.py": APP_BASE})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("resize", {"app.py": APP_VULN})
    code, doc = scan_json(cwd=repo.root)
    assert code == 1
    assert found(doc) == [("subprocess-shell-true", "app.py", 5)]
    f = doc["findings"][0]
    assert f["status"] == "new" and f["blocking"] and f["unit"] == "thumbnail"
    assert f["cwe"] == ["CWE-78"] and f["fingerprint"].endswith(":0")
    assert doc["change"]["mode"] in ("branch", "worktree")


def test_uncommitted_and_untracked_work_is_scanned(repo: GitRepo):
    repo.commit("base", {"app.py": APP_BASE})
    repo.write("app.py", APP_VULN)                       # unstaged edit on main itself
    repo.write("tools/new.py", "import subprocess\nsubprocess.call(cmd, shell=True)\n")   # untracked
    code, doc = scan_json(cwd=repo.root)
    assert code == 1
    assert found(doc) == [("subprocess-shell-true", "app.py", 5), ("subprocess-shell-true", "tools/new.py", 2)]


def test_pre_existing_finding_in_changed_unit_does_not_block(repo: GitRepo):
    documented = APP_VULN.replace('    return "thumb.png"', '    return "thumb.png"  # path')
    base = repo.commit("base", {"app.py": APP_VULN})
    head = repo.commit("docs", {"app.py": documented})
    code, doc = scan_json("--base", base, "--head", head, cwd=repo.root)
    assert code == 0
    assert found(doc, "unchanged") == [("subprocess-shell-true", "app.py", 5)]
    assert doc["summary"]["blocking"] == 0
    # on changed lines only, the old finding is out of scope
    code, doc = scan_json("--base", base, "--head", head, "--scope", "lines", cwd=repo.root)
    assert code == 0 and found(doc) == []
    # an edit elsewhere in the file leaves it out of the units scope too, but in the files scope
    head2 = repo.commit("health", {"app.py": documented.replace('return "ok"', 'return "OK"')})
    _, doc = scan_json("--base", head, "--head", head2, cwd=repo.root)
    assert found(doc) == []
    _, doc = scan_json("--base", head, "--head", head2, "--scope", "files", cwd=repo.root)
    assert found(doc, "unchanged") == [("subprocess-shell-true", "app.py", 5)]


def test_fix_is_reported_as_fixed(repo: GitRepo):
    base = repo.commit("base", {"app.py": APP_VULN})
    head = repo.commit("fix", {"app.py": APP_BASE})
    code, doc = scan_json("--base", base, "--head", head, cwd=repo.root)
    assert code == 0
    assert doc["findings"] == []
    assert [(f["rule_id"], f["path"], f["start_line"], f["status"]) for f in doc["fixed"]] == \
        [("subprocess-shell-true", "app.py", 5, "fixed")]


def test_moved_and_renamed_code_keeps_its_identity(repo: GitRepo):
    base = repo.commit("base", {"app.py": APP_VULN})
    repo.git("mv", "app.py", "media.py")
    head = repo.commit("move", {"media.py": "# media helpers\n\n\n" + APP_VULN})
    code, doc = scan_json("--base", base, "--head", head, "--scope", "files", cwd=repo.root)
    assert code == 0
    assert [(f["path"], f["start_line"], f["status"]) for f in doc["findings"]] == [("media.py", 8, "unchanged")]
    assert doc["fixed"] == []


def test_second_copy_of_a_bad_line_is_new(repo: GitRepo):
    base = repo.commit("base", {"app.py": APP_VULN})
    head = repo.commit("copy", {"app.py": APP_VULN.replace(
        '    return "thumb.png"',
        '    subprocess.run("convert " + src + " thumb.png", shell=True)\n    return "thumb.png"')})
    code, doc = scan_json("--base", base, "--head", head, cwd=repo.root)
    assert code == 1
    assert found(doc, "new") == [("subprocess-shell-true", "app.py", 6)]
    assert found(doc, "unchanged") == [("subprocess-shell-true", "app.py", 5)]


def test_range_scan_uses_merge_base(repo: GitRepo, tmp_path):
    repo.commit("base", {"web/app.js": "function ok() { return 1; }\n"})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("feature", {"web/app.js": "function ok() { return 1; }\nfunction run(s) {\n  return eval(s);\n}\n"})
    repo.git("checkout", "-q", "main")
    # main moves on with its own risky code after the fork: not part of the feature's change
    repo.commit("main moves", {"cmd/main.go": 'package main\n\nimport "os/exec"\n\nfunc f(c string) {\n'
                                               '\texec.Command("sh", "-c", c).Run()\n}\n'})
    only_mine = ("--no-builtin-rules", "--rules", str(rules_dir(tmp_path)))
    code, doc = scan_json("--base", "main", "--head", "feature", *only_mine, cwd=repo.root)
    assert code == 1
    assert found(doc) == [("js-eval-call", "web/app.js", 3)]
    code, doc = scan_json("--base", "feature", "--head", "main", *only_mine, cwd=repo.root)
    assert code == 1
    assert found(doc) == [("go-shell-command", "cmd/main.go", 6)]


def test_staged_scan_sees_only_the_index(repo: GitRepo):
    repo.commit("base", {"app.py": APP_BASE})
    repo.write("app.py", APP_VULN)
    repo.git("add", "app.py")
    repo.write("other.py", "import subprocess\nsubprocess.call(c, shell=True)\n")   # not staged
    code, doc = scan_json("--staged", cwd=repo.root)
    assert code == 1
    assert found(doc) == [("subprocess-shell-true", "app.py", 5)]


def test_patch_from_file_and_stdin(repo: GitRepo, tmp_path):
    repo.commit("base", {"app.py": APP_BASE})
    repo.write("app.py", APP_VULN)
    diff = repo.git("diff") + "\n"
    repo.git("checkout", "--", "app.py")          # the patch is not applied in the work tree
    patch = tmp_path / "change.diff"
    patch.write_text(diff)
    code, doc = scan_json("--patch", str(patch), cwd=repo.root)
    assert code == 1 and found(doc) == [("subprocess-shell-true", "app.py", 5)]
    proc = run_prescan("scan", "--format", "json", "--patch", "-", cwd=repo.root, stdin=diff.encode())
    assert proc.returncode == 1
    assert found(json.loads(proc.stdout)) == [("subprocess-shell-true", "app.py", 5)]


def test_all_scans_the_whole_tree(repo: GitRepo, tmp_path):
    repo.commit("base", {"app.py": APP_VULN, "web/x.js": "eval(location.hash);\n", "README": "hi\n"})
    shell_rule = builtin_rules_dir() / "python" / "subprocess-shell-true.yml"
    code, doc = scan_json("--all", "--no-builtin-rules", "--rules", str(rules_dir(tmp_path)),
                          "--rules", str(shell_rule), cwd=repo.root)
    assert code == 1
    assert found(doc) == [("subprocess-shell-true", "app.py", 5), ("js-eval-call", "web/x.js", 1)]


def test_fail_on_and_text_output(repo: GitRepo):
    base = repo.commit("base", {"app.py": APP_BASE})
    head = repo.commit("vuln", {"app.py": APP_VULN})
    proc = run_prescan("scan", "--base", base, "--head", head, "--fail-on", "critical", cwd=repo.root)
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert "app.py" in out and "subprocess-shell-true" in out and "why:" in out and "fix:" in out
    assert "1 new finding (1 high)" in out
    proc = run_prescan("scan", "--base", base, "--head", head, "--fail-on", "never", cwd=repo.root)
    assert proc.returncode == 0
    proc = run_prescan("scan", "--base", base, "--head", head, cwd=repo.root)
    assert proc.returncode == 1 and "1 blocking" in proc.stdout.decode()


def test_output_file_and_sarif(repo: GitRepo, tmp_path):
    base = repo.commit("base", {"app.py": APP_BASE})
    head = repo.commit("vuln", {"app.py": APP_VULN})
    out = tmp_path / "out.sarif"
    proc = run_prescan("scan", "--base", base, "--head", head, "--format", "sarif", "--output", str(out),
                       cwd=repo.root)
    assert proc.returncode == 1 and proc.stdout == b""
    doc = json.loads(out.read_text())
    res = doc["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"], r["baselineState"]) for r in res] == \
        [("subprocess-shell-true", "app.py", 5, "new")]
    rule = doc["runs"][0]["tool"]["driver"]["rules"][res[0]["ruleIndex"]]
    assert rule["id"] == "subprocess-shell-true" and "external/cwe/cwe-078" in rule["properties"]["tags"]
    assert res[0]["partialFingerprints"]["prescanFingerprint/v1"]


def test_output_to_a_named_pipe_writes_in_place(repo: GitRepo, tmp_path):
    """-o on something that is not a regular file (a FIFO here, /dev/null in
    practice) must be written, not replaced by renaming a temp file over it."""
    import os
    import stat
    import threading
    base = repo.commit("base", {"app.py": APP_BASE})
    head = repo.commit("vuln", {"app.py": APP_VULN})
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    proc = run_prescan("scan", "--base", base, "--head", head, "--format", "json", "-o", str(fifo), cwd=repo.root)
    reader.join(timeout=60)
    assert proc.returncode == 1, proc.stderr.decode()
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)              # still a pipe, not a file renamed over it
    assert json.loads(got[0])["findings"][0]["rule_id"] == "subprocess-shell-true"


def test_process_pool_gives_the_same_findings_as_one_process(repo: GitRepo):
    files = {}
    for i in range(24):
        body = "".join(f"def helper_{i}_{k}(x):\n    return x * {k}\n\n\n" for k in range(400))
        files[f"pkg/mod_{i:02d}.py"] = body + f"def run_{i}(c):\n    subprocess.run(c, shell=True)\n"
    repo.commit("many", files)
    assert sum(len(t) for t in files.values()) > 256 * 1024      # large enough for the pool to start
    _, one = scan_json("--all", "--jobs", "1", cwd=repo.root)
    _, two = scan_json("--all", "--jobs", "2", cwd=repo.root)
    assert len(one["findings"]) == 24
    assert [(f["path"], f["start_line"], f["fingerprint"]) for f in one["findings"]] == \
        [(f["path"], f["start_line"], f["fingerprint"]) for f in two["findings"]]


def test_demo_blocks_its_risky_change_with_the_builtin_pack():
    proc = run_prescan("demo", "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    blocking = [(f["rule_id"], f["path"], f["start_line"]) for f in doc["findings"] if f["blocking"]]
    assert ("py-taint-command-injection", "app.py", 27) in blocking
    taint = next(f for f in doc["findings"] if f["rule_id"] == "py-taint-command-injection")
    assert [s["line"] for s in taint["trace"]] == [24, 24, 27]


def test_a_copied_file_brings_new_findings(repo: GitRepo):
    # git reports the copy with the original as its source; the original stays, so both copies count
    base = repo.commit("base", {"app.py": APP_VULN})
    # git detects a copy when its source is modified in the same change
    head = repo.commit("copy", {"tools/app_copy.py": APP_VULN, "app.py": APP_VULN + "\n# owner: media team\n"})
    code, doc = scan_json("--base", base, "--head", head, cwd=repo.root)
    assert code == 1
    assert found(doc, "new") == [("subprocess-shell-true", "tools/app_copy.py", 5)]
    assert doc["fixed"] == []
