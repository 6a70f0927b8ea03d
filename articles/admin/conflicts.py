"""Conflicts: their period, actors and venues; the articles their tags bring in, and the
ones editors put in or take out (an inline on each article's page)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from articles.admin.common import CuratedAdmin, decision_action
from articles.conflicts import assign_articles
from articles.models import ArticleConflict, AssignedBy, Conflict


@admin.register(Conflict)
class ConflictAdmin(CuratedAdmin):
    list_display = ("name", "name_latin", "start", "end", "article_count")
    search_fields = ("name", "name_latin", "slug")
    prepopulated_fields = {"slug": ("name_latin",)}
    autocomplete_fields = ("actors", "venues")
    actions = (
        decision_action(
            "assign_again",
            _("Assign the articles again from their tags (editors' choices stay)"),
            lambda request, queryset: sum(
                1 for conflict in queryset if assign_articles(conflict) is not None
            ),
            ngettext_lazy(
                "%(count)d conflict assigned again.", "%(count)d conflicts assigned again.", "count"
            ),
            "change",
        ),
    )

    @admin.display(description=_("articles"))
    def article_count(self, conflict: Conflict) -> int:
        return conflict.article_rows.filter(kept=True).count()

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        assign_articles(form.instance)  # its actors, venues or period may have changed


class EditorChoiceForm(forms.ModelForm):
    """A row an editor saves is the editor's: the tags never change it again."""

    class Meta:
        model = ArticleConflict
        fields = ("conflict", "kept")

    def save(self, commit: bool = True):
        self.instance.assigned_by = AssignedBy.EDITOR
        return super().save(commit)


class ArticleConflictInline(admin.TabularInline):
    model = ArticleConflict
    form = EditorChoiceForm
    fields = ("conflict", "kept", "assigned_by")
    readonly_fields = ("assigned_by",)
    extra = 0
    verbose_name_plural = _("conflicts")
