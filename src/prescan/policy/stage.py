"""The policy applied to a scan: rule selection and ignored paths before the
analysis; after it, per-path weights, suppressions, and the findings that
report policy changes and added suppressions. Both sides of a diff scan are
treated alike, so the diff invariant holds for what the policy keeps."""
from __future__ import annotations

import fnmatch
import hashlib
from dataclasses import dataclass, field, replace

from prescan.change.model import COPIED
from prescan.findings import Finding
from prescan.policy import changes, suppress
from prescan.policy.config import Policy, shift_severity
from prescan.policy.source import PolicyView
from prescan.rules.loader import RuleSet

# findings that describe the change itself: only a diff scan has them
CHANGE_RULES = (changes.RULE_ID, suppress.ADDED)


@dataclass
class PolicyStage:
    view: PolicyView
    suppress: bool = True
    _sups: dict = field(default_factory=dict)          # (side, path) -> [Suppression]

    @property
    def policy(self) -> Policy:
        return self.view.applied

    def select(self, ruleset: RuleSet) -> RuleSet:
        kept = tuple(r for r in ruleset.rules if self.policy.rule_enabled(r))
        if len(kept) == len(ruleset.rules):
            return ruleset
        key = hashlib.sha256(repr((self.policy.select, self.policy.ignore_rules)).encode()).hexdigest()[:12]
        return RuleSet(kept, f"{ruleset.digest}:{key}", secrets=ruleset.secrets)

    def scans(self, path: str) -> bool:
        return not self.policy.path_ignored(path)

    def _keeps(self, f: Finding, ruleset: RuleSet) -> bool:
        if f.origin == "policy":
            return True
        if self.policy.path_ignored(f.path):
            return False
        rule = ruleset.by_id.get(f.rule_id)
        if rule is not None:
            if not self.policy.rule_enabled(rule):
                return False
        elif self.policy.select or self.policy.ignore_rules:     # e.g. a credential detector: by id only
            if not _id_enabled(self.policy, f.rule_id):
                return False
        return not any(_id_matches(s, f.rule_id) for p in self.policy.for_path(f.path) for s in p.ignore_rules)

    def _weigh(self, f: Finding) -> Finding:
        rules = self.policy.for_path(f.path)
        if f.origin == "policy" or not rules:
            return f
        offset = sum(p.severity_offset for p in rules)
        fail_on = next((p.fail_on for p in reversed(rules) if p.fail_on), None)
        if offset:
            f = replace(f, severity=shift_severity(f.severity, offset))
        if fail_on:
            f = replace(f, extra=f.extra + (("fail-on", fail_on),))
        return f

    def suppressions(self, side: str, path: str, data: bytes, language: str | None) -> list:
        key = (side, path)
        if key not in self._sups:
            self._sups[key] = suppress.find(path, data, language) if self.suppress else []
        return self._sups[key]

    def adjust(self, findings: list[Finding], ruleset: RuleSet, files: dict[str, tuple[str | None, bytes]],
               side: str, checked: set[str]) -> list[Finding]:
        """One side's findings under the policy. files: path -> (language, data)
        of that side's file versions; checked: the files whose every finding
        is known (suppression problems are reported there only)."""
        kept = [self._weigh(f) for f in findings if self._keeps(f, ruleset)]
        if not self.suppress:
            return kept
        # only code and configuration files: a directive quoted in documentation is not one
        sups = {p: self.suppressions(side, p, d, lang) for p, (lang, d) in files.items()
                if lang is not None and suppress.MARKER in d and self.scans(p)}
        sups = {p: s for p, s in sups.items() if s}
        if not sups:
            return kept
        marked, problems = suppress.apply(kept, sups, self.policy.require_reason, checked & set(sups))
        return marked + problems

    def apply_sides(self, jobs, head: list[Finding], base: list[Finding], ruleset: RuleSet,
                    full: bool) -> tuple[list[Finding], list[Finding]]:
        """Both sides' findings under the policy (jobs: the scan's file versions).
        Unchanged context files are read for taint only, so suppression problems
        are checked in the changed files (every file of a full scan)."""
        checked_head = {j.path for j in jobs if j.side == "head"}
        checked_base = {j.path for j in jobs if j.side == "base"}
        head = self.adjust(head, ruleset, _files(jobs, ("head", "context")), "head", checked_head)
        if not full:
            base = self.adjust(base, ruleset, _files(jobs, ("base", "context")), "base", checked_base)
        return head, base

    def apply_head(self, jobs, findings: list[Finding], ruleset: RuleSet) -> list[Finding]:
        """Findings that only a diff scan has (a guard the change removed), under the policy."""
        return self.adjust(findings, ruleset, _files(jobs, ("head", "context")), "head", set())

    def change_findings(self, cs, ruleset: RuleSet) -> list[Finding]:
        """policy-changed and suppression-added: what the change does to the gate."""
        out = [self._weigh(f) for f in changes.change_findings(self.view, cs)] if not self.view.explicit else []
        if self.suppress:
            renames = {fc.path: fc.old_path for fc in cs.files if fc.path and fc.old_path and fc.status != COPIED}
            changed = {fc.path for fc in cs.files if fc.path and self.scans(fc.path)}
            head = {p: s for (side, p), s in self._sups.items() if side == "head"}
            base = {p: s for (side, p), s in self._sups.items() if side == "base"}
            out += suppress.added(head, base, renames, changed & set(head),
                                  self.policy.suppressions_added == "block")
        return out


def _id_matches(selector: str, rule_id: str) -> bool:
    return ":" not in selector and fnmatch.fnmatchcase(rule_id, selector)


def _id_enabled(policy: Policy, rule_id: str) -> bool:
    if policy.select and not any(_id_matches(s, rule_id) for s in policy.select):
        return False
    return not any(_id_matches(s, rule_id) for s in policy.ignore_rules)


def _files(jobs, sides: tuple[str, ...]) -> dict[str, tuple[str | None, bytes]]:
    return {j.path: (j.language, j.data) for j in jobs if j.side in sides}
