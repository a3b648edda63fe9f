"""The choices of the measure form's model fields, read once for all the changed rows of an
import instead of once per row and field.

`ModelChoiceField` asks its queryset `get(pk=…)` and `ModelMultipleChoiceField` asks it
`filter(pk=…)` and `filter(pk__in=…)`: a query per field of every form. `LoadedChoices` is the
queryset the form would be given (`Model.objects.filter(pk__in=ids)`) with those three calls
answered from rows read beforehand (the very rows the query returns); the fields run their own
code unchanged, so their checks and messages are the form's. Anything else chained onto it runs
as the ordinary queryset it is.
"""

from django.db.models import QuerySet


class LoadedChoices(QuerySet):
    @classmethod
    def of(cls, model, rows: dict):
        """The choices `model.objects.filter(pk__in=rows)`; `rows`: pk -> instance, in the
        model's order, holding exactly what that query returns."""
        choices = cls(model=model).filter(pk__in=list(rows))
        choices._rows = rows
        return choices

    def _clone(self):
        clone = super()._clone()
        clone._rows = getattr(self, "_rows", None)
        return clone

    def filter(self, *args, **kwargs):
        rows = getattr(self, "_rows", None)
        lookup = next(iter(kwargs)) if len(kwargs) == 1 and not args else None
        if rows is None or lookup not in ("pk", "pk__in"):
            return super().filter(*args, **kwargs)
        narrowed = super().filter(**kwargs)  # refuses a value that is not a key, as the query would
        prepare = self.model._meta.pk.get_prep_value
        wanted = {prepare(v) for v in ([kwargs["pk"]] if lookup == "pk" else kwargs["pk__in"])}
        narrowed._rows = {pk: row for pk, row in rows.items() if pk in wanted}
        narrowed._result_cache = list(narrowed._rows.values())
        narrowed._prefetch_done = True
        return narrowed

    def get(self, *args, **kwargs):
        if getattr(self, "_rows", None) is None or args or list(kwargs) != ["pk"]:
            return super().get(*args, **kwargs)
        found = self.filter(**kwargs)._result_cache
        if not found:
            raise self.model.DoesNotExist(f"{self.model._meta.object_name} matching query does not exist.")
        return found[0]
