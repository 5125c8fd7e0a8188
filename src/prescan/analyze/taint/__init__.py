"""Taint tracking inside one function: data from a source reaches a sink
through assignments, string building, containers, attribute access and calls,
unless a sanitizer wraps it or a guard that validates it ends the path.

Sources, sanitizers and sinks are spans found by the rule's patterns; this
module only follows the data between them, in source order, one function (or
the module's top level) at a time, and only where a sink was found."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import tree_sitter as ts

from prescan.analyze.taint.lang import FLOWS, Flow

Span = tuple[int, int]
Step = tuple[int, str]                  # (byte offset, what happens there)

# a guard condition validates a value when it calls something on it or compares it with a set or a value;
# a test for null or emptiness, or for whether a file exists, validates nothing
_NULL_WORDS = ("None", "null", "nil", "undefined", '""', "''")
_MEASURES = re.compile(r"^(len|sum|count|size|length|strlen|sizeof|any|all|max|min|file_size|st_size)$")
_EXISTENCE = re.compile(r"exists?\b|exist\?|file\?|directory\?|is_?file|is_?dir|isfile|isdir|IsNotExist|Stat\(")


@dataclass(frozen=True)
class Hit:
    sink: Span                          # where the tainted data is used
    steps: tuple[Step, ...]             # source first, then each assignment on the way


class _Spans:
    """Sorted spans with containment tests."""

    def __init__(self, spans) -> None:
        self.spans = sorted(set(spans))
        self.starts = [s for s, _ in self.spans]

    def covering(self, s: int, e: int) -> bool:
        i = bisect_right(self.starts, s)
        for k in range(i - 1, max(-1, i - 64), -1):
            a, b = self.spans[k]
            if a <= s and e <= b:
                return True
        return False

    def inside(self, s: int, e: int) -> list[Span]:
        i = bisect_right(self.starts, s - 1)
        out = []
        while i < len(self.spans) and self.spans[i][0] < e:
            if self.spans[i][1] <= e:
                out.append(self.spans[i])
            i += 1
        return out


def track(root: ts.Node, source: bytes, language: str, scopes: list[tuple[int, int, str]], sources: list[Span],
          sanitizers: list[Span], sinks: list[Span]) -> list[Hit]:
    """Every sink span that tainted data reaches. `scopes` are the functions
    (start, end, name) and the module; nested scopes are analyzed on their own.
    A call to a function of the same file whose parameter reaches a sink is
    followed into it."""
    flow = FLOWS.get(language)
    if flow is None or not sinks or not sources:
        return []
    src, clean, sink_set = _Spans(sources), _Spans(sanitizers), set(sinks)
    ordered = sorted(scopes, key=lambda s: (s[0], -s[1]))
    nodes = {}
    for start, end, _name in ordered:
        node = root.descendant_for_byte_range(start, end)
        while node is not None and node.parent is not None and \
                (node.parent.start_byte, node.parent.end_byte) == (start, end):
            node = node.parent
        nodes[start, end] = node

    def inner_of(scope):
        return [(a, b) for a, b, _ in ordered if (a, b) != scope and scope[0] <= a and b <= scope[1]]

    def holds_sink(scope) -> bool:
        return any(scope[0] <= a and b <= scope[1] for a, b in sink_set)

    # which parameters of each function reach a sink (no real sources in play)
    summaries: dict[bytes, list[tuple[int, Span, tuple[Step, ...]]]] = {}
    for start, end, name in ordered:
        node = nodes[start, end]
        if node is None or not name or name.startswith("<") or not holds_sink((start, end)):
            continue
        scope = _Scope(flow, source, _Spans(()), clean, sink_set, inner_of((start, end)))
        params = scope.parameters(node)
        for at, pname in params:
            scope.state[pname] = ((at, "parameter " + pname.decode("utf-8", "replace")),)
        index = {at: i for i, (at, _) in enumerate(params)}
        for hit in scope.run(node):
            i = index.get(hit.steps[0][0])
            if i is not None:
                summaries.setdefault(name.encode(), []).append((i, hit.sink, hit.steps))

    hits: dict[Span, Hit] = {}
    for start, end, _name in ordered:
        node = nodes[start, end]
        if node is None or not (holds_sink((start, end)) or summaries):
            continue
        for hit in _Scope(flow, source, src, clean, sink_set, inner_of((start, end)), summaries).run(node):
            hits.setdefault(hit.sink, hit)          # one finding per sink, with the first path found
    return sorted(hits.values(), key=lambda h: h.sink)


class _Scope:
    def __init__(self, flow: Flow, source: bytes, src: _Spans, clean: _Spans, sinks: set[Span],
                 inner: list[Span], summaries: dict | None = None) -> None:
        self.flow, self.source, self.src, self.clean, self.sinks = flow, source, src, clean, sinks
        self.summaries = summaries or {}
        self.inner = set(inner)
        self.checked: set[Span] = set()
        self.state: dict[bytes, tuple[Step, ...]] = {}
        self.validated: list[tuple[int, int, frozenset[bytes]]] = []   # if-bodies that run only for valid data
        self.hits: list[Hit] = []

    def run(self, top: ts.Node) -> list[Hit]:
        # iterative pre/post-order walk; nested functions are their own scopes
        stack: list[tuple[ts.Node, bool]] = [(top, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self.leave(node)
                continue
            span = (node.start_byte, node.end_byte)
            if node is not top and span in self.inner:
                continue
            if span in self.sinks and span not in self.checked:
                self.checked.add(span)
                self.check_sink(span, node)
            self.enter(node)
            stack.append((node, True))
            stack.extend((c, False) for c in reversed(node.named_children))
        return self.hits

    # -- events
    def enter(self, node: ts.Node) -> None:
        t = node.type
        if self.summaries and ("call" in t or "invocation" in t):
            self.check_call(node)
        if t in self.flow.loops:
            var, it = (node.child_by_field_name(f) for f in self.flow.loops[t])
            if var is not None and it is not None:
                self.assign(var, self.taint_of(it), node.start_byte, strong=True)
        elif t in self.flow.ifs and not self.body_exits(node, self.flow.ifs[t][1]):
            cond, body = (node.child_by_field_name(f) for f in self.flow.ifs[t])
            names = self.validated_names(cond)
            if body is not None and names:
                self.validated.append((body.start_byte, body.end_byte, names))

    def leave(self, node: ts.Node) -> None:
        t = node.type
        if t in self.flow.assigns:
            target, value = (node.child_by_field_name(f) for f in self.flow.assigns[t])
            if target is not None and value is not None:
                strong = target.type in self.flow.names and not t.startswith(("augmented", "operator"))
                self.assign(target, self.taint_of(value), node.start_byte, strong)
        guard = self.flow.ifs.get(t) or self.flow.unless.get(t)
        if guard is not None and self.body_exits(node, guard[1]):
            # `if not valid(x): return` (or `return unless valid(x)`): x is valid after it
            for name in self.validated_names(node.child_by_field_name(guard[0])):
                self.state.pop(name, None)

    def check_sink(self, span: Span, node: ts.Node) -> None:
        steps = self.taint_of(node)
        if steps is not None:
            self.hits.append(Hit(span, steps + ((span[0], "reaches the sink"),)))

    def check_call(self, node: ts.Node) -> None:
        """A call to a function of this file whose parameter reaches a sink."""
        fn = node.child_by_field_name("function") or node.child_by_field_name("method") \
            or node.child_by_field_name("name")
        if fn is None:
            return
        callee = re.split(rb"[.:>\-]+", self.text_bytes(fn))[-1]
        flows = self.summaries.get(callee)
        args = node.child_by_field_name("arguments")
        if not flows or args is None:
            return
        positional = [a for a in args.named_children if not a.is_extra and "keyword" not in a.type]
        for i, sink, steps in flows:
            if i < len(positional):
                t = self.taint_of(positional[i])
                if t is not None:
                    step = (node.start_byte, f"passed to {callee.decode('utf-8', 'replace')}()")
                    self.hits.append(Hit(sink, t + (step,) + steps))

    def parameters(self, fn: ts.Node) -> list[tuple[int, bytes]]:
        """(offset, name) of a function's parameters, without a leading self/cls."""
        node, params = fn, None
        for _ in range(4):          # decorated definitions and C declarators wrap the parameters
            params = node.child_by_field_name("parameters") or node.child_by_field_name("parameter")
            if params is not None:
                break
            node = node.child_by_field_name("definition") or node.child_by_field_name("declarator") \
                or node.child_by_field_name("value")
            if node is None:
                return []
        if params is None:
            return []
        seen, out = set(), []
        for ident in sorted(self.reads(params), key=lambda n: n.start_byte):
            name = self.text_bytes(ident)
            if name not in seen:
                seen.add(name)
                out.append((ident.start_byte, name))
        if out and out[0][1] in (b"self", b"cls"):
            out = out[1:]
        return out

    # -- taint of code
    def taint_of(self, node: ts.Node | None) -> tuple[Step, ...] | None:
        if node is None:
            return None
        s, e = node.start_byte, node.end_byte
        for a, b in self.src.inside(s, e) + ([(s, e)] if self.src.covering(s, e) else []):
            if not self.clean.covering(a, b):
                return ((a, "source: " + " ".join(self.text(a, b).split())[:80]),)
        for ident in self.reads(node):
            name = self.text_bytes(ident)
            steps = self.state.get(name)
            if steps is not None and not self.clean.covering(ident.start_byte, ident.end_byte) and \
                    not self.is_validated(ident.start_byte, ident.end_byte, name):
                return steps
        return None

    def assign(self, target: ts.Node, steps: tuple[Step, ...] | None, at: int, strong: bool) -> None:
        names = [self.text_bytes(n) for n in self.targets(target)]
        for name in names:
            if steps is not None:
                self.state[name] = steps + ((at, f"assigned to {name.decode('utf-8', 'replace')}"),)
            elif strong and target.type in self.flow.names:
                self.state.pop(name, None)

    # -- guards
    def body_exits(self, node: ts.Node, body_field: str) -> bool:
        """Does the branch end by leaving the block (return, raise, abort(), ...)?"""
        last = node.child_by_field_name(body_field)
        for _ in range(5):          # through block, then, expression-statement wrappers
            if last is None:
                return False
            if last.type in self.flow.exits or self.is_exit_call(last):
                return True
            kids = [c for c in last.named_children if not c.is_extra]
            last = kids[-1] if kids else None
        return False

    def is_exit_call(self, node: ts.Node) -> bool:
        if "call" not in node.type and "invocation" not in node.type:
            return False
        fn = node.child_by_field_name("function") or node.child_by_field_name("method") \
            or node.child_by_field_name("name")
        return fn is not None and bool(self.flow.exit_calls.match(self.text(fn.start_byte, fn.end_byte)))

    def validated_names(self, cond: ts.Node | None) -> frozenset[bytes]:
        """Variables a condition validates: those it passes to a check
        (`valid(x)`, `x.startswith(...)`, `commonpath([base, x])`) or compares
        (`x == "a"`, `x in ALLOWED`). Tests for null, emptiness, existence or
        size validate nothing, and neither do values used only inside a
        comprehension or a nested expression."""
        if cond is None:
            return frozenset()
        text = self.text(cond.start_byte, cond.end_byte)
        if any(w in text for w in _NULL_WORDS) or _EXISTENCE.search(text):
            return frozenset()
        found: set[bytes] = set()
        stack = [cond]
        while stack:
            node = stack.pop()
            t = node.type
            if "call" in t or "invocation" in t:
                args = node.child_by_field_name("arguments")
                for arg in (args.named_children if args is not None else ()):
                    self._operand(arg, found, cond)
                # the value a method is called on: x.startswith(...), x.match(...)
                receiver = node.child_by_field_name("receiver") or node.child_by_field_name("object")
                fn = node.child_by_field_name("function")
                if receiver is None and fn is not None:
                    receiver = fn.child_by_field_name("object") or fn.child_by_field_name("operand")
                if receiver is not None:
                    self._operand(receiver, found, cond)
            elif t in ("comparison_operator", "binary_expression", "binary"):
                ops = [self.text(c.start_byte, c.end_byte) for c in node.children if not c.is_named]
                kids = [c for c in node.named_children if not c.is_extra]
                if any(o in ("==", "!=", "===", "!==", "in", "not in", "=~", "<", ">", "<=", ">=") for o in ops):
                    for k in (kids[:1] if any(o in ("in", "not in") for o in ops) else kids):
                        self._operand(k, found, cond)
            stack.extend(node.named_children)
        return frozenset(found)

    def _operand(self, node: ts.Node, found: set[bytes], cond: ts.Node) -> None:
        """The variable an operand stands for: x, x.attr, x[i], or each item of a list or tuple."""
        if node.type in ("list", "tuple", "array", "array_creation_expression", "argument", "expression_list"):
            for c in node.named_children:
                self._operand(c, found, cond)
            return
        base = node
        while base.type not in self.flow.names:
            inner = base.child_by_field_name("object") or base.child_by_field_name("operand") \
                or (base.named_children[0] if base.type in ("subscript", "subscript_expression", "element_reference",
                                                               "index_expression", "parenthesized_expression")
                    and base.named_child_count else None)
            if inner is None:
                return
            base = inner
        name = self.text_bytes(base)
        if name in self.state and not self.measured_only(base, cond):
            found.add(name)

    def measured_only(self, ident: ts.Node, cond: ts.Node) -> bool:
        """`len(x) > N`, `x.length < N`: a check of how much, not of what."""
        node = ident.parent
        while node is not None and node != cond:
            if "call" in node.type or "invocation" in node.type or node.type in ("attribute", "member_expression",
                                                                                   "selector_expression"):
                callee = node.child_by_field_name("function") or node.child_by_field_name("attribute") \
                    or node.child_by_field_name("property") or node.child_by_field_name("field") \
                    or node.child_by_field_name("method") or node.child_by_field_name("name")
                if callee is not None and _MEASURES.match(self.text(callee.start_byte, callee.end_byte)):
                    return True
            node = node.parent
        return False

    def is_validated(self, s: int, e: int, name: bytes) -> bool:
        return any(a <= s and e <= b and name in names for a, b, names in self.validated)

    # -- tree helpers
    def reads(self, node: ts.Node) -> list[ts.Node]:
        """Identifier nodes under node that read a variable (not attribute,
        callee or keyword names)."""
        out, stack = [], [(node, None)]
        while stack:
            n, field = stack.pop()
            if n.type in self.flow.names:
                if n is node or field not in self.flow.not_reads:
                    out.append(n)
                continue
            for i in range(n.child_count - 1, -1, -1):
                c = n.child(i)
                if c.is_named:
                    stack.append((c, n.field_name_for_child(i)))
        return out

    def targets(self, node: ts.Node):
        """Variables an assignment target writes: `x`, `x, y`, `x.attr` and `x[i]` write x."""
        if node.type in self.flow.names:
            return [node]
        out = []
        for ident in self.reads(node):
            out.append(ident)
            if node.type not in ("pattern_list", "tuple_pattern", "expression_list", "array_pattern",
                                 "object_pattern", "left_assignment_list", "list_pattern", "tuple"):
                break           # x.attr / x[i]: only the base variable
        return out

    def text(self, a: int, b: int) -> str:
        return self.source[a:b].decode("utf-8", "replace")

    def text_bytes(self, node: ts.Node) -> bytes:
        return self.source[node.start_byte:node.end_byte]
