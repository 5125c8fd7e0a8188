"""The policy stage: which rules run, which paths are scanned, how findings
are weighed and suppressed, and how the gate decides, read from a trusted
revision (policy.source); changes to it and suppressions a change adds are
reported as findings (policy.changes, policy.suppress)."""
