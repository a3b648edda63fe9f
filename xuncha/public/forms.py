"""The public's forms: plain fields that read well on a phone, and the guards every submission
passes (honeypot, CAPTCHA) before the form itself is read."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.files.forms import MultipleFileInput
from xuncha.petitions.identity import Identity
from xuncha.public.intake import MAX_CONTENT, PASSPHRASE_LENGTH, normalise_code
from xuncha.public.uploads import clean_upload

ANONYMOUS, REAL_NAME = "anonymous", "real_name"


class PublicFilesField(forms.FileField):
    """Up to XUNCHA_PUBLIC_FILES photos or files, each bounded, recognised by its content and
    cleaned (`clean_upload`): the cleaned value is a list of `CleanFile`. A refused file is a
    `bad_file` error, counted apart from other mistakes."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,.pdf,.txt"})
        )
        super().__init__(required=False, **kwargs)

    def clean(self, data, initial=None):
        uploads = [u for u in (data if isinstance(data, list | tuple) else [data]) if u]
        if len(uploads) > settings.XUNCHA_PUBLIC_FILES:
            raise ValidationError(
                gettext("Send at most %(count)d photos or files.") % {"count": settings.XUNCHA_PUBLIC_FILES},
                code="bad_file",
            )
        cleaned = []
        for upload in uploads:
            try:
                cleaned.append(clean_upload(upload))
            except ValidationError as error:
                raise ValidationError(f"{upload.name[:60]}：{' '.join(error.messages)}", code="bad_file") from None
        return cleaned


class FilesMixin(forms.Form):
    files = PublicFilesField(label=_("Photos or files"))


class ReportForm(FilesMixin, forms.Form):
    content = forms.CharField(
        label=_("What do you want to report?"),
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Who, what, when and where, as precisely as you can."),
    )
    mode = forms.ChoiceField(
        label=_("How do you report?"),
        choices=[(ANONYMOUS, _("Anonymously")), (REAL_NAME, _("With my real name"))],
        initial=ANONYMOUS,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Name"), max_length=40, required=False)
    phone = forms.CharField(
        label=_("Contact phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
        help_text=_("Optional when you report anonymously: only for the office to reach you."),
    )
    workplace = forms.CharField(label=_("Workplace"), max_length=100, required=False)
    address = forms.CharField(label=_("Contact address"), max_length=200, required=False)

    field_order = ["content", "files", "mode", "name", "phone", "workplace", "address"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mode") == REAL_NAME:
            if not (cleaned.get("name") or "").strip():
                self.add_error("name", gettext("Enter your name, or choose to report anonymously."))
            if not (cleaned.get("phone") or "").strip():
                self.add_error("phone", gettext("Enter a phone number the office can reach you at."))
        return cleaned

    def real_name(self) -> bool:
        return self.cleaned_data.get("mode") == REAL_NAME

    def identity(self) -> Identity | None:
        data = self.cleaned_data
        if data.get("mode") == REAL_NAME:
            identity = Identity(
                name=data["name"].strip(), phone=data["phone"].strip(), workplace=data["workplace"].strip(),
                address=data["address"].strip(),
            )
        else:  # anonymous, perhaps with a way to be reached: sealed all the same
            identity = Identity(phone=data.get("phone", "").strip())
        return None if identity.is_empty() else identity


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"), max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    passphrase = forms.CharField(
        label=_("Passphrase"), max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])

    def clean_passphrase(self):
        value = normalise_code(self.cleaned_data["passphrase"])
        if len(value) != PASSPHRASE_LENGTH:
            raise ValidationError(gettext("The passphrase has 12 letters and digits."))
        return value


class AddendumForm(FilesMixin, forms.Form):
    content = forms.CharField(
        label=_("What do you want to add?"), max_length=MAX_CONTENT, widget=forms.Textarea(attrs={"rows": 5})
    )
