from django.apps import AppConfig


class TribesConfig(AppConfig):
    name = "tandem.growth.tribes"
    label = "growth_tribes"
    verbose_name = "Tribes"
