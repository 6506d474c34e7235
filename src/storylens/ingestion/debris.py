"""Debris rules: lines in scraped articles that are not article text.

Each rule looks at one line (Markdown already stripped) and returns a reason
when the line is debris. Rules are conservative: each requires a short line
and a pattern that ordinary article sentences do not have. The rule set is
registered under a versioned name (``"debris.rules.v2"``: v2 added pointers to a page
elsewhere, "For more information, visit …"); a changed set is a
new version.

Caption pairs (a caption line repeated as image alt text plus caption with an
agency credit) need two lines and are handled by :func:`find_repeated_captions`.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

RULESET = "debris.rules.v2"
MAX_DEBRIS_CHARS = 400  # every rule needs a short line; longer ones are article text
MAX_CAPTION_CHARS = 600  # photo captions are short; longer lines are never compared

_SOCIAL = (
    r"facebook|twitter|x|instagram|threads|linkedin|tiktok|youtube|telegram|bluesky|mastodon"
    r"|gab|parler|gettr|truth social|substack|rumble|whatsapp|reddit|pinterest|flipboard"
)
_FOLLOW = re.compile(
    rf"^follow\s+(?P<who>.{{2,80}}?)\s+on\s+(?P<nets>(?:(?:{_SOCIAL})(?:\s*(?:,|and|&|or)\s*)?)+)"
    r"(?:\s*(?:@\w+|at\s+\S+))?\s*[.!]?$",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^(?:related(?:\s+(?:article|articles|story|stories|coverage|content|posts?|reading|video))?"
    r"|read\s+(?:more|also|next|this)|see\s+also|also\s+read|more\s+on\s+this(?:\s+story)?"
    r"|further\s+reading|recommended(?:\s+for\s+you)?|you\s+may\s+also\s+like"
    r"|more\s+from\s+[\w\s]{1,30}|more\s+stories|most\s+read|trending(?:\s+now)?|watch"
    r"|(?:more|also)(?=\s*:))"
    r"\s*(?::|\||»|>>|–|—|-)(?:\s+.*)?$",
    re.IGNORECASE,
)
_RELATED_HEADER = re.compile(
    r"^(?:related(?:\s+(?:articles|stories|coverage|content|posts))?|read\s+more|more\s+stories"
    r"|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?|most\s+read|further\s+reading)\s*$",
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"(?:having\s+(?:any\s+)?(?:issues|trouble|problems|difficulties)\s+(?:with\s+)?comment"
    r"|comments?\s+(?:are|is|have\s+been|has\s+been)\s+(?:now\s+)?(?:closed|disabled|turned\s+off)"
    r"|commenting\s+(?:is|has\s+been)\s+(?:now\s+)?(?:closed|disabled|unavailable)"
    r"|^(?:leave|post|add|view|show|hide|load|read)\s+(?:a|the|all|\d+)?\s*comments?\b"
    r"|^join\s+the\s+(?:conversation|discussion)\b"
    r"|\bcomment(?:ing)?\s+(?:policy|guidelines|section)\b"
    r"|^(?:\d+\s+)?comments?\s*(?:\(\d+\))?$"
    r"|^be\s+the\s+first\s+to\s+comment\b)",
    re.IGNORECASE,
)
_SHARE_TOKENS = re.compile(
    r"^(?:(?:share|tweet|email|e-mail|print|copy\s+link|facebook|twitter|x|whatsapp|linkedin"
    r"|reddit|telegram|pinterest|flipboard|messenger|sms|pocket|comment|comments|save)"
    r"(?:\s+(?:this|on|via|by|the|article|story|page|link|post))*"
    r"\s*(?:\||/|·|•|,|-|–)?\s*)+$",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"^(?:share\s+(?:this\s+|the\s+)?(?:article|story|post|page|video|link)\b"
    r"|share\s+(?:this\s+\w+\s+)?(?:on|via)\s+(?:facebook|twitter|x|email|e-mail|whatsapp"
    r"|linkedin|reddit|telegram|messenger)\b|share\s*:"
    r"|click\s+(?:here\s+)?to\s+(?:share|subscribe|sign\s+up|follow)\b"
    r"|subscribe\s+(?:to|for|now|today|here)\b|subscribe\s*$"
    r"|sign\s+up\s+(?:for|to|here|now)\b.{0,80}\b(?:newsletter|updates|alerts|briefing|email)"
    r"|(?:get|download)\s+(?:the|our)\s+(?:free\s+)?app\b"
    r"|(?:get|receive)\s+(?:our|the)\s+.{0,40}newsletter\b"
    r"|(?:like\s+us\s+on|find\s+us\s+on)\s+(?:facebook|instagram)\b"
    # a pointer to a page elsewhere: "For more information, check out the statement."
    r"|for\s+(?:more\s+(?:information|details|info)|a\s+(?:full|partial|complete)\s+list\b"
    r"[^.]{0,80}?),?\s+(?:visit|see|go\s+to|check\s+out|click|read)\b.{0,80}$)",
    re.IGNORECASE,
)
_CREDIT_PREFIX = re.compile(
    r"^(?:photo(?:graph)?s?|image|images|picture|pictures|credit|photo\s+credit|image\s+credit"
    r"|illustration|video|file\s+photo)\s*(?::|by\b|–|—)\s*\S",
    re.IGNORECASE,
)
_CREDIT_AGENCY_SUFFIX = re.compile(
    r"(?:getty\s+images|shutterstock|ap\s+photo|alamy|epa-efe|reuters/\w+|afp/getty|\bvia\s+getty)"
    r"\s*\)?$",
    re.IGNORECASE,
)
_PAREN_CREDIT = re.compile(r"\s*[\(\[](?P<credit>[A-Z][\w.&'’ /-]{0,40})[\)\]]\s*[.]?\s*$")
_LOWER_OK = frozenset(
    {"of", "the", "for", "and", "de", "del", "la", "le", "van", "von", "der", "da", "du", "via",
     "y", "e", "al", "bin", "el", "in", "at", "on", "/", "&", "-", "|"}
)  # fmt: skip
_WORD = re.compile(r"[^\s/|]+")


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def is_name_like(segment: str) -> bool:
    """Every word capitalised (or a short connective): a name or agency, not a sentence."""
    words = _words(segment)
    if not words:
        return False
    if not words[0][:1].isupper() and not words[0][:1].isdigit():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _LOWER_OK for w in words)


def follow_target(line: str) -> str | None:
    """The person or outlet named by a "Follow X on Facebook and Twitter" line."""
    match = _FOLLOW.match(line.strip())
    if not match or len(_words(line)) > 20:
        return None
    who = match.group("who").strip()
    return None if who.lower() in {"us", "me", "them"} else who


def rule_follow(line: str) -> str | None:
    if _FOLLOW.match(line) and len(_words(line)) <= 20:
        return "social media follow line"
    return None


def rule_related(line: str) -> str | None:
    if len(_words(line)) > 30:
        return None
    if _RELATED.match(line) or _RELATED_HEADER.match(line):
        return "related-article link"
    return None


def rule_comments(line: str) -> str | None:
    if len(_words(line)) <= 30 and _COMMENTS.search(line):
        return "comment-system notice"
    return None


def rule_share(line: str) -> str | None:
    if len(_words(line)) > 25:
        return None
    if _SHARE.match(line) or (_SHARE_TOKENS.match(line) and len(_words(line)) <= 12):
        return "share/subscribe line"
    return None


def is_credit_line(line: str) -> bool:
    """A photo credit: "Jane Roe / AGENCY", "Photo: Jane Roe", "Agency/Government of X"."""
    line = line.strip()
    words = _words(line)
    if not words or len(words) > 12 or len(line) > 100 or "://" in line:
        return False
    if _CREDIT_PREFIX.match(line):
        return True
    if line[-1:] in ".!?:;," or '"' in line or "“" in line:
        return False
    if _CREDIT_AGENCY_SUFFIX.search(line) and len(words) <= 8:
        return True
    if "/" in line and not any(ch in line for ch in ",:*"):  # a list, not a credit
        parts = [p.strip() for p in line.split("/")]
        return 2 <= len(parts) <= 3 and all(p and is_name_like(p) for p in parts)
    return False


def rule_credit(line: str) -> str | None:
    return "photo credit" if is_credit_line(line) else None


# a press release's notice above its date ("For immediate release:" ¶ "July 13, 2009")
_RELEASE = re.compile(r"^for\s+immediate\s+release\s*:?$", re.IGNORECASE)


def rule_release(line: str) -> str | None:
    return "press-release notice" if _RELEASE.match(line) else None


LineRule = Callable[[str], "str | None"]

RULES: dict[str, LineRule] = {
    "follow": rule_follow,
    "related": rule_related,
    "comments": rule_comments,
    "share": rule_share,
    "credit": rule_credit,
    "release": rule_release,
}


def debris_reason(line: str) -> str | None:
    """Why ``line`` (Markdown already stripped) is debris, or None when it is kept."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_DEBRIS_CHARS:
        return None
    for rule in RULES.values():
        reason = rule(stripped)
        if reason:
            return reason
    return None


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans("‘’‚‛“”„‟′″", "''''\"\"\"\"'\""))
    return " ".join(text.split()).rstrip(" .").casefold()


def strip_paren_credit(line: str) -> tuple[str, str | None]:
    """Split a trailing "(AP)" style credit off a caption."""
    match = _PAREN_CREDIT.search(line)
    if not match:
        return line, None
    return line[: match.start()], match.group("credit")


@dataclass(frozen=True, slots=True)
class CaptionPair:
    """Indices of a caption and its repeat (alt text followed by caption with credit)."""

    first: int
    second: int
    credited: bool


def find_repeated_captions(lines: Sequence[str], *, min_len: int = 20) -> list[CaptionPair]:
    """Adjacent non-empty lines that say the same thing, the second often with "(AP)" appended.

    ``lines`` are Markdown-stripped lines; blank lines between the pair are allowed.
    """
    pairs: list[CaptionPair] = []
    content = [i for i, line in enumerate(lines) if line.strip()]
    used: set[int] = set()
    for a, b in itertools.pairwise(content):
        if a in used:
            continue
        first, second = lines[a].strip(), lines[b].strip()
        if len(first) > MAX_CAPTION_CHARS or len(second) > MAX_CAPTION_CHARS:
            continue
        base, credit = strip_paren_credit(second)
        base_first, _ = strip_paren_credit(first)
        na, nb = _norm(base_first), _norm(base)
        if len(na) < min_len or len(nb) < min_len:
            continue
        if na == nb or fuzz.ratio(na, nb) >= 95:
            pairs.append(CaptionPair(a, b, credit is not None))
            used.update((a, b))
    return pairs
