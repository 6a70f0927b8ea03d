"""Pieces the admin modules share: permissions for reviewing, estimated counts."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property
from simple_history.admin import SimpleHistoryAdmin

ESTIMATE_FROM = 50_000  # rows: below this an exact COUNT(*) is cheap enough


class ReviewPermission:
    """`allowed_permissions=("review",)` for actions that confirm or reject suggestions."""

    review_permission = "articles.review_mention"

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm(self.review_permission)


class EstimatedCountPaginator(Paginator):
    """An unfiltered list of a big table shows PostgreSQL's row estimate, not COUNT(*)."""

    @cached_property
    def count(self) -> int:
        query = self.object_list.query
        if not query.where:
            table = self.object_list.model._meta.db_table
            with connection.cursor() as cursor:
                cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table])
                row = cursor.fetchone()
            if row and row[0] >= ESTIMATE_FROM:
                return int(row[0])
        return super().count


class CuratedAdmin(SimpleHistoryAdmin):
    """Every curated model keeps its history and lists without a second full count."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50


def decision_action(name: str, description, decide, message, permission: str):
    """An admin action that applies one decision to the selected rows and says how many.

    `decide(request, queryset)` returns the number of rows changed; `message` is an
    `ngettext_lazy(…, "count")` whose text uses %(count)d.
    """

    def action(modeladmin, request, queryset):
        count = decide(request, queryset)
        modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)

    action.__name__ = name
    return admin.action(description=description, permissions=[permission])(action)
