"""Unit extraction: what counts as a function, method or class in each language,
with exact qualnames and line spans."""
from __future__ import annotations

import ast
import os
import sys
import time
from contextlib import contextmanager

import pytest

from prescan.parse import parse
from prescan.parse.languages import LANGUAGES, parser
from prescan.parse.units import extract_units


def units(language: str, code: str | bytes) -> list[tuple[str, str, int, int]]:
    data = code.encode() if isinstance(code, str) else code
    tree = parser(language).parse(data)
    return [(u.kind, u.qualname, u.start_line, u.end_line)
            for u in extract_units(tree.root_node, data, language)]


@contextmanager
def shallow_stack(extra: int = 120):
    """Allow only a little more Python stack than the caller already uses, so a
    recursive walk over a deep tree fails loudly."""
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + extra)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


PYTHON = '''\
import functools

from flask import Flask, abort

app = Flask(__name__)


def require_admin(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user().is_admin:
            abort(403)
        return view(*args, **kwargs)
    return wrapper


@app.route("/admin/users")
@require_admin
def list_users():
    return {"users": []}


@dataclass
class UserService:
    class Config:
        timeout = 5

    def __init__(self, db):
        self.db = db

    @property
    def count(self):
        return self.db.count()

    async def fetch(self, user_id):
        async def load():
            return await self.db.get(user_id)
        return await load()
'''


def test_python():
    assert units("python", PYTHON) == [
        ("function", "require_admin", 8, 14),
        ("function", "require_admin.wrapper", 9, 13),
        ("function", "list_users", 17, 20),
        ("class", "UserService", 23, 38),
        ("class", "UserService.Config", 25, 26),
        ("method", "UserService.__init__", 28, 29),
        ("method", "UserService.count", 31, 33),
        ("method", "UserService.fetch", 35, 38),
        ("function", "UserService.fetch.load", 36, 37),
    ]


def test_python_span_includes_decorators():
    data = PYTHON.encode()
    tree = parser("python").parse(data)
    by_name = {u.qualname: u for u in extract_units(tree.root_node, data, "python")}
    view = by_name["list_users"]
    text = data[view.start_byte:view.end_byte]
    assert text.startswith(b'@app.route("/admin/users")\n@require_admin\ndef list_users():')
    assert text.endswith(b'return {"users": []}')
    assert view.name == "list_users"
    assert data[by_name["UserService"].start_byte:].startswith(b"@dataclass\nclass UserService:")


JAVASCRIPT = '''\
const express = require('express');
const router = express.Router();

function requireAuth(req, res, next) {
  if (!req.user) return res.status(401).end();
  next();
}

const handler = (req, res) => {
  res.json({ ok: true });
};

router.get('/users/:id', requireAuth, async (req, res) => {
  const user = await db.find(req.params.id);
  res.json(user);
});

router.post('/login', function (req, res) {
  res.send('ok');
});

class UserController {
  constructor(db) {
    this.db = db;
  }

  async show(req, res) {
    return this.db.get(req.params.id);
  }

  static create = (req, res) => {};
}

module.exports = {
  handler,
  list(req, res) { res.json([]); },
  remove: (req, res) => {},
};
module.exports.legacy = function (req, res) {};
'''


def test_javascript():
    assert units("javascript", JAVASCRIPT) == [
        ("function", "requireAuth", 4, 7),
        ("function", "handler", 9, 11),
        ("function", "<anonymous@13>", 13, 16),
        ("function", "<anonymous@18>", 18, 20),
        ("class", "UserController", 22, 32),
        ("method", "UserController.constructor", 23, 25),
        ("method", "UserController.show", 27, 29),
        ("method", "UserController.create", 31, 31),
        ("method", "list", 36, 36),
        ("method", "remove", 37, 37),
        ("function", "legacy", 39, 39),
    ]


def test_javascript_callback_names_and_defaults():
    code = ("app.use(function audit(req, res, next) { next(); });\n"
            "items.forEach(x => { console.log(x); });\n"
            "const wrapped = guard(() => {});\n"
            "export default (req, res) => {};\n"
            "const o = { 'quoted-key': () => {}, plain: 1 };\n"
            "setTimeout(() => {}, 10), [() => {}];\n")
    assert units("javascript", code) == [
        ("function", "audit", 1, 1),
        ("function", "<anonymous@2>", 2, 2),
        ("function", "<anonymous@3>", 3, 3),
        ("function", "default", 4, 4),
        ("method", "quoted-key", 5, 5),
        ("function", "<anonymous@6>", 6, 6),     # the one in the array is no argument
    ]


TYPESCRIPT = '''\
import { Controller, Get, UseGuards } from '@nestjs/common';

interface Repo<T> {
  find(id: string): Promise<T>;
}

@Controller('users')
export class UsersController {
  constructor(private readonly repo: Repo<User>) {}

  @Get(':id')
  @UseGuards(AuthGuard)
  async findOne(id: string): Promise<User> {
    return this.repo.find(id);
  }

  private readonly log = (msg: string): void => {
    console.log(msg);
  };
}

export abstract class Base {
  abstract name(): string;
  describe(): string {
    return `base ${this.name()}`;
  }
}

export const GET = async (req: Request): Promise<Response> => {
  return new Response('ok');
};

export function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  return fn().catch(() => fn());
}
'''


def test_typescript():
    assert units("typescript", TYPESCRIPT) == [
        ("class", "UsersController", 7, 20),              # from its @Controller
        ("method", "UsersController.constructor", 9, 9),
        ("method", "UsersController.findOne", 11, 15),     # from its @Get
        ("method", "UsersController.log", 17, 19),
        ("class", "Base", 22, 27),
        ("method", "Base.describe", 24, 26),
        ("function", "GET", 29, 31),
        ("function", "withRetry", 33, 35),
        ("function", "withRetry.<anonymous@34>", 34, 34),
    ]


TSX = '''\
import React, { useEffect, useState } from 'react';

export function UserList({ users }: Props) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    load();
  }, []);
  const onClick = (e: React.MouseEvent) => setOpen(!open);
  return (
    <ul onClick={onClick}>
      {users.map((u) => <li key={u.id}>{u.name}</li>)}
    </ul>
  );
}

export default class Legacy extends React.Component<Props> {
  render() {
    return <div />;
  }
}
'''


def test_tsx():
    assert units("tsx", TSX) == [
        ("function", "UserList", 3, 14),
        ("function", "UserList.<anonymous@5>", 5, 7),
        ("function", "UserList.onClick", 8, 8),
        ("function", "UserList.<anonymous@11>", 11, 11),
        ("class", "Legacy", 16, 20),
        ("method", "Legacy.render", 17, 19),
    ]


GO = '''\
package server

import "net/http"

type Server struct {
    db  *DB
    mux *http.ServeMux
}

type (
    Handler func(w http.ResponseWriter, r *http.Request)
    Config  struct{ Addr string }
)

func New(db *DB) *Server {
    s := &Server{db: db, mux: http.NewServeMux()}
    s.mux.HandleFunc("/users", func(w http.ResponseWriter, r *http.Request) {
        s.listUsers(w, r)
    })
    return s
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
    users, err := s.db.Users(r.Context())
    if err != nil {
        http.Error(w, err.Error(), 500)
        return
    }
    writeJSON(w, users)
}

func (Server) Name() string { return "server" }

func (c *Cache[K, V]) Get(key K) (V, bool) {
    v, ok := c.items[key]
    return v, ok
}
'''


def test_go():
    assert units("go", GO) == [
        ("class", "Server", 5, 8),
        ("class", "Config", 12, 12),
        ("function", "New", 15, 21),
        ("method", "Server.listUsers", 23, 30),
        ("method", "Server.Name", 32, 32),
        ("method", "Cache.Get", 34, 37),
    ]


def test_go_receiver_method_names():
    data = GO.encode()
    tree = parser("go").parse(data)
    got = {u.qualname: u.name for u in extract_units(tree.root_node, data, "go")}
    assert got["Server.listUsers"] == "listUsers"
    assert got["Cache.Get"] == "Get"


JAVA = '''\
package com.example.api;

@RestController
@RequestMapping("/users")
public class UserController {
    private final UserService service;

    public UserController(UserService service) {
        this.service = service;
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    public User get(@PathVariable long id) {
        return service.find(id).orElseThrow(() -> new NotFound(id));
    }

    interface Auditor {
        void audit(String event);
    }

    enum Role {
        ADMIN, USER;

        boolean isAdmin() { return this == ADMIN; }
    }

    record Page(int number, int size) {
        Page {
            if (size > 100) throw new IllegalArgumentException();
        }
    }
}
'''


def test_java():
    assert units("java", JAVA) == [
        ("class", "UserController", 3, 33),
        ("method", "UserController.UserController", 8, 10),
        ("method", "UserController.get", 12, 16),          # annotations included, lambda is not a unit
        ("class", "UserController.Auditor", 18, 20),
        ("method", "UserController.Auditor.audit", 19, 19),
        ("class", "UserController.Role", 22, 26),
        ("method", "UserController.Role.isAdmin", 25, 25),
        ("class", "UserController.Page", 28, 32),
        ("method", "UserController.Page.Page", 29, 31),
    ]


CSHARP = '''\
using Microsoft.AspNetCore.Mvc;

namespace Shop.Api
{
    [ApiController]
    [Route("api/[controller]")]
    public class OrdersController : ControllerBase
    {
        private readonly IOrders _orders;

        public OrdersController(IOrders orders) => _orders = orders;

        [HttpGet("{id}")]
        [Authorize(Roles = "Admin")]
        public IActionResult Get(int id)
        {
            bool Visible(Order o) => o.Owner == User.Identity.Name;
            var order = _orders.Find(id);
            return order != null && Visible(order) ? Ok(order) : NotFound();
        }

        public struct Totals
        {
            public decimal Sum() { return 0m; }
        }

        public interface IAudit { void Log(string e); }
    }

    public record OrderDto(int Id, decimal Total);

    public enum Status { Open, Closed }
}
'''


def test_csharp():
    assert units("csharp", CSHARP) == [
        ("class", "OrdersController", 5, 28),
        ("method", "OrdersController.OrdersController", 11, 11),
        ("method", "OrdersController.Get", 13, 20),
        ("function", "OrdersController.Get.Visible", 17, 17),
        ("class", "OrdersController.Totals", 22, 25),
        ("method", "OrdersController.Totals.Sum", 24, 24),
        ("class", "OrdersController.IAudit", 27, 27),
        ("method", "OrdersController.IAudit.Log", 27, 27),
        ("class", "OrderDto", 30, 30),
        ("class", "Status", 32, 32),
    ]


def test_csharp_special_members():
    code = ("class A {\n"
            "  ~A() {}\n"
            "  public static A operator +(A a, A b) => a;\n"
            "  public static implicit operator int(A a) => 1;\n"
            "}\n")
    assert units("csharp", code) == [
        ("class", "A", 1, 5),
        ("method", "A.~A", 2, 2),
        ("method", "A.operator+", 3, 3),
        ("method", "A.operator int", 4, 4),
    ]


C = '''\
#include <stdio.h>
#include <string.h>

struct user {
    char name[32];
    int admin;
};

static int check_password(const char *given, const char *stored)
{
    return strcmp(given, stored) == 0;
}

char *user_name(struct user *u)
{
    return u->name;
}

int (*lookup_handler(const char *name))(int)
{
    return NULL;
}

int main(int argc, char **argv)
{
    struct user u = {0};
    if (argc > 1 && check_password(argv[1], "secret")) {
        u.admin = 1;
    }
    printf("%s\\n", user_name(&u));
    return 0;
}
'''


def test_c():
    assert units("c", C) == [
        ("function", "check_password", 9, 12),
        ("function", "user_name", 14, 17),
        ("function", "lookup_handler", 19, 22),
        ("function", "main", 24, 32),
    ]


CPP = '''\
#include <string>

namespace auth {

class Session {
 public:
  explicit Session(std::string user);
  ~Session();
  bool valid() const { return !user_.empty(); }

  struct Token {
    std::string value;
    bool expired() const;
  };

 private:
  std::string user_;
};

template <typename T>
T clamp(T v, T lo, T hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

}  // namespace auth

auth::Session::Session(std::string user) : user_(std::move(user)) {}

auth::Session::~Session() {}

bool auth::Session::Token::expired() const {
  return value.empty();
}

int main() {
  auth::Session s("root");
  return s.valid() ? 0 : 1;
}
'''


def test_cpp():
    assert units("cpp", CPP) == [
        ("class", "Session", 5, 18),
        ("method", "Session.valid", 9, 9),
        ("class", "Session.Token", 11, 14),
        ("function", "clamp", 20, 23),                    # from its template header
        ("method", "auth.Session.Session", 27, 27),
        ("method", "auth.Session.~Session", 29, 29),
        ("method", "auth.Session.Token.expired", 31, 33),
        ("function", "main", 35, 38),
    ]


def test_cpp_out_of_line_names():
    code = ("void Foo::bar() {}\n"
            "template <typename T> void Box<T>::put(T v) {}\n"
            "bool Foo::operator==(const Foo& o) const { return true; }\n"
            "Foo::operator bool() const { return true; }\n"
            "int Foo::operator()(int x) { return x; }\n")
    data = code.encode()
    tree = parser("cpp").parse(data)
    got = [(u.kind, u.name, u.qualname) for u in extract_units(tree.root_node, data, "cpp")]
    assert got == [
        ("method", "bar", "Foo.bar"),
        ("method", "put", "Box.put"),
        ("method", "operator==", "Foo.operator=="),
        ("method", "operator bool", "Foo.operator bool"),
        ("method", "operator()", "Foo.operator()"),
    ]


RUBY = '''\
module Admin
  class UsersController < ApplicationController
    before_action :require_admin

    def index
      @users = User.all
    end

    def self.policy
      :strict
    end

    class << self
      def route_prefix
        "/admin"
      end
    end

    private

    def require_admin
      head :forbidden unless current_user&.admin?
    end
  end
end

class Admin::AuditLog
  def record(event) = events << event
end

def helper_method_at_top
  true
end
'''


def test_ruby():
    assert units("ruby", RUBY) == [
        ("class", "Admin", 1, 25),
        ("class", "Admin.UsersController", 2, 24),
        ("method", "Admin.UsersController.index", 5, 7),
        ("method", "Admin.UsersController.policy", 9, 11),
        ("method", "Admin.UsersController.route_prefix", 14, 16),
        ("method", "Admin.UsersController.require_admin", 21, 23),
        ("class", "Admin.AuditLog", 27, 29),
        ("method", "Admin.AuditLog.record", 28, 28),
        ("function", "helper_method_at_top", 31, 33),
    ]


PHP = '''\
<?php

namespace App\\Http\\Controllers;

use Illuminate\\Http\\Request;

#[Middleware('auth')]
class UserController extends Controller
{
    use HasRoles;

    #[Route('/users/{id}')]
    public function show(Request $request, int $id)
    {
        $format = fn($u) => $u->toArray();
        return $format(User::findOrFail($id));
    }

    public static function routes(): array
    {
        return ['show'];
    }
}

trait HasRoles
{
    public function isAdmin(): bool { return $this->role === 'admin'; }
}

interface Auditable
{
    public function audit(string $event): void;
}

function helper($x)
{
    return $x;
}
'''


def test_php():
    assert units("php", PHP) == [
        ("class", "UserController", 7, 23),
        ("method", "UserController.show", 12, 17),
        ("method", "UserController.routes", 19, 22),
        ("class", "HasRoles", 25, 28),
        ("method", "HasRoles.isAdmin", 27, 27),
        ("class", "Auditable", 30, 33),
        ("method", "Auditable.audit", 32, 32),
        ("function", "helper", 35, 38),
    ]


RUST = '''\
use actix_web::{get, web, HttpResponse};

#[derive(Debug, Clone)]
pub struct User {
    pub id: u64,
    pub admin: bool,
}

pub enum Role {
    Admin,
    Viewer,
}

impl User {
    pub fn new(id: u64) -> Self {
        User { id, admin: false }
    }

    fn is_admin(&self) -> bool {
        self.admin
    }
}

impl<'a> fmt::Display for &'a User {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.id)
    }
}

pub trait Authorizer {
    fn allow(&self, user: &User) -> bool;
    fn deny(&self, user: &User) -> bool {
        !self.allow(user)
    }
}

#[get("/users/{id}")]
async fn get_user(path: web::Path<u64>) -> HttpResponse {
    let check = |u: &User| u.is_admin();
    HttpResponse::Ok().finish()
}

mod tests {
    #[test]
    fn creates_user() {
        assert!(!User::new(1).admin);
    }
}
'''


def test_rust():
    assert units("rust", RUST) == [
        ("class", "User", 3, 7),                   # from its #[derive]
        ("class", "Role", 9, 12),
        ("class", "User", 14, 22),                 # the impl block
        ("method", "User.new", 15, 17),
        ("method", "User.is_admin", 19, 21),
        ("class", "User", 24, 28),
        ("method", "User.fmt", 25, 27),
        ("class", "Authorizer", 30, 35),
        ("method", "Authorizer.deny", 32, 34),
        ("function", "get_user", 37, 41),          # from its route attribute
        ("function", "creates_user", 44, 47),
    ]


# configuration files: units named the way their users name them

DOCKERFILE = """\
# syntax=docker/dockerfile:1
FROM golang:1.22 AS build
WORKDIR /src
RUN go build -o /app .

FROM gcr.io/distroless/static:nonroot
COPY --from=build /app /app
USER nonroot
"""


def test_dockerfile_stages():
    assert units("dockerfile", DOCKERFILE) == [
        ("class", "stage.build", 2, 4),
        ("class", "stage.gcr.io/distroless/static", 6, 8),
    ]


KUBERNETES = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: app:1
      containers:
        - name: api
          image: app:1
        - {name: "sidecar", image: proxy:2}
---
services:
  web:
    image: app:1
  db:
    image: postgres:16
version: "3"
"""


def test_yaml_kubernetes_objects_and_compose_services():
    assert units("yaml", KUBERNETES) == [
        ("class", "Deployment/web", 1, 14),
        ("class", "Deployment/web/initContainers[migrate]", 9, 10),
        ("class", "Deployment/web/containers[api]", 12, 13),
        ("class", "Deployment/web/containers[sidecar]", 14, 14),
        ("class", "services", 16, 20),
        ("class", "services.web", 17, 18),
        ("class", "services.db", 19, 20),
        ("class", "version", 21, 21),
    ]


TERRAFORM = """\
terraform {
  required_version = ">= 1.5"
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
  versioning {
    enabled = true
  }
}

module "vpc" {
  source = "./vpc"
}
"""


def test_hcl_top_level_blocks():
    assert units("hcl", TERRAFORM) == [
        ("class", "terraform", 1, 3),
        ("class", "resource.aws_s3_bucket.logs", 5, 10),
        ("class", "module.vpc", 12, 14),
    ]


SNIPPETS = {"python": PYTHON, "javascript": JAVASCRIPT, "typescript": TYPESCRIPT, "tsx": TSX,
            "go": GO, "java": JAVA, "csharp": CSHARP, "c": C, "cpp": CPP, "ruby": RUBY,
            "php": PHP, "rust": RUST, "yaml": KUBERNETES, "dockerfile": DOCKERFILE, "hcl": TERRAFORM}
GRAMMARS = sorted(name for name, spec in LANGUAGES.items() if spec.has_grammar)


def test_every_language_has_a_snippet():
    assert set(SNIPPETS) == set(GRAMMARS)


@pytest.mark.parametrize("language", sorted(SNIPPETS))
def test_spans_are_consistent(language):
    data = SNIPPETS[language].encode()
    tree = parser(language).parse(data)
    found = extract_units(tree.root_node, data, language)
    assert [u.start_byte for u in found] == sorted(u.start_byte for u in found)
    for u in found:
        assert u.kind in ("function", "method", "class")
        assert u.qualname.endswith(u.name)
        assert 0 <= u.start_byte < u.end_byte <= len(data)
        assert u.start_line == data.count(b"\n", 0, u.start_byte) + 1
        assert u.end_line == data.count(b"\n", 0, u.end_byte - 1) + 1
        # the enclosing unit of a dotted qualname really encloses it
        parent = u.qualname.rsplit(".", 1)[0] if "." in u.qualname else None
        outer = [o for o in found if o.start_byte <= u.start_byte and u.end_byte <= o.end_byte and o is not u]
        if outer and parent:
            assert u.qualname.startswith(outer[-1].qualname + ".")


@pytest.mark.parametrize("module", ["textwrap", "argparse", "dataclasses", "functools", "enum",
                                    "contextlib"])
def test_python_units_agree_with_ast(module):
    path = os.path.join(os.path.dirname(os.__file__), module + ".py")
    data = open(path, "rb").read()
    expected = []
    todo = [(ast.parse(data), "")]
    while todo:
        node, prefix = todo.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                qualname = f"{prefix}.{child.name}" if prefix else child.name
                start = min([child.lineno] + [d.lineno for d in child.decorator_list])
                expected.append((qualname, start, child.end_lineno))
                todo.append((child, qualname))
            else:
                todo.append((child, prefix))
    got = {(q, s): e for _, q, s, e in units("python", data)}
    assert sorted(got) == sorted((q, s) for q, s, _ in expected)
    # tree-sitter keeps comments trailing a body inside the function; ast does not
    assert all(got[q, s] >= e for q, s, e in expected)


# error recovery

def test_broken_python_function_keeps_the_others():
    code = ("def ok_one():\n"
            "    return 1\n"
            "\n"
            "def broken(x:\n"
            "    return x +\n"
            "\n"
            "def ok_two():\n"
            "    return 2\n")
    parsed = parse("broken.py", code.encode(), "python")
    assert [(u.qualname, u.start_line, u.end_line) for u in parsed.facts.units] == [
        ("ok_one", 1, 2), ("ok_two", 7, 8)]
    assert [i.line for i in parsed.facts.syntax_issues] == [4]


def test_broken_python_body_keeps_every_unit():
    code = ("class A:\n"
            "    def ok(self):\n"
            "        return 1\n"
            "\n"
            "    def broken(self, x):\n"
            "        return x +\n"
            "\n"
            "    def also_ok(self):\n"
            "        return 2\n")
    parsed = parse("broken.py", code.encode(), "python")
    assert [u.qualname for u in parsed.facts.units] == ["A", "A.ok", "A.broken", "A.also_ok"]
    assert parsed.facts.syntax_issues[0].line == 6


@pytest.mark.parametrize("language,code,names,line", [
    ("javascript",
     "function a() {\n  return 1;\n}\nfunction b() {\n  foo(x;\n}\nfunction c() {\n  return 3;\n}\n",
     ["a", "b", "c"], 5),
    ("go", "package p\n\nfunc A() int {\n\treturn 1\n}\n\nfunc B() {\n\tx := \n}\n\nfunc C() {}\n",
     ["A", "B", "C"], 8),
    ("java", "class A {\n  void a() {}\n  void b() { int x = ; }\n  void c() {}\n}\n",
     ["A", "A.a", "A.b", "A.c"], 3),
    ("c", "int a(void) { return 1; }\nint b(void) { return 2 }\nint c(void) { return 3; }\n",
     ["a", "b", "c"], 2),
    ("rust", "fn a() {}\nfn b() { let x = ; }\nfn c() {}\n", ["a", "b", "c"], 2),
    ("ruby", "def a\n  1\nend\ndef b(\n  2\nend\ndef c\n  3\nend\n", ["a", "b", "c"], 4),
    ("php", "<?php\nfunction a() { return 1; }\nfunction b() { $x = ; }\nfunction c() {}\n",
     ["a", "b", "c"], 3),
])
def test_broken_function_keeps_the_others(language, code, names, line):
    parsed = parse("x", code.encode(), language)
    assert [u.qualname for u in parsed.facts.units] == names
    assert parsed.facts.syntax_issues and parsed.facts.syntax_issues[0].line == line


# hostile shapes

@pytest.mark.parametrize("language", sorted(LANGUAGES))
@pytest.mark.parametrize("shape", ["(", "[", "{", "f(", "<", "- ", "a:\n "])
def test_deep_brackets_do_not_recurse(language, shape):
    data = (shape * 10_000).encode()
    with shallow_stack():
        parsed = parse("deep", data, language)
    assert parsed.facts.size == len(data)


@pytest.mark.parametrize("language,open_,close,count", [
    ("javascript", "function f() {", "}", 10_000),
    ("javascript", "g(() => {", "})", 10_000),
    ("typescript", "class A { @d m() {", "}}", 3_000),
    ("python", "", "", 0),
    ("ruby", "module M\n", "end\n", 10_000),
    ("rust", "mod m { #[a] fn f() {", "}}", 5_000),
    ("cpp", "template <class T> struct A { ", "};", 3_000),
])
def test_deeply_nested_units(language, open_, close, count):
    if language == "python":         # the grammar's indent stack: nest by brackets instead
        data = b"def f():\n    return " + b"[" * 10_000 + b"]" * 10_000 + b"\n"
    else:
        data = (open_ * count + close * count).encode()
    t0 = time.perf_counter()
    with shallow_stack():
        parsed = parse("deep", data, language)
    elapsed = time.perf_counter() - t0
    found = parsed.facts.units
    assert len(found) >= max(count, 1)
    assert max(len(u.qualname) for u in found) <= 1003        # clipped, not quadratic
    assert elapsed < 10, elapsed                               # linear: ~0.1 s here


def test_empty_file():
    for language in GRAMMARS:
        assert units(language, b"") == []
        assert units(language, b"\n\n") == []


def test_invalid_utf8_in_strings_and_comments():
    data = (b"# caf\xe9 \xff\xfe comment\n"
            b"def f():\n"
            b"    return '\xc3\x28 \x80'\n"
            b"class K:\n"
            b"    def m(self): pass\n")
    assert units("python", data) == [("function", "f", 2, 3), ("class", "K", 4, 5),
                                     ("method", "K.m", 5, 5)]
    js = b"// \xff\n const o = { '\xff\xfe': () => {} };\n"
    assert units("javascript", js) == [("method", "\ufffd\ufffd", 2, 2)]
