"""Errors raised by export and import; ``str(error)`` is a complete sentence for the analyst."""
from __future__ import annotations

from rusus_desktop.errors import RususError


class ExportError(RususError):
    """An export could not be written or did not verify; nothing was left at the destination."""


class ExportCancelled(ExportError):
    """The analyst cancelled the export; nothing was written at the destination."""


class InvalidImport(RususError):
    """An import file was refused as a whole; the project was not changed.

    ``problems`` lists every entry that was wrong, each as ``(where, why)``, where ``where`` names the
    entry the way the file spells it (``documents[2].annotations[5]``) plus its id when it has one.
    """

    def __init__(self, source: str, problems: list[tuple[str, str]]) -> None:
        self.source = source
        self.problems = problems
        shown = problems[:20]
        lines = [f"  - {where}: {why}" if where else f"  - {why}" for where, why in shown]
        if len(problems) > len(shown):
            lines.append(f"  - … and {len(problems) - len(shown)} more")
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{source} was not imported ({len(problems)} {noun}); the project was not "
                         f"changed:\n" + "\n".join(lines))


class ImportCancelled(RususError):
    """The analyst cancelled an import while the file was being checked; the project was not changed."""


class ProjectChanged(RususError):
    """The project changed between checking an import and applying it in a way the check cannot
    survive (a document it annotates was removed); the project was not changed."""
