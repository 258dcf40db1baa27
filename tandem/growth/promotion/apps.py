from django.apps import AppConfig


class PromotionConfig(AppConfig):
    name = "tandem.growth.promotion"
    label = "growth_promotion"
    verbose_name = "Promotion plan"
