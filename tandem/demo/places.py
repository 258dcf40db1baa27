"""Where demo people live: cities with their timezone, the names and languages heard there."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """A city people live in, with the names and languages common there."""

    city: str
    country: str
    timezone: str
    locale: str  # the Faker locale used for names of people living here
    # Local languages besides English, each with the share of people who speak it.
    languages: tuple[tuple[str, float], ...] = ()


PLACES: dict[str, Place] = {
    "london": Place("London", "United Kingdom", "Europe/London", "en_GB", (("fr", 0.08),)),
    "manchester": Place("Manchester", "United Kingdom", "Europe/London", "en_GB", (("ur", 0.06),)),
    "edinburgh": Place("Edinburgh", "United Kingdom", "Europe/London", "en_GB"),
    "dublin": Place("Dublin", "Ireland", "Europe/Dublin", "en_IE", (("ga", 0.15),)),
    "berlin": Place("Berlin", "Germany", "Europe/Berlin", "de_DE", (("de", 0.9), ("tr", 0.06))),
    "munich": Place("Munich", "Germany", "Europe/Berlin", "de_DE", (("de", 0.95),)),
    "paris": Place("Paris", "France", "Europe/Paris", "fr_FR", (("fr", 0.95),)),
    "amsterdam": Place(
        "Amsterdam", "Netherlands", "Europe/Amsterdam", "nl_NL", (("nl", 0.85), ("de", 0.2))
    ),
    "madrid": Place("Madrid", "Spain", "Europe/Madrid", "es_ES", (("es", 0.95),)),
    "barcelona": Place(
        "Barcelona", "Spain", "Europe/Madrid", "es_ES", (("es", 0.95), ("ca", 0.6))
    ),
    "lisbon": Place("Lisbon", "Portugal", "Europe/Lisbon", "pt_PT", (("pt", 0.95),)),
    "stockholm": Place("Stockholm", "Sweden", "Europe/Stockholm", "sv_SE", (("sv", 0.95),)),
    "oslo": Place("Oslo", "Norway", "Europe/Oslo", "no_NO", (("no", 0.95),)),
    "copenhagen": Place("Copenhagen", "Denmark", "Europe/Copenhagen", "da_DK", (("da", 0.95),)),
    "warsaw": Place("Warsaw", "Poland", "Europe/Warsaw", "pl_PL", (("pl", 0.95),)),
    "new_york": Place("New York", "United States", "America/New_York", "en_US", (("es", 0.15),)),
    "boston": Place("Boston", "United States", "America/New_York", "en_US", (("pt", 0.05),)),
    "chicago": Place(
        "Chicago", "United States", "America/Chicago", "en_US", (("es", 0.12), ("pl", 0.05))
    ),
    "austin": Place("Austin", "United States", "America/Chicago", "en_US", (("es", 0.2),)),
    "san_francisco": Place(
        "San Francisco", "United States", "America/Los_Angeles", "en_US",
        (("zh", 0.1), ("es", 0.1)),
    ),
    "los_angeles": Place(
        "Los Angeles", "United States", "America/Los_Angeles", "en_US", (("es", 0.25),)
    ),
    "toronto": Place("Toronto", "Canada", "America/Toronto", "en_CA", (("fr", 0.25),)),
    "mexico_city": Place(
        "Mexico City", "Mexico", "America/Mexico_City", "es_MX", (("es", 0.98),)
    ),
    "sao_paulo": Place(
        "São Paulo", "Brazil", "America/Sao_Paulo", "pt_BR", (("pt", 0.98), ("es", 0.2))
    ),
    "bengaluru": Place(
        "Bengaluru", "India", "Asia/Kolkata", "en_IN", (("hi", 0.6), ("ta", 0.15), ("te", 0.15))
    ),
    "mumbai": Place(
        "Mumbai", "India", "Asia/Kolkata", "en_IN", (("hi", 0.8), ("mr", 0.4), ("gu", 0.15))
    ),
    "singapore": Place(
        "Singapore", "Singapore", "Asia/Singapore", "en_US",
        (("zh", 0.45), ("ms", 0.2), ("ta", 0.08)),
    ),
    "sydney": Place("Sydney", "Australia", "Australia/Sydney", "en_AU", (("zh", 0.06),)),
    "melbourne": Place(
        "Melbourne", "Australia", "Australia/Melbourne", "en_AU", (("el", 0.05), ("it", 0.05))
    ),
    "nairobi": Place("Nairobi", "Kenya", "Africa/Nairobi", "en_KE", (("sw", 0.9),)),
    "lagos": Place("Lagos", "Nigeria", "Africa/Lagos", "en_NG", (("yo", 0.6),)),
    "cape_town": Place(
        "Cape Town", "South Africa", "Africa/Johannesburg", "zu_ZA", (("zu", 0.4),)
    ),
}  # fmt: skip

# Languages people pick up besides the local ones, and how often someone has one.
SECOND_LANGUAGES: tuple[str, ...] = ("es", "fr", "de", "it", "pt", "zh", "ja", "ar")
SECOND_LANGUAGE_SHARE = 0.15
