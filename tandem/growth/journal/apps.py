from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "tandem.growth.journal"
    label = "growth_journal"
    verbose_name = "Journal"
