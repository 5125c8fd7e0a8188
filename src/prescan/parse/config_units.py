"""Units of configuration files, named the way their users name them, so that
a finding's fingerprint survives lines moving: Dockerfile stages
(`stage.build`), Kubernetes objects and their containers
(`Deployment/web/containers[api]`), top-level YAML keys and their children
(`services.web`, `jobs.test`), and top-level HCL blocks
(`resource.aws_s3_bucket.logs`)."""
from __future__ import annotations

import tree_sitter as ts

from .model import Unit

_MAX_NAME = 200          # names come from hostile files: keep them short
_MAX_UNITS = 10_000
_CONTAINER_LISTS = frozenset({"containers", "initContainers", "ephemeralContainers"})


def extract_config_units(root: ts.Node, source: bytes, language: str) -> tuple[Unit, ...]:
    units = _EXTRACTORS[language](root, source)[:_MAX_UNITS]
    return tuple(sorted(units, key=lambda u: (u.start_byte, -u.end_byte)))


def _unit(first: ts.Node, last: ts.Node, name: str, qualname: str) -> Unit:
    end_row, end_col = last.end_point
    start_row = first.start_point[0]
    # a node ending at column 0 ends on the newline of the line before
    last_line = end_row if end_col == 0 and end_row > start_row else end_row + 1
    return Unit("class", name, qualname, first.start_byte, last.end_byte, start_row + 1, last_line)


def _text(source: bytes, node: ts.Node | None) -> str:
    if node is None:
        return ""
    end = min(node.end_byte, node.start_byte + _MAX_NAME)
    return source[node.start_byte:end].decode("utf-8", "replace")


# ---- Dockerfile: one unit per build stage, from its FROM to the next ----

def _dockerfile(root: ts.Node, source: bytes) -> list[Unit]:
    stages: list[list[ts.Node]] = []
    for node in root.named_children:
        if node.type == "from_instruction":
            stages.append([node])
        elif stages and node.type != "comment":
            stages[-1].append(node)
    out = []
    for nodes in stages:
        head = nodes[0]
        alias = next((c for c in head.named_children if c.type == "image_alias"), None)
        spec = next((c for c in head.named_children if c.type == "image_spec"), None)
        image = next((c for c in spec.named_children if c.type == "image_name"), None) if spec else None
        name = _text(source, alias) or _text(source, image) or f"<stage@{head.start_point[0] + 1}>"
        out.append(_unit(head, nodes[-1], name, f"stage.{name}"))
    return out


# ---- YAML: Kubernetes objects and containers, else top-level keys ----

def _yaml(root: ts.Node, source: bytes) -> list[Unit]:
    out: list[Unit] = []
    for doc in root.named_children:
        if doc.type != "document":
            continue
        pairs = _mapping_pairs(_unwrap(doc))
        if pairs is None:
            continue
        keys = {_key(source, p): p for p in pairs}
        kind = _scalar(source, keys.get("kind"))
        meta = _mapping_pairs(_value(keys.get("metadata")))
        name = next((_scalar(source, p) for p in meta or () if _key(source, p) == "name"), "")
        if kind and name:
            qual = f"{kind}/{name}"
            out.append(_unit(doc, doc, qual, qual))
            out.extend(_containers(doc, source, qual))
            continue
        for pair in pairs:
            key = _key(source, pair)
            if not key:
                continue
            out.append(_unit(pair, pair, key, key))
            for child in _mapping_pairs(_value(pair)) or ():
                sub = _key(source, child)
                if sub and _mapping_pairs(_value(child)) is not None:
                    out.append(_unit(child, child, sub, f"{key}.{sub}"))
    return out


def _containers(doc: ts.Node, source: bytes, qual: str) -> list[Unit]:
    """Each named item of a containers list anywhere in a Kubernetes object."""
    out = []
    stack = [doc]
    while stack and len(out) < _MAX_UNITS:
        node = stack.pop()
        if node.type in ("block_mapping_pair", "flow_pair") and _key(source, node) in _CONTAINER_LISTS:
            field = _key(source, node)
            for item in _sequence_items(_value(node)):
                pairs = _mapping_pairs(item) or ()
                cname = next((_scalar(source, p) for p in pairs if _key(source, p) == "name"), "")
                if cname:
                    name = f"{field}[{cname}]"
                    out.append(_unit(item, item, name, f"{qual}/{name}"))
        stack.extend(reversed(node.named_children))
    return out


def _unwrap(node: ts.Node | None) -> ts.Node | None:
    """The mapping, sequence or scalar under document/block_node/flow_node wrappers."""
    for _ in range(8):
        if node is None or node.type not in ("document", "block_node", "flow_node"):
            return node
        inner = [c for c in node.named_children if c.type not in ("comment", "tag", "anchor")]
        node = inner[0] if inner else None
    return node


def _mapping_pairs(node: ts.Node | None) -> list[ts.Node] | None:
    node = _unwrap(node)
    if node is None or node.type not in ("block_mapping", "flow_mapping"):
        return None
    return [c for c in node.named_children if c.type in ("block_mapping_pair", "flow_pair")]


def _sequence_items(node: ts.Node | None) -> list[ts.Node]:
    node = _unwrap(node)
    if node is None:
        return []
    if node.type == "block_sequence":
        return [c.named_children[0] for c in node.named_children
                if c.type == "block_sequence_item" and c.named_children]
    if node.type == "flow_sequence":
        return list(node.named_children)
    return []


def _value(pair: ts.Node | None) -> ts.Node | None:
    return pair.child_by_field_name("value") if pair is not None else None


def _key(source: bytes, pair: ts.Node) -> str:
    return _plain(source, _unwrap(pair.child_by_field_name("key")))


def _scalar(source: bytes, pair: ts.Node | None) -> str:
    return _plain(source, _unwrap(_value(pair)))


def _plain(source: bytes, node: ts.Node | None) -> str:
    if node is None or not node.type.endswith("scalar"):
        return ""
    text = _text(source, node).strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1]
    return text


# ---- HCL: top-level blocks, named by type and labels ----

def _hcl(root: ts.Node, source: bytes) -> list[Unit]:
    out = []
    body = next((c for c in root.named_children if c.type == "body"), None)
    for block in body.named_children if body is not None else ():
        if block.type != "block":
            continue
        parts = []
        for c in block.named_children:
            if c.type == "identifier":
                parts.append(_text(source, c))
            elif c.type == "string_lit":
                parts.append("".join(_text(source, t) for t in c.named_children if t.type == "template_literal"))
            elif c.type == "block_start":
                break
        if parts:
            out.append(_unit(block, block, parts[-1], ".".join(parts)))
    return out


_EXTRACTORS = {"dockerfile": _dockerfile, "yaml": _yaml, "hcl": _hcl}
CONFIG_LANGUAGES = frozenset(_EXTRACTORS)
