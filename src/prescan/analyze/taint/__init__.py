"""Taint tracking inside one function: data from a source reaches a sink
through assignments, string building, containers, attribute access and calls,
unless a sanitizer wraps it or a guard that validates it ends the path.

Sources, sanitizers and sinks are spans found by the rule's patterns; this
module only follows the data between them, in source order, one function (or
the module's top level) at a time, and only where a sink was found."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

import tree_sitter as ts

from prescan.analyze.taint.lang import FLOWS, Flow, loop_parts
from prescan.analyze.taint.lookups import constant_lookups

Span = tuple[int, int]
Step = tuple[int, str]                  # (byte offset, what happens there)

# a guard condition validates a value when it calls something on it or compares it with a set or a value;
# a test for null or emptiness, or for whether a file exists, validates nothing
_NULL_WORDS = ("None", "null", "nil", "undefined", '""', "''")
_MEASURES = re.compile(r"^(len|sum|count|size|length|strlen|sizeof|any|all|max|min|file_size|st_size)$")
_EXISTENCE = re.compile(r"exists?\b|exist\?|file\?|directory\?|is_?file|is_?dir|isfile|isdir|IsNotExist|Stat\(")
# a check that only looks at a URL's scheme says nothing about where it points
_SCHEME_LITERAL = re.compile(r"""^["'`]?[a-z][a-z0-9+.-]{1,9}:(//)?["'`]?$""")
_STRING_NODES = ("string", "string_literal", "interpreted_string_literal", "raw_string_literal", "template_string",
                 "encapsed_string", "string_content", "character_literal")
# a call whose name says it checks its argument, made as a statement: `ensure_public_url(u)` raises when u is bad
_VALIDATOR_CALL = re.compile(r"^_?(ensure|validate|verify|check|assert|require|sanitize|guard|reject|forbid|deny|"
                             r"authorize|enforce|must)(?!_output$|_call$|Output$|Call$)", re.I)
# statements under which an assignment may not run: it adds taint but cannot remove it
_BRANCHES = re.compile(r"^(if|else|elif|elsif|unless|switch|case|when|match|while|until|for|for_in|foreach|do|"
                       r"conditional|ternary|select|catch|except|rescue|expression_switch|type_switch|"
                       r"enhanced_for)(_|$)")

MAX_SUMMARY_PARAMS = 12           # parameters followed one by one into a function's sinks


@dataclass(frozen=True)
class Hit:
    sink: Span                          # where the tainted data is used
    steps: tuple[Step, ...]             # source first, then each assignment on the way


@dataclass(frozen=True)
class Export:
    """A parameter of a named function reaches a sink of this file."""
    function: bytes
    param: int
    params: int                         # how many parameters the function takes
    sink: Span
    steps: tuple[Step, ...]             # from the parameter to the sink


@dataclass(frozen=True)
class TaintedCall:
    """Tainted data is passed to a function this file does not summarize:
    from a real source (`param` is None), or from a parameter of `function`."""
    function: bytes                     # the caller (b"" at module level)
    param: int | None
    params: int
    callee: bytes
    arg: int
    args: int
    steps: tuple[Step, ...]             # from the source or parameter to the call
    bare: bool = False                  # f(x), not obj.f(x): it cannot call a method


@dataclass(frozen=True)
class Returned:
    """What a named function returns: data from a source (`callee` empty), or
    the result of a call to `callee` (which may itself return a source's data)."""
    function: bytes
    callee: bytes
    steps: tuple[Step, ...]             # from the source (or the call) to the return


@dataclass(frozen=True)
class CallResultSink:
    """The result of a call to a function this file does not define reaches a sink."""
    callee: bytes
    sink: Span
    steps: tuple[Step, ...]             # from the call to the sink


@dataclass
class Tracked:
    hits: list[Hit]
    exports: list[Export]
    calls: list[TaintedCall]
    returns: list[Returned] = field(default_factory=list)
    result_sinks: list[CallResultSink] = field(default_factory=list)


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


# methods that put their argument into the object they are called on
_MUTATORS = frozenset({
    b"append", b"extend", b"insert", b"add", b"push", b"unshift", b"put", b"putAll", b"addAll", b"update",
    b"appendleft", b"write", b"push_str", b"push_back", b"emplace_back", b"Add", b"AddRange", b"Append",
    b"AppendFormat", b"AppendLine", b"Insert", b"Push", b"Write", b"WriteString", b"concat!", b"<<"})
_MEMBER_NODES = frozenset({"attribute", "member_expression", "selector_expression", "member_access_expression",
                           "field_expression"})


def sanitizer_functions(root: ts.Node, source: bytes, language: str, scopes: list[tuple[int, int, str]],
                        sanitizers: list[Span]) -> list[bytes]:
    """Named functions that sanitize: with every parameter tainted, nothing
    they return is tainted, and something they return went through one of the
    rule's sanitizers (`def safe_name(n): return os.path.basename(n)`). A call
    to one is a sanitizer too, in this file and (as a fact) in the files that
    call it."""
    flow = FLOWS.get(language)
    if flow is None or not sanitizers or root is None:
        return []
    clean = _Spans(sanitizers)
    out = []
    for start, end, name in scopes:
        if not name or name.startswith("<") or not clean.inside(start, end):
            continue
        node = scope_node(root, start, end)
        if node is None:
            continue
        inner = [(a, b) for a, b, _n in scopes if (a, b) != (start, end) and start <= a and b <= end]
        scope = _Scope(flow, source, _Spans(()), clean, set(), inner)
        params = scope.parameters(node)
        if not params:
            continue
        for at, pname in params:
            scope.state[pname] = ((at, "parameter " + pname.decode("utf-8", "replace")),)
        scope.run(node)
        if scope.returned_clean and not scope.returned_tainted:
            out.append(name.rsplit(".", 1)[-1].encode())
    return out


def calls_named(root: ts.Node, source: bytes, names: set[bytes]) -> list[Span]:
    """Spans of the calls whose callee's last name is one of `names`."""
    out = []
    stack = [root]
    while stack:
        n = stack.pop()
        if "call" in n.type or "invocation" in n.type:
            fn = n.child_by_field_name("function") or n.child_by_field_name("method") \
                or n.child_by_field_name("name")
            if fn is not None:
                last = re.split(rb"\.|::|->", source[fn.start_byte:fn.end_byte])[-1]
                if last in names:
                    out.append((n.start_byte, n.end_byte))
        stack.extend(n.children)
    return out


def scope_node(root: ts.Node, start: int, end: int) -> ts.Node | None:
    """The node of a function's span: of the nodes with exactly that span (a
    class body holding only this method has it too), the one that defines
    the function, else the outermost."""
    node = root.descendant_for_byte_range(start, end)
    chain = []
    while node is not None and (node.start_byte, node.end_byte) == (start, end):
        chain.append(node)
        node = node.parent
    for n in chain:
        if n.child_by_field_name("parameters") is not None or n.child_by_field_name("definition") is not None \
                or n.child_by_field_name("declarator") is not None:
            return n
    return chain[-1] if chain else None


def track(root: ts.Node, source: bytes, language: str, scopes: list[tuple[int, int, str]], sources: list[Span],
          sanitizers: list[Span], sinks: list[Span], *, facts: bool = False,
          relay: frozenset[bytes] = frozenset(), sanitizer_fns: frozenset[bytes] = frozenset(),
          find_sanitizer_fns: bool = True) -> Tracked:
    """Every sink span that tainted data reaches. `scopes` are the functions
    (start, end, name) and the module; nested scopes are analyzed on their own.
    A call to a function of the same file whose parameter reaches a sink is
    followed into it.

    With `facts`, also what other files need to follow data through this one:
    which parameters of each function reach a sink here (exports), and which
    calls to functions not summarized here receive tainted data (from a source,
    or from a parameter of a function that holds a sink or whose name is in
    `relay`)."""
    empty = Tracked([], [], [])
    flow = FLOWS.get(language)
    if flow is None or not (sinks or (facts and (sources or relay))):
        return empty
    if not facts and not sources:
        return empty
    # calls to functions that sanitize (this file's, and those other files hold: `sanitizer_fns`)
    names = set(sanitizer_fns)
    if find_sanitizer_fns:
        names.update(sanitizer_functions(root, source, language, scopes, sanitizers))
    if names and any(n in source for n in names):
        sanitizers = [*sanitizers, *calls_named(root, source, names)]
    if sources:                             # SORTS[req.query.sort]: one of the table's own values
        sanitizers = [*sanitizers, *constant_lookups(root, source, language)]
    src, clean, sink_set = _Spans(sources), _Spans(sanitizers), set(sinks)
    ordered = sorted(scopes, key=lambda s: (s[0], -s[1]))
    nodes = {}
    for start, end, _name in ordered:
        nodes[start, end] = scope_node(root, start, end)

    def inner_of(scope, name: str = "<module>"):
        """Nested functions analyzed on their own. An anonymous function inside
        a function (a callback, a closure) is also walked as part of it: it
        sees the enclosing function's variables."""
        return [(a, b) for a, b, n in ordered if (a, b) != scope and scope[0] <= a and b <= scope[1]
                and (name == "<module>" or not n.startswith("<"))]

    def holds(spans, scope) -> bool:
        return any(scope[0] <= a and b <= scope[1] for a, b in spans)

    # which parameters of each function reach a sink (no real sources in play)
    summaries: dict[bytes, list[tuple[int, Span, tuple[Step, ...]]]] = {}
    out = Tracked([], [], [])
    for start, end, name in ordered:
        node = nodes[start, end]
        if node is None or not name or name.startswith("<"):
            continue
        bname = name.encode()
        if not (holds(sink_set, (start, end)) or bname in relay):
            continue
        inner = inner_of((start, end), name)
        scope = _Scope(flow, source, _Spans(()), clean, sink_set, inner, record=facts)
        params = scope.parameters(node)
        for at, pname in params:
            scope.state[pname] = ((at, "parameter " + pname.decode("utf-8", "replace")),)
        hits_all = scope.run(node)
        walks = [(None, hits_all, scope.calls)]
        if len(params) > 1 and (hits_all or scope.calls):
            # a walk with every parameter tainted credits a sink to the first one it meets:
            # `join(folder, name)` reaches it from both, so follow each parameter on its own
            walks = []
            for at, pname in params[:MAX_SUMMARY_PARAMS]:
                one = _Scope(flow, source, _Spans(()), clean, sink_set, inner, record=facts)
                one.state[pname] = ((at, "parameter " + pname.decode("utf-8", "replace")),)
                walks.append((at, one.run(node), one.calls))
        index = {at: i for i, (at, _) in enumerate(params)}
        for only, hits_of, calls_of in walks:
            for hit in hits_of:
                i = index.get(hit.steps[0][0])
                if i is not None and only in (None, hit.steps[0][0]):
                    summaries.setdefault(bname, []).append((i, hit.sink, hit.steps))
                    out.exports.append(Export(bname, i, len(params), hit.sink, hit.steps))
            for callee, arg, args, steps, bare in calls_of:
                i = index.get(steps[0][0])
                if i is not None and only in (None, steps[0][0]):
                    out.calls.append(TaintedCall(bname, i, len(params), callee, arg, args, steps, bare))

    hits: dict[Span, Hit] = {}
    defined = {n.encode() for _a, _b, n in ordered if n and not n.startswith("<")}
    returned: dict[bytes, tuple[Step, ...]] = {}        # functions of this file that return a source's data
    result_sinks: list[CallResultSink] = []
    for start, end, name in ordered:
        node = nodes[start, end]
        named = bool(name) and not name.startswith("<")
        if node is None or not (holds(sink_set, (start, end)) or summaries or
                                (holds(src.spans, (start, end)) and (facts or named))):
            continue
        scope = _Scope(flow, source, src, clean, sink_set, inner_of((start, end), name), summaries, record=facts)
        for hit in scope.run(node):
            hits.setdefault(hit.sink, hit)          # one finding per sink, with the first path found
        caller = b"" if name.startswith("<") else name.encode()
        for callee, arg, args, steps, bare in scope.calls:
            if steps[0][1].startswith("source"):
                out.calls.append(TaintedCall(caller, None, 0, callee, arg, args, steps, bare))
        for callee, sink, steps in scope.result_sinks:
            result_sinks.append(CallResultSink(callee, sink, steps))
        if named:
            for callee, steps in scope.returns:
                if not callee:
                    returned.setdefault(caller, steps)
                if facts:
                    out.returns.append(Returned(caller, callee, steps))
    # a function of this file returns a source's data, and its result reaches a sink here
    for r in result_sinks:
        steps = returned.get(r.callee)
        if steps is not None and r.sink not in hits:
            hits[r.sink] = Hit(r.sink, steps + r.steps)
        elif facts and r.callee not in defined:
            out.result_sinks.append(r)
    # two sink patterns of one call (`exec(new String[]{"sh", "-c", CMD})` and the CMD inside it):
    # one finding, at the innermost tainted sink
    out.hits = _innermost(sorted(hits.values(), key=lambda h: h.sink), lambda h: h.sink)
    out.exports = _innermost(out.exports, lambda x: x.sink, key=lambda x: (x.function, x.param))
    return out


def _innermost(items: list, span_of, key=lambda _x: None) -> list:
    """Items without those whose span strictly contains another's of the same key."""
    by_key: dict = {}
    for item in items:
        by_key.setdefault(key(item), []).append(span_of(item))

    def outer(item) -> bool:
        s, e = span_of(item)
        return any(s <= a and b <= e and (a, b) != (s, e) for a, b in by_key[key(item)])
    return [item for item in items if not outer(item)]


def track_relays(root: ts.Node, source: bytes, language: str, scopes: list[tuple[int, int, str]],
                 sanitizers: list[Span], functions: frozenset[bytes]) -> list[TaintedCall]:
    """For each named function in `functions`: the calls its parameters'
    values are passed to (a relay on a path that continues in another function)."""
    flow = FLOWS.get(language)
    if flow is None or not functions:
        return []
    clean = _Spans(sanitizers)
    out: list[TaintedCall] = []
    for start, end, name in sorted(scopes, key=lambda s: (s[0], -s[1])):
        bname = name.encode() if name else b""
        if bname not in functions:
            continue
        node = scope_node(root, start, end)
        if node is None:
            continue
        inner = [(a, b) for a, b, n in scopes if (a, b) != (start, end) and start <= a and b <= end
                 and n and not n.startswith("<")]
        scope = _Scope(flow, source, _Spans(()), clean, set(), inner, record=True)
        params = scope.parameters(node)
        for at, pname in params:
            scope.state[pname] = ((at, "parameter " + pname.decode("utf-8", "replace")),)
        index = {at: i for i, (at, _) in enumerate(params)}
        scope.run(node)
        for callee, arg, args, steps, bare in scope.calls:
            i = index.get(steps[0][0])
            if i is not None:
                out.append(TaintedCall(bname, i, len(params), callee, arg, args, steps, bare))
    return out


class _Scope:
    def __init__(self, flow: Flow, source: bytes, src: _Spans, clean: _Spans, sinks: set[Span],
                 inner: list[Span], summaries: dict | None = None, record: bool = False) -> None:
        self.flow, self.source, self.src, self.clean, self.sinks = flow, source, src, clean, sinks
        self.summaries = summaries or {}
        self.record = record                    # keep tainted calls to functions not summarized here
        self.calls: list[tuple[bytes, int, int, tuple[Step, ...], bool]] = []
        self.inner = set(inner)
        self.checked: set[Span] = set()
        self.state: dict[bytes, tuple[Step, ...]] = {}
        self.validated: list[tuple[int, int, frozenset[bytes]]] = []   # if-bodies that run only for valid data
        self.hits: list[Hit] = []
        self.branching = 0                      # how many branches or loops the walk is inside
        self.replaced: dict[Span, tuple[int, int, frozenset[bytes]]] = {}  # if-statements that validate
        self.cleaned: list[tuple[bytes, int]] = []      # (name, offset) of assignments of clean data
        # results of calls held by variables: name -> ((callee, offset of the call), ...)
        self.results: dict[bytes, frozenset[tuple[bytes, int]]] = {}
        self.result_sinks: list[tuple[bytes, Span, tuple[Step, ...]]] = []
        self.returns: list[tuple[bytes, tuple[Step, ...]]] = []     # (b"" for a source | callee, steps)
        self.returned_tainted = False           # a return statement returned tainted data
        self.returned_clean = False             # one returned what a sanitizer made

    def run(self, top: ts.Node) -> list[Hit]:
        # a parameter can itself be a source: a route handler's arguments, an @RequestParam
        if self.src.spans:
            for at, pname in self.parameters(top):
                if self.src.covering(at, at + len(pname)):
                    self.state.setdefault(pname, ((at, "source: parameter " + pname.decode("utf-8", "replace")),))
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
            if node is not top and _BRANCHES.match(node.type):
                self.branching += 1
            stack.append((node, True))
            stack.extend((c, False) for c in reversed(node.named_children))
        return self.hits

    # -- events
    def enter(self, node: ts.Node) -> None:
        t = node.type
        if (self.summaries or self.record) and ("call" in t or "invocation" in t):
            self.check_call(node)
        each = self.flow.iterate(node) if self.flow.iterate is not None else None
        if each is not None:                    # a block's or callback's element parameter
            self.assign(each[0], self.taint_of(each[1]), node.start_byte, strong=True)
        if t in self.flow.loops:
            var, it = loop_parts(node, self.flow.loops[t])
            if var is not None and it is not None:
                self.assign(var, self.taint_of(it), node.start_byte, strong=True)
        elif t in self.flow.ifs and (not self.body_exits(node, self.flow.ifs[t][1])
                                     or not _negated(node.child_by_field_name(self.flow.ifs[t][0]))):
            # the branch runs for valid data: `if valid(x): use(x)`, and also
            # `if valid(x): return redirect(x)` (a branch that leaves; after it,
            # see leave()). `if not valid(x): return ...` is a rejection: x is
            # not valid inside it
            cond, body = (node.child_by_field_name(f) for f in self.flow.ifs[t])
            names = self.validated_names(cond)
            if body is not None and names:
                self.validated.append((body.start_byte, body.end_byte, names))
                self.replaced[node.start_byte, node.end_byte] = (body.start_byte, body.end_byte, names)

    def leave(self, node: ts.Node) -> None:
        t = node.type
        if _BRANCHES.match(t) and self.branching:
            self.branching -= 1
        if "call" in t or "invocation" in t or t == "binary":
            self.mutation(node)
        if t in self.flow.assigns:
            # Go writes `p = "/home"` as lists of one: the single variable is what is assigned
            target, value = (_single(node.child_by_field_name(f)) for f in self.flow.assigns[t])
            if target is not None and value is not None:
                # `if x == "": x = "path"` leaves x tainted on the other path
                strong = target.type in self.flow.names and not t.startswith(("augmented", "operator")) \
                    and not self.branching
                self.assign(target, self.taint_of(value), node.start_byte, strong, value)
        elif t in ("return_statement", "return", "return_expression"):
            self.check_return(node)
        elif t == "expression_statement" and not self.branching:
            self.validator_call(node)
        check = self.replaced.pop((node.start_byte, node.end_byte), None)
        if check is not None:
            # `if (!valid(x)) { x = "/"; }`: after it x is either valid or replaced with clean data
            a, b, names = check
            for name in names:
                if any(a <= at < b for n, at in self.cleaned if n == name):
                    self.state.pop(name, None)
        guard = self.flow.ifs.get(t) or self.flow.unless.get(t)
        if guard is not None and self.body_exits(node, guard[1]):
            # `if not valid(x): return` (or `return unless valid(x)`): x is valid after it
            for name in self.validated_names(node.child_by_field_name(guard[0]), holds=t in self.flow.unless):
                self.state.pop(name, None)
                self.results.pop(name, None)

    def check_sink(self, span: Span, node: ts.Node) -> None:
        steps = self.taint_of(node)
        if steps is not None:
            self.hits.append(Hit(span, steps + ((span[0], "reaches the sink"),)))
            return
        for callee, at in sorted(self.results_of(node), key=lambda r: r[1]):
            self.result_sinks.append((callee, span, ((at, f"returned by {callee.decode('utf-8', 'replace')}()"),
                                                     (span[0], "reaches the sink"))))

    def check_return(self, node: ts.Node) -> None:
        steps = self.taint_of(node)
        if steps is not None:
            self.returned_tainted = True
        elif self.clean.inside(node.start_byte, node.end_byte) or self.clean.covering(node.start_byte, node.end_byte):
            self.returned_clean = True
        if steps is not None and steps[0][1].startswith("source"):
            self.returns.append((b"", steps + ((node.start_byte, "returned"),)))
        for callee, at in sorted(self.results_of(node), key=lambda r: r[1]):
            self.returns.append((callee, ((at, f"returned by {callee.decode('utf-8', 'replace')}()"),
                                          (node.start_byte, "returned"))))

    def results_of(self, node: ts.Node) -> set[tuple[bytes, int]]:
        """Calls whose result flows into node: made inside it, or held by a variable it reads."""
        out: set[tuple[bytes, int]] = set()
        stack = [node]
        while stack:
            n = stack.pop()
            if self.clean.covering(n.start_byte, n.end_byte):
                continue
            if "call" in n.type or "invocation" in n.type:
                fn = n.child_by_field_name("function") or n.child_by_field_name("method") \
                    or n.child_by_field_name("name")
                if fn is not None:
                    callee = re.split(rb"[.:>\-]+", self.text_bytes(fn))[-1]
                    if callee[:1].isalpha() or callee[:1] == b"_":
                        out.add((callee, n.start_byte))
            elif n.type in self.flow.names:
                held = self.results.get(self.text_bytes(n))
                if held and not self.is_validated(n.start_byte, n.end_byte, self.text_bytes(n)):
                    out |= held
            stack.extend(n.named_children)
        return out

    def mutation(self, node: ts.Node) -> None:
        """`parts.append(x)`, `sb.append(x)`, `list.add(x)`, `items << x`: a container or a
        builder that takes tainted data holds it from then on."""
        if node.type == "binary":                       # Ruby's items << x
            op = node.child_by_field_name("operator")
            if op is None or op.type != "<<":
                return
            recv, args = node.child_by_field_name("left"), [node.child_by_field_name("right")]
            method = b"<<"
        else:
            fn = node.child_by_field_name("function")
            if fn is not None and fn.type in _MEMBER_NODES:
                recv = next((c for f in ("object", "operand", "expression", "value")
                             if (c := fn.child_by_field_name(f)) is not None), None)
                name = next((c for f in ("attribute", "property", "field", "name")
                             if (c := fn.child_by_field_name(f)) is not None), None)
            else:
                recv = node.child_by_field_name("object") or node.child_by_field_name("receiver")
                name = node.child_by_field_name("name") or node.child_by_field_name("method")
            arguments = node.child_by_field_name("arguments")
            if recv is None or name is None or arguments is None:
                return
            method = self.text_bytes(name)
            args = [a for a in arguments.named_children if not a.is_extra]
        if method not in _MUTATORS or recv is None:
            return
        base = recv if recv.type in self.flow.names else next(iter(self.reads(recv)), None)
        if base is None:
            return
        for a in args:
            steps = self.taint_of(a) if a is not None else None
            if steps is not None:
                label = self.text_bytes(base).decode("utf-8", "replace")
                self.assign(base, steps + ((node.start_byte, f"added to {label}"),), node.start_byte, False)
                return

    def check_call(self, node: ts.Node) -> None:
        """A call to a function of this file whose parameter reaches a sink."""
        fn = node.child_by_field_name("function") or node.child_by_field_name("method") \
            or node.child_by_field_name("name")
        if fn is None:
            return
        callee = re.split(rb"[.:>\-]+", self.text_bytes(fn))[-1]
        flows = self.summaries.get(callee)
        args = node.child_by_field_name("arguments")
        if args is None:
            return
        positional = [a for a in args.named_children if not a.is_extra and "keyword" not in a.type]
        bare = fn.type in self.flow.names and node.child_by_field_name("object") is None and \
            node.child_by_field_name("receiver") is None and node.child_by_field_name("scope") is None
        if not flows:
            span = (node.start_byte, node.end_byte)
            if self.record and callee and (callee[:1].isalpha() or callee[:1] == b"_") and \
                    span not in self.sinks and not self.clean.covering(*span):
                step = (node.start_byte, f"passed to {callee.decode('utf-8', 'replace')}()")
                for j, a in enumerate(positional):
                    t = self.taint_of(a)
                    if t is not None:
                        self.calls.append((callee, j, len(positional), t + (step,), bare))
            return
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
        for child in params.named_children:
            if child.is_extra:
                continue
            if child.type in self.flow.names:
                parts = [child]
            else:           # the name part of a parameter, not its type or default value
                parts = [child.child(i) for i in range(child.child_count)
                         if child.field_name_for_child(i) in ("name", "pattern", "declarator", "left")]
                parts = parts or [c for c in child.named_children if not c.is_extra][:1]
            for part in parts:
                if part is None:
                    continue
                idents = sorted(self.reads(part), key=lambda n: n.start_byte)
                if not idents:
                    continue
                name = self.text_bytes(idents[0])
                if name not in seen:
                    seen.add(name)
                    out.append((idents[0].start_byte, name))
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
                    not self.is_validated(ident.start_byte, ident.end_byte, name) and \
                    not self.measured_only(ident, node, inclusive=True):
                return steps
        return None

    def assign(self, target: ts.Node, steps: tuple[Step, ...] | None, at: int, strong: bool,
               value: ts.Node | None = None) -> None:
        names = [self.text_bytes(n) for n in self.targets(target)]
        held = frozenset(self.results_of(value)) if value is not None else frozenset()
        for name in names:
            if steps is not None:
                self.state[name] = steps + ((at, f"assigned to {name.decode('utf-8', 'replace')}"),)
            elif target.type in self.flow.names:
                self.cleaned.append((name, at))
                if strong:
                    self.state.pop(name, None)
            if held:
                self.results[name] = held if strong else self.results.get(name, frozenset()) | held
            elif strong and target.type in self.flow.names:
                self.results.pop(name, None)

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

    def validator_call(self, stmt: ts.Node) -> None:
        """`ensure_public_url(u)` or `validator.check(path)` as a statement: the
        call raises when the value is bad, so after it the value is checked."""
        call = next((c for c in stmt.named_children if not c.is_extra), None)
        if call is None or ("call" not in call.type and "invocation" not in call.type) or \
                (call.start_byte, call.end_byte) in self.sinks:
            return
        fn = call.child_by_field_name("function") or call.child_by_field_name("method") \
            or call.child_by_field_name("name")
        if fn is None:
            return
        name = re.split(r"[.:>\-]+", self.text(fn.start_byte, fn.end_byte))[-1]
        args = call.child_by_field_name("arguments")
        if not _VALIDATOR_CALL.match(name) or args is None:
            return
        found: set[bytes] = set()
        for arg in args.named_children:
            self._operand(arg, found, call)
        for n in found:
            self.state.pop(n, None)
            self.results.pop(n, None)

    def validated_names(self, cond: ts.Node | None, holds: bool = True) -> frozenset[bytes]:
        """Variables a condition validates: those it passes to a check
        (`valid(x)`, `x.startswith(...)`, `commonpath([base, x])`) or compares
        (`x == "a"`, `x in ALLOWED`). Tests for null, emptiness, existence or
        size validate nothing, and neither do values used only inside a
        comprehension or a nested expression."""
        if cond is None:
            return frozenset()
        inner = cond
        while inner.type == "parenthesized_expression" and inner.named_child_count == 1:
            inner = inner.named_children[0]
        op = inner.child_by_field_name("operator")
        if op is not None and op.type in ("||", "&&", "or", "and") and inner.child_by_field_name("left") is not None:
            # each part on its own: `err != nil || !allowed[u.Host]` still checks u.
            # Where the condition holds, every part of an `and` holds; where it
            # fails (after a rejection that leaves), every part of an `or` fails;
            # otherwise only what both parts check is checked
            left = self.validated_names(inner.child_by_field_name("left"), holds)
            right = self.validated_names(inner.child_by_field_name("right"), holds)
            every_part = (op.type in ("&&", "and")) == holds
            return left | right if every_part else left & right
        text = self.text(cond.start_byte, cond.end_byte)
        if any(w in text for w in _NULL_WORDS) or _EXISTENCE.search(text) or self.scheme_only(cond):
            return frozenset()
        found: set[bytes] = set()
        stack = [cond]
        init = cond.parent.child_by_field_name("initializer") if cond.parent is not None else None
        if init is not None:            # Go: `if _, ok := allowed[x]; !ok {`
            stack.append(init)
        while stack:
            node = stack.pop()
            t = node.type
            if t in ("subscript", "subscript_expression", "index_expression", "element_reference", "array_access"):
                # a lookup keyed by the value: `allowed[x]`, `ALLOWED.get(x)` style allow-lists
                kids = [c for c in node.named_children if not c.is_extra]
                for k in kids[1:]:
                    self._operand(k, found, cond)
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

    def scheme_only(self, cond: ts.Node) -> bool:
        """`url.startswith(("http://", "https://"))`: every literal in the
        check is a URL scheme, which says nothing about the host."""
        literals, stack = [], [cond]
        while stack:
            node = stack.pop()
            if node.type in _STRING_NODES:
                literals.append(self.text(node.start_byte, node.end_byte))
                continue
            stack.extend(node.named_children)
        return bool(literals) and all(_SCHEME_LITERAL.match(t.strip()) for t in literals)

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
        if (name in self.state or name in self.results) and not self.measured_only(base, cond):
            found.add(name)

    def measured_only(self, ident: ts.Node, cond: ts.Node, inclusive: bool = False) -> bool:
        """`len(x) > N`, `x.length < N`: a check of how much, not of what. (A
        size carries no content either: `strings.Repeat("?", len(ids))` is not tainted.)"""
        node = ident.parent
        stop = cond.parent if inclusive else cond
        while node is not None and node != stop:
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


def _negated(cond: ts.Node | None) -> bool:
    """Is a condition written as a negation (`not x`, `!x`, `!(a && b)`, or an
    `or` with a negated part: `err != nil || !ok`)?"""
    while cond is not None and cond.type in ("parenthesized_expression", "condition_clause") \
            and cond.named_child_count == 1:
        cond = cond.named_children[0]
    if cond is None:
        return False
    first = cond.children[0] if cond.child_count else None
    if cond.type in ("not_operator", "unary_expression", "unary", "unary_op_expression", "prefix_unary_expression") \
            and first is not None and first.type in ("not", "!"):
        return True
    op = cond.child_by_field_name("operator")
    if op is not None and op.type in ("or", "||"):
        return any(_negated(c) for c in (cond.child_by_field_name("left"), cond.child_by_field_name("right")))
    return False


def _single(node: ts.Node | None) -> ts.Node | None:
    if node is not None and node.type == "expression_list" and node.named_child_count == 1:
        return node.named_children[0]
    return node
