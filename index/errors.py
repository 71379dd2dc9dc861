"""Errors the library raises on purpose; the CLIs turn them into one line and exit code."""

from __future__ import annotations


class QuotedeskError(Exception):
    """Base class: a problem the user can fix, described in one line."""

    exit_code = 1


class ConfigError(QuotedeskError):
    """The config file or a setting is missing or malformed."""

    exit_code = 2


class ArticleError(QuotedeskError):
    """One input file could not be read or parsed; the build skips it."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Built in worker processes and pickled back: keep both constructor arguments.
        return (type(self), (self.path, self.reason))


class SourceError(QuotedeskError):
    """The sources given to a build hold no usable article at all."""


class IndexNotFound(QuotedeskError):
    """No index generation exists where one was asked for."""


class IndexCorrupt(QuotedeskError):
    """An index generation is unreadable, incomplete or of an unknown format."""
