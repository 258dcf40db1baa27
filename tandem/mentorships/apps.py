from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "tandem.mentorships"
    label = "mentorships"
    verbose_name = "Asks and mentorships"

    def ready(self) -> None:
        # Matching cannot import this app (it sits below it); tell it who can be asked.
        from tandem.matching.availability import (
            availability_provider_register,
            load_provider_register,
        )
        from tandem.mentorships.selectors.availability import (
            mentor_availability_for,
            mentor_load_for,
        )
        from tandem.mentorships.selectors.responsiveness import mentor_response_times
        from tandem.profiles.responsiveness import response_times_provider_register

        availability_provider_register(mentor_availability_for)
        load_provider_register(mentor_load_for)
        # The mentor cards below this app show how quickly each mentor answers asks.
        response_times_provider_register(mentor_response_times)
        # Moderation sits below this app: tell it how staff remove a reported ask.
        from tandem.mentorships.services.removal import ask_remove
        from tandem.moderation.removal import remover_register

        remover_register("ask", ask_remove)
        # A block ends the asks waiting between the two (moderation cannot import this app).
        from tandem.mentorships.services.asks import asks_end_for_block
        from tandem.moderation.blocks import on_block_register

        on_block_register(asks_end_for_block)
        # A counterpart may be blocked by name even once their profile is out of sight.
        from tandem.mentorships.selectors.mentorships import paired_ever
        from tandem.moderation.blocks import may_block_register

        may_block_register(paired_ever)
