from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "tandem.growth.education"
    label = "growth_education"
    verbose_name = "Education return"
