from django.urls import path

from tandem.growth.careers import views

app_name = "growth_careers"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("goals/", views.goal_add, name="goal_add"),
    path("goals/<id:goal_id>/remove/", views.goal_remove, name="goal_remove"),
    path("agreement/<id:mentorship_id>/", views.agreement_seed, name="agreement_seed"),
]
