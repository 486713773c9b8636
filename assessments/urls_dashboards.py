"""Dashboards; included by assessments.urls at the site root."""

from django.urls import path

from assessments.views import dashboards

urlpatterns = [
    path("my-work/", dashboards.my_work_view, name="my_work"),
    path("review/", dashboards.review_queue_view, name="review_queue"),
    path("portfolio/", dashboards.portfolio_view, name="portfolio"),
    path("portfolio.csv", dashboards.portfolio_csv_view, name="portfolio_csv"),
]
