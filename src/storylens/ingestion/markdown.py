"""Markdown markup to plain text, one line at a time (links keep their text)."""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[([^\[\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\[\]]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]+|mailto:[^\s<>]+)>")
_BOLD = re.compile(r"\*\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*\*|__(?=[^\s_])([^_]+?)(?<=[^\s_])__")
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])")
_ITALIC_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?![\w_])")
_CODE = re.compile(r"`([^`]+)`")
_HEADING = re.compile(r" {0,3}#{1,6}(?: |$)")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(?=\S)")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")

_SPACES = re.compile(r"(?<=\S)  +")


def is_markup_only(line: str) -> bool:
    """A horizontal rule or link reference definition: markup with no article text."""
    return bool(_RULE.match(line) or _REF_DEF.match(line))


def heading_text(line: str) -> str | None:
    """The text of an ATX heading line (``# Title``), else None."""
    match = _HEADING.match(line)
    if not match:
        return None
    text = line[match.end() :].strip()
    if text.endswith("#"):  # optional closing sequence: "# Title ##"
        bare = text.rstrip("#")
        if not bare or bare[-1].isspace():
            text = bare.rstrip()
    return text


def images(line: str) -> list[str]:
    """The image references (``![alt](src)``) in ``line``."""
    return [m.group(0) for m in _IMAGE.finditer(line)]


def strip_markdown(line: str) -> str:
    """``line`` with Markdown inline and block markup removed, text kept.

    Every pattern scans only up to the next delimiter of its kind, so hostile lines
    (thousands of unmatched ``**`` or ``[``) cost linear time.
    """
    line = _SPACES.sub(" ", line.replace("\t", " "))
    line = _IMAGE.sub("", line)
    heading = heading_text(line)
    if heading is not None:
        line = heading
    line = _QUOTE.sub("", line)
    line = _BULLET.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _CODE.sub(r"\1", line)
    for _ in range(2):  # nested emphasis: ***x*** or **_x_**
        line = _BOLD.sub(lambda m: m.group(1) or m.group(2), line)
        line = _ITALIC_STAR.sub(r"\1", line)
        line = _ITALIC_UNDER.sub(r"\1", line)
    line = _TAG.sub("", line)
    line = _ESCAPE.sub(r"\1", line)
    return " ".join(line.split())
