"""The editors' back office: the Django admin, declared per model, in Arabic.

Modules: `articles` (articles, the date queue, in-text review), `actors` (actors,
aliases, roles, venues, merge, candidates, suggested spellings), `conflicts`, `events`,
`mentions` (the review queue).
"""

from django.contrib import admin
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from articles.admin import actors, articles, conflicts, events, mentions  # noqa: F401 (registration)
from articles.context import site_name

admin.site.site_header = format_lazy("{} — {}", lazy(site_name, str)(), _("editors"))
admin.site.site_title = _("Archive editors")
admin.site.index_title = _("Curation")
