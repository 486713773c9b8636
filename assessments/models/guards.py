"""Records that must not change once written: refused in the model, not only in services."""

from typing import Any

from django.db import models


class ImmutableRecord(Exception):
    """An attempt to change or delete something that is kept as evidence."""


class AppendOnlyQuerySet(models.QuerySet):
    """Rows can be added and read, never changed or removed in bulk."""

    def update(self, **kwargs: Any) -> int:
        raise ImmutableRecord(f"{self.model.__name__} rows are never changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableRecord(f"{self.model.__name__} rows are never deleted.")


AppendOnlyManager = models.Manager.from_queryset(AppendOnlyQuerySet)


class AppendOnlyModel(models.Model):
    """A model whose rows, once saved, stay exactly as they were written.

    Each concrete model also declares `objects = AppendOnlyManager()`, so that bulk updates
    and deletes are refused too.
    """

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ImmutableRecord(f"{type(self).__name__} {self.pk} is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableRecord(f"{type(self).__name__} {self.pk} is never deleted.")
