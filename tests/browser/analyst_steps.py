"""What the analyst types into a new assessment, shared by the mouse and keyboard journeys.

The answers keep the assessment low-sensitivity (nothing identifies anyone), so the blocking
rules that apply are few. One data item starts with a just-in-case justification, which breaks
He Tāngata's HT-04 (blocking) until the analyst rewrites it.
"""

from dataclasses import dataclass
from typing import Literal

from playwright.sync_api import Page

TITLE = "Whānau transport help pilot"
JUST_IN_CASE = "Might be useful later, just in case."
NEEDED = "Shows which suburbs need the shuttle most, so the route goes where the requests are."


@dataclass(frozen=True)
class Step:
    """One thing done on the form: type into a field, choose an option, tick a box, press."""

    selector: str
    value: str = ""
    kind: Literal["text", "select", "check", "press"] = "text"


ABOUT = [
    Step("#id_title", TITLE),
]
ANSWERS = [
    Step("#id_initiative_kind", "Programme", "select"),
    Step(
        "#id_summary",
        "A six-month pilot of a free shuttle that takes whānau to health and social "
        "appointments in Ōtautahi.",
    ),
    Step(
        "#id_purpose_statement",
        "To count how many whānau in each suburb ask our navigators for help getting to "
        "appointments, so that we can decide where the free shuttle should run and how often "
        "it should stop in each suburb.",
    ),
    Step(
        "#id_purpose_benefit",
        "Whānau reach health and social appointments on time without paying for taxis.",
    ),
    Step("#id_purpose_beneficiaries_1", kind="check"),  # Whānau
    Step(
        "#id_purpose_risks",
        "Counts for small suburbs could be misread, so we report a suburb only when at least "
        "ten requests were made.",
    ),
    # The first data item is the blank row the page starts with.
    Step("#id_data_items-0-name", "Number of transport requests by suburb"),
    Step("#id_data_items-0-justification", JUST_IN_CASE),
    Step("#id_data_items-0-retention", "P2Y"),
    # The second comes from the "Add another data item" button.
    Step('[data-add-row="data_items"]', kind="press"),
    Step("#id_data_items-1-name", "Kind of appointment"),
    Step("#id_data_items-1-justification", "Shows which services people most need to reach."),
    Step("#id_data_items-1-retention", "P2Y"),
    Step("#id_transparency_when_told_0", kind="check"),  # Before
    Step(
        "#id_transparency_how_people_told",
        "Navigators explain at the first visit that request counts are used to plan the shuttle.",
    ),
    Step(
        "#id_transparency_choices_offered",
        "Anyone can ask their navigator not to count their request.",
    ),
    # One consultation in the blank row, another from the "Add another consultation" button.
    Step("#id_consultations-0-party", "Privacy officer", "select"),
    Step("#id_consultations-0-depth", "A simple check", "select"),
    Step("#id_consultations-0-summary", "Our privacy officer confirmed that nobody is named."),
    Step('[data-add-row="consultations"]', kind="press"),
    Step("#id_consultations-1-party", "Frontline workers", "select"),
    Step("#id_consultations-1-summary", "Navigators checked that the request categories fit."),
]


def principle_scores(page: Page) -> dict[str, int]:
    """Return the five Principle scores the scores panel shows now, by Principle name."""
    rows = page.locator("#scores-panel table tbody tr")
    return {
        rows.nth(index).locator("th").inner_text().strip(): int(
            rows.nth(index).locator("td").first.inner_text()
        )
        for index in range(rows.count())
    }
