"""Every form of the platform: styling for Tabler (widgets get the CSS classes the dashboard
expects) and the input normalisation of xuncha.web.inputs, applied before any field sees the data."""

from django import forms
from django.core import validators
from django.utils.translation import gettext_lazy

from xuncha.web import inputs

NUL_MESSAGE = gettext_lazy(
    "The text contains a NUL character (\\x00), which cannot be stored. It usually comes from text copied out of "
    "another program: delete it and submit again."
)


def is_code_field(name: str) -> bool:
    """Fields where digits and Latin letters are expected: codes and phone numbers."""
    return name == "code" or name.endswith("_code") or "phone" in name


class NormalisedInputMixin:
    """Normalises the submitted data once, before validation (xuncha.web.inputs):
    - one-line text: invisible and direction-control characters removed; codes and phone
      numbers (is_code_field) also NFKC, so full-width digits become ASCII;
    - multi-line text: invisible characters removed, line breaks kept;
    - ids of choice fields: NFKC and range-checked, an impossible id becomes one that matches
      nothing, so the field says "not a valid choice" instead of the database overflowing;
    - text longer than an Excel cell is refused (the ledger must export what it stores);
    - a NUL character is left in place for the field to refuse with NUL_MESSAGE.
    """

    # fields whose form checks the cell limit itself (e.g. a measure's unchanged long text,
    # written cut with a mark by the ledger export, may be saved back whole)
    cell_limit_checked: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                if name not in self.cell_limit_checked:
                    _fit_excel(field)
                for index, validator in enumerate(field.validators):
                    if isinstance(validator, validators.ProhibitNullCharactersValidator):
                        field.validators[index] = validators.ProhibitNullCharactersValidator(message=NUL_MESSAGE)
        if self.is_bound:
            self.data = self.normalised(self.data)

    def normalised(self, data):
        data = data.copy()
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            clean = _cleaner(name, field)
            if key not in data or clean is None:
                continue
            if hasattr(data, "setlist"):  # a QueryDict: every value of the key
                data.setlist(key, [clean(v) if isinstance(v, str) else v for v in data.getlist(key)])
            elif isinstance(data[key], str):
                data[key] = clean(data[key])
            elif isinstance(data[key], list | tuple):
                data[key] = [clean(v) if isinstance(v, str) else v for v in data[key]]
        return data


def _fit_excel(field: forms.CharField) -> None:
    if field.max_length is None or field.max_length > inputs.EXCEL_CELL_LIMIT:
        field.max_length = inputs.EXCEL_CELL_LIMIT
        field.validators.append(validators.MaxLengthValidator(inputs.EXCEL_CELL_LIMIT))


def _cleaner(name: str, field):
    if isinstance(field, forms.ModelChoiceField):
        return _choice_id
    if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
        return None
    if isinstance(field.widget, forms.Textarea):
        return _keep_nul(inputs.clean_text)
    return _keep_nul(inputs.clean_code if is_code_field(name) else inputs.clean_name)


def _keep_nul(clean):
    return lambda value: value if inputs.has_nul(value) else clean(value)


def _choice_id(value: str) -> str:
    if value == "":
        return value
    pk = inputs.parse_id(value)
    return "0" if pk is None else str(pk)


class StyledFormMixin(NormalisedInputMixin):
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
