from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "tandem.conversations"
    label = "conversations"
    verbose_name = "Messages between the pair"

    def ready(self) -> None:
        # Moderation sits below this app: tell it how staff remove a reported message.
        from tandem.conversations.services import message_remove
        from tandem.moderation.removal import remover_register

        remover_register("message", message_remove)
