"""Cleaning and metadata on labelled pages: the held-out figures keep their floors.

The held-out pages (articles/data/cleaning/heldout/) were written by helpers who saw
neither the rules nor the dev pages; nobody tuning the cleaner reads them. Floors sit
a little under the figures measured when they were set (docs/ingest.md, "Cleaning").
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.evaluation.cleaning import read_page, read_pages, score_pages

CLEANING = Path(__file__).resolve().parents[2] / "articles" / "data" / "cleaning"
HELD_OUT_FLOORS = {"noise_removed": 0.98, "title": 0.93, "published": 0.9, "source": 0.93, "author": 0.85}
HELD_OUT_MAX_TEXT_LOST = 0.005


@pytest.fixture(scope="module")
def held_out():
    return score_pages(read_pages(CLEANING / "heldout"))


def test_the_held_out_set_is_large_and_varied(held_out):
    assert len(held_out.pages) >= 40
    assert held_out.templates >= 20
    dev_templates = {page.template for page in read_pages(CLEANING / "dev")}
    assert not dev_templates & {page.template for page in held_out.pages}


def test_held_out_noise_is_removed_and_text_kept(held_out):
    assert held_out.noise_removed >= HELD_OUT_FLOORS["noise_removed"]
    assert held_out.text_lost <= HELD_OUT_MAX_TEXT_LOST


@pytest.mark.django_db
def test_names_standing_only_in_page_noise_are_not_tagged():
    """A person named only in a "most read" box or a related headline is not the article's."""
    held_out = score_pages(read_pages(CLEANING / "heldout"), names=True)  # reads the dictionary
    assert held_out.total("sidebar_names") >= 20  # enough such names for the figure to mean something
    assert held_out.total("sidebar_names_tagged") <= 0.05 * held_out.total("sidebar_names")


@pytest.mark.parametrize("field", ["title", "published", "source", "author"])
def test_held_out_metadata_is_exact(held_out, field):
    assert held_out.field_right(field) / len(held_out.pages) >= HELD_OUT_FLOORS[field]


def test_a_page_file_that_breaks_the_format_is_named(tmp_path):
    path = tmp_path / "broken.page"
    path.write_text("# title: هدنة\n\n[headline] هدنة\nسطر بلا وسم\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.page: page line 2 has no known"):
        read_page(path)


@pytest.mark.django_db
def test_evaluate_prints_dev_and_held_out_side_by_side_and_never_held_out_lines():
    out = io.StringIO()
    call_command("evaluate", "--cleaning", "--errors", stdout=out)
    report = out.getvalue()
    assert report.splitlines()[0].split() == ["dev", "held-out"]
    for row in (
        "noise removed",
        "text lines lost",
        "title exact",
        "published exact",
        "noise-only names tagged",
    ):
        assert row in report
    held_out_names = {path.stem for path in (CLEANING / "heldout").glob("*.page")}
    listed = {line.split()[1] for line in report.splitlines() if line.startswith("== ")}
    assert listed and not listed & held_out_names
