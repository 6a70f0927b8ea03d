from django.urls import path

from articles.views import lists, pages

app_name = "articles"
urlpatterns = [
    path("", lists.article_list, name="list"),
    path("search/", lists.search_page, name="search"),
    path("articles/<int:pk>/", pages.article_detail, name="detail"),
    path("actors/<slug:slug>/", pages.actor_detail, name="actor"),
    path("venues/<slug:slug>/", pages.venue_detail, name="venue"),
    path("events/<int:pk>/", pages.event_detail, name="event"),
    path("conflicts/", pages.conflict_list, name="conflicts"),
    path("conflicts/<slug:slug>/", pages.conflict_detail, name="conflict"),
]
