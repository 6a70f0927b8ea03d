"""The `link` template tag: `{% url %}` remembered per process, so it must answer the same."""

from django.template import engines
from django.urls import reverse, set_script_prefix

from articles.templatetags.archive import link

TEMPLATE = engines["django"].from_string(
    "{% load archive %}{% for slug in slugs %}<a href=\"{% link 'articles:venue' slug %}\">{% endfor %}"
)


def test_a_link_is_what_reverse_gives_for_the_same_view_and_arguments():
    assert link("articles:actor", "nikol-pashinyan") == reverse("articles:actor", args=["nikol-pashinyan"])
    assert link("articles:detail", 1234) == reverse("articles:detail", args=[1234]) == "/articles/1234/"
    assert link("articles:list") == reverse("articles:list")


def test_a_remembered_link_follows_the_script_prefix_of_the_request():
    assert link("articles:venue", "moscow") == "/venues/moscow/"
    set_script_prefix("/archive/")
    try:
        assert link("articles:venue", "moscow") == "/archive/venues/moscow/"
    finally:
        set_script_prefix("/")
    assert link("articles:venue", "moscow") == "/venues/moscow/"


def test_links_in_a_template_render_as_url_tags_do():
    slugs = ["moscow", "brussels", "moscow"]
    assert TEMPLATE.render({"slugs": slugs}) == "".join(f'<a href="/venues/{slug}/">' for slug in slugs)
