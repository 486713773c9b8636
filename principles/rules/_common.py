"""Share the wording that several rules' messages use."""

from collections.abc import Iterable, Sequence

from principles.snapshot import DataItem, Risk, Sensitivity, Snapshot
from principles.text import answered, word_count

GOOD_PRACTICE = "good practice"

# Messages name at most this many items; the finding's fields still list every one.
MAX_NAMED = 10

PARTY_LABELS = {
    "service_users": "service users",
    "frontline_workers": "frontline workers",
    "community_representatives": "community representatives",
    "cultural_advisors": "cultural advisors",
    "iwi_maori": "iwi or Māori representatives",
    "pacific_communities": "Pacific communities",
    "disabled_people": "disabled people",
    "privacy_officer": "the privacy officer",
    "legal": "legal advisors",
    "other": "others",
}


def join(words: Sequence[str], conjunction: str = "and") -> str:
    """Join words as in a sentence: "a", "a and b", "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def quoted(text: str) -> str:
    """Quote a name or phrase for a message."""
    return f"“{text}”"


def names(items: Iterable[DataItem]) -> str:
    """Name data items for a message, at most MAX_NAMED of them."""
    quoted_names = [quoted(item.name) for item in items]
    if len(quoted_names) > MAX_NAMED:
        rest = len(quoted_names) - MAX_NAMED
        return f"{', '.join(quoted_names[:MAX_NAMED])} and {rest} more"
    return join(quoted_names)


# A risk is named by its number and the start of its description.
RISK_NAME_WORDS = 8


def risk_name(index: int, risk: Risk) -> str:
    """Name one risk for a message: "risk 2 (“Families may feel watched…”)"."""
    words = risk.description.split()
    if not words:
        return f"risk {index + 1}"
    start = " ".join(words[:RISK_NAME_WORDS]) + ("…" if len(words) > RISK_NAME_WORDS else "")
    return f"risk {index + 1} ({quoted(start)})"


def risk_names(risks: Iterable[tuple[int, Risk]]) -> str:
    """Name risks, given with their indexes, at most MAX_NAMED of them."""
    named = [risk_name(index, risk) for index, risk in risks]
    if len(named) > MAX_NAMED:
        return f"{', '.join(named[:MAX_NAMED])} and {len(named) - MAX_NAMED} more"
    return join(named)


def risk_field(index: int, field: str) -> str:
    """Return the anchor of one risk's field, e.g. "risks[0].residual_impact"."""
    return f"risks[{index}].{field}"


def item_field(index: int, field: str) -> str:
    """Return the anchor of one data item's field, e.g. "data_items[2].justification"."""
    return f"data_items[{index}].{field}"


def gap(text: str) -> str:
    """Say what is wrong with an answer that is not explained."""
    if not text.strip():
        return "not given"
    if not answered(text):
        return f"only a placeholder ({quoted(text.strip())})"
    count = word_count(text)
    return f"too short to explain anything ({count} word{'s' if count != 1 else ''})"


def sensitivity_reason(snap: Snapshot) -> str:
    """Say what level of sensitivity the assessment has, and which items make it so."""
    items = snap.data_items
    if snap.sensitivity is Sensitivity.LOW:
        return "Sensitivity is low (no data item is identifying or sensitive)"
    both = [i for i in items if i.identifying and i.sensitive]
    identifying = [i for i in items if i.identifying]
    sensitive = [i for i in items if i.sensitive and not i.identifying]
    if both:
        why = f"identifying and sensitive: {names(both)}"
    elif snap.sensitivity is Sensitivity.HIGH:
        why = f"identifying: {names(identifying)}; children and young people are concerned"
    else:
        parts = []
        if identifying:
            parts.append(f"identifying: {names(identifying)}")
        if sensitive:
            parts.append(f"sensitive: {names(sensitive)}")
        why = "; ".join(parts)
    return f"Sensitivity is {snap.sensitivity} ({why})"
