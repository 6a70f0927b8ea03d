"""The public pages in a real browser: right to left, filters, name search, actor chart, phone width."""

import pytest

from articles.conflicts import load_conflicts
from articles.models import Article, Mention
from tests.browser.conftest import screenshot
from tests.conftest import DEMO_CORPUS

pytestmark = pytest.mark.browser


@pytest.fixture
def site(page, ingest):
    ingest(DEMO_CORPUS)
    return page


def test_pages_are_right_to_left_with_the_filter_panel_on_the_right(site):
    site.goto(site.live_server_url + "/")
    assert site.locator("html").get_attribute("dir") == "rtl"
    assert site.locator("html").get_attribute("lang") == "ar"
    assert site.evaluate("getComputedStyle(document.body).direction") == "rtl"
    panel = site.locator("aside.filters").bounding_box()
    results = site.locator("section.results").bounding_box()
    assert panel["x"] > results["x"]  # the panel starts at the right edge, the results follow leftwards
    assert site.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"')")
    screenshot(site, "site-articles")


def test_filtering_by_actor_date_and_venue_from_the_form(site):
    site.goto(site.live_server_url + "/")
    site.select_option("#f-actor", ["ilham-aliyev", "nikol-pashinyan"])
    site.select_option("#f-venue", "brussels")
    site.fill("#f-from", "2022-01-01")
    site.fill("#f-to", "2023-12-31")
    site.click(".filter-form button[type=submit]")
    site.wait_for_load_state()
    url = site.url
    assert "actor=ilham-aliyev" in url and "actor=nikol-pashinyan" in url and "venue=brussels" in url
    expected = set(
        Article.objects.stories()
        .filter(published__range=("2022-01-01", "2023-12-31"))
        .filter(id__in=Mention.objects.not_rejected().filter(actor__slug="ilham-aliyev").values("article_id"))
        .filter(
            id__in=Mention.objects.not_rejected().filter(actor__slug="nikol-pashinyan").values("article_id")
        )
        .filter(id__in=Mention.objects.not_rejected().filter(venue__slug="brussels").values("article_id"))
        .values_list("title", flat=True)
    )
    shown = set(site.locator(".article-title a").all_inner_texts())
    assert shown == expected and len(shown) >= 3
    chips = site.locator(".chip").all_inner_texts()
    assert len(chips) == 5  # two actors, the venue, two dates
    screenshot(site, "site-filtered")
    # Removing a chip removes that filter only.
    site.locator(".chip", has_text="بروكسل").locator("a").click()
    site.wait_for_load_state()
    assert "venue=" not in site.url and "actor=ilham-aliyev" in site.url


@pytest.mark.parametrize(
    ("query", "shot"), [("باشنيان", "site-search-misspelled"), ("Pashinian", "site-search-latin")]
)
def test_name_search_finds_the_negotiator_whatever_the_spelling(site, query, shot):
    site.goto(site.live_server_url + "/")
    site.fill("#site-search", query)
    site.press("#site-search", "Enter")
    site.wait_for_load_state()
    assert site.locator(".actor-hit h2 a").first.inner_text() == "نيكول باشينيان"
    marks = site.locator(".snippet mark").all_inner_texts()
    assert marks and all("باش" in mark or "Pash" in mark or mark for mark in marks)
    expected = Article.objects.filter(
        id__in=Mention.objects.not_rejected().filter(actor__slug="nikol-pashinyan").values("article_id")
    ).count()
    assert str(expected) in site.locator("#found-articles").inner_text()
    screenshot(site, shot)


def test_the_actor_page_draws_its_timeline(site):
    site.goto(site.live_server_url + "/actors/ilham-aliyev/")
    assert site.locator("h1").inner_text().startswith("إلهام علييف")
    bars = site.locator("svg rect.bar")
    assert bars.count() > 12  # one bar per month, 2020–2023
    heights = [float(h) for h in bars.evaluate_all("bars => bars.map(b => b.getAttribute('height'))")]
    assert max(heights) > 0
    assert site.locator("svg circle.event-dot").count() >= 1
    screenshot(site, "site-actor")


def test_a_phone_sees_one_column_and_no_sideways_scroll(chromium, live_server, transactional_db, ingest):
    from django.core.management import call_command

    call_command("load_dictionary", verbosity=0)
    ingest(DEMO_CORPUS)
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="ar", is_mobile=True)
    phone = context.new_page()
    phone.goto(live_server.url + "/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    panel = phone.locator("aside.filters").bounding_box()
    results = phone.locator("section.results").bounding_box()
    assert results["y"] < panel["y"]  # stacked: results first, filters below
    assert panel["width"] > 300 and results["width"] > 300  # one column, full width
    screenshot(phone, "site-phone", full_page=False)
    phone.click("a.to-filters")
    assert phone.evaluate("location.hash") == "#filters"
    context.close()


CONTRAST = """
elements => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  return elements.map(el => {
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    return [el.className || el.tagName, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
  });
}
"""


def test_text_contrast_passes_wcag_aa(site):
    site.goto(site.live_server_url + "/?venue=moscow")
    selectors = ".brand, .article-title a, .meta, .tag, .facet a, .count, .chip span, .chip a, .filter-form label, .filter-form button, .site-footer p"
    ratios = site.locator(selectors).evaluate_all(CONTRAST)
    assert len(ratios) > 20
    low = [(name, round(ratio, 2)) for name, ratio in ratios if ratio < 4.5]
    assert low == []


def test_the_search_is_reachable_by_keyboard(site):
    site.goto(site.live_server_url + "/")
    site.keyboard.press("Tab")
    assert site.evaluate("document.activeElement.className") == "skip-link"
    for _ in range(5):
        site.keyboard.press("Tab")
        if site.evaluate("document.activeElement.id") == "site-search":
            break
    assert site.evaluate("document.activeElement.id") == "site-search"
    site.keyboard.type("Lavrov")
    site.keyboard.press("Tab")  # to the search button
    assert site.evaluate("document.activeElement.type") == "submit"
    with site.expect_navigation():
        site.keyboard.press("Enter")
    assert "/search/" in site.url
    assert site.locator(".actor-hit h2 a").first.inner_text() == "سيرغي لافروف"


def test_typing_a_name_suggests_actors(site):
    site.goto(site.live_server_url + "/")
    site.fill("#site-search", "Pashin")
    site.locator("#actor-suggestions option").first.wait_for(state="attached")
    values = site.locator("#actor-suggestions option").evaluate_all("options => options.map(o => o.value)")
    assert "نيكول باشينيان" in values


def test_a_word_search_in_relevance_order_from_the_form(site):
    from articles.filters import ArticleFilter

    words = "وقف إطلاق النار"
    site.goto(site.live_server_url + "/")
    site.fill("#f-q", words)
    site.select_option("#f-order", "relevance")
    site.click(".filter-form button[type=submit]")
    site.wait_for_load_state()

    assert "order=relevance" in site.url
    shown = site.locator(".article-title a").all_inner_texts()
    best_first = (
        ArticleFilter({"q": words, "order": "relevance"}).qs.stories().values_list("title", flat=True)
    )
    newest_first = ArticleFilter({"q": words}).qs.stories().values_list("title", flat=True)
    assert shown == list(best_first[:20])
    assert len(shown) >= 3 and shown != list(newest_first[:20])  # a different order of the same stories
    assert sorted(shown) == sorted(newest_first[:20])
    assert "الأكثر صلة أولًا" in site.locator(".count-line").inner_text()
    assert site.locator("#f-order").input_value() == "relevance"
    screenshot(site, "site-relevance")


def test_a_second_conflict_has_its_home_and_its_selector(page, ingest):
    ingest(DEMO_CORPUS, DEMO_CORPUS.parent / "demo-second-conflict")
    load_conflicts(DEMO_CORPUS.parent / "demo-conflicts.toml")
    page.goto(page.live_server_url + "/conflicts/")
    page.locator("a", has_text="حرب السودان ومحادثات جدة").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text().startswith("حرب السودان ومحادثات جدة")
    assert "عبد الفتاح البرهان" in page.locator("#actors-title + ul").inner_text()
    assert "جدة" in page.locator("#places-title + ul").inner_text()
    screenshot(page, "site-conflict")
    page.goto(page.live_server_url + "/")
    page.select_option("#f-conflict", "sudan-war")
    page.click(".filter-form button[type=submit]")
    page.wait_for_load_state()
    assert "conflict=sudan-war" in page.url
    assert page.locator(".article-title a").count() == 4
