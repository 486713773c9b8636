"""Rate risks on the 5 x 5 matrix of RULES.md: likelihood times impact, banded in four.

Pure and small, so that the rules, the pages, the PDF and the risk map rate a risk the same way.
"""

from enum import StrEnum
from types import MappingProxyType


class RiskRating(StrEnum):
    """The band a likelihood-by-impact product falls in."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    EXTREME = "extreme"


# Each scale in order, 1 to 5, with the words people read for each code.
LIKELIHOOD: MappingProxyType[str, str] = MappingProxyType(
    {
        "rare": "rare",
        "unlikely": "unlikely",
        "possible": "possible",
        "likely": "likely",
        "almost_certain": "almost certain",
    }
)
IMPACT: MappingProxyType[str, str] = MappingProxyType(
    {
        "minimal": "minimal",
        "minor": "minor",
        "moderate": "moderate",
        "major": "major",
        "severe": "severe",
    }
)
LIKELIHOOD_LEVEL: MappingProxyType[str, int] = MappingProxyType(
    {code: level for level, code in enumerate(LIKELIHOOD, start=1)}
)
IMPACT_LEVEL: MappingProxyType[str, int] = MappingProxyType(
    {code: level for level, code in enumerate(IMPACT, start=1)}
)

# The lowest product of each band, highest band first: 15-25 extreme, 10-14 high, 5-9 medium,
# 1-4 low.
_BANDS: tuple[tuple[int, RiskRating], ...] = (
    (15, RiskRating.EXTREME),
    (10, RiskRating.HIGH),
    (5, RiskRating.MEDIUM),
    (1, RiskRating.LOW),
)

# The ratings that ask for a complete mitigation and a residual rating (HT-11).
SERIOUS = frozenset({RiskRating.HIGH, RiskRating.EXTREME})


def rating_for_levels(likelihood: int, impact: int) -> RiskRating:
    """Return the band of a likelihood level and an impact level, each 1 to 5."""
    if not (1 <= likelihood <= 5 and 1 <= impact <= 5):
        raise ValueError(f"levels run from 1 to 5, not {likelihood} and {impact}")
    product = likelihood * impact
    return next(rating for lowest, rating in _BANDS if product >= lowest)


def risk_rating(likelihood: str | None, impact: str | None) -> RiskRating | None:
    """Return the rating of a likelihood and an impact code, or None when either is absent.

    An unknown code raises KeyError: the schema allows only the five of each scale.
    """
    if not likelihood or not impact:
        return None
    return rating_for_levels(LIKELIHOOD_LEVEL[likelihood], IMPACT_LEVEL[impact])
