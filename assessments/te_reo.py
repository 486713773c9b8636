"""Mark te reo Māori words with lang="mi" so that screen readers pronounce them properly."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Te reo Māori in the DPUP texts (shared/dpup/*.txt), the demo data and the names of New Zealand
# agencies and places the product meets. tests/assessments/test_te_reo.py checks that every word
# with a macron in those sources is here, so the list grows with its sources. Names of more than
# one word are listed whole, so that "Oranga Tamariki" is one phrase, never "Oranga" and a
# marked "Tamariki".
PHRASES = [
    "He Tāngata",
    "Mana Whakahaere",
    "Kia ora",
    "te reo Māori",
    "tāngata whenua",
    "tangata whenua",
    "Oranga Tamariki",
    "Tamariki Ora",
    "Kāinga Ora",
    "Whānau Ora",
    "Te Whatu Ora",
    "Te Aka Whai Ora",
    "Te Puni Kōkiri",
    "Te Arawhiti",
    "Te Tai Tokerau",
    "Tai Tokerau",
    "Manawatū-Whanganui",
]
SINGLE_WORDS = [
    "Manaakitanga",
    "Kaitiakitanga",
    "Mahitahitanga",
    "whakawhanaungatanga",
    "tāngata",
    "Māori",
    "whānau",
    "iwi",
    "hapū",
    "kaitiaki",
    "mana",
    "Ōtautahi",
    "Aotearoa",
    "Waitaha",
    "Kaikōura",
    "Whaikaha",
    "kaumātua",
    "rangatahi",
    "tamariki",
    "mokopuna",
    "whakapapa",
    "kaupapa",
    "tikanga",
    "marae",
    "rōpū",
    "rūnanga",
    "kōrero",
    "kaimahi",
    "hui",
]
# Longest first, so that a name of several words wins over a word inside it.
WORDS = sorted([*PHRASES, *SINGLE_WORDS], key=len, reverse=True)
_PATTERN = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in WORDS) + r")(?!\w)", re.I)


def mark_te_reo(text: object) -> SafeString:
    """Return `text` escaped, with each te reo Māori word wrapped in <span lang="mi">."""
    escaped = escape(str(text))
    return mark_safe(_PATTERN.sub(r'<span lang="mi">\1</span>', escaped))  # noqa: S308
