"""Polite HTTP fetching for feeds and the pages they link: a timeout, a size cap, our user agent."""

from __future__ import annotations

import urllib.error
import urllib.request

from django.conf import settings

from articles.ingest.errors import IngestError, size_text


def fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": settings.INGEST_USER_AGENT})
    limit = settings.INGEST_MAX_BYTES
    try:
        with urllib.request.urlopen(request, timeout=settings.INGEST_HTTP_TIMEOUT) as response:
            data = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise IngestError(f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise IngestError(f"cannot reach the server ({error.reason})") from None
    except TimeoutError:
        raise IngestError(f"no answer within {settings.INGEST_HTTP_TIMEOUT} s") from None
    if len(data) > limit:
        raise IngestError(f"larger than the {size_text(limit)} limit")
    return data
