"""Every query parameter of every public page and API endpoint, fuzzed (issue 7).

Hostile values (wrong types, huge numbers and strings, SQL fragments, broken UTF-8, NUL,
control and bidi characters, repeated parameters) go to each parameter each URL reads,
listed and through Hypothesis. Every answer is 200, 400 or 404, never 500, and nothing
is written to the database. Schemathesis checks the API against docs/openapi.yaml too.

The demo corpus is ingested once for the module, inside a transaction that is rolled
back when the module ends; each test runs in a savepoint within it, as usual.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote

import pytest
import schemathesis
import yaml
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest, get_bytes_from_wsgi
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.http import QueryDict
from django.urls import resolve, reverse
from django.utils.functional import cached_property
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from articles import api_urls
from articles import urls as page_urls
from articles.conflicts import assign_articles
from articles.models import Actor, Alias, Article, Conflict, Event, EventParticipant, Mention, Source, Venue
from tests.conftest import DEMO_CORPUS, run_command
from tests.support.servers import ROOT

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"

FILTERS = ("q", "actor", "venue", "source", "event_type", "conflict", "date_from", "date_to")
ARTICLE_FILTERS = (*FILTERS, "order")

# Every public URL, by name, with the query parameters its view reads (articles/filters.py,
# articles/views/, articles/api.py). test_the_list_names_every_parameter_each_view_reads
# fails when a view starts reading one that is not here.
PARAMETERS: dict[str, tuple[str, ...]] = {
    "articles:list": (*ARTICLE_FILTERS, "page"),
    "articles:search": ("q", "page"),
    "articles:detail": (),
    "articles:actor": (),
    "articles:venue": (),
    "articles:event": (),
    "articles:conflicts": (),
    "articles:conflict": (),
    "api:articles": (*ARTICLE_FILTERS, "page", "page_size", "after"),
    "api:article": (),
    "api:articles-csv": ARTICLE_FILTERS,
    "api:articles-atom": ARTICLE_FILTERS,
    "api:events": (*FILTERS, "page", "page_size", "after"),
    "api:events-csv": FILTERS,
    "api:actors": ("q",),
    "api:venues": ("q",),
}
ALL_PARAMETERS = sorted({name for names in PARAMETERS.values() for name in names})
UNREAD = "utm_source"  # a parameter no view reads: every URL must ignore it, whatever its value

# Sent percent-encoded as UTF-8.
TEXT_VALUES = [
    "abc",
    "-1",
    "1e309",
    "99999999999999999999",
    "9" * 5000,
    "2022-02-30",
    "99999-01-01",
    "' OR 1=1 --",
    "1; DROP TABLE articles_article",
    '"unclosed',
    "a | b & !c <-> d:*",
    "%_\\",
    "<script>alert(1)</script>]]>",
    "\x01\x08\x0b\x1b\x7f",
    "\ufffe\uffff\U0010ffff",
    "\u202e\u2066سيرغي لافروف\u2069\u202c",
    " \t\n ",
    "ب" * 100_000,
]
# Sent as they are: broken UTF-8 (bytes that start nothing, a bad continuation, a surrogate,
# an overlong form and a truncated one), NUL, and broken percent-encoding.
RAW_VALUES = ["%ff%fe", "%c3%28", "%ed%a0%80", "%c0%af%e2%80", "%00", "a%00b", "%zz%"]
HOSTILE = [quote(value, safe="") for value in TEXT_VALUES] + RAW_VALUES
UNREAD_VALUES = [quote("x" * 10_000), quote("' OR 1=1 --"), "%ff%fe", "%00"]

# Enough of the demo corpus for every filter to select something (names, places, sources,
# events, syndicated copies, an undated blog post); few articles, so that pages render fast.
DEMO_FILES = [
    "2020-09-27-war-erupts.txt",
    "2020-10-10-moscow-truce-syndicated-a.txt",
    "2020-10-10-moscow-truce-syndicated-b.txt",
    "2022-04-07-brussels-peace-treaty.txt",
    "2022-11-23-csto-summit-yerevan.html",
    "2023-05-25-moscow-putin-aliyev-pashinyan.txt",
    "blog-44-day-war-lessons.txt",
]

# The tables the archive keeps; their row counts must not change.
TABLES = (Article, Mention, Actor, Alias, Event, EventParticipant, Source, Venue)


@dataclass(frozen=True)
class Demo:
    paths: dict[str, str]  # URL name -> path
    valid: dict[str, str]  # parameter -> a value that selects something, percent-encoded


def database_state() -> tuple:
    """Row counts of the archive's tables, and how many rows this transaction has written.

    The counts show a row added or deleted; PostgreSQL's per-transaction statistics show any
    write to any table, an UPDATE included, even one rolled back to a savepoint.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables"
        )
        (written,) = cursor.fetchone()
    return (*(table.objects.count() for table in TABLES), written)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        result = run_command("ingest", *(str(DEMO_CORPUS / name) for name in DEMO_FILES))
        assert result.exit_code == 0, result.stderr
        article = (  # one article that all the valid values below select together
            Article.objects.exclude(source=None)
            .filter(mentions__actor__slug="sergey-lavrov")
            .filter(mentions__venue__slug="moscow")
            .filter(events__isnull=False)
            .order_by("id")
            .first()
        )
        event = article.events.not_rejected().order_by("id").first()
        conflict = Conflict.objects.create(slug="karabakh", name="مفاوضات قره باغ")
        conflict.actors.set(Actor.objects.filter(slug="sergey-lavrov"))
        assign_articles(conflict)
        paths = {name: reverse(name) for name, parameters in PARAMETERS.items() if parameters}
        paths |= {
            "articles:detail": reverse("articles:detail", args=[article.pk]),
            "articles:actor": reverse("articles:actor", args=["sergey-lavrov"]),
            "articles:venue": reverse("articles:venue", args=["moscow"]),
            "articles:event": reverse("articles:event", args=[event.pk]),
            "articles:conflicts": reverse("articles:conflicts"),
            "articles:conflict": reverse("articles:conflict", args=[conflict.slug]),
            "api:article": reverse("api:article", args=[article.pk]),
        }
        valid = {
            "q": "Lavrov",
            "actor": "sergey-lavrov",
            "venue": "moscow",
            "source": quote(article.source.slug),
            "event_type": event.kind,
            "conflict": conflict.slug,
            "date_from": article.published.isoformat(),
            "date_to": article.published.isoformat(),
            "order": "relevance",
            "page": "1",
            "page_size": "5",
            "after": f"{article.published.isoformat()}.{article.pk + 1}",  # a cursor just before it
        }
        yield Demo(paths, valid)
        transaction.set_rollback(True)


def fetch(client, path: str, query: str) -> int:
    """GET `path?query`, the query string sent exactly as given; the status, once the body is read."""
    response = client.get(f"{path}?{query}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code in (200, 400, 404), (path, query[:300], response.status_code)
    if response.status_code == 400 and path.startswith("/api/"):
        assert json.loads(body)["error"] == "invalid parameter"
    return response.status_code


@contextmanager
def untouched_database():
    before = database_state()
    yield
    assert database_state() == before, "a request wrote to the database"


def test_the_database_check_sees_any_write_even_one_rolled_back(demo):
    venue = Venue.objects.get(slug="moscow")
    with pytest.raises(AssertionError), untouched_database():
        Venue.objects.filter(pk=venue.pk).update(name=venue.name)
    with pytest.raises(AssertionError), untouched_database(), transaction.atomic():
        Venue.objects.filter(pk=venue.pk).delete()
        transaction.set_rollback(True)


# The list is complete


def test_every_public_url_is_fuzzed():
    pages = {f"articles:{pattern.name}" for pattern in page_urls.urlpatterns}
    endpoints = {f"api:{pattern.name}" for pattern in api_urls.urlpatterns}
    assert pages | endpoints == set(PARAMETERS)


@pytest.fixture
def parameters_read(monkeypatch) -> set[str]:
    """The names of the query parameters views ask request.GET for, however they ask."""
    read: set[str] = set()

    class RecordingQueryDict(QueryDict):
        def __getitem__(self, key):
            read.add(key)
            return super().__getitem__(key)

        def get(self, key, default=None):
            read.add(key)
            return super().get(key, default)

        def getlist(self, key, default=None):
            read.add(key)
            return super().getlist(key, default)

    def recording_get(request: WSGIRequest) -> QueryDict:
        query = get_bytes_from_wsgi(request.environ, "QUERY_STRING", "")
        return RecordingQueryDict(query, encoding=request.encoding)

    get = cached_property(recording_get)
    get.__set_name__(WSGIRequest, "GET")
    monkeypatch.setattr(WSGIRequest, "GET", get)
    return read


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_the_list_names_every_parameter_each_view_reads(client, demo, parameters_read, name):
    # Not an empty query: a FilterSet reads an empty QueryDict as {} and asks it nothing.
    assert fetch(client, demo.paths[name], f"{UNREAD}=1") == 200
    assert parameters_read == set(PARAMETERS[name])


# Listed hostile values, one parameter at a time


def valid_pairs(demo: Demo, name: str) -> list[str]:
    return [f"{parameter}={demo.valid[parameter]}" for parameter in PARAMETERS[name]]


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_valid_values_of_every_parameter_together_answer_200(client, demo, name):
    with untouched_database():
        assert fetch(client, demo.paths[name], "&".join(valid_pairs(demo, name))) == 200


def test_the_valid_values_together_select_an_article(client, demo):
    """They are sent next to hostile ones: so that those meet filters that really select."""
    query = "&".join(valid_pairs(demo, "api:articles"))
    assert client.get(f"{demo.paths['api:articles']}?{query}").json()["count"] >= 1


@pytest.mark.parametrize(
    ("name", "parameter"),
    [(name, parameter) for name, parameters in PARAMETERS.items() for parameter in parameters],
)
def test_hostile_values_of_a_parameter_never_answer_500(client, demo, name, parameter):
    with untouched_database():
        for value in HOSTILE:
            fetch(client, demo.paths[name], f"{parameter}={value}")


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_parameters_no_view_reads_are_ignored(client, demo, name):
    with untouched_database():
        for value in UNREAD_VALUES:
            assert fetch(client, demo.paths[name], f"{UNREAD}={value}") == 200


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_repeated_parameters_never_answer_500(client, demo, name):
    queries = [
        "actor=a&actor=b&page=1&page=2",
        "actor=sergey-lavrov&actor=nikol-pashinyan&actor=sergey-lavrov&page=1&page=1",
    ]
    for parameter in PARAMETERS[name]:
        valid, hostile = demo.valid[parameter], "%ff%00"
        queries += [
            f"{parameter}={valid}&{parameter}={hostile}",
            f"{parameter}={hostile}&{parameter}={valid}",
            "&".join([f"{parameter}={valid}"] * 100),
        ]
    with untouched_database():
        for query in queries:
            fetch(client, demo.paths[name], query)


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_more_than_a_thousand_parameters_are_refused_when_read(client, demo, name):
    """Django answers 400 (DATA_UPLOAD_MAX_NUMBER_FIELDS) as soon as a view reads the query."""
    response = client.get(f"{demo.paths[name]}?" + "&".join(["actor=sergey-lavrov"] * 1001))
    assert response.status_code == (400 if PARAMETERS[name] else 200)


def test_hostile_values_in_the_path_answer_404(client, demo):
    paths = [
        "/articles/99999999999999999999/",
        "/events/99999999999999999999/",
        "/api/articles/99999999999999999999/",
        "/articles/-1/",
        "/events/1e309/",
        "/actors/%ff%fe/",
        "/actors/" + "x" * 5000 + "/",
        "/venues/%27%20OR%201%3D1%20--/",
    ]
    with untouched_database():
        for path in paths:
            assert fetch(client, path, "") == 404, path


# Generated queries


def _encoded(values: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return values.map(lambda value: quote(value, safe=""))


VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    _encoded(st.text(max_size=50)),
    st.binary(max_size=20).map(lambda raw: quote(raw, safe="")),  # mostly broken UTF-8
    _encoded(st.integers().map(str)),
    _encoded(st.dates().map(str)),
    st.text("%&=+;#0123456789abcdefABCDEF", max_size=30),  # a malformed query string
)
NAMES = st.one_of(st.sampled_from([*ALL_PARAMETERS, UNREAD]), _encoded(st.text(max_size=10)))


@settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(sorted(PARAMETERS)),
    pairs=st.lists(st.tuples(NAMES, VALUES), max_size=8),
    valid=st.booleans(),
)
def test_generated_queries_never_answer_500(client, demo, name, pairs, valid):
    """Random parameters and values, alone or after valid ones (so that the filters run)."""
    generated = [f"{parameter}={value}" for parameter, value in pairs]
    with untouched_database():
        fetch(client, demo.paths[name], "&".join((valid_pairs(demo, name) if valid else []) + generated))


# Hostile text already stored


def test_the_feed_drops_the_control_characters_xml_forbids(client, demo, write, ingest):
    """A scraped article may keep a stray control character (ingest refuses only text with
    many), and a query may hold some: the feed leaves them out instead of failing."""
    body = "قال سيرغي لافروف في موسكو إن المحادثات مستمرة بين الطرفين. " * 20
    newest = write("control.txt", f"عنوان الخبر\n\n{body}\x01{body}")
    assert ingest("--published", "2030-01-01", "--source", "وكالة\x02", newest).exit_code == 0
    for query, title in [
        ("", "أرشيف الأخبار العربية عن النزاعات والمفاوضات"),
        ("q=لافروف%0b%1b", "«لافروف»"),
    ]:
        response = client.get(f"{reverse('api:articles-atom')}?{query}")
        assert response.status_code == 200
        feed = ET.fromstring(response.content)
        assert feed.find(f"{ATOM}title").text.endswith(title)
        assert feed.find(f"{ATOM}entry/{ATOM}summary").text.startswith("قال سيرغي لافروف")
        assert feed.find(f"{ATOM}entry/{ATOM}author/{ATOM}name").text == "وكالة"


# The OpenAPI description, and Schemathesis against it

OPENAPI = ROOT / "docs" / "openapi.yaml"
API_SCHEMA = schemathesis.openapi.from_path(OPENAPI)
# Not the coverage phase: its boundary values are what the hostile values above send already,
# and it would double the time this file takes.
API_SCHEMA.config.phases.update(phases=["examples", "fuzzing"])


def test_the_openapi_description_has_every_endpoint_and_the_parameters_it_reads():
    spec = yaml.safe_load(OPENAPI.read_text())
    described = {}
    for path, operations in spec["paths"].items():
        parameters = [_resolved(spec, parameter) for parameter in operations["get"]["parameters"]]
        name = resolve(path.replace("{id}", "1")).view_name
        described[name] = {parameter["name"] for parameter in parameters if parameter["in"] == "query"}
    endpoints = {name: set(parameters) for name, parameters in PARAMETERS.items() if name.startswith("api:")}
    assert described == endpoints


def _resolved(spec: dict, parameter: dict) -> dict:
    if "$ref" not in parameter:
        return parameter
    return spec["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]


@pytest.fixture
def wsgi_app():
    """Django as a WSGI application on the test's connection, which the request signals must not close."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield WSGIHandler()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@API_SCHEMA.parametrize()
@settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_openapi_contract(case, demo, wsgi_app):
    """Answers documented for the parameters sent, in the documented content type and shape."""
    with untouched_database():
        case.call_and_validate(
            app=wsgi_app,
            checks=[
                not_a_server_error,
                status_code_conformance,
                content_type_conformance,
                response_schema_conformance,
            ],
        )
