"""The project file: one SQLite database (sqlite-utils) holding documents, tags, annotations and the
analysis cache. Qt-free; used on one thread (the GUI thread in the window)."""
from rusus_desktop.store.project import Store, open_project

__all__ = ["Store", "open_project"]
