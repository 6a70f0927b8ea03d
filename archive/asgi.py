"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

from archive.startup import prepare_environment

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
prepare_environment()
application = get_asgi_application()
