"""Form rendering shared by every app: label, field, its errors, then help — no colons."""

from django.forms.renderers import DjangoTemplates


class TandemFormRenderer(DjangoTemplates):
    """Renders each field with core/forms/field.html (app templates can be found)."""

    field_template_name = "core/forms/field.html"
