"""The sections of an assessment, in the order DPUP's Purpose Matters guideline asks them.

The form, the detail page and the record all walk this one list, so they agree on order,
headings and guidance.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    guidance: str
    fields: tuple[str, ...] = ()
    principle: str = ""  # The Principle it mainly serves, shown with lang="mi".
    formset: str = ""  # "data_items" or "consultations" for the repeating sections.
    hints: dict[str, str] = field(default_factory=dict)


SECTIONS: tuple[Section, ...] = (
    Section(
        id="about",
        title="About the initiative",
        guidance="Name the policy, service, programme or intervention and say in plain words "
        "what it is, so that a reader who knows nothing of it can follow the rest.",
        fields=("title", "initiative_kind", "summary"),
    ),
    Section(
        id="purpose",
        title="Purpose and benefit",
        principle="He Tāngata",
        guidance="Purpose matters: write down exactly what the information will be used for and "
        "why it is needed, and the tangible benefit for service users, whānau or communities. "
        "A good answer is specific enough that someone could tell whether a later use fits it. "
        "Say what it will not be used for, weigh the risks against the benefits, and name the "
        "law that allows it.",
        fields=(
            "purpose_statement",
            "purpose_benefit",
            "purpose_beneficiaries",
            "purpose_risks",
            "purpose_legal_basis",
            "purpose_not_used_for",
            "purpose_oversight",
        ),
    ),
    Section(
        id="data-items",
        title="Data items",
        principle="He Tāngata",
        guidance="List every item of information you will collect, use or share, and why each "
        "one is needed for the purpose. Collect only what is needed: 'just in case' is never a "
        "reason. For information you already hold, say why it was first collected and whether "
        "this use is consistent with that.",
        formset="data_items",
    ),
    Section(
        id="minimisation",
        title="Data minimisation",
        principle="He Tāngata",
        guidance="Could the purpose be met without identifying anyone? Say whether de-identified, "
        "aggregated or sampled information was considered and why it does or does not serve.",
        fields=(
            "minimisation_identifying_needed",
            "minimisation_why_identifying",
            "minimisation_alternatives_considered",
        ),
    ),
    Section(
        id="transparency",
        title="Transparency and choice",
        principle="Mana Whakahaere",
        guidance="People should know what is collected, why, how it is used and who sees it, "
        "before it is collected where possible, in a way that suits their age, culture, "
        "language, literacy and disability. Offer real choices, and where there are none, "
        "explain why that is fair, reasonable and respectful.",
        fields=(
            "transparency_how_people_told",
            "transparency_when_told",
            "transparency_reason_not_told",
            "transparency_choices_offered",
            "transparency_reason_no_choice",
            "transparency_involvement_in_decisions",
            "transparency_accessible_formats",
        ),
    ),
    Section(
        id="access",
        title="Access and correction",
        principle="Mana Whakahaere",
        guidance="People have the right to see and correct information about them. Make it easy: "
        "say how they ask, how corrections are made, what happens when one is not made, and "
        "how they can find out which organisations hold their information.",
        fields=(
            "access_access_process",
            "access_correction_process",
            "access_refusal_process",
            "access_holders_tracked",
        ),
    ),
    Section(
        id="stewardship",
        title="Stewardship",
        principle="Kaitiakitanga",
        guidance="Act as a steward, not an owner: keep information safe, keep it only while it is "
        "needed, dispose of it securely, and make it available in de-identified form where "
        "that benefits others.",
        fields=(
            "stewardship_safeguards",
            "stewardship_retention_policy",
            "stewardship_disposal",
            "stewardship_deidentified_availability",
        ),
    ),
    Section(
        id="sharing-value",
        title="Sharing value",
        principle="Mahitahitanga",
        guidance="Share the insights the information gives back with the service users, "
        "communities, iwi and providers it came from, in a form they can use.",
        fields=(
            "sharing_value_insights_planned",
            "sharing_value_share_back_with",
            "sharing_value_format",
        ),
    ),
    Section(
        id="groups",
        title="Groups concerned",
        principle="Manaakitanga",
        guidance="Respect the mana and dignity of the people the information is about. Say which "
        "groups with distinct views and needs are concerned, and how each group's worldview, "
        "rights and needs shape what is collected, how it is used and how it is explained.",
        fields=(
            "groups_maori",
            "groups_pacific",
            "groups_children_young_people",
            "groups_disabled_people",
            "groups_other",
            "groups_considerations",
        ),
    ),
    Section(
        id="consultations",
        title="Who was involved",
        principle="Mahitahitanga",
        guidance="Work as equals with the people concerned. Record who was involved, how deeply "
        "(a simple check, a review, or co-design), and what came of it. The more sensitive the "
        "information, the deeper the engagement should be.",
        formset="consultations",
    ),
)

SECTION_BY_FIELD = {name: section for section in SECTIONS for name in section.fields}
