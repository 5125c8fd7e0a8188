"""The languages registry: file name or shebang -> language, and the compiled
tree-sitter grammar of each language (from the official per-language wheels)."""
from __future__ import annotations

import importlib
import os
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

import tree_sitter as ts


@dataclass(frozen=True)
class LanguageSpec:
    name: str
    module: str                 # the grammar wheel's module
    entry: str                  # function in that module returning the language pointer
    extensions: tuple[str, ...]
    interpreters: tuple[str, ...] = ()
    comment: tuple[str, ...] = ("#",)   # line-comment starters, first is preferred

    @property
    def has_grammar(self) -> bool:
        """False for `generic`: line-based config files, matched by regex rules only."""
        return bool(self.module)


LANGUAGES: dict[str, LanguageSpec] = {s.name: s for s in (
    LanguageSpec("python", "tree_sitter_python", "language", (".py", ".pyw", ".pyi"),
                 ("python", "python2", "python3", "pypy", "pypy3")),
    LanguageSpec("javascript", "tree_sitter_javascript", "language", (".js", ".mjs", ".cjs", ".jsx"),
                 ("node", "nodejs", "deno", "bun"), ("//",)),
    LanguageSpec("typescript", "tree_sitter_typescript", "language_typescript", (".ts", ".mts", ".cts"),
                 ("ts-node", "tsx"), ("//",)),
    LanguageSpec("tsx", "tree_sitter_typescript", "language_tsx", (".tsx",), (), ("//",)),
    LanguageSpec("go", "tree_sitter_go", "language", (".go",), (), ("//",)),
    LanguageSpec("java", "tree_sitter_java", "language", (".java",), (), ("//",)),
    LanguageSpec("c", "tree_sitter_c", "language", (".c", ".h"), (), ("//",)),
    LanguageSpec("cpp", "tree_sitter_cpp", "language",
                 (".cc", ".cpp", ".cxx", ".c++", ".hh", ".hpp", ".hxx", ".h++", ".ipp", ".inl"), (), ("//",)),
    LanguageSpec("ruby", "tree_sitter_ruby", "language", (".rb", ".rake", ".gemspec", ".ru"),
                 ("ruby", "jruby", "truffleruby")),
    LanguageSpec("php", "tree_sitter_php", "language_php", (".php", ".phtml", ".php5", ".php7", ".phps", ".inc"),
                 ("php",), ("//", "#")),
    LanguageSpec("rust", "tree_sitter_rust", "language", (".rs",), (), ("//",)),
    LanguageSpec("csharp", "tree_sitter_c_sharp", "language", (".cs",), (), ("//",)),
    # the configuration a deployment ships: manifests, images, infrastructure
    LanguageSpec("yaml", "tree_sitter_yaml", "language", (".yml", ".yaml")),
    LanguageSpec("dockerfile", "tree_sitter_dockerfile", "language", (".dockerfile", ".containerfile")),
    LanguageSpec("hcl", "tree_sitter_hcl", "language", (".tf", ".tfvars", ".hcl"), (), ("#", "//")),
    # key=value files no grammar covers; their rules are `pattern-regex` only
    LanguageSpec("generic", "", "", (".properties", ".env", ".ini", ".cfg", ".conf", ".cnf")),
)}

# names users may write in rules for the same language
ALIASES = {"py": "python", "js": "javascript", "ts": "typescript", "golang": "go", "c++": "cpp",
           "rb": "ruby", "rs": "rust", "cs": "csharp", "c#": "csharp", "yml": "yaml",
           "docker": "dockerfile", "containerfile": "dockerfile", "terraform": "hcl", "tf": "hcl"}

# a rule written for one of these also runs on the languages listed
RULE_FAMILY = {"javascript": ("javascript", "typescript", "tsx"), "typescript": ("typescript", "tsx"),
               "c": ("c", "cpp")}

_BY_EXT = {ext: spec.name for spec in LANGUAGES.values() for ext in spec.extensions}
_BY_NAME = {"Rakefile": "ruby", "Gemfile": "ruby", "Guardfile": "ruby", "Vagrantfile": "ruby",
            "Dockerfile": "dockerfile", "Containerfile": "dockerfile", ".env": "generic"}
# `Dockerfile.prod`, `Containerfile.arm64`, `.env.production`
_BY_PREFIX = (("Dockerfile.", "dockerfile"), ("Containerfile.", "dockerfile"), (".env.", "generic"))
_SHEBANG = re.compile(rb"^#![ \t]*(\S+)(?:[ \t]+(\S+))?")


def canonical(name: str) -> str | None:
    """The registry's name for a language name written by a user, or None."""
    low = name.strip().lower()
    low = ALIASES.get(low, low)
    return low if low in LANGUAGES else None


def detect(path: str, head: bytes = b"") -> str | None:
    """Language of a file from its name, else from a shebang in its first bytes."""
    base = os.path.basename(path)
    if base in _BY_NAME:
        return _BY_NAME[base]
    for prefix, name in _BY_PREFIX:
        if base.startswith(prefix):
            return name
    ext = os.path.splitext(base)[1].lower()
    if ext in _BY_EXT:
        return _BY_EXT[ext]
    if head.startswith(b"#!"):
        m = _SHEBANG.match(head[:256])
        if m:
            prog = os.path.basename(m.group(1).decode("latin-1"))
            if prog == "env" and m.group(2):
                prog = m.group(2).decode("latin-1")
                if prog.startswith("-"):
                    return None
            prog = re.sub(r"[\d.]+$", "", prog) or prog
            for spec in LANGUAGES.values():
                if prog in spec.interpreters or prog + "3" in spec.interpreters:
                    return spec.name
    return None


@lru_cache(maxsize=None)
def grammar(name: str) -> ts.Language:
    """The compiled tree-sitter grammar of a language (loaded once per process)."""
    spec = LANGUAGES[name]
    if not spec.has_grammar:
        raise LookupError(f"{name} files have no tree-sitter grammar")
    mod = importlib.import_module(spec.module)
    with warnings.catch_warnings():
        # tree-sitter-dockerfile still hands out the language as an int
        warnings.simplefilter("ignore", DeprecationWarning)
        return ts.Language(getattr(mod, spec.entry)())


def parser(name: str) -> ts.Parser:
    return ts.Parser(grammar(name))
