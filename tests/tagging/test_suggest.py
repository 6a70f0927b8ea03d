"""What the tagger suggests for real-looking Arabic news sentences."""

import datetime

import pytest

pytestmark = pytest.mark.django_db


def test_it_finds_every_spelling_of_a_negotiator(tagged):
    for text in ["قال سيرغي لافروف", "قال سيرجي لافروف", "أكد Sergei Lavrov", "وصرح لافروف"]:
        assert "sergey-lavrov" in tagged(text)["actors"], text
    for text in ["نيكول باشينيان", "نيكول باشنيان", "رئيس الوزراء باشنيان"]:
        assert "nikol-pashinyan" in tagged(text)["actors"], text


def test_it_finds_names_and_places_under_clitics(tagged):
    result = tagged("والتقى بوتين ولافروف بعلييف بموسكو، قبل أن يتوجه الوفد إلى باكو وبعدها ليريفان")
    assert {"vladimir-putin", "sergey-lavrov", "ilham-aliyev"} <= result["actors"]
    assert {"moscow", "baku", "yerevan"} <= result["venues"]


def test_offsets_point_at_the_name_without_its_clitic(tagged):
    result = tagged("وأعلن ولافروف هدنة")
    assert ("لافروف", "sergey-lavrov", "surname_unique") in result["spans"]


def test_a_surname_after_the_full_name_is_resolved_to_that_person(tagged):
    result = tagged("التقى الرئيس إلهام علييف الوفد. وقال علييف إن المحادثات مثمرة.")
    assert ("علييف", "ilham-aliyev", "surname") in result["spans"]


def test_the_airport_named_after_the_father_is_not_the_son(tagged):
    result = tagged("هبطت الطائرة في مطار حيدر علييف الدولي في باكو.")
    assert "ilham-aliyev" not in result["actors"]


@pytest.mark.parametrize(
    ("text", "published", "slug"),
    [
        (
            "وقال وزير الخارجية الأرميني إن بلاده مستعدة للحوار.",
            datetime.date(2020, 10, 10),
            "zohrab-mnatsakanyan",
        ),
        (
            "وقال وزير الخارجية الأرميني إن بلاده مستعدة للحوار.",
            datetime.date(2022, 5, 22),
            "ararat-mirzoyan",
        ),
        ("ودعا الرئيس الفرنسي إلى ضبط النفس.", datetime.date(2022, 9, 14), "emmanuel-macron"),
        ("واستقبل رئيس المجلس الأوروبي الزعيمين.", datetime.date(2022, 5, 22), "charles-michel"),
        ("وقال وزير الخارجية الأمريكي إن واشنطن تدعم المفاوضات.", datetime.date(2020, 10, 23), "mike-pompeo"),
        (
            "وقال وزير الخارجية الأمريكي إن واشنطن تدعم المفاوضات.",
            datetime.date(2023, 5, 4),
            "antony-blinken",
        ),
    ],
)
def test_role_phrases_resolve_to_who_held_the_role_that_day(tagged, text, published, slug):
    result = tagged(text, published)
    assert slug in result["actors"]
    assert any(method == "role" and who == slug for _text, who, method in result["spans"])


def test_a_role_phrase_needs_a_date(tagged):
    assert (
        "zohrab-mnatsakanyan"
        not in tagged("وقال وزير الخارجية الأرميني إن بلاده مستعدة.", published=None)["actors"]
    )


def test_his_counterpart_is_the_same_role_in_the_other_country(tagged):
    result = tagged("استقبل سيرغي لافروف في موسكو نظيره الأذربيجاني لبحث الهدنة.", datetime.date(2020, 10, 9))
    assert ("نظيره الأذربيجاني", "jeyhun-bayramov", "counterpart") in result["spans"]


def test_counterparts_of_two_countries(tagged):
    result = tagged("استضاف لافروف نظيريه الأرميني والأذربيجاني في موسكو.", datetime.date(2020, 10, 9))
    assert {"zohrab-mnatsakanyan", "jeyhun-bayramov"} <= result["actors"]


def test_a_role_followed_by_a_known_name_is_the_name(tagged):
    result = tagged("وقال الرئيس الروسي فلاديمير بوتين إن الاتفاق صامد.", datetime.date(2021, 1, 11))
    assert [m for _t, who, m in result["spans"] if who == "vladimir-putin"] == ["alias"]


def test_a_role_followed_by_an_unknown_name_proposes_a_candidate(tagged):
    result = tagged(
        "واستقبل وزير الخارجية الجورجي إيليا دارشياشفيلي الوفد في تبليسي.", datetime.date(2022, 6, 1)
    )
    [candidate] = result["suggestions"].candidates
    assert candidate.name == "إيليا دارشياشفيلي"
    assert candidate.title == "وزير الخارجية الجورجي"
    assert candidate.role == "foreign_minister"


def test_a_nationality_adjective_names_the_state_but_not_when_it_places_a_city(tagged):
    assert "azerbaijan" in tagged("وقالت وزارة الدفاع الأذربيجانية إن القصف استمر.")["actors"]
    assert "spain" not in tagged("وانطلقت القمة في مدينة غرناطة الإسبانية.")["actors"]
    assert "belgium" not in tagged("ويلتقي الزعيمان في العاصمة البلجيكية.")["actors"]


@pytest.mark.parametrize(
    ("text", "places", "mentioned"),
    [
        ("عقدت في موسكو محادثات بين وزيري الخارجية.", {"moscow"}, set()),
        ("استضافت سوتشي قمة ثلاثية.", {"sochi"}, set()),
        ("جنيف تستضيف جولة جديدة من المحادثات.", {"geneva"}, set()),
        ("وصل الوزيران إلى جنيف لإجراء محادثات.", {"geneva"}, set()),  # an arrival word governs "إلى"
        ("وصل الوزيران من جنيف بعد محادثات.", set(), {"geneva"}),
        ("اتفقت أرمينيا وأذربيجان على وقف إطلاق النار في قره باغ.", set(), {"nagorno-karabakh"}),
        ("اندلعت اشتباكات عنيفة في إقليم قره باغ.", {"nagorno-karabakh"}, set()),
        ("وتركزت الاشتباكات في محيط مدن جرموك وغوريس وبلدة سوتك.", {"jermuk", "goris", "sotk"}, set()),
        ("وقالت باكو إن يريفان تعرقل المفاوضات.", set(), {"baku", "yerevan"}),
        ("وقّع الزعيمان في مدينة شوشا إعلانا للتحالف.", {"shusha"}, set()),
        ("أعلن الجيش تحرير مدينة شوشا بعد معارك عنيفة.", {"shusha"}, set()),
        ("وفي باريس، أجرى ماكرون اتصالا هاتفيا مع علييف.", set(), {"paris"}),
        ("عقد الوزيران اجتماعا في فندق ماريوت قرب العاصمة موسكو.", {"moscow"}, set()),
        ("عقدت المحادثات في قصر الاستقلال بقرب مدينة باكو.", {"baku"}, set()),
        ("عقد الوزيران اجتماعا في فندق كبير جديد قرب موسكو.", set(), {"moscow"}),  # too far
        # a nationality adjective after the filler word; an object pronoun on a host verb
        ("اختتمت في العاصمة الكازاخية أستانة الجولة الحادية عشرة من المحادثات.", {"astana"}, set()),
        ("جولة جديدة من المفاوضات المباشرة تستضيفها مدينة إسطنبول التركية.", {"istanbul"}, set()),
        # a dateline: the news was filed from there; a headline's colon is the state speaking
        ("أديس أبابا – أعلن رئيس الوزراء تعيين رئيس جديد للإدارة المؤقتة.", {"addis-ababa"}, set()),
        ("الدوحة (رويترز) - قال مسؤولون إن المحادثات ستستأنف.", {"doha"}, set()),
        ("موسكو: لا مفاوضات مع كييف قبل تحقيق الأهداف.", set(), {"moscow", "kyiv"}),
        ("ووصل الوزير الأربعاء إلى نيروبي، حيث استقبله الرئيس الكيني.", {"nairobi"}, set()),
    ],
)
def test_it_tells_where_something_happened_from_a_place_merely_named(tagged, text, places, mentioned):
    result = tagged(text)
    assert result["places"] == places
    assert result["venues"] - result["places"] == mentioned


def test_events_are_typed_dated_and_placed(tagged):
    body = "أعلن لافروف، فجر اليوم السبت، التوصل إلى هدنة إنسانية بعد محادثات في موسكو بوساطة روسية."
    result = tagged(body, datetime.date(2020, 10, 10), title="هدنة في قره باغ")
    events = {e.kind: e for e in result["suggestions"].events}
    assert {"ceasefire", "talks"} <= set(events)
    assert events["talks"].date == datetime.date(2020, 10, 10)
    assert events["talks"].precision == "day"


def test_a_mediator_is_a_mediator(tagged, actor):
    body = "عقد علييف وباشينيان محادثات في بروكسل بوساطة شارل ميشال."
    result = tagged(body, datetime.date(2022, 5, 22))
    [talks] = [e for e in result["suggestions"].events if e.kind == "talks"]
    assert talks.participants[actor("charles-michel").id] == "mediator"
    assert talks.participants[actor("ilham-aliyev").id] == "party"


def test_an_event_dated_long_before_the_news_is_background(tagged):
    body = "وفي 10 نوفمبر 2020 وقع الطرفان اتفاقا لوقف إطلاق النار."
    assert "agreement" not in tagged(body, datetime.date(2023, 5, 14))["events"]


def test_a_pluperfect_sentence_is_background(tagged):
    body = "التقى علييف وباشينيان في بروكسل اليوم.\n\nوكان الزعيمان قد التقيا في سوتشي أواخر نوفمبر."
    result = tagged(body, datetime.date(2021, 12, 15))
    assert result["places"] == {"brussels"}
    assert "sochi" in result["venues"]


def test_text_without_a_date_gives_events_without_a_date(tagged):
    result = tagged("عقد الزعيمان محادثات في بروكسل.", published=None)
    assert [e.date for e in result["suggestions"].events] == [None]
