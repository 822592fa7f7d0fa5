"""The hierarchy of a CASE package: its items, rebuilt into a tree from ``isChildOf`` associations.

Duplicate and unnamed items, links outside the package, items with several parents and loops are
all handled here, and each is said in the importer's notes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ctoprep.core.problems import ContentError, Problem
from ctoprep.formats.case_import.reading import (
    _dict,
    _extension,
    _list,
    _number,
    _short_title,
    _str,
    parse_bullets,
    plain_title,
)
from ctoprep.formats.common import MAX_TEXT, MAX_TITLE, clean_text, shorten

_ROOT = "\0document"


@dataclass
class _Node:
    key: str
    order: int
    item: dict[str, Any]
    parent: str | None = None
    sequence: float | None = None
    association_order: int = 0
    placed: bool = False
    """An isChildOf association in this package placed it (under the document or an item)."""
    children: list[str] = field(default_factory=list)
    height: int = 0

    @property
    def extension(self) -> dict[str, Any]:
        return _extension(self.item)

    @property
    def code(self) -> str:
        return clean_text(self.item.get("humanCodingScheme"), single_line=True, nfc=True)

    @property
    def item_type(self) -> str:
        kind = clean_text(self.item.get("CFItemType"), single_line=True)
        return kind or clean_text(_dict(self.item.get("CFItemTypeURI")).get("title"), single_line=True)

    def title(self) -> str:
        abbreviated = plain_title(clean_text(self.item.get("abbreviatedStatement"), nfc=True))
        if abbreviated:
            return shorten(abbreviated, MAX_TITLE)
        full = clean_text(self.item.get("fullStatement"), nfc=True)
        if full:
            return shorten(_short_title(full), MAX_TITLE)
        return shorten(self.code, MAX_TITLE) or "Untitled item"

    def description(self, notes: list[str]) -> str:
        full = clean_text(self.item.get("fullStatement"), nfc=True)
        if plain_title(full) == self.title():
            full = ""
        extra = clean_text(self.item.get("notes"), nfc=True)
        if extra and not self.extension and parse_bullets(extra) is None:
            full = f"{full}\n\nNotes: {extra}" if full else f"Notes: {extra}"
        if len(full) > MAX_TEXT:
            notes.append(f"the statement of {self.label()} was shortened to {MAX_TEXT} characters")
        return shorten(full, MAX_TEXT)

    def label(self) -> str:
        code = self.code
        return f"'{shorten(self.title(), 60)}'" + (f" ({shorten(code, 30)})" if code else "")


class _Importer:
    def __init__(self, package: dict[str, Any], shown: str) -> None:
        self.shown = shown
        self.notes: list[str] = []
        self.document = _dict(package.get("CFDocument"))
        self.doc_id = _str(self.document, "identifier")
        self.doc_uri = _str(self.document, "uri")
        self.nodes: dict[str, _Node] = {}
        self.by_uri: dict[str, str] = {}
        self.package = package

    def error(self, message: str, hint: str = "") -> ContentError:
        return ContentError([Problem(self.shown, message, hint=hint)])

    # items and associations -----------------------------------------------------------------
    def read_items(self) -> None:
        raw_items = self.package.get("CFItems")
        if raw_items is not None and not isinstance(raw_items, list):
            raise self.error("CFItems is not a list", "a CASE package lists its items in CFItems: [...]")
        skipped = duplicates = unnamed = 0
        for order, raw in enumerate(_list(raw_items)):
            if not isinstance(raw, dict):
                skipped += 1
                continue
            key = _str(raw, "identifier").strip()
            if not key:
                unnamed += 1
                key = f"\0item-{order}"
            if key in self.nodes:
                duplicates += 1
                continue
            self.nodes[key] = _Node(key, order, raw)
            uri = _str(raw, "uri")
            if uri:
                self.by_uri.setdefault(uri, key)
        if skipped:
            self.notes.append(f"{skipped} entries of CFItems are not objects and were skipped")
        if duplicates:
            self.notes.append(f"{duplicates} CFItems repeat an identifier already used; the first of each was kept")
        if unnamed:
            self.notes.append(f"{unnamed} CFItems have no identifier; they were kept but nothing can refer to them")
        if not self.nodes:
            raise self.error("the package has no CFItems: there is nothing to import")

    def resolve(self, ref: Any, identifier: Any = None) -> str | None:
        """The node key a link points at, ``_ROOT`` for this document, ``None`` for anything else."""
        candidates: list[tuple[str, str]] = []
        if isinstance(ref, dict):
            candidates += [("id", _str(ref, "identifier")), ("uri", _str(ref, "uri"))]
        elif isinstance(ref, str):
            candidates += [("uri", ref), ("id", ref)]
        if isinstance(identifier, str):
            candidates.append(("id", identifier))
        for kind, value in candidates:
            if not value:
                continue
            if kind == "id" and value in self.nodes:
                return value
            if kind == "uri" and value in self.by_uri:
                return self.by_uri[value]
            if value in (self.doc_id, self.doc_uri):
                return _ROOT
        return None

    def read_associations(self) -> None:
        raw = self.package.get("CFAssociations")
        other_types: Counter[str] = Counter()
        outside_origin = outside_parent = self_links = 0
        candidates: dict[str, list[tuple[str, float | None, int]]] = {}
        for order, assoc in enumerate(_list(raw)):
            if not isinstance(assoc, dict):
                continue
            kind = _str(assoc, "associationType")
            if kind.casefold() != "ischildof":
                other_types[clean_text(kind, single_line=True)[:40] or "(no type)"] += 1
                continue
            child = self.resolve(assoc.get("originNodeURI"), assoc.get("originNodeIdentifier"))
            parent = self.resolve(assoc.get("destinationNodeURI"), assoc.get("destinationNodeIdentifier"))
            if child is None or child == _ROOT:
                outside_origin += 1
                continue
            if parent is None:
                outside_parent += 1
                continue
            if parent == child:
                self_links += 1
                continue
            candidates.setdefault(child, []).append((parent, _number(assoc.get("sequenceNumber")), order))
        if other_types:
            listed = ", ".join(f"{n} {kind!r}" for kind, n in other_types.most_common())
            self.notes.append(
                f"associations other than isChildOf are not mapped (ctoprep keeps only the tree): {listed}"
            )
        if outside_origin:
            self.notes.append(f"{outside_origin} isChildOf associations start outside this package and were ignored")
        if outside_parent:
            self.notes.append(
                f"{outside_parent} isChildOf associations point to a parent in another document; "
                "those items were kept under their parent here, if any, else at the top"
            )
        if self_links:
            self.notes.append(f"{self_links} isChildOf associations link an item to itself and were ignored")
        several = 0
        for child, options in candidates.items():
            in_items = [o for o in options if o[0] != _ROOT]
            chosen = (in_items or options)[0]
            if len({o[0] for o in in_items}) > 1:
                several += 1
            node = self.nodes[child]
            node.parent = None if chosen[0] == _ROOT else chosen[0]
            node.sequence = chosen[1]
            node.association_order = chosen[2]
            node.placed = True
        if several:
            self.notes.append(f"{several} items have more than one parent; each was placed under the first one")
        self.break_cycles()
        for node in self.nodes.values():
            if node.parent is not None:
                self.nodes[node.parent].children.append(node.key)
        for node in self.nodes.values():
            node.children.sort(key=self.sort_key)
        if not candidates and len(self.nodes) > 1:
            self.notes.append("the package has no isChildOf associations: its items were read as one flat list")

    def sort_key(self, key: str) -> tuple[bool, float, int, int]:
        node = self.nodes[key]
        seq = node.sequence
        return (seq is None, seq if seq is not None else 0.0, node.association_order, node.order)

    def break_cycles(self) -> None:
        state: dict[str, int] = {}
        broken = 0
        for start in self.nodes:
            path: list[str] = []
            on_path: set[str] = set()
            key: str | None = start
            while key is not None and state.get(key, 0) == 0 and key not in on_path:
                path.append(key)
                on_path.add(key)
                key = self.nodes[key].parent
            if key is not None and key in on_path:
                self.nodes[key].parent = None  # the loop is cut where the walk came back round
                broken += 1
            for visited in path:
                state[visited] = 2
        if broken:
            self.notes.append(f"{broken} loops of isChildOf were cut; an item of each loop was put at the top")

    def compute_heights(self) -> None:
        for root in (n for n in self.nodes.values() if n.parent is None):
            stack: list[tuple[str, bool]] = [(root.key, False)]
            while stack:
                key, done = stack.pop()
                node = self.nodes[key]
                if done:
                    node.height = 1 + max((self.nodes[c].height for c in node.children), default=-1)
                    continue
                stack.append((key, True))
                stack.extend((c, False) for c in node.children)

    def roots(self) -> list[str]:
        tops = [n.key for n in self.nodes.values() if n.parent is None]
        tops.sort(key=self.sort_key)
        unplaced = sum(1 for k in tops if not self.nodes[k].placed)
        if unplaced and len(tops) > unplaced:
            self.notes.append(f"{unplaced} items had no parent in this package and were placed at the top")
        return tops

    def leaves(self, key: str) -> list[tuple[str, list[str]]]:
        """Every leaf under ``key`` in order, with the titles of the items in between."""
        out: list[tuple[str, list[str]]] = []
        stack: list[tuple[str, list[str]]] = [(c, []) for c in reversed(self.nodes[key].children)]
        while stack:
            child, trail = stack.pop()
            node = self.nodes[child]
            if not node.children:
                out.append((child, trail))
                continue
            inner = [*trail, node.title()]
            stack.extend((c, inner) for c in reversed(node.children))
        return out
