"""A lookup in a constant table by a request key yields one of the table's
own values (the allow-list idiom); a table the code writes to does not."""
from __future__ import annotations

import textwrap

import pytest

from prescan.analyze import analyze_file
from prescan.parse import parse
from prescan.rules.loader import load_rules


@pytest.fixture(scope="module")
def ruleset():
    return load_rules()


def sql_lines(ruleset, path, lang, code):
    found = analyze_file(parse(path, textwrap.dedent(code).encode(), lang), ruleset)
    return sorted(f.start_line for f in found if "taint-sql" in f.rule_id)


def test_python_constant_table_lookup_is_clean_and_a_written_table_is_not(ruleset):
    code = """\
        from flask import request
        SORTS = {"new": "created_at DESC", "old": "created_at"}
        CACHE = {"a": "b"}

        def listing(db):
            order = SORTS.get(request.args.get("sort"), "created_at")
            db.execute("SELECT * FROM posts ORDER BY " + order)
            order = SORTS[request.args["sort"]]
            db.execute("SELECT * FROM posts ORDER BY " + order)

        def remember(db):
            CACHE[request.args["k"]] = request.args["v"]
            db.execute("SELECT * FROM posts ORDER BY " + CACHE[request.args["k"]])
        """
    assert sql_lines(ruleset, "app.py", "python", code) == [13]


def test_js_and_go_tables(ruleset):
    js = """\
        const SORTS = { new: 'created_at DESC', old: 'created_at' };
        app.get('/posts', async (req, res) => {
          const order = SORTS[req.query.sort] || 'created_at';
          await pool.query(`SELECT * FROM posts ORDER BY ${order}`);
          await pool.query(`SELECT * FROM posts ORDER BY ${req.query.sort}`);
        });
        """
    assert sql_lines(ruleset, "app.js", "javascript", js) == [5]
    go = """\
        package main

        import "net/http"

        var columns = map[string]string{"name": "name", "date": "created_at"}

        func sorted(w http.ResponseWriter, r *http.Request) {
        \tcol := columns[r.URL.Query().Get("sort")]
        \tdb.Query("SELECT id FROM posts ORDER BY " + col)
        \tdb.Query("SELECT id FROM posts ORDER BY " + r.URL.Query().Get("sort"))
        }
        """
    assert sql_lines(ruleset, "main.go", "go", go) == [10]
