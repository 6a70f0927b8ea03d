"""`manage.py gen_corpus`: a deterministic synthetic corpus that the archive ingests as real input.

No database: the generator reads the dictionary file, and the checks below use the
archive's own pure text functions (cleaning, normalization, near-duplicate signatures).
"""

from __future__ import annotations

import collections
import datetime
import hashlib
import io
import json
import re
import tomllib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.ingest.near_duplicates import SAME_STORY, signature, similarity
from articles.text.normalize import normalize_phrase
from articles.text.scraped import parse_scraped
from bench import vocabulary as vocabulary_module
from bench.corpus import DICTIONARY_PATH, FIELDS, Corpus
from bench.vocabulary import VOCABULARY_PATH

# Reasons for removing a line that say it carried metadata; every other reason says noise.
METADATA_REASONS = {"byline", "date-line", "source-line", "sign-off", "title"}


def generate(tmp_path, *args: str, name: str = "corpus.jsonl") -> tuple[bytes, str]:
    """Run the command into a file; its bytes and what it printed on standard error."""
    out, err = tmp_path / name, io.StringIO()
    call_command("gen_corpus", *args, "--out", str(out), stdout=io.StringIO(), stderr=err)
    return out.read_bytes(), err.getvalue()


def records(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> list[dict]:
    data, _ = generate(tmp_path_factory.mktemp("sample"), "--count", "400", "--seed", "11")
    return records(data)


@pytest.fixture(scope="module")
def dictionary() -> dict:
    with open(DICTIONARY_PATH, "rb") as file:
        return tomllib.load(file)


def test_it_is_deterministic(tmp_path):
    first, err = generate(tmp_path, "--count", "120", "--seed", "5", name="a.jsonl")
    again, _ = generate(tmp_path, "--count", "120", "--seed", "5", name="b.jsonl")
    other, _ = generate(tmp_path, "--count", "120", "--seed", "6", name="c.jsonl")
    assert first == again
    assert first != other
    assert not set(first.splitlines()) & set(other.splitlines())
    assert re.fullmatch(r"wrote 120 articles in \d+\.\d s\n", err)


def test_it_gives_the_same_bytes_with_worker_processes(tmp_path):
    one, _ = generate(tmp_path, "--count", "700", "--seed", "3", "--jobs", "1", name="one.jsonl")
    two, _ = generate(tmp_path, "--count", "700", "--seed", "3", "--jobs", "2", name="two.jsonl")
    assert one == two


def test_it_keeps_the_first_articles_whatever_the_count(tmp_path):
    long, _ = generate(tmp_path, "--count", "300", "--seed", "9", name="long.jsonl")
    short, _ = generate(tmp_path, "--count", "40", "--seed", "9", name="short.jsonl")
    assert long.splitlines()[:40] == short.splitlines()
    assert len(long.splitlines()) == 300


def test_it_writes_one_json_object_per_line_with_the_six_fields(sample):
    assert len(sample) == 400
    for record in sample:
        assert list(record) == list(FIELDS)
        assert all(isinstance(value, str) for value in record.values())
        assert record["title"] and record["body"] and record["source"]
        assert re.fullmatch(r"https://example-outlet-\d+\.test/ar/news/\d+", record["url"])
    assert len({r["url"] for r in sample}) == 400
    assert 20 <= len({r["source"] for r in sample}) <= 40


def test_it_writes_what_json_dumps_writes(tmp_path):
    data, _ = generate(tmp_path, "--count", "50")
    for line in data.decode("utf-8").splitlines():
        assert line == json.dumps(json.loads(line), ensure_ascii=False)


def test_it_writes_standard_output_without_out():
    out = io.StringIO()
    call_command("gen_corpus", "--count", "3", stdout=out, stderr=io.StringIO())
    assert [json.loads(line)["url"][-1] for line in out.getvalue().splitlines()] == ["0", "1", "2"]


def test_it_keeps_articles_between_300_and_1200_words(sample):
    words = [len(record["body"].split()) for record in sample]
    assert min(words) >= 300
    assert max(words) <= 1200
    assert sum(w < 600 for w in words) > 60 and sum(w > 900 for w in words) > 60  # spread, not bunched


def test_it_dates_articles_within_the_period(sample):
    days = [datetime.date.fromisoformat(record["published"]) for record in sample]
    assert min(days) >= datetime.date(2020, 9, 1)
    assert max(days) <= datetime.date(2023, 12, 31)
    assert len({d.year for d in days}) == 4


def test_it_writes_bodies_the_archive_sees_as_distinct(sample):
    # The archive's identity: the normalized body after cleaning.
    cleaned = [normalize_phrase(parse_scraped(r["body"], title=r["title"]).body) for r in sample]
    assert len(set(cleaned)) == len(sample)
    assert all("  " not in r["body"] for r in sample)


def test_it_names_dictionary_actors_in_their_spelling_variants(sample, dictionary):
    text = "\n".join(r["title"] + "\n" + r["body"] for r in sample)
    people = [a for a in dictionary["actor"] if a["kind"] == "person"]
    named = [a["slug"] for a in people if a["name"] in text]
    assert {"nikol-pashinyan", "ilham-aliyev", "vladimir-putin", "sergey-lavrov"} <= set(named)
    assert len(named) >= 15
    variants = [
        alias
        for a in people
        for alias in a.get("aliases", [])
        if alias != a["name"]
        and re.search("[\u0600-\u06ff]", alias)
        and re.search(rf"(?<!\w){alias}(?!\w)", text)
    ]
    assert len(variants) >= 10, variants
    assert re.search(r"(?<!\w)(سيرجي لافروف|باشنيان|نيكول باشنيان|إلهام عليف)(?!\w)", text)
    assert re.search(r"(?<!\w)(و|ل|ب)(لافروف|باشينيان|علييف|بوتين|موسكو|بروكسل)(?!\w)", text)  # clitics
    assert "ونظيره" in text and "«" in text
    venues = [v["slug"] for v in dictionary["venue"] if v["name"] in text]
    assert len(venues) >= 10


def test_it_makes_a_few_names_frequent_and_many_rare(sample, dictionary):
    text = "\n".join(r["body"] for r in sample)
    counts = collections.Counter()
    for actor in dictionary["actor"]:
        if actor["kind"] == "person":
            forms = {actor["name"], *actor.get("aliases", []), *actor.get("short_aliases", [])}
            counts[actor["slug"]] = sum(text.count(f) for f in forms if re.search("[\u0600-\u06ff]", f))
    ranked = [n for _, n in counts.most_common()]
    assert ranked[0] > 20 * ranked[len(ranked) // 2]  # a Zipf-like head…
    assert sum(1 for n in ranked if 0 < n < ranked[0] / 100) >= 5  # …and a long tail
    words = len(text.split())
    assert sum(ranked) < words / 10  # names are a minority of the words


def test_it_writes_scraped_text_files_in_folders_of_1000(tmp_path):
    out = tmp_path / "corpus"
    call_command(
        "gen_corpus",
        "--count",
        "1005",
        "--seed",
        "4",
        "--format",
        "txt",
        "--out",
        str(out),
        stderr=io.StringIO(),
    )
    files = sorted(out.rglob("*.txt"))
    assert len(files) == 1005
    assert sorted(p.name for p in out.iterdir()) == ["00000", "00001"]
    assert len(list((out / "00000").iterdir())) == 1000
    corpus = Corpus(4)
    for i, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        title = text.split("\n", 1)[0]
        assert title and not title.endswith((".", "،", ":", "؟"))
        if i % 5:
            continue
        record = corpus.record(i)
        scraped = parse_scraped(text)
        assert scraped.title == record["title"] == title
        assert scraped.published is not None
        assert scraped.published.value.isoformat() == record["published"]
        assert scraped.published.precision == "day"
        noise = [line for reason, line in scraped.removed if reason not in METADATA_REASONS]
        assert 2 <= len(noise) <= 4, scraped.removed
        assert all(line not in scraped.body for line in noise)


def test_it_makes_about_three_percent_near_copies():
    # Measured as the archive does at ingest: MinHash bands, then similarity ≥ SAME_STORY.
    corpus = Corpus(2)
    signatures, bands, linked = [], collections.defaultdict(list), 0
    for i in range(2000):
        record = corpus.record(i)
        sig = signature(normalize_phrase(parse_scraped(record["body"], title=record["title"]).body))
        candidates = {j for band in sig.bands for j in bands[band]}
        if any(similarity(sig.minhash, signatures[j].minhash) >= SAME_STORY for j in candidates):
            linked += 1
        signatures.append(sig)
        for band in sig.bands:
            bands[band].append(i)
    assert 0.01 <= linked / 2000 <= 0.06


def test_it_keeps_its_vocabulary_free_of_control_characters():
    # The fast JSON writer escapes only line breaks and relies on this.
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, tuple | list | set | frozenset):
            for item in value:
                yield from strings(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from strings(key)
                yield from strings(item)

    with open(VOCABULARY_PATH, "rb") as file:
        vocabulary = list(strings(tomllib.load(file)))  # the data…
    vocabulary += [  # …and the pools composed from it
        s
        for name in dir(vocabulary_module)
        if name.isupper()
        for s in strings(getattr(vocabulary_module, name))
    ]
    assert len(vocabulary) > 10_000
    assert all(s.isprintable() for s in vocabulary)


# The sha256 of `gen_corpus --count 50 --seed 11 --jobs 1`. Change it only when the corpus is
# meant to change (vocabulary.toml, the generator or the dictionary), and then the benchmark
# figures measured on the old corpus are no longer comparable.
CORPUS_SHA256 = "363ac7d397be06ed9f0a4b5837903433ee6fd435c161d94a76068280fb685c23"


def test_it_makes_the_same_corpus_across_versions(tmp_path):
    data, _ = generate(tmp_path, "--count", "50", "--seed", "11", "--jobs", "1")
    assert hashlib.sha256(data).hexdigest() == CORPUS_SHA256


def test_it_refuses_a_text_corpus_without_a_folder(tmp_path):
    with pytest.raises(CommandError, match="--out FOLDER"):
        call_command("gen_corpus", "--count", "1", "--format", "txt", stderr=io.StringIO())
    with pytest.raises(CommandError, match="--count"):
        call_command("gen_corpus", "--count", "-1", "--out", str(tmp_path / "x.jsonl"), stderr=io.StringIO())
