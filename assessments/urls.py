from django.urls import include, path

from assessments.views import assessments, editing, home, notices, records, review, rules, transfer

urlpatterns = [
    path("", home.home, name="home"),
    path("assessments/", assessments.assessment_index, name="assessment_list"),
    path("assessments/new/", editing.assessment_create, name="assessment_create"),
    path("assessments/new/preview/", editing.assessment_preview_new, name="assessment_preview_new"),
    path("assessments/<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/edit/", editing.assessment_edit, name="assessment_edit"),
    path("assessments/<int:pk>/preview/", editing.assessment_preview, name="assessment_preview"),
    path("assessments/import/", transfer.assessment_import, name="assessment_import"),
    path("assessments/<int:pk>/export.json", transfer.assessment_export, name="assessment_export"),
    path(
        "assessments/<int:pk>/move/<slug:action>/", review.assessment_move, name="assessment_move"
    ),
    path("assessments/<int:pk>/comments/", review.comment_create, name="comment_create"),
    path(
        "assessments/<int:pk>/comments/<int:comment_pk>/addressed/",
        review.comment_addressed,
        name="comment_addressed",
    ),
    path("assessments/<int:pk>/revise/", review.assessment_revise, name="assessment_revise"),
    path("assessments/<int:pk>/review-date/", review.review_date_set, name="review_date_set"),
    path("assessments/<int:pk>/history/", review.assessment_history, name="assessment_history"),
    path("assessments/<int:pk>/record.pdf", records.assessment_record, name="assessment_record"),
    path("assessments/<int:pk>/notice/", notices.assessment_notice, name="assessment_notice"),
    path(
        "assessments/<int:pk>/notice.pdf",
        notices.assessment_notice_pdf,
        name="assessment_notice_pdf",
    ),
    path("rules/", rules.rule_catalogue, name="rule_catalogue"),
    path("", include("assessments.urls_dashboards")),
]
