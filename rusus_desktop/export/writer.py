"""Write export files so that a reader never sees half a file, and check them before saying done.

Each file goes to a hidden temporary file next to its destination, is flushed to disk, read back and
checked (same bytes as intended, and the format's own parse-back check), and only then renamed over
the destination (``os.replace``, atomic on one file system). A brat folder is built whole in a
temporary folder and swapped in. On any failure or cancellation the temporary files are removed and
the destination is left as it was.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from rusus_desktop.export.errors import ExportCancelled, ExportError
from rusus_desktop.export.model import OutFile


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _verify(path: Path, out: OutFile, shown: str) -> None:
    raw = path.read_bytes()
    if hashlib.sha256(raw).digest() != hashlib.sha256(out.data).digest():
        raise ExportError(f"{shown} reads back different from what was written (disk or file system "
                          f"problem); nothing was exported.")
    out.check(raw)


def _os_error(exc: OSError, target: Path) -> ExportError:
    return ExportError(f"Cannot write {target}: {exc.strerror or exc}.")


def write_file(path: Path, out: OutFile) -> None:
    """Write one file atomically and verify it (see module docstring)."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path} is a folder; choose a file name to export to.")
    if not path.parent.is_dir():
        raise ExportError(f"The folder {path.parent} does not exist.")
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex[:8]}.partial"
    try:
        _write_synced(tmp, out.data)
        _verify(tmp, out, str(path))
        os.replace(tmp, path)
        _fsync_dir(path.parent)
        _verify(path, out, str(path))
    except OSError as exc:
        raise _os_error(exc, path) from None
    finally:
        if tmp.exists():
            tmp.unlink()


def write_folder(folder: Path, files: list[OutFile], *, marker: str,
                 cancelled: Callable[[], bool] = lambda: False,
                 progress: Callable[[int], None] = lambda n: None) -> None:
    """Write ``files`` as the whole content of ``folder`` and verify them.

    ``folder`` may be missing, empty, or an earlier export of the same kind (it holds ``marker``);
    anything else is refused so an export never deletes the analyst's other files.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file; brat export needs a folder name.")
    if not folder.parent.is_dir():
        raise ExportError(f"The folder {folder.parent} does not exist.")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / marker).is_file():
        raise ExportError(f"{folder} is not empty and is not an earlier brat export from Rusus Desktop; "
                          f"choose an empty or new folder.")
    token = uuid.uuid4().hex[:8]
    tmp = folder.parent / f".{folder.name}.{token}.partial"
    old = folder.parent / f".{folder.name}.{token}.old"
    moved_old = placed = done = False
    try:
        tmp.mkdir()
        for n, out in enumerate(files):
            if cancelled():
                raise ExportCancelled("Export cancelled; nothing was written.")
            target = tmp / out.name
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_synced(target, out.data)
            _verify(target, out, str(folder / out.name))
            progress(n + 1)
        _fsync_dir(tmp)
        if folder.exists():
            os.rename(folder, old)
            moved_old = True
        os.rename(tmp, folder)
        placed = True
        _fsync_dir(folder.parent)
        for out in files:
            _verify(folder / out.name, out, str(folder / out.name))
        done = True
    except BaseException as exc:
        # Put things back as they were: the new folder goes, the earlier export returns.
        if placed:
            os.rename(folder, tmp)
        if moved_old:
            os.rename(old, folder)
        if isinstance(exc, OSError):
            raise _os_error(exc, folder) from None
        raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        if done and old.exists():
            shutil.rmtree(old, ignore_errors=True)
