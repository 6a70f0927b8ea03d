"""The editors' back office: the Django admin, declared per model, in Arabic.

Modules: `articles` (articles, the date queue, in-text review), `actors` (actors,
aliases, roles, venues, merge, candidates), `events`, `mentions` (the review queue).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.admin import actors, articles, events, mentions  # noqa: F401 (registration)

admin.site.site_header = _("Karabakh negotiations archive — editors")
admin.site.site_title = _("Archive editors")
admin.site.index_title = _("Curation")
