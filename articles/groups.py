"""The editorial roles and what each may do, enforced by Django's permissions.

- editors: curate everything (articles, actors, aliases and suggested spellings, venues,
  events, mentions, cleaning rules, conflicts), merge actors, review suggestions;
- reviewers: see everything, confirm or reject suggested mentions and events, nothing else;
- readers: see everything in the admin, change nothing.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

EDITORS, REVIEWERS, READERS = "editors", "reviewers", "readers"
CURATED_MODELS = (
    "article",
    "undatedarticle",
    "source",
    "actor",
    "actorrole",
    "alias",
    "aliassuggestion",
    "venue",
    "event",
    "eventparticipant",
    "mention",
    "cleaningrule",
    "conflict",
    "articleconflict",
)
REVIEW = ("review_mention", "review_event")


def _permissions(codenames: list[str]) -> list[Permission]:
    found = list(Permission.objects.filter(content_type__app_label="articles", codename__in=codenames))
    missing = set(codenames) - {p.codename for p in found}
    if missing:
        raise RuntimeError(f"permissions missing (run migrate first): {sorted(missing)}")
    return found


def setup_groups() -> dict[str, int]:
    """Create or refresh the three groups; returns the number of permissions of each."""
    view = [f"view_{model}" for model in CURATED_MODELS]
    everything = [
        f"{action}_{model}" for model in CURATED_MODELS for action in ("add", "change", "delete", "view")
    ]
    plan = {
        EDITORS: [*everything, *REVIEW, "merge_actor"],
        REVIEWERS: [*view, *REVIEW],
        READERS: view,
    }
    sizes = {}
    for name, codenames in plan.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(codenames))
        sizes[name] = len(codenames)
    return sizes
