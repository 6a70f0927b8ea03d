"""Articles in the admin: the text with its suggestions in place, re-tagging, the date queue."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from articles.admin.cleaning_reasons import reason_label
from articles.admin.common import CuratedAdmin, ReviewPermission, decision_action
from articles.admin.conflicts import ArticleConflictInline
from articles.curation import decide_line, follow_text_edit, review_mentions
from articles.ingest.decisions import CleaningDecisions
from articles.ingest.errors import IngestError
from articles.ingest.reclean import reclean_article
from articles.models import (
    Article,
    CleaningDecision,
    CleaningRule,
    DateOrigin,
    Mention,
    ReviewStatus,
    Source,
    UndatedArticle,
)
from articles.tagging.apply import tag


@admin.register(Source)
class SourceAdmin(CuratedAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


def _retag(request, queryset) -> int:
    articles = list(queryset)
    for article in articles:
        tag(article)
    return len(articles)


retag = decision_action(
    "retag",
    _("Re-tag the selected articles (editors' decisions are kept)"),
    _retag,
    ngettext_lazy("%(count)d article re-tagged.", "%(count)d articles re-tagged.", "count"),
    "change",
)


@admin.register(Article)
class ArticleAdmin(ReviewPermission, CuratedAdmin):
    list_display = ("title", "published", "date_precision", "source", "origin", "suggestions")
    list_filter = (
        "date_precision",
        "date_origin",
        "raw_format",
        ("source", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("source",)
    search_fields = ("title", "origin")
    date_hierarchy = "published"
    raw_id_fields = ("copy_of",)
    actions = (retag,)
    inlines = (ArticleConflictInline,)
    readonly_fields = (
        "text_with_suggestions",
        "content_hash",
        "raw_encoding",
        "raw_format",
        "ingested_at",
        "raw_text",
        "event_link",
        "cleaning",
    )
    fieldsets = (
        (None, {"fields": ("title", "text_with_suggestions", "event_link")}),
        (
            _("Publication"),
            {"fields": ("published", "date_precision", "date_origin", "source", "source_origin", "author")},
        ),
        (
            _("As received"),
            {
                "classes": ("collapse",),
                "fields": (
                    "origin",
                    "origin_line",
                    "raw_format",
                    "raw_encoding",
                    "raw_text",
                    "content_hash",
                    "copy_of",
                    "ingested_at",
                ),
            },
        ),
        (_("Cleaning"), {"classes": ("collapse",), "fields": ("cleaning",)}),
        (_("Cleaned text (editable)"), {"classes": ("collapse",), "fields": ("body",)}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(suggested=Count("mentions", filter=Q(mentions__status=ReviewStatus.SUGGESTED)))
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"title", "body"} & set(form.changed_data):
            counts = follow_text_edit(obj, form.initial["title"], form.initial["body"])
            self.message_user(
                request,
                _(
                    "The text changed: %(moved)d reviewed mentions moved with their words, "
                    "%(dropped)d went with them, and the suggestions were made again."
                )
                % {"moved": counts["moved"], "dropped": counts["dropped"]},
                messages.INFO,
            )

    @admin.display(description=_("suggestions to review"), ordering="suggested")
    def suggestions(self, article: Article) -> int:
        return article.suggested

    @admin.display(description=_("raw text as received"))
    def raw_text(self, article: Article) -> str:
        return article.raw_text

    @admin.display(description=_("text and its suggestions"))
    def text_with_suggestions(self, article: Article) -> str:
        mentions = list(
            article.mentions.filter(in_title=False).select_related("actor", "venue").order_by("start", "-end")
        )
        pieces, cursor = [], 0
        for mention in mentions:
            if mention.start < cursor:
                continue  # overlapping spans are listed in the table below the text
            pieces.append({"text": article.body[cursor : mention.start]})
            pieces.append({"text": article.body[mention.start : mention.end], "mention": mention})
            cursor = mention.end
        pieces.append({"text": article.body[cursor:]})
        return render_to_string(
            "admin/articles/text_with_suggestions.html",
            {"pieces": pieces, "mentions": mentions, "article": article},
        )

    @admin.display(description=_("lines removed and kept, with the reason"))
    def cleaning(self, article: Article) -> str:
        return render_to_string(
            "admin/articles/article_cleaning.html",
            {
                "article": article,
                "removed": [
                    {"reason": reason_label(reason), "code": reason, "line": line}
                    for reason, line in article.removed_lines
                ],
                "kept": article.body.split("\n\n"),
                "scope": article.source.name if article.source_id else _("the pages of every source"),
                "can_decide": getattr(article, "editor_may_decide_cleaning", False),
            },
        )

    @admin.display(description=_("events"))
    def event_link(self, article: Article) -> str:
        return render_to_string(
            "admin/articles/article_events.html", {"article": article, "events": article.events.all()}
        )

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_mention_view)
        decide = self.admin_site.admin_view(self.cleaning_decision_view)
        return [
            path("<int:article_id>/cleaning/", decide, name="articles_article_cleaning_decision"),
            path(
                "<int:article_id>/mentions/<int:mention_id>/review/",
                review,
                name="articles_article_review_mention",
            ),
            *super().get_urls(),
        ]

    def review_mention_view(self, request: HttpRequest, article_id: int, mention_id: int):
        return _review_in_place(self, request, article_id, mention_id)

    def get_object(self, request, object_id, from_field=None):
        # What this request's user may do rides on this request's object, not on the
        # ModelAdmin, which every request (and thread) shares.
        article = super().get_object(request, object_id, from_field)
        if article is not None:
            article.editor_may_decide_cleaning = request.user.has_perm("articles.add_cleaningrule")
        return article

    def cleaning_decision_view(self, request: HttpRequest, article_id: int):
        """An editor's "this is text" or "this is noise" on one line: a rule for the source, and the article cleaned again."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("articles.add_cleaningrule"):
            raise PermissionDenied
        article = get_object_or_404(Article.objects.select_related("source"), pk=article_id)
        line, decision = _line_decided(article, request.POST)
        rule = decide_line(article, line, decision, request.user)
        try:
            changed = reclean_article(article, CleaningDecisions.load())
        except IngestError as error:
            self.message_user(
                request, _("Rule saved; this article could not be cleaned again: %s") % error, messages.ERROR
            )
        else:
            self.message_user(
                request,
                _("«%(line)s»: %(decision)s for %(scope)s. %(outcome)s")
                % {
                    "line": rule.line[:80],
                    "decision": rule.get_decision_display(),
                    "scope": article.source.name if article.source_id else _("every source"),
                    "outcome": _("The article was cleaned again.")
                    if changed
                    else _("The article did not change."),
                },
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article_id]))


def _line_decided(article: Article, data) -> tuple[str, str]:
    """The line the button names, and the decision it asks for."""
    try:
        if "removed" in data:
            return article.removed_lines[int(data["removed"])][1], CleaningDecision.TEXT
        if "kept" in data:
            return article.body.split("\n\n")[int(data["kept"])], CleaningDecision.NOISE
    except (ValueError, IndexError):
        pass
    raise PermissionDenied  # a line this article does not have


def _review_in_place(model_admin: ArticleAdmin, request: HttpRequest, article_id: int, mention_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_review_permission(request):
        raise PermissionDenied
    mention = get_object_or_404(Mention, pk=mention_id, article_id=article_id)
    decision = request.POST.get("decision")
    if decision not in {ReviewStatus.CONFIRMED, ReviewStatus.REJECTED}:
        raise PermissionDenied
    review_mentions([mention], decision, request.user)
    model_admin.message_user(
        request,
        _("«%(text)s»: %(decision)s.")
        % {"text": mention.matched_text, "decision": ReviewStatus(decision).label},
        messages.SUCCESS,
    )
    return HttpResponseRedirect(
        reverse("admin:articles_article_change", args=[article_id]) + f"#mention-{mention_id}"
    )


@admin.register(CleaningRule)
class CleaningRuleAdmin(CuratedAdmin):
    """Editors' rules on the lines of a source's pages; `manage.py reclean --source S` applies them."""

    list_display = ("line", "decision", "source", "created_by", "created_at")
    list_filter = ("decision", ("source", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("source", "created_by")
    search_fields = ("line",)
    autocomplete_fields = ("source",)
    fields = ("source", "line", "decision", "created_by", "created_at")
    readonly_fields = ("created_by", "created_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(UndatedArticle)
class UndatedArticleAdmin(CuratedAdmin):
    """The queue of articles whose publication date is unknown or was guessed: fix them here."""

    list_display = ("title", "published", "date_precision", "date_origin", "source", "origin")
    list_editable = ("published", "date_precision")
    list_filter = ("date_origin",)
    list_select_related = ("source",)
    search_fields = ("title", "origin")
    fields = ("title", "published", "date_precision", "date_origin")
    readonly_fields = ("title",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(date_origin__in=[DateOrigin.NONE, DateOrigin.GUESSED])

    def save_model(self, request, obj, form, change):
        if "published" in form.changed_data or "date_precision" in form.changed_data:
            obj.date_origin = DateOrigin.GIVEN  # an editor stated it
        super().save_model(request, obj, form, change)
