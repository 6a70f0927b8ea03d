"""Headless Chromium (Debian's, driven by Playwright) against a live server on real PostgreSQL.

Browser tests use committed data (the live server runs in another thread), so they are
transactional: the database is emptied after each. They run last (see tests/conftest.py).
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; Django then refuses
    # database calls from the test body unless told this is the test's own, synchronous use.
    # Only while the browser runs: `check --deploy` (tests/project/test_deploy.py) rightly refuses it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(chromium, live_server, transactional_db):
    """A fresh browser page (desktop width) with the dictionary loaded in the live database."""
    call_command("load_dictionary", verbosity=0)
    call_command("setup_groups", verbosity=0)
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    page = context.new_page()
    page.live_server_url = live_server.url
    yield page
    context.close()


def screenshot(page, name: str, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
