from pathlib import Path

from django.db import migrations, models

SQL = Path(__file__).parent / "sql"


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0009_mention_indexes_they_lead'),
    ]

    operations = [
        migrations.CreateModel(
            name='DictionaryVersion',
            fields=[
                ('id', models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ('stamp', models.UUIDField()),
            ],
        ),
        migrations.RunSQL(
            (SQL / "0010_dictionary_version.sql").read_text(),
            reverse_sql=(SQL / "0010_dictionary_version_reverse.sql").read_text(),
        ),
    ]
