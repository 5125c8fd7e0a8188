"""A container or builder that takes tainted data holds it: `sb.append(x)`,
`parts.append(x)`, `items << x`; one that takes only constants stays clean."""
from __future__ import annotations

import textwrap

import pytest

from prescan.analyze import analyze_file
from prescan.parse import parse
from prescan.rules.loader import load_rules


@pytest.fixture(scope="module")
def ruleset():
    return load_rules()


def taint_lines(ruleset, path, lang, code, kind):
    found = analyze_file(parse(path, textwrap.dedent(code).encode(), lang), ruleset)
    return sorted({f.start_line for f in found if f.origin == "taint" and kind in f.rule_id})


def test_java_string_builder(ruleset):
    code = """\
        import javax.servlet.http.*;
        import java.sql.*;

        class Search {
            void run(HttpServletRequest request, Connection conn) throws Exception {
                StringBuilder sql = new StringBuilder("SELECT * FROM items WHERE 1=1");
                sql.append(" AND name = '").append(request.getParameter("name")).append("'");
                conn.createStatement().executeQuery(sql.toString());
                StringBuilder fixed = new StringBuilder("SELECT * FROM items");
                fixed.append(" ORDER BY id");
                conn.createStatement().executeQuery(fixed.toString());
            }
        }
        """
    assert taint_lines(ruleset, "Search.java", "java", code, "sql") == [8]


def test_python_list_and_ruby_array(ruleset):
    py = """\
        import subprocess
        from flask import request

        def run():
            args = ["tar", "czf", "out.tgz"]
            args.append(request.args["dir"])
            subprocess.run(" ".join(args), shell=True)
            safe = ["tar", "czf", "out.tgz"]
            safe.append("/srv/data")
            subprocess.run(" ".join(safe), shell=True)
        """
    assert taint_lines(ruleset, "run.py", "python", py, "command") == [7]
    rb = """\
        class UsersController < ApplicationController
          def index
            conds = []
            conds << "name = '#{params[:name]}'"
            @users = User.where(conds.join(" AND "))
            fixed = []
            fixed << "active = 1"
            @active = User.where(fixed.join(" AND "))
          end
        end
        """
    assert taint_lines(ruleset, "users_controller.rb", "ruby", rb, "sql") == [5]
