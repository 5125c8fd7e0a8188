"""Comments are blanked out of code before it is sent to a model: a comment
that tells the auditor to ignore a bug (or to report one that is not there)
never reaches it. Line numbers stay true: only the comment's characters
become spaces, its newlines stay."""
from __future__ import annotations

import re
from functools import lru_cache

_NOT_NEWLINE = re.compile(rb"[^\n]")
_KINDS = ("comment", "line_comment", "block_comment", "html_comment")


@lru_cache(maxsize=None)
def _query(language: str):
    import tree_sitter as ts

    from prescan.parse.languages import grammar
    g = grammar(language)
    kinds = [k for k in _KINDS if g.id_for_node_kind(k, True)]
    if not kinds:
        return None
    return ts.Query(g, "[" + " ".join(f"({k})" for k in kinds) + "] @c")


def blank_comments(data: bytes, path: str, language: str) -> bytes:
    """data with every comment's bytes (but newlines) replaced by spaces."""
    import tree_sitter as ts

    from prescan.parse import parse
    try:
        query = _query(language)
        parsed = parse(path, data, language) if query is not None else None
    except Exception:  # noqa: BLE001 - hostile input; such a file has no units to audit
        return data
    if parsed is None or parsed.tree is None:
        return data
    out = bytearray(data)
    for node in ts.QueryCursor(query).captures(parsed.tree.root_node).get("c", ()):
        s, e = node.start_byte, node.end_byte
        out[s:e] = _NOT_NEWLINE.sub(b" ", bytes(out[s:e]))
    return bytes(out)
