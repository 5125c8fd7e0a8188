"""Taint rules: data from a source to a sink inside a function, stopped by
sanitizers and validating guards, in several languages."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from prescan.analyze import analyze_file
from prescan.parse import parse
from prescan.rules.loader import load_rules

RULE = """\
id: taint-test
mode: taint
languages: [{lang}]
severity: high
confidence: high
cwe: [CWE-78]
message: tainted $SINK
why: w
fix: f
sources:
{sources}
sanitizers:
{sanitizers}
sinks:
{sinks}
"""

LANGS = {
    "python": ("py", ["  - pattern: request.$A"], ["  - pattern: shlex.quote(...)"], ["  - pattern: os.system($SINK)"]),
    "javascript": ("js", ["  - pattern: req.query"], ["  - pattern: escape(...)"], ["  - pattern: exec($SINK)"]),
    "go": ("go", ["  - pattern: r.FormValue(...)"], ["  - pattern: strconv.Quote(...)"],
           ['  - pattern: exec.Command("sh", "-c", $SINK)']),
    "php": ("php", ["  - pattern: $_GET"], ["  - pattern: escapeshellarg(...)"], ["  - pattern: system($SINK)"]),
    "java": ("java", ["  - pattern: request.getParameter(...)"], ["  - pattern: encode(...)"],
             ["  - pattern: Runtime.getRuntime().exec($SINK)"]),
    "ruby": ("rb", ["  - pattern: params"], ["  - pattern: Shellwords.escape(...)"], ["  - pattern: system($SINK)"]),
}


def findings(tmp_path: Path, lang: str, code: str):
    ext, sources, sanitizers, sinks = LANGS[lang]
    d = tmp_path / "r"
    d.mkdir(exist_ok=True)
    (d / "taint-test.yml").write_text(RULE.format(lang=lang, sources="\n".join(sources),
                                                  sanitizers="\n".join(sanitizers), sinks="\n".join(sinks)))
    rules = load_rules([str(d)], builtin=False)
    src = textwrap.dedent(code).encode()
    return analyze_file(parse(f"f.{ext}", src, lang), rules)


def lines(found):
    return sorted(f.start_line for f in found)


def test_python_flows_sanitizers_and_guards(tmp_path):
    code = """\
        def direct():
            os.system(request.args["h"])
        def chain():
            h = request.args.get("h")
            cmd = f"ping {h}"
            full = cmd + " -c 1"
            os.system(full)
        def quoted():
            h = request.args.get("h")
            os.system("ping " + shlex.quote(h))
        def guarded():
            h = request.args.get("h")
            if not valid_host(h):
                abort(400)
            os.system("ping " + h)
        def emptiness_is_no_guard():
            h = request.args.get("h")
            if not h:
                return
            os.system("ping " + h)
        def inside_positive_guard():
            h = request.args.get("h")
            if h in ALLOWED:
                os.system("ping " + h)
        def overwritten():
            h = request.args.get("h")
            h = "localhost"
            os.system("ping " + h)
        def containers_and_loops():
            parts = [request.form["a"], "b"]
            for p in parts:
                os.system(p)
        def unrelated():
            x = "ls"
            os.system(x)
        """
    found = findings(tmp_path, "python", code)
    assert lines(found) == [2, 7, 20, 32]
    chain = next(f for f in found if f.start_line == 7)
    assert chain.origin == "taint"
    assert [(s.line, s.note.split(":")[0]) for s in chain.trace] == \
        [(4, "source"), (4, "assigned to h"), (5, "assigned to cmd"), (6, "assigned to full"), (7, "reaches the sink")]


@pytest.mark.parametrize("lang,code,expected", [
    ("javascript", """\
        function a(req) { const q = req.query.name; const c = "ls " + q; exec(c); }
        function b(req) { const q = escape(req.query.name); exec(`ls ${q}`); }
        function c(req) { const q = req.query.name; exec(`ls ${q}`); }
        """, [1, 3]),
    ("go", """\
        package m
        func a(r *http.Request) {
        \tname := r.FormValue("n")
        \tcmd := "ls " + name
        \texec.Command("sh", "-c", cmd).Run()
        }
        func b(r *http.Request) {
        \tname := strconv.Quote(r.FormValue("n"))
        \texec.Command("sh", "-c", "ls "+name).Run()
        }
        """, [5]),
    ("php", """\
        <?php
        function a() { $f = $_GET['f']; $c = "ls " . $f; system($c); }
        function b() { $f = escapeshellarg($_GET['f']); system("ls $f"); }
        """, [2]),
    ("java", """\
        class A {
          void a(HttpServletRequest request) throws Exception {
            String f = request.getParameter("f");
            String c = "ls " + f;
            Runtime.getRuntime().exec(c);
          }
          void b(HttpServletRequest request) throws Exception {
            String f = encode(request.getParameter("f"));
            Runtime.getRuntime().exec("ls " + f);
          }
        }
        """, [5]),
    ("ruby", """\
        def a
          f = params[:f]
          system("ls #{f}")
        end
        def b
          f = Shellwords.escape(params[:f])
          system("ls #{f}")
        end
        def c
          f = params[:f]
          return unless valid_name?(f)
          system("ls #{f}")
        end
        """, [3]),
])
def test_other_languages(tmp_path, lang, code, expected):
    assert lines(findings(tmp_path, lang, code)) == expected


def test_taint_rule_needs_sources_and_sinks(tmp_path):
    from prescan.errors import RuleError
    d = tmp_path / "r"
    d.mkdir()
    (d / "bad-taint.yml").write_text("id: bad-taint\nmode: taint\nlanguages: [python]\nseverity: high\n"
                                     "confidence: high\ncwe: [CWE-78]\nmessage: m\nwhy: w\nfix: f\n"
                                     "sinks:\n  - pattern: os.system($SINK)\n")
    with pytest.raises(RuleError, match="needs 'sources'"):
        load_rules([str(d)], builtin=False)


def test_size_and_existence_checks_are_not_validation(tmp_path):
    code = """\
        def size_checked():
            names = request.args.getlist("n")
            if len(names) > 10:
                abort(400)
            for n in names:
                os.system(n)
        def exists_checked():
            p = request.args.get("p")
            if not os.path.exists(p):
                abort(404)
            os.system(p)
        def allow_listed():
            p = request.args.get("p")
            if p not in ALLOWED:
                abort(404)
            os.system(p)
        """
    assert lines(findings(tmp_path, "python", code)) == [6, 11]


@pytest.mark.parametrize("lang, code, want", [
    ("python", """\
        def use_inside_a_branch_that_returns():
            c = request.args.get("c")
            if c in ALLOWED:
                return os.system(c)
            return None
        def reject_then_use():
            c = request.args.get("c")
            if not is_allowed(c):
                return os.system(c)
            return os.system(c)
        """, [9]),
    ("javascript", """\
        function useInside(req) {
          const c = req.query;
          if (isAllowed(c)) { return exec(c); }
          return null;
        }
        function rejectThenUse(req) {
          const c = req.query;
          if (!isAllowed(c)) { return exec(c); }
          return exec(c);
        }
        """, [8]),
])
def test_a_validating_branch_that_returns_validates_its_body_unless_it_is_a_rejection(tmp_path, lang, code, want):
    """`if valid(x): return sink(x)` runs the sink for valid data only;
    `if not valid(x): return sink(x)` runs it for invalid data (and after
    such a rejection, x is valid)."""
    assert lines(findings(tmp_path, lang, code)) == want


def test_each_part_of_an_and_or_an_or_counts_where_it_must_hold(tmp_path):
    code = """\
        def either_or():
            c = request.args.get("c")
            if c in ALLOWED or debug:
                os.system(c)
        def both():
            c = request.args.get("c")
            if c in ALLOWED and ready:
                os.system(c)
        def rejected_either():
            c = request.args.get("c")
            if c is None or c not in ALLOWED:
                abort(400)
            os.system(c)
        def rejected_both():
            c = request.args.get("c")
            if c not in ALLOWED and strict:
                abort(400)
            os.system(c)
        """
    # an `or` that holds may hold by its other part; after a rejected `and`, one part may have failed
    assert lines(findings(tmp_path, "python", code)) == [4, 18]


def test_calls_into_a_function_of_the_same_file(tmp_path):
    code = """\
        def run_tool(name, args):
            os.system("tool " + args)
        class Handler:
            def get(self):
                run_tool("x", request.args["a"])
            def safe(self):
                run_tool(request.args["a"], "--version")
            def method_call(self):
                self.convert(request.args["fmt"])
            def convert(self, fmt):
                os.system("convert -f " + fmt)
        """
    found = findings(tmp_path, "python", code)
    assert lines(found) == [2, 11]
    first = next(f for f in found if f.start_line == 2)
    assert [(s.line, s.note.split(":")[0]) for s in first.trace] == \
        [(5, "source"), (5, "passed to run_tool()"), (1, "parameter args"), (2, "reaches the sink")]


def test_javascript_helper_called_from_a_route(tmp_path):
    code = """\
        function convert(target) { exec("soffice --convert-to " + target); }
        app.post('/docs', (req, res) => { convert(req.query.to); res.end(); });
        app.post('/safe', (req, res) => { convert("pdf"); res.end(); });
        """
    assert lines(findings(tmp_path, "javascript", code)) == [1]


def test_a_function_that_returns_request_data_is_a_source_for_its_callers(tmp_path):
    code = """\
        def wanted_name():
            return request.args["name"]
        def listing():
            name = wanted_name()
            os.system("ls " + name)
        def fixed():
            os.system("ls " + constant_name())
        """
    found = findings(tmp_path, "python", code)
    assert lines(found) == [5]
    assert [(s.line, s.note) for s in found[0].trace][:2] == [(2, 'source: request.args'), (2, "returned")]


def test_branches_allow_lists_and_sizes(tmp_path):
    code = """\
        def defaulted():
            col = request.args.get("sort")
            if col == "":
                col = "id"
            os.system("sort -k " + col)
        def looked_up():
            col = request.args.get("sort")
            if not COLUMNS[col]:
                abort(400)
            os.system("sort -k " + col)
        def counted():
            ids = request.args.getlist("id")
            marks = ",".join("?" * len(ids))
            os.system("echo " + marks)
        def checked_by_a_call():
            target = request.args.get("t")
            ensure_safe_target(target)
            os.system("ping " + target)
        def scheme_only():
            url = request.args.get("u")
            if not url.startswith(("http://", "https://")):
                abort(400)
            os.system("curl " + url)
        """
    assert lines(findings(tmp_path, "python", code)) == [5, 23]


@pytest.mark.parametrize("lang,path,code,line", [
    ("csharp", "a.cs", """\
        class C {
            void F(HttpRequest request) {
                foreach (var part in request.Query["p"]) {
                    Process.Start(part);
                }
                foreach (var part in names) {
                    Process.Start(part);
                }
            }
        }
        """, 4),
    ("rust", "a.rs", """\
        fn f(req: Request) {
            for arg in req.query_args() {
                Command::new(arg).spawn();
            }
            for arg in ["ls"] {
                Command::new(arg).spawn();
            }
        }
        """, 3),
])
def test_a_loop_variable_carries_the_taint_of_what_it_iterates(tmp_path, lang, path, code, line):
    d = tmp_path / "r"
    d.mkdir()
    source = "request.Query" if lang == "csharp" else "req.query_args()"
    sink = "Process.Start($SINK)" if lang == "csharp" else "Command::new($SINK)"
    (d / "taint-test.yml").write_text(RULE.format(lang=lang, sources=f"  - pattern: {source}",
                                                  sanitizers="  - pattern: escape(...)",
                                                  sinks=f"  - pattern: {sink}"))
    found = analyze_file(parse(path, textwrap.dedent(code).encode(), lang), load_rules([str(d)], builtin=False))
    assert lines(found) == [line]
