"""The questionnaire: every section and question of an assessment, defined once.

Sections stand in the order DPUP's Purpose Matters guideline asks them. Each section's key is
its key in the interchange schema; HTML anchors, form prefixes and model column names derive
from it. Each question carries its label, hint, kind, choices (with their labels), default and
limit, so that the forms, the pages, the PDF record, the history's differences and the
consistency check (`assessments/checks.py`) all read the same words.

This module is plain Python on purpose: no Django, so that anything may import it.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from principles.constants import PRINCIPLES

# Words for the absence of an answer, used wherever an answer is shown.
NOT_DECIDED = "Not decided yet"
NOT_ANSWERED = "Not answered"
YES = "Yes"
NO = "No"


class Kind(StrEnum):
    SHORT_TEXT = "short_text"  # One line.
    LONG_TEXT = "long_text"  # A paragraph or more.
    YES_NO = "yes_no"  # A tick box: yes or no, never undecided.
    YES_NO_UNDECIDED = "yes_no_undecided"  # Yes, no, or not decided yet (null).
    CHOICE = "choice"  # One of `choices`.
    CHOICES = "choices"  # Several of `choices`, stored as a list.
    DATE = "date"  # A day, stored as YYYY-MM-DD.
    LINES = "lines"  # A list of short texts, typed one per line.
    ROWS = "rows"  # Rows inside a row (a risk's mitigations): `Question.rows` describes one.


TEXT_KINDS = frozenset({Kind.SHORT_TEXT, Kind.LONG_TEXT})
LIST_KINDS = frozenset({Kind.CHOICES, Kind.LINES})


@dataclass(frozen=True)
class Question:
    """One question. `limit` is the most characters (texts) or lines (lists) it takes."""

    key: str
    label: str
    kind: Kind
    hint: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    default: Any = None
    limit: int | None = None
    line_limit: int | None = None  # For LINES: the most characters in one line.
    required: bool = False  # Needed before a row (or the draft) can be saved.
    nullable: bool = False  # For CHOICE: may be left unanswered (null).
    rows: "Section | None" = None  # For ROWS: the repeating section of the inner rows.

    @property
    def empty(self) -> Any:
        """Return the value that means "not answered" for this kind of question."""
        if self.kind in LIST_KINDS or self.kind is Kind.ROWS:
            return []
        if self.kind in TEXT_KINDS or self.kind is Kind.DATE:
            return ""  # A date is left out of the document when there is none.
        if self.kind is Kind.YES_NO:
            return False
        return None

    @property
    def initial(self) -> Any:
        """Return the value a new assessment (or row) starts with."""
        return self.empty if self.default is None else self.default

    def choice_label(self, value: str) -> str:
        return dict(self.choices).get(value, value)


@dataclass(frozen=True)
class Section:
    """A part of the questionnaire. A repeating section's questions describe one of its rows."""

    key: str  # The schema's key; "" for the questions at the top level of the document.
    title: str
    guidance: str
    questions: tuple[Question, ...]
    principle: str = ""  # The id of the Principle it mainly serves (principles.PRINCIPLES).
    repeating: bool = False
    row_title: str = ""  # What one row is called: "Data item".
    max_rows: int | None = None
    anchor_key: str = ""  # For the section with no schema key: its anchor.

    @property
    def anchor(self) -> str:
        """Return the section's id in pages ("data-items"), also the section comments name."""
        return (self.key or self.anchor_key).replace("_", "-")

    @property
    def principle_name(self) -> str:
        return PRINCIPLES[self.principle] if self.principle else ""

    def column(self, question: Question) -> str:
        """Return the model field that stores `question`: "purpose_statement", "title", "name"."""
        if self.repeating or not self.key:
            return question.key
        return f"{self.key}_{question.key}"

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.column(question) for question in self.questions)

    def question(self, key: str) -> Question:
        return next(q for q in self.questions if q.key == key)


def _text(key: str, label: str, limit: int, hint: str = "", **kw: Any) -> Question:
    return Question(key, label, Kind.LONG_TEXT, hint=hint, limit=limit, **kw)


def _line(key: str, label: str, limit: int, hint: str = "", **kw: Any) -> Question:
    return Question(key, label, Kind.SHORT_TEXT, hint=hint, limit=limit, **kw)


def _tick(key: str, label: str, hint: str = "") -> Question:
    return Question(key, label, Kind.YES_NO, hint=hint, default=False)


def _undecided(key: str, label: str) -> Question:
    return Question(key, label, Kind.YES_NO_UNDECIDED)


YES_NO_UNDECIDED_CHOICES = (("unknown", NOT_DECIDED), ("true", YES), ("false", NO))

SECTIONS: tuple[Section, ...] = (
    Section(
        key="",
        anchor_key="about",
        title="About the initiative",
        guidance="Name the policy, service, programme or intervention and say in plain words "
        "what it is, so that a reader who knows nothing of it can follow the rest.",
        questions=(
            _line(
                "title", "Title", 200, "A short name a colleague would recognise.", required=True
            ),
            Question(
                "initiative_kind",
                "Kind of initiative",
                Kind.CHOICE,
                choices=(
                    ("policy", "Policy"),
                    ("service", "Service"),
                    ("programme", "Programme"),
                    ("intervention", "Intervention"),
                    ("research", "Research"),
                    ("other", "Other"),
                ),
                default="other",
            ),
            _text("summary", "Summary", 5000),
        ),
    ),
    Section(
        key="purpose",
        title="Purpose and benefit",
        principle="he_tangata",
        guidance="Purpose matters: write down exactly what the information will be used for and "
        "why it is needed, and the tangible benefit for service users, whānau or communities. "
        "A good answer is specific enough that someone could tell whether a later use fits it. "
        "Say what it will not be used for, weigh the risks against the benefits, and name the "
        "law that allows it.",
        questions=(
            _text(
                "statement",
                "Purpose statement",
                10000,
                "What will be done with the information and why it is needed. Specific enough "
                "that a later use can be checked against it.",
            ),
            _text(
                "benefit",
                "Benefit",
                10000,
                "The tangible link between the purpose and better outcomes.",
            ),
            Question(
                "beneficiaries",
                "Who benefits",
                Kind.CHOICES,
                choices=(
                    ("individuals", "Individuals"),
                    ("whanau", "Whānau"),
                    ("communities", "Communities"),
                    ("iwi", "Iwi"),
                    ("public", "The public"),
                ),
            ),
            _text("risks", "Risks and how they balance against the benefits", 10000),
            _text(
                "legal_basis",
                "Legal basis",
                5000,
                "For example the Privacy Act 2020 information privacy principles, or the Act "
                "that sets up the service.",
            ),
            _text(
                "not_used_for",
                "What the data will not be used for",
                5000,
                "What the information will not be used for, and who will not see it.",
            ),
            _text("oversight", "Checks and oversight", 5000),
        ),
    ),
    Section(
        key="data_items",
        title="Data items",
        principle="he_tangata",
        guidance="List every item of information you will collect, use or share, and why each "
        "one is needed for the purpose. Collect only what is needed: 'just in case' is never a "
        "reason. For information you already hold, say why it was first collected and whether "
        "this use is consistent with that.",
        repeating=True,
        row_title="Data item",
        max_rows=500,
        questions=(
            _line("name", "Name", 200, required=True),
            _text("description", "Description", 2000),
            _tick("identifying", "Identifies people", "Does or can it identify a person?"),
            _tick(
                "sensitive",
                "Sensitive",
                "Could it be misunderstood or misused, harming or embarrassing a person, group "
                "or community?",
            ),
            Question(
                "form",
                "Form",
                Kind.CHOICE,
                choices=(("quantitative", "Quantitative"), ("qualitative", "Qualitative")),
                default="quantitative",
            ),
            Question(
                "source",
                "Source",
                Kind.CHOICE,
                choices=(
                    ("new_collection", "Newly collected"),
                    ("existing", "Existing data, reused"),
                ),
                default="new_collection",
            ),
            _text(
                "original_purpose",
                "Original purpose",
                2000,
                "For existing data: why it was collected.",
            ),
            _undecided(
                "consistent_with_original_purpose",
                "Is this use directly consistent with that purpose?",
            ),
            _text("justification", "Why it is needed", 2000),
            _line(
                "retention",
                "Retention",
                200,
                "How long it is kept: a duration such as P2Y or P18M, or a plain rule.",
            ),
            Question(
                "shared_with",
                "Shared with",
                Kind.LINES,
                hint="Other agencies or professionals, one per line.",
                limit=50,
                line_limit=200,
            ),
            _text("sharing_reason", "Why it is shared", 2000),
            _tick("linked_with_other_data", "Linked with other data"),
            _text("link_reason", "Why it is linked", 2000),
        ),
    ),
    Section(
        key="minimisation",
        title="Data minimisation",
        principle="he_tangata",
        guidance="Could the purpose be met without identifying anyone? Say whether de-identified, "
        "aggregated or sampled information was considered and why it does or does not serve.",
        questions=(
            _undecided(
                "identifying_needed", "Is information that identifies people needed at all?"
            ),
            _text("why_identifying", "Why identifying information is needed", 5000),
            _text("alternatives_considered", "Alternatives considered", 5000),
        ),
    ),
    Section(
        key="transparency",
        title="Transparency and choice",
        principle="mana_whakahaere",
        guidance="People should know what is collected, why, how it is used and who sees it, "
        "before it is collected where possible, in a way that suits their age, culture, "
        "language, literacy and disability. Offer real choices, and where there are none, "
        "explain why that is fair, reasonable and respectful.",
        questions=(
            _text("how_people_told", "How people are told", 5000),
            Question(
                "when_told",
                "When people are told",
                Kind.CHOICE,
                choices=(
                    ("before", "Before their information is collected"),
                    ("after", "Afterwards"),
                    ("not_told", "Not told"),
                ),
                nullable=True,  # Nothing is assumed: the radio starts unanswered.
            ),
            _text(
                "reason_not_told",
                "Reason people are told late or not at all",
                5000,
                "Needed when people are told only afterwards or not at all.",
            ),
            _text("choices_offered", "Choices offered", 5000),
            _text("reason_no_choice", "Why no choice is fair", 5000),
            _text("involvement_in_decisions", "Involvement in decisions", 5000),
            _text(
                "accessible_formats",
                "Accessible formats",
                5000,
                "How explanations suit age, culture, language, literacy and disability.",
            ),
        ),
    ),
    Section(
        key="access",
        title="Access and correction",
        principle="mana_whakahaere",
        guidance="People have the right to see and correct information about them. Make it easy: "
        "say how they ask, how corrections are made, what happens when one is not made, and "
        "how they can find out which organisations hold their information.",
        questions=(
            _text("access_process", "How people see their information", 5000),
            _text("correction_process", "How people correct their information", 5000),
            _text("refusal_process", "When a correction is not made", 5000),
            _text("holders_tracked", "How people know who holds their information", 5000),
        ),
    ),
    Section(
        key="stewardship",
        title="Stewardship",
        principle="kaitiakitanga",
        guidance="Act as a steward, not an owner: keep information safe, keep it only while it is "
        "needed, dispose of it securely, and make it available in de-identified form where "
        "that benefits others.",
        questions=(
            _text("safeguards", "Safeguards", 5000),
            _text("retention_policy", "Retention policy", 5000),
            _text("disposal", "Disposal", 5000),
            _text("deidentified_availability", "De-identified availability", 5000),
        ),
    ),
    Section(
        key="sharing_value",
        title="Sharing value",
        principle="mahitahitanga",
        guidance="Share the insights the information gives back with the service users, "
        "communities, iwi and providers it came from, in a form they can use.",
        questions=(
            _text("insights_planned", "Insights planned", 5000),
            _text("share_back_with", "Who the insights are shared back with", 5000),
            _text("format", "Format of the insights", 2000),
        ),
    ),
    Section(
        key="groups",
        title="Groups concerned",
        principle="manaakitanga",
        guidance="Respect the mana and dignity of the people the information is about. Say which "
        "groups with distinct views and needs are concerned, and how each group's worldview, "
        "rights and needs shape what is collected, how it is used and how it is explained.",
        questions=(
            _tick("maori", "Māori"),
            _tick("pacific", "Pacific peoples"),
            _tick("children_young_people", "Children and young people"),
            _tick("disabled_people", "Disabled people"),
            _text("other", "Other groups", 2000),
            _text(
                "considerations",
                "How each group's views and needs shape the work",
                10000,
                "How each group's worldview, rights and needs shape collection, use and "
                "explanation.",
            ),
        ),
    ),
    Section(
        key="consultations",
        title="Who was involved",
        principle="mahitahitanga",
        guidance="Work as equals with the people concerned. Record who was involved, how deeply "
        "(a simple check, a review, or co-design), and what came of it. The more sensitive the "
        "information, the deeper the engagement should be.",
        repeating=True,
        row_title="Consultation",
        max_rows=200,
        questions=(
            Question(
                "party",
                "Party",
                Kind.CHOICE,
                required=True,
                choices=(
                    ("service_users", "Service users"),
                    ("frontline_workers", "Frontline workers"),
                    ("community_representatives", "Community representatives"),
                    ("cultural_advisors", "Cultural advisors"),
                    ("iwi_maori", "Iwi and Māori"),
                    ("pacific_communities", "Pacific communities"),
                    ("disabled_people", "Disabled people"),
                    ("privacy_officer", "Privacy officer"),
                    ("legal", "Legal"),
                    ("other", "Other"),
                ),
            ),
            Question(
                "depth",
                "Depth",
                Kind.CHOICE,
                choices=(
                    ("check", "A simple check"),
                    ("review", "A review of the work"),
                    ("co_design", "Co-design and rich engagement"),
                ),
                default="review",
            ),
            _text("summary", "What came of it", 5000),
            Question("date", "Date", Kind.DATE, hint="YYYY-MM-DD"),
        ),
    ),
)

SECTION_BY_KEY: dict[str, Section] = {section.key: section for section in SECTIONS}
SECTION_BY_ANCHOR: dict[str, Section] = {section.anchor: section for section in SECTIONS}
REPEATING: tuple[Section, ...] = tuple(s for s in SECTIONS if s.repeating)


def assessment_questions() -> Iterator[tuple[Section, Question]]:
    """Yield the questions stored on the assessment itself (not in rows), in order."""
    for section in SECTIONS:
        if not section.repeating:
            yield from ((section, question) for question in section.questions)


def column_names() -> list[str]:
    """Return the assessment's own answer columns, in questionnaire order."""
    return [section.column(question) for section, question in assessment_questions()]


def choices(section_key: str, question_key: str) -> list[tuple[str, str]]:
    """Return the (value, label) pairs of a question, as a model's `choices` wants them."""
    return list(SECTION_BY_KEY[section_key].question(question_key).choices)
