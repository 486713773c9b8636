"""Forms for writing an assessment. Emptiness is for the rules to judge, so drafts save
incomplete; these forms refuse only what cannot be stored (wrong type, too long, unknown choice)."""

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.html import format_html
from django.utils.safestring import SafeString

from assessments.models import Assessment, Consultation, DataItem
from assessments.questionnaire import (
    SECTION_BY_KEY,
    YES_NO_UNDECIDED_CHOICES,
    Kind,
    Question,
    Section,
    column_names,
)
from assessments.te_reo import mark_te_reo

DATE_HINT = "Enter a date as YYYY-MM-DD, for example 2026-03-14."


class LinesField(forms.CharField):
    """A list of short texts, typed one per line; repeats are dropped."""

    widget = forms.Textarea(attrs={"rows": 2})

    def __init__(self, *, item_max_length: int = 200, **kwargs: Any) -> None:
        self.item_max_length = item_max_length
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        lines = [line.strip() for line in str(text).splitlines()]
        return list(dict.fromkeys(line for line in lines if line))

    def has_changed(self, initial: Any, data: Any) -> bool:
        # Compare lists with lists: an empty box against no initial value is no change, so a
        # blank formset row stays blank instead of demanding a name.
        return self.to_python(self.prepare_value(initial) or "") != self.to_python(data)

    def validate(self, value: Any) -> None:
        for number, line in enumerate(value, start=1):
            if len(line) > self.item_max_length:
                raise forms.ValidationError(
                    f"Line {number} has {len(line)} characters; shorten it to at most "
                    f"{self.item_max_length}."
                )


def question_field(question: Question, model_field: Any, *, in_row: bool) -> forms.Field | None:
    """Return the form field that asks `question`, stored in `model_field`.

    The model field (itself made from the question) gives type, limit and words; the kind of
    question decides the widget where the model's own would not do.
    """
    words: dict[str, Any] = {
        "label": question.label,
        "help_text": question.hint,
        "required": False,
    }
    kind = question.kind
    if kind is Kind.YES_NO_UNDECIDED:
        return forms.NullBooleanField(
            widget=forms.RadioSelect(choices=YES_NO_UNDECIDED_CHOICES), **words
        )
    if kind is Kind.CHOICES:
        return forms.MultipleChoiceField(
            choices=question.choices, widget=forms.CheckboxSelectMultiple, **words
        )
    if kind is Kind.CHOICE and question.nullable:
        return forms.TypedChoiceField(
            choices=question.choices, widget=forms.RadioSelect, empty_value=None, **words
        )
    if kind is Kind.LINES:
        return LinesField(item_max_length=question.line_limit or 200, **words)
    if kind is Kind.DATE:
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            error_messages={"invalid": DATE_HINT},
            **words,
        )
    if kind is Kind.LONG_TEXT:
        return model_field.formfield(widget=forms.Textarea(attrs={"rows": 2 if in_row else 3}))
    return model_field.formfield()


def _callback(sections: tuple[Section, ...]) -> Any:
    """Return a ModelForm `formfield_callback` that asks each column's question."""
    by_column = {
        section.column(question): (section, question)
        for section in sections
        for question in section.questions
    }

    def formfield(model_field: Any, **kwargs: Any) -> forms.Field | None:
        found = by_column.get(model_field.name)
        if found is None:
            return model_field.formfield(**kwargs)
        section, question = found
        return question_field(question, model_field, in_row=section.repeating)

    return formfield


class TeReoMixin:
    """Mark te reo Māori words in labels, hints and choices with lang="mi"."""

    fields: dict[str, forms.Field]

    def mark_te_reo_words(self) -> None:
        for f in self.fields.values():
            f.label = mark_te_reo(f.label) if f.label else f.label
            f.help_text = mark_te_reo(f.help_text) if f.help_text else f.help_text
            if isinstance(f, forms.ChoiceField):
                choices = cast(list[tuple[Any, Any]], list(f.choices))  # type: ignore[arg-type]
                f.choices = [(value, mark_te_reo(label)) for value, label in choices]


class AssessmentForm(TeReoMixin, forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Assessment
        fields = column_names()
        formfield_callback = _callback(tuple(s for s in SECTION_BY_KEY.values() if not s.repeating))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = True
        self.fields["title"].error_messages["required"] = (
            "Enter a title: a draft needs a name before it can be saved."
        )
        if self.instance.pk and not self.is_bound:
            self.initial["lock_version"] = self.instance.lock_version
        self.mark_te_reo_words()


DATA_ITEMS = SECTION_BY_KEY["data_items"]
CONSULTATIONS = SECTION_BY_KEY["consultations"]


class RowForm(TeReoMixin, forms.ModelForm):
    """One row of a repeating section; its Meta names the section's questions."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mark_te_reo_words()


class DataItemForm(RowForm):
    class Meta:
        model = DataItem
        fields = list(DATA_ITEMS.columns)
        formfield_callback = _callback((DATA_ITEMS,))


class ConsultationForm(RowForm):
    class Meta:
        model = Consultation
        fields = list(CONSULTATIONS.columns)
        formfield_callback = _callback((CONSULTATIONS,))


class OrderedInlineFormSet(BaseInlineFormSet):
    """Save rows numbered in the order they stand on the page."""

    def add_fields(self, form: forms.ModelForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this row when the draft is saved"

    def save(self, commit: bool = True) -> list[Any]:
        super().save(commit=False)  # Deletes nothing yet; links new rows to the assessment.
        for obj in self.deleted_objects:
            obj.delete()
        kept = [
            form
            for form in self.forms
            if (form.instance.pk is not None or form.has_changed())
            and not (self.can_delete and form.cleaned_data.get("DELETE"))
        ]
        for position, form in enumerate(kept):
            if form.instance.pk is None or form.has_changed() or form.instance.position != position:
                form.instance.position = position
                form.instance.save()
        return [form.instance for form in kept]


DataItemFormSet = inlineformset_factory(
    Assessment,
    DataItem,
    form=DataItemForm,
    formset=OrderedInlineFormSet,
    extra=1,
    can_delete=True,
    max_num=DATA_ITEMS.max_rows,
    validate_max=True,
)
ConsultationFormSet = inlineformset_factory(
    Assessment,
    Consultation,
    form=ConsultationForm,
    formset=OrderedInlineFormSet,
    extra=1,
    can_delete=True,
    max_num=CONSULTATIONS.max_rows,
    validate_max=True,
)


@dataclass(frozen=True)
class ErrorLink:
    anchor: str
    text: SafeString


def _anchor(bound: forms.BoundField) -> str:
    """Return the id an error links to: the field, or the first choice of a group of choices."""
    if bound.id_for_label:
        return bound.id_for_label
    # Radio buttons and checkbox lists have no single element to label; link to the first one.
    subwidgets = bound.subwidgets if bound.auto_id else []
    return subwidgets[0].id_for_label if subwidgets else ""


def _field_error_links(form: forms.BaseForm) -> list[ErrorLink]:
    links = [ErrorLink("", format_html("{}", error)) for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name != "__all__":
            bound = form[name]
            links += [
                ErrorLink(_anchor(bound), format_html("{}: {}", bound.label, error))
                for error in errors
            ]
    return links


def error_links(
    form: forms.BaseForm,
    formsets: list[tuple[str, forms.BaseFormSet]],
    *more_forms: forms.BaseForm,
) -> list[ErrorLink]:
    """List every error on the page, each linking to the field it concerns.

    `formsets` pairs each formset with what one of its rows is called ("Data item").
    """
    links = _field_error_links(form)
    for title, formset in formsets:
        links += [
            ErrorLink("", format_html("{}: {}", title, error))
            for error in formset.non_form_errors()
        ]
        for number, subform in enumerate(formset.forms, start=1):
            links += [
                ErrorLink(subform.prefix, format_html("{} {}: {}", title, number, error))
                for error in subform.non_field_errors()
            ]
            for name, errors in subform.errors.items():
                if name != "__all__":
                    bound = subform[name]
                    links += [
                        ErrorLink(
                            _anchor(bound),
                            format_html("{} {}, {}: {}", title, number, bound.label, error),
                        )
                        for error in errors
                    ]
    for extra in more_forms:
        links += _field_error_links(extra)
    return links


class JustificationsForm(forms.Form):
    """Why a finding does not apply, one field per rule that needs or has a reason.

    Stored reasons for rules now met are kept, so that nothing typed disappears when a finding
    changes.
    """

    prefix = "justification"
    MAX_LENGTH = 5000

    def __init__(
        self, *args: Any, rule_ids: list[str], initial_reasons: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for rule_id in sorted({*rule_ids, *initial_reasons}):
            self.fields[rule_id] = forms.CharField(
                label=f"Why {rule_id} does not apply here",
                required=False,
                max_length=self.MAX_LENGTH,
                initial=initial_reasons.get(rule_id, ""),
                widget=forms.Textarea(attrs={"rows": 2, "form": "assessment-form"}),
                help_text="Give your reason in at least three words; the reviewer reads it "
                "beside the finding.",
            )

    def reasons(self) -> dict[str, str]:
        """Return the non-empty reasons by rule id."""
        return {rule: text for rule, text in self.cleaned_data.items() if text}


def justifiable_rules(result: Any) -> list[str]:
    """Return the ids of findings in `result` that a reason can be given for."""
    if result is None:
        return []
    return [f.rule for f in result.findings() if f.status in JUSTIFIABLE_STATUSES]


JUSTIFIABLE_STATUSES = frozenset({"not_met", "partial", "justified"})


@dataclass
class AssessmentForms:
    """Everything the assessment page posts: the answers, both kinds of row, and reasons."""

    form: AssessmentForm
    data_items: "BaseInlineFormSet[DataItem, Assessment, DataItemForm]"
    consultations: "BaseInlineFormSet[Consultation, Assessment, ConsultationForm]"
    justifications: JustificationsForm

    @classmethod
    def bind(
        cls, data: Any, assessment: Assessment, *, justifiable: list[str]
    ) -> "AssessmentForms":
        return cls(
            form=AssessmentForm(data, instance=assessment),
            data_items=DataItemFormSet(data, instance=assessment, prefix="data_items"),
            consultations=ConsultationFormSet(data, instance=assessment, prefix="consultations"),
            justifications=JustificationsForm(
                data, rule_ids=justifiable, initial_reasons=assessment.justifications
            ),
        )

    def is_valid(self) -> bool:
        return all(
            f.is_valid()
            for f in (self.form, self.data_items, self.consultations, self.justifications)
        )

    def error_links(self) -> list[ErrorLink]:
        return error_links(
            self.form,
            [
                (DATA_ITEMS.row_title, self.data_items),
                (CONSULTATIONS.row_title, self.consultations),
            ],
            self.justifications,
        )

    def unsaved_rows(self) -> dict[str, list[Any]]:
        """Return the rows as the page has them now (valid forms only), in page order."""
        return {
            prefix: [
                f.instance
                for f in formset.forms
                if (f.instance.pk is not None or f.has_changed())
                and not (formset.can_delete and f.cleaned_data.get("DELETE"))
            ]
            for prefix, formset in (
                ("data_items", self.data_items),
                ("consultations", self.consultations),
            )
        }
