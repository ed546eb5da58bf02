"""Text files: how their bytes decode, and what of Markdown is only mark-up.

>>> decode("Kế hoạch".encode("utf-16"))
'Kế hoạch'
>>> markdown_text("## I. NHIỆM VỤ\\n* **Sở Tư pháp** chủ trì [rà soát](http://x.vn) văn bản.")
'I. NHIỆM VỤ\\n- Sở Tư pháp chủ trì rà soát văn bản.'
"""

from __future__ import annotations

import re

from ...errors import InputError

__all__ = ["decode", "markdown_text"]


def decode(data: bytes) -> str:
    """UTF-8 (a byte-order mark dropped) or UTF-16 with its byte-order mark; else one line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("not UTF-16 text, although it starts with a UTF-16 byte-order mark") from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
            " (Word: 'Plain Text', encoding Unicode UTF-8)"
        ) from None


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_STAR_BULLET = re.compile(r"^(\s*)[*•]\s+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
_FENCE = re.compile(r"^\s*(```|~~~)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def markdown_text(text: str) -> str:
    """A Markdown plan as plain text: headings, emphasis, links, quotes and code marks go;
    "*" bullets become "-"; pipe tables stay as they are (the reader reads them as tables)."""
    text = _COMMENT.sub("", text)
    out = []
    fenced = False
    for line in text.replace("\r\n", "\n").split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced and not line.lstrip().startswith("|"):
            line = _QUOTE.sub("", line)
            heading = _HEADING.match(line)
            if heading:
                line = heading.group(1)
            line = _STAR_BULLET.sub(r"\1- ", line)
            line = _IMAGE.sub(r"\1", line)
            line = _LINK.sub(r"\1", line)
            line = _STRONG.sub(r"\2", line)
            line = _EMPHASIS.sub(r"\1", line)
            line = _CODE.sub(r"\1", line)
        out.append(line)
    return "\n".join(out)
