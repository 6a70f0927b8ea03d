"""The served process: what the WSGI module leaves behind at start."""

import json
import os
import subprocess
import sys

from django.conf import settings


def test_the_wsgi_module_serves_and_keeps_what_it_loaded_out_of_the_collector():
    probe = (
        "import gc, json, archive.wsgi as w;"
        "print(json.dumps([gc.get_freeze_count(), callable(w.application)]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=settings.BASE_DIR, env=dict(os.environ),
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    frozen, serves = json.loads(result.stdout.strip().splitlines()[-1])
    assert serves
    assert frozen > 10_000  # Django, the apps and their libraries: about 76,000 objects here
