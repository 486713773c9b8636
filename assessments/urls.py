from django.urls import path

from assessments.views import assessments, editing, home, rules, transfer

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
    path("rules/", rules.rule_catalogue, name="rule_catalogue"),
]
