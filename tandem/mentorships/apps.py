from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "tandem.mentorships"
    label = "mentorships"
    verbose_name = "Asks and mentorships"

    def ready(self) -> None:
        # Matching cannot import this app (it sits below it); tell it who can be asked.
        from tandem.matching.availability import availability_provider_register
        from tandem.mentorships.selectors.availability import mentor_availability_for

        availability_provider_register(mentor_availability_for)
