"""Production static files: collected with hashed, compressed names that whitenoise serves."""

from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_writes_hashed_and_compressed_files(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)
    css = list((tmp_path / "css").glob("site.*.css"))
    assert css, "site.css was not collected under a hashed name"
    assert (tmp_path / "staticfiles.json").exists()
    assert list((tmp_path / "css").glob("site.*.css.gz"))
