"""Answered, explained, substantial, and phrase matching at word boundaries."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from principles.text import (
    FUTURE_PROOFING_PHRASES,
    JUST_IN_CASE_PHRASES,
    PLACEHOLDERS,
    answered,
    explained,
    find_phrases,
    substantial,
    word_count,
)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\t",
        "TBC",
        " n/a ",
        "N/A",
        "To be confirmed",
        "TO BE DECIDED",
        "-",
        " ? ",
        "Unknown",
        "todo",
        "na",
        "tbd",
    ],
)
def test_blank_and_placeholder_answers_are_not_answered(text):
    assert not answered(text)


@pytest.mark.parametrize("text", ["No", "TBC soon", "n/a.", "to be confirmed by May", "--"])
def test_real_answers_are_answered(text):
    assert answered(text)


def test_none_is_not_answered():
    assert not answered(None)


def test_every_placeholder_is_lower_case_so_casefolded_input_can_match():
    assert all(p == p.casefold().strip() for p in PLACEHOLDERS)


@pytest.mark.parametrize(
    ("text", "count"),
    [("", 0), ("one", 1), ("one two", 2), (" one\ttwo\nthree ", 3), ("a - b", 3)],
)
def test_words_are_runs_between_white_space(text, count):
    assert word_count(text) == count


def test_explained_needs_three_words():
    assert not explained("two words")
    assert explained("three whole words")
    assert explained("  three \n whole   words  ")


def test_explained_needs_an_answer_not_a_placeholder():
    assert not explained("To be confirmed")  # three words, but a placeholder


def test_substantial_needs_twenty_words():
    assert not substantial(" ".join(["word"] * 19))
    assert substantial(" ".join(["word"] * 20))


@pytest.mark.parametrize(
    ("text", "phrases", "found"),
    [
        ("We serve many purposes.", FUTURE_PROOFING_PHRASES, []),
        ("Used for any purpose.", FUTURE_PROOFING_PHRASES, ["any purpose"]),
        ("USED FOR ANY PURPOSE", FUTURE_PROOFING_PHRASES, ["any purpose"]),
        ("A future-proofing step", FUTURE_PROOFING_PHRASES, ["future-proofing"]),
        ("A future proofing step", FUTURE_PROOFING_PHRASES, ["future proofing"]),
        ("It is future-proof.", FUTURE_PROOFING_PHRASES, ["future-proof"]),
        ("For future purposes", FUTURE_PROOFING_PHRASES, ["future purposes"]),
        ("For any future purpose", FUTURE_PROOFING_PHRASES, ["any future purpose"]),
        # Overlapping phrases are each reported, in the order they appear.
        (
            "any other purposes as required",
            FUTURE_PROOFING_PHRASES,
            ["other purposes as required"],
        ),
        (
            "from time to time, for any purpose",
            FUTURE_PROOFING_PHRASES,
            ["from time to time", "any purpose"],
        ),
        ("Kept just in case.", JUST_IN_CASE_PHRASES, ["just in case"]),
        ("Kept just\nin  case.", JUST_IN_CASE_PHRASES, ["just in case"]),
        ("In case items are lost", JUST_IN_CASE_PHRASES, []),
        ("In case it is lost", JUST_IN_CASE_PHRASES, ["in case it"]),
        ("It may be useful", JUST_IN_CASE_PHRASES, ["may be useful"]),
        ("It may be usefully applied", JUST_IN_CASE_PHRASES, []),
        # Ruleset 2026.2 lists the hyphenated forms too.
        ("Nice-to-have", JUST_IN_CASE_PHRASES, ["nice-to-have"]),
        ("Kept just-in-case.", JUST_IN_CASE_PHRASES, ["just-in-case"]),
        ("A nice-to-haves list", JUST_IN_CASE_PHRASES, []),
        ("", JUST_IN_CASE_PHRASES, []),
    ],
)
def test_find_phrases_at_word_boundaries(text, phrases, found):
    assert find_phrases(text, phrases) == found


def test_find_phrases_accepts_any_iterable_of_phrases():
    assert find_phrases("a big dog", ["big dog"]) == ["big dog"]
    assert find_phrases("a bigdog", iter(["big"])) == []


def test_decomposed_macrons_match_precomposed_ones():
    decomposed = "te reo Ma\u0304ori"
    assert find_phrases(decomposed, ["reo Māori"]) == ["reo Māori"]
    assert find_phrases("te reo Māori", ["reo Ma\u0304ori"]) == ["reo Ma\u0304ori"]


def test_macron_letters_are_part_of_words():
    # "ā" is a word character, so a phrase cannot end just before it.
    assert find_phrases("whānau", ["wh"]) == []


@given(
    before=st.text(alphabet="abc .,\n", max_size=20),
    after=st.text(alphabet="abc .,\n", max_size=20),
    phrase=st.sampled_from(JUST_IN_CASE_PHRASES + FUTURE_PROOFING_PHRASES),
)
def test_a_phrase_set_apart_by_spaces_is_always_found(before, after, phrase):
    text = f"{before} {phrase.upper()} {after}"
    assert phrase in find_phrases(text, JUST_IN_CASE_PHRASES + FUTURE_PROOFING_PHRASES)


@given(phrase=st.sampled_from(JUST_IN_CASE_PHRASES), letter=st.sampled_from("xyzé"))
def test_a_phrase_glued_to_a_letter_is_not_found(phrase, letter):
    assert find_phrases(f"{letter}{phrase}", (phrase,)) == []
    assert find_phrases(f"{phrase}{letter}", (phrase,)) == []
