"""Review actions on one assessment: move it, comment, revise, reschedule, compare versions."""

import datetime

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from assessments.access import get_assessment_for_user
from assessments.diff import diff_documents
from assessments.http import AuthenticatedHttpRequest
from assessments.models import Comment, Snapshot, Status
from assessments.reviewing import (
    assessment_set_review_date,
    comment_add,
    comment_mark_addressed,
)
from assessments.views.assessments import render_detail
from assessments.workflow import (
    TARGET_BY_ACTION,
    TRANSITIONS,
    TransitionRefused,
    assessment_new_version,
    assessment_transition,
)


@require_POST
def assessment_move(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    target = TARGET_BY_ACTION.get(action)
    comment = request.POST.get("comment", "")
    if target is None:
        return render_detail(request, assessment, action_error="That is not an action.", status=400)
    try:
        moved = assessment_transition(
            assessment=assessment, actor=request.user, target=Status(target), comment=comment
        )
    except TransitionRefused as refused:
        # Show the page again with the reason and everything typed, not a bare redirect.
        return render_detail(
            request,
            assessment,
            action_error=str(refused),
            blocking=refused.blocking,
            typed={action: comment},
            # A refusal about blocking findings links to them; one about the comment, to its box.
            error_field=""
            if refused.blocking or action not in COMMENTED_ACTIONS
            else f"move-{action}",
            status=409,
        )
    messages.success(request, f"{moved.reference} is now {moved.get_status_display().lower()}.")
    return redirect("assessment_detail", pk=moved.pk)


COMMENTED_ACTIONS = frozenset(t.action for t in TRANSITIONS.values() if t.comment_required)


def comment_field_id(about: str) -> str:
    """Return the id of the comment box for `about` ("", "section:purpose", "rule:HT-01")."""
    return "comment-" + (slugify(about) or "whole")


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    about = forms.CharField(required=False, max_length=48, widget=forms.HiddenInput)

    def target(self) -> tuple[str, str]:
        """Return (section, rule) from `about`: "", "section:purpose" or "rule:HT-01"."""
        kind, _, value = self.cleaned_data["about"].partition(":")
        return (value, "") if kind == "section" else ("", value) if kind == "rule" else ("", "")


@require_POST
def comment_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    form = CommentForm(request.POST)
    about = request.POST.get("about", "")
    if not form.is_valid():
        return render_detail(
            request,
            assessment,
            action_error="Write the comment (at most 5000 characters) before adding it.",
            typed={"comment": request.POST.get("body", ""), "about": about},
            error_field=comment_field_id(about),
            status=400,
        )
    section, rule = form.target()
    try:
        comment_add(
            assessment=assessment,
            author=request.user,
            body=form.cleaned_data["body"],
            section=section,
            rule=rule,
        )
    except TransitionRefused as refused:
        return render_detail(request, assessment, action_error=str(refused), status=403)
    messages.success(request, "Comment added.")
    anchor = f"section-{section}" if section else f"finding-{rule}" if rule else "comments"
    return redirect(reverse("assessment_detail", args=[assessment.pk]) + f"#{anchor}")


@require_POST
def comment_addressed(request: AuthenticatedHttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    comment = get_object_or_404(Comment, pk=comment_pk, assessment=assessment)
    try:
        comment_mark_addressed(comment=comment, actor=request.user)
    except TransitionRefused as refused:
        return render_detail(request, assessment, action_error=str(refused), status=403)
    messages.success(request, "Comment marked addressed.")
    return redirect("assessment_detail", pk=assessment.pk)


@require_POST
def assessment_revise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    try:
        draft = assessment_new_version(assessment=assessment, actor=request.user)
    except TransitionRefused as refused:
        return render_detail(request, assessment, action_error=str(refused), status=409)
    messages.success(
        request,
        f"Version {draft.version} started. Version {assessment.version} stays the record "
        "until this one is approved.",
    )
    return redirect("assessment_edit", pk=draft.pk)


class ReviewDateForm(forms.Form):
    due = forms.DateField(
        label="Next review due",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a date as YYYY-MM-DD, for example 2027-03-14."},
    )


@require_POST
def review_date_set(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    form = ReviewDateForm(request.POST)
    due: datetime.date | None = form.cleaned_data["due"] if form.is_valid() else None
    try:
        if due is None:
            raise TransitionRefused(
                "Next review due: enter a date as YYYY-MM-DD, for example 2027-03-14."
            )
        assessment_set_review_date(assessment=assessment, actor=request.user, due=due)
    except TransitionRefused as refused:
        return render_detail(
            request,
            assessment,
            action_error=str(refused),
            typed={"due": request.POST.get("due", "")},
            error_field="review-due",
            status=400,
        )
    messages.success(request, f"Next review due {due:%d %B %Y}.")
    return redirect("assessment_detail", pk=assessment.pk)


def assessment_history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """List every submitted and approved version of this reference, and compare any two."""
    assessment = get_assessment_for_user(request.user, pk)
    snapshots = list(
        Snapshot.objects.filter(
            assessment__organisation_id=assessment.organisation_id,
            assessment__reference=assessment.reference,
        )
        .select_related("assessment", "taken_by")
        .order_by("taken_at", "pk")
    )
    by_pk = {str(s.pk): s for s in snapshots}
    default_old, default_new = (
        (snapshots[-2], snapshots[-1]) if len(snapshots) > 1 else (None, None)
    )
    old = by_pk.get(request.GET.get("a", ""), default_old)
    new = by_pk.get(request.GET.get("b", ""), default_new)
    changes = diff_documents(old.document, new.document) if old and new else None
    return render(
        request,
        "assessments/history.html",
        {
            "assessment": assessment,
            "snapshots": snapshots,
            "old": old,
            "new": new,
            "changes": changes,
        },
    )
