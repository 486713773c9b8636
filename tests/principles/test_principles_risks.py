"""The risk rating matrix of RULES.md: likelihood times impact, banded low to extreme."""

import pytest

from principles.risks import (
    IMPACT,
    IMPACT_LEVEL,
    LIKELIHOOD,
    LIKELIHOOD_LEVEL,
    RiskRating,
    rating_for_levels,
    risk_rating,
)
from principles.snapshot import Snapshot

# RULES.md's bands, written out as the product ranges it gives.
BANDS = {
    "low": range(1, 5),
    "medium": range(5, 10),
    "high": range(10, 15),
    "extreme": range(15, 26),
}


def test_scales_count_one_to_five_in_order():
    assert dict(LIKELIHOOD_LEVEL) == {
        "rare": 1,
        "unlikely": 2,
        "possible": 3,
        "likely": 4,
        "almost_certain": 5,
    }
    assert dict(IMPACT_LEVEL) == {"minimal": 1, "minor": 2, "moderate": 3, "major": 4, "severe": 5}
    assert LIKELIHOOD["almost_certain"] == "almost certain"
    assert list(IMPACT.values()) == ["minimal", "minor", "moderate", "major", "severe"]


@pytest.mark.parametrize("likelihood", list(LIKELIHOOD))
@pytest.mark.parametrize("impact", list(IMPACT))
def test_every_cell_of_the_matrix(likelihood, impact):
    product = LIKELIHOOD_LEVEL[likelihood] * IMPACT_LEVEL[impact]
    (expected,) = [band for band, products in BANDS.items() if product in products]
    assert risk_rating(likelihood, impact) == expected


@pytest.mark.parametrize(
    ("likelihood", "impact", "expected"),
    [
        ("unlikely", "minor", "low"),  # 4
        ("rare", "severe", "medium"),  # 5
        ("possible", "moderate", "medium"),  # 9
        ("unlikely", "severe", "high"),  # 10
        ("possible", "major", "high"),  # 12
        ("possible", "severe", "extreme"),  # 15
        ("almost_certain", "severe", "extreme"),  # 25
    ],
)
def test_band_edges(likelihood, impact, expected):
    assert risk_rating(likelihood, impact) is RiskRating(expected)


@pytest.mark.parametrize(("likelihood", "impact"), [(None, "major"), ("likely", None), ("", "")])
def test_absent_when_either_value_is_absent(likelihood, impact):
    assert risk_rating(likelihood, impact) is None


def test_levels_out_of_range_are_refused():
    with pytest.raises(ValueError, match="1 to 5"):
        rating_for_levels(0, 3)
    with pytest.raises(KeyError):
        risk_rating("often", "major")


def test_snapshot_reads_risks_with_defaults_and_ratings():
    snap = Snapshot.from_dict(
        {
            "title": "T",
            "risks": [
                {
                    "description": "Wha\u0304nau are named.",
                    "likelihood": "likely",
                    "impact": "severe",
                    "mitigations": [{"action": "Remove names."}],
                    "residual_likelihood": "rare",
                    "residual_impact": "severe",
                },
                {"description": "Counts are wrong."},
            ],
        }
    )
    first, second = snap.risks
    assert first.description == "Whānau are named."  # NFC, as every text
    assert (first.inherent_rating, first.residual_rating) == ("extreme", "medium")
    (mitigation,) = first.mitigations
    assert (mitigation.action, mitigation.owner, mitigation.due, mitigation.status) == (
        "Remove names.",
        "",
        "",
        "planned",
    )
    assert second.affects == "" and second.mitigations == ()
    assert (second.inherent_rating, second.residual_rating) == (None, None)
    assert Snapshot.from_dict({"title": "T"}).risks == ()


def test_snapshot_reads_the_screening():
    snap = Snapshot.from_dict(
        {"title": "T", "screening": {"answers": {"SQ-01": "yes"}, "date": "2026-03-01"}}
    )
    assert snap.screening is not None
    assert snap.screening.answer("SQ-01") == "yes"
    assert snap.screening.answer("SQ-02") == "unsure"
    assert (snap.screening.version, snap.screening.date) == ("2026.1", "2026-03-01")
    assert Snapshot.from_dict({"title": "T"}).screening is None
