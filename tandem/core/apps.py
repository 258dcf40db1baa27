from django.apps import AppConfig
from django.urls import register_converter


class CoreConfig(AppConfig):
    name = "tandem.core"
    label = "core"

    def ready(self) -> None:
        from tandem.core import checks  # noqa: F401  (registers the deploy checks)
        from tandem.core.ids import IdConverter

        # `<id:…>` in every urls.py: an id route answers 404, never an overflow, for any number.
        register_converter(IdConverter, "id")

        from tandem.core import lookups

        # `id__in=[a huge number]` (a form's id field, the admin's widgets) matches nothing
        # instead of overflowing in the database, as `id=<a huge number>` already does.
        lookups.register()

        from tandem.core import expressions

        # Compiling an ordered query hashes each selected column: without `inspect`, it is cheap.
        expressions.install()

        from tandem.core import admin_inputs

        # The admin's autocomplete boxes leave out values their field cannot read (`?user=abc`).
        admin_inputs.install()
