from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "tandem.growth.careers"
    label = "growth_careers"
    verbose_name = "Career plan"
