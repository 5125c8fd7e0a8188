"""YAML loading that remembers where every key and item came from, so a rule
error can name its file and line."""
from __future__ import annotations

import yaml

from prescan.errors import RuleError


_SCALARS = yaml.SafeLoader("")
# libyaml's composer keeps the same marks and is several times faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LocDict(dict):
    """A mapping with the 1-based line of itself and of each key."""
    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocList(list):
    line: int = 0
    item_lines: list


def _convert(node: yaml.Node, path: str):
    if isinstance(node, yaml.MappingNode):
        out = LocDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                raise RuleError("a mapping key must be a plain string", path=path,
                                line=knode.start_mark.line + 1)
            key = knode.value
            if key in out:
                raise RuleError(f"duplicate key '{key}'", path=path, line=knode.start_mark.line + 1,
                                hint="remove one of them")
            out[key] = _convert(vnode, path)
            out.key_lines[key] = knode.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LocList(_convert(v, path) for v in node.value)
        out.line = node.start_mark.line + 1
        out.item_lines = [v.start_mark.line + 1 for v in node.value]
        return out
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    # other scalars (ints, booleans, null) resolve through the safe constructor
    return _SCALARS.construct_object(node)


def load(text: str, path: str):
    """Parse one YAML document into LocDict/LocList/scalars; RuleError on bad YAML."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise RuleError(f"invalid YAML: {exc.problem or exc}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise RuleError(f"invalid YAML: {exc}", path=path) from None
    if node is None:
        raise RuleError("the file is empty", path=path, line=1, hint="a rule file holds one rule mapping")
    return _convert(node, path)
