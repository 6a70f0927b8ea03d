"""Scoring the text processing on labelled sets, dev and held-out side by side
(`python manage.py evaluate`): cleaning and metadata (`cleaning`), tagging on the demo
corpus (`tagging`), tagging and name search on conflicts the archive was not built for
(`conflicts`). They run the real ingest and tagging paths, so this package sits above both.
"""
