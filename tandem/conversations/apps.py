from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "tandem.conversations"
    label = "conversations"
    verbose_name = "Messages between the pair"
