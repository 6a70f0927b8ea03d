"""RSS/Atom feeds: each linked page fetched from a local HTTP server, once."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.models import Article, DateOrigin
from tests.ingest.test_formats import NEWS_PAGE

pytestmark = pytest.mark.django_db

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>الخليج اليوم</title><link>{base}/</link><description>أخبار</description>
<item><title>بوتين يجمع علييف وباشينيان في سوتشي</title><link>{base}/news/1</link>
<pubDate>Fri, 26 Nov 2021 18:40:00 +0300</pubDate><author>قسم السياسة</author></item>
<item><title>صفحة مفقودة</title><link>{base}/news/missing</link>
<pubDate>Sat, 27 Nov 2021 10:00:00 +0300</pubDate></item>
</channel></rss>
"""


class Site(BaseHTTPRequestHandler):
    requests: list[tuple[str, str]] = []

    def do_GET(self):
        Site.requests.append((self.path, self.headers.get("User-Agent", "")))
        base = f"http://{self.headers['Host']}"
        pages = {"/feed.xml": FEED.format(base=base), "/news/1": NEWS_PAGE.format(charset="utf-8")}
        if self.path not in pages:
            self.send_error(404)
            return
        body = pages[self.path].encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    Site.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_it_ingests_each_linked_page_with_the_feeds_metadata(ingest, site):
    result = ingest("--feed", f"{site}/feed.xml")
    article = Article.objects.get()
    assert article.origin == f"{site}/news/1"
    assert article.source.name == "الخليج اليوم"
    assert article.author == "قسم السياسة"
    assert (article.published, article.date_origin) == (datetime.date(2021, 11, 26), DateOrigin.GIVEN)
    assert "استضاف الرئيس الروسي فلاديمير بوتين" in article.body
    # The missing page is named; the run goes on and reports failure.
    assert f"error: {site}/news/missing: fetch failed (HTTP 404" in result.stderr
    assert result.exit_code == 1


def test_it_sends_a_polite_user_agent(ingest, site, settings):
    ingest("--feed", f"{site}/feed.xml")
    assert {agent for _path, agent in Site.requests} == {settings.INGEST_USER_AGENT}


def test_a_page_already_ingested_is_not_fetched_again(ingest, site):
    ingest("--feed", f"{site}/feed.xml")
    Site.requests = []
    result = ingest("--feed", f"{site}/feed.xml")
    fetched = [path for path, _agent in Site.requests]
    assert fetched == ["/feed.xml", "/news/missing"]
    assert "skipped 1" in result.stdout
    assert Article.objects.count() == 1


def test_a_page_over_the_size_limit_is_refused(ingest, site, settings):
    settings.INGEST_MAX_BYTES = 1024  # the feed fits, the page does not
    result = ingest("--feed", f"{site}/feed.xml")
    assert f"error: {site}/news/1: fetch failed (larger than the 1 KB limit)" in result.stderr
    assert not Article.objects.exists()


def test_a_file_that_is_not_a_feed_is_named(ingest, write):
    path = write("notes.xml", "<notes><note>لا شيء هنا</note>")
    result = ingest("--feed", path)
    assert result.exit_code == 1
    assert f"error: {path}: not an RSS or Atom feed" in result.stderr
