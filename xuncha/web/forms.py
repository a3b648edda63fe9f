"""Form styling for Tabler: widgets get the CSS classes the dashboard expects."""

from django import forms


class StyledFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class StyledForm(StyledFormMixin, forms.Form):
    pass


class ArchiveForm(StyledForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, **kwargs):
        from django.utils.translation import gettext_lazy as _

        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Reason")


def rebase_on(data, current):
    """The editor's posted values, re-based on the record's current version after a conflict,
    so that saving again is a deliberate choice made after seeing what the other person changed."""
    rebased = data.copy()
    rebased["version"] = current.version
    return rebased
