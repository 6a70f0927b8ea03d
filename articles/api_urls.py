"""The public API under /api/: JSON lists and items, CSV exports, an Atom feed."""

from django.urls import path

from articles import api

app_name = "api"
urlpatterns = [
    path("articles/", api.article_list, name="articles"),
    path("articles/<int:pk>/", api.article_detail, name="article"),
    path("articles.csv", api.articles_csv, name="articles-csv"),
    path("articles.atom", api.articles_atom, name="articles-atom"),
    path("events/", api.event_list, name="events"),
    path("events.csv", api.events_csv, name="events-csv"),
    path("actors/", api.actor_list, name="actors"),
    path("venues/", api.venue_list, name="venues"),
]
