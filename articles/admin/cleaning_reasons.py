"""What each reason the cleaner gives for removing a line means, in the editors' words."""

from django.utils.translation import gettext_lazy as _

REASONS = {
    # the page's structure
    "before-article": _("above the headline: the page around the article"),
    "after-article": _("after the article's last paragraph"),
    "article-header": _("between headline and text: a caption or a label"),
    "title": _("the headline, repeated"),
    "repeated": _("a repeat of an earlier line"),
    "editor-rule": _("an editor's cleaning rule"),
    # metadata read from the line
    "byline": _("byline (the author is read from it)"),
    "date-line": _("date line (the date is read from it)"),
    "source-line": _("source line (the source is read from it)"),
    "sign-off": _("sign-off (the source is read from it)"),
    "update-line": _("“last updated” stamp"),
    # furniture vocabulary
    "navigation": _("navigation or section names"),
    "account": _("login and account links"),
    "share-button": _("share, print or font-size buttons"),
    "follow-prompt": _("follow, newsletter or app prompt"),
    "cookie-notice": _("cookie or privacy notice"),
    "comments": _("comments"),
    "comment-form": _("comment form"),
    "tags": _("tags line"),
    "related-stories": _("“read also” / “most read” box: other stories"),
    "ad-slot": _("advertisement"),
    "footer": _("footer or copyright"),
    "copyright": _("footer or copyright"),
    "site-links": _("links of the site (about, contact, back to top)"),
    "media-label": _("photo or video label"),
    "page-stamp": _("time, views or reading time"),
    "language-switch": _("language switcher"),
    "post-author-box": _("“about the author” box"),
    # line shape
    "separators": _("a menu or breadcrumb (short items between separators)"),
    "latin-only": _("Latin script only, on an Arabic page"),
    "bilingual": _("a name in both scripts: a site's logo or label"),
    "disclaimer": _("disclaimer or editor's note"),
    "latin-noise": _("ad size or ad-server code"),
    "photo-credit": _("photo caption or credit"),
    "stub": _("a word or two, no sentence"),
    "no-letters": _("no letters"),
}


def reason_label(reason: str):
    return REASONS.get(reason, reason)
