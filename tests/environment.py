"""Loaded with `-p` before Django reads its settings: how the test servers differ from production.

- Plain HTTP: production redirects HTTP to HTTPS (SECURE_SSL_REDIRECT is on when DEBUG
  is off). The live server of the browser tests builds its middleware once, so this must
  be set before Django starts, not patched per test.
- A 20-second cap on every SQL statement: a query plan gone wrong fails its test instead
  of hanging the run (one did, for minutes, on PostgreSQL 16 before it was rewritten).
- The relevance index (articles/ranking.py) in a folder of the run's own, never the
  archive's `var/ranking`: commands started as subprocesses inherit it; each test in
  the process gets a fresh one (`tests/conftest.py`).
- Static files under their own names: the live server serves them from the apps
  (staticfiles finders), which know no hashed names. `tests/project/test_static.py` checks the
  production storage (hashed, compressed) separately.
"""

import os
import tempfile

os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STATIC_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "20000")
os.environ.setdefault("RANKING_INDEX_DIR", tempfile.mkdtemp(prefix="ranking-index-"))

# The secret key, the static folder and the database (the embedded server unless
# DATABASE_URL is set), as manage.py prepares them.
from archive.startup import prepare_environment

prepare_environment()
