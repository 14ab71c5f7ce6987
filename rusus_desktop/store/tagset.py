"""Tag set edits beyond single-row CRUD: deleting a tag in use, reordering, replacing the whole set
(import), and exporting it. Qt-free; each write is one transaction and returns what undo needs."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rusus_desktop.corpus.model import Annotation, Change, Tag
from rusus_desktop.corpus.tagset_io import HOTKEYS, TagSpec, dump_tagset, load_tagset, normalize_name
from rusus_desktop.errors import NotFound
from rusus_desktop.store.project import Store, new_id, now_iso

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173")


def tag_usage(store: Store) -> dict[str, int]:
    """Number of annotations per tag id (tags without any are absent)."""
    return {r[0]: r[1] for r in store.db.execute("SELECT tag_id, COUNT(*) FROM annotations GROUP BY tag_id")}


def find_tag(store: Store, name: str) -> Tag | None:
    """The tag called ``name``, ignoring case and surrounding spaces when no exact match exists."""
    name = normalize_name(name)
    exact = store.tag_by_name(name)
    if exact is not None:
        return exact
    key = name.casefold()
    for tag in store.tags():
        if tag.name.casefold() == key:
            return tag
    return None


def make_tag(store: Store, name: str, color: str | None = None, *, description: str = "") -> Tag:
    """A new tag (not saved) at the end of the palette, with the first free hotkey 1-9."""
    name = normalize_name(name)
    if not name:
        raise ValueError("A tag needs a name.")
    if find_tag(store, name) is not None:
        raise ValueError(f"A tag named {name!r} already exists.")
    tags = store.tags()
    used = {t.hotkey for t in tags}
    hotkey = next((k for k in "123456789" if k not in used), "")
    used_colors = {t.color.lower() for t in tags}
    color = color or next((c for c in PALETTE if c not in used_colors), PALETTE[len(tags) % len(PALETTE)])
    return Tag(id=new_id(), name=name, color=color, description=description, hotkey=hotkey,
               position=max((t.position for t in tags), default=-1) + 1)


def ensure_tag(store: Store, name: str, color: str | None = None) -> tuple[Tag, bool]:
    """The tag called ``name`` (case-insensitively), created when missing; ``(tag, created)``."""
    tag = find_tag(store, name)
    if tag is not None:
        return tag, False
    tag = make_tag(store, name, color)
    store.add_tag(tag)
    return tag, True


@dataclass(frozen=True, slots=True)
class TagDeletion:
    """Everything needed to undo deleting a tag: the tag and what happened to its annotations."""

    tag: Tag
    removed: tuple[Annotation, ...] = ()   # annotations deleted with the tag
    moved: tuple[Annotation, ...] = ()     # annotations moved to ``move_to``, as they were before
    move_to: str | None = None
    modified: str = ""                      # the time stamped on moved annotations


def delete_tag(store: Store, tag_id: str, *, move_to: str | None = None) -> tuple[TagDeletion, list[Change]]:
    """Delete a tag in one transaction, removing its annotations or moving them to ``move_to``.

    Raises:
        NotFound: no such tag (or no such target tag).
        ValueError: ``move_to`` is the tag being deleted.
    """
    tag = store.tag(tag_id)
    if move_to is not None:
        if move_to == tag_id:
            raise ValueError("Choose a different tag to move the annotations to.")
        store.tag(move_to)
    anns = store.annotations(tag_ids=[tag_id])
    stamp = now_iso()
    changes: list[Change] = []
    with store.db.atomic():
        if move_to is None:
            for ann in anns:
                _, change = store.remove_annotation(ann.id)
                changes.append(change)
        else:
            for ann in anns:
                _, change = store.update_annotation(replace(ann, tag_id=move_to, modified=stamp))
                changes.append(change)
        _, change = store.remove_tag(tag_id)
        changes.append(change)
    deletion = TagDeletion(tag=tag, removed=tuple(anns) if move_to is None else (),
                           moved=tuple(anns) if move_to is not None else (),
                           move_to=move_to, modified=stamp)
    return deletion, changes


def restore_tag(store: Store, deletion: TagDeletion) -> list[Change]:
    """Undo :func:`delete_tag` in one transaction: the tag comes back with its annotations."""
    changes: list[Change] = []
    with store.db.atomic():
        store.add_tag(deletion.tag)
        changes.append(Change("tags", ids=(deletion.tag.id,)))
        for ann in deletion.removed:
            changes.append(store.add_annotation(ann))
        for before in deletion.moved:
            try:
                current = store.annotation(before.id)
            except NotFound:
                continue  # deleted since; nothing to move back
            _, change = store.update_annotation(replace(current, tag_id=before.tag_id, modified=before.modified))
            changes.append(change)
    return changes


def reorder_tags(store: Store, ordered_ids: Sequence[str]) -> tuple[list[str], Change]:
    """Put the tags in ``ordered_ids`` order (ids not listed keep their order, after them).

    Returns the previous order (for undo) and the change.
    """
    tags = store.tags()
    by_id = {t.id: t for t in tags}
    unknown = [i for i in ordered_ids if i not in by_id]
    if unknown:
        raise NotFound(f"No tag with id {unknown[0]}.")
    previous = [t.id for t in tags]
    order = list(dict.fromkeys(ordered_ids)) + [t.id for t in tags if t.id not in set(ordered_ids)]
    with store.db.atomic():
        for pos, tag_id in enumerate(order):
            if by_id[tag_id].position != pos:
                store.db.execute("UPDATE tags SET position = ? WHERE id = ?", [pos, tag_id])
    return previous, Change("tags", ids=tuple(order))


def plan_import(store: Store, specs: Sequence[TagSpec]) -> list[Tag]:
    """The tag set after importing ``specs``: the file's tags first, in its order, then the
    project's other tags. A file tag with the name of a project tag (ignoring case) updates it
    (its id, hence its annotations, stay); hotkeys in the file win over the project's."""
    current = store.tags()
    by_name = {t.name.casefold(): t for t in current}
    file_hotkeys = {s.hotkey for s in specs if s.hotkey}
    result: list[Tag] = []
    taken: set[str] = set()
    for spec in specs:
        existing = by_name.get(spec.name.casefold())
        tag_id = existing.id if existing is not None else new_id()
        taken.add(tag_id)
        result.append(Tag(id=tag_id, name=spec.name, color=spec.color, description=spec.description,
                          hotkey=spec.hotkey, position=len(result)))
    for tag in current:
        if tag.id in taken:
            continue
        hotkey = "" if tag.hotkey in file_hotkeys else tag.hotkey
        result.append(replace(tag, hotkey=hotkey, position=len(result)))
    return result


def set_tags(store: Store, tags: Sequence[Tag]) -> tuple[list[Tag], list[Change]]:
    """Make the tag set exactly ``tags`` in one transaction; return the previous set.

    Tags absent from ``tags`` are removed and must be unused.

    Raises:
        ValueError: duplicate names or hotkeys, or removing a tag in use (nothing is changed).
    """
    names = [t.name.casefold() for t in tags]
    if len(set(names)) != len(names):
        raise ValueError("Two tags would have the same name.")
    hotkeys = [t.hotkey for t in tags if t.hotkey]
    if len(set(hotkeys)) != len(hotkeys):
        raise ValueError("Two tags would have the same hotkey.")
    before = store.tags()
    wanted = {t.id: t for t in tags}
    usage = tag_usage(store)
    for tag in before:
        if tag.id not in wanted and usage.get(tag.id):
            raise ValueError(f"The tag {tag.name!r} is used by {usage[tag.id]} annotations and cannot be removed.")
    with store.db.atomic():
        for tag in before:
            if tag.id not in wanted:
                store.remove_tag(tag.id)
        # Names are UNIQUE: park renamed tags under temporary names first so swaps cannot collide.
        existing = {t.id: t for t in before}
        for tag in tags:
            old = existing.get(tag.id)
            if old is not None and old.name != tag.name:
                store.db.execute("UPDATE tags SET name = ? WHERE id = ?", [f"\x00{tag.id}", tag.id])
        for tag in tags:
            if tag.id in existing:
                store.db.execute("UPDATE tags SET name = ?, color = ?, description = ?, hotkey = ?, position = ? "
                                 "WHERE id = ?", [tag.name, tag.color, tag.description, tag.hotkey,
                                                  tag.position, tag.id])
            else:
                store.add_tag(tag)
    return before, [Change("tags", ids=tuple(sorted(set(wanted) | {t.id for t in before})))]


def export_tagset(store: Store, path: str | Path, *, name: str = "") -> Path:
    """Write the project's tag set to a tag set file (see :mod:`rusus_desktop.corpus.tagset_io`)."""
    return dump_tagset(store.tags(), path, name=name, exported_at=now_iso())


def import_tagset(store: Store, path: str | Path) -> tuple[list[Tag], list[Tag]]:
    """Read, validate and apply a tag set file, all or nothing; return ``(before, after)``."""
    specs = load_tagset(path)
    after = plan_import(store, specs)
    before, _ = set_tags(store, after)
    return before, after


__all__ = ["PALETTE", "HOTKEYS", "TagSpec", "normalize_name", "TagDeletion", "delete_tag", "ensure_tag", "export_tagset", "find_tag",
           "import_tagset", "make_tag", "plan_import", "reorder_tags", "restore_tag", "set_tags", "tag_usage"]
