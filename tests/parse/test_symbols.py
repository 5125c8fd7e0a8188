"""The symbol index: definitions, calls with their enclosing unit, import
words and parameter flows, and its Arrow form (what the blob cache keeps)."""
from __future__ import annotations

import pytest

from prescan.parse import parse
from prescan.parse.symbols import Symbols, extract_symbols

CASES = {
    "python": ("a.py", b"from app.fetch import get_url\n\ndef route(u):\n    get_url(u)\n\nclass K:\n"
                       b"    def m(self, x):\n        self.helper(x)\n"),
    "javascript": ("a.js", b"const svc = require('./services/convert');\nfunction route(req) {\n"
                           b"  svc.convert(req.query.to);\n}\n"),
    "go": ("a.go", b"package h\nimport \"example.com/x/internal/store\"\nfunc (h *H) Stats(dim string) {\n"
                   b"\th.store.CountBy(dim)\n}\n"),
    "java": ("A.java", b"package web;\nimport com.ex.ldap.Directory;\nclass A {\n  boolean f(String uid) {\n"
                       b"    return directory.pinMatches(uid);\n  }\n}\n"),
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_definitions_calls_imports_and_flows(lang):
    path, src = CASES[lang]
    p = parse(path, src, lang)
    sym = extract_symbols(p.tree.root_node, p.source, lang, p.facts.units, flows=True)
    assert sym.defs and sym.calls and sym.imports
    # every function's parameter reaches the call it makes
    callers = {fn for fn, _callee in sym.flows}
    assert callers and all(c for c in callers)
    assert Symbols.from_table(sym.to_table()) == sym


def test_python_index_in_detail():
    path, src = CASES["python"]
    p = parse(path, src, "python")
    sym = extract_symbols(p.tree.root_node, p.source, "python", p.facts.units, flows=True)
    assert ("route", "route", "function", 3, 4) in sym.defs
    assert ("get_url", "route", 4) in sym.calls and ("helper", "K.m", 8) in sym.calls
    assert {"app", "fetch", "get_url"} <= set(sym.imports)
    assert set(sym.flows) == {("route", "get_url"), ("m", "helper")}
    assert sym.callers_of({"get_url"}) == {"route"} and sym.callees_of({"m"}) == {"helper"}
