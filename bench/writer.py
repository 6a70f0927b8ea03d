"""The sentence writer of the synthetic corpus: ledes, quotes, background, figures, noise."""

from __future__ import annotations

import datetime
import random
from bisect import bisect_left
from collections.abc import Callable, Sequence

from bench.cast import (
    Names,
    Person,
    State,
    Venue,
)
from bench.vocabulary import (
    ABOUT,
    AMOUNTS,
    ANCHOR_DAYS,
    ANNOUNCE,
    BACKGROUND_ANCHORS,
    BACKGROUND_OPENERS,
    BORDER_STATES,
    BY,
    CAPITALS,
    CEASEFIRE_STARTS,
    CONNECTORS,
    CONTEXT_LINKS,
    CONTEXT_OPENERS,
    CONTEXT_PLACES,
    CONTEXT_STATES,
    DEBATES,
    DISCUSSED,
    DISPLACED_ESTIMATES,
    DISPLACED_SINCE,
    DURATIONS,
    ECON_PERIODS,
    ECON_SOURCES,
    ECON_SUBJECTS,
    ECON_VERBS,
    FOLLOW_UPS,
    INDEX_SENTENCES,
    INDIC_DIGITS,
    INSTITUTIONS,
    MASDAR_HEADS,
    MASDARS,
    MEDIATIONS,
    MEETING_OCCASIONS,
    MEETING_ORDINALS,
    MEETING_SINCE,
    MONTHS_EG,
    MONTHS_EG_ALT,
    MONTHS_LEV,
    N_OBJECTS,
    N_PREDICATES,
    N_TAILS,
    N_TOPICS,
    NEAR,
    OBJECT_FORMS,
    OBJECTS,
    OCCASIONS,
    OPERATION_AIMS,
    OPINION_OPENERS,
    PERCENT_UNITS,
    PLAN_PURPOSES,
    PLANS,
    PREDICATES,
    PURPOSE_LINKS,
    QUOTE_OPENERS,
    QUOTE_THREATS,
    QUOTE_VERBS,
    REMAINS,
    ROLE_BASES,
    SAY,
    SAY_PAST,
    SEQUELS,
    STATE_STANCES,
    STORY_TYPES,
    SUMMIT_KINDS,
    TAILS,
    TITLE_CLASHES,
    TITLE_MEETING_KINDS,
    TITLE_MEETINGS,
    TOPICS,
    VENUE_HOSTS,
    WEEKDAYS,
    WHEN_PLAN,
    Weighted,
    cl,
)


class Writer:
    """Writes the sentences of one story: its day, cast, places, and the outlet's spellings."""

    def __init__(self, names: Names, rng: random.Random, day: datetime.date) -> None:
        self.names = names
        self.r = r = rng.random
        self.day = day
        self.indic = r() < 0.25  # Arabic-Indic digits throughout
        self.month_style = int(r() * 6)
        self.pct_unit = PERCENT_UNITS[int(r() * len(PERCENT_UNITS))]
        self.story = STORY_TYPES.pick(r)
        self.armenia = names.states["armenia"]
        self.azerbaijan = names.states["azerbaijan"]
        self.seen: dict[str, int] = {}  # mentions of each person so far
        self.figure = ""  # the economic figure a lede reports
        self._spell: dict[str, tuple[str, str | None]] = {}
        self._office: dict[str, tuple[str, str | None] | None] = {}
        self._choice: dict[int, object] = {}
        self._cast()

    def fork(self, rng: random.Random) -> Writer:
        """The same story told by another outlet: same cast and spellings, mentions afresh."""
        other = object.__new__(Writer)
        other.__dict__.update(self.__dict__)
        other.r = rng.random
        other.seen = {}
        other._spell = dict(self._spell)
        other._choice = dict(self._choice)
        return other

    # -- the cast ---------------------------------------------------------

    def _cast(self) -> None:
        names, day, r = self.names, self.day, self.r
        am_leader = names.holder("armenia", "prime_minister", day) or names.holder(
            "armenia", "president", day
        )
        az_leader = names.holder("azerbaijan", "president", day)
        am_fm = names.holder("armenia", "foreign_minister", day)
        az_fm = names.holder("azerbaijan", "foreign_minister", day)
        pool = names.pool(day)
        if am_fm and az_fm and r() < 0.4:
            pair = [am_fm, az_fm]
        elif am_leader and az_leader:
            pair = [am_leader, az_leader]
        else:
            pair = [pool.pick(r), pool.pick(r)]
        if r() < 0.35:
            pair.reverse()
        self.p1, self.p2 = pair
        self.venue = names.meeting_venues.pick(r)
        self.place = names.conflict_venues.pick(r)
        hosts = [names.people[s] for s in VENUE_HOSTS.get(self.venue.slug, ()) if s in names.people]
        hosts = [p for p in hosts if p.role_on(day) is not None]
        self.mediator = hosts[int(r() * len(hosts))] if hosts and r() < 0.85 else self._other(pool)
        self.others = [self._other(pool) for _ in range(2 + int(r() * 3))]
        self.third = names.third_states.pick(r)
        self.org = names.orgs.pick(r)

    def _other(self, pool: Weighted) -> Person:
        for _ in range(8):
            person = pool.pick(self.r)
            if person is not self.p1 and person is not self.p2:
                break
        return person

    def person(self) -> Person:
        """Who speaks: mostly the two sides, then the mediator, then the others."""
        x = self.r()
        if x < 0.33:
            return self.p1
        if x < 0.6:
            return self.p2
        if x < 0.75:
            return self.mediator
        return self.others[int(self.r() * len(self.others))]

    # -- names ------------------------------------------------------------

    def one(self, weighted: Weighted):
        """The outlet's choice among variants (a state's name, an adjective), kept through the story."""
        key = id(weighted)
        try:
            return self._choice[key]
        except KeyError:
            choice = self._choice[key] = weighted.pick(self.r)
            return choice

    def spelling(self, p: Person) -> tuple[str, str | None]:
        """The outlet's spelling of a person (full name, surname), kept through the story."""
        spelled = self._spell.get(p.slug)
        if spelled is None:
            spelled = self._spell[p.slug] = (p.full.pick(self.r), p.short.pick(self.r) if p.short else None)
        return spelled

    def office(self, p: Person) -> tuple[str, str | None] | None:
        try:
            return self._office[p.slug]
        except KeyError:
            office = self._office[p.slug] = p.role_on(self.day)
            return office

    def role(self, p: Person) -> str:
        """The role phrase ("وزير الخارجية الأرميني") of the office held on the day, else the title."""
        office = self.office(p)
        if office is None:  # out of office: "وزير الخارجية الأرميني السابق", "الرئيس الأرميني الأسبق"
            last = p.roles[-1] if p.roles else None
            if last and last[0] in ROLE_BASES and last[1] in self.names.states:
                return f"{self._role_phrase(p, last[0], last[1])} {'السابقة' if p.fem else 'السابق'}"
            return p.title
        key, country = office
        if key in ROLE_BASES and country in self.names.states:
            return self._role_phrase(p, key, country)
        return p.title

    def _role_phrase(self, p: Person, key: str, country: str) -> str:
        state = self.names.states[country]
        return f"{ROLE_BASES[key][p.fem]} {self.one(state.adj_f if p.fem else state.adj_m)}"

    def who(self, p: Person, clitic: str = "") -> str:
        """A mention: role and full name first, then mostly the surname, sometimes the role."""
        slug = p.slug
        count = self.seen.get(slug, 0)
        self.seen[slug] = count + 1
        full, short = self._spell.get(slug) or self.spelling(p)
        x = self.r()
        if count == 0:
            role = self.role(p)
            if x < 0.7 and role:
                text = f"{role} {full}"
            elif x < 0.73 and p.latin:
                text = f"{full} ({p.latin})"
            else:
                text = full
        elif short and x < 0.6:
            return clitic + short if clitic else short
        elif x < 0.72:
            text = self.role(p) or full
        elif short and x < 0.84 and (self.office(p) or ("",))[0] == "president":
            text = f"{'الرئيسة' if p.fem else 'الرئيس'} {short}"
        else:
            text = full
        return cl(clitic, text)

    def surname(self, p: Person) -> str:
        """The short form for titles: the surname, else the full name."""
        full, short = self.spelling(p)
        return short or full

    def pair(self, p: Person, q: Person, clitic: str = "") -> str:
        """Two people; "وزير الخارجية الأرميني … ونظيره الأذربيجاني …" when they hold the same office."""
        first = self.who(p, clitic)
        op, oq = self.office(p), self.office(q)
        if op and oq and op[0] == oq[0] and oq[1] != op[1] and oq[1] in self.names.states and self.r() < 0.7:
            counterpart = ("ونظيره", "ونظيرته", "ونظيرها", "ونظيرتها")[q.fem + 2 * p.fem]
            state = self.names.states[oq[1]]
            self.seen[q.slug] = self.seen.get(q.slug, 0) + 1
            return f"{first} {counterpart} {self.one(state.adj_f if q.fem else state.adj_m)} {self.spelling(q)[0]}"
        return f"{first} {self.who(q, 'و')}"

    def state(self, s: State, clitic: str = "") -> str:
        return cl(clitic, self.one(s.aliases))

    def sides(self) -> str:
        """The two sides, "أرمينيا وأذربيجان", in either order."""
        a, b = (self.armenia, self.azerbaijan) if self.r() < 0.6 else (self.azerbaijan, self.armenia)
        return f"{self.state(a)} {self.state(b, 'و')}"

    def at(self, v: Venue) -> str:
        """Where a meeting is held: في موسكو، بموسكو، في العاصمة الروسية موسكو، في مدينة سوتشي."""
        name = self.one(v.aliases)
        x = self.r()
        if x < 0.55:
            return f"في {name}"
        if x < 0.75:
            return cl("ب", name)
        if v.slug in CAPITALS and v.country in self.names.states:
            return f"في العاصمة {self.one(self.names.states[v.country].adj_f)} {name}"
        return f"في مدينة {name}"

    def near(self, v: Venue) -> str:
        """Where fighting is: في محيط ستيباناكيرت، قرب جرموك."""
        return NEAR[int(self.r() * len(NEAR))] + self.one(v.aliases)

    # -- numbers and dates ------------------------------------------------

    def num(self, n: int | str) -> str:
        text = str(n)
        return text.translate(INDIC_DIGITS) if self.indic else text

    def pct(self) -> str:
        r = self.r
        value = self.num(f"{int(r() * 40) + 1}.{int(r() * 10)}" if r() < 0.6 else int(r() * 60) + 1)
        return f"{value}%" if self.pct_unit == "%" else f"{value} {self.pct_unit}"

    def month(self, m: int) -> str:
        """The month in the outlet's style: أكتوبر، تشرين الأول، أكتوبر/تشرين الأول، أكتوبر (تشرين الأول)…"""
        style = self.month_style
        eg = MONTHS_EG_ALT[m - 1] if style == 5 else MONTHS_EG[m - 1]
        lev = MONTHS_LEV[m - 1]
        return (eg, lev, f"{eg}/{lev}", f"{lev}/{eg}", f"{eg} ({lev})", eg)[style]

    def date(self, d: datetime.date, year: bool = True) -> str:
        text = f"{self.num(d.day)} {self.month(d.month)}"
        return f"{text} {self.num(d.year)}" if year else text

    def when(self) -> str:
        """When the reported event happened, as the text says it relative to publication."""
        r, day = self.r, self.day
        x = r()
        if x < 0.25:
            return f"اليوم {WEEKDAYS[day.weekday()]}"
        if x < 0.5:
            return f"أمس {WEEKDAYS[(day.weekday() - 1) % 7]}"
        if x < 0.62:
            return f"مساء {'اليوم' if r() < 0.5 else 'أمس'}"
        if x < 0.8:
            return f"يوم {WEEKDAYS[day.weekday()]}"
        if x < 0.9:
            return f"في {self.date(day, year=False)}"
        return f"في {self.date(day)}"

    def past(self) -> str:
        """A day some weeks or months before publication: a full date, a month or a year."""
        r = self.r
        d = self.day - datetime.timedelta(days=7 + int(r() * 300))
        x = r()
        if x < 0.6:
            return f"في {self.date(d)}"
        if x < 0.85:
            return f"في {self.month(d.month)} {self.num(d.year)}"
        return f"في {'العام' if r() < 0.5 else 'عام'} {self.num(d.year)}"

    # -- parts --------------------------------------------------------------

    def pick(self, seq: Sequence):
        return seq[int(self.r() * len(seq))]

    def masdar(self) -> str:
        """A verbal noun phrase: a set phrase, or a verbal noun and an object in construct."""
        r = self.r
        if r() < 0.3:
            return MASDARS[int(r() * len(MASDARS))]
        return f"{MASDAR_HEADS[int(r() * len(MASDAR_HEADS))]} {OBJECTS[int(r() * len(OBJECTS))]}"

    def clause(self) -> str:
        """An opinion: "{topic} {predicate} {object}", sometimes with a tail. (The hottest path.)"""
        r = self.r
        topic, fem = TOPICS[int(r() * N_TOPICS)]
        pred = PREDICATES[int(r() * N_PREDICATES)]
        return f"{topic} {pred[fem]} {OBJECT_FORMS[pred[2]][int(r() * N_OBJECTS)]}{TAILS[int(r() * N_TAILS)]}"

    # -- body sentences -------------------------------------------------------

    def s_opinion(self) -> str:
        """ويرى محللون غربيون أن …، في حين يرى آخرون أن …"""
        r = self.r
        opener = OPINION_OPENERS[int(r() * len(OPINION_OPENERS))]
        if r() < 0.3:
            opening = f"{CONNECTORS[int(r() * len(CONNECTORS))]}{opener[1]} {self.clause()}"
        else:
            opening = f"{opener[0]} {self.clause()}"
        x = r()
        if x < 0.25:
            return f"{opening}، وأن {self.clause()}."
        if x < 0.5:
            return f"{opening}، {SEQUELS[int(r() * len(SEQUELS))]} {self.clause()}."
        return f"{opening}."

    def s_statement(self) -> str:
        """وأكد وزير الخارجية الروسي سيرغي لافروف في تصريحات صحفية أن …، مضيفاً أن …"""
        r = self.r
        p = self.person()
        say = SAY[int(r() * len(SAY))]
        occasion = OCCASIONS[int(r() * len(OCCASIONS))][p.fem]
        occasion = f" {occasion}" if occasion else ""
        opener = "و" + say[p.fem]
        if r() < 0.25:
            opener = ("من جهتها، " if p.fem else "من جهته، ") + say[p.fem]
        said = f"{opener} {self.who(p)}{occasion} {say[2]} {self.clause()}"
        if r() < 0.5:
            return f"{said}، {'مضيفة' if p.fem else 'مضيفاً'} أن {self.clause()}."
        return f"{said}."

    def s_quote(self) -> str:
        """وقال باشينيان: «…»."""
        r = self.r
        p = self.person()
        x = r()
        if x < 0.3:
            quote = self.clause()
        elif x < 0.55:
            quote = f"{self.clause()}، و{self.clause()}"
        elif x < 0.8:
            opener, clitic = QUOTE_OPENERS[int(r() * len(QUOTE_OPENERS))]
            quote = f"{opener} {cl(clitic, self.masdar())}، لأن {self.clause()}"
        else:
            topic, fem = TOPICS[int(r() * len(TOPICS))]
            what = QUOTE_THREATS[int(r() * len(QUOTE_THREATS))]
            quote = f"لن نسمح بأن {'تتحول' if fem else 'يتحول'} {topic} إلى {what}"
        verb = QUOTE_VERBS[int(r() * len(QUOTE_VERBS))][p.fem]
        return f"{verb} {self.who(p)}: «{quote}»."

    def s_economy(self) -> str:
        """وارتفع حجم التبادل التجاري في أرمينيا بنسبة 12.5 في المئة على أساس سنوي، فيما …"""
        r = self.r
        subject, fem = ECON_SUBJECTS[int(r() * len(ECON_SUBJECTS))]
        where = ""
        x = r()
        if x < 0.6:
            where = f" في {self.state(self.armenia if r() < 0.5 else self.azerbaijan)}"
        elif x < 0.7:
            where = f" في {self.state(self.third)}"
        verb = ECON_VERBS[int(r() * len(ECON_VERBS))][fem]
        change = f"{BY[int(r() * len(BY))]} {self.pct()} {ECON_PERIODS[int(r() * len(ECON_PERIODS))]}"
        opening = "و" if r() < 0.5 else CONNECTORS[int(r() * len(CONNECTORS))]
        more = ""
        if r() < 0.5:
            other, other_fem = ECON_SUBJECTS[int(r() * len(ECON_SUBJECTS))]
            other_verb = ECON_VERBS[int(r() * len(ECON_VERBS))][other_fem]
            more = f"، فيما {other_verb} {other} {BY[int(r() * len(BY))]} {self.pct()}"
        return f"{opening}{verb} {subject}{where} {change}{more}{ECON_SOURCES[int(r() * len(ECON_SOURCES))]}."

    def s_institution(self) -> str:
        """وأقرت وزارة الاقتصاد الأرمينية خطة لدعم المشاريع الصغيرة بقيمة 40 مليون دولار."""
        r = self.r
        inst, fem = INSTITUTIONS[int(r() * len(INSTITUTIONS))]
        state = self.armenia if r() < 0.5 else self.azerbaijan
        if r() < 0.15:
            state = self.third
        adjective = self.one(state.adj_f if fem else state.adj_m)
        verb = ANNOUNCE[int(r() * len(ANNOUNCE))]
        plan = PLANS[int(r() * len(PLANS))]
        plan = f"{verb[2]} {plan[1]}" if verb[2] else plan[0]
        purpose = cl("ل", PLAN_PURPOSES[int(r() * len(PLAN_PURPOSES))])
        amount = AMOUNTS[int(r() * len(AMOUNTS))]
        amount = f"{amount[0]}{self.num(int(r() * amount[2]) + 3)}{amount[1]}" if amount else ""
        more = WHEN_PLAN[int(r() * len(WHEN_PLAN))]
        if fem and r() < 0.5:
            link, clitic = PURPOSE_LINKS[int(r() * len(PURPOSE_LINKS))]
            more += f"، {link} {cl(clitic, self.masdar())}"
        return f"و{verb[fem]} {inst} {adjective} {plan} {purpose}{amount}{more}."

    def s_context(self) -> str:
        """ويأتي ذلك في وقت تشهد فيه المنطقة توتراً متصاعداً."""
        r = self.r
        opener = CONTEXT_OPENERS[int(r() * len(CONTEXT_OPENERS))]
        place = CONTEXT_PLACES[int(r() * len(CONTEXT_PLACES))]
        if r() < 0.5:
            link = CONTEXT_LINKS[int(r() * len(CONTEXT_LINKS))]
            return f"{opener} {link} {place} {CONTEXT_STATES[int(r() * len(CONTEXT_STATES))]}."
        topic, fem = TOPICS[int(r() * len(TOPICS))]
        remains = REMAINS[int(r() * len(REMAINS))][fem]
        debate = DEBATES[int(r() * len(DEBATES))]
        return f"{opener} بينما {remains} {topic} {debate} في {place}."

    def s_state(self) -> str:
        """وأعربت فرنسا عن قلقها إزاء …، داعية إلى …"""
        r = self.r
        stance = STATE_STANCES[int(r() * len(STATE_STANCES))]
        if r() < 0.6:
            actor, masculine = self.state(self.third), 0
        else:
            actor, fem = self.one(self.org.aliases)
            masculine = int(not fem)
        verb, what = stance[masculine], stance[2 + masculine]
        if what.endswith("إزاء"):
            target = OBJECTS[int(r() * len(OBJECTS))]
        elif what.endswith(("إلى", "في", "على")):
            target = self.masdar()
        else:
            target = cl("ل", self.masdar())
        if r() < 0.6:
            follow = FOLLOW_UPS[int(r() * len(FOLLOW_UPS))]
            if not masculine:
                follow = follow.replace("اً ", "ة ", 1)
            return f"و{verb} {actor} {what} {target}، {follow} {self.masdar()}."
        return f"و{verb} {actor} {what} {target}."

    def s_background(self) -> str:
        """وكان … قد … في 10 نوفمبر 2020، … / ويأتي ذلك بعد أشهر من توقيع البيان الثلاثي …"""
        r = self.r
        anchors = bisect_left(ANCHOR_DAYS, self.day)  # the anchors before publication
        if anchors and r() < 0.4:
            d, text = BACKGROUND_ANCHORS[int(r() * anchors)]
            opener = BACKGROUND_OPENERS[int(r() * len(BACKGROUND_OPENERS))]
            return f"{opener} {DURATIONS[int(r() * len(DURATIONS))]} من {text} {self.date(d)}."
        p = self.person()
        q = self.p2 if p is self.p1 else self.p1
        x = r()
        if x < 0.35:
            act = f"{'أجرت' if p.fem else 'أجرى'} اتصالاً هاتفياً مع {self.who(q)}"
        elif x < 0.7:
            act = f"{'زارت' if p.fem else 'زار'} {self.one(self.venue.aliases)}"
        else:
            act = f"{'التقت' if p.fem else 'التقى'} {self.who(q, 'ب')} {self.at(self.names.meeting_venues.pick(r))}"
        topic = DISCUSSED[int(r() * len(DISCUSSED))]
        was = "وكانت" if p.fem else "وكان"
        return f"{was} {self.who(p)} قد {act} {self.past()}، {topic} {OBJECTS[int(r() * len(OBJECTS))]}."

    def s_venue(self) -> str:
        """وفي موسكو، أكد … أن …"""
        r = self.r
        p = self.person()
        say = SAY[int(r() * len(SAY))]
        return f"وفي {self.one(self.venue.aliases)}، {say[p.fem]} {self.who(p)} {say[2]} {self.clause()}."

    def s_figures(self) -> str:
        """Displaced people, the length of the border, an amount."""
        r = self.r
        x = r()
        if x < 0.3:
            since = DISPLACED_SINCE[int(r() * len(DISPLACED_SINCE))]
            who = DISPLACED_ESTIMATES[int(r() * len(DISPLACED_ESTIMATES))]
            return f"{who} عدد النازحين {since} بنحو {self.num(int(r() * 90) + 10)} ألف شخص."
        if x < 0.55:
            length = self.num(900 + int(r() * 100))
            rest = BORDER_STATES[int(r() * len(BORDER_STATES))]
            return f"ويبلغ طول الحدود المشتركة نحو {length} كيلومتر، {rest}."
        subject, fem = ECON_SUBJECTS[int(r() * len(ECON_SUBJECTS))]
        about = ABOUT[int(r() * len(ABOUT))]
        amount = self.num(int(r() * 900) + 100)
        period = ECON_PERIODS[int(r() * len(ECON_PERIODS))]
        return f"{'وبلغت' if fem else 'وبلغ'} {subject} {about} {amount} مليون دولار {period}."

    def index_sentence(self, template: int, index: int) -> str:
        """The sentence carrying a figure made from the article's index: no two bodies alike."""
        return INDEX_SENTENCES[template].format(n=self.num(1000 + index))

    # -- lede and title -------------------------------------------------------

    def lede(self) -> str:
        """The first sentence: the event, its actors, place and day."""
        r, pick, obj = self.r, self.pick, self.obj
        story, p1, p2, m = self.story, self.p1, self.p2, self.mediator
        when, at = self.when(), self.at(self.venue)
        med = f" {pick(MEDIATIONS)} {self.who(m)}" if r() < 0.6 else ""
        x = r()
        if story == "talks":
            if x < 0.35:
                return f"أجرى {self.pair(p1, p2)} {when}، {at}، جولة جديدة من المحادثات{med}، تناولت {obj()} و{obj()}."
            if x < 0.65:
                host = self.one(self.venue.aliases)
                return f"استضافت {host} {when} محادثات بين {self.pair(p1, p2)}{med}، في إطار الجهود الرامية إلى {self.masdar()}."
            return f"انطلقت {at} {when} جولة جديدة من المفاوضات بين {self.sides()}، بمشاركة {self.pair(p1, p2)}{med}."
        if story == "meeting":
            if x < 0.4:
                occasion = pick(MEETING_OCCASIONS)
                return f"التقى {self.who(p1)} {self.who(p2, 'ب')} {at} {when}، على هامش {occasion}، وبحثا {obj()}."
            if x < 0.7:
                nth = pick(MEETING_ORDINALS)
                since = pick(MEETING_SINCE)
                return f"عقد {self.pair(p1, p2)} اجتماعاً {at} {when}{med}، هو {nth} من نوعه منذ {since}."
            return f"استقبل {self.who(m)} {at} {when} {self.pair(p1, p2)}، في لقاء ثلاثي خصص لبحث {self.masdar()}."
        if story == "phone_call":
            other = m if r() < 0.6 else p2
            if x < 0.4:
                return f"{'أجرت' if p1.fem else 'أجرى'} {self.who(p1)} {when} اتصالاً هاتفياً مع {self.who(other)}، بحثا خلاله {obj()}."
            if x < 0.7:
                return f"{'تلقت' if p1.fem else 'تلقى'} {self.who(p1)} {when} اتصالاً هاتفياً من {self.who(other)}، تناول {obj()} و{self.masdar()}."
            return f"بحث {self.who(p1)} {self.who(other, 'و')} في مكالمة هاتفية {when} سبل {self.masdar()}."
        if story == "summit":
            if x < 0.5:
                return f"عقدت {at} {when} قمة ثلاثية جمعت {self.who(m)} {self.who(p1, 'و')} {self.who(p2, 'و')}، خصصت لبحث {self.masdar()}."
            kind = pick(SUMMIT_KINDS)
            return (
                f"استضافت {self.one(self.venue.aliases)} {when} قمة {kind} بمشاركة {self.pair(p1, p2)}{med}."
            )
        if story == "ceasefire":
            if x < 0.4:
                start = pick(CEASEFIRE_STARTS)
                return f"أعلنت {self.sides()} {when} التوصل إلى اتفاق لوقف إطلاق النار {self.near(self.place)}{med}، على أن يدخل حيز التنفيذ {start}."
            if x < 0.7:
                days = self.num(int(r() * 8) + 3)
                return f"دخل وقف إطلاق النار بين {self.sides()} حيز التنفيذ {when}، بعد {days} أيام من المواجهات {self.near(self.place)}."
            return f"{'أعلنت' if m.fem else 'أعلن'} {self.who(m)} {when} أن {self.sides()} اتفقتا على هدنة إنسانية {self.near(self.place)}."
        if story == "clashes":
            if x < 0.4:
                dead = self.num(int(r() * 80) + 11)
                return f"اندلعت {when} اشتباكات عنيفة على الحدود بين {self.sides()} {self.near(self.place)}، أسفرت عن مقتل {dead} جندياً على الأقل، وفق حصيلة أولية."
            if x < 0.7:
                return f"تبادلت {self.sides()} {when} الاتهامات بخرق وقف إطلاق النار، إثر قصف مدفعي استهدف مواقع {self.near(self.place)}."
            side = self.armenia if r() < 0.5 else self.azerbaijan
            hurt = self.num(int(r() * 80) + 11)
            return f"أعلنت وزارة الدفاع {self.one(side.adj_f)} {when} أن قواتها تعرضت لهجوم {self.near(self.place)}، ما أدى إلى إصابة {hurt} عسكرياً."
        if story == "agreement":
            if x < 0.5:
                return f"وقع {self.pair(p1, p2)} {when} {at}{med} اتفاقاً ينص على {self.masdar()}."
            return f"توصلت {self.sides()} {when} إلى اتفاق بشأن {obj()}، خلال اجتماع عقد {at}{med}."
        if story == "joint_statement":
            if x < 0.5:
                return f"أصدر {self.pair(p1, p2)} {when} بياناً مشتركاً في ختام لقائهما {at}، أكدا فيه التزامهما ب{self.masdar()}."
            return f"صدر {at} {when} بيان ثلاثي وقعه {self.who(m)} {self.who(p1, 'و')} {self.who(p2, 'و')}، ينص على {self.masdar()}."
        if story == "press_conference":
            say = pick(SAY_PAST)
            if x < 0.5:
                return f"{say[p1.fem]} {self.who(p1)} في مؤتمر صحفي {'عقدته' if p1.fem else 'عقده'} {at} {when} {say[2]} {self.clause()}."
            return f"{say[m.fem]} {self.who(m)} خلال مؤتمر صحفي مشترك مع {self.who(p1)} {at} {when} {say[2]} {self.clause()}."
        if story == "military_operation":
            aim = pick(OPERATION_AIMS)
            return f"أعلنت وزارة الدفاع {self.one(self.azerbaijan.adj_f)} {when} إطلاق عملية عسكرية {self.near(self.place)}، قالت إنها تهدف إلى {aim}."
        subject, fem = pick(ECON_SUBJECTS)
        verb, pct = pick(ECON_VERBS)[fem], self.pct()
        state = self.state(self.armenia if r() < 0.5 else self.azerbaijan)
        self.figure = f"{subject} في {state} {verb} بنسبة {pct}"  # the headline says the same
        return f"{verb} {subject} في {state} بنسبة {pct} {pick(ECON_PERIODS)}، وفق بيانات رسمية نشرت {when}."

    def obj(self) -> str:
        return OBJECTS[int(self.r() * len(OBJECTS))]

    def title(self) -> str:
        """A headline (no final punctuation): the event, with surnames."""
        r, pick = self.r, self.pick
        story, n1, n2, nm = (
            self.story,
            self.surname(self.p1),
            self.surname(self.p2),
            self.surname(self.mediator),
        )
        venue, place = self.one(self.venue.aliases), self.one(self.place.aliases)
        x = r()
        if story in ("talks", "meeting", "summit", "joint_statement", "agreement", "press_conference"):
            if x < 0.3:
                return f"{n1} و{n2} يبحثان {self.masdar()} في {venue}"
            if x < 0.55:
                what = pick(TITLE_MEETINGS)
                return f"{what} {pick(TITLE_MEETING_KINDS)} في {venue} برعاية {nm}"
            if x < 0.8:
                return f"{venue} تستضيف جولة جديدة من المفاوضات بين {self.sides()}"
            return f"{nm}: {self.clause()}"
        if story == "phone_call":
            return f"{n1} يبحث هاتفياً مع {nm if x < 0.6 else n2} {self.masdar()}"
        if story == "ceasefire":
            if x < 0.5:
                return f"هدنة جديدة في {place} بوساطة {nm}"
            return f"وقف إطلاق النار بين {self.sides()} يدخل حيز التنفيذ"
        if story in ("clashes", "military_operation"):
            if x < 0.4:
                return f"{pick(TITLE_CLASHES)} قرب {place}"
            if x < 0.7:
                return f"تجدد المواجهات على الحدود بين {self.sides()}"
            return f"{nm} يدعو إلى {self.masdar()} بعد التصعيد في {place}"
        return self.figure


def _menu(economy: bool) -> tuple[Callable[[Writer], str], ...]:
    """The kinds of body sentences, each repeated by its weight (in hundredths)."""
    w = Writer
    kinds = (
        (w.s_opinion, 26), (w.s_statement, 10 if economy else 20), (w.s_quote, 5 if economy else 9),
        (w.s_economy, 18 if economy else 9), (w.s_institution, 7), (w.s_context, 6), (w.s_state, 8),
        (w.s_background, 7), (w.s_venue, 4), (w.s_figures, 4),
    )  # fmt: skip
    return tuple(kind for kind, weight in kinds for _ in range(weight))


MENUS = {False: _menu(False), True: _menu(True)}
