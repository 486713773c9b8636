"""Judge free-text answers: answered, explained, substantial, and phrase matching.

All comparisons work on NFC-normalised text, so a macron typed as a combining character
compares equal to the precomposed one.
"""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Compared case-insensitively against the whole trimmed answer.
PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "tbc",
        "tbd",
        "todo",
        "n/a",
        "na",
        "-",
        "?",
        "unknown",
        "to be confirmed",
        "to be decided",
    }
)

JUST_IN_CASE_PHRASES: tuple[str, ...] = (
    "just in case",
    "in case it",
    "in case we",
    "might be useful",
    "may be useful",
    "could be useful",
    "might come in handy",
    "nice to have",
    "for completeness",
    "for future use",
    "may need it",
    "might need it",
    "just-in-case",
    "nice-to-have",
)

FUTURE_PROOFING_PHRASES: tuple[str, ...] = (
    "any future purpose",
    "future purposes",
    "any other purpose",
    "any purpose",
    "other purposes as required",
    "from time to time",
    "as may be required",
    "including but not limited to",
    "future-proof",
    "future proof",
    "future-proofing",
    "future proofing",
    "such other purposes",
)

# Retention that never ends (KT-01), matched like the phrase lists.
LIMITLESS_RETENTION_WORDS: tuple[str, ...] = (
    "indefinite",
    "indefinitely",
    "forever",
    "permanently",
    "no limit",
)

# A longer answer cannot be a placeholder, so most answers skip the comparison.
_PLACEHOLDER_MAX_LEN = max(len(p) for p in PLACEHOLDERS)

EXPLAINED_MIN_WORDS = 3
SUBSTANTIAL_MIN_WORDS = 20


def nfc(text: str) -> str:
    """Return text in Unicode normal form C."""
    # ASCII is already NFC; skipping it keeps the common case cheap.
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)


def word_count(text: str | None) -> int:
    """Count the runs of characters between white space."""
    return len(text.split()) if text else 0


def answered(text: str | None) -> bool:
    """Say whether text is more than white space or a placeholder such as "TBC"."""
    if not text:
        return False
    trimmed = text.strip()
    if len(trimmed) > _PLACEHOLDER_MAX_LEN:
        return True
    return bool(trimmed) and nfc(trimmed).casefold() not in PLACEHOLDERS


def explained(text: str | None) -> bool:
    """Say whether text is answered and at least 3 words long."""
    return answered(text) and word_count(text) >= EXPLAINED_MIN_WORDS


def substantial(text: str | None) -> bool:
    """Say whether text is answered and at least 20 words long."""
    return answered(text) and word_count(text) >= SUBSTANTIAL_MIN_WORDS


class _PhraseMatcher:
    """Match a fixed list of phrases at word boundaries, case-insensitively."""

    __slots__ = ("_any", "_each")

    def __init__(self, phrases: tuple[str, ...]) -> None:
        patterns = [_phrase_pattern(p) for p in phrases]
        # One pass over the text answers the common question "is there any?"; the
        # per-phrase patterns only run when there is, to report every phrase found
        # (an alternation alone would miss phrases that overlap one another).
        self._any = re.compile("|".join(patterns), re.IGNORECASE)
        self._each = tuple(
            (phrase, re.compile(pattern, re.IGNORECASE))
            for phrase, pattern in zip(phrases, patterns, strict=True)
        )

    def find(self, text: str) -> list[str]:
        if not text or self._any.search(text) is None:
            return []
        hits = []
        for phrase, pattern in self._each:
            match = pattern.search(text)
            if match is not None:
                hits.append((match.start(), phrase))
        hits.sort()
        return [phrase for _, phrase in hits]


def _phrase_pattern(phrase: str) -> str:
    # A line break or double space inside a phrase is still the phrase: words are
    # separated by any run of white space, as in the definition of a word.
    words = nfc(phrase).split()
    return r"\b" + r"\s+".join(re.escape(word) for word in words) + r"\b"


@lru_cache(maxsize=64)
def _matcher(phrases: tuple[str, ...]) -> _PhraseMatcher:
    return _PhraseMatcher(phrases)


def find_phrases(text: str | None, phrases: Iterable[str]) -> list[str]:
    """Return the phrases that text contains, in the order they first appear.

    Each phrase must start and end at a word boundary, so "many purposes" does not
    contain "any purpose". Matching ignores case and Unicode normal form.
    """
    if not text:
        return []
    key = phrases if isinstance(phrases, tuple) else tuple(phrases)
    return _matcher(key).find(nfc(text))


# Compile the ruleset's own lists now rather than on the first assessment scored.
_matcher(JUST_IN_CASE_PHRASES)
_matcher(FUTURE_PROOFING_PHRASES)
_matcher(LIMITLESS_RETENTION_WORDS)
