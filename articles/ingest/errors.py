"""The one exception ingest raises for bad input: its message is the reason shown to the user."""


class IngestError(Exception):
    """An input that cannot become an article; str(error) names the reason."""


def size_text(size: int) -> str:
    """A byte count as error messages show it: "12 KB", "5.0 MB"."""
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size / 1024:.0f} KB"
