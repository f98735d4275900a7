"""Relevance: entity groups, transliteration, the plain-sentence path, the index."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import tracker.data
from tracker.config import load_config
from tracker.engine.batch import batch_matcher
from tracker.engine.claims import coordinated_names, derive_entities
from tracker.engine.figures import parse_exchange_rates
from tracker.engine.keys import name_keys, word_keys
from tracker.engine.lexicon import parse_lexicon_file
from tracker.engine.linear import DataFileError, load_models, parse_models, read_data_file
from tracker.engine.matcher import ENGINE_VERSION, Matcher
from tracker.engine.proposition import CURRENCIES
from tracker.engine.relevance import feature_in_words
from tracker.engine.text import fold
from tracker.engine.vectors import HashEncoder
from tracker.types import Claim, Quantity, Stance, Story

CHIPS = Claim(
    id="chips",
    text="Alexandr Wang alleged that DeepSeek has about 50,000 Nvidia chips.",
    entities=(("DeepSeek",),),
    quantity=Quantity(50_000, "chips"),
    attributed_to=("Alexandr Wang",),
)
R2 = Claim(
    id="r2",
    text="DeepSeek plans to release R2, the successor of R1, as early as possible.",
    entities=(("DeepSeek",), ("R2",)),
)
A100 = Claim(
    id="a100",
    text="High-Flyer's second cluster ran about 10,000 Nvidia A100 chips.",
    entities=(("Nvidia",), ("A100",)),
)


def story(title: str, text: str = "") -> Story:
    return Story(
        feed_url="https://example.org/feed",
        entry_key=title[:20],
        title=title,
        text=text,
        published=datetime(2025, 3, 1, tzinfo=UTC),
    )


def related(claims: list[Claim], item: Story) -> set[str]:
    return {v.claim_id for v in Matcher(claims).match(item)}


@pytest.mark.parametrize(
    "spelling", ["DeepSeek", "Deep Seek", "Deepseek", "दीपसीक", "डीपसीक", "दीपसेक", "डीईपीसीईईके"]
)
def test_every_spelling_of_deepseek_matches(spelling: str) -> None:
    title = f"{spelling} has 50,000 Nvidia chips"
    if spelling[0] > "\u0900":
        title = f"{spelling}कडे ५०,००० एनव्हीडिया चिप्स आहेत"
    assert related([CHIPS], story(title)) == {"chips"}


def test_near_miss_name_does_not_match() -> None:
    assert related([CHIPS], story("Deepak has 50,000 Nvidia chips")) == set()
    assert related([CHIPS], story("दीपककडे ५०,००० चिप्स आहेत")) == set()


def test_story_that_never_names_the_entity_is_unrelated() -> None:
    item = story(
        "Nvidia earnings beat estimates", "Demand for its chips, about 50,000 a week, grew."
    )
    assert related([CHIPS], item) == set()


def test_entity_alone_is_not_enough_for_a_one_group_claim() -> None:
    item = story("DeepSeek opens an office in Beijing near two universities")
    assert related([CHIPS], item) == set()


@pytest.mark.parametrize(
    "title",
    [
        "दीपसेकने आर 2 मॉडेल लवकरच आणण्याची तयारी केली",
        "डीपसीक जल्द ही आर 2 मॉडल लाएगी",
        "DeepSeek readies R2 model",
    ],
)
def test_model_codes_in_devanagari(title: str) -> None:
    assert related([R2], story(title)) == {"r2"}


def test_model_codes_do_not_match_other_codes() -> None:
    assert related([R2], story("DeepSeek readies its R3 model, not the earlier one")) == set()


@pytest.mark.parametrize("nvidia", ["एनव्हीडिया", "एनवीडिया", "Nvidia"])
def test_nvidia_and_a100_in_marathi(nvidia: str) -> None:
    item = story(f"हाय-फ्लायरच्या क्लस्टरमध्ये सुमारे 10,000 {nvidia} ए 100 चिप्स होत्या")
    assert related([A100], item) == {"a100"}


def test_verdict_names_the_spelling_that_matched() -> None:
    (verdict,) = Matcher([CHIPS]).match(story("दीपसीककडे ५०,००० एनव्हीडिया चिप्स आहेत"))
    assert any('"DeepSeek" matched as "दीपसीककडे"' in reason for reason in verdict.reasons)
    assert verdict.engine_version == ENGINE_VERSION
    assert 0.0 <= verdict.score <= 1.0


def test_evidence_is_the_best_sentence() -> None:
    text = (
        "Markets were calm on Monday. Analysts expect more cuts. "
        "An audit found DeepSeek has roughly 50,000 Nvidia chips in its clusters. "
        "The weather was fine."
    )
    (verdict,) = Matcher([CHIPS]).match(story("Tech roundup", text))
    assert "audit" in verdict.evidence
    assert verdict.stance is Stance.CORROBORATES


def test_derived_entities_from_a_plain_sentence() -> None:
    names = derive_entities("Scale AI chief Alexandr Wang said DeepSeek owns A100 and R1 chips")
    assert names[:3] == ["Scale AI", "Alexandr Wang", "DeepSeek"]
    assert "A100" in names and "R1" in names


@pytest.mark.parametrize(
    ("name", "spelling", "in_a_story"),
    [
        ("Gill", "गिल", "गिलला"),
        ("Shami", "शमी", "शमीने"),
        ("Modi", "मोदी", "मोदींनी"),
        ("Pune", "पुणे", "पुणे"),
        ("Zoomo", "झूमो", "झूमोच्या"),
    ],
)
def test_a_short_name_meets_its_devanagari_spelling(
    name: str, spelling: str, in_a_story: str
) -> None:
    # Names of two consonants have no consonant skeleton key: their whole phonetic
    # key makes the Latin name and its Devanagari spelling meet, in both directions.
    assert name_keys(name) & set(word_keys(fold(in_a_story)))
    assert name_keys(spelling) & set(word_keys(fold(name)))


@pytest.mark.parametrize(
    ("name", "word"),
    [("Pune", "पानी"), ("Modi", "मीडिया"), ("Modi", "मुद्दा"), ("Gill", "गोल"), ("Raju", "राजा")],
)
def test_a_short_name_does_not_meet_a_common_word_of_other_vowels(name: str, word: str) -> None:
    # A short name's key keeps its vowels by class: पानी (water) is not Pune.
    assert not name_keys(name) & set(word_keys(word))


def test_a_short_name_key_is_not_given_to_stopwords() -> None:
    # "Men" would otherwise meet "में" (in), which is in every Hindi story.
    assert not name_keys("Men") & set(word_keys("में"))


def test_mens_and_womens_in_an_event_name_are_not_names() -> None:
    text = "The 2023 Men's Cricket World Cup drew a record crowd"
    assert derive_entities(text) == ["Cricket World Cup"]
    assert derive_entities("India won the Women's Premier League") == ["India", "Premier League"]


def test_a_comma_ends_a_name() -> None:
    names = derive_entities("South Korea, Italy and Taiwan banned DeepSeek on government devices")
    assert names == ["South Korea", "Italy", "Taiwan", "DeepSeek"]


@pytest.mark.parametrize(
    ("text", "lists"),
    [
        ("Governments from South Korea to Italy removed the app.", [("South Korea", "Italy")]),
        ("South Korea, Italy and Taiwan banned DeepSeek.", [("South Korea", "Italy", "Taiwan")]),
        ("Apple or Google pulled Zoomo.", [("Apple", "Google")]),
        ("Zoomo moved from Hangzhou to Beijing.", []),  # a move, not a list
        ("Alexandr Wang said DeepSeek owns Nvidia chips.", []),
    ],
)
def test_parallel_names_of_a_claim(text: str, lists: list[tuple[str, ...]]) -> None:
    assert [found.members for found in coordinated_names(text, derive_entities(text))] == lists


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Governments from South Korea to Italy removed the app.", "governments"),
        ("Countries such as India and Brazil banned it.", "countries"),
        ("Apps including Zoomo and Rydo raised fares.", "apps"),
        ("South Korea and Italy removed the app.", ""),
    ],
)
def test_the_noun_a_list_of_names_instances(text: str, category: str) -> None:
    (found,) = coordinated_names(text, derive_entities(text))
    assert found.category == category


def test_a_story_saying_the_claim_of_one_listed_name_corroborates_it() -> None:
    """ "Regulators from Japan to Brazil fined Zoomo", in a stream about Zoomo: Brazil's
    fine states it (a list is one slot that any member fills; counted as two, Brazil
    alone held 43% of the claim), a story naming Japan and no fine does not."""
    from tracker.engine.batch import batch_matcher

    claim = Claim(
        id="fines",
        text="Regulators from Japan to Brazil fined Zoomo for hiding driver safety data.",
    )
    stream = [
        story(title, f"{title}.")
        for title in (
            "Zoomo adds electric scooters in Delhi",
            "Zoomo raises fares in Mumbai",
            "Zoomo hires a new chief",
            "Zoomo drivers strike in Pune",
            "Zoomo loses money again",
        )
    ]
    fine = story(
        "Brazil fines Zoomo over driver checks",
        "Brazil's consumer watchdog fined Zoomo, saying the app kept safety records of "
        "drivers from riders.",
    )
    other = story("Zoomo opens in 40 Japanese cities", "Zoomo now runs in Japan and Korea.")
    matcher, _, _ = batch_matcher([claim], [*stream, fine, other])
    verdict = matcher.judge("fines", fine)
    assert verdict.stance is Stance.CORROBORATES, verdict.reasons
    assert matcher.judge("fines", other).stance is not Stance.CORROBORATES


def test_title_case_headline_yields_only_codes_and_acronyms() -> None:
    assert derive_entities("ISIS Executioner Is Named As Local Man In New Video") == ["ISIS"]


def test_plain_claim_requires_its_main_subject() -> None:
    claim = Claim(id="plain", text="DeepSeek removed from app stores in South Korea over privacy")
    matcher = Matcher([claim])
    about = story("South Korea pulls DeepSeek from app stores, citing privacy worries")
    other = story("South Korea app stores tighten privacy rules for all apps")
    assert [v.claim_id for v in matcher.match(about)] == ["plain"]
    assert matcher.match(other) == []


def test_plain_claim_needs_enough_of_its_words() -> None:
    claim = Claim(id="plain", text="DeepSeek removed from app stores in South Korea over privacy")
    matcher = Matcher([claim])
    assert matcher.match(story("DeepSeek hires new researchers in Hangzhou")) == []


def test_index_only_scores_claims_sharing_a_key() -> None:
    claims = [CHIPS, R2, Claim(id="other", text="Parliament passes the budget bill")]
    matcher = Matcher(claims)
    candidates = {c.id for c in matcher.candidates(story("DeepSeek readies R2"))}
    assert "other" not in candidates
    assert "r2" in candidates


def test_unrelated_claims_produce_no_verdict() -> None:
    claims = [CHIPS, R2, A100]
    verdicts = Matcher(claims).match(story("DeepSeek readies R2 model"))
    assert [v.claim_id for v in verdicts] == ["r2"]


def test_matcher_with_many_near_miss_claims_relates_only_the_named_one() -> None:
    # Speed is measured by bench/, never asserted here: this checks the index's answers.
    claims = [
        Claim(id=f"c{i}", text=f"Company{i} plans to open factory number {i} in Region{i % 50}")
        for i in range(1000)
    ]
    matcher = Matcher(claims)
    stories = [
        story(f"Company{i} opens factory in Region{i % 50}", "Details follow.") for i in range(300)
    ]
    found = [[v.claim_id for v in matcher.match(item)] for item in stories]
    # Each story names one company: the other 19 claims in its region are near misses.
    assert found == [[f"c{i}"] for i in range(300)]


def test_judge_explains_an_unmatched_pair() -> None:
    matcher = Matcher([CHIPS, R2])
    verdict = matcher.judge("chips", story("Parliament passes the budget bill"))
    assert verdict.claim_id == "chips"
    assert "below the relevance bar" in verdict.reasons[0]
    related = matcher.judge("r2", story("DeepSeek readies R2 model"))
    assert not any("below the relevance bar" in reason for reason in related.reasons)
    with pytest.raises(KeyError):
        matcher.judge("nope", story("DeepSeek readies R2 model"))


def test_passing_mention_in_a_long_article_is_not_relevance() -> None:
    claim = Claim(id="catfish", text="Fishermen on the Po caught a record catfish weighing 127 kg")
    filler = " ".join(
        f"The council debated the {topic} budget for the coming year at length."
        for topic in ("road", "school", "water", "housing", "park", "library", "bus", "waste")
    )
    passing = story("", filler + " Elsewhere, fishermen on the Po reported a quiet week.")
    topical = story(
        "",
        "Fishermen on the Po caught a huge catfish. The catfish weighed 127 kg, a record. "
        "The fishermen needed an hour to land the catfish. " + filler,
    )
    matcher = Matcher([claim])
    assert matcher.match(passing) == []
    assert [v.claim_id for v in matcher.match(topical)] == ["catfish"]


def test_name_like_subject_must_be_named_plain_subject_may_be_waived() -> None:
    strict = Claim(id="strict", text="OpenAI says chip smuggling to China is rising fast")
    plain = Claim(
        id="plain", text="Fishermen say Italian catfish numbers in the Po are rising fast"
    )
    item = story("Chip smuggling to China is rising fast, customs officials say")
    assert Matcher([strict]).match(item) == []
    waived = story("Catfish numbers in the Po are rising fast, fishermen say")
    assert [v.claim_id for v in Matcher([plain]).match(waived)] == ["plain"]


def test_relevance_says_what_matched() -> None:
    matcher = Matcher([CHIPS])
    related = matcher.relevance("chips", story("दीपसीककडे ५०,००० एनव्हीडिया चिप्स आहेत"))
    assert related is not None
    assert related.entities == (("DeepSeek", "दीपसीककडे"),)
    assert "chips" in related.matched_terms
    assert related.sentences == ("दीपसीककडे ५०,००० एनव्हीडिया चिप्स आहेत",)
    assert matcher.relevance("chips", story("Deepak has 50,000 Nvidia chips")) is None


def test_verdicts_do_not_depend_on_hash_seed() -> None:
    import os
    import subprocess
    import sys

    code = (
        "from tracker.engine.matcher import Matcher\n"
        "from tracker.types import Claim, Story\n"
        "claim = Claim(id='c', text='DeepSeek has 50,000 Nvidia chips',"
        " entities=(('DeepSeek', 'Deep Seek', 'दीपसीक', 'डीपसीक'),))\n"
        "story = Story('f', 'k', 'डीपसीक आणि दीपसीक: Deep Seek कडे ५०,००० चिप्स', '')\n"
        "print(Matcher([claim]).match(story))\n"
    )
    outputs = set()
    for seed in map(str, range(8)):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1


DEEPSEEK_NAMES = ("DeepSeek", "Deep Seek", "दीपसीक", "डीपसीक")
ADOPTION = Claim(
    id="china-adoption",
    text="At least 13 Chinese city governments and 10 state-owned energy companies have deployed DeepSeek.",
    entities=(DEEPSEEK_NAMES,),
    keywords=("deployed", "integrated", "city governments", "state-owned", "Lenovo", "Baidu"),
)
APP_STORES = Claim(
    id="app-store-removals",
    text="Governments from South Korea to Italy removed DeepSeek from national app stores over privacy concerns.",
    entities=(DEEPSEEK_NAMES,),
    keywords=("app store", "removed", "banned", "privacy", "South Korea", "Italy"),
)


def test_a_story_about_the_same_company_is_not_evidence_about_its_other_claims() -> None:
    # Every story in a DeepSeek feed names DeepSeek; sharing a word or two ("owned",
    # "banned") with another claim about it must not make a chip denial evidence
    # against that claim.
    denial = story(
        "DeepSeek rejects report it holds banned Nvidia processors",
        "DeepSeek rejected claims that it owns 50,000 export-restricted Nvidia chips, "
        "saying its cluster holds about 10,000 chips bought before the restrictions.",
    )
    matcher = Matcher([CHIPS, ADOPTION, APP_STORES])
    assert {v.claim_id for v in matcher.match(denial)} == {CHIPS.id}


def test_one_named_entity_with_enough_of_the_claim_is_related() -> None:
    removal = story(
        "South Korea pulls DeepSeek from local app stores",
        "South Korea's regulator said DeepSeek's app was removed from local app stores "
        "over privacy concerns.",
    )
    [verdict] = Matcher([ADOPTION, APP_STORES]).match(removal)
    assert verdict.claim_id == APP_STORES.id


# --- hinted entity groups: the first is required, the others add -------------------

CHIPS_TWO_GROUPS = Claim(
    id="chips-50k",
    text="Scale AI's chief alleged that DeepSeek holds about 50,000 high-end Nvidia chips banned for export to China.",
    entities=(("DeepSeek", "दीपसीक", "डीपसीक"), ("Nvidia", "एनव्हीडिया", "एनवीडिया")),
    keywords=("export ban", "चिप्स", "निर्यात", "प्रतिबंध", "बंदी"),
    quantity=Quantity(50_000, "chips"),
)


@pytest.mark.parametrize(
    "title",
    [
        "DeepSeek stockpiled A100 chips before the export ban on China",
        "डीपसीक ने चीन पर निर्यात प्रतिबंध से पहले ए100 चिप्स जमा किए",
        "चीनवरील निर्यात बंदीपूर्वी दीपसीकने ए100 चिप्स जमवल्या",
    ],
)
def test_a_later_entity_group_is_not_required(title: str) -> None:
    # Only the first group is required: a story without "Nvidia" is not held back by it.
    (features,) = [f for claim_id, f in Matcher([CHIPS_TWO_GROUPS]).features(story(title))]
    assert features["subject_unnamed"] == 0.0
    if title.isascii():  # the lexical path relates the English one (no vectors for the others)
        assert related([CHIPS_TWO_GROUPS], story(title)) == {"chips-50k"}


def test_the_first_entity_group_is_required() -> None:
    item = story("Nvidia chips banned for export to China, 50,000 units held at the border")
    assert related([CHIPS_TWO_GROUPS], item) == set()


WINTER_BREAK = Claim(
    id="break-advanced",
    text="Varad's district education office advanced the schools' winter break to 8-17 December.",
    entities=(
        ("district education office", "education office"),
        ("winter break", "winter vacation"),
    ),
    keywords=("advanced", "brought forward", "earlier"),
)
#: A stream about Varad's schools: none of these is about the winter break.
VARAD_SCHOOLS = (
    "Night temperature in Varad falls to 4°C, the lowest in a decade",
    "Varad's school buses to get GPS trackers by March",
    "Teachers in Varad protest delayed salaries",
    "Varad school sports meet moved to Sangam ground",
    "Eggs on the midday meal menu in Varad schools",
    "Varad's schools to get 60 new computer labs",
    "Varad board exams to begin on March 2",
    "Varad teachers' posts lie vacant",
    "Reading week in Varad's schools",
    "Online admissions portal for Varad schools",
)


@pytest.mark.parametrize("encoder", [HashEncoder(), None], ids=["semantic", "lexical"])
@pytest.mark.parametrize(
    "title",
    [
        "Varad schools' winter break advanced to December 8-17",  # says it, unnamed
        "Kesar schools' winter break advanced to December 8-17",  # another district
        "Collector Ramesh Patil advances Varad winter break to December 8-17",  # another office
        "वराड के स्कूलों की सर्दियों की छुट्टियां 8 से 17 दिसंबर तक",
    ],
)
def test_a_story_without_the_required_name_is_unrelated_on_both_paths(
    title: str, encoder: HashEncoder | None
) -> None:
    # The first hinted name stays required with the sentence encoder too. Weighing its
    # absence instead found more of the claim's stories, but also related another
    # body's, place's or person's same act as corroborating ("RBI fines Tarangpay
    # ₹10 crore" for SEBI's fine), which no test of the words around the name caught
    # reliably: measured and withdrawn (docs/benchmarks.md, after engine 3.12).
    stories = [story(t) for t in VARAD_SCHOOLS]
    said = story(title, "Schools will close for the winter break from December 8 to 17.")
    matcher, _, vectors = batch_matcher([WINTER_BREAK], [*stories, said], encoder=encoder)
    assert matcher.match(said, vectors=vectors[-1] if vectors else None) == []


# --- a name of three words or more ("Air India Express") --------------------------

SICKOUT = Claim(
    id="sickout-flights",
    text="Konkan Coast Airways cancelled about 120 flights because of the cabin crew sick-out.",
    entities=(("Konkan Coast Airways", "कोंकण कोस्ट एयरवेज"),),
    keywords=("cancelled", "flights", "sick-out"),
)
KONKAN_AIRLINE = (
    "Konkan Coast Airways adds a Goa-Pune route from May",
    "Konkan Coast Airways names a new chief financial officer",
    "Konkan Coast Airways' fleet to grow to 30 aircraft",
    "Konkan Coast Airways posts a quarterly loss",
    "Konkan Coast Airways opens a lounge at Mopa",
    "Konkan Coast Airways offers fares from ₹1,999",
    "Konkan Coast Airways to hire 400 pilots",
)


EXPRESS = Claim(
    id="express-services",
    text="The Konkan Coast Express cancelled 120 services because of the crew sick-out.",
    entities=(("Konkan Coast Express",),),
    keywords=("cancelled", "services", "sick-out"),
)


COUPONS = Claim(
    id="coupons-sold",
    text="About 12 lakh festival coupons of ₹5,000 were sold in the first week.",
    entities=(("₹5,000 coupons", "₹5,000 coupon"),),
    keywords=("sold", "first week"),
)


@pytest.mark.parametrize("encoder", [HashEncoder(), None], ids=["semantic", "lexical"])
@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        # A figure's thousands comma is no break in a name.
        (COUPONS, "12 lakh ₹5,000 coupons sold in the festival's first week", True),
        (SICKOUT, "Konkan Coast Airways cancels 120 flights as cabin crew report sick", True),
        (SICKOUT, "Konkan Coast Airways' 120 flights cancelled as cabin crew report sick", True),
        (EXPRESS, "Konkan Coast Express cancels 120 services as its crew report sick", True),
        # A name's last word with an ending other than a plural is another word.
        (
            EXPRESS,
            "Konkan Coast expressed anger as 120 services were cancelled in a sick-out",
            False,
        ),
        # A name does not run across punctuation ...
        (
            SICKOUT,
            "Konkan Coast, Airways Ltd and others: 120 flights cancelled in a sick-out",
            False,
        ),
        # ... nor begin inside a longer name (another airline).
        (
            SICKOUT,
            "North Konkan Coast Airways cancels 120 flights as cabin crew report sick",
            False,
        ),
        (SICKOUT, "Konkan Railway cancels 120 trains as the monsoon floods its tracks", False),
        # Every story of the stream names the airline, yet a long name stays required: a
        # stream's profile counts no runs, so it is never the stream's subject.
        (SICKOUT, "IndiGo cancels 120 flights as its cabin crew report sick", False),
    ],
)
def test_a_hinted_name_of_three_words_is_found_as_written(
    claim: Claim, title: str, expected: bool, encoder: HashEncoder | None
) -> None:
    # A story's keys were its words and word pairs only, so the analyst's "Konkan Coast
    # Airways" (keyed as the three words joined) was never found: every story was
    # unrelated to a claim whose required group had no name shorter than three words.
    said = story(title, "Passengers were stranded at Mopa and Pune on Tuesday.")
    stories = [story(t) for t in KONKAN_AIRLINE]
    matcher, _, vectors = batch_matcher([claim], [*stories, said], encoder=encoder)
    found = matcher.match(said, vectors=vectors[-1] if vectors else None)
    assert [v.claim_id for v in found] == ([claim.id] if expected else [])


def test_a_name_of_three_words_is_found_only_as_written() -> None:
    # The words must stand together and in order: "Coast" and "Airways" apart, or a
    # two-word piece of the name, name no one.
    for title in (
        "Airways on the Konkan Coast cancel 120 flights after a cabin crew sick-out",
        "Coast Airways cancels 120 flights after a cabin crew sick-out",
    ):
        assert related([SICKOUT], story(title)) == set(), title


def test_naming_only_the_first_group_needs_words_beyond_the_names() -> None:
    assert related([CHIPS_TWO_GROUPS], story("DeepSeek opens an office in Beijing")) == set()


@pytest.mark.parametrize(
    "title",
    [
        "Reports that DeepSeek holds 50,000 chips are false",
        "DeepSeek holds only 10,000 GPUs",
        "डीपसीक के पास 50,000 चिप्स होने की खबरें गलत हैं",
        "दीपसीककडे ५०,००० चिप्स असल्याचे वृत्त खोटे",
    ],
)
def test_counting_the_claimed_unit_beside_the_first_group_is_related(title: str) -> None:
    assert related([CHIPS_TWO_GROUPS], story(title)) == {"chips-50k"}


@pytest.mark.parametrize(
    "title",
    [
        "DeepSeek hires 50,000 interns",  # another unit
        "DeepSeek opens an office. A rival holds 50,000 chips in Hangzhou.",  # another subject
        "DeepSeek opens an office with 50,000 square metres",
    ],
)
def test_a_figure_of_another_kind_or_subject_is_not_enough(title: str) -> None:
    assert related([CHIPS_TWO_GROUPS], story("", title)) == set()


# --- a claim's verdict does not depend on the other claims loaded -------------------


def test_verdict_is_the_same_whatever_other_claims_are_loaded() -> None:
    plain = Claim(
        id="plain", text="A scorpion stung a woman on an Alaska Airlines flight to Portland"
    )
    others = [
        Claim(id=f"o{i}", text=f"An airline flight {i} was delayed by a storm over Portland")
        for i in range(20)
    ]
    item = story("Scorpion stings passenger on Alaska Airlines flight", "")
    alone = Matcher([plain]).match(item)
    crowd = [v for v in Matcher([plain, *others]).match(item) if v.claim_id == "plain"]
    assert alone == crowd and len(alone) == 1
    # A claim that opens with a word another claim writes in lower case.
    opener = Claim(id="opener", text="Scorpions stung two women on an Alaska Airlines flight")
    lower = Claim(id="lower", text="A desert full of scorpions was found near Portland")
    alone = Matcher([opener]).match(item)
    crowd = [v for v in Matcher([opener, lower]).match(item) if v.claim_id == "opener"]
    assert alone == crowd


# --- the relevance model --------------------------------------------------------------


def test_plain_claim_reasons_name_the_relevance_features() -> None:
    claim = Claim(id="plain", text="Apple will launch a gold iPhone 6 next month")
    text = "Apple will sell a gold iPhone 6 from next month. The gold model joins silver and grey."
    (result,) = Matcher([claim]).match(story("Gold iPhone 6 coming next month", text))
    relevance = [r for r in result.reasons if r.startswith("relevance ")]
    assert relevance and "lexical model" in relevance[0], result.reasons
    assert "of what the claim says" in relevance[0]
    assert any("key terms found" in r and "iphone" in r for r in result.reasons)


def test_relevance_features_are_named_in_words_not_identifiers() -> None:
    # Every feature of the shipped model, at a value, reads as words an analyst knows.
    for model in load_models("relevance_model").values():
        for name in model.features:
            words = feature_in_words(name, 0.5)
            assert "_" not in words and name not in words.split(), (name, words)
    assert feature_in_words("proposition", 0.52).startswith("the story holds 52%")
    assert (
        feature_in_words("similarity", 2.04)
        == "the story is +2.0 spreads closer to the claim than usual"
    )


def test_headline_sharing_only_one_word_is_unrelated() -> None:
    claim = Claim(id="plain", text="A scorpion stung a woman on an Alaska Airlines flight")
    assert Matcher([claim]).match(story("Scorpion found in a Portland garden")) == []


def test_relevance_model_is_small_and_readable() -> None:
    models = load_models("relevance_model")
    assert set(models) == {"semantic", "lexical"}
    for model in models.values():
        assert "proposition" in model.features and 0 < model.threshold < 1
    data = Path(tracker.data.__file__).parent
    size = sum((data / n).stat().st_size for n in ("relevance_model.json", "term_rarity.json"))
    assert size < 5_000_000


# --- the packaged data files: a missing or corrupt one is named ------------------------

GOOD_MODELS = '{"models": {"m": {"bias": -1, "threshold": 0.5, "weights": {"coverage": 2}}}}'


def test_a_valid_models_document_is_read() -> None:
    (model,) = parse_models(GOOD_MODELS, "tracker/data/x.json").values()
    assert model.probability({"coverage": 0.5}) == pytest.approx(0.5)
    assert model.decides({"coverage": 1.0}) and not model.decides({})


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", "not valid JSON"),
        ("{not json", "not valid JSON"),
        ("[]", 'no "models"'),
        ('{"models": {}}', 'no "models"'),
        ('{"models": {"m": []}}', "not a mapping"),
        ('{"models": {"m": {"bias": 0, "threshold": 0.5}}}', 'no "weights"'),
        ('{"models": {"m": {"threshold": 0.5, "weights": {"a": 1}}}}', "bias"),
        ('{"models": {"m": {"bias": 0, "threshold": "high", "weights": {"a": 1}}}}', "threshold"),
        ('{"models": {"m": {"bias": 0, "threshold": 0.5, "weights": {"a": "x"}}}}', "'a'"),
        ('{"models": {"m": {"bias": 0, "threshold": 0.5, "weights": {"a": true}}}}', "'a'"),
        ('{"models": {"m": {"bias": 0, "threshold": 1.5, "weights": {"a": 1}}}}', "between"),
        ('{"models": {"m": {"bias": NaN, "threshold": 0.5, "weights": {"a": 1}}}}', "bias"),
    ],
)
def test_a_corrupt_models_document_names_the_file_and_the_problem(raw: str, problem: str) -> None:
    with pytest.raises(DataFileError) as caught:
        parse_models(raw, "tracker/data/relevance_model.json")
    assert "tracker/data/relevance_model.json" in caught.value.message
    assert problem in caught.value.message
    assert caught.value.hint  # how to fix it


def test_a_models_document_lacking_a_needed_model_is_named() -> None:
    with pytest.raises(DataFileError, match=r"relevance_model\.json lacks the model\(s\) headline"):
        parse_models(GOOD_MODELS, "tracker/data/relevance_model.json", ("m", "headline"))


def test_a_missing_data_file_is_named() -> None:
    with pytest.raises(DataFileError, match=r"tracker/data/no_such_model\.json is missing"):
        load_models("no_such_model")
    with pytest.raises(DataFileError, match=r"tracker/data/lexicon_xx\.yaml is missing"):
        read_data_file("lexicon_xx.yaml")


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("refute: [deny\n", "not valid YAML"),
        ("- deny\n- reject\n", "must map categories"),
        ("refute: deny\n", "'refute' must be a list"),
        ("refutes: [deny]\n", "unknown category 'refutes'"),
    ],
)
def test_a_corrupt_lexicon_file_names_the_file(raw: str, problem: str) -> None:
    with pytest.raises(DataFileError) as caught:
        parse_lexicon_file(raw, "tracker/data/lexicon_en.yaml")
    assert caught.value.message.startswith("tracker/data/lexicon_en.yaml")
    assert problem in caught.value.message


def test_the_shipped_data_files_load() -> None:
    assert set(load_models("relevance_model", ("semantic", "lexical"))) == {"semantic", "lexical"}
    assert set(load_models("stance_model")) == {s.value for s in Stance}
    for lang in ("en", "hi", "mr"):
        text = read_data_file(f"lexicon_{lang}.yaml")
        assert parse_lexicon_file(text, lang)["refute"]
    rates = parse_exchange_rates(read_data_file("exchange_rates.yaml"), "exchange_rates.yaml")
    assert set(rates) == set(CURRENCIES) and rates["rupee"] == 1.0


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("dollar: [83\n", "not valid YAML"),
        ("- 83\n", "must map currencies"),
        ("dollar: 83\nrupee: 1\neuro: 90\nyuan: 11.5\npound: 105\n", "unknown currency 'pound'"),
        ("dollar: -83\nrupee: 1\neuro: 90\nyuan: 11.5\n", "'dollar' must be a positive number"),
        ("dollar: eighty\nrupee: 1\neuro: 90\nyuan: 11.5\n", "'dollar' must be a positive"),
        ("dollar: 83\nrupee: 1\n", "no rate for euro, yuan"),
    ],
)
def test_a_corrupt_exchange_rate_file_names_the_file_and_the_key(raw: str, problem: str) -> None:
    with pytest.raises(DataFileError) as caught:
        parse_exchange_rates(raw, "tracker/data/exchange_rates.yaml")
    assert caught.value.message.startswith("tracker/data/exchange_rates.yaml")
    assert problem in caught.value.message


# --- the shipped claims: each verdict is the same alone as among all thirteen ---------

SHIPPED_STORIES = [
    ("DeepSeek denies owning 50,000 Nvidia chips", ""),
    ("Reports that DeepSeek holds 50,000 chips are false, the company said", ""),
    ("दीपसीकने ५०,००० एनव्हीडिया चिप्स असल्याचा दावा फेटाळला", ""),
    ("डीपसीक का आर2 मॉडल अब तक लॉन्च नहीं हुआ", ""),
    ("DeepSeek's R2 may arrive in early May", ""),
    ("", "DeepSeek founder Liang Wenfeng, born in 1985, studied at Zhejiang University."),
    (
        "South Korea pulls DeepSeek from app stores",
        "South Korea's regulator removed DeepSeek from local app stores over privacy concerns. "
        "Italy did the same in January. Bernstein analysts say DeepSeek charges 30 times less "
        "than OpenAI.",
    ),
    ("Nvidia shares plunge as DeepSeek triggers $1 trillion sell-off", ""),
]


def test_shipped_claims_verdicts_do_not_depend_on_the_other_claims() -> None:
    config = load_config(Path(__file__).parents[1] / "config.yaml", env={})
    claims = list(config.claims)
    assert len(claims) == 13
    everything = Matcher(claims, config.lexicons)
    alone = {claim.id: Matcher([claim], config.lexicons) for claim in claims}
    published = datetime(2025, 6, 1, tzinfo=UTC)
    decisive = 0
    for title, text in SHIPPED_STORIES:
        item = Story(
            "https://example.org/feed", title[:20] or text[:20], title, text, published=published
        )
        together = everything.match(item, now=published)
        separately = [v for claim in claims for v in alone[claim.id].match(item, now=published)]
        assert together == separately, title or text
        decisive += sum(v.stance.decisive for v in together)
    assert decisive >= 4  # the stories do exercise the stance rules, not only relevance


@pytest.mark.parametrize(
    ("title", "stance"),
    [
        # Hindi: "Italy did not remove DeepSeek from the app store" – a denial in Hindi.
        ("इटली ने डीपसीक को ऐप स्टोर से नहीं हटाया", Stance.CONTRADICTS),
        # Marathi: "Italy removed DeepSeek from the app store".
        ("इटलीने डीपसीकला ॲप स्टोअरमधून हटवले", Stance.CORROBORATES),
        # Hindi: "South Korea removed DeepSeek from the app store over privacy".
        ("दक्षिण कोरिया ने गोपनीयता के कारण डीपसीक को ऐप स्टोर से हटाया", Stance.CORROBORATES),
    ],
)
def test_shipped_app_store_claim_reads_hindi_and_marathi_removals(
    title: str, stance: Stance
) -> None:
    config = load_config(Path(__file__).parents[1] / "config.yaml", env={})
    claim = next(c for c in config.claims if c.id == "app-store-removals")
    published = datetime(2025, 6, 1, tzinfo=UTC)
    story = Story("https://example.org/feed", "hi-mr", title, "", published=published)
    verdicts = Matcher([claim], config.lexicons).match(story, now=published)
    assert [v.stance for v in verdicts] == [stance]


def test_shipped_app_store_claim_ignores_an_app_store_ranking() -> None:
    # Hindi: "DeepSeek released a new model, top of the app store" – not a removal.
    config = load_config(Path(__file__).parents[1] / "config.yaml", env={})
    claim = next(c for c in config.claims if c.id == "app-store-removals")
    published = datetime(2025, 6, 1, tzinfo=UTC)
    title = "डीपसीक ने नया मॉडल जारी किया, ऐप स्टोर पर सबसे ऊपर"
    story = Story("https://example.org/feed", "rank", title, "", published=published)
    assert Matcher([claim], config.lexicons).match(story, now=published) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A month or a day of the week is a time, not a subject a story must name.
        ("The October 2023 flood caused damage of about ₹3,000 crore in Sikkim.", ["Sikkim"]),
        ("Kerala will declare the outbreak over by Friday.", ["Kerala"]),
    ],
)
def test_months_and_weekdays_are_no_names(text: str, names: list[str]) -> None:
    assert derive_entities(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Jan Dhan accounts crossed 50 crore", ["Jan Dhan"]),
        ("Theresa May resigned", ["Theresa May"]),
        ("Gandhi led the Dandi March in 1930", ["Gandhi", "Dandi March"]),
        ("Black Friday sale on Flipkart", ["Black Friday", "Flipkart"]),
    ],
)
def test_names_holding_a_month_or_a_weekday_stay_names(text: str, names: list[str]) -> None:
    assert derive_entities(text) == names


def test_after_a_deadline_a_story_short_of_the_bar_saying_not_done_is_reported() -> None:
    """A story in a stream on the Kelva towers that says, after the claimed deadline,
    that the debris is yet to be cleared holds few of the claim's words (relevance under
    the bar) yet tells the analyst what the claim is about: it is reported as a
    contradiction, with a reason saying why; below half the bar, or without a rule
    saying the event is not done, it is not."""
    from datetime import date

    from tracker.engine.batch import batch_matcher
    from tracker.types import Window

    claim = Claim(
        id="debris",
        text="The debris of the demolished Kelva towers will be cleared from the site by "
        "the end of November 2022.",
        window=Window(by=date(2022, 11, 30)),
    )
    stream = [
        ("Kelva towers demolished in nine seconds", "The two towers came down on Sunday."),
        ("Kelva towers: buyers await refunds", "Buyers of flats are still waiting for money."),
        ("Kelva towers builder faces probe", "The builder of the Kelva towers is under probe."),
        ("Kelva towers: air quality normal after blast", "Pollution levels returned to normal."),
        ("Kelva towers site to become a park", "The plot will be turned into a park."),
        ("Kelva towers: insurance claim settled", "The insurer paid the builder."),
    ]
    stories = _daily_stories(stream, datetime(2022, 9, 1, tzinfo=UTC))
    january = datetime(2023, 1, 10, tzinfo=UTC)
    late = Story(
        "https://example.org/feed",
        "late",
        "Kelva towers: dust troubles residents",
        "The debris is yet to be cleared from the site, they said.",
        published=january,
    )
    faint = Story(
        "https://example.org/feed",
        "faint",
        "Residents near Kelva towers complain of dust",
        "The debris has not yet been cleared, they said.",
        published=january,
    )
    quiet = Story(
        "https://example.org/feed",
        "quiet",
        "Kelva towers: debris still on the site",
        "Residents complained of dust on Monday.",
        published=january,
    )
    matcher, _, _ = batch_matcher([claim], [*stories, late, faint, quiet], encoder=None)
    found = matcher.match(late, now=january)
    assert [v.stance for v in found] == [Stance.CONTRADICTS]
    assert found[0].reasons[0].startswith("short of the relevance bar, reported because")
    assert matcher.judge(claim.id, late, now=january).reasons[0] == found[0].reasons[0]
    assert matcher.match(faint, now=january) == []  # under half the bar
    assert matcher.match(quiet, now=january) == []  # no rule says it is not done
    # Before the deadline "yet to" decides nothing, and nothing short of the bar is reported.
    early = dataclasses.replace(late, published=datetime(2022, 11, 1, tzinfo=UTC))
    assert matcher.match(early, now=early.published) == []


def test_after_a_deadline_another_projects_delay_is_not_reported() -> None:
    """Short of the bar, only a sentence about the claim counts: in a stream on the
    Kelva metro, the airport's postponed opening says nothing of Line 2's."""
    from datetime import date

    from tracker.engine.batch import batch_matcher
    from tracker.types import Window

    claim = Claim(
        id="line2",
        text="The Kelva metro Line 2 will open to commuters by 31 December 2024.",
        window=Window(by=date(2024, 12, 31)),
    )
    stream = [
        ("Kelva metro Line 2 trial run begins", "The first train ran between Sagar Nagar and Port on Monday."),
        ("Kelva metro Line 2: CMRS inspection next month", "Safety commissioner will inspect the line."),
        ("Kelva metro fares announced", "Fares will range from Rs 10 to Rs 40."),
        ("Kelva metro Line 2 stations get names", "Twelve stations have been named."),
        ("Kelva metro: depot work complete", "The depot at Port is ready."),
        ("Kelva metro Line 2 rakes arrive", "Six rakes have reached the depot."),
        ("Sai Heights residents get notice", "The Kelva municipality served notice on residents of the illegal tower."),
        ("Sai Heights tower: HC refuses stay on demolition", "The court dismissed the builder's plea."),
    ]  # fmt: skip
    stories = _daily_stories(stream, datetime(2024, 9, 1, tzinfo=UTC))
    january = datetime(2025, 1, 10, tzinfo=UTC)
    delays = [
        ("Kelva airport opening postponed to May",
         "The new Kelva airport, due in December, will now open in May, officials said."),
        ("Kelva coastal road opening delayed again",
         "The coastal road has missed its December deadline; it will open in March."),
        ("Kelva flyover: opening put off",
         "The flyover at Sagar Nagar was to open in December; it is now delayed."),
    ]  # fmt: skip
    others = [
        Story("https://example.org/feed", f"d{i}", title, text, published=january)
        for i, (title, text) in enumerate(delays)
    ]
    airport = others[0]
    demolition = Claim(
        id="sai",
        text="The Kelva municipality will demolish the illegal Sai Heights tower by 31 March 2025.",
        window=Window(by=date(2025, 3, 31)),
    )
    matcher, _, _ = batch_matcher([claim, demolition], [*stories, *others], encoder=None)
    for story in others:
        assert matcher.match(story, now=january) == [], story.title
    assert matcher.judge(claim.id, airport, now=january).reasons[0].startswith("below")


def _daily_stories(stream: list[tuple[str, str]], first: datetime) -> list[Story]:
    """Stories of (title, text), published a day apart from `first`."""
    return [
        Story("https://example.org/feed", f"s{i}", title, text, published=first + timedelta(days=i))
        for i, (title, text) in enumerate(stream)
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A count opening the claim is no name its stories must hold (engine 3.50).
        ("Thirty-three police personnel were injured in the Nagpur violence.", ["Nagpur"]),
        ("Eighteen people were killed in the stampede at New Delhi station.", ["New Delhi"]),
        ("Twelve MLAs of the BJP resigned.", ["MLAs of the BJP"]),
        # A number word in a name stays in it.
        ("Ten Downing Street denied the report.", ["Ten Downing Street"]),
        ("Formula One will return to India in 2026.", ["Formula One", "India"]),
        ("Air Force One landed in Delhi.", ["Air Force One", "Delhi"]),
    ],
)
def test_a_number_word_is_no_name(text: str, names: list[str]) -> None:
    assert derive_entities(text) == names
