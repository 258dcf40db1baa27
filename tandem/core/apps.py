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
