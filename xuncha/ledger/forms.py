from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xuncha.files.checks import XLSX, check_upload
from xuncha.web.forms import StyledForm


class LedgerUploadForm(StyledForm):
    ledger = forms.FileField(label=_("Ledger (.xlsx)"))

    def clean_ledger(self):
        """Checked by content like every upload; a ledger must moreover be an Excel workbook."""
        upload = self.cleaned_data["ledger"]
        if check_upload(upload) is not XLSX:
            raise ValidationError(_("Upload the ledger as an Excel workbook (.xlsx)."))
        return upload
