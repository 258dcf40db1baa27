from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "tandem.meetings"
    label = "meetings"
    verbose_name = "Meetings and follow-through"

    def ready(self) -> None:
        # The mentorship services sit below this app: when a mentorship ends, they call off
        # its meetings still ahead through this hook.
        from tandem.meetings.services.moves import meetings_call_off
        from tandem.mentorships.services.mentorships import ended_hook_register

        ended_hook_register(meetings_call_off)
        # Moderation sits below this app: tell it how staff remove a reported shared note.
        from tandem.meetings.services.removal import note_remove
        from tandem.moderation.removal import remover_register

        remover_register("note", note_remove)
