"""Mark te reo Māori words with lang="mi" so that screen readers pronounce them properly."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Longest first, so "He Tāngata" is marked as one phrase rather than "tāngata" alone.
WORDS = sorted(
    [
        "He Tāngata",
        "Manaakitanga",
        "Mana Whakahaere",
        "Kaitiakitanga",
        "Mahitahitanga",
        "tāngata",
        "Māori",
        "whānau",
        "iwi",
        "hapū",
        "kaitiaki",
        "mana",
        "Kia ora",
        "Ōtautahi",
        "Tai Tokerau",
        "Aotearoa",
        "Waitaha",
        "te reo Māori",
        "tangata whenua",
        "kaumātua",
        "rangatahi",
        "tamariki",
        "mokopuna",
        "whakapapa",
        "kaupapa",
        "tikanga",
        "marae",
        "rōpū",
        "hui",
    ],
    key=len,
    reverse=True,
)
_PATTERN = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in WORDS) + r")(?!\w)", re.I)


def mark_te_reo(text: object) -> SafeString:
    """Return `text` escaped, with each te reo Māori word wrapped in <span lang="mi">."""
    escaped = escape(str(text))
    return mark_safe(_PATTERN.sub(r'<span lang="mi">\1</span>', escaped))  # noqa: S308
