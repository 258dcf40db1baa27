from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "tandem.skills"
    label = "skills"
