"""Actors, their aliases and dated roles, venues; merging duplicates and settling candidates."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from articles.admin.common import CuratedAdmin, decision_action
from articles.curation import CurationError, merge_actors, settle_candidates, settle_suggestions
from articles.models import (
    Actor,
    ActorRole,
    ActorStatus,
    Alias,
    AliasSuggestion,
    Mention,
    ReviewStatus,
    Venue,
)
from articles.tagging.dictionary import read_dictionary

EVIDENCE_SENTENCES = 3  # sentences shown for a candidate
EVIDENCE_CHARS = 90  # on each side of the name


class AliasInline(admin.TabularInline):
    model = Alias
    fk_name = "actor"
    fields = ("name", "normalized", "is_short", "is_adjective")
    readonly_fields = ("normalized",)
    extra = 1


class SuggestionInline(admin.TabularInline):
    """Spellings waiting for the editor, on the actor's page; decided from the list of suggestions."""

    model = AliasSuggestion
    fields = ("name", "reason", "evidence", "status")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("spellings suggested")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=ReviewStatus.SUGGESTED)

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class RoleForm(forms.ModelForm):
    """The role is one of the dictionary's offices, by name: its phrases ("وزير الدفاع",
    "رئيس الوزراء") then resolve to this person, in this country, on these dates."""

    role = forms.ChoiceField(label=_("role"), choices=())

    class Meta:
        model = ActorRole
        fields = ("role", "country", "start", "end")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r["key"], r["name"]) for r in read_dictionary().get("role", [])]


class RoleInline(admin.TabularInline):
    model = ActorRole
    form = RoleForm
    fk_name = "actor"
    autocomplete_fields = ("country",)
    extra = 0


accept_candidates = decision_action(
    "accept_candidates",
    _("Accept the selected candidates into the dictionary"),
    lambda request, queryset: settle_candidates(queryset, accept=True),
    ngettext_lazy("%(count)d candidate accepted.", "%(count)d candidates accepted.", "count"),
    "change",
)
reject_candidates = decision_action(
    "reject_candidates",
    _("Reject the selected candidates"),
    lambda request, queryset: settle_candidates(queryset, accept=False),
    ngettext_lazy("%(count)d candidate rejected.", "%(count)d candidates rejected.", "count"),
    "change",
)


@admin.action(description=_("Merge the two selected actors…"), permissions=["merge"])
def merge_selected(modeladmin, request, queryset):
    ids = list(queryset.values_list("pk", flat=True))
    if len(ids) != 2:
        modeladmin.message_user(request, _("Select exactly two actors to merge."), messages.ERROR)
        return None
    return HttpResponseRedirect(reverse("admin:articles_actor_merge") + f"?ids={ids[0]},{ids[1]}")


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=Actor.objects.none(), widget=forms.RadioSelect, label=_("keep")
    )

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.actors = actors
        self.fields["survivor"].queryset = Actor.objects.filter(pk__in=[a.pk for a in actors])


@admin.register(Actor)
class ActorAdmin(CuratedAdmin):
    list_display = ("name", "name_latin", "kind", "status", "title", "country", "merged_into")
    list_filter = ("kind", "status")
    list_select_related = ("country", "merged_into")
    search_fields = ("name", "name_latin", "slug", "aliases__name")
    autocomplete_fields = ("country",)
    readonly_fields = ("merged_into", "merged_from", "evidence")
    inlines = (AliasInline, SuggestionInline, RoleInline)
    actions = (accept_candidates, reject_candidates, merge_selected)

    def has_merge_permission(self, request) -> bool:
        return request.user.has_perm("articles.merge_actor")

    @admin.display(description=_("evidence"))
    def evidence(self, actor: Actor) -> str:
        """Where a candidate was found: the first sentences naming it."""
        if actor.status != ActorStatus.CANDIDATE:
            return "—"
        lines = []
        for mention in Mention.objects.filter(actor=actor).select_related("article")[:EVIDENCE_SENTENCES]:
            text = mention.article.title if mention.in_title else mention.article.body
            start, end = max(mention.start - EVIDENCE_CHARS, 0), mention.end + EVIDENCE_CHARS
            lines.append(f"{mention.article.title[:60]}: …{text[start:end].strip()}…")
        return "\n".join(lines) or "—"

    @admin.display(description=_("merged from"))
    def merged_from(self, actor: Actor) -> str:
        return "، ".join(f"{a.name} ({a.slug})" for a in actor.merged_actors.all()) or "—"

    def get_urls(self):
        merge = self.admin_site.admin_view(self.merge_view)
        return [path("merge/", merge, name="articles_actor_merge"), *super().get_urls()]

    def merge_view(self, request: HttpRequest):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        try:
            ids = [int(i) for i in request.GET.get("ids", "").split(",")]
        except ValueError:
            ids = []
        actors = list(Actor.objects.filter(pk__in=ids))
        if len(actors) != 2:
            self.message_user(request, _("Select exactly two actors to merge."), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:articles_actor_changelist"))
        form = MergeForm(request.POST or None, actors=actors)
        if request.method == "POST" and form.is_valid():
            survivor = form.cleaned_data["survivor"]
            duplicate = next(a for a in actors if a.pk != survivor.pk)
            try:
                moved = merge_actors(survivor, duplicate)
            except CurationError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _(
                        "%(duplicate)s merged into %(survivor)s: %(mentions)d mentions, %(aliases)d aliases, "
                        "%(participations)d event participations moved."
                    )
                    % {
                        "duplicate": duplicate.name,
                        "survivor": survivor.name,
                        "mentions": moved["mentions"],
                        "aliases": moved["aliases"],
                        "participations": moved["participations"],
                    },
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:articles_actor_change", args=[survivor.pk]))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "actors": actors,
            "opts": self.model._meta,
            "title": _("Merge two actors"),
        }
        return TemplateResponse(request, "admin/articles/actor_merge.html", context)


class VenueAliasInline(AliasInline):
    fk_name = "venue"
    fields = ("name", "normalized")


@admin.register(Venue)
class VenueAdmin(CuratedAdmin):
    list_display = ("name", "name_latin", "kind", "country")
    list_filter = ("kind",)
    list_select_related = ("country",)
    search_fields = ("name", "name_latin", "slug", "aliases__name")
    autocomplete_fields = ("country",)
    inlines = (VenueAliasInline,)


@admin.register(Alias)
class AliasAdmin(CuratedAdmin):
    list_display = ("name", "normalized", "actor", "venue", "is_short", "is_adjective")
    list_filter = ("is_short", "is_adjective")
    list_select_related = ("actor", "venue")
    search_fields = ("name", "normalized")
    autocomplete_fields = ("actor", "venue")
    readonly_fields = ("normalized",)


accept_suggestions = decision_action(
    "accept_suggestions",
    _("Accept the selected spellings"),
    lambda request, queryset: settle_suggestions(queryset, accept=True),
    ngettext_lazy("%(count)d spelling accepted.", "%(count)d spellings accepted.", "count"),
    "change",
)
reject_suggestions = decision_action(
    "reject_suggestions",
    _("Reject the selected spellings"),
    lambda request, queryset: settle_suggestions(queryset, accept=False),
    ngettext_lazy("%(count)d spelling rejected.", "%(count)d spellings rejected.", "count"),
    "change",
)


@admin.register(AliasSuggestion)
class AliasSuggestionAdmin(CuratedAdmin):
    """Spellings the archive derived (another spelling in the articles, a nickname the text
    gives, a surname that is not safe): the editor accepts or rejects them in bulk."""

    list_display = ("name", "actor", "reason", "evidence", "status")
    list_filter = ("status", "reason")
    list_select_related = ("actor",)
    search_fields = ("name", "actor__name", "actor__name_latin")
    readonly_fields = ("actor", "name", "normalized", "is_short", "reason", "evidence", "article", "status")
    actions = (accept_suggestions, reject_suggestions)

    def has_add_permission(self, request) -> bool:
        return False
