from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "tandem.profiles"
    label = "profiles"

    def ready(self) -> None:
        # Moderation sits below this app: tell it how staff remove a reported profile.
        from tandem.moderation.removal import remover_register
        from tandem.profiles.services import profile_hide

        remover_register("profile", profile_hide)
        # ...and whom a person may block by name: someone whose profile they may see.
        from tandem.moderation.blocks import may_block_register
        from tandem.profiles.selectors import person_listed

        may_block_register(person_listed)
        # ...and that a suspension changes what their profile stands for (the mentor index).
        from tandem.moderation.reports import on_suspend_register
        from tandem.profiles.services import profiles_touch

        on_suspend_register(profiles_touch)
