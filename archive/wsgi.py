"""WSGI entry point (gunicorn archive.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

from archive.startup import prepare_environment

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
prepare_environment()
application = get_wsgi_application()

# What is loaded by now (Django, the apps and their libraries) lives as long as the
# process: kept out of the cyclic collector's full passes, which would otherwise walk all
# of it in the middle of a request (docs/performance-notes.md).
gc.freeze()
