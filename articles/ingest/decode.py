"""Bytes as received → text, or a named reason why they are not an article's text."""

from __future__ import annotations

import codecs
import re

from articles.ingest.errors import IngestError

# Magic numbers of files that scrapers and folders commonly hold by mistake.
_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_LETTER = re.compile(r"[^\W\d_]")


def decode(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Return (text, encoding name). Try UTF-8, UTF-16 with a BOM, a declared HTML
    charset, then Windows-1256 (still common on older Arabic sites)."""
    if not data.strip():
        raise IngestError("empty file")
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            raise IngestError(f"binary file ({kind})")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data, "utf-16")
    if b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes)")
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data, "utf-8-sig")
    try:
        return _checked(data, "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(data[:4096]) if html else None
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            return _checked(data, codecs.lookup(name).name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        text, encoding = _checked(data, "cp1256")
    except UnicodeDecodeError:
        text = ""
    if text and _mostly_arabic(text):
        return text, encoding
    raise IngestError("not text in a known encoding (tried UTF-8, UTF-16, Windows-1256)")


def _checked(data: bytes, encoding: str) -> tuple[str, str]:
    text = data.decode(encoding)
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise IngestError("binary file (control characters in the text)")
    return text, encoding


def _mostly_arabic(text: str) -> bool:
    """Windows-1256 decodes almost any bytes; accept it only when it yields Arabic."""
    letters = len(_LETTER.findall(text))
    return letters > 0 and len(_ARABIC_LETTER.findall(text)) / letters >= 0.5
