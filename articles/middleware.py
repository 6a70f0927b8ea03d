"""Answers for requests the archive cannot serve right now."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


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
