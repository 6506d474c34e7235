"""The storylens exception tree.

    StorylensError                 base: catch this to handle every storylens failure
    ├── InputError                 an input cannot be turned into an article (names it and why)
    │   ├── EmptyInput             nothing but whitespace
    │   ├── BinaryInput            not text (images, archives, executables)
    │   ├── DecodeError            bytes that decode in no known charset
    │   ├── TooLarge               over the configured size cap
    │   ├── NoArticle              a page with no extractable article body
    │   └── BadRecord              a malformed JSON Lines record or sidecar file
    ├── FetchError                 a URL could not be fetched (unreachable, HTTP error, timeout)
    │   └── BlockedAddress         the URL resolves to a private/loopback/link-local address
    ├── ModelError                 a required model package is missing or broken
    ├── StoreError                 the store could not be opened or written
    └── ConfigError                an option or data file is invalid

Each message says what was wrong and, where there is one, what to do about it.
"""

from __future__ import annotations


class StorylensError(Exception):
    """Base class of every error storylens raises on purpose."""


class InputError(StorylensError):
    """An input could not be turned into an article."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class EmptyInput(InputError):
    """The input holds no text."""


class BinaryInput(InputError):
    """The input is binary data, not text."""


class DecodeError(InputError):
    """The input's bytes decode in no known charset."""


class TooLarge(InputError):
    """The input is over the configured size cap."""


class NoArticle(InputError):
    """No article body could be extracted."""


class BadRecord(InputError):
    """A malformed JSON Lines record or sidecar file."""


class FetchError(InputError):
    """A URL could not be fetched."""


class BlockedAddress(FetchError):
    """The URL points at a private, loopback, link-local or metadata address."""


class ModelError(StorylensError):
    """A model package is missing or cannot be loaded."""


class StoreError(StorylensError):
    """The store could not be opened, read or written."""


class ConfigError(StorylensError):
    """An option value or a data file is invalid."""
