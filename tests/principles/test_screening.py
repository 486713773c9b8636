"""Screening (SCREENING.md 2026.1): every outcome's every status, its because and its unsure."""

import pytest

from principles.screening import (
    OUTCOMES,
    QUESTION_IDS,
    QUESTIONS,
    SCREENING_VERSION,
    Answer,
    Screening,
    because_text,
    find_out_text,
    screen,
)

ALL_NO = dict.fromkeys(QUESTION_IDS, "no")


def answers(**given: str) -> dict[str, str]:
    """Every question answered no, except those given (SQ_01="yes" is SQ-01)."""
    return {**ALL_NO, **{key.replace("_", "-"): value for key, value in given.items()}}


def outcome(name: str, given: dict[str, str]) -> tuple[str, list[str]]:
    found = screen(given).outcome(name)
    return found.status, list(found.because)


def test_twelve_questions_in_id_order_with_texts_and_hints():
    assert QUESTION_IDS == tuple(f"SQ-{n:02d}" for n in range(1, 13))
    assert all(q.text.endswith("?") and q.hint and q.short for q in QUESTIONS)
    assert QUESTIONS[7].text.startswith("Does it involve information about Māori, iwi or hapū")
    assert QUESTIONS[11].text == (
        "Will it involve information about many people (more than 1,000) or a whole population "
        "group?"
    )
    assert SCREENING_VERSION == "2026.1"
    assert list(OUTCOMES) == [
        "dpup_assessment",
        "expected_sensitivity",
        "privacy_impact_assessment",
        "algorithm_impact_assessment",
        "maori_data_engagement",
    ]


@pytest.mark.parametrize(
    ("given", "status", "because"),
    [
        (answers(), "not_needed", []),
        # Everything else raised but SQ-01 is not: still not needed, with nothing to name.
        ({**dict.fromkeys(QUESTION_IDS, "yes"), "SQ-01": "no"}, "not_needed", []),
        (answers(SQ_01="yes"), "required", ["SQ-01"]),
        (answers(SQ_01="unsure"), "required", ["SQ-01"]),
        # SQ-01 and every other raised question, in id order.
        (
            answers(SQ_12="yes", SQ_01="yes", SQ_05="unsure", SQ_02="yes"),
            "required",
            ["SQ-01", "SQ-02", "SQ-05", "SQ-12"],
        ),
        ({}, "required", list(QUESTION_IDS)),
    ],
)
def test_dpup_assessment(given, status, because):
    assert outcome("dpup_assessment", given) == (status, because)


@pytest.mark.parametrize(
    ("given", "status", "because"),
    [
        (answers(), "none", []),
        (answers(SQ_02="yes", SQ_06="yes", SQ_07="yes"), "none", []),
        (answers(SQ_01="yes"), "low", []),
        # Children alone, without identifying information, stay low.
        (answers(SQ_01="yes", SQ_07="yes"), "low", []),
        (answers(SQ_01="yes", SQ_02="yes"), "moderate", ["SQ-02"]),
        (answers(SQ_01="yes", SQ_06="yes"), "moderate", ["SQ-06"]),
        (answers(SQ_01="yes", SQ_06="yes", SQ_07="unsure"), "moderate", ["SQ-06"]),
        (answers(SQ_01="yes", SQ_02="yes", SQ_06="yes"), "high", ["SQ-02", "SQ-06"]),
        (answers(SQ_01="yes", SQ_02="unsure", SQ_07="yes"), "high", ["SQ-02", "SQ-07"]),
        (
            answers(SQ_01="yes", SQ_02="yes", SQ_06="yes", SQ_07="yes"),
            "high",
            ["SQ-02", "SQ-06", "SQ-07"],
        ),
        ({}, "high", ["SQ-02", "SQ-06", "SQ-07"]),
    ],
)
def test_expected_sensitivity(given, status, because):
    assert outcome("expected_sensitivity", given) == (status, because)


@pytest.mark.parametrize(
    ("given", "status", "because"),
    [
        (answers(), "not_indicated", []),
        (answers(SQ_02="yes"), "not_indicated", []),
        (
            answers(SQ_03="yes", SQ_04="yes", SQ_05="yes", SQ_11="yes", SQ_12="yes"),
            "not_indicated",
            [],
        ),
        # Each trigger alone, with SQ-02 raised; SQ-01 plays no part here.
        *[
            (
                answers(SQ_02="yes", **{trigger.replace("-", "_"): "yes"}),
                "recommended",
                ["SQ-02", trigger],
            )
            for trigger in ("SQ-03", "SQ-04", "SQ-05", "SQ-11", "SQ-12")
        ],
        (
            answers(SQ_02="unsure", SQ_12="yes", SQ_04="unsure", SQ_06="yes"),
            "recommended",
            ["SQ-02", "SQ-04", "SQ-12"],
        ),
        ({}, "recommended", ["SQ-02", "SQ-03", "SQ-04", "SQ-05", "SQ-11", "SQ-12"]),
    ],
)
def test_privacy_impact_assessment(given, status, because):
    assert outcome("privacy_impact_assessment", given) == (status, because)


@pytest.mark.parametrize(
    ("given", "status", "because"),
    [
        (answers(), "not_indicated", []),
        (answers(SQ_09="yes"), "not_indicated", []),
        (answers(SQ_02="yes", SQ_10="yes"), "not_indicated", []),
        (answers(SQ_09="yes", SQ_02="yes"), "recommended", ["SQ-02", "SQ-09"]),
        (answers(SQ_09="unsure", SQ_10="yes"), "recommended", ["SQ-09", "SQ-10"]),
        (
            answers(SQ_09="yes", SQ_02="yes", SQ_10="unsure"),
            "recommended",
            ["SQ-02", "SQ-09", "SQ-10"],
        ),
        ({}, "recommended", ["SQ-02", "SQ-09", "SQ-10"]),
    ],
)
def test_algorithm_impact_assessment(given, status, because):
    assert outcome("algorithm_impact_assessment", given) == (status, because)


@pytest.mark.parametrize(
    ("given", "status", "because"),
    [
        (answers(), "not_indicated", []),
        ({**dict.fromkeys(QUESTION_IDS, "yes"), "SQ-08": "no"}, "not_indicated", []),
        (answers(SQ_08="yes"), "recommended", ["SQ-08"]),
        (answers(SQ_08="unsure"), "recommended", ["SQ-08"]),
        ({}, "recommended", ["SQ-08"]),
    ],
)
def test_maori_data_engagement(given, status, because):
    assert outcome("maori_data_engagement", given) == (status, because)


def test_unanswered_counts_as_unsure_and_is_named_as_something_to_find_out():
    partial = {"SQ-01": "yes", "SQ-02": "yes", "SQ-03": "no", "SQ-04": "no", "SQ-11": "no"}
    result = screen(partial)
    explicit = screen(
        {
            **partial,
            **dict.fromkeys(["SQ-05", "SQ-06", "SQ-07", "SQ-08"], "unsure"),
            **dict.fromkeys(["SQ-09", "SQ-10", "SQ-12"], "unsure"),
        }
    )
    assert result == explicit
    privacy = result.outcome("privacy_impact_assessment")
    assert (privacy.status, privacy.because) == ("recommended", ("SQ-02", "SQ-05", "SQ-12"))
    assert privacy.unsure == ("SQ-05", "SQ-12")
    assert result.outcome("expected_sensitivity").unsure == ("SQ-06", "SQ-07")
    assert result.outcome("maori_data_engagement").unsure == ("SQ-08",)


def test_an_outcome_decided_only_by_yes_has_nothing_to_find_out():
    result = screen(answers(SQ_01="yes", SQ_02="yes", SQ_06="unsure"))
    assert result.outcome("expected_sensitivity").unsure == ("SQ-06",)
    assert result.outcome("dpup_assessment").unsure == ("SQ-06",)
    for name in ("privacy_impact_assessment", "algorithm_impact_assessment"):
        assert result.outcome(name).unsure == ()
        assert find_out_text(result.outcome(name)) == ""


def test_because_in_words():
    screening = Screening.from_dict({"answers": answers(SQ_01="yes", SQ_02="yes", SQ_05="unsure")})
    privacy = screen(screening).outcome("privacy_impact_assessment")
    text = because_text(privacy, screening)
    assert text.startswith("Because you answered yes to: will it identify people.")
    assert "you were unsure about: will it be shared with another agency." in text
    assert "Decided by an unsure answer to SQ-05: find out" in text
    maori = screen(screening).outcome("maori_data_engagement")
    assert because_text(maori, screening) == "None of your answers raised it."


def test_json_form_is_the_documented_one():
    # SCREENING.md's example: SQ-01 and SQ-02 yes, everything else no.
    result = screen(answers(SQ_01="yes", SQ_02="yes"))
    assert result.to_dict() == {
        "version": "2026.1",
        "outcomes": {
            "dpup_assessment": {"status": "required", "because": ["SQ-01", "SQ-02"]},
            "expected_sensitivity": {"status": "moderate", "because": ["SQ-02"]},
            "privacy_impact_assessment": {"status": "not_indicated", "because": []},
            "algorithm_impact_assessment": {"status": "not_indicated", "because": []},
            "maori_data_engagement": {"status": "not_indicated", "because": []},
        },
    }


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # Example 1 of the browser journey: aggregated census counts.
        (
            answers(SQ_01="yes", SQ_12="yes"),
            {"dpup_assessment": "required", "expected_sensitivity": "low"},
        ),
        # Example 2: foster care records, identifying, sensitive, children, Māori.
        (
            answers(SQ_01="yes", SQ_02="yes", SQ_04="yes", SQ_06="yes", SQ_07="yes", SQ_08="yes"),
            {
                "expected_sensitivity": "high",
                "privacy_impact_assessment": "recommended",
                "algorithm_impact_assessment": "not_indicated",
                "maori_data_engagement": "recommended",
            },
        ),
    ],
)
def test_examples(given, expected):
    result = screen(given)
    assert {name: result.outcome(name).status for name in expected} == expected


def test_labels_are_words_not_codes():
    result = screen({})
    assert [o.status_label for o in result.outcomes] == [
        "required",
        "high",
        "recommended",
        "recommended",
        "recommended",
    ]
    assert screen(answers()).outcome("privacy_impact_assessment").status_label == "not indicated"
    assert result.outcome("maori_data_engagement").label == "Engagement on Māori data"
    assert Answer("unsure") is Answer.UNSURE


def test_unknown_outcome_is_a_key_error():
    with pytest.raises(KeyError):
        screen({}).outcome("ethics_review")


def test_reading_screenings_names_every_problem_by_json_path():
    from principles.screening_input import InvalidScreening, parse_screenings

    data = {
        "screenings": [
            {"answers": {"SQ-01": "yes", "SQ-1": "no", "SQ-02": ["yes"]}, "date": "2026-02-30"},
            {"answers": {"SQ-08": "unsure"}, "version": "2026.1", "date": "2026-03-01"},
        ]
    }
    with pytest.raises(InvalidScreening) as invalid:
        parse_screenings(data)
    assert [p.path for p in invalid.value.problems] == [
        '$.screenings[0].answers["SQ-1"]',
        '$.screenings[0].answers["SQ-02"]',
        "$.screenings[0].date",
    ]
    assert "a list is not an answer" in invalid.value.problems[1].message
    (valid,) = parse_screenings(data["screenings"][1])
    assert valid.answers == {"SQ-08": Answer.UNSURE}
    assert (valid.version, valid.date) == ("2026.1", "2026-03-01")
    assert parse_screenings({"screenings": []}) == []
