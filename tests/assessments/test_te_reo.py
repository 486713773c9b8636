"""The te reo Māori word list grows from its sources and marks names of several words whole."""

import os
import re
import unicodedata
from pathlib import Path

import pytest

from assessments.demo import DEMO_DATA
from assessments.te_reo import WORDS, mark_te_reo

REPO = Path(__file__).resolve().parents[2]
DPUP_TEXTS = sorted((REPO.parent / "shared" / "dpup").glob("*.txt"))
MACRON_WORD = re.compile(r"[\w’'-]*[āēīōūĀĒĪŌŪ][\w’'-]*")


def _unmarked_macron_words(text: str) -> set[str]:
    marked = str(mark_te_reo(unicodedata.normalize("NFC", text)))
    outside = re.sub(r'<span lang="mi">.*?</span>', " ", marked)
    return set(MACRON_WORD.findall(outside))


def test_every_word_with_a_macron_in_the_demo_data_is_marked():
    for path in sorted(DEMO_DATA.glob("*.json")):
        assert _unmarked_macron_words(path.read_text(encoding="utf-8")) == set(), path.name


def test_every_word_with_a_macron_in_the_dpup_texts_is_marked():
    if not DPUP_TEXTS:
        assert not os.environ.get("CI"), "CI needs shared/dpup beside the checkout"
        pytest.skip("no shared/dpup beside this checkout")
    for path in DPUP_TEXTS:
        assert _unmarked_macron_words(path.read_text(encoding="utf-8")) == set(), path.name


@pytest.mark.parametrize(
    "name",
    ["Oranga Tamariki", "tāngata whenua", "Tamariki Ora", "Kāinga Ora", "Manawatū-Whanganui"],
)
def test_names_of_several_words_are_marked_whole(name):
    assert str(mark_te_reo(f"Referred by {name} today")) == (
        f'Referred by <span lang="mi">{name}</span> today'
    )


def test_words_missed_before_are_on_the_list():
    for word in ("kōrero", "rūnanga", "Whaikaha", "kaimahi", "Kaikōura"):
        assert word in WORDS
        assert str(mark_te_reo(word)) == f'<span lang="mi">{word}</span>'
