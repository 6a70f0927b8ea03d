"""Clean stored articles again from the raw bytes they were received as.

After the cleaner or an editor's cleaning rule changed, an article's title, text and
metadata are computed again as ingest would compute them today. What editors did is
kept: a field an editor changed since ingest keeps the editor's value, and the mentions
editors confirmed or rejected move with their words (`follow_text_edit`), which also
makes the suggestions again for the new text. Near-duplicate links are not recomputed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from articles.curation import follow_text_edit
from articles.ingest.decisions import CleaningDecisions
from articles.ingest.errors import IngestError
from articles.ingest.prepare import Prepared, prepare
from articles.ingest.readers import Given, Incoming, incoming_from_json
from articles.models import Article, DateOrigin, Source

# Fields an editor may have corrected in the admin; reclean leaves those alone.
EDITABLE = ("title", "body", "author", "published", "date_precision", "source_id")


@dataclass
class Recleaned:
    changed: int = 0
    unchanged: int = 0
    failures: list[tuple[Article, str]] = field(default_factory=list)


def reclean(articles: Iterable[Article], decisions: CleaningDecisions) -> Recleaned:
    """Each article cleaned again in a transaction of its own; a failure is named and the rest go on."""
    result = Recleaned()
    for article in articles:
        try:
            with transaction.atomic():
                changed = reclean_article(article, decisions)
        except IngestError as error:
            result.failures.append((article, str(error)))
            continue
        if changed:
            result.changed += 1
        else:
            result.unchanged += 1
    return result


def reclean_article(article: Article, decisions: CleaningDecisions) -> bool:
    """Clean one article again; whether anything of it changed. IngestError names why not."""
    prepared = prepare(_incoming(article), decisions)
    edited = _edited_by_editors(article)
    title_before, body_before = article.title, article.body
    values = {"removed_lines": [list(pair) for pair in prepared.removed]}
    if "title" not in edited:
        values["title"] = prepared.title
    if "body" not in edited:
        values.update(
            body=prepared.body,
            content_hash=prepared.content_hash,
            minhash=prepared.signature.minhash,
            lsh_bands=prepared.signature.bands,
        )
    if "author" not in edited:
        values["author"] = prepared.author
    if not {"published", "date_precision"} & edited:
        values.update(
            published=prepared.published,
            date_precision=prepared.date_precision,
            date_origin=prepared.date_origin,
        )
    if "source_id" not in edited:
        values.update(source_id=_source_id(prepared), source_origin=prepared.source_origin)
    changed = [name for name, value in values.items() if getattr(article, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(article, name, values[name])
    try:
        with transaction.atomic():
            article.save(update_fields=changed)
    except IntegrityError as error:
        twin = Article.objects.filter(content_hash=article.content_hash).exclude(pk=article.pk).first()
        raise IngestError(
            f"its cleaned text is now the same as article {twin.pk}'s" if twin else f"not saved ({error})"
        ) from error
    if article.title != title_before or article.body != body_before:
        follow_text_edit(article, title_before, body_before)
    return True


def _incoming(article: Article) -> Incoming:
    """The article as ingest received it: its raw bytes, and what the caller gave with them."""
    raw = bytes(article.raw)
    label = f"article {article.pk} ({article.origin})"
    if article.raw_format == "json":
        try:
            return incoming_from_json(json.loads(raw), raw, article.origin, article.origin_line, label)
        except ValueError as error:
            raise IngestError(f"its raw JSON no longer reads ({error})") from error
    given = Given(
        source=article.source.name if article.source_id and article.source_origin == DateOrigin.GIVEN else "",
        published=article.published.isoformat()
        if article.published and article.date_origin == DateOrigin.GIVEN
        else "",
        url=article.origin if article.origin.startswith(("http://", "https://")) else "",
    )
    return Incoming(article.origin, raw, article.raw_format, given, line=article.origin_line, label=label)


def _edited_by_editors(article: Article) -> set[str]:
    """The fields whose value differs from the one ingest stored (the article's first history record)."""
    first = article.history.order_by("history_date", "history_id").first()
    if first is None:
        return set()
    return {name for name in EDITABLE if getattr(first, name) != getattr(article, name)}


def _source_id(prepared: Prepared) -> int | None:
    return Source.named(prepared.source).pk if prepared.source else None
