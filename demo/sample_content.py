"""Deterministic, realistic-looking newsroom content, made without a database.

`generate_content` builds its rows from these pure functions: the same seed gives the same names,
headlines and bodies on every machine, so benchmarks at 1,000 and 100,000 articles are comparable
run after run. Nothing here touches Django's ORM.
"""

import random
from bisect import bisect
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate


def words(text: str, sep: str | None = None) -> list[str]:
    """A word list written compactly: whitespace-separated, or `sep`-separated for phrases."""
    return text.split(sep)


SECTIONS = [
    ("World", "News from every continent."),
    ("Politics", "Governments, parliaments and elections."),
    ("Business", "Companies, markets and trade."),
    ("Economy", "Growth, prices, jobs and budgets."),
    ("Technology", "Computing, telecoms and the internet."),
    ("Science", "Research and discovery."),
    ("Health", "Medicine, hospitals and public health."),
    ("Environment", "Climate, energy and nature."),
    ("Culture", "Books, film, music and the arts."),
    ("Sport", "Results, players and competitions."),
    ("Opinion", "Columns and analysis."),
    ("Investigations", "Long reads from our investigations desk."),
]
# How often a story lands in each section (World and Politics carry most of the news).
SECTION_WEIGHTS = [18, 16, 12, 9, 8, 5, 7, 6, 6, 7, 4, 2]

FIRST_NAMES = words(
    "Amina Omar Sara Yusuf Layla Karim Nadia Hassan Fatima Ali Elena Marco Sofia Luca Anna Pavel Olga Ivan "
    "Maria Jose Carmen Diego Lucia Pablo Chen Wei Li Ming Yuki Hiro Aiko Kenji Priya Arjun Kavya Rahul "
    "Ngozi Chidi Amara Kwame Abena Kofi Zanele Thabo Lerato Sipho Emma Liam Olivia Noah Ava James Isla "
    "Oscar Freya Hugo Clara Felix Greta Lars Ingrid Sven Aino Mikko Ewa Tomasz Zofia Jakub Dana Ruth "
    "David Miriam Samuel Leila Reza Shirin Darius Mehmet Ayse Emre Zeynep Tariq Hana Jamal Salma Idris"
)
LAST_NAMES = words(
    "Haddad Mansour Khalil Nasser Rahman Farouk Saleh Rossi Bianchi Romano Ivanova Petrov Sokolov Garcia "
    "Lopez Martinez Fernandez Wang Zhang Liu Tanaka Sato Suzuki Sharma Patel Iyer Reddy Okafor Mensah "
    "Adeyemi Boateng Dlamini Nkosi Mokoena Smith Jones Taylor Brown Wilson Evans Murphy Kelly Schmidt "
    "Muller Weber Fischer Larsen Hansen Nielsen Virtanen Korhonen Kowalski Nowak Wisniewski Cohen Levi "
    "Mizrahi Tehrani Karimi Yilmaz Demir Kaya Celik Aziz Benali Bouzid Mwangi Otieno Kamau Silva Santos "
    "Oliveira Costa Dubois Laurent Moreau Novak Horvat Kovacs Nagy Popescu Ionescu Georgiou Papadopoulos"
)
ORGANISATION_WORDS = words(
    "National Federal Central United Northern Southern Eastern Western Coastal Royal Independent "
    "Democratic Popular Civic Atlantic Pacific Continental Regional Metropolitan Free"
)
ORGANISATION_TOPICS = words(
    "Energy Trade Health Water Farmers Workers Teachers Transport Mining Shipping Steel Textile "
    "Fisheries Media Justice Reform Liberty Progress Unity Renewal Labour Finance Housing Rail"
)
ORGANISATION_KINDS = words(
    "Council Union Party Alliance Authority Agency Commission Front Movement Association Bank "
    "Corporation Group Institute Foundation League Coalition Consortium Board Trust"
)
EVENT_WORDS = words("Summit Accord Talks Inquiry Protests Games Conference Forum Treaty Ceasefire Reforms Census")

# Headline patterns: {verb} agrees with one actor, {verbs} with two, {past} is the past tense.
HEADLINE_PATTERNS = [
    "{actor} {verb} {thing} in {country}",
    "{country}: {actor} {verb} {thing}",
    "{actor} and {other} {verbs} {thing}",
    "Inside the {thing} that divides {country}",
    "Why {actor} {verb} the {thing}",
    "{country} braces for {event} as {actor} {verb} {thing}",
    "What {actor_possessive} {thing} means for {country}",
    "{country_possessive} {thing} {passive} after {process}",
    "{actor} {past} {thing}, officials in {country} say",
    "{count} things to know about the {thing} in {country}",
    "{actor} under pressure over {thing} as {event} nears",
    "{event} in {country}: {actor} and {other} {verbs} {thing}",
]
# (one actor, two actors, past tense)
VERB_FORMS = [
    ("rejects", "reject", "rejected"),
    ("backs", "back", "backed"),
    ("unveils", "unveil", "unveiled"),
    ("delays", "delay", "delayed"),
    ("defends", "defend", "defended"),
    ("questions", "question", "questioned"),
    ("wins", "win", "won"),
    ("signs", "sign", "signed"),
    ("blocks", "block", "blocked"),
    ("announces", "announce", "announced"),
    ("expands", "expand", "expanded"),
    ("promises", "promise", "promised"),
    ("approves", "approve", "approved"),
    ("challenges", "challenge", "challenged"),
    ("welcomes", "welcome", "welcomed"),
]
VERBS = [singular for singular, _plural, _past in VERB_FORMS]
PASSIVES = words("delayed|approved|shelved|revised|blocked|challenged in court|put to a vote", sep="|")
HEADLINE_PROCESSES = words(
    "weeks of wrangling|a late-night session|months of talks|a court ruling|a snap vote|fresh protests", sep="|"
)
COUNTS = words("Three Four Five Six Seven")
DEK_PATTERNS = [
    "{actor} {past} the {thing} on {day}, saying it would {outcome}.",
    "The {thing} in {country} has {judgement_phrase}, and {actor} is under pressure to act.",
    "Officials in {country} said the {thing} would {outcome}; {actor} has not commented.",
    "After {process}, {actor} and {other} {verbs} a {thing} that critics call {judgement}.",
]
JUDGEMENT_PHRASES = words(
    "divided parliament|stalled for months|drawn thousands into the streets|split the governing coalition|"
    "surprised investors",
    sep="|",
)
THINGS = words(
    "budget deal vote ceasefire plan election reform merger tariffs strike inquiry treaty ruling "
    "subsidies talks pipeline bailout census referendum lawsuit"
)
SENTENCE_PATTERNS = [
    "{Subject} said on {day} that the {thing} would {outcome} before the end of the {period}.",
    "Officials in {place} described the {thing} as {judgement}, according to people familiar with the talks.",
    "The {thing} follows months of {process} between {subject} and {other}.",
    "Critics argue that the {thing} does little to address {problem} in {place}.",
    "{Subject} has repeatedly denied that the {thing} was {judgement}.",
    "Analysts expect the {thing} to {outcome}, although {subject} has not commented.",
    "In {place}, residents said the {problem} had grown worse since the {period} began.",
    "A spokesperson for {subject} declined to say when the {thing} would be published in full.",
    "Figures released on {day} show {problem} rising for a third consecutive {period}.",
    "The decision leaves {subject} facing {problem} with few allies in {place}.",
]
SUBJECTS = words(
    "the government|the opposition|the central bank|the ministry|the regional council|union leaders|"
    "the court|the committee|the company|the mayor|the delegation|the prime minister|the president",
    sep="|",
)
PLACES = words(
    "the capital|the north|the coastal provinces|the border region|parliament|the old city|the port|"
    "the industrial south|rural districts|the financial district",
    sep="|",
)
OUTCOMES = words(
    "pass easily|collapse|be delayed|face legal challenges|raise prices|reduce costs|win broad support|"
    "be revised|reshape the market|stall in committee",
    sep="|",
)
JUDGEMENTS = words("premature|overdue|unworkable|a breakthrough|a setback|a compromise|unlawful|modest", sep="|")
PROCESSES = words("negotiations|wrangling|consultations|protests|hearings|delays|talks|briefings", sep="|")
PROBLEMS = words(
    "unemployment|rising rents|power cuts|water shortages|inflation|corruption|congestion|"
    "hospital waiting lists|illegal logging|flooding",
    sep="|",
)
PERIODS = words("year|quarter|month|season|session|decade", sep="|")
DAYS = words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
SUBHEADS = ["Background", "What happens next", "Reaction", "The numbers", "A long road", "Context"]


def possessive(name: str) -> str:
    """“Amina Karimi's”, “the Farmers' Union's”: a name with the possessive ending a headline would use."""
    return f"{name}'" if name.endswith("s") and not name.endswith("ss") else f"{name}'s"


@dataclass(frozen=True)
class ArticlePlan:
    """Everything about one generated article except database ids of its relations."""

    headline: str
    dek: str
    body: str
    section_index: int
    published_at: datetime
    status: str
    author_indexes: tuple[int, ...]
    actor_indexes: tuple[int, ...]
    country_indexes: tuple[int, ...]


def person_names(*, rng: random.Random, count: int) -> list[str]:
    """`count` distinct "First Last" names (a middle initial is added once combinations run out)."""
    names: list[str] = []
    seen: set[str] = set()
    initials = "ABCDEFGHJKLMNPRSTVW"
    while len(names) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name.casefold() in seen:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(initials)}. {rng.choice(LAST_NAMES)}"
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def organisation_names(*, rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """`count` distinct organisation names that do not clash (case-insensitively) with `taken`."""
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(ORGANISATION_WORDS)} {rng.choice(ORGANISATION_TOPICS)} {rng.choice(ORGANISATION_KINDS)}"
        if name.casefold() not in taken:
            taken.add(name.casefold())
            names.append(name)
    return names


def actor_rows(*, rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(name, kind) for `count` actors: about 60 % people, 35 % organisations, the rest events."""
    people = person_names(rng=rng, count=count * 60 // 100)
    taken = {name.casefold() for name in people}
    organisations = organisation_names(rng=rng, count=count * 35 // 100, taken=taken)
    others: list[str] = []
    while len(people) + len(organisations) + len(others) < count:
        name = f"{rng.choice(ORGANISATION_WORDS)} {rng.choice(EVENT_WORDS)} {rng.randrange(1990, 2030)}"
        if name.casefold() not in taken:
            taken.add(name.casefold())
            others.append(name)
    rows = [(name, "person") for name in people]
    rows += [(name, "organisation") for name in organisations]
    rows += [(name, "other") for name in others]
    rng.shuffle(rows)
    return rows


def zipf_cumulative_weights(count: int, *, exponent: float = 1.0) -> list[float]:
    """Cumulative weights where item i is chosen about 1/(i+1)^exponent as often as item 0."""
    return list(accumulate(1.0 / (rank + 1) ** exponent for rank in range(count)))


def distinct_picks(*, rng: random.Random, cumulative: list[float], count: int) -> tuple[int, ...]:
    """`count` distinct indexes drawn with the given cumulative weights."""
    total = cumulative[-1]
    chosen: list[int] = []
    while len(chosen) < count:
        index = bisect(cumulative, rng.random() * total)
        if index not in chosen:
            chosen.append(index)
    return tuple(chosen)


class ArticlePlanner:
    """Plans articles one by one from a seeded random generator and pre-built sentence pools."""

    def __init__(
        self,
        *,
        seed: int,
        actor_names: list[str],
        country_names: list[str],
        author_count: int,
        start: datetime,
        end: datetime,
        total: int,
    ):
        self.rng = random.Random(seed)
        self.actor_names = actor_names
        self.country_names = country_names
        self.author_count = author_count
        self.start = start
        self.span_seconds = (end - start).total_seconds()
        self.total = total
        self.section_cumulative = list(accumulate(SECTION_WEIGHTS))
        self.actor_cumulative = zipf_cumulative_weights(len(actor_names), exponent=0.8)
        self.country_cumulative = zipf_cumulative_weights(len(country_names), exponent=1.1)
        self.author_cumulative = zipf_cumulative_weights(author_count, exponent=0.6)
        self.sentences = [self._sentence() for _ in range(4000)]

    def _sentence(self) -> str:
        rng = self.rng
        subject = rng.choice(SUBJECTS)
        text = rng.choice(SENTENCE_PATTERNS).format(
            Subject=subject[:1].upper() + subject[1:],
            subject=subject,
            other=rng.choice(SUBJECTS),
            place=rng.choice(PLACES),
            thing=rng.choice(THINGS),
            outcome=rng.choice(OUTCOMES),
            judgement=rng.choice(JUDGEMENTS),
            process=rng.choice(PROCESSES),
            problem=rng.choice(PROBLEMS),
            period=rng.choice(PERIODS),
            day=rng.choice(DAYS),
        )
        return text

    def _body(self, *, actors: list[str], countries: list[str], words: int) -> str:
        rng = self.rng
        paragraphs: list[str] = []
        count = 0
        mentions = actors + countries
        while count < words:
            sentences = [rng.choice(self.sentences) for _ in range(rng.randint(3, 5))]
            if mentions and rng.random() < 0.6:
                name = rng.choice(mentions)
                sentences.insert(rng.randrange(len(sentences) + 1), f"The role of {name} was central to the debate.")
            paragraph = " ".join(sentences)
            count += paragraph.count(" ") + 1
            paragraphs.append(f"<p>{paragraph}</p>")
            if len(paragraphs) == 4 and words > 300:
                paragraphs.append(f"<h2>{rng.choice(SUBHEADS)}</h2>")
        return "\n".join(paragraphs)

    def plan(self, index: int) -> ArticlePlan:
        """The `index`-th article; indexes run oldest to newest so ids follow publication order."""
        rng = self.rng
        section_index = bisect(self.section_cumulative, rng.random() * self.section_cumulative[-1])
        author_count = rng.choices((1, 2, 3), weights=(70, 24, 6))[0]
        authors = distinct_picks(rng=rng, cumulative=self.author_cumulative, count=min(author_count, self.author_count))
        tag_count = rng.randint(3, 8)
        country_count = min(rng.choices((1, 2, 3), weights=(60, 30, 10))[0], tag_count - 1)
        countries = distinct_picks(rng=rng, cumulative=self.country_cumulative, count=country_count)
        actors = distinct_picks(rng=rng, cumulative=self.actor_cumulative, count=tag_count - country_count)
        actor_names = [self.actor_names[i] for i in actors]
        country_names = [self.country_names[i] for i in countries]
        verb, verbs, past = rng.choice(VERB_FORMS)
        words_for = {
            "actor": actor_names[0],
            "actor_possessive": possessive(actor_names[0]),
            "other": actor_names[-1] if len(actor_names) > 1 else "their rivals",
            "country": country_names[0],
            "country_possessive": possessive(country_names[0]),
            "verb": verb,
            "verbs": verbs,
            "past": past,
            "thing": rng.choice(THINGS),
            "event": rng.choice(EVENT_WORDS).lower(),
            "passive": rng.choice(PASSIVES),
            "process": rng.choice(HEADLINE_PROCESSES),
            "count": rng.choice(COUNTS),
        }
        headline = rng.choice(HEADLINE_PATTERNS).format(**words_for)
        headline = headline[:1].upper() + headline[1:]
        if rng.random() < 0.5:
            dek = rng.choice(DEK_PATTERNS).format(
                **words_for,
                day=rng.choice(DAYS),
                outcome=rng.choice(OUTCOMES),
                judgement=rng.choice(JUDGEMENTS),
                judgement_phrase=rng.choice(JUDGEMENT_PHRASES),
            )
            dek = dek[:1].upper() + dek[1:]
        else:
            dek = rng.choice(self.sentences)
        body = self._body(actors=actor_names, countries=country_names, words=rng.randint(480, 640))
        # Evenly spread over the span with jitter, so the archive grows steadily over ten years.
        offset = (index + rng.random()) / self.total * self.span_seconds
        published_at = self.start + timedelta(seconds=int(offset))
        roll = rng.random()
        status = "draft" if roll < 0.015 else "review" if roll < 0.025 else "published"
        return ArticlePlan(
            headline=headline,
            dek=dek,
            body=body,
            section_index=section_index,
            published_at=published_at,
            status=status,
            author_indexes=authors,
            actor_indexes=actors,
            country_indexes=countries,
        )
