from django.apps import AppConfig


class StuckConfig(AppConfig):
    name = "tandem.growth.stuck"
    label = "growth_stuck"
    verbose_name = "Am I stuck?"
