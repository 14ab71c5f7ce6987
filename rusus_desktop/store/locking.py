"""One running instance per project file: an advisory lock on ``<project>.lock``.

SQLite's own locks only cover a transaction; two windows on one file would each overwrite the
other's view of the undo history and settings, so the app holds an OS lock for as long as a
project is open. The lock dies with the process (even on ``kill -9``), so it never goes stale.
"""
from __future__ import annotations

import os
from pathlib import Path

from rusus_desktop.errors import ProjectLocked

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


class ProjectLock:
    """Hold the lock for ``project_path`` until :meth:`release` (or process exit)."""

    def __init__(self, project_path: Path) -> None:
        self.path = Path(str(project_path) + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            try:
                holder = os.read(fd, 64).decode("ascii", "replace").strip()
            finally:
                os.close(fd)
            who = f" (process {holder})" if holder else ""
            raise ProjectLocked(f"The project {self.path.with_suffix('')} is open in another running "
                                f"Rusus Desktop{who}. Close it there first, or open a copy.")
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            try:
                os.ftruncate(self._fd, 0)
            except OSError:
                pass
            # The file stays: unlinking it would let a waiting process lock an orphaned inode
            # while a third creates a new one, and both would think they hold the project.
            os.close(self._fd)
            self._fd = None
