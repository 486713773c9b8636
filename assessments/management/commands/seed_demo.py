from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessments.demo import DEMO_PASSWORD, demo_seed


class Command(BaseCommand):
    help = "Create demo organisations and users (development only; safe to run again)."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates users with a published password, so it runs only with "
                "DJANGO_DEBUG=true."
            )
        logins = demo_seed()
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in with any of these:"))
        for login in logins:
            roles = ", ".join(role.label for role in login.roles)
            self.stdout.write(
                f"  {login.username:<10} / {DEMO_PASSWORD}   {roles}, {login.organisation}"
            )
