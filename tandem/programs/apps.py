from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "tandem.programs"
    label = "programs"

    def ready(self) -> None:
        # Moderation sits below this app: a published match's other person may be blocked by
        # name even once their profile is out of sight.
        from tandem.moderation.blocks import may_block_register
        from tandem.programs.selectors.matches import matched_ever

        may_block_register(matched_ever)
