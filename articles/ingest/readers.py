"""Readers turn paths, standard input and feeds into a stream of incoming articles.

A reader never stops on bad input: it yields a `Failure` naming the input and the
reason, and goes on. Nothing here touches the database.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from articles.ingest.errors import IngestError, size_text

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html"}
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
JSON_FIELDS = ("title", "body", "published", "source", "author", "url")


@dataclass
class Given:
    """Metadata supplied with an article (options, JSON fields, feed entries): it wins over the text."""

    title: str = ""
    published: str = ""
    source: str = ""
    author: str = ""
    url: str = ""


@dataclass
class Incoming:
    origin: str  # file name (without folders) or URL
    raw: bytes  # exactly as received
    format: str  # "txt" | "html" | "json"
    given: Given = field(default_factory=Given)
    line: int | None = None  # line number inside a JSON-lines file
    label: str = ""  # how errors name it: the path as given, with the line

    def __post_init__(self) -> None:
        self.label = self.label or self.origin


@dataclass
class Failure:
    label: str
    reason: str


@dataclass
class Skipped:
    """An input deliberately not read again (a feed page already in the archive)."""

    label: str
    reason: str


Item = Incoming | Failure | Skipped

BATCH = 16  # items written in one transaction: enough to share its statements, few to lose on a crash
BATCH_BYTES = 4 * 1_048_576  # a batch of large pages closes early, to bound memory


def batches(items: Iterable[Item], size: int = BATCH, max_bytes: int = BATCH_BYTES) -> Iterator[list[Item]]:
    """Consecutive items in lists of `size`, or fewer when their raw bytes reach `max_bytes`."""
    batch: list[Item] = []
    total = 0
    for item in items:
        batch.append(item)
        total += len(getattr(item, "raw", b""))
        if len(batch) == size or total >= max_bytes:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


def read_paths(paths: Iterable[str], given: Given, max_bytes: int) -> Iterator[Item]:
    for path_text in paths:
        if path_text == "-":
            yield from _read_stdin(given, max_bytes)
            continue
        path = Path(path_text)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and _suffix(p) in TEXT_SUFFIXES.keys() | JSON_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            for file in files:
                yield from read_file(file, given, max_bytes)
        elif path.exists():
            yield from read_file(path, given, max_bytes)
        else:
            yield Failure(path_text, "no such file or folder")


def read_file(path: Path, given: Given, max_bytes: int) -> Iterator[Item]:
    suffix = _suffix(path)
    if suffix in JSON_SUFFIXES:
        yield from _read_json_file(path, max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Failure(str(path), f"file too large ({size_text(size)} > {size_text(max_bytes)} limit)")
            return
        raw = path.read_bytes()
    except OSError as error:
        yield Failure(str(path), f"unreadable ({error.strerror or error})")
        return
    origin = given.url or path.name
    yield Incoming(origin, raw, TEXT_SUFFIXES.get(suffix) or _sniff(raw), given, label=str(path))


def read_json_lines(lines: Iterable[bytes], origin: str, label: str, max_bytes: int) -> Iterator[Item]:
    """One article per JSON object, one object per line; blank lines are skipped."""
    for number, line in enumerate(lines, start=1):
        where = f"{label} line {number}"
        line = line.rstrip(b"\r\n")
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield Failure(where, f"line too large ({size_text(len(line))} > {size_text(max_bytes)} limit)")
            continue
        try:
            yield incoming_from_json(json.loads(line), line, origin, number, where)
        except (ValueError, IngestError) as error:
            yield Failure(where, _json_reason(error))


def incoming_from_json(obj: object, raw: bytes, origin: str, line: int | None, label: str) -> Incoming:
    if not isinstance(obj, dict):
        raise IngestError(f"expected a JSON object, got {type(obj).__name__}")
    values = {}
    for name in JSON_FIELDS:
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise IngestError(f"field {name!r} must be a string")
        values[name] = (value or "").strip() if name != "body" else value or ""
    if not values["body"].strip():
        raise IngestError("field 'body' is missing or empty")
    given = Given(**{k: v for k, v in values.items() if k != "body"})
    return Incoming(given.url or origin, raw, "json", given, line=line, label=label)


def _read_json_file(path: Path, max_bytes: int) -> Iterator[Item]:
    try:
        with path.open("rb") as handle:
            first = handle.read(1024).lstrip()
            handle.seek(0)
            if first.startswith(b"["):
                yield from _read_json_array(handle.read(), path, max_bytes)
            else:
                yield from read_json_lines(handle, path.name, str(path), max_bytes)
    except OSError as error:
        yield Failure(str(path), f"unreadable ({error.strerror or error})")


def _read_json_array(data: bytes, path: Path, max_bytes: int) -> Iterator[Item]:
    if len(data) > max_bytes:
        yield Failure(str(path), f"file too large for a JSON array ({size_text(len(data))}); use JSON lines")
        return
    try:
        objects = json.loads(data)
    except ValueError as error:
        yield Failure(str(path), _json_reason(error))
        return
    for number, obj in enumerate(objects, start=1):
        where = f"{path} item {number}"
        raw = json.dumps(obj, ensure_ascii=False).encode()
        try:
            yield incoming_from_json(obj, raw, path.name, number, where)
        except IngestError as error:
            yield Failure(where, str(error))


def _read_stdin(given: Given, max_bytes: int) -> Iterator[Item]:
    raw = sys.stdin.buffer.read(max_bytes + 1)
    if len(raw) > max_bytes:
        yield Failure("<stdin>", f"input too large (> {size_text(max_bytes)} limit)")
        return
    kind = _sniff(raw)
    if kind == "json":
        yield from read_json_lines(raw.splitlines(), given.url or "stdin", "<stdin>", max_bytes)
    else:
        yield Incoming(given.url or "stdin", raw, kind, given, label="<stdin>")


def read_feed(
    feed_ref: str,
    fetch: Callable[[str], bytes],
    already_ingested: Callable[[str], bool],
) -> Iterator[Item]:
    """Each entry of an RSS/Atom feed becomes its linked page, fetched unless already ingested."""
    import feedparser

    try:
        document = (
            fetch(feed_ref) if feed_ref.startswith(("http://", "https://")) else Path(feed_ref).read_bytes()
        )
    except (OSError, IngestError) as error:
        yield Failure(feed_ref, f"feed unreadable ({error})")
        return
    feed = feedparser.parse(document)
    if feed.bozo and not feed.entries:
        yield Failure(feed_ref, f"not an RSS or Atom feed ({feed.get('bozo_exception', 'parse error')})")
        return
    outlet = feed.feed.get("title", "")
    for entry in feed.entries:
        link = entry.get("link", "")
        if not link.startswith(("http://", "https://")):
            yield Failure(f"{feed_ref} entry {entry.get('title', '?')!r}", "entry has no http(s) link")
            continue
        if already_ingested(link):
            yield Skipped(link, "already ingested, not fetched again")
            continue
        try:
            page = fetch(link)
        except (OSError, IngestError) as error:
            yield Failure(link, f"fetch failed ({error})")
            continue
        given = Given(
            title=entry.get("title", ""),
            published=entry.get("published", "") or entry.get("updated", ""),
            source=outlet,
            author=entry.get("author", ""),
            url=link,
        )
        yield Incoming(link, page, "html", given)


def _sniff(raw: bytes) -> str:
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        return "html"
    if head.startswith(b"{"):
        return "json"
    return "txt"


def _suffix(path: Path) -> str:
    return path.suffix.lower()


def _json_reason(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"malformed JSON ({error.msg.removesuffix(' at')} at column {error.colno})"
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 JSON"
    return str(error)
