"""The upload form: one CSV file, no bigger than the import takes."""

from __future__ import annotations

from django import forms

from tandem.core.forms import PageForm
from tandem.programs.imports.parse import MAX_BYTES


class ImportUploadForm(PageForm):
    id_prefix = "import"

    file = forms.FileField(
        label="CSV file",
        help_text=f"UTF-8, comma- or semicolon-separated, up to {MAX_BYTES // 1_048_576} MB.",
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1_048_576:.1f} MB; the limit is "
                f"{MAX_BYTES // 1_048_576} MB. Split it into smaller files and import each."
            )
        data: bytes = upload.read()
        return data
