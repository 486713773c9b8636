"""The organisation's audit trail; included by dpup_site.urls at the site root."""

from django.urls import path

from assessments.views import audit

urlpatterns = [
    path("audit/", audit.audit_trail_view, name="audit_trail"),
    path("audit.csv", audit.audit_csv_view, name="audit_csv"),
]
