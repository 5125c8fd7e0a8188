"""The command provider with small Python programs as the model, and the
make_provider spec errors."""
from __future__ import annotations

import json
import shlex
import sys

import pytest
from fakeserver import DEFAULT_SCHEMA

from prescan.audit.providers import make_provider
from prescan.audit.transport import FAILED, MALFORMED, OK, REFUSED, ModelRequest
from prescan.errors import ConfigError, UsageError

ANSWER = """
import json, sys
req = json.load(sys.stdin)
lines = [i for i, l in enumerate(req["user"].splitlines(), 1) if "eval(" in l]
print(json.dumps({"data": {"findings": [{"line": n, "code": "eval", "pattern": "eval("} for n in lines]},
                  "model": "local-rules-1", "usage": {"input_tokens": len(req["user"]), "output_tokens": 5},
                  "echo": req}))
"""


def program(tmp_path, source: str) -> str:
    path = tmp_path / "model.py"
    path.write_text(source)
    return f"command:{shlex.quote(sys.executable)} {shlex.quote(str(path))}"


def request(user: str = "a = 1\nb = eval(a)\n") -> ModelRequest:
    return ModelRequest("unit-9", "system text", user, DEFAULT_SCHEMA, seed=5)


def test_answer_on_stdout(tmp_path):
    r = make_provider(program(tmp_path, ANSWER)).complete(request())
    assert r.status == OK and r.data == {"findings": [{"line": 2, "code": "eval", "pattern": "eval("}]}
    assert r.model == "local-rules-1" and r.usage.input_tokens == len("a = 1\nb = eval(a)\n")


def test_the_request_on_stdin_has_every_documented_field(tmp_path):
    seen = tmp_path / "request.json"
    echo = f"import sys, json; open({str(seen)!r}, 'w').write(sys.stdin.read()); print('{{\"error\": \"x\"}}')"
    r = make_provider(program(tmp_path, echo)).complete(request())
    sent = json.loads(seen.read_text())
    assert sent == {"custom_id": "unit-9", "system": "system text", "user": "a = 1\nb = eval(a)\n",
                    "schema": DEFAULT_SCHEMA, "schema_name": "answer", "max_tokens": 4096, "temperature": 0.0,
                    "seed": 5}
    assert r.status == FAILED


@pytest.mark.parametrize("source, status, error", [
    ("import sys; sys.stderr.write('boom\\nmodel crashed\\n'); sys.exit(3)", FAILED, "exited with 3: model crashed"),
    ("print('not json')", MALFORMED, "not JSON"),
    ("print('[1, 2]')", MALFORMED, "expected"),
    ("import json; print(json.dumps({'data': {'findings': 'x'}}))", MALFORMED, "schema"),
    ("import json; print(json.dumps({'refusal': 'no'}))", REFUSED, "refused"),
    ("import json; print(json.dumps({'error': 'rate limited upstream'}))", FAILED, "rate limited upstream"),
])
def test_failures(tmp_path, source, status, error):
    r = make_provider(program(tmp_path, source)).complete(request())
    assert r.status == status and error in r.error


def test_timeout(tmp_path):
    p = make_provider(program(tmp_path, "import time; time.sleep(5)"), {"timeout_s": 0.3})
    r = p.complete(request())
    assert r.status == FAILED and "timed out" in r.error


def test_no_batch_and_an_estimate_for_tokens(tmp_path):
    p = make_provider(program(tmp_path, ANSWER))
    assert p.supports_batch() is False and p.count_tokens(request("x" * 700)) >= 200


@pytest.mark.parametrize("spec, message", [
    ("gemini:pro", "unknown model provider"), ("anthropic", "unknown model provider"),
    ("openai:", "needs a model"), ("command:", "needs a program"),
    ("command:/no/such/program --flag", "not found"), ("command:'unclosed", "cannot split"),
])
def test_bad_specs(spec, message):
    with pytest.raises(UsageError) as info:
        make_provider(spec)
    assert message in info.value.one_line()


def test_unknown_option_is_an_error(tmp_path):
    with pytest.raises(ConfigError) as info:
        make_provider(program(tmp_path, ANSWER), {"timeuot": 3})
    assert "timeuot" in info.value.one_line()


def test_importing_the_providers_loads_no_sdk():
    import subprocess
    code = ("import sys, prescan.audit.providers, prescan.audit.concurrency, prescan.audit.pricing; "
            "print(sorted(m for m in ('anthropic', 'openai', 'httpx', 'jsonschema') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_documented_example_program(tmp_path):
    from pathlib import Path
    doc = (Path(__file__).parents[2] / "docs" / "model-providers.md").read_text()
    source = doc.split("<!-- command-example -->\n```python\n", 1)[1].split("```", 1)[0]
    r = make_provider(program(tmp_path, source)).complete(request())
    assert r.status == OK and r.model == "eval-finder-1"
    assert r.data == {"findings": [{"line": 2, "code": "b = eval(a)", "pattern": "eval("}]}


def test_the_documented_bench_command_runs():
    import os
    import subprocess
    from pathlib import Path
    root = Path(__file__).parents[2]
    doc = (root / "docs" / "model-providers.md").read_text()
    [line] = [x.strip() for x in doc.splitlines() if x.strip().startswith("PYTHONPATH=src python -m pytest benches")]
    argv = shlex.split(line.removeprefix("PYTHONPATH=src "))
    argv[0] = sys.executable
    env = {**os.environ, "PRESCAN_BENCH_ROUNDS": "1",
           "PRESCAN_BENCH_MODEL_LATENCY_S": "0.002"}
    proc = subprocess.run([*argv, "-q", "-p", "no:cacheprovider"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "5 passed" in proc.stdout
