"""Read the attribute names stored in a CRFsuite model file.

underthesea's CRF models are CRFsuite files (magic ``lCRF``), loaded by underthesea_core's
``CRFTagger``. The tagger looks every feature string up in the model's attribute table
and silently drops the ones it does not know. Knowing that table lets the caller drop
them first, which saves building, converting and hashing most feature strings: in these
models only a few of the ~30 features per word are ever known.

The file layout (CRFsuite ``crf1dm``): a 48-byte header, then chunks; labels and
attributes are each a CQDB ("constant quark database") chunk whose backward table maps
an id to the offset of its ``id, key size, key bytes + NUL`` record.
"""
from __future__ import annotations

import struct
from pathlib import Path

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB_HEADER = struct.Struct("<4sIIIII")


class UnreadableModel(ValueError):
    """The file is not a CRFsuite model this reader can list exactly."""


def read_attributes(path: str | Path) -> frozenset[str]:
    """Return every attribute (feature string) a CRFsuite model file defines.

    Decoding follows underthesea_core's loader: keys are cut at the first NUL and read
    as UTF-8. A key that is not valid UTF-8 raises instead of being guessed at, because
    a wrong guess would make a caller drop a feature the tagger actually uses.

    Args:
        path: The model file.

    Returns:
        The attribute names.

    Raises:
        UnreadableModel: If the file is not a CRFsuite model or a key is not UTF-8.
    """
    data = Path(path).read_bytes()
    if len(data) < _HEADER.size:
        raise UnreadableModel(f"{path}: too short for a CRFsuite model")
    magic, _size, model_type, _version, _features, _labels, num_attrs, _off_features, \
        _off_labels, off_attrs, _off_labelrefs, _off_attrrefs = _HEADER.unpack_from(data)
    if magic != b"lCRF" or model_type != b"FOMC":
        raise UnreadableModel(f"{path}: not a CRFsuite CRF1d model")
    cqdb_magic, _size, _flag, _order, backward_size, backward_offset = _CQDB_HEADER.unpack_from(
        data, off_attrs)
    if cqdb_magic != b"CQDB":
        raise UnreadableModel(f"{path}: no attribute table at {off_attrs}")
    count = min(num_attrs, backward_size)
    offsets = struct.unpack_from(f"<{count}I", data, off_attrs + backward_offset)
    attributes = set()
    for offset in offsets:
        if offset == 0:  # an unused id; the loader skips it too
            continue
        record = off_attrs + offset
        _id, key_size = struct.unpack_from("<II", data, record)
        key = data[record + 8:record + 8 + key_size].split(b"\0", 1)[0]
        try:
            attributes.add(key.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise UnreadableModel(f"{path}: attribute {key!r} is not UTF-8") from error
    return frozenset(attributes)
