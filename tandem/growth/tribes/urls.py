from django.urls import path  # noqa: F401 - the tool's pages come here

app_name = "growth_tribes"

urlpatterns: list = []
