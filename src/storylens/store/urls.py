"""Canonical URLs: the same page reached by different links gets one key."""

from __future__ import annotations

from courlan import clean_url, normalize_url

MAX_URL_KEY = 2048


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, tracking parameters and fragments removed.

    Returns ``None`` for missing or non-HTTP(S) URLs (file paths, ``urn:``), which
    then do not take part in URL de-duplication.
    """
    if not url:
        return None
    raw = url.strip()
    if not raw.lower().startswith(("http://", "https://")):
        return None
    try:
        cleaned = clean_url(raw) or raw
        key = normalize_url(cleaned, strict=True)
    except (ValueError, TypeError):
        key = raw
    key = key.split("#", 1)[0]
    if len(key) > MAX_URL_KEY:
        return None
    return key
