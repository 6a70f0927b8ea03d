"""Answers for requests the archive cannot serve right now; the database a request reads from."""

from __future__ import annotations

import logging
import random
import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

from archive.routers import reading_from, replica_aliases

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class DatabaseUnavailableMiddleware:
    """A database that is down, restarting or refusing connections gives a 503 page with
    Retry-After instead of a 500: the archive is not broken, only unavailable. The next
    request reconnects on its own (CONN_HEALTH_CHECKS drops the dead connection).

    Statement timeouts are OperationalErrors too; an overloaded database is also "try
    again shortly". The page is rendered without the request, as Django's 500 page is,
    so that rendering it needs no database (no session, no user).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("database unavailable for %s: %s", request.path, exception)
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class ReadReplicaMiddleware:
    """Which database a request reads from, when DATABASE_REPLICA_URLS lists replicas.

    An anonymous GET reads from one replica, chosen at random per request so that a page
    is read from one server. Everything else reads from the primary: a request with a
    session cookie (an editor: the session and the user must be read where the login
    wrote them), an unsafe method, and a request from a browser that made one in the last
    DATABASE_REPLICA_PIN_SECONDS. That pin is a cookie, set on the answer to every unsafe
    request, holding the time it ends: whoever wrote reads their own writes, whatever the
    replicas' lag, as long as the lag is shorter than the pin. A forged pin only sends its
    own reads to the primary, as any POST can.

    The choice is `archive.routers.read_alias`. A streamed answer (CSV) reads its rows
    while it is sent, after this middleware has returned, so the choice goes with it.
    """

    PIN_COOKIE = "primary_until"

    def __init__(self, get_response):
        self.replicas = replica_aliases()
        if not self.replicas:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        alias = self.read_alias(request)
        with reading_from(alias):
            response = self.get_response(request)
        if response.streaming and not response.is_async:
            response.streaming_content = _read_while_streaming(alias, response.streaming_content)
        if request.method not in SAFE_METHODS:
            seconds = settings.DATABASE_REPLICA_PIN_SECONDS
            response.set_cookie(
                self.PIN_COOKIE,
                str(int(time.time()) + seconds),
                max_age=seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def read_alias(self, request) -> str:
        if (
            request.method not in SAFE_METHODS
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or self.pinned(request)
        ):
            return DEFAULT_DB_ALIAS
        return random.choice(self.replicas)

    def pinned(self, request) -> bool:
        try:
            return int(request.COOKIES.get(self.PIN_COOKIE, 0)) > time.time()
        except ValueError:
            return False


_END = object()


def _read_while_streaming(alias, chunks):
    iterator = iter(chunks)
    while True:
        # Set around each step, never across a yield: between chunks the server runs code
        # of its own in this context, and it may close the generator from another one.
        with reading_from(alias):
            chunk = next(iterator, _END)
        if chunk is _END:
            return
        yield chunk
