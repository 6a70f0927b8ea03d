"""Template context every page shares: the archive's name (settings.SITE_NAME, else a
translated generic one), so that the archive is named after no single conflict."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

DEFAULT_NAME = _("Arabic conflict news archive")


def site_name():
    return settings.SITE_NAME or DEFAULT_NAME


def site(request) -> dict:
    return {"site_name": site_name()}
