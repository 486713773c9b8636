"""Screen a piece of work before anyone writes an assessment (SCREENING.md, version 2026.1).

Twelve questions answered yes, no or unsure (an unanswered question counts as unsure) decide
five outcomes: whether a DPUP assessment is required, what sensitivity to expect, and whether a
Privacy Impact Assessment, an Algorithm Impact Assessment and engagement on Māori data are
recommended. Each outcome names the questions that decided it (its "because"), and which of
those were answered unsure, because an unsure answer is something to find out, not a yes.

The question texts live here as plain data, so that every page and the record word them alike.
Without Django: `screen(answers)` works on plain dicts; `principles.screening_input` reads and
checks screenings from JSON.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Self

# Bump when any question's or outcome's meaning changes: every stored screening records it.
SCREENING_VERSION = "2026.1"


class Answer(StrEnum):
    """One answer to a screening question."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


# Answers in the words a person reads.
ANSWER_LABELS: MappingProxyType[Answer, str] = MappingProxyType(
    {Answer.YES: "Yes", Answer.NO: "No", Answer.UNSURE: "Unsure"}
)


@dataclass(frozen=True, slots=True)
class Question:
    """A screening question: its id, its text as SCREENING.md words it, a hint, a short form."""

    id: str
    text: str
    hint: str
    # Completes "Because you answered yes to: ..." (lower case, no full stop).
    short: str


QUESTIONS: tuple[Question, ...] = (
    Question(
        "SQ-01",
        "Will the work collect, use or share any information from or about people (service "
        "users, whānau, communities), even if it is aggregated or de-identified?",
        "Counts, averages and maps of people are information about them too.",
        "will it use information about people",
    ),
    Question(
        "SQ-02",
        "Will any of it identify people, or could it identify someone when combined with other "
        "information?",
        "Names, addresses, client numbers and dates of birth identify people; so can small "
        "counts, rare details or exact locations once combined.",
        "will it identify people",
    ),
    Question(
        "SQ-03",
        "Will new information be collected from or about people?",
        "For example a new form, survey, interview, sensor or field in a case system.",
        "will new information be collected",
    ),
    Question(
        "SQ-04",
        "Will information already held be used for a purpose other than the one it was "
        "collected for?",
        "Think of what people were told when the information was first collected.",
        "will information be used for a new purpose",
    ),
    Question(
        "SQ-05",
        "Will information be shared with, or matched against, another agency's or "
        "organisation's information?",
        "Including providers, contractors, researchers and other government agencies.",
        "will it be shared with another agency",
    ),
    Question(
        "SQ-06",
        "Does it involve sensitive information (for example health, ethnicity, sexuality, "
        "criminal history, family violence, care and protection, immigration status, "
        "financial hardship)?",
        "Information that could cause harm, shame or discrimination if it got out.",
        "is the information sensitive",
    ),
    Question(
        "SQ-07",
        "Does it involve children or young people?",
        "People under 18, or information about them held in their whānau's records.",
        "does it involve children or young people",
    ),
    Question(
        "SQ-08",
        "Does it involve information about Māori, iwi or hapū, or work where Māori "
        "communities are a key focus?",
        "Including ethnicity data that can be broken down to show Māori, and work in places "
        "where many Māori live.",
        "does it involve Māori information or communities",
    ),
    Question(
        "SQ-09",
        "Will an algorithm, model or automated process make or inform decisions about people?",
        "Including risk scores, eligibility rules in software and predictive models, even when "
        "a person makes the final decision.",
        "will an algorithm inform decisions",
    ),
    Question(
        "SQ-10",
        "Could the work affect people's access to services or entitlements, or their rights?",
        "For example who is offered a service, who is investigated, or what someone receives.",
        "could it affect access to services or rights",
    ),
    Question(
        "SQ-11",
        "Does it use a new technology or a new way of handling information (for example "
        "surveillance, biometrics, location tracking, storage outside New Zealand)?",
        "Anything your organisation has not used with personal information before.",
        "does it use a new technology",
    ),
    Question(
        "SQ-12",
        "Will it involve information about many people (more than 1,000) or a whole "
        "population group?",
        "Count everyone whose information is used, not only the people the work is for.",
        "will it involve many people",
    ),
)
QUESTION_BY_ID: MappingProxyType[str, Question] = MappingProxyType({q.id: q for q in QUESTIONS})
QUESTION_IDS: tuple[str, ...] = tuple(QUESTION_BY_ID)

# The five outcomes in SCREENING.md's order, with their names in words.
OUTCOMES: MappingProxyType[str, str] = MappingProxyType(
    {
        "dpup_assessment": "DPUP purpose and data-use assessment",
        "expected_sensitivity": "Expected sensitivity",
        "privacy_impact_assessment": "Privacy Impact Assessment",
        "algorithm_impact_assessment": "Algorithm Impact Assessment",
        "maori_data_engagement": "Engagement on Māori data",
    }
)
# Every outcome's statuses, deciding one first, and the words a person reads for each.
_RECOMMENDATION = MappingProxyType({"recommended": "recommended", "not_indicated": "not indicated"})
STATUS_LABELS: MappingProxyType[str, MappingProxyType[str, str]] = MappingProxyType(
    {
        "dpup_assessment": MappingProxyType({"required": "required", "not_needed": "not needed"}),
        "expected_sensitivity": MappingProxyType(
            {"high": "high", "moderate": "moderate", "low": "low", "none": "none expected"}
        ),
        "privacy_impact_assessment": _RECOMMENDATION,
        "algorithm_impact_assessment": _RECOMMENDATION,
        "maori_data_engagement": _RECOMMENDATION,
    }
)


@dataclass(frozen=True, slots=True)
class Screening:
    """A screening as the interchange format holds it: answers, version and date."""

    answers: Mapping[str, Answer] = field(default_factory=lambda: MappingProxyType({}))
    version: str = SCREENING_VERSION
    date: str = ""

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Self:
        """Build a screening from a valid dict (`screening_input` checks one first)."""
        answers = {qid: Answer(value) for qid, value in (raw.get("answers") or {}).items()}
        return cls(
            answers=MappingProxyType(answers),
            version=raw.get("version", SCREENING_VERSION),
            date=raw.get("date", ""),
        )

    def answer(self, question_id: str) -> Answer:
        """Return the answer to one question; an unanswered question counts as unsure."""
        return self.answers.get(question_id, Answer.UNSURE)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One outcome: its status, the questions that decided it, and which were unsure."""

    name: str
    status: str
    because: tuple[str, ...] = ()
    # The ids in `because` answered unsure (or not answered): things to find out.
    unsure: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Return the outcome's name in words."""
        return OUTCOMES[self.name]

    @property
    def status_label(self) -> str:
        """Return the status in words."""
        return STATUS_LABELS[self.name][self.status]

    def to_dict(self) -> dict[str, Any]:
        """Return the outcome as in the screener's JSON output."""
        return {"status": self.status, "because": list(self.because)}


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """The five outcomes of one screening, under the version that made them."""

    outcomes: tuple[Outcome, ...]
    version: str = SCREENING_VERSION

    def outcome(self, name: str) -> Outcome:
        """Return one outcome by name."""
        for outcome in self.outcomes:
            if outcome.name == name:
                return outcome
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """Return the per-screening object of the screener's JSON output."""
        return {
            "version": self.version,
            "outcomes": {outcome.name: outcome.to_dict() for outcome in self.outcomes},
        }


def screen(answers: Screening | Mapping[str, str]) -> ScreeningResult:
    """Decide the five outcomes from a screening's answers (SCREENING.md's table)."""
    if isinstance(answers, Screening):
        screening = answers
    else:
        screening = Screening.from_dict({"answers": answers})

    def raised(*ids: str) -> list[str]:
        return [qid for qid in ids if screening.answer(qid) is not Answer.NO]

    def outcome(name: str, status: str, because: Iterable[str] = ()) -> Outcome:
        ordered = tuple(sorted(set(because)))
        unsure = tuple(q for q in ordered if screening.answer(q) is Answer.UNSURE)
        return Outcome(name, status, ordered, unsure)

    people = bool(raised("SQ-01"))
    identifying = bool(raised("SQ-02"))
    sensitive_or_young = raised("SQ-06", "SQ-07")

    if people:
        assessment = outcome("dpup_assessment", "required", raised(*QUESTION_IDS))
    else:
        assessment = outcome("dpup_assessment", "not_needed")

    if not people:
        sensitivity = outcome("expected_sensitivity", "none")
    elif identifying and sensitive_or_young:
        sensitivity = outcome("expected_sensitivity", "high", ["SQ-02", *sensitive_or_young])
    elif raised("SQ-02", "SQ-06"):
        sensitivity = outcome("expected_sensitivity", "moderate", raised("SQ-02", "SQ-06"))
    else:
        sensitivity = outcome("expected_sensitivity", "low")

    privacy_triggers = raised("SQ-03", "SQ-04", "SQ-05", "SQ-11", "SQ-12")
    if identifying and privacy_triggers:
        privacy = outcome("privacy_impact_assessment", "recommended", ["SQ-02", *privacy_triggers])
    else:
        privacy = outcome("privacy_impact_assessment", "not_indicated")

    algorithm_triggers = raised("SQ-02", "SQ-10")
    if raised("SQ-09") and algorithm_triggers:
        algorithm = outcome(
            "algorithm_impact_assessment", "recommended", ["SQ-09", *algorithm_triggers]
        )
    else:
        algorithm = outcome("algorithm_impact_assessment", "not_indicated")

    if raised("SQ-08"):
        maori = outcome("maori_data_engagement", "recommended", ["SQ-08"])
    else:
        maori = outcome("maori_data_engagement", "not_indicated")

    return ScreeningResult((assessment, sensitivity, privacy, algorithm, maori))


def because_text(outcome: Outcome, screening: Screening) -> str:
    """Say in words why an outcome was decided, and what to find out if an answer was unsure.

    For example "Because you answered yes to: will it identify people; will it be shared with
    another agency." An outcome decided by nothing raised says so.
    """
    if not outcome.because:
        return "None of your answers raised it."
    yes = [QUESTION_BY_ID[q].short for q in outcome.because if q not in outcome.unsure]
    parts = []
    if yes:
        parts.append(f"Because you answered yes to: {'; '.join(yes)}.")
    if outcome.unsure:
        unsure = "; ".join(QUESTION_BY_ID[q].short for q in outcome.unsure)
        lead = "Because" if not yes else "And"
        parts.append(f"{lead} you were unsure about: {unsure}.")
        parts.append(find_out_text(outcome))
    return " ".join(parts)


def find_out_text(outcome: Outcome) -> str:
    """Return the "find out" line for an outcome decided by an unsure answer ("" if none)."""
    if not outcome.unsure:
        return ""
    ids = ", ".join(outcome.unsure)
    return f"Decided by an unsure answer to {ids}: find out, with your privacy officer."
