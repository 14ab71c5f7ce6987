"""Domain errors with messages an analyst can act on (shown as they are in dialogs and the CLI)."""
from __future__ import annotations


class RususError(Exception):
    """Base class: ``str(error)`` is a complete, user-facing sentence."""


class ProjectError(RususError):
    """The project file cannot be used (not a project, corrupt, locked, too new)."""


class NotAProject(ProjectError):
    pass


class CorruptProject(ProjectError):
    pass


class ProjectLocked(ProjectError):
    pass


class SchemaTooNew(ProjectError):
    pass


class DocumentSkipped(RususError):
    """A file was not loaded; ``reason`` says why in a few words."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class SpanError(RususError):
    """Offsets out of range, reversed, or splitting a character sequence."""


class NotFound(RususError):
    pass
