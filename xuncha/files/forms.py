"""Upload fields: several files at once, each checked by content before anything is saved."""

from django import forms

from xuncha.files.checks import check_upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class CheckedFilesField(forms.FileField):
    """Zero or more files; each must pass `check_upload` (kind by content, size, name)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        uploads = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [single(upload, initial) for upload in uploads if upload]
        for upload in cleaned:
            check_upload(upload)
        return cleaned
