from pathlib import Path

from django.db import migrations

SQL = Path(__file__).parent / "sql"


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0010_dictionary_version'),
    ]

    operations = [
        migrations.RunSQL(
            (SQL / "0011_ranking_sort_key.sql").read_text(),
            reverse_sql=(SQL / "0011_ranking_sort_key_reverse.sql").read_text(),
        ),
    ]
