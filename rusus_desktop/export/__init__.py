"""Export and import of annotations (Qt-free).

Exports: the native JSON format (with its JSON Schema in ``resources/schemas``), W3C Web Annotation,
Label Studio, doccano, brat, CSV and CoNLL; see docs/export-formats.md for each format and its offset
unit. Every export is written to a temporary file, read back and checked, then renamed into place.
Imports (native and W3C) are all-or-nothing and idempotent.

Threading: :func:`collect` reads the Store and must run on its thread; :func:`run_export` works on the
snapshot alone and may run on a worker thread; :func:`import_file` writes to the Store (its thread).
For a large import the window takes an :class:`ImportSnapshot` (:func:`take_snapshot`, Store thread),
runs :func:`plan_import_file` on a worker, then :func:`apply_plan` (Store thread, one transaction).
"""
from rusus_desktop.export.errors import (
    ExportCancelled,
    ExportError,
    ImportCancelled,
    InvalidImport,
    ProjectChanged,
)
from rusus_desktop.export.importer import (
    ImportPlan,
    ImportReport,
    ImportSnapshot,
    apply_plan,
    import_data,
    import_file,
    plan_import,
    plan_import_file,
    take_snapshot,
)
from rusus_desktop.export.model import ExportOptions, ExportScope, ProjectSnapshot
from rusus_desktop.export.runner import FORMATS, ExportResult, export_project, run_export
from rusus_desktop.export.snapshot import collect

__all__ = ["FORMATS", "ExportCancelled", "ExportError", "ExportOptions", "ExportResult", "ExportScope",
           "ImportCancelled", "ImportPlan", "ImportReport", "ImportSnapshot", "InvalidImport", "ProjectChanged",
           "ProjectSnapshot", "apply_plan", "collect", "export_project", "import_data", "import_file",
           "plan_import", "plan_import_file", "run_export", "take_snapshot"]
