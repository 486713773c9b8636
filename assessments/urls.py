from django.urls import path

from assessments.views import assessments, editing, home, rules

urlpatterns = [
    path("", home.home, name="home"),
    path("assessments/", assessments.assessment_index, name="assessment_list"),
    path("assessments/new/", editing.assessment_create, name="assessment_create"),
    path("assessments/<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/edit/", editing.assessment_edit, name="assessment_edit"),
    path("rules/", rules.rule_catalogue, name="rule_catalogue"),
]
