"""Hostile article text never runs in a reader's or an editor's browser, and the
Content-Security-Policy allows every page to work without inline script."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.models import Actor, Alias, Article

pytestmark = pytest.mark.browser

PASSWORD = "Goris-Jermuk-Sotk-2022"
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


@pytest.fixture
def hostile(page, ingest, write):
    record = {
        "title": f"قمة في موسكو {HOSTILE}",
        "body": f'استضاف سيرغي لافروف في موسكو محادثات. {HOSTILE}\n<a href="javascript:window.__pwned=3">رابط</a>',
        "author": f"كاتب {HOSTILE}",
        "source": f"وكالة {HOSTILE}",
        "url": "https://example.test/ar/1",
        "published": "2020-10-10",
    }
    ingest(write("hostile.jsonl", json.dumps(record, ensure_ascii=False) + "\n"))
    Alias.objects.create(actor=Actor.objects.get(slug="sergey-lavrov"), name=f"لافروف {HOSTILE}")
    return page


def directives(policy: str) -> dict[str, list[str]]:
    """The policy's directives by name; django-csp does not promise their order."""
    parsed = {}
    for directive in filter(None, (part.strip() for part in policy.split(";"))):
        name, *values = directive.split()
        parsed[name] = values
    return parsed


def watch(page):
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
    return problems


def test_hostile_text_does_not_run_on_public_pages(hostile):
    problems = watch(hostile)
    article = Article.objects.get()
    for path in ["/", f"/articles/{article.pk}/", "/actors/sergey-lavrov/", "/search/?q=Lavrov",
                 f"/search/?q={HOSTILE}", "/venues/moscow/"]:  # fmt: skip
        hostile.goto(hostile.live_server_url + path)
        assert hostile.evaluate("window.__pwned") is None, path
    hostile.goto(hostile.live_server_url + f"/articles/{article.pk}/")
    assert "<script>" in hostile.locator("h1").inner_text()  # shown as text, not run
    # The only thing the policy may block on a public page is the hostile script itself.
    blocked = [p for p in problems if "Content Security Policy" in p]
    assert all("inline" in p or "script" in p.lower() for p in blocked)
    assert not [p for p in problems if p.startswith("dialog")]


def test_hostile_text_does_not_run_in_the_admin_and_the_policy_blocks_nothing_we_need(hostile):
    user = get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    problems = watch(hostile)
    hostile.goto(hostile.live_server_url + "/admin/login/")
    hostile.fill("#id_username", "editor")
    hostile.fill("#id_password", PASSWORD)
    hostile.click("input[type=submit]")
    article = Article.objects.get()
    lavrov = Actor.objects.get(slug="sergey-lavrov")
    for path in ["/admin/", "/admin/articles/article/", f"/admin/articles/article/{article.pk}/change/",
                 "/admin/articles/mention/", f"/admin/articles/actor/{lavrov.pk}/change/",
                 "/admin/articles/event/add/", f"/admin/articles/article/{article.pk}/history/"]:  # fmt: skip
        response = hostile.goto(hostile.live_server_url + path)
        assert response.status == 200, path
        assert directives(response.headers.get("content-security-policy", ""))["script-src"] == ["'self'"]
        assert hostile.evaluate("window.__pwned") is None, path
    blocked = [p for p in problems if "Content Security Policy" in p]
    assert blocked == []
    assert not [p for p in problems if p.startswith("dialog")]
