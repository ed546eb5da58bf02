"""Plans as they are published: the text the reader reads, from any file a user has.

Every format becomes the same thing: plan text, one block a line (a heading, a paragraph, a
list item with the marker it shows, a table row as ``| cell | cell |``), NFC, LF line ends.
The forms and the resolver read that text and never care where it came from; each task's
offsets point into it, and ``orggraph build --text-out FILE`` writes it.

The format is told by the file's content, not only its name:

=================  ===============================================================
``%PDF-``          PDF with a text layer (:mod:`.pdf`, needs ``orggraph[pdf]``)
ZIP with Word XML  .docx (:mod:`.docx`, needs ``orggraph[docx]``)
``<html``, …       a saved web page (:mod:`.html`, the standard library's parser)
anything else      text: UTF-8 (with or without BOM), UTF-16 with BOM; .md files
                   lose their Markdown marks (:mod:`.plain`)
=================  ===============================================================

An old Word .doc, an OpenDocument text, RTF, an image, another ZIP: one line that names the
format and what to save it as.

>>> sniff(b"%PDF-1.7 ...", ".pdf"), sniff(b"<!DOCTYPE html><html>", ".txt"), sniff(b"I- ...", ".txt")
('pdf', 'html', 'text')
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ...errors import InputError
from ...text import drop_controls, nfc

__all__ = ["FORMATS", "SUFFIXES", "read_source", "sniff", "text_from_bytes"]

FORMATS = ("text", "markdown", "html", "docx", "pdf")
# Files a folder of plans is read for.
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")

MAX_BYTES = 200_000_000  # a plan, even a scanned-and-OCRed PDF, is far smaller
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REFUSED = {
    "doc": "an old Word .doc file: open it in Word or LibreOffice and save it as .docx (or .pdf)",
    "odt": "an OpenDocument text (.odt): save it as .docx (or .pdf) first",
    "rtf": "an RTF file: save it as .docx (or plain text) first",
    "zip": "a ZIP archive that is not a Word .docx: unpack it and give the plan file inside",
    "image": "an image, not a text: a scanned page needs OCR (for instance ocrmypdf or tesseract) first",
}


def sniff(data: bytes, suffix: str) -> str:
    """The format of a file's bytes: "pdf", "docx", "html", "markdown" or "text"; an
    :class:`InputError` (one line) for formats orggraph does not read."""
    head = data[:2048]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            if suffix == ".docx":
                raise InputError("a damaged .docx (its ZIP container cannot be read)") from None
            raise InputError(_REFUSED["zip"]) from None
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names and "mimetype" in names:
            raise InputError(_REFUSED["odt"])
        raise InputError(_REFUSED["zip"])
    if head.startswith(_OLE):
        raise InputError(_REFUSED["doc"])
    if head.startswith(b"{\\rtf"):
        raise InputError(_REFUSED["rtf"])
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise InputError(_REFUSED["image"])
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (
        suffix in (".html", ".htm")
        or lowered.startswith((b"<!doctype html", b"<html"))
        or (lowered.startswith(b"<?xml") and b"<html" in head.lower())
    ):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "text"


def text_from_bytes(data: bytes, suffix: str = ".txt") -> str:
    """The plan text in a file's bytes, as the reader reads it (NFC, LF line ends)."""
    kind = sniff(data, suffix.lower())
    if kind == "pdf":
        from .pdf import pdf_text

        text = pdf_text(data)
    elif kind == "docx":
        from .docx import docx_text

        text = docx_text(data)
    elif kind == "html":
        from .html import html_text
        from .plain import decode

        text = html_text(decode(data))
    else:
        from .plain import decode, markdown_text

        text = decode(data)
        if kind == "markdown":
            text = markdown_text(text)
    # Control characters (a NUL, an escape) are not text: they go, and CR-only lines end too.
    return nfc(drop_controls(text.replace("\r\n", "\n").replace("\r", "\n")))


def read_source(path: Path) -> str:
    """Read a plan file of any supported format, with one-line errors naming the file."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a plan text")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file (a pipe or a device); save the plan to a file")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(f"{path}: {path.stat().st_size:,} bytes; a plan file is at most {MAX_BYTES:,}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        return text_from_bytes(data, path.suffix)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
