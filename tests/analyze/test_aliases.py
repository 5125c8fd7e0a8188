"""Calls through a local alias of a function (an import under another name, a
variable holding the function, a promisified function) match the rules
written for the function, at the real call and with the real arguments."""
from __future__ import annotations

import textwrap

import pytest

from prescan.analyze import analyze_file
from prescan.parse import parse
from prescan.rules.loader import load_rules


@pytest.fixture(scope="module")
def ruleset():
    return load_rules()


def found(ruleset, path: str, lang: str, code: str) -> set[tuple[int, str]]:
    src = textwrap.dedent(code).encode()
    return {(f.start_line, f.rule_id) for f in analyze_file(parse(path, src, lang), ruleset)}


def test_python_import_and_assignment_aliases(ruleset):
    got = found(ruleset, "app.py", "python", """\
        import subprocess as sp
        from os import system as run_it
        import os
        from flask import request

        def handler():
            cmd = request.args["c"]
            sp.call(cmd, shell=True)
            run_it(cmd)
            sh = os.system
            sh(cmd)
            sp.call(["ls", "-l"])
            run_it("uptime")
        """)
    assert {(8, "subprocess-shell-true"), (8, "py-taint-command-injection"), (9, "py-taint-command-injection"),
            (11, "py-taint-command-injection")} <= got
    # constant arguments through the same aliases stay quiet for the taint rule
    assert not {(12, "py-taint-command-injection"), (13, "py-taint-command-injection")} & got


def test_a_name_bound_to_an_attribute_of_a_local_object_is_no_alias(ruleset):
    got = found(ruleset, "app.py", "python", """\
        from flask import request

        class Shell:
            def go(self):
                system = self.system
                system(request.args["c"])
        """)
    assert not {r for _, r in got if "command" in r}


@pytest.mark.parametrize("lang,path", [("typescript", "convert.ts"), ("javascript", "convert.js")])
def test_promisified_renamed_and_destructured_exec(ruleset, lang, path):
    got = found(ruleset, path, lang, """\
        import { exec, execFile as ef } from 'child_process';
        import * as cp from 'child_process';
        import { promisify } from 'util';
        const run = promisify(exec);
        const ex = cp.exec;
        const { exec: shell } = require('child_process');
        export async function convert(req, res) {
          const target = String(req.query.to);
          await run(`soffice --convert-to ${target}`, { timeout: 1 });
          ex(`y ${target}`);
          shell(`z ${target}`);
          await run('soffice --version');
        }
        """)
    lines = {line for line, rule in got if rule == "js-taint-command-injection"}
    assert lines == {9, 10, 11}


def test_go_renamed_import(ruleset):
    got = found(ruleset, "main.go", "go", """\
        package main

        import (
        \tsh "os/exec"
        \t"net/http"
        )

        func handler(w http.ResponseWriter, r *http.Request) {
        \thost := r.URL.Query().Get("host")
        \tsh.Command("sh", "-c", "ping "+host).Run()
        \tsh.Command("uptime").Run()
        }
        """)
    rules = {rule for line, rule in got if line == 10}
    assert any("command" in r or "exec" in r for r in rules), got
    assert not {rule for line, rule in got if line == 11}


def test_an_alias_assigned_two_different_functions_is_not_followed(ruleset):
    got = found(ruleset, "app.py", "python", """\
        import os, shlex
        from flask import request

        def handler(flag):
            run = os.system
            if flag:
                run = print
            run(request.args["c"])
        """)
    assert not {r for _, r in got if "command" in r}
