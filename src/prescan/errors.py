"""The error hierarchy. Each error has a title, a detail and a hint; the CLI
turns them into one-line messages and exit codes in one place."""
from __future__ import annotations

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class PrescanError(Exception):
    """An error a user can act on: printed as one line, exit code 2."""

    exit_code = EXIT_ERROR

    def __init__(self, title: str, *, detail: str = "", hint: str = "", path: str | None = None,
                 line: int | None = None) -> None:
        super().__init__(title)
        self.title = title
        self.detail = detail
        self.hint = hint
        self.path = path
        self.line = line

    def one_line(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.title}"
        if self.detail:
            text += f" ({self.detail})"
        if self.hint:
            text += f"; {self.hint}"
        return " ".join(text.split())


class UsageError(PrescanError):
    """Bad command-line arguments or combinations of them."""


class InstallError(PrescanError):
    """prescan itself is not installed correctly."""


class GitError(PrescanError):
    """The repository or a revision cannot be read."""


class PatchError(PrescanError):
    """A patch file that is not a valid unified diff."""


class RuleError(PrescanError):
    """A rule file that cannot be loaded; names the file and line."""


class ConfigError(PrescanError):
    """A configuration file that cannot be read."""


class StoreError(PrescanError):
    """A result store, or one file in it, that cannot be read or written."""
