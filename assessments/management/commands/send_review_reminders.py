from typing import Any

from django.core.management.base import BaseCommand

from assessments.reviewing import REMIND_DAYS_BEFORE, review_reminders_send


class Command(BaseCommand):
    help = (
        f"E-mail the owners of approved assessments whose review is due within "
        f"{REMIND_DAYS_BEFORE} days or overdue; once per assessment and due date."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = review_reminders_send()
        for reminder in sent:
            self.stdout.write(f"{reminder.assessment.reference}: reminded {reminder.sent_to}")
        self.stdout.write(self.style.SUCCESS(f"Sent {len(sent)} reminder(s)."))
