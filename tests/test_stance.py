"""Stance: refutation with negation scope, numbers, deadlines, attribution, hedging."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.engine import stance
from tracker.engine.batch import batch_matcher
from tracker.engine.figures import comparison
from tracker.engine.lexicon import load_lexicon
from tracker.engine.matcher import Matcher
from tracker.engine.proposition import marks_of_words, profile_claim
from tracker.engine.sentence import Sentence
from tracker.engine.stance import Sentences, headline_future, judge
from tracker.types import Claim, Quantity, Stance, Story, Verdict, Window

CHIPS = Claim(
    id="chips",
    text="Alexandr Wang alleged that DeepSeek has about 50,000 high-end Nvidia chips.",
    entities=(("DeepSeek",),),
    quantity=Quantity(50_000, "chips"),
    attributed_to=("Alexandr Wang",),
)
PLAIN_CHIPS = Claim(id="plain", text="DeepSeek owns about 50,000 Nvidia chips")
R2 = Claim(
    id="r2",
    text="DeepSeek will release its R2 model by the end of May 2025.",
    entities=(("DeepSeek",), ("R2",)),
    window=Window(by=date(2025, 5, 31)),
)
#: R2 with its names also written in Devanagari, for Hindi and Marathi stories.
R2_SCRIPTS = Claim(
    id="r2-scripts",
    text=R2.text,
    entities=(("DeepSeek", "डीपसीक"), ("R2", "आर2")),
    window=R2.window,
)
SILENT = Claim(
    id="silent",
    text="Liang Wenfeng has not spoken to the media since July 2024.",
    entities=(("Liang Wenfeng", "Liang", "लिआंग"),),
)


def verdict(claim: Claim, title: str, text: str = "", published: datetime | None = None) -> Verdict:
    item = Story("https://example.org/feed", "key", title, text, published=published)
    verdicts = Matcher([claim]).match(item, now=published)
    assert len(verdicts) == 1, f"expected the story to be related: {title}"
    return verdicts[0]


def expect(result: Verdict | None, expected: Stance | None) -> None:
    """The verdict has the `expected` stance; `expected` None: anything but a
    contradiction (or no verdict at all)."""
    got = result.stance if result is not None else None
    why = result.reasons if result is not None else "unrelated"
    if expected is None:
        assert got is not Stance.CONTRADICTS, why
    else:
        assert got is expected, why


@pytest.mark.parametrize(
    "title",
    [
        "DeepSeek denies owning 50,000 Nvidia chips",
        "DeepSeek rejects report it holds 50,000 Nvidia chips",
        "No evidence DeepSeek has 50,000 Nvidia chips, auditors say",
        "दीपसीकने ५०,००० एनव्हीडिया चिप्स असल्याचा दावा फेटाळला",
        "डीपसीक ने 50 हज़ार एनवीडिया चिप्स होने की बात का खंडन किया",
    ],
)
def test_refuting_language_contradicts(title: str) -> None:
    result = verdict(CHIPS, title)
    assert result.stance is Stance.CONTRADICTS
    assert any("refuting cue" in reason and "governs" in reason for reason in result.reasons)


@pytest.mark.parametrize(
    "title",
    [
        "DeepSeek did not deny owning 50,000 Nvidia chips",
        "DeepSeek never denied that it has 50,000 Nvidia chips",
        "दीपसीकने ५०,००० एनव्हीडिया चिप्स असल्याचे नाकारले नाही",
        "डीपसीक ने 50 हज़ार एनवीडिया चिप्स होने से इनकार नहीं किया",
    ],
)
def test_negated_denial_is_not_a_denial(title: str) -> None:
    result = verdict(CHIPS, title)
    assert result.stance is not Stance.CONTRADICTS
    assert any("negated" in reason for reason in result.reasons)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Customs records show DeepSeek has only 10,000 Nvidia chips", Stance.CONTRADICTS),
        ("Customs records show DeepSeek has 48,000 Nvidia chips", Stance.CORROBORATES),
        ("Customs records show DeepSeek has 50k Nvidia chips", Stance.CORROBORATES),
        ("सीमाशुल्क नोंदीनुसार दीपसीककडे १०,००० एनव्हीडिया चिप्स आहेत", Stance.CONTRADICTS),
        ("सीमाशुल्क नोंदीनुसार दीपसीककडे ५० हजार एनव्हीडिया चिप्स आहेत", Stance.CORROBORATES),
    ],
)
def test_numbers_decide_within_tolerance(title: str, expected: Stance) -> None:
    assert verdict(CHIPS, title).stance is expected


def test_number_reason_names_both_numbers_and_tolerance() -> None:
    result = verdict(CHIPS, "Customs records show DeepSeek has only 10,000 Nvidia chips")
    assert "number 10,000 differs from the claimed 50,000 (tolerance 20%)" in result.reasons


SELLOFF = Claim(
    id="selloff",
    text="DeepSeek triggered a market sell-off of about one trillion US dollars.",
    entities=(("DeepSeek",),),
    keywords=("sell-off", "trillion"),
    quantity=Quantity(1e12, "dollars", 0.25),
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("DeepSeek triggered a $1 trillion sell-off", Stance.CORROBORATES),
        ("DeepSeek sell-off wiped 1 trillion USD off markets", Stance.CORROBORATES),
        ("DeepSeek triggered a $200 billion sell-off", Stance.CONTRADICTS),
    ],
)
def test_a_figure_in_dollar_signs_is_compared_with_a_claim_in_dollars(
    title: str, expected: Stance
) -> None:
    # "$1 trillion sell-off" once read as 1 trillion sell-offs: no unit, no comparison.
    # (The stance with the relevance bar off: a sum of money does not by itself relate a
    # story to a claim of a sum.)
    result = judged(SELLOFF, title)
    assert result.stance is expected, result.reasons
    assert any(reason.startswith("number ") for reason in result.reasons)


def test_plain_claim_uses_its_own_number() -> None:
    assert verdict(PLAIN_CHIPS, "DeepSeek owns 12,000 Nvidia chips").stance is Stance.CONTRADICTS
    assert verdict(PLAIN_CHIPS, "DeepSeek owns 52,000 Nvidia chips").stance is Stance.CORROBORATES


def test_numbers_of_another_kind_are_not_compared() -> None:
    result = verdict(CHIPS, "DeepSeek, which has 50,000 Nvidia chips, hired 13 engineers")
    assert result.stance is not Stance.CONTRADICTS


def test_story_repeating_the_allegation_discusses() -> None:
    result = verdict(CHIPS, "Alexandr Wang alleged DeepSeek has 50,000 Nvidia chips")
    assert result.stance is Stance.DISCUSSES
    assert any("own source" in reason for reason in result.reasons)


def test_independent_source_asserting_corroborates() -> None:
    result = verdict(CHIPS, "An audit by chip brokers finds DeepSeek holds 50,000 Nvidia chips")
    assert result.stance is Stance.CORROBORATES


@pytest.mark.parametrize(
    "title",
    [
        "DeepSeek reportedly has 50,000 Nvidia chips",
        "DeepSeek could have as many as 50,000 Nvidia chips, rumours say",
        "डीपसीक के पास कथित तौर पर 50 हज़ार एनवीडिया चिप्स",
    ],
)
def test_hedged_story_discusses(title: str) -> None:
    assert verdict(CHIPS, title).stance is Stance.DISCUSSES


def test_after_deadline_not_happened_contradicts() -> None:
    late = datetime(2025, 6, 12, tzinfo=UTC)
    result = verdict(R2, "DeepSeek has yet to release its R2 model", published=late)
    assert result.stance is Stance.CONTRADICTS
    assert any("after the claimed deadline 2025-05-31" in reason for reason in result.reasons)


def test_delay_before_deadline_does_not_decide() -> None:
    early = datetime(2025, 4, 2, tzinfo=UTC)
    result = verdict(R2, "DeepSeek has yet to release its R2 model", published=early)
    assert result.stance is not Stance.CONTRADICTS


def test_release_reported_in_time_corroborates() -> None:
    in_time = datetime(2025, 5, 20, tzinfo=UTC)
    result = verdict(R2, "DeepSeek released its R2 model on Tuesday", published=in_time)
    assert result.stance is Stance.CORROBORATES
    marathi = verdict(R2, "दीपसेकने आर 2 मॉडेल प्रसिद्ध केले", published=in_time)
    assert marathi.stance is Stance.CORROBORATES


def test_negative_claim_agrees_with_negative_story() -> None:
    result = verdict(SILENT, "Liang Wenfeng has not spoken to the media since July 2024")
    assert result.stance is Stance.CORROBORATES
    spoke = verdict(SILENT, "Liang Wenfeng spoke to the media in an interview since July 2024")
    assert spoke.stance is Stance.CONTRADICTS


def test_config_lexicon_extends_the_packaged_one() -> None:
    lexicon = load_lexicon({"en": {"refute": ["pooh-poohed"]}})
    profile = profile_claim(PLAIN_CHIPS, lexicon)
    result = judge(profile, Sentences(("DeepSeek pooh-poohed talk of its chips",)), lexicon=lexicon)
    assert result.stance is Stance.CONTRADICTS
    default = judge(
        profile_claim(PLAIN_CHIPS, load_lexicon()), Sentences(("DeepSeek pooh-poohed it",))
    )
    assert default.stance is Stance.DISCUSSES


def test_no_sentences_discusses() -> None:
    result = judge(profile_claim(PLAIN_CHIPS, load_lexicon()), Sentences(()))
    assert result.stance is Stance.DISCUSSES and result.evidence == ""


def test_title_is_one_unit_so_its_second_half_counts() -> None:
    result = verdict(PLAIN_CHIPS, "DeepSeek owns 50,000 Nvidia chips? The claim is false")
    assert result.stance is Stance.CONTRADICTS


def test_asserting_sentence_deep_in_an_article_only_discusses() -> None:
    body = " ".join(f"Paragraph {n} is about the wider chip market and prices." for n in range(8))
    claim = Claim(id="r2", text="DeepSeek launched its R2 model", entities=(("DeepSeek",), ("R2",)))
    long_story = verdict(claim, "", body + " DeepSeek launched the R2 model last week.")
    short_story = verdict(claim, "", "DeepSeek launched the R2 model last week.")
    assert long_story.stance is Stance.DISCUSSES
    assert short_story.stance is Stance.CORROBORATES


def test_refuting_cue_about_something_else_does_not_contradict() -> None:
    title = (
        "DeepSeek has 50,000 Nvidia chips, an audit shows; separately a football club "
        "in Milan denied that its coach will quit"
    )
    assert verdict(CHIPS, title).stance is not Stance.CONTRADICTS


def test_plain_claim_compares_only_numbers_of_the_same_unit() -> None:
    claim = Claim(id="age", text="The DeepSeek founder hired 150 researchers in Hangzhou")
    result = verdict(claim, "DeepSeek founder hired researchers in Hangzhou over 3 years")
    assert result.stance is not Stance.CONTRADICTS
    fewer = verdict(claim, "DeepSeek founder hired 40 researchers in Hangzhou")
    assert fewer.stance is Stance.CONTRADICTS


def test_negated_headline_beats_an_agreeing_number() -> None:
    claim = Claim(id="deal", text="Robert Plant tore up a 800 million pound reunion contract")
    result = verdict(claim, "No, Robert Plant didn't tear up an 800 million pound contract")
    assert result.stance is Stance.CONTRADICTS
    assert any("negation" in reason for reason in result.reasons)


def test_refuting_cue_later_in_a_headline_still_governs() -> None:
    claim = Claim(id="dead", text="The actor Macaulay Culkin is dead")
    result = verdict(claim, "Macaulay Culkin dead: actor is the victim of yet another death hoax")
    assert result.stance is Stance.CONTRADICTS


def test_claim_about_a_statement_is_corroborated_by_reporting_it() -> None:
    claim = Claim(id="said", text="A priest who was declared dead says he met God")
    reported = verdict(claim, "Priest declared dead for 48 minutes claims he met God")
    assert reported.stance is Stance.CORROBORATES
    # An attributed claim keeps hedges meaningful: repeating the rumour discusses.
    assert verdict(CHIPS, "DeepSeek reportedly has 50,000 Nvidia chips").stance is Stance.DISCUSSES


def test_rival_figure_about_another_subject_does_not_contradict() -> None:
    text = (
        "Analysts keep watching DeepSeek and its Nvidia chips closely. "
        "Chip makers had a busy year. "
        "Separately, High-Flyer's older cluster ran about 10,000 Nvidia chips."
    )
    # The stance rule, whether or not the story reaches the relevance bar (judge):
    result = Matcher([CHIPS]).judge("chips", Story("f", "1", "", text))
    assert result.stance is not Stance.CONTRADICTS
    same_subject = verdict(CHIPS, "", "Records show DeepSeek holds about 10,000 Nvidia chips.")
    assert same_subject.stance is Stance.CONTRADICTS


def test_hedge_in_a_lesser_sentence_keeps_the_best_sentence_as_evidence() -> None:
    claim = Claim(
        id="apps", text="Italy removed DeepSeek from app stores", entities=(("DeepSeek",),)
    )
    body = (
        "Italy removed DeepSeek from its app stores on Tuesday over privacy worries. "
        "Some say other countries could follow."
    )
    result = verdict(claim, "", body)
    assert result.evidence.startswith("Italy removed DeepSeek")


def test_a_claimed_year_in_a_short_story_corroborates() -> None:
    claim = Claim(
        id="born",
        text="Liang Wenfeng was born in 1985 in Guangdong",
        entities=(("Liang Wenfeng", "Liang", "लिआंग"),),
    )
    marathi = verdict(claim, "लिआंगचा जन्म १९८५ मध्ये गुआंगडोंग प्रांतात झाला")
    assert marathi.stance is Stance.CORROBORATES
    assert any("1985" in reason or "१९८५" in reason for reason in marathi.reasons)


def test_delay_without_a_deadline_only_discusses() -> None:
    claim = Claim(
        id="r2", text="DeepSeek will release its R2 model", entities=(("DeepSeek",), ("R2",))
    )
    result = verdict(claim, "DeepSeek has postponed the release of its R2 model")
    assert result.stance is Stance.DISCUSSES
    assert any("no deadline" in reason for reason in result.reasons)


@pytest.mark.parametrize(
    "title",
    [
        "डीपसीक के पास 50 हज़ार एनवीडिया चिप्स नहीं हैं, जांच में पता चला",
        "तपासणीत स्पष्ट: दीपसीककडे ५०,००० एनव्हीडिया चिप्स नाहीत",
    ],
)
def test_plain_negation_in_hindi_and_marathi_contradicts(title: str) -> None:
    assert verdict(PLAIN_CHIPS, title).stance is Stance.CONTRADICTS


@pytest.mark.parametrize(
    ("title", "expected", "cue"),
    [
        ("डीपसीक के 50 हज़ार एनवीडिया चिप्स की खबर भ्रामक निकली", Stance.CONTRADICTS, "भ्रामक"),
        ("दीपसीककडे ५०,००० एनव्हीडिया चिप्स असल्याचे समजते", Stance.DISCUSSES, "असल्याचे समजते"),
        ("दीपसीककडील एनव्हीडिया चिप्सच्या साठ्याला कंपनीचा दुजोरा", Stance.CORROBORATES, "दुजोरा"),
    ],
)
def test_more_hindi_and_marathi_cues(title: str, expected: Stance, cue: str) -> None:
    # Decided by the cue, not by the figure (the agreeing ५०,००० is hedged).
    result = verdict(PLAIN_CHIPS, title)
    assert result.stance is expected, result.reasons
    assert any(f'"{cue}"' in reason for reason in result.reasons)
    assert not any(reason.startswith("number ") for reason in result.reasons)


def test_the_month_may_is_not_a_hedge() -> None:
    from tracker.engine.matcher import Matcher
    from tracker.types import Claim, Story

    claim = Claim(
        id="r2", text="DeepSeek will release R2 in early May.", entities=(("DeepSeek",), ("R2",))
    )
    modal = Story(
        feed_url="f", entry_key="a", title="DeepSeek may release R2 in early May", text=""
    )
    month = Story(
        feed_url="f", entry_key="b", title="DeepSeek will release R2 in early May", text=""
    )
    matcher = Matcher([claim])
    [hedged] = matcher.match(modal)
    [stated] = matcher.match(month)
    assert hedged.stance.value == "discusses" and any('"may"' in r for r in hedged.reasons)
    assert stated.stance.value == "corroborates", stated.reasons


# --- estimates by independent sources, and one unit family for chips and GPUs ------

CHIPS_HINTED = Claim(
    id="chips-50k",
    text="Scale AI's chief alleged that DeepSeek holds about 50,000 Nvidia chips.",
    entities=(("DeepSeek", "दीपसीक", "डीपसीक"), ("Nvidia", "एनव्हीडिया", "एनवीडिया")),
    quantity=Quantity(50_000, "chips", 0.2),
    attributed_to=("Alexandr Wang", "Scale AI"),
)


@pytest.mark.parametrize(
    ("title", "source"),
    [
        ("A research firm estimates DeepSeek has about 50,000 Nvidia GPUs", "research firm"),
        ("Analysts estimate DeepSeek runs roughly 48,000 Nvidia processors", "Analysts"),
        ("SemiAnalysis estimates DeepSeek has about 50,000 Nvidia GPUs", "SemiAnalysis"),
        ("एक शोध फर्म का अनुमान है कि डीपसीक के पास लगभग 50,000 एनवीडिया जीपीयू हैं", "शोध फर्म"),
        ("एका संशोधन संस्थेच्या अंदाजानुसार दीपसीककडे सुमारे ५०,००० एनव्हीडिया जीपीयू आहेत", "संस्थेच्या"),
    ],
)
def test_an_independent_estimate_in_gpus_corroborates(title: str, source: str) -> None:
    result = verdict(CHIPS_HINTED, title)
    assert result.stance is Stance.CORROBORATES, result.reasons
    assert f'independent source ("{source}")' in " ".join(result.reasons)


@pytest.mark.parametrize(
    "title",
    [
        "DeepSeek reportedly has about 50,000 Nvidia GPUs",
        "Alexandr Wang alleged DeepSeek has 50,000 Nvidia GPUs",
        "Scale AI estimates DeepSeek has 50,000 Nvidia GPUs",
        "It is estimated that DeepSeek has 50,000 Nvidia GPUs",
        "अनुमान है कि डीपसीक के पास 50,000 एनवीडिया जीपीयू हैं",
        "दीपसीककडे ५०,००० एनव्हीडिया जीपीयू असल्याचा अंदाज",
    ],
)
def test_rumours_own_source_and_unsourced_estimates_discuss(title: str) -> None:
    assert verdict(CHIPS_HINTED, title).stance is Stance.DISCUSSES


def test_a_differing_count_of_gpus_contradicts_a_claim_about_chips() -> None:
    result = verdict(CHIPS_HINTED, "Research firm says DeepSeek has only 10,000 Nvidia GPUs")
    assert result.stance is Stance.CONTRADICTS
    assert any("10,000 differs from the claimed 50,000" in r for r in result.reasons)


def test_headline_without_the_claimed_figure_does_not_corroborate_a_quantity_claim() -> None:
    # Before engine 2.0 an unhedged headline naming both groups corroborated it.
    title = "DeepSeek holds high-end Nvidia chips"
    assert verdict(CHIPS_HINTED, title).stance is Stance.DISCUSSES


R2_SKILLS = Claim(
    id="r2-capabilities",
    text="DeepSeek hopes R2 will write better code and reason in languages other than English.",
    entities=(("DeepSeek", "डीपसीक", "दीपसीक"), ("R2", "आर 2", "आर2")),
    keywords=("coding", "code", "reasoning", "languages", "multilingual", "कोडिंग", "भाषा"),
)


@pytest.mark.parametrize(
    "title",
    [
        "DeepSeek's R2 still missing as May comes to an end",
        "डीपसीक आर 2 मॉडेल लवकरच आणणार",
        "डीपसीक जल्द ही आर 2 मॉडल लाएगी",
    ],
)
def test_naming_the_claims_names_does_not_assert_what_it_says_of_them(title: str) -> None:
    # The names are rare words, but every story about the company carries them:
    # a headline about R2's timing says nothing about its coding skills.
    assert verdict(R2_SKILLS, title).stance is Stance.DISCUSSES


@pytest.mark.parametrize(
    "title",
    [
        "DeepSeek denies R2 rumours",
        "DeepSeek R2 is not coming this year",
        "डीपसीक का आर2 मॉडल अब तक लॉन्च नहीं हुआ",
    ],
)
def test_naming_the_claims_names_does_not_deny_what_it_says_of_them(title: str) -> None:
    # The same limit as for asserting: a denial about R2's release or a rumour is
    # not evidence against what the claim says of R2 (its coding skills).
    result = verdict(R2_SKILLS, title)
    assert result.stance is Stance.DISCUSSES, result.reasons
    assert any(
        "no sentence states, denies or measures" in reason or "does not state" in reason
        for reason in result.reasons
    ), result.reasons


def test_a_headline_denying_what_the_claim_says_of_its_names_contradicts() -> None:
    result = verdict(R2_SKILLS, "DeepSeek denies R2 will write better code in other languages")
    assert result.stance is Stance.CONTRADICTS, result.reasons


PLAIN_RAIDER = Claim(id="raider", text="Raju Moti scored the most raid points of the 2025 season.")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # The negation is in the other clause, about another player.
        ("Pawar did not play again; Moti scored the most raid points", Stance.CORROBORATES),
        ("पवार पुन्हा खेळलाच नाही; राजू मोतीने सर्वाधिक रेड पॉइंट्स मिळवले", Stance.CORROBORATES),
        ("पवार फिर नहीं खेले; राजू मोती ने सबसे ज्यादा रेड पॉइंट्स बनाए", Stance.CORROBORATES),
        # In the claim's own clause it still denies it.
        ("Pawar is back; Moti did not score the most raid points", Stance.CONTRADICTS),
    ],
)
def test_a_negation_counts_only_in_the_claims_clause(title: str, expected: Stance) -> None:
    result = verdict(PLAIN_RAIDER, title)
    assert result.stance is expected, result.reasons


DENGUE = Claim(
    id="dengue", text="Shubman Gill missed India's opening World Cup matches with dengue."
)


@pytest.mark.parametrize(
    "title",
    [
        "ICU rumour false, but dengue keeps Shubman Gill out of India's opening World Cup matches",
        "आईसीयू की खबर गलत, लेकिन डेंगू के कारण शुभमन गिल विश्व कप के शुरुआती मैचों से बाहर",
        "ICU rumour is false; dengue keeps Shubman Gill out of India's opening World Cup matches",
    ],
)
def test_a_refuting_cue_governs_only_its_own_clause(title: str) -> None:
    # The denial is of the rumour, in its own clause: it governs none of the claim's words.
    text = "Shubman Gill is recovering from dengue in Chennai, the team said."
    result = verdict(DENGUE, title, text)
    assert result.stance is not Stance.CONTRADICTS, result.reasons


MONSOON = Claim(id="monsoon", text="India's 2023 monsoon season ended with below-normal rainfall.")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "India's monsoon ends below normal, the first such season since 2018",
            Stance.CORROBORATES,
        ),
        ("मानसून 2018 के बाद पहली बार सामान्य से कम बारिश के साथ खत्म", Stance.CORROBORATES),
        # A year for the event itself still differs.
        ("India's monsoon season ended with below-normal rainfall in 2019", Stance.CONTRADICTS),
    ],
)
def test_a_year_things_are_measured_from_is_no_rival_year(title: str, expected: Stance) -> None:
    result = verdict(MONSOON, title)
    assert result.stance is expected, result.reasons


CHARGERS = Claim(id="chargers", text="Zoomo spent about 470 crore rupees on new chargers.")


def test_a_claim_with_a_figure_is_asserted_only_by_its_figure() -> None:
    # The figure is the point of the claim: the words around it without it do not
    # assert it (the story might give 1,200 crore in a sentence the rules cannot tie).
    text = "Zoomo has spent heavily on new chargers this year, the company said."
    without = verdict(CHARGERS, "Zoomo spends big on new chargers", text)
    assert without.stance is Stance.DISCUSSES, without.reasons
    text = "Zoomo spent 470 crore rupees on new chargers this year, the company said."
    with_it = verdict(CHARGERS, "Zoomo spends 470 crore rupees on new chargers", text)
    assert with_it.stance is Stance.CORROBORATES, with_it.reasons


NODAL = Claim(id="nodal", text="Zoomo moved its nodal account from Zoomo Bank to Axis Bank.")
EXTENDED = Claim(id="extended", text="The regulator extended Zoomo's deadline to 15 March 2024.")


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        (NODAL, "Zoomo moves its nodal account to Axis Bank", Stance.CORROBORATES),
        (NODAL, "झूमोचे नोडल खाते आता एक्सिस बँकेत", Stance.CORROBORATES),
        # The same words with another bank in the claim's slot contradict it (engine
        # 3.8; before, they only failed to assert it).
        (NODAL, "Zoomo moves its nodal account to Yes Bank", Stance.CONTRADICTS),
        (NODAL, "झूमोचे नोडल खाते आता एचडीएफसी बँकेत", Stance.CONTRADICTS),
        (EXTENDED, "Regulator extends Zoomo deadline to 15 March", Stance.CORROBORATES),
        (EXTENDED, "नियामक ने ज़ूमो की समयसीमा 15 मार्च तक बढ़ाई", Stance.CORROBORATES),
        (EXTENDED, "Regulator extends Zoomo deadline to March 31", Stance.DISCUSSES),
    ],
)
def test_a_sentence_without_the_claims_date_or_named_value_does_not_assert_it(
    claim: Claim, title: str, expected: Stance
) -> None:
    result = verdict(claim, title, "Merchants' payments will not be affected, the company said.")
    assert result.stance is expected, result.reasons


@pytest.mark.parametrize(
    "title",
    [
        # A plan in another clause, or of something else, leaves the claim asserted.
        "Maharashtra declared drought in 40 talukas; Centre expects rain next week",
        "Maharashtra declared drought in 40 talukas, as the relief department had proposed",
    ],
)
def test_a_plan_of_something_else_does_not_hedge_the_claim(title: str) -> None:
    result = verdict(DECLARED, title, "The list was published on Monday.")
    assert result.stance is Stance.CORROBORATES, result.reasons


def test_a_denial_not_made_of_something_else_leaves_the_claim_asserted() -> None:
    title = "Zoomo left customer complaints about refunds unresolved; Zoomo did not deny layoffs"
    result = verdict(COMPLAINTS, title, "The regulator's notice lists the complaints.")
    assert result.stance is Stance.CORROBORATES, result.reasons


def test_after_the_deadline_something_else_put_off_is_not_the_claim_late() -> None:
    title = "Southwest monsoon sets in over Kerala on June 2; cricket match cancelled"
    late = datetime(2023, 6, 8, 10, tzinfo=UTC)
    result = verdict(ONSET, title, "Rain lashed Kochi all day.", published=late)
    assert result.stance is not Stance.CONTRADICTS, result.reasons


@pytest.mark.parametrize(
    "title",
    [
        "मानसून 2018 के बाद, पहली बार सामान्य से कम बारिश के साथ खत्म",
        "India's monsoon ended below normal, drier than in 2018",
    ],
)
def test_a_reference_year_followed_by_punctuation_or_than_in(title: str) -> None:
    assert verdict(MONSOON, title).stance is not Stance.CONTRADICTS


def test_the_month_may_in_an_answer_is_no_hedge() -> None:
    title = "How much did Chandrayaan-3 cost?"
    text = "The Chandrayaan-3 mission cost about 615 crore rupees, ISRO said in May."
    assert verdict(COST, title, text).stance is Stance.CORROBORATES


SILVER = Claim(id="silver", text="Ravi Moti won silver in the men's javelin at the Games.")
WRONG_CARD = Claim(id="card", text="Ravi Moti was wrongly shown a red card in the final.")


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        (SILVER, "Ravi Moti wins silver in men's javelin at the Games", Stance.CORROBORATES),
        (
            SILVER,
            "Ravi Moti settles for bronze in the men's javelin at the Games",
            Stance.CONTRADICTS,
        ),
        (SILVER, "खेलों में भाला फेंक में रवि मोती को कांस्य से संतोष", Stance.CONTRADICTS),
        # The other side in a clause about someone else says nothing of the claim.
        (
            SILVER,
            "Ravi Moti wins silver at the Games; gold for Arshad in the javelin",
            Stance.CORROBORATES,
        ),
        (
            WRONG_CARD,
            "Federation says red card shown to Ravi Moti in the final was correct",
            Stance.CONTRADICTS,
        ),
    ],
)
def test_another_side_of_a_contrast_contradicts(claim: Claim, title: str, expected: Stance) -> None:
    result = verdict(claim, title, title)
    assert result.stance is expected, result.reasons


DECLARED = Claim(id="declared", text="Maharashtra declared drought in 40 talukas.")
PLANNED = Claim(id="planned", text="Maharashtra plans to declare drought in 40 talukas.")


@pytest.mark.parametrize(
    "title",
    [
        "Maharashtra plans to declare drought in 40 talukas",
        "Maharashtra proposes to declare drought in 40 talukas after crop survey",
        "महाराष्ट्र में 40 तालुकों को सूखाग्रस्त घोषित करने का प्रस्ताव",
    ],
)
def test_a_plan_does_not_corroborate_a_done_fact(title: str) -> None:
    text = "A final decision is due after field surveys, officials said."
    result = verdict(DECLARED, title, text)
    assert result.stance is Stance.DISCUSSES, result.reasons


def test_a_plan_corroborates_a_claim_that_is_itself_a_plan() -> None:
    title = "Maharashtra plans to declare drought in 40 talukas"
    result = verdict(PLANNED, title, "The relief department confirmed the list on Monday.")
    assert result.stance is Stance.CORROBORATES, result.reasons


IPO = Claim(
    id="ipo",
    text="Zoomo's IPO raised about ₹6,145 crore.",
    entities=(("Zoomo", "ज़ूमो"),),
    quantity=Quantity(61_450_000_000, "INR"),
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Zoomo's IPO raised only ₹4,000 crore, filings show", Stance.CONTRADICTS),
        # Rupees count anything: a loss or a funding round in rupees is no IPO's size.
        ("Zoomo posts ₹347 crore loss in its first results as a listed firm", None),
        ("ज़ूमो को पहली तिमाही में 347 करोड़ रुपये का घाटा", None),
    ],
)
def test_a_hinted_currency_figure_must_measure_the_claim(
    title: str, expected: Stance | None
) -> None:
    item = Story("https://example.org/feed", "key", title, title)
    verdicts = Matcher([IPO]).match(item)
    expect(verdicts[0] if verdicts else None, expected)


ONSET = Claim(id="onset", text="The southwest monsoon will set in over Kerala by 4 June 2023.")


@pytest.mark.parametrize(
    "title",
    [
        "Southwest monsoon sets in over Kerala; a week late",
        "मान्सून अखेर केरळात दाखल; आठवडाभर उशीर",
        "केरल में मानसून ने दी दस्तक, एक हफ्ते की देरी से",
    ],
)
def test_after_the_deadline_a_headline_saying_it_came_late_contradicts(title: str) -> None:
    text = "Rain lashed Thiruvananthapuram and Kochi on Thursday."
    late = datetime(2023, 6, 8, 10, tzinfo=UTC)
    result = verdict(ONSET, title, text, published=late)
    assert result.stance is Stance.CONTRADICTS, result.reasons
    # Before the deadline the same words do not decide it yet.
    early = datetime(2023, 6, 2, 10, tzinfo=UTC)
    assert verdict(ONSET, title, text, published=early).stance is not Stance.CONTRADICTS


WARNED = Claim(id="warned", text="Zoomo ignored the safety warnings the regulator sent in July.")
STAKE = Claim(id="stake", text="Zoomo Air will own about 25.1% of the merged airline.")


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        # The headline asks and its own answer refutes what it asks.
        (
            WARNED,
            "Did Zoomo ignore the regulator's July safety warnings? The claim is false",
            Stance.CONTRADICTS,
        ),
        (WARNED, "झूमोने नियामकाच्या सुरक्षा इशाऱ्यांकडे दुर्लक्ष केले? दावा चुकीचा", Stance.CONTRADICTS),
        # It refutes a rival figure, not the claim's.
        (STAKE, "Zoomo Air to own 49% of the merged airline? Viral claim is false", None),
    ],
)
def test_a_question_headline_answered_by_a_refutation(
    claim: Claim, title: str, expected: Stance | None
) -> None:
    result = verdict(claim, title, "The company published the documents on Monday.")
    expect(result, expected)


BOREWELLS = Claim(id="borewells", text="About 6,900 of Zoomo City's 14,000 borewells had dried up.")
SEATS = Claim(id="seats", text="The Zoomo Party won 240 seats on its own.")


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        # The claim's figure is a part: a part in the story is its rival or its match.
        (BOREWELLS, "Zoomo City: 12,000 of its 14,000 borewells have dried up", Stance.CONTRADICTS),
        (BOREWELLS, "झूमो सिटी: 14 हज़ार में से क़रीब सात हज़ार बोरवेल सूखे", Stance.CORROBORATES),
        # Exit polls forecast; a question about something else asks nothing of the claim.
        (SEATS, "Exit polls: Zoomo Party headed for 250 seats on its own", Stance.DISCUSSES),
        (
            SEATS,
            "Zoomo Party wins 240 seats on its own: where did it lose 63?",
            Stance.CORROBORATES,
        ),
    ],
)
def test_parts_exit_polls_and_questions_about_something_else(
    claim: Claim, title: str, expected: Stance
) -> None:
    result = verdict(claim, title, "The results were declared on Tuesday.")
    assert result.stance is expected, result.reasons


TOLL = Claim(id="toll", text="The official death toll of the Zoomo bridge collapse is 231.")


@pytest.mark.parametrize(
    "title",
    [
        "Zoomo bridge collapse: 231 dead, 42 bodies not yet identified",
        "झूमो पूल दुर्घटनेतील २३१ मृतांपैकी ४२ जणांची ओळख अद्याप पटलेली नाही",
    ],
)
def test_without_a_deadline_a_delay_does_not_outweigh_the_claims_figure(title: str) -> None:
    result = verdict(TOLL, title, "The district administration released the list on Friday.")
    assert result.stance is Stance.CORROBORATES, result.reasons


LAST_FLIGHT = Claim(id="last", text="Zoomo Air flew its last flight on 11 November 2024.")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Zoomo Air flew its last flight in September 2024", Stance.CONTRADICTS),
        ("झूमो एअरने सप्टेंबर २०२४ मध्ये शेवटचे उड्डाण केले", Stance.CONTRADICTS),
        ("Zoomo Air flew its last flight on Monday, November 11", Stance.CORROBORATES),
        ("झूमो एअरने ११ नोव्हेंबरला शेवटचे उड्डाण केले", Stance.CORROBORATES),
        # A bound or a reference point is not the event's date.
        ("Zoomo Air to keep flying until October 2024, last flight after that", None),
    ],
)
def test_another_month_for_the_claims_dated_event_contradicts(
    title: str, expected: Stance | None
) -> None:
    result = verdict(LAST_FLIGHT, title, "Passengers were moved to other airlines.")
    expect(result, expected)


REPAINT = Claim(id="repaint", text="Zoomo will repaint all its cars by 31 March 2025.")


@pytest.mark.parametrize(
    "title",
    [
        "Zoomo missed the deadline to repaint its cars",
        "झूमोची गाड्या रंगवण्याची मुदत उलटली; अनेक गाड्या जुन्याच रंगात",
        "ज़ूमो की गाड़ियां रंगने की समयसीमा बीत गई, काम अधूरा",
    ],
)
def test_a_deadline_passed_contradicts_a_time_bound_claim(title: str) -> None:
    late = datetime(2025, 4, 10, 9, tzinfo=UTC)
    text = "Many Zoomo cars still carry the old colours, the company said."
    result = verdict(REPAINT, title, text, published=late)
    assert result.stance is Stance.CONTRADICTS, result.reasons


LAYOFFS = Claim(id="layoffs", text="Ola Electric cut about 500 jobs in a restructuring in 2024.")


@pytest.mark.parametrize(
    "title",
    [
        "Ola Electric cuts 1,000 employees in restructuring",
        "Ola Electric restructuring: 1,000 staff cut, not 500",
    ],
)
def test_jobs_employees_and_staff_count_one_thing(title: str) -> None:
    assert verdict(LAYOFFS, title, title).stance is Stance.CONTRADICTS


COMPLAINTS = Claim(id="complaints", text="Zoomo left customer complaints about refunds unresolved.")


@pytest.mark.parametrize(
    "title",
    [
        "Zoomo does not deny leaving customer complaints about refunds unresolved",
        "रिफंड की शिकायतें अनसुलझी छोड़ने के आरोप से ज़ूमो ने इनकार नहीं किया",
        "रिफंडबाबतच्या ग्राहकांच्या तक्रारी प्रलंबित ठेवल्याचा आरोप झूमोने फेटाळला नाही",
    ],
)
def test_a_denial_not_made_does_not_assert_the_claim(title: str) -> None:
    text = "The company said it would reply to the regulator within the time allowed."
    result = verdict(COMPLAINTS, title, text)
    assert result.stance is Stance.DISCUSSES, result.reasons


COST = Claim(id="cost", text="The Chandrayaan-3 mission cost about 615 crore rupees.")


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # The story answers its headline's question plainly: the answer decides.
        (
            "How much did Chandrayaan-3 cost?",
            "The Chandrayaan-3 mission cost about 615 crore rupees in all.",
            Stance.CORROBORATES,
        ),
        (
            "चांद्रयान-३ मोहिमेला किती खर्च आला?",
            "चांद्रयान-३ मोहिमेचा एकूण खर्च सुमारे ६१५ कोटी रुपये आहे.",
            Stance.CORROBORATES,
        ),
        (
            "चंद्रयान-3 मिशन पर कितना खर्च हुआ?",
            "चंद्रयान-3 मिशन पर कुल खर्च करीब 900 करोड़ रुपये रहा।",
            Stance.CONTRADICTS,
        ),
        # An answer that hedges, weighs two sides or is itself asked answers nothing.
        (
            "How much did Chandrayaan-3 cost?",
            "The Chandrayaan-3 mission may have cost about 615 crore rupees.",
            Stance.DISCUSSES,
        ),
        (
            "How much did Chandrayaan-3 cost?",
            "The Chandrayaan-3 mission cost about 615 crore rupees, but the launch was extra.",
            Stance.DISCUSSES,
        ),
    ],
)
def test_a_question_headline_is_decided_by_a_plain_answer(
    title: str, text: str, expected: Stance
) -> None:
    result = verdict(COST, title, text)
    assert result.stance is expected, result.reasons


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # A figure in a clause that says what the claim measures contradicts it...
        (
            "Chandrayaan-3 mission cost put at 900 crore rupees",
            "The Chandrayaan-3 mission cost 900 crore rupees, an audit says.",
            Stance.CONTRADICTS,
        ),
        # ... a figure of the same unit for something else says nothing of it.
        (
            "Space department gets 13,042 crore rupees after Chandrayaan-3",
            "After Chandrayaan-3 the government gave the space department 13,042 crore rupees.",
            None,
        ),
        (
            "चंद्रयान-3 के बाद अंतरिक्ष विभाग को 13,042 करोड़ रुपये",
            "चंद्रयान-3 की सफलता के बाद सरकार ने अंतरिक्ष विभाग को 13,042 करोड़ रुपये दिए।",
            None,
        ),
    ],
)
def test_a_rival_figure_must_measure_what_the_claim_measures(
    title: str, text: str, expected: Stance | None
) -> None:
    """`expected` None: anything but a contradiction."""
    # In a stream about Chandrayaan-3 (its name is the subject, not what the claim says).
    others = [
        ("Chandrayaan-3 lander touches down", "Chandrayaan-3 landed near the south pole."),
        ("Chandrayaan-3 rover moves 100 metres", "The Chandrayaan-3 rover travelled 100 metres."),
        ("चंद्रयान-3 का रोवर सो गया", "चंद्रयान-3 का रोवर स्लीप मोड में चला गया।"),
        ("चंद्रयान-3 की टीम का सम्मान", "चंद्रयान-3 की टीम को पुरस्कार मिला।"),
    ]
    stories = [Story("https://example.org/feed", f"s{i}", t, x) for i, (t, x) in enumerate(others)]
    stories.append(Story("https://example.org/feed", "figure", title, text))
    matcher, _, _ = batch_matcher([COST], stories, encoder=None)
    verdicts = matcher.match(stories[-1])
    expect(verdicts[0] if verdicts else None, expected)


# --- the stance model for headline-only stories (engine 2.1) -------------------------

TRIPLE = Claim(id="triple", text="A Florida woman had surgery to get a third breast")


def test_stance_model_names_the_cue_that_decided() -> None:
    result = verdict(TRIPLE, "Florida woman's third breast surgery was a hoax")
    assert result.stance is Stance.CONTRADICTS
    decided = [r for r in result.reasons if r.startswith("stance model -> contradicts")]
    assert decided and 'debunk cue "hoax"' in decided[0], result.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Did a Florida woman really get a third breast?",
        "Florida woman reportedly had surgery to get a third breast",
        "Report: Florida woman may have had surgery for a third breast",
    ],
)
def test_stance_model_hedges_and_questions_discuss(title: str) -> None:
    result = verdict(TRIPLE, title)
    assert result.stance is Stance.DISCUSSES
    assert any(r.startswith("stance model -> discusses") for r in result.reasons)


def test_stance_model_plain_headline_corroborates() -> None:
    result = verdict(TRIPLE, "Florida woman has surgery to get a third breast")
    assert result.stance is Stance.CORROBORATES


def test_stance_model_reads_hindi_and_marathi_debunk_cues() -> None:
    claim = Claim(id="r2", text="DeepSeek launched its R2 model", entities=(("DeepSeek",), ("R2",)))
    assert verdict(claim, "डीपसीक के आर 2 मॉडल लॉन्च की खबर फर्जी").stance is Stance.CONTRADICTS
    assert verdict(claim, "दीपसीकने आर 2 मॉडेल लाँच केल्याची बातमी खोटी").stance is (Stance.CONTRADICTS)


def test_hard_rules_take_precedence_over_the_stance_model() -> None:
    # A figure outside tolerance decides, whatever cue words the headline has.
    result = verdict(PLAIN_CHIPS, "DeepSeek reportedly owns 12,000 Nvidia chips")
    assert result.stance is Stance.CONTRADICTS
    assert not any(r.startswith("stance model") for r in result.reasons)


ALLEGED_CLUSTER = Claim(
    id="cluster",
    text="Alexandr Wang alleged that DeepSeek runs a secret training cluster in Inner Mongolia",
    attributed_to=("Alexandr Wang",),
)
BORN = Claim(id="born", text="Liang Wenfeng was born in 1985 in Guangdong")
WILL_RELEASE = Claim(id="r2", text="DeepSeek will release its R2 model")


@pytest.mark.parametrize(
    ("claim", "title", "expected", "rule_reason"),
    [
        # The claim's own source repeating it, with no hedge the model would read.
        (
            ALLEGED_CLUSTER,
            "Alexandr Wang says DeepSeek runs a secret training cluster in Inner Mongolia",
            Stance.DISCUSSES,
            "from its own source",
        ),
        # A delay without a deadline, in a headline with a hedge for the model.
        (
            WILL_RELEASE,
            "DeepSeek has reportedly postponed the release of its R2 model?",
            Stance.DISCUSSES,
            "delay cue",
        ),
        # A claimed year, in a headline the model would call a contradiction.
        (BORN, "Liang Wenfeng, born in 1985 in Guangdong, is no hoax", Stance.CORROBORATES, "1985"),
        # A figure against the claim's, in a headline with a hedge.
        (PLAIN_CHIPS, "DeepSeek reportedly owns 12,000 Nvidia chips", Stance.CONTRADICTS, "12,000"),
    ],
)
def test_each_hard_rule_takes_precedence_over_the_stance_model(
    claim: Claim, title: str, expected: Stance, rule_reason: str
) -> None:
    result = verdict(claim, title)
    assert result.stance is expected, result.reasons
    assert any(rule_reason in reason for reason in result.reasons)
    assert not any(reason.startswith("stance model") for reason in result.reasons)


def test_without_a_hard_rule_the_same_headline_goes_to_the_stance_model() -> None:
    # The control for the test above: the model does read a plain claim's headline.
    result = verdict(WILL_RELEASE, "DeepSeek denies it will release its R2 model")
    assert any(reason.startswith("stance model -> contradicts") for reason in result.reasons)


def test_articles_are_not_read_by_the_stance_model() -> None:
    result = verdict(TRIPLE, "", "A Florida woman had surgery to get a third breast, she says.")
    assert not any(r.startswith("stance model") for r in result.reasons)


# --- robustness: the engine never raises on odd input ---------------------------------

ODD_CLAIMS = [
    CHIPS,
    PLAIN_CHIPS,
    R2,
    SILENT,
    Claim(id="huge", text="DeepSeek holds " + "9" * 400 + " Nvidia chips"),
    Claim(id="emoji", text="🚀 DeepSeek 🚀 R2 🚀"),
    Claim(id="marks", text="?!"),
    Claim(id="stopwords", text="It is what it is, and it was."),
]
NASTY = [
    "",
    " ",
    "<p></p>",
    "\u200b\u200d\ufeff",
    "😀" * 300,
    "DeepSeek 😀 holds 50,000 chips 🚀",
    "DeepSeek holds 1e9 Nvidia chips",
    "DeepSeek holds 50,000,000,000,000 Nvidia chips",
    "DeepSeek holds " + "9" * 400 + " Nvidia chips",
    "DeepSeek holds १२३४५६७८९०" * 40,
    "DeepSeek दीपसीक Deep سيك 深度求索 holds 50k चिप्स",
    "।।।। ... ???",
    "May may MAY. DeepSeek may, in May, not deny never denying.",
    "R2 आर 2 आर२ ए१०० A१00 ए 100",
    "DeepSeek holds 8,72,000 chips, 2 lakh crore trillion हजार अब्ज",
    "\x00\x01 DeepSeek\r\nholds\r\n50,000 chips",
    "DeepSeek " * 5000,
    "DeepSeek holds 50,000 chips. " * 600,
]


@pytest.mark.parametrize("text", NASTY)
def test_odd_stories_never_raise(text: str) -> None:
    matcher = Matcher(ODD_CLAIMS)
    late = datetime(2025, 6, 12, tzinfo=UTC)
    for title, body in ((text, ""), ("", text), (text, text)):
        item = Story("https://example.org/feed", "key", title, body, published=late)
        for result in matcher.match(item, now=late):
            assert result.stance in set(Stance)
            assert 0.0 <= result.score <= 1.0
            assert result.reasons and all(isinstance(r, str) and r for r in result.reasons)
        for claim in ODD_CLAIMS:
            assert matcher.judge(claim.id, item).claim_id == claim.id


_PIECES = st.sampled_from(
    [
        "DeepSeek", "दीपसीक", "डीपसीक", "Nvidia", "एनव्हीडिया", "R2", "आर 2", "chips", "चिप्स",
        "50,000", "५०,०००", "50k", "1e9", "10,000", "50 हजार", "not", "नहीं", "नाही", "denies",
        "नाकारले", "खंडन", "reportedly", "may", "May", "2025", "?", ".", "।", ",", ":", "<b>",
        "&amp;", "😀", "\u200d", "\n", "  ",
    ]
)  # fmt: skip
_MATCHER = Matcher([CHIPS, PLAIN_CHIPS, R2, SILENT])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=30),
    st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60),
)
def test_any_mix_of_scripts_numbers_and_cues_gives_a_verdict_or_none(
    title: list[str], body: list[str]
) -> None:
    item = Story("https://example.org/feed", "key", " ".join(title), " ".join(body))
    for result in _MATCHER.match(item):
        assert result.stance in set(Stance)
        assert 0.0 <= result.score <= 1.0
    assert _MATCHER.judge("chips", item).reasons


# --- cue words that misfired on live-news sentences -----------------------------------


@pytest.mark.parametrize(
    ("title", "delayed"),
    [
        ("DeepSeek R2 finally released, no longer delayed", False),
        ("DeepSeek's R2 model has not been delayed", False),
        # The negation is the refuting cue's: the delay stands.
        ("DeepSeek did not deny it delayed its R2 model", True),
        ("DeepSeek has not yet released its R2 model", True),
        ("दीपसीकचे आर 2 मॉडेल अद्याप प्रसिद्ध झालेले नाही", True),
    ],
)
def test_a_negated_delay_is_not_a_delay(title: str, delayed: bool) -> None:
    late = datetime(2025, 6, 12, tzinfo=UTC)
    result = verdict(R2, title, published=late)
    assert (result.stance is Stance.CONTRADICTS) is delayed, result.reasons
    assert any("after the claimed deadline" in reason for reason in result.reasons) is delayed


@pytest.mark.parametrize(
    "title",
    [
        "There is little doubt DeepSeek holds 50,000 Nvidia chips",
        "Without a doubt DeepSeek holds about 50,000 Nvidia chips",
    ],
)
def test_a_confirming_phrase_holding_doubt_is_not_a_refutation(title: str) -> None:
    result = verdict(PLAIN_CHIPS, title)
    assert result.stance is Stance.CORROBORATES, result.reasons
    assert not any("refuting cue" in reason for reason in result.reasons)
    assert verdict(PLAIN_CHIPS, "Doubts grow that DeepSeek holds 50,000 Nvidia chips").stance is (
        Stance.CONTRADICTS
    )


def test_lies_in_is_not_a_debunk_word() -> None:
    claim = Claim(id="moe", text="DeepSeek relies on mixture-of-experts to cut costs")
    result = verdict(claim, "DeepSeek's edge lies in mixture-of-experts that cut costs")
    assert not any("debunk" in reason for reason in result.reasons)
    lied = verdict(claim, "DeepSeek lied about using mixture-of-experts to cut costs")
    assert any('debunk cue "lied"' in reason for reason in lied.reasons)


@pytest.mark.parametrize(
    "title",
    [
        "DeepSeek denies R2 delay",
        "DeepSeek denies reports that its R2 model has been delayed",
        "DeepSeek rejects claims the R2 launch was postponed",
        # Marathi: "DeepSeek rejected the report of R2's delay" (the verb ends the clause).
        "डीपसीकने आर2 विलंबाचे वृत्त फेटाळले",
        # Hindi: "DeepSeek denied the news of a delay in R2".
        "डीपसीक ने आर2 में देरी की खबरों का खंडन किया",
    ],
)
def test_a_denied_delay_does_not_refute_a_claim_of_timely_release(title: str) -> None:
    late = datetime(2025, 6, 12, tzinfo=UTC)
    result = verdict(R2_SCRIPTS, title, published=late)
    assert result.stance is Stance.DISCUSSES, result.reasons
    assert any("denies the delay" in reason for reason in result.reasons)


def test_a_denied_delay_refutes_a_claim_of_a_delay() -> None:
    delayed = Claim(
        id="delayed",
        text="DeepSeek delayed the release of its R2 model.",
        entities=(("DeepSeek",), ("R2",)),
    )
    result = verdict(delayed, "DeepSeek denies R2 delay")
    assert result.stance is Stance.CONTRADICTS, result.reasons


def test_a_denial_far_from_the_delay_still_refutes() -> None:
    # The denial is of the release itself; the delay word is a separate clause.
    late = datetime(2025, 6, 12, tzinfo=UTC)
    title = "DeepSeek denies that it released R2 in early May this year; the model was delayed"
    result = verdict(R2, title, published=late)
    assert result.stance is Stance.CONTRADICTS, result.reasons


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("DeepSeek released its R2 model on May 10", Stance.CORROBORATES),
        ("DeepSeek released its R2 model on 2 June", Stance.CONTRADICTS),
        # Marathi: "DeepSeek published R2 on 10 May".
        ("डीपसीकने १० मे रोजी आर2 प्रसिद्ध केले", Stance.CORROBORATES),
        # Hindi: "DeepSeek released R2 on 5 June".
        ("डीपसीक ने 5 जून को आर2 जारी किया", Stance.CONTRADICTS),
        # No date: a June story cannot tell whether a release happened by May 31.
        ("DeepSeek released its R2 model", Stance.DISCUSSES),
    ],
)
def test_a_date_in_a_late_story_decides_whether_it_happened_in_time(
    title: str, expected: Stance
) -> None:
    late = datetime(2025, 6, 12, tzinfo=UTC)
    result = verdict(R2_SCRIPTS, title, published=late)
    assert result.stance is expected, result.reasons
    assert any("deadline" in reason for reason in result.reasons)


def test_a_sentence_that_says_the_claim_in_other_words_and_that_it_has_not_happened_discusses() -> (
    None
):
    """The delay governs none of the claim's own words (a paraphrase, close in meaning):
    it is still the claim's delay. Without a deadline that discusses; it never confirms
    ("has yet to release" holds the confirming cue "release")."""
    claim = Claim(id="r2", text="DeepSeek hopes R2 will write better code in many languages.")
    profile = profile_claim(claim, load_lexicon())
    text = "DeepSeek has yet to release its R2 model, weeks after the date it had pointed to."
    # What the claim says beyond its names, as the matcher hands it over.
    marks = marks_of_words(("write", "better", "code", "languages"))
    close = Sentences(
        (text,), sentence_coverages=(0.0,), sentence_levels=(2.6,), distinctive_marks=marks
    )
    result = judge(profile, close, headline=text)
    assert result.stance is Stance.DISCUSSES
    assert 'delay cue "has yet to"' in result.reasons[-1]
    # Without the delay the same sentence, as close in meaning, states it.
    released = "DeepSeek releases its R2 model, weeks after the date it had pointed to."
    stated = Sentences(
        (released,), sentence_coverages=(0.0,), sentence_levels=(2.6,), distinctive_marks=marks
    )
    assert judge(profile, stated, headline=released).stance is Stance.CORROBORATES


@pytest.mark.parametrize(
    ("text", "stance", "reason"),
    [
        (
            "The state declared severe drought in 24 talukas and moderate drought in 16 talukas.",
            Stance.CORROBORATES,
            "number 24 + 16 agrees with the claimed 40",
        ),
        (
            "राज्य सरकारने २४ तालुक्यांत गंभीर तर १६ तालुक्यांत मध्यम दुष्काळ जाहीर केला.",
            Stance.CORROBORATES,
            "number २४ + १६ agrees with the claimed 40",
        ),
        (
            "Maharashtra declared drought in 24 talukas; 5 more talukas were surveyed.",
            Stance.CONTRADICTS,
            "number 24 differs from the claimed 40",
        ),
    ],
)
def test_a_claimed_figure_may_be_the_sum_of_its_parts(
    text: str, stance: Stance, reason: str
) -> None:
    """ "24 talukas severe, 16 moderate" states a claim of 40 talukas; parts that do not
    add up to it still contradict it through the first of them."""
    claim = Claim(id="drought", text="Maharashtra declared drought in 40 talukas in 2023.")
    story = Story(feed_url="x", entry_key="k", title=text, text="")
    verdict = Matcher([claim]).judge("drought", story)
    assert verdict.stance is stance, verdict.reasons
    assert any(reason in r for r in verdict.reasons), verdict.reasons


def test_ten_teams_are_not_summed_with_fifty_two_players() -> None:
    """A figure's words end where the next figure begins: in "10 teams bought 52
    players" only 52 counts players, so 10 + 52 is no sum of parts for a claim of 72."""
    claim = Claim(id="sold", text="72 players were sold at the Kolhapur league auction.")
    for title in (
        "At the Kolhapur league auction 10 teams bought only 52 players",
        "कोल्हापूर लीग लिलावात दहा संघांनी केवळ ५२ खेळाडू खरेदी केले",
    ):
        story = Story(feed_url="x", entry_key="k", title=title, text="")
        verdict = Matcher([claim]).judge("sold", story)
        assert verdict.stance is Stance.CONTRADICTS, verdict.reasons
        assert any("differs from the claimed 72" in r for r in verdict.reasons), verdict.reasons


def test_after_a_month_deadline_a_late_story_contradicts() -> None:
    claim = Claim(id="flyover", text="The Panvel flyover will open to traffic by June 2025.")
    late = datetime(2025, 8, 20, tzinfo=UTC)
    result = verdict(
        claim, "Panvel flyover still shut to traffic as June deadline passes", published=late
    )
    assert result.stance is Stance.CONTRADICTS, result.reasons


AUCTION = Claim(
    id="auction", text="The Kolhapur league auction was held in Pune on 19 December 2023."
)


@pytest.mark.parametrize(
    ("title", "published", "expected"),
    [
        # Before the day: what is to come, in any tense, only discusses.
        (
            "Kolhapur league auction to be held in Pune on December 19",
            (2023, 11, 27),
            Stance.DISCUSSES,
        ),
        ("कोल्हापूर लीग का ऑक्शन 19 दिसंबर को पुणे में होगा", (2023, 11, 27), Stance.DISCUSSES),
        ("कोल्हापूर लीगचा लिलाव १९ डिसेंबरला पुण्यात होणार", (2023, 11, 27), Stance.DISCUSSES),
        (
            "Kolhapur league auction to be held in Pune on December 21",
            (2023, 11, 27),
            Stance.DISCUSSES,
        ),
        # On or after the day, the same words state it.
        (
            "Kolhapur league auction held in Pune on December 19",
            (2023, 12, 19),
            Stance.CORROBORATES,
        ),
    ],
)
def test_a_story_before_the_claimed_day_discusses_it(
    title: str, published: tuple[int, int, int], expected: Stance
) -> None:
    result = verdict(AUCTION, title, published=datetime(*published, 12, tzinfo=UTC))
    assert result.stance is expected, result.reasons
    if expected is Stance.DISCUSSES:
        assert "before the claimed 19 December 2023" in result.reasons[-1]


def test_a_date_given_as_a_value_is_not_the_day_of_the_event() -> None:
    """ "extended the deadline to 15 March 2024" was decided before 15 March: a story of
    February stating it corroborates."""
    claim = Claim(
        id="extended",
        text="The regulator extended the bank's deadline for deposits to 15 March 2024.",
    )
    result = verdict(
        claim,
        "Regulator extends the bank's deadline for deposits to 15 March 2024",
        published=datetime(2024, 2, 16, 12, tzinfo=UTC),
    )
    assert result.stance is Stance.CORROBORATES, result.reasons


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (
            "PM opens the Panvel flyover",
            "The Prime Minister on Friday opened the Panvel flyover to traffic.",
            Stance.CORROBORATES,
        ),
        (
            "PM opens the Panvel flyover",
            "The Prime Minister on Tuesday opened the Panvel flyover to traffic.",
            Stance.DISCUSSES,
        ),
        (
            "पंतप्रधानांच्या हस्ते पनवेल उड्डाणपुलाचे लोकार्पण",
            "पंतप्रधानांनी शुक्रवारी पनवेल उड्डाणपूल वाहतुकीसाठी खुला केला.",
            Stance.CORROBORATES,
        ),
    ],
)
def test_a_day_of_the_week_gives_the_claimed_date_from_the_story_date(
    title: str, text: str, expected: Stance
) -> None:
    """In a story of Saturday 13 January 2024, "on Friday" is the 12th: it gives the
    date a claim of an opening on 12 January 2024 needs; "on Tuesday" does not."""
    claim = Claim(
        id="opened",
        text="The Prime Minister opened the Panvel flyover on 12 January 2024.",
        entities=(("Panvel flyover", "पनवेल उड्डाणपूल", "पनवेल उड्डाणपुलाचे"),),
    )
    result = verdict(claim, title, text, published=datetime(2024, 1, 13, 9, tzinfo=UTC))
    assert result.stance is expected, result.reasons


FLYOVER = Claim(id="flyover", text="The Panvel flyover will open to traffic by June 2025.")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Before the deadline, the promise repeated only discusses it ...
        (
            "Panvel flyover will open to traffic by June 2025, says the corporation",
            Stance.DISCUSSES,
        ),
        ("पनवेल फ्लाईओवर जून 2025 तक यातायात के लिए खुलेगा", Stance.DISCUSSES),
        ("पनवेल उड्डाणपूल जून २०२५ पर्यंत वाहतुकीसाठी खुला होणार", Stance.DISCUSSES),
        # ... a report that it has happened corroborates ...
        ("Panvel flyover opens to traffic ahead of its June 2025 deadline", Stance.CORROBORATES),
        # ... and a time after the deadline for it contradicts.
        (
            "Panvel flyover cannot open to traffic before March 2026, corporation admits",
            Stance.CONTRADICTS,
        ),
        ("Panvel flyover opening to traffic now due in 2026", Stance.CONTRADICTS),
        # A reference point is no time of the opening.
        ("Panvel flyover traffic the highest since 2026 began", None),
    ],
)
def test_a_time_bound_claim_before_its_deadline(title: str, expected: Stance | None) -> None:
    result = verdict(FLYOVER, title, published=datetime(2025, 5, 6, 9, tzinfo=UTC))
    expect(result, expected)


CRASH = Claim(
    id="cause",
    text="The Kasara derailment happened because a signalling error sent the express into a siding.",
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # The claim says something went wrong: "wrong"/"गलत"/"चुकीच्या" say it too.
        ("Inquiry: wrong signalling sent the express into the Kasara siding", None),
        ("जांच: कसारा में गलत सिग्नल से एक्सप्रेस साइडिंग में गई", None),
        ("चुकीच्या सिग्नलमुळे एक्सप्रेस कसारा साइडिंगमध्ये गेली: चौकशी अहवाल", None),
        # A denial of the error still refutes it.
        (
            "Railways deny a signalling error sent the express into the Kasara siding",
            Stance.CONTRADICTS,
        ),
    ],
)
def test_a_fault_word_agrees_with_a_claim_of_a_fault(title: str, expected: Stance | None) -> None:
    result = verdict(CRASH, title)
    expect(result, expected)
    if expected is None:
        assert not any("refuting cue" in r and "governs" in r for r in result.reasons)


PLEDGE = Claim(
    id="pledge",
    text="The Kasara trust will pay for the schooling of children orphaned by the derailment.",
)


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        (PLEDGE, "Kasara trust drops pledge to pay for orphans' schooling", Stance.CONTRADICTS),
        (PLEDGE, "कसारा ट्रस्ट ने अनाथ बच्चों की पढ़ाई का वादा रद्द किया", Stance.CONTRADICTS),
        (PLEDGE, "कसारा ट्रस्टने अनाथ मुलांच्या शिक्षणाचे आश्वासन रद्द केले", Stance.CONTRADICTS),
        # A delay is not a cancellation: without a deadline it only discusses.
        (PLEDGE, "Kasara trust's schooling pay-out for orphans delayed", Stance.DISCUSSES),
        # Something else called off says nothing of a claim that tells of no plan.
        (
            CRASH,
            "Expresses cancelled after the Kasara derailment; signalling error suspected",
            None,
        ),
    ],
)
def test_a_promise_called_off_is_refuted(claim: Claim, title: str, expected: Stance | None) -> None:
    # Judged with the relevance bar off: the lexical path alone (no stream, no encoder)
    # does not relate the Hindi and Marathi wordings to the English claim.
    story = Story(feed_url="x", entry_key="k", title=title, text="")
    expect(Matcher([claim]).judge(claim.id, story), expected)


def test_a_marathi_formal_report_is_no_hedge() -> None:
    """ "अहवाल" is an inquiry's or an institute's report (a source), not a news report:
    a story giving its finding asserts it."""
    claim = Claim(id="cracks", text="Cracks appeared on the Kasara bridge because of poor welding.")
    result = verdict(
        claim,
        "कसारा पुलाला तडे निकृष्ट वेल्डिंगमुळेच; आयआयटीचा अहवाल",
        "कसारा पुलाला गेलेले तडे निकृष्ट वेल्डिंगमुळे पडल्याचे आयआयटीच्या तपासणी अहवालात म्हटले आहे.",
    )
    assert not any("अहवाल" in r and "hedg" in r for r in result.reasons), result.reasons


def test_cancel_cues_are_delays_too_and_a_config_adds_them() -> None:
    """One list per word: a `cancel` cue (shipped, or from the config's `lexicons`) is
    also found as a delay by every delay rule; a plain delay is no cancellation."""
    lexicon = load_lexicon({"en": {"cancel": ["mothballed"]}})
    for text in ("plan scrapped", "plan mothballed", "योजना रद्द"):
        words = Sentence.read(text).words
        assert lexicon.find("cancel", words) and lexicon.find("delay", words), text
    postponed = Sentence.read("plan postponed").words
    assert lexicon.find("delay", postponed) and not lexicon.find("cancel", postponed)


def judged(claim: Claim, title: str, text: str = "", published: datetime | None = None) -> Verdict:
    """The stance with the relevance bar off (the lexical path, no stream, no encoder)."""
    story = Story("https://example.org/feed", "key", title, text, published=published)
    return Matcher([claim]).judge(claim.id, story, now=published)


SPEND = Claim(
    id="spend",
    text="The state spent more than ₹1,200 crore on the Nashik summit, about four times "
    "the ₹300 crore budgeted for it.",
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # The budget the claim itself names is no rival of what was spent.
        (
            "Nashik summit cost row",
            "The opposition says the state spent ₹1,200 crore on the Nashik summit "
            "instead of the ₹300 crore budgeted.",
            None,
        ),
        (
            "Nashik summit: the state had budgeted ₹300 crore for the summit",
            "The state spent on the Nashik summit from that budget.",
            None,
        ),
        # "27 सौ करोड़" is 2,700 crore: a rival of 1,200 crore.
        (
            "नासिक शिखर सम्मेलन पर 27 सौ करोड़ रुपये खर्च हुए",
            "",
            Stance.CONTRADICTS,
        ),
    ],
)
def test_a_figure_the_claim_states_is_no_rival(
    title: str, text: str, expected: Stance | None
) -> None:
    expect(judged(SPEND, title, text), expected)


def test_an_impersonal_is_said_hedges_in_hindi() -> None:
    claim = Claim(id="hall", text="The Nashik convention hall was built at a cost of ₹900 crore.")
    result = judged(
        claim,
        "नासिक सम्मेलन हॉल आम लोगों के लिए खुला",
        "बताया जाता है कि नासिक सम्मेलन हॉल को बनाने में करीब 9 सौ करोड़ रुपये की लागत आई थी।",
    )
    expect(result, Stance.DISCUSSES)


VIRTUAL = Claim(
    id="virtual",
    text="Nepal will hold a virtual trade summit before its chairmanship ends on 31 October 2025.",
)


@pytest.mark.parametrize(
    ("title", "published", "expected"),
    [
        # Put off to a month after the deadline: the next such month from the story's day.
        ("Nepal's virtual trade summit pushed to November", datetime(2025, 10, 20, tzinfo=UTC),
         Stance.CONTRADICTS),
        ("Nepal's virtual trade summit put off to early October",
         datetime(2025, 9, 20, tzinfo=UTC), None),
        # A proposal repeated before the deadline only discusses.
        ("Nepal proposes a virtual trade summit before its chairmanship ends",
         datetime(2025, 9, 1, tzinfo=UTC), Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_the_end_of_a_term_is_a_deadline(
    title: str, published: datetime, expected: Stance | None
) -> None:
    assert profile_claim(VIRTUAL, load_lexicon()).window == Window(by=date(2025, 10, 31))
    expect(judged(VIRTUAL, title, published=published), expected)


SURVEY = Claim(
    id="survey",
    text="Home Minister Rao conducted an aerial survey of the flood-hit Konkan villages.",
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A done act called off did not happen: it refutes the claim...
        ("Home Minister Rao's aerial survey of Konkan villages cancelled", Stance.CONTRADICTS),
        ("गृहमंत्री राव यांची कोकणातील गावांची हवाई पाहणी रद्द", Stance.CONTRADICTS),
        # ... a delay leaves it open, unless a denial beside it decides.
        ("Home Minister Rao's aerial survey of Konkan villages postponed", Stance.DISCUSSES),
        (
            "Chief Minister Patil, not Rao, made the aerial survey of Konkan villages; "
            "Rao's visit postponed",
            Stance.CONTRADICTS,
        ),
    ],
)
def test_a_done_act_called_off_is_refuted(title: str, expected: Stance) -> None:
    expect(judged(SURVEY, title), expected)


SKIPPED = Claim(
    id="skipped",
    text="President Orlov skipped the Pune climate summit and sent his deputy Ivanov.",
)


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        # An absence said in one word is a negation: "did not come" agrees with "skipped".
        (SKIPPED, "Orlov did not come to the Pune climate summit; deputy Ivanov attended",
         Stance.CORROBORATES),
        (SKIPPED, "ओर्लोव पुणे जलवायु शिखर सम्मेलन में अनुपस्थित, उपराष्ट्रपति इवानोव पहुंचे",
         Stance.CORROBORATES),
        (SKIPPED, "President Orlov sends deputy Ivanov to the Pune climate summit in his place",
         Stance.CORROBORATES),
        # ... and "skipped" denies a claim that he attended.
        (Claim(id="came", text="President Orlov attended the Pune climate summit."),
         "President Orlov skipped the Pune climate summit", Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_absence_is_a_negation(claim: Claim, title: str, expected: Stance) -> None:
    expect(judged(claim, title), expected)


NO_DEATHS = Claim(id="deaths", text="Cyclone Tara did not cause a single human death in Odisha.")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Odisha's damage report lists two Cyclone Tara deaths", Stance.CONTRADICTS),
        ("चक्रवात तारा: ओडिशा में मौतों की संख्या 3 हुई", Stance.CONTRADICTS),
        # Asked, not told.
        ("No Cyclone Tara deaths in Odisha? Two drownings raise questions", Stance.DISCUSSES),
    ],
)
def test_a_count_refutes_a_claim_of_none(title: str, expected: Stance) -> None:
    assert profile_claim(NO_DEATHS, load_lexicon()).none_of
    expect(judged(NO_DEATHS, title), expected)


def test_a_denied_rival_figure_is_no_denial_of_the_claim() -> None:
    claim = Claim(id="hall", text="The Nashik convention hall was built at a cost of ₹900 crore.")
    result = judged(
        claim,
        "Nashik convention hall cost: the facts",
        "The state's fact check said the ₹2,000-crore figure is misleading: the Nashik "
        "convention hall was built for ₹900 crore.",
    )
    assert result.stance is not Stance.CONTRADICTS, result.reasons


def test_in_doubt_is_uncertain_not_denied() -> None:
    claim = Claim(id="decl", text="The Pune declaration was adopted by consensus on the first day.")
    expect(judged(claim, "Pune declaration by consensus in doubt as talks stall"), None)


def test_a_figure_naming_a_group_is_not_the_claims_quantity() -> None:
    claim = Claim(
        id="fit", text="Doon Hospital declared all 23 rescued miners fit and discharged them."
    )
    assert profile_claim(claim, load_lexicon()).quantity is None
    result = judged(
        claim,
        "Air Force flies the 23 rescued miners to Doon Hospital",
        "A helicopter flew the 23 rescued miners to Doon Hospital on Wednesday morning.",
    )
    assert not any("number" in reason for reason in result.reasons), result.reasons


PIPE = Claim(
    id="pipe", text="The rescue pipe pushed through the debris at Kalsi was about 60 metres long."
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("The 200-foot rescue pipe pushed through the Kalsi debris", Stance.CORROBORATES),
        ("Rescuers pushed a 120-foot rescue pipe through the Kalsi debris", Stance.CONTRADICTS),
    ],
)
def test_a_length_in_feet_measures_a_claim_in_metres(title: str, expected: Stance) -> None:
    expect(judged(PIPE, title), expected)


def test_a_denial_ends_where_another_statement_begins() -> None:
    claim = Claim(
        id="cause", text="The Kalsi tunnel collapsed because it crossed a band of fractured rock."
    )
    result = judged(
        claim,
        "Builder denies any blasting, says fractured rock gave way in the Kalsi tunnel",
        "The builder said no explosives had been used near the collapse point for months.",
    )
    assert result.stance is not Stance.CONTRADICTS, result.reasons


def test_rejecting_the_charge_refutes_a_negative_claim() -> None:
    claim = Claim(
        id="escape", text="The escape tunnel in the Kalsi tunnel's approved design was never built."
    )
    result = judged(claim, "Builder rejects the escape tunnel charge at Kalsi tunnel")
    expect(result, Stance.CONTRADICTS)


def test_a_bodys_own_report_is_no_hedge_but_a_news_report_is() -> None:
    claim = Claim(id="probe", text="The market regulator completed its probe into Kalsi Infra.")
    body = "The regulator's work on Kalsi Infra took eleven months."
    own = judged(
        claim, "Market regulator completes Kalsi Infra probe, files its final report", body
    )
    news = judged(
        claim, "Market regulator completes Kalsi Infra probe, says a Reuters report", body
    )
    assert own.stance is Stance.CORROBORATES, own.reasons
    assert news.stance is Stance.DISCUSSES, news.reasons


def test_a_delay_before_the_deadline_discusses_or_puts_it_past() -> None:
    claim = Claim(
        id="probe",
        text="The market regulator will complete its Kalsi Infra probe by 14 August 2025.",
    )
    before = datetime(2025, 6, 1, tzinfo=UTC)
    extension = judged(
        claim, "Market regulator seeks an extension to complete Kalsi Infra probe", published=before
    )
    expect(extension, Stance.DISCUSSES)


def test_a_dated_event_put_off_to_another_month_is_refuted() -> None:
    dated = Claim(
        id="cut", text="The index provider cut Kalsi Infra's index weight in February 2025."
    )
    # In a stream about Kalsi Infra (its name is the subject, not what the claim says).
    others = [
        ("Kalsi Infra wins metro contract", "Kalsi Infra won a metro contract in Pune."),
        ("Kalsi Infra shares rise 4%", "Kalsi Infra shares rose 4% on Monday."),
        ("Kalsi Infra names new finance chief", "Kalsi Infra appointed a new finance chief."),
        ("कालसी इन्फ्रा को नया ठेका", "कालसी इन्फ्रा को पुणे में ठेका मिला।"),
    ]
    stories = [Story("https://example.org/feed", f"s{i}", t, x) for i, (t, x) in enumerate(others)]
    stories.append(
        Story(
            "https://example.org/feed",
            "deferred",
            "Index provider defers Kalsi Infra index weight cut to its May review",
            "The index provider left Kalsi Infra's index weight unchanged this month.",
            published=datetime(2025, 2, 12, tzinfo=UTC),
        )
    )
    matcher, _, _ = batch_matcher([dated], stories, encoder=None)
    verdicts = matcher.match(stories[-1], now=stories[-1].published)
    expect(verdicts[0] if verdicts else None, Stance.CONTRADICTS)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A request or a wish is not the thing asked for.
        ("Wrestler Kaur seeks a joint silver medal from the sports court", Stance.DISCUSSES),
        ("पहलवान कौर ने खेल अदालत से संयुक्त रजत पदक की मांग की", Stance.DISCUSSES),
        ("कुस्तीपटू कौरची क्रीडा लवादाकडे संयुक्त रौप्य पदकाची मागणी", Stance.DISCUSSES),
        # "demand" the noun is no request.
        (
            "Sports court awards wrestler Kaur a joint silver medal amid demand from fans",
            Stance.CORROBORATES,
        ),
    ],
)
def test_a_request_is_not_the_thing_asked_for(title: str, expected: Stance | None) -> None:
    claim = Claim(id="silver", text="The sports court awarded wrestler Kaur a joint silver medal.")
    body = "The hearing lasted three hours."
    expect(judged(claim, title, body), expected)


@pytest.mark.parametrize(
    ("text", "future"),
    [
        ("Home Minister Rao to visit flood-hit Konkan on Saturday", "to visit"),
        ("IMD: Cyclone Tara to cross Odisha coast near Paradip", "to cross"),
        # The clause has its own verb, or "to" is no infinitive.
        ("Kerala asks Centre to declare the landslides a disaster", None),
        ("74k moved to shelters so far in Gujarat", None),
        ("From city halls to hospitals, China rushes to plug in the model", None),
        ("Two days to summit, sherpas still stuck", None),
    ],
)
def test_headline_future(text: str, future: str | None) -> None:
    assert headline_future(text) == future


def test_a_headline_telling_of_the_act_to_come_discusses_a_done_act() -> None:
    body = "He will also meet families at a relief camp."
    visit = judged(
        SURVEY, "Home Minister Rao to make an aerial survey of flood-hit Konkan villages", body
    )
    expect(visit, Stance.DISCUSSES)
    # What is to come must be the claim's: a launch planned says nothing of a cost.
    cost = Claim(id="cost", text="The Vega mission cost about ₹600 crore.")
    launch = judged(
        cost,
        "Vega mission to launch on July 14, ISRO targets August landing",
        "The mission cost about ₹600 crore.",
    )
    expect(launch, Stance.CORROBORATES)


OFFER = Claim(id="offer", text="Kalsi Infra's share sale was meant to raise ₹8,000 crore.")


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # Money in another currency is compared at a rough rate ($1 = ₹83).
        ("Kalsi Infra's $1 billion share sale opens", "The share sale opened on Friday.",
         Stance.CORROBORATES),
        ("Kalsi Infra's $3 billion share sale opens", "The share sale opened on Friday.",
         Stance.CONTRADICTS),
        ("कालसी इन्फ्रा का 1 अरब डॉलर का शेयर सेल खुला", "शेयर सेल शुक्रवार को खुला।",
         Stance.CORROBORATES),
        # Calling the sale off says nothing of its size.
        ("Kalsi Infra calls off its share sale", "The board cited market volatility.", None),
    ],
)  # fmt: skip
def test_money_in_another_currency(title: str, text: str, expected: Stance | None) -> None:
    expect(judged(OFFER, title, text), expected)


KALSI_TOLL = Claim(id="toll", text="The official death toll of the Kalsi landslides is 180.")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A count of the dead measures a death toll, whatever word it stands by.
        ("Over 300 killed in Kalsi landslides, officials say", Stance.CONTRADICTS),
        ("Kalsi landslides: toll rises to 95", Stance.CONTRADICTS),
        ("कालसी भूस्खलन में मृतकों की संख्या 178 हुई", Stance.CORROBORATES),
        # A count still running is no rival of the final toll.
        ("Kalsi landslides: at least 60 dead, toll expected to climb", None),
        ("Kalsi landslides: 60 bodies recovered so far", None),
        # Other people counted are not the dead.
        ("Kalsi landslides: 900 people moved to relief camps", None),
    ],
)
def test_a_death_toll_is_measured_by_any_count_of_the_dead(
    title: str, expected: Stance | None
) -> None:
    expect(judged(KALSI_TOLL, title, "Rescue teams were still at work on Friday."), expected)


def test_a_confirming_cue_does_not_confirm_a_claim_without_its_figure() -> None:
    claim = Claim(id="cost", text="The Kalsi bridge was built at a cost of about ₹9,000 crore.")
    result = judged(
        claim,
        "Kalsi bridge tolls cross ₹250 crore in first year",
        "The corporation collected about ₹255 crore in tolls on the Kalsi bridge, officials said.",
    )
    assert result.stance is not Stance.CORROBORATES, result.reasons


WEIGHT = Claim(
    id="weight",
    text="Wrestler Kaur was disqualified from the final for being 100 grams overweight.",
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # The headline asks about something else, denies it and tells the claim.
        ("Kaur failed a dope test? No; disqualified for 100 grams overweight", "", Stance.CORROBORATES),
        ("कौर डोप टेस्ट में फेल? नहीं; 100 ग्राम ज़्यादा वज़न के कारण अयोग्य", "", Stance.CORROBORATES),
        # ... or leaves it to the story, whose denials are of the thing asked.
        (
            "Fact check: was Kaur caught doping? No",
            "Posts claiming Kaur failed a dope test are false. Kaur was disqualified from the "
            "final because she weighed 100 grams over the limit.",
            Stance.CORROBORATES,
        ),
        # A question about the claim itself, answered with a denial, still refutes it.
        ("Was Kaur disqualified for being 100 grams overweight? Claim is false", "", Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_a_headline_denying_another_question_leaves_the_claim_to_the_story(
    title: str, text: str, expected: Stance
) -> None:
    expect(judged(WEIGHT, title, text), expected)


def test_a_hedge_in_another_clause_hedges_something_else() -> None:
    claim = Claim(id="dengue", text="Batter Rane missed the opening matches because of dengue.")
    result = judged(
        claim,
        "Hospital stay reportedly over, but batter Rane missed the opening matches with dengue",
        "The team travels to Pune on Friday.",
    )
    expect(result, Stance.CORROBORATES)


def test_not_yet_before_the_deadline_is_no_denial() -> None:
    claim = Claim(id="meet", text="The two ends of the Kalsi tunnel will meet by 31 March 2024.")
    result = judged(
        claim,
        "No breakthrough yet in Kalsi tunnel, builder says; the two ends are 100 metres apart",
        published=datetime(2024, 2, 1, tzinfo=UTC),
    )
    expect(result, Stance.DISCUSSES)


def test_a_figure_asked_for_is_no_rival() -> None:
    claim = Claim(id="plan", text="The Centre approved a ₹1,600 crore plan to rebuild Kalsi.")
    asked = judged(
        claim, "State seeks ₹2,900 crore from the Centre to rebuild Kalsi", "Talks go on."
    )
    assert asked.stance is not Stance.CONTRADICTS, asked.reasons
    # (A hedged rival figure still is one: test_hard_rules_take_precedence_over_the_stance_model.)


def test_stopping_short_of_a_denial_is_none() -> None:
    claim = Claim(
        id="tunnel", text="The Kalsi power tunnel caused the land subsidence in the town."
    )
    result = judged(
        claim,
        "Power firm stops short of ruling out a link between its tunnel and the subsidence",
        "Residents say cracks widened after work resumed.",
    )
    assert result.stance is not Stance.CONTRADICTS, result.reasons


def test_a_devanagari_no_opening_the_answer_is_taken_off() -> None:
    result = judged(
        WEIGHT,
        "कौर डोप टेस्ट में फेल? नहीं, 100 ग्राम ज़्यादा वज़न के कारण फाइनल से अयोग्य",
        "The federation confirmed the weigh-in result.",
    )
    expect(result, Stance.CORROBORATES)


def test_made_up_of_is_no_denial() -> None:
    claim = Claim(id="cause", text="Kalsi's smog turned severe mainly because of stubble burning.")
    result = judged(
        claim,
        "Stubble smoke made up about 35% of Kalsi's smog on Thursday, the largest share",
        "The forecasting system said farm fires were the biggest contributor.",
    )
    assert result.stance is not Stance.CONTRADICTS, result.reasons


def test_an_estimate_claim_is_no_done_fact_a_plan_can_undo() -> None:
    claim = Claim(
        id="cost", text="Kalsi's cloud-seeding trial was estimated to cost about ₹13 crore."
    )
    assert not profile_claim(claim, load_lexicon()).factual
    result = judged(
        claim, "Kalsi to try artificial rain next week; trial to cost ₹13 crore", "Talks go on."
    )
    expect(result, Stance.CORROBORATES)


def test_a_fault_word_answering_a_question_agrees_with_a_claim_of_a_fault() -> None:
    result = judged(
        CRASH,
        "Did a signalling error send the Kasara express into a siding? Inquiry: signals were wrong",
    )
    assert result.stance is not Stance.CONTRADICTS, result.reasons


# --- engine 3.6: pair 10's lessons ---------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "published", "expected"),
    [
        # 4 June 2025 is a Wednesday: released that day, after the 31 May deadline.
        ("DeepSeek released its R2 model on Wednesday", datetime(2025, 6, 4, tzinfo=UTC), "after"),
        # The Friday before a Monday story is 30 May: in time.
        ("DeepSeek released its R2 model on Friday", datetime(2025, 6, 2, tzinfo=UTC), "by"),
        ("दीपसीक ने बुधवार को आर2 मॉडल जारी किया", datetime(2025, 6, 4, tzinfo=UTC), "after"),
    ],
)
def test_after_the_deadline_a_day_of_the_week_dates_the_act(
    title: str, published: datetime, expected: str
) -> None:
    result = verdict(R2_SCRIPTS, title, published=published)
    stance = Stance.CONTRADICTS if expected == "after" else Stance.CORROBORATES
    assert result.stance is stance, result.reasons
    assert f"{expected} the deadline 2025-05-31" in result.reasons[-1]


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("DeepSeek released its R2 model on 28 May, the company said.", Stance.CORROBORATES),
        ("DeepSeek released its R2 model on 2 June, the company said.", Stance.CONTRADICTS),
        # No sentence dates it: the headline's reason stands.
        ("The company's new model tops the benchmarks, reviewers said.", Stance.DISCUSSES),
    ],
)
def test_after_the_deadline_a_lead_dates_what_the_headline_does_not(
    lead: str, expected: Stance
) -> None:
    late = datetime(2025, 6, 3, tzinfo=UTC)
    result = verdict(R2, "DeepSeek's R2 model is out", lead, published=late)
    assert result.stance is expected, result.reasons


def test_a_negation_inside_a_condition_denies_nothing() -> None:
    early = datetime(2025, 4, 3, tzinfo=UTC)
    conditional = verdict(
        R2, "DeepSeek can release R2 by May 31 if no new delay hits training", published=early
    )
    assert conditional.stance is Stance.DISCUSSES, conditional.reasons
    denied = verdict(R2, "DeepSeek will not release R2 by May 31", published=early)
    assert denied.stance is Stance.CONTRADICTS, denied.reasons


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # A report the source owns is its finding; a report of unnamed others hedges.
        ("DeepSeek owns about 50,000 Nvidia chips, SemiAnalysis said in a report", "", True),
        ("DeepSeek owns about 50,000 Nvidia chips, according to a report", "", False),
        (
            "SemiAnalysis reviews DeepSeek's data centres",
            "The firm's study came out on Monday. The report also confirms that DeepSeek"
            " owns about 50,000 Nvidia chips.",
            True,
        ),
        ("सेमीएनालिसिस ने अपनी रिपोर्ट में कहा कि डीपसीक के पास करीब 50,000 एनवीडिया चिप्स हैं", "", True),
        ("मीडिया रिपोर्ट में कहा गया कि डीपसीक के पास करीब 50,000 एनवीडिया चिप्स हैं", "", False),
        # "citing" a reason is no source; "citing sources" is.
        (
            "Brokerage says DeepSeek owns about 50,000 Nvidia chips, citing its power bills",
            "",
            True,
        ),
        ("DeepSeek owns about 50,000 Nvidia chips, citing sources", "", False),
    ],
)
def test_a_report_someone_owns_is_no_hedge(title: str, text: str, expected: bool) -> None:
    result = verdict(PLAIN_CHIPS, title, text)
    assert result.stance is (Stance.CORROBORATES if expected else Stance.DISCUSSES), result.reasons


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "DeepSeek could not have bought 50,000 Nvidia chips, says export official",
            Stance.CONTRADICTS,
        ),
        ("DeepSeek could have 50,000 Nvidia chips, says analyst", Stance.DISCUSSES),
    ],
)
def test_could_not_denies_where_could_hedges(title: str, expected: Stance) -> None:
    assert verdict(PLAIN_CHIPS, title).stance is expected


WARNING = Claim(
    id="warning",
    text="Sikkim's authorities received a warning about the lake hours before the flood"
    " but did not alert people downstream.",
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # What the claim denies ("alert people downstream"), said without a negation.
        (
            "Officials alerted people downstream within minutes of the warning, says Sikkim",
            Stance.CONTRADICTS,
        ),
        # Other words of the claim without a negation deny nothing of it.
        ("Opposition says state sat on lake warning for hours before flood", Stance.DISCUSSES),
    ],
)
def test_a_negative_claim_is_contradicted_by_what_it_denies(title: str, expected: Stance) -> None:
    assert verdict(WARNING, title).stance is expected


LOSS = Claim(
    id="loss", text="The October 2023 flood caused damage of about ₹3,000 crore in Sikkim."
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # "loss" is what the claim measures ("damage"), in a stream where every story
        # names the flood and its damage.
        ("Central team puts Sikkim flood loss at about ₹1,150 crore", Stance.CONTRADICTS),
        ("Sikkim flood: central team assesses loss at about ₹2,900 crore", Stance.CORROBORATES),
    ],
)
def test_a_rival_figure_measures_the_claims_measure_word(title: str, expected: Stance) -> None:
    assert verdict(LOSS, title).stance is expected


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        # The claim's own "to buy": the deal is the done fact.
        (
            "Zomato agreed to buy Paytm's ticketing business for about ₹2,048 crore.",
            "Zomato to buy Paytm's ticketing business for Rs 2,048 crore",
            Stance.CORROBORATES,
        ),
        (
            "Paytm's board approved the sale of its ticketing business to Zomato.",
            "Paytm board turns down sale of ticketing business to Zomato",
            Stance.CONTRADICTS,
        ),
        # "No. 2" is a rank, not a negation.
        (
            "The Paytm deal made Zomato India's second-largest online ticketing player.",
            "Paytm deal makes Zomato No. 2 in online ticketing, consultancy estimates",
            Stance.CORROBORATES,
        ),
    ],
)
def test_deal_headlines(claim: str, title: str, expected: Stance) -> None:
    assert verdict(Claim(id="c", text=claim), title).stance is expected


KEEPS = Claim(
    id="keeps", text="Paytm users can still book movie tickets on the Paytm app after the sale."
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Paytm app stops selling movie tickets, app tracker finds", Stance.CONTRADICTS),
        ("पेटीएम ऐप पर फिल्म टिकट बुकिंग बंद", Stance.CONTRADICTS),
        ("पेटीएम अ‍ॅपवरून चित्रपट तिकीट बुकिंग बंद", Stance.CONTRADICTS),
        # A stopping denied is no refutation, nor its negation a denial of the claim.
        ("Paytm app did not stop selling movie tickets after the sale", Stance.CORROBORATES),
    ],
)
def test_a_claim_that_something_goes_on_is_refuted_by_its_stopping(
    title: str, expected: Stance
) -> None:
    assert verdict(KEEPS, title).stance is expected


def test_official_the_noun_confirms_nothing() -> None:
    claim = Claim(
        id="dam", text="The flood washed away the Chungthang dam of the Teesta-III project."
    )
    result = verdict(
        claim,
        "Teesta-III dam structure intact, damage limited to powerhouse: Power Ministry official",
    )
    assert result.stance is not Stance.CORROBORATES, result.reasons


OLA_COMPLAINTS = Claim(
    id="complaints",
    text="Ola Electric received over 10,000 consumer complaints.",
    entities=(("Ola Electric",),),
    attributed_to=("Central Consumer Protection Authority",),
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A body's word ("authority") inside the claim's own source names no other source.
        (
            "Central Consumer Protection Authority says Ola Electric received 10,644 complaints",
            Stance.DISCUSSES,
        ),
        # Another body ("commission") is an independent source.
        (
            "State consumer commission says Ola Electric received 10,644 complaints",
            Stance.CORROBORATES,
        ),
    ],
)
def test_a_body_is_independent_unless_it_is_the_claims_own_source(
    title: str, expected: Stance
) -> None:
    assert verdict(OLA_COMPLAINTS, title).stance is expected


# --- engine 3.6: misfires a second reader found in its first version --------------------

PUNE = Claim(id="pune", text="Pune Metro Line 2 will open to the public by 30 June 2024.")
#: Thursday 11 July 2024, after the deadline.
JULY_11 = datetime(2024, 7, 11, tzinfo=UTC)


@pytest.mark.parametrize(
    ("claim", "title", "text", "published", "expected"),
    [
        # A Hindi negative claim: the words after its negation are no proposition.
        (
            Claim(id="hi", text="सिक्किम सरकार ने तीस्ता घाटी के लोगों को बाढ़ की चेतावनी नहीं दी"),
            "सिक्किम सरकार ने तीस्ता घाटी के लोगों को समय रहते बाढ़ की चेतावनी जारी की थी",
            "",
            None,
            Stance.CONTRADICTS,
        ),
        # "could not confirm" hedges; only "could not have" denies.
        (
            Claim(id="morbi", text="A bridge collapse in Morbi killed 135 people"),
            "Police could not confirm that the Morbi bridge collapse killed 135 people",
            "",
            None,
            Stance.DISCUSSES,
        ),
        # The noun "end" is no stopping; "search halted" no stop of what goes on.
        (
            Claim(id="keep", text="Paytm users can still book movie tickets on the app"),
            "Paytm users can book movie tickets on the app till the end of August",
            "",
            None,
            Stance.CORROBORATES,
        ),
        # "जारी" (issued) is no "goes on"; "बंद" of schools is no refutation of it.
        (
            Claim(id="alert", text="मौसम विभाग ने सिक्किम के लिए रेड अलर्ट जारी किया"),
            "रेड अलर्ट के बाद सिक्किम में स्कूल बंद",
            "",
            None,
            Stance.CORROBORATES,
        ),
        # A weekday in another clause, or beside a month, dates no event.
        (
            PUNE,
            "Pune Metro Line 2 opened to the public in May; ridership hit a record on Monday",
            "",
            JULY_11,
            Stance.DISCUSSES,
        ),
        # After an undated headline only a date or lateness decides, not any rule.
        (
            PUNE,
            "Pune Metro Line 2 opens to the public",
            "The line carried 20,000 riders. The extension of Pune Metro Line 2 to Wagholi"
            " will not open to the public before 2026.",
            JULY_11,
            Stance.DISCUSSES,
        ),
        # "As expected" tells no forecast.
        (
            Claim(id="nipah", text="Kerala declared the Nipah outbreak over"),
            "As expected, Kerala declared the Nipah outbreak over on Thursday",
            "",
            None,
            Stance.CORROBORATES,
        ),
        # A condition's word six words back, past a comma, conditions nothing.
        (
            Claim(id="dam", text="The Chungthang dam breached during the Teesta flash flood"),
            "If anything, the Chungthang dam did not breach during the Teesta flash flood",
            "",
            None,
            Stance.CONTRADICTS,
        ),
        # A unit's capacity that is the claim's point stays its figure.
        (
            Claim(
                id="ntpc",
                text="NTPC commissioned the 660 MW Unit 2 of its Barh power plant in Bihar",
            ),
            "NTPC commissioned the 250 MW Unit 2 of its Barh power plant in Bihar",
            "",
            None,
            Stance.CONTRADICTS,
        ),
        # "The report said" in a headline is a news report.
        (
            Claim(id="toll", text="The Teesta flood killed 40 people in Sikkim"),
            "The report said the Teesta flood killed 40 people in Sikkim",
            "",
            None,
            Stance.DISCUSSES,
        ),
        # Another body with a word of the claim's own source's name is another source.
        (
            Claim(
                id="turnout",
                text="Voter turnout was 65 per cent",
                attributed_to=("Election Commission",),
            ),
            "Turnout was 65 per cent, the Election Commission said, and the state's Human"
            " Rights Commission confirmed it",
            "",
            None,
            Stance.CORROBORATES,
        ),
    ],
)
def test_engine_36_misfires_stay_fixed(
    claim: Claim, title: str, text: str, published: datetime | None, expected: Stance
) -> None:
    assert verdict(claim, title, text, published).stance is expected


# --- engine 3.6: pair 12's lessons -----------------------------------------------------

PHASE1 = Claim(id="phase1", text="The first phase of the Vizhinjam port cost about ₹8,867 crore.")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Another stage's figure measures nothing of the first, for or against.
        (
            "Adani starts work on Vizhinjam's second phase under a ₹10,000-crore investment",
            Stance.DISCUSSES,
        ),
        ("Vizhinjam's first phase cost ₹10,000 crore, says auditor", Stance.CORROBORATES),
        ("Vizhinjam's first phase cost ₹4,000 crore, says auditor", Stance.CONTRADICTS),
    ],
)
def test_a_figure_of_another_stage_is_no_figure_of_the_claim(title: str, expected: Stance) -> None:
    assert verdict(PHASE1, title).stance is expected


COMMISSIONING = Claim(
    id="commissioning",
    text="The formal commissioning ceremony of the Vizhinjam port will be held by 31 December 2024.",
)


@pytest.mark.parametrize(
    ("title", "text", "published"),
    [
        # After the deadline, told as still to come.
        (
            "PM Modi will formally commission the Vizhinjam port on May 2",
            "",
            datetime(2025, 4, 20, tzinfo=UTC),
        ),
        # A day of the week next to the act, in a sentence that also names a month.
        (
            "Vizhinjam port commissioned",
            "Prime Minister Narendra Modi on Friday formally commissioned the Vizhinjam port,"
            " five months after the December 2024 deadline.",
            datetime(2025, 5, 2, tzinfo=UTC),
        ),
    ],
)
def test_after_the_deadline_still_to_come_or_done_late_contradicts(
    title: str, text: str, published: datetime
) -> None:
    assert verdict(COMMISSIONING, title, text, published).stance is Stance.CONTRADICTS


UNPAID = Claim(
    id="unpaid",
    text="The Kerala government has not paid the compensation it promised to fishermen"
    " affected by the Vizhinjam port.",
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # "not yet" of the claim's own act says what a negative claim says.
        (
            "Minister admits ₹38 crore of compensation promised to Vizhinjam fishermen has not yet been paid",
            Stance.CORROBORATES,
        ),
        # A promise to pay (of something else) is not the denied act done.
        (
            "Kerala to pay compensation to fishermen hit by the MSC Elsa 3 fishing ban",
            Stance.DISCUSSES,
        ),
    ],
)
def test_negative_claims_and_delays(title: str, expected: Stance) -> None:
    assert verdict(UNPAID, title).stance is expected


def test_a_negated_sentence_is_no_paraphrase_of_another_negative_claim() -> None:
    """Negated sentences read close to any negative claim: without the claim's own words
    the similarity alone states nothing."""
    claim = Claim(id="toll", text="Motorists pay no toll to use the coastal road.")
    result = verdict(claim, "Coastal road has not hurt fish catch, says BMC")
    assert result.stance is Stance.DISCUSSES


# --- engine 3.6: pair 13's lessons -----------------------------------------------------

NO_FUNDS = Claim(
    id="no-funds",
    text="The Centre has not released any money to Tamil Nadu for Cyclone Michaung relief.",
)


@pytest.mark.parametrize(
    "title",
    [
        "Centre releases ₹285 crore to Tamil Nadu for Cyclone Michaung relief",
        "केंद्र ने तमिलनाडु को चक्रवात मिचौंग राहत के लिए 285 करोड़ रुपये जारी किए",
    ],
)
def test_a_sum_of_money_refutes_a_claim_of_no_money(title: str) -> None:
    assert verdict(NO_FUNDS, title).stance is Stance.CONTRADICTS


def test_a_claims_own_word_is_no_confirming_cue() -> None:
    """ "released" is what the claim says of the reservoir's water, not a word confirming
    it; for a claim without it, it is a confirming cue."""
    from tracker.engine.stance import _claims_confirms

    sentence = Sentence.read("Palaniswami blames Chembarambakkam release for the Adyar flooding")
    lexicon = load_lexicon()
    own = profile_claim(
        Claim(id="d", text="The Adyar flooding was caused by water released from Chembarambakkam."),
        lexicon,
    )
    other = profile_claim(
        Claim(id="e", text="The Adyar flooding was caused by heavy rain."), lexicon
    )
    assert _claims_confirms(own, sentence, lexicon) == []
    assert len(_claims_confirms(other, sentence, lexicon)) == 1


def test_a_list_of_sums_shares_the_currency_written_after_its_last() -> None:
    """Six lenders' loans, the currency written once after the last, add up to the claim."""
    claim = Claim(
        id="dues",
        text="Go First owes its lenders about ₹6,521 crore.",
        entities=(("Go First", "गो फर्स्ट"),),
    )
    title = (
        "गो फर्स्टचे कर्ज: सेंट्रल बँक ऑफ इंडिया १,९८७ कोटी, बँक ऑफ बडोदा १,४३० कोटी,"
        " ड्यूश बँक १,३२० कोटी, ईसीएलजीएस १,२९२ कोटी, ॲक्सिस बँक ४३४ कोटी आणि"
        " आयडीबीआय बँक ५८ कोटी रुपये"
    )
    result = verdict(claim, title)
    assert result.stance is Stance.CORROBORATES, result.reasons


@pytest.mark.parametrize(
    ("text", "future"),
    [
        # "-तील" before a noun is "in" ("the bank's new transactions")...
        ("पेटीएम पेमेंट्स बँकेतील नवे व्यवहार ३१ मार्चनंतर बंद", None),
        ("देशातील सर्वात मोठे बंदर विझिंजम", None),
        # ... ending its clause it is the future ("will be available").
        ("तिकिटे आता डिस्ट्रिक्ट अ‍ॅपवर मिळतील, असे कंपनीने सांगितले.", "मिळतील"),
        ("यूपीआय व्यवहार सुरू राहतील.", "राहतील"),
    ],
)
def test_a_marathi_til_is_the_future_only_at_the_end_of_its_clause(
    text: str, future: str | None
) -> None:
    from tracker.engine.stance import _tells_future

    assert _tells_future(text) == future


@pytest.mark.parametrize(
    ("text", "future"),
    [
        # Engine 3.39: Hindi "will be" ...
        ("जलापूर्ति गणतंत्र दिवस पर शुरू होगी", "होगी"),
        ("फ्लाईओवर के दोनों हिस्से मार्च तक तैयार होंगे", "होंगे"),
        # ... but after an infinitive it is "must", an obligation now ("must pay ₹50").
        ("कार को देने होंगे 50 रुपये", None),
        # Without the claim's marks "योजना" is a plan's word (the next test gives them).
        ("सोमवारपासून सम-विषम पार्किंग योजना लागू झाली", "योजना"),
    ],
)
def test_hindi_will_be_tells_the_future(text: str, future: str | None) -> None:
    from tracker.engine.stance import _tells_future

    assert _tells_future(text) == future


def test_a_plan_word_that_is_the_claims_thing_is_no_plan() -> None:
    from tracker.engine.sentence import word_marks
    from tracker.engine.stance import _tells_future
    from tracker.engine.text import fold

    text = "सोमवारपासून सम-विषम पार्किंग योजना लागू झाली"
    assert _tells_future(text, own=word_marks(fold("योजना"))) is None


@pytest.mark.parametrize(
    ("text", "endings", "future"),
    [
        ("Southwest monsoon sets in over Kerala on June 2", True, None),
        ("The bridge is set to open next week", True, "set"),
        # A Hindi or Marathi future ending counts unless words of the future are asked for.
        ("यूपीआय व्यवहार सुरू राहतील.", True, "राहतील"),
        ("यूपीआय व्यवहार सुरू राहतील.", False, None),
        ("PM will commission the port on May 2", False, "will"),
    ],
)
def test_words_and_endings_of_the_future(text: str, endings: bool, future: str | None) -> None:
    from tracker.engine.stance import _tells_future

    assert _tells_future(text, endings=endings) == future


# --- engine 3.7: pairs 14 and 15's lessons ---------------------------------------------


def test_a_story_naming_the_exam_year_does_not_state_the_claim() -> None:
    claim = Claim(id="c", text="The CUET-UG 2025 exam was postponed because of a server failure.")
    result = Matcher([claim]).match(
        Story(
            "https://example.org/feed",
            "key",
            "Admit cards for CUET-UG 2025 are out",
            "The NTA released admit cards for CUET-UG 2025 on Monday for about 13 lakh candidates.",
        )
    )
    assert not result or result[0].stance is not Stance.CORROBORATES


CLASS12 = Claim(
    id="exam", text="The state board held its Class 12 exam for all 9 lakh students in March."
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # Asked whether it will be called off: no news of it.
        (
            "Will the Class 12 exam be cancelled? High Court hears pleas tomorrow",
            "The High Court will hear on Tuesday petitions seeking to cancel the Class 12 exam"
            " held by the state board.",
            Stance.DISCUSSES,
        ),
        (
            "Class 12 exam cancelled, state board says",
            "The state board has cancelled the Class 12 exam held in March for all students"
            " after a paper leak.",
            Stance.CONTRADICTS,
        ),
    ],
)
def test_a_cancellation_asked_about_refutes_nothing(
    title: str, text: str, expected: Stance
) -> None:
    assert verdict(CLASS12, title, text).stance is expected


REFUSED = Claim(
    id="stay", text="The High Court refused to stay the demolition of the Juhu bungalow."
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A refusal is a denial: refuting language agrees with it...
        (
            "High Court declines to stay Juhu bungalow demolition, rules out interim relief",
            Stance.CORROBORATES,
        ),
        # ... and the refused act done contradicts it.
        ("High Court stays demolition of Juhu bungalow till next hearing", Stance.CONTRADICTS),
    ],
)
def test_a_refusal_is_a_negative_claim(title: str, expected: Stance) -> None:
    assert verdict(REFUSED, title).stance is expected


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        # Denying what a negative claim grants beside its denial refutes it.
        (
            Claim(
                id="breach",
                text="The data breach at the insurer was deliberate, not limited to one server.",
            ),
            "No evidence of a data breach at the insurer, says its chief",
            Stance.CONTRADICTS,
        ),
        # Refuting language about the denial's own clause still agrees with it.
        (
            Claim(
                id="panel",
                text="The expert panel found no lapse by the regulator in the bond matter.",
            ),
            "Court rejects objections to the expert panel, which had found no lapse by the"
            " regulator in the bond matter",
            Stance.CORROBORATES,
        ),
    ],
)
def test_a_negative_claim_grants_what_it_does_not_deny(
    claim: Claim, title: str, expected: Stance
) -> None:
    assert verdict(claim, title).stance is expected


MORBI = Claim(id="toll", text="The Morbi bridge collapse killed 135 people.")


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # A count of people in a sentence telling of no death counts someone else.
        (
            "Morbi bridge inquiry begins hearings",
            "The inquiry into the Morbi bridge collapse has recorded the statements of 130"
            " people so far.",
            Stance.DISCUSSES,
        ),
        (
            "Morbi bridge collapse: the toll",
            "In all 135 people lost their lives in the Morbi bridge collapse, the minister said.",
            Stance.CORROBORATES,
        ),
        # Hindi puts the death after "people of": "40 लोगों की मौत".
        ("मोरबी पुल हादसे में 40 लोगों की मौत", "", Stance.CONTRADICTS),
    ],
)
def test_a_death_toll_is_measured_by_counts_of_the_dead(
    title: str, text: str, expected: Stance
) -> None:
    assert verdict(MORBI, title, text).stance is expected


def test_players_are_not_a_death_toll() -> None:
    # The sound key of "killed" is one of a Hindi word in the family of "players".
    claim = Claim(id="sold", text="The auction sold 72 players to ten teams.")
    result = verdict(
        claim,
        "Auction wraps up",
        "The ten teams bought 72 players between them at the auction on Tuesday.",
    )
    assert result.stance is Stance.CORROBORATES


LICENCE = Claim(id="licence", text="The DoT granted OrbitNet a satellite licence in June 2025.")


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        # Before the claimed month, "not yet" is no news against it...
        (datetime(2025, 1, 9, tzinfo=UTC), Stance.DISCUSSES),
        # ... after it, it is.
        (datetime(2025, 8, 9, tzinfo=UTC), Stance.CONTRADICTS),
    ],
)
def test_a_denial_before_the_claimed_month_only_says_not_yet(
    published: datetime, expected: Stance
) -> None:
    title = "DoT says no satellite licence yet for OrbitNet, calls reports 'incorrect'"
    text = "The application of OrbitNet is still being processed, officials said."
    assert verdict(LICENCE, title, text, published).stance is expected


def test_a_negation_before_the_noun_report_still_denies() -> None:
    # The hedge "reportedly" is read in "report" too; it no longer swallows the "not".
    claim = Claim(
        id="panel",
        text="The Justice Rao inquiry panel will submit its report on the Vashi bridge collapse"
        " by 31 March 2025.",
    )
    result = verdict(
        claim,
        "Rao panel gets more time",
        "The Justice Rao inquiry panel did not submit its report on the Vashi bridge collapse"
        " by its March 31 deadline, officials said.",
        datetime(2025, 4, 3, tzinfo=UTC),
    )
    assert result.stance is Stance.CONTRADICTS


TREES = Claim(
    id="trees",
    text="Trees near the Vashi billboard were cut down so that the billboard would be more visible.",
)
FRAME = Claim(id="frame", text="The Vashi billboard fell because its steel frame was badly welded.")


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        # A body's own report, and a named report as a headline's kicker, are findings...
        (
            TREES,
            "Forest department's own report found trees near the Vashi billboard were cut down"
            " to make it more visible",
            Stance.CORROBORATES,
        ),
        (
            FRAME,
            "IIT report: Vashi billboard's badly welded steel frame could not take the wind",
            Stance.CORROBORATES,
        ),
        # ... a report unowned is news of it.
        (
            TREES,
            "Report says trees near the Vashi billboard were cut down to make it more visible",
            Stance.DISCUSSES,
        ),
        # "could not" of knowing still hedges.
        (
            FRAME,
            "Vashi billboard's steel frame could not be inspected, officials say it was badly"
            " welded",
            Stance.DISCUSSES,
        ),
    ],
)
def test_owned_reports_and_inabilities_do_not_hedge(
    claim: Claim, title: str, expected: Stance
) -> None:
    text = "The institute submitted its analysis to the police on Monday."
    assert verdict(claim, title, text).stance is expected


ARREST = Claim(
    id="arrest", text="Police arrested Skyline Ads director Ravi Mehta in Jaipur, Rajasthan."
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # The place a claim ends on ("in Jaipur, Rajasthan") is part of what it says.
        ("Skyline Ads director Ravi Mehta arrested near Lonavala", Stance.DISCUSSES),
        ("Skyline Ads director Ravi Mehta arrested in Jaipur", Stance.CORROBORATES),
    ],
)
def test_the_place_a_claim_ends_on_is_a_slot(title: str, expected: Stance) -> None:
    assert (
        verdict(ARREST, title, "He was produced before a magistrate on Friday.").stance is expected
    )


def test_money_for_the_families_of_the_dead_is_no_rival_toll() -> None:
    result = verdict(
        MORBI,
        "CM announces aid for Morbi victims",
        "The Chief Minister announced ₹4 lakh for the families of those killed in the Morbi"
        " bridge collapse and ₹50,000 for the injured.",
    )
    assert result.stance is not Stance.CONTRADICTS


BREATH = Claim(
    id="breath",
    text="The driver's first breath test showed no alcohol because the breathalyser was faulty.",
)


@pytest.mark.parametrize(
    ("claim", "title", "text", "expected"),
    [
        # A cause claim asserts its cause, whatever its effect denies: denying the cause
        # refutes it, saying it confirms it.
        (
            BREATH,
            "Police deny the breathalyser used on the driver was faulty",
            "The inquiry report was submitted on Monday.",
            Stance.CONTRADICTS,
        ),
        (
            BREATH,
            "Breathalyser used on driver was faulty, probe finds",
            "The inquiry report was submitted on Monday.",
            Stance.CORROBORATES,
        ),
        # "did not cause" is a negative claim still: saying no one died agrees with it.
        (
            Claim(id="zero", text="Cyclone Tej did not cause a single human death in Oman."),
            "Oman says no life lost to Cyclone Tej",
            "Officials said on Monday that not a single human life had been lost in Oman to"
            " Cyclone Tej.",
            Stance.CORROBORATES,
        ),
    ],
)
def test_a_cause_claim_with_a_negated_effect_asserts_its_cause(
    claim: Claim, title: str, text: str, expected: Stance
) -> None:
    assert verdict(claim, title, text).stance is expected


RELEASE = Claim(
    id="release",
    text="The Bombay High Court ordered the boy's release from the observation home in June 2024.",
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # What is called off is the cue's object, in its own comma-parted piece.
        (
            "Juvenile board cancels bail, sends boy to observation home till June 5",
            Stance.DISCUSSES,
        ),
        (
            "Bombay High Court order for boy's release from observation home cancelled",
            Stance.CONTRADICTS,
        ),
    ],
)
def test_a_cancellation_is_of_its_own_object(title: str, expected: Stance) -> None:
    assert (
        verdict(RELEASE, title, "The board said he would be counselled there.").stance is expected
    )


UNREGISTERED = Claim(
    id="unregistered",
    text="The SUV the boy was driving had not been registered with the transport department.",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "yet to" agrees with a negative claim, unless told as hearsay.
        (
            "Residents caught the boy; the SUV, yet to be registered with the transport"
            " department, was towed away.",
            Stance.CORROBORATES,
        ),
        (
            "Residents caught the boy; the SUV, reportedly yet to be registered with the"
            " transport department, was towed away.",
            Stance.DISCUSSES,
        ),
    ],
)
def test_a_hedged_not_yet_does_not_assert_a_negative_claim(text: str, expected: Stance) -> None:
    assert verdict(UNREGISTERED, "SUV crash: boy held", text).stance is expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # "अपेक्षित आहे" (is expected) tells of the ruling to come...
        (
            "बाल न्याय मंडळाचा पोलिसांच्या अर्जावर निर्णय डिसेंबरअखेर अपेक्षित आहे",
            "पुढील सुनावणी १८ डिसेंबरला आहे.",
            Stance.DISCUSSES,
        ),
        # ... "अपेक्षित" alone is also "as expected": no hedge.
        (
            "बाल न्याय मंडळाचा निर्णय",
            "अपेक्षित असल्याप्रमाणे बाल न्याय मंडळाने पोलिसांच्या अर्जावर निर्णय दिला.",
            Stance.CORROBORATES,
        ),
    ],
)
def test_is_expected_hedges_in_marathi(title: str, text: str, expected: Stance) -> None:
    claim = Claim(
        id="ruling",
        text="The Juvenile Justice Board ruled on the police plea.",
    )
    assert verdict(claim, title, text).stance is expected


SEIZED = Claim(
    id="seized",
    text="Karnataka's transport department seized Ather scooters from dealers that had no trade"
    " licence.",
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # "dealers that had no trade licence" describes the dealers: the claim is no
        # negative claim, and saying the seizure confirms it...
        (
            "Karnataka transport department seizes Ather scooters at dealers without trade licences",
            Stance.CORROBORATES,
        ),
        # ... while denying the seizure refutes it.
        (
            "No Ather scooters seized in Karnataka, only notices issued: transport commissioner",
            Stance.CONTRADICTS,
        ),
    ],
)
def test_a_negation_describing_a_noun_does_not_make_a_negative_claim(
    title: str, expected: Stance
) -> None:
    text = "Officials inspected 80 dealers in Bengaluru and Mysuru."
    assert verdict(SEIZED, title, text).stance is expected


DELIVERIES = Claim(
    id="rizta", text="Ather will begin deliveries of the Rizta Z scooter by 31 March 2025."
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # After the deadline, a done act said to have come late missed it...
        (
            "Ather finally starts Rizta Z deliveries, two months after its March target",
            Stance.CONTRADICTS,
        ),
        # ... one without a date or lateness cannot be placed.
        ("Ather starts Rizta Z deliveries in Bengaluru", Stance.DISCUSSES),
    ],
)
def test_a_done_act_said_to_be_late_missed_the_deadline(title: str, expected: Stance) -> None:
    published = datetime(2025, 5, 23, tzinfo=UTC)
    result = verdict(
        DELIVERIES, title, "Deliveries began in Bengaluru, the company said.", published
    )
    assert result.stance is expected


AUDITOR = Claim(
    id="auditor", text="Byju's auditor quit because of the long delay in its financial statements."
)
R2_DELAYED = Claim(id="r2", text="DeepSeek delayed the launch of its R2 model.")


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        # For a claim about a delay, a negation beside the delay word denies it...
        (
            AUDITOR,
            "Byju's says the delay in its financial statements was not why its auditor quit",
            Stance.CONTRADICTS,
        ),
        (
            AUDITOR,
            "बायजूस की सफाई: ऑडिटर के इस्तीफे की वजह वित्तीय विवरणों में देरी नहीं",
            Stance.CONTRADICTS,
        ),
        (R2_DELAYED, "DeepSeek did not delay R2 launch, company says", Stance.CONTRADICTS),
        # ... while "not yet" is the delay told.
        (R2_DELAYED, "DeepSeek has not yet launched its R2 model", Stance.CORROBORATES),
        (
            AUDITOR,
            "Byju's financial statements not yet filed, auditor quits",
            Stance.CORROBORATES,
        ),
    ],
)
def test_a_negation_beside_the_delay_a_claim_tells_of_denies_it(
    claim: Claim, title: str, expected: Stance
) -> None:
    assert (
        verdict(claim, title, "The company said a new auditor would be named soon.").stance
        is expected
    )


def test_marathi_nasun_is_a_negation() -> None:
    # "नसून": is not (... but rather).
    claim = Claim(
        id="leak", text="Water leaked into the tunnel because of gaps in its construction joints."
    )
    result = verdict(
        claim,
        "बोगद्यातील पाणी: कंत्राटदाराचे स्पष्टीकरण",
        "बोगद्यात दिसलेले पाणी बांधकामाच्या सांध्यांमधून झिरपलेले नसून अग्निशमन यंत्रणेची एक"
        " वाहिनी फुटल्याने साचले होते, असे कंत्राटदाराने सांगितले.",
    )
    assert result.stance is Stance.CONTRADICTS


# --- engine 3.7: misfires a second reader found in its first version ------------------


@pytest.mark.parametrize(
    ("claim", "title", "text", "published", "expected"),
    [
        # "declined to comment" refuses nothing; "declined to 12%" fell; refuse is garbage.
        (
            "Ola Electric laid off 500 employees.",
            "Ola Electric layoffs",
            "An Ola Electric spokesperson declined to comment on the layoffs.",
            None,
            Stance.DISCUSSES,
        ),
        (
            "Ola Electric's market share fell to 12% in February.",
            "Ola Electric loses ground",
            "Ola Electric's share of the electric two-wheeler market declined to 12% in"
            " February, Vahan data showed.",
            None,
            Stance.CORROBORATES,
        ),
        (
            "The BMC began door-to-door garbage collection in Andheri.",
            "Andheri waste",
            "The BMC began door-to-door refuse collection in Andheri on Monday.",
            None,
            Stance.CORROBORATES,
        ),
        # A story repeating a claim's description or its negated effect agrees with it.
        (
            "Ola Electric sold scooters from showrooms that had no trade certificates.",
            "Ola showrooms lacked certificates",
            "Ola Electric sold scooters from showrooms that had no trade certificates, the RTO"
            " found.",
            None,
            Stance.CORROBORATES,
        ),
        (
            "The first blood test showed no alcohol because the sample was swapped.",
            "Sample swap",
            "Pune police said the teen's blood sample was swapped so that the first test"
            " showed no alcohol.",
            None,
            Stance.CORROBORATES,
        ),
        # "not due to" denies the cause: the claim is a denial, and the story saying it
        # agrees.
        (
            "The Ghatkopar hoarding collapse was not due to the storm.",
            "Hoarding collapse",
            "The Ghatkopar hoarding collapse was not due to the storm but a weak foundation,"
            " VJTI said.",
            None,
            Stance.CORROBORATES,
        ),
        # A claim about a delay denied, repeated.
        (
            "The Maharashtra government did not postpone the local body elections.",
            "Local body polls",
            "The Maharashtra government did not postpone the local body elections despite the"
            " rain.",
            None,
            Stance.CORROBORATES,
        ),
        (
            "The Supreme Court refused to cancel NEET-UG 2024.",
            "NEET-UG 2024 will not be cancelled, rules Supreme Court",
            "The court said it would not cancel NEET-UG 2024.",
            None,
            Stance.CORROBORATES,
        ),
        # The subject of a negative claim is not what it grants.
        (
            "Ola Electric, the country's largest EV maker, did not hold trade certificates for"
            " its showrooms.",
            "RTO on Ola showrooms",
            "The transport department denied that Ola Electric held trade certificates for its"
            " showrooms.",
            None,
            Stance.CORROBORATES,
        ),
        # "could not qualify" denies what follows it.
        (
            "India qualified for the World Test Championship final in 2025.",
            "WTC",
            "India could not qualify for the World Test Championship final in 2025 after"
            " losing to Australia.",
            None,
            Stance.CONTRADICTS,
        ),
        # Before the claimed month, a denial naming that month still contradicts.
        (
            "The northbound arm of the Mumbai Coastal Road opened to traffic in June 2024.",
            "BMC rules out June opening for coastal road's northbound arm",
            "The BMC has ruled out opening the northbound arm of the coastal road in June,"
            " citing pending work.",
            datetime(2024, 5, 10, tzinfo=UTC),
            Stance.CONTRADICTS,
        ),
        # Deaths told in other words count the dead.
        (
            "The Hathras stampede killed 121 people.",
            "हाथरस भगदड़",
            "हाथरस भगदड़ में 121 लोग मारे गए।",
            None,
            Stance.CORROBORATES,
        ),
        (
            "The Hathras stampede killed 121 people.",
            "Hathras toll",
            "In all 80 people perished in the Hathras stampede, officials said.",
            None,
            Stance.CONTRADICTS,
        ),
        # A year after a word of time is the claim's time, not a name's.
        (
            "The Pune Metro's Swargate-Katraj extension will open by Diwali 2025.",
            "Swargate-Katraj metro opening pushed to 2027",
            "The Swargate-Katraj extension will now open only in 2027, Maha-Metro officials said.",
            datetime(2025, 6, 2, tzinfo=UTC),
            Stance.CONTRADICTS,
        ),
        # A news agency's report is news of the claim.
        (
            "The Adani Group paid $265 million in bribes to Indian officials.",
            "Reuters report: Adani Group paid $265 million in bribes to Indian officials",
            "",
            None,
            Stance.DISCUSSES,
        ),
        # A Marathi name with its locative ending fills the claim's place.
        (
            "Tesla opened its first India showroom in Mumbai.",
            "टेस्ला",
            "टेस्लाने भारतातील आपले पहिले शोरूम मुंबईत सुरू केले.",
            None,
            Stance.CORROBORATES,
        ),
        # A clean sweep is the claim's figure, not a full mark.
        (
            "The BJP won 29 out of 29 Lok Sabha seats in Madhya Pradesh with 59% of the vote.",
            "BJP in MP",
            "The BJP won 21 of the 29 Lok Sabha seats in Madhya Pradesh, results showed.",
            None,
            Stance.CONTRADICTS,
        ),
        # Late against another target, in time for the claim's deadline.
        (
            "Ola Electric will start Roadster X deliveries by June 30, 2025.",
            "Ola Electric starts Roadster X deliveries",
            "Ola Electric has started Roadster X deliveries, two months after its March target.",
            datetime(2025, 7, 10, tzinfo=UTC),
            Stance.DISCUSSES,
        ),
    ],
)
def test_engine_37_misfires_stay_fixed(
    claim: str, title: str, text: str, published: datetime | None, expected: Stance
) -> None:
    result = judged(Claim(id="c", text=claim), title, text, published)
    assert result.stance is expected, result.reasons


# --- engine 3.8: forced choices, claims of an act done "without", denials of another thing


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Tax raids left Vardhan Infra no option but to sell its Rewa port stake",
            "A study of lender letters finds the raids cut Vardhan Infra's credit.",
        ),
        (
            "'We had no choice after the raids': former Vardhan Infra director on port sale",
            "In a memoir, a former director writes that the raids forced the sale of the"
            " Rewa port stake to Sagar Ports.",
        ),
        (
            "छापों के बाद वर्धन इंफ्रा के पास रेवा बंदरगाह की हिस्सेदारी बेचने के सिवा कोई चारा नहीं था",
            "",
        ),
    ],
)
def test_no_choice_but_asserts_the_forced_act(title: str, text: str) -> None:
    claim = Claim(
        id="sale",
        text="Vardhan Infra was forced to sell its Rewa port stake to Sagar Ports after tax raids.",
    )
    expect(verdict(claim, title, text), Stance.CORROBORATES)


LAND_CLAIM = Claim(
    id="consent",
    text="Land for the Kosi canal in Dharni's villages was acquired without the consent of"
    " their gram sabhas.",
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # A story's negation agrees with a claim that denies with "without" ...
        (
            "RTI shows no gram sabha resolutions on file for Dharni villages in Kosi canal"
            " land acquisition",
            "",
            Stance.CORROBORATES,
        ),
        # ... and so does its "without", as it does in Hindi (बिना) ...
        (
            "Kosi canal land in Dharni acquired without gram sabha consent, tribal panel finds",
            "",
            Stance.CORROBORATES,
        ),
        # ... while the consent said to be taken contradicts it.
        (
            "Consent of all gram sabhas was taken for Kosi canal land in Dharni, ministry"
            " tells Parliament",
            "",
            Stance.CONTRADICTS,
        ),
    ],
)
def test_a_claim_of_an_act_done_without_something_is_negative(
    title: str, text: str, expected: Stance
) -> None:
    expect(verdict(LAND_CLAIM, title, text), expected)


@pytest.mark.parametrize(
    "title",
    [
        # In a story "without" is no negation of a positive claim.
        "Kiran Agarwal kept the driver in a room without his phone, told him to take the blame",
        "Collapse at Tarni tunnel came in a shear zone of weak rock that gave way without warning",
    ],
)
def test_without_in_a_story_denies_nothing(title: str) -> None:
    claims = {
        "Kiran": Claim(
            id="driver",
            text="Kiran Agarwal held the family driver captive to make him take the blame.",
        ),
        "Collapse": Claim(
            id="cause",
            text="The Tarni tunnel collapsed because it was cut through a weak shear zone.",
        ),
    }
    expect(verdict(claims[title.split()[0]], title), None)


def test_without_merit_refutes() -> None:
    claim = Claim(
        id="engines",
        text="Skyline Air went insolvent because faulty Rowan engines grounded its fleet.",
    )
    result = verdict(
        claim,
        "Rowan calls Skyline Air's engine charge 'without merit'",
        "Rowan said the airline's assertion that faulty engines grounded its fleet and drove"
        " it into insolvency was without merit.",
    )
    expect(result, Stance.CONTRADICTS)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # One word of the claim ("water") in a denial of something else ...
        (
            "Pollution board denied that it had withheld water quality data from the green"
            " tribunal; its readings show coliform in the Sarju above the bathing limit",
            None,
        ),
        # ... but a denial of the charge itself refutes.
        (
            "Pollution board rejected the charge that coliform in the Sarju water was above"
            " the bathing limit",
            Stance.CONTRADICTS,
        ),
    ],
)
def test_a_denial_of_another_thing_with_one_claim_word_refutes_nothing(
    title: str, expected: Stance | None
) -> None:
    claim = Claim(
        id="coliform",
        text="Faecal coliform in the Sarju water at Ayodhya was above the bathing limit"
        " during the fair.",
    )
    expect(verdict(claim, title), expected)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A figure in the claim's own unit, about the claim's proposition, is a rival ...
        ("The Tarni Setu is 12 km long, not the 21.8 km first announced", Stance.CONTRADICTS),
        # ... one that measures something else on the stream's subject is not.
        ("Noise barriers along 4 km of the Tarni Setu appear to work", None),
    ],
)
def test_a_hinted_unit_ties_no_figure_to_a_claim_naming_only_the_streams_subject(
    title: str, expected: Stance | None
) -> None:
    claim = Claim(
        id="length",
        text="The Tarni Setu is about 21.8 km long, the longest sea bridge in the state.",
        entities=(("Tarni Setu",),),
        keywords=("long", "length", "km"),
        quantity=Quantity(21.8, "km", 0.2),
    )
    others = [
        ("Tarni Setu toll set at 250 rupees", "Cars will pay 250 rupees to cross the Tarni Setu."),
        (
            "Flamingos return near the Tarni Setu",
            "Birdwatchers counted flamingos by the Tarni Setu.",
        ),
        (
            "Tarni Setu sees 20,000 cars a day",
            "Traffic on the Tarni Setu crossed 20,000 cars a day.",
        ),
        ("तरणी सेतु पर टोल की दरें घोषित", "तरणी सेतु पर कारों से 250 रुपये टोल लिया जाएगा।"),
        ("Police patrols on the Tarni Setu", "Police will patrol the Tarni Setu every 5 km."),
        ("Tarni Setu speed limit", "Cars may drive at 100 km an hour on the Tarni Setu."),
        ("Tarni Setu cuts travel time", "The Tarni Setu saves a 40 km drive around the creek."),
    ]
    stories = [Story("https://example.org/feed", f"s{i}", t, x) for i, (t, x) in enumerate(others)]
    stories.append(Story("https://example.org/feed", "figure", title, ""))
    matcher, _, _ = batch_matcher([claim], stories, encoder=None)
    result = matcher.judge(claim.id, stories[-1])
    expect(result, expected)


KALYAN = Claim(
    id="kalyan",
    text="Commercial flights will start from Kalyan International Airport by 30 September 2025.",
)


@pytest.mark.parametrize(
    ("title", "published", "expected"),
    [
        # Before the deadline a target set is a hope: it discusses.
        (
            "कल्याण इंटरनेशनल एयरपोर्ट का काम तेज, दिसंबर 2024 से वाणिज्यिक उड़ानों का लक्ष्य",
            datetime(2024, 3, 1, tzinfo=UTC),
            Stance.DISCUSSES,
        ),
        (
            "Kalyan International Airport is targeting December 2024 for commercial flights",
            datetime(2024, 3, 1, tzinfo=UTC),
            Stance.DISCUSSES,
        ),
        # After it, flights "from" a day or month still to come did not start in time ...
        (
            "कल्याण इंटरनेशनल एयरपोर्ट से 25 दिसंबर से वाणिज्यिक उड़ानें, एयरलाइनों ने बुकिंग शुरू की",
            datetime(2025, 10, 20, tzinfo=UTC),
            Stance.CONTRADICTS,
        ),
        (
            "Commercial flights from Kalyan International Airport to start from December",
            datetime(2025, 10, 20, tzinfo=UTC),
            Stance.CONTRADICTS,
        ),
        # ... while a start on a past day before the deadline was in time.
        (
            "Commercial flights started from Kalyan International Airport on September 20",
            datetime(2025, 10, 1, tzinfo=UTC),
            Stance.CORROBORATES,
        ),
    ],
)
def test_a_target_before_the_deadline_and_a_start_to_come_after_it(
    title: str, published: datetime, expected: Stance
) -> None:
    expect(verdict(KALYAN, title, published=published), expected)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Its own source repeating the allegation does not confirm it ...
        ("Sangharsh Samiti says Kosi dam gates were left open before the flood", Stance.DISCUSSES),
        # ... an independent finding does.
        (
            "Inspection report finds Kosi dam gates were left open before the flood",
            Stance.CORROBORATES,
        ),
    ],
)
def test_a_plain_allegation_repeated_by_its_own_source_discusses(
    title: str, expected: Stance
) -> None:
    claim = Claim(
        id="gates",
        text="The Kosi dam's gates were left open before the flood, the Sangharsh Samiti alleges.",
    )
    expect(verdict(claim, title), expected)


@pytest.mark.parametrize(
    "title",
    [
        "IMD expects the monsoon to set in over Kerala on June 4",
        "SEBI seeks six more months to complete its probe into the Rao Group",
        "Panel hoped to submit its report on the Rao Group before June 4",
    ],
)
def test_a_hope_or_a_request_before_the_deadline_discusses(title: str) -> None:
    claims = {
        "IMD": Claim(id="onset", text="The monsoon will set in over Kerala by 4 June 2025."),
        "SEBI": Claim(
            id="probe", text="SEBI will complete its probe into the Rao Group by 4 June 2025."
        ),
        "Panel": Claim(
            id="report", text="The panel will submit its report on the Rao Group by 4 June 2025."
        ),
    }
    claim = claims[title.split()[0]]
    expect(verdict(claim, title, published=datetime(2025, 5, 1, tzinfo=UTC)), Stance.DISCUSSES)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Another name with the head of the claim's slot is its rival ...
        ("Kalsi Pay moves its nodal account to Yes Bank", Stance.CONTRADICTS),
        ("कालसी पे ने नोडल खाता यस बैंक में स्थानांतरित किया", Stance.CONTRADICTS),
        # ... the claim's own name is no rival, nor one the claim itself holds.
        ("Kalsi Pay moves its nodal account to Axis Bank", Stance.CORROBORATES),
        ("Kalsi Pay moves its nodal account out of Kalsi Payments Bank", None),
    ],
)
def test_another_name_in_the_claims_slot_contradicts(title: str, expected: Stance | None) -> None:
    claim = Claim(
        id="nodal",
        text="Kalsi Pay moved its nodal account from Kalsi Payments Bank to Axis Bank.",
    )
    expect(verdict(claim, title), expected)


RESIGNED = Claim(id="resigned", text="Anil Rao resigned as chairman of Kalsi Bank.")


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        # A question about the claim answered with a bare no denies it ...
        (RESIGNED, "Did Anil Rao resign as chairman of Kalsi Bank? No", Stance.CONTRADICTS),
        (
            RESIGNED,
            "अनिल राव यांनी कालसी बँकेच्या अध्यक्षपदाचा राजीनामा दिला? बँक म्हणते, नाही",
            Stance.CONTRADICTS,
        ),
        # ... and agrees with a negative claim when asked the other way.
        (
            Claim(id="toll", text="Motorists pay no toll to use the Tarni bridge."),
            "Toll on the Tarni bridge? The civic body says no",
            Stance.CORROBORATES,
        ),
        # Not yet, a refusal to say and "cannot be ruled out" answer nothing.
        (RESIGNED, "Did Anil Rao resign as chairman of Kalsi Bank? Not yet", None),
        (
            RESIGNED,
            "अनिल राव यांनी कालसी बँकेच्या अध्यक्षपदाचा राजीनामा दिला? शक्यता नाकारता येत नाही",
            None,
        ),
        # A no to another figure is no denial of the claim's.
        (
            Claim(id="toll17", text="The Tarni bridge collapse killed 17 people."),
            "Fact check: Did 100 people die in the Tarni bridge collapse? No",
            None,
        ),
    ],
)
def test_a_question_answered_with_a_bare_no(
    claim: Claim, title: str, expected: Stance | None
) -> None:
    expect(judged(claim, title, "The post was shared widely on Tuesday."), expected)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A body's report is its finding ...
        ("विशेषज्ञ समिति की रिपोर्ट: निर्माण जोड़ों से तरणी सुरंग में रिसा पानी", Stance.CORROBORATES),
        ("तरणी सुरंग में निर्माण जोड़ों से रिसा पानी: रिसर्च रिपोर्ट", Stance.CORROBORATES),
        # ... a news agency's is news of it.
        ("रॉयटर्स की रिपोर्ट: निर्माण जोड़ों से तरणी सुरंग में रिसा पानी", Stance.DISCUSSES),
        # Engine 3.31: whoever owns it ("X की रिपोर्ट"), a report is a finding, unless a
        # paper, an agency or a side owns it; a kind of report ("अंतरिम", "वार्षिक",
        # "फॉरेंसिक") after its owner, and a forensic or experts' report, are findings.
        ("आईआईटी पटना की अंतरिम रिपोर्ट: निर्माण जोड़ों से तरणी सुरंग में रिसा पानी",
         Stance.CORROBORATES),
        ("पथ निर्माण लैब की वार्षिक रिपोर्ट: निर्माण जोड़ों से तरणी सुरंग में रिसा पानी",
         Stance.CORROBORATES),
        ("फॉरेंसिक रिपोर्ट: निर्माण जोड़ों से तरणी सुरंग में रिसा पानी", Stance.CORROBORATES),
        ("विशेषज्ञ टीम की रिपोर्ट: निर्माण जोड़ों से तरणी सुरंग में रिसा पानी", Stance.CORROBORATES),
        ("एक अंग्रेज़ी दैनिक की रिपोर्ट: निर्माण जोड़ों से तरणी सुरंग में रिसा पानी",
         Stance.DISCUSSES),
        ("एक समाचार एजेंसी की रिपोर्ट: निर्माण जोड़ों से तरणी सुरंग में रिसा पानी",
         Stance.DISCUSSES),
        ("विपक्ष की रिपोर्ट: निर्माण जोड़ों से तरणी सुरंग में रिसा पानी", Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_a_hindi_report_of_a_body_is_its_finding(title: str, expected: Stance) -> None:
    claim = Claim(
        id="leak",
        text="Water leaked into the Tarni tunnel because of gaps in its construction joints.",
    )
    expect(judged(claim, title, "सुरंग में मरम्मत का काम जारी है।"), expected)


# --- engine 3.8: misfires a second reader found in its first version ------------------

BRIDGE = "The Sahyadri bridge will reopen to traffic by 30 September 2025."
SALARY = "Vedant Motors moved its salary accounts to Axis Bank."
REFINERY = "The land for the Ratnagiri refinery was acquired without the consent of gram sabhas."


@pytest.mark.parametrize(
    ("claim", "text", "published", "expected"),
    [
        # A yearless 29 February rolled to a year without one: no crash.
        (
            "The Sahyadri bridge will reopen to traffic by 30 June 2024.",
            "The reopening of the Sahyadri bridge to traffic was postponed from 29 February.",
            datetime(2024, 3, 10, tzinfo=UTC),
            Stance.DISCUSSES,
        ),
        # A past closure "from December" and another thing's start are no start to come.
        (
            BRIDGE,
            "The Sahyadri bridge, closed to traffic from December for repairs, reopened on"
            " 15 September.",
            datetime(2025, 10, 5, tzinfo=UTC),
            Stance.CORROBORATES,
        ),
        (
            BRIDGE,
            "दिसंबर से बंद सह्याद्री पुल 15 सितंबर को यातायात के लिए खुल गया।",
            datetime(2025, 10, 5, tzinfo=UTC),
            Stance.CORROBORATES,
        ),
        (
            BRIDGE,
            "The Sahyadri bridge reopened to traffic on 15 September; tolls are charged from"
            " November.",
            datetime(2025, 10, 5, tzinfo=UTC),
            Stance.CORROBORATES,
        ),
        # "targets" the noun and "asks why" tell nothing to come.
        (
            BRIDGE,
            "The Sahyadri bridge reopened to traffic on 22 September after missing several"
            " targets.",
            datetime(2025, 10, 5, tzinfo=UTC),
            Stance.CORROBORATES,
        ),
        (
            BRIDGE,
            "The Sahyadri bridge reopened to traffic on 22 September; the opposition asks why"
            " it took so long.",
            datetime(2025, 10, 5, tzinfo=UTC),
            Stance.CORROBORATES,
        ),
        # Banks that are not in the slot's place are no rivals.
        (
            SALARY,
            "Vedant Motors moved its salary accounts out of Kotak Bank this week.",
            None,
            None,
        ),
        (
            SALARY,
            "Vedant Motors moved its salary accounts after Reserve Bank approval, the company"
            " said.",
            None,
            None,
        ),
        (SALARY, "वेदांत मोटर्स ने अपने वेतन खाते दूसरे बैंक में स्थानांतरित किए।", None, None),
        (
            "Farmers submitted a memorandum to Chief Minister Fadnavis.",
            "Farmers submitted a memorandum to Devendra Fadnavis on Monday.",
            None,
            None,
        ),
        # A story's "without" of something else is no negation for a "without" claim.
        (
            REFINERY,
            "Without waiting for the survey, officials said the land for the Ratnagiri refinery"
            " was acquired with the consent of gram sabhas.",
            None,
            Stance.CONTRADICTS,
        ),
        (
            REFINERY,
            "The land for the Ratnagiri refinery was acquired with the consent of gram sabhas"
            " without delay.",
            None,
            Stance.CONTRADICTS,
        ),
        # "without" in a description or of the manner makes no claim a denial.
        (
            "Rakesh Jadhav, who is without a party ticket, won the Kothrud seat.",
            "Rakesh Jadhav won the Kothrud seat by 5,000 votes.",
            None,
            Stance.CORROBORATES,
        ),
        (
            "Vedant Motors has sacked 200 workers without notice.",
            "Vedant Motors did not sack any workers, the company said.",
            None,
            Stance.CONTRADICTS,
        ),
        # "no option to pay" and "no chargesheet but only an FIR" deny.
        (
            "The civic body gave residents an option to pay the tax in instalments.",
            "The civic body gave residents no option to pay the tax in instalments.",
            None,
            Stance.CONTRADICTS,
        ),
        (
            "Police filed a chargesheet against Rakesh Jadhav.",
            "Police have filed no chargesheet but only an FIR against Rakesh Jadhav.",
            None,
            Stance.CONTRADICTS,
        ),
        # A denial of reports claiming the claim denies it ...
        (
            "Rahul Mehta resigned as chairman of Vedant Motors.",
            "Rahul Mehta on Monday denied social media reports claiming he had resigned.",
            None,
            Stance.CONTRADICTS,
        ),
        # ... and so does one of rumours saying it with a detail or two of their own.
        (
            "Arjun Kale is dead.",
            "Arjun Kale rebuffs internet rumours that he died of a drug overdose.",
            None,
            Stance.CONTRADICTS,
        ),
    ],
)
def test_second_reader_misfires_of_engine_3_8(
    claim: str, text: str, published: datetime | None, expected: Stance | None
) -> None:
    expect(judged(Claim(id="c", text=claim), "City news", text, published), expected)


@pytest.mark.parametrize(
    "title",
    [
        "Rahul Mehta resigns as Vedant Motors chairman; will shares fall? Analysts say no",
        "Rahul Mehta resigned as Vedant chairman, but did he leave the board? No",
    ],
)
def test_a_no_to_a_later_question_is_no_denial_of_the_statement_before_it(title: str) -> None:
    claim = Claim(id="c", text="Rahul Mehta resigned as chairman of Vedant Motors.")
    expect(judged(claim, title, "Rahul Mehta resigned on Monday, the company said."), None)


# --- engine 3.9: what the claim says set aside; an agreeing figure tied to the claim ---

FIRE = Claim(
    id="fire",
    text="The Dharavi godown fire started because of a short circuit in an electric meter box.",
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # The claim's cause set aside for another contradicts it, in three languages ...
        ("Gas cylinder leak, not a short circuit, started Dharavi godown fire: fire brigade",
         Stance.CONTRADICTS),
        ("Dharavi godown fire was started by a gas leak rather than a short circuit, probe finds",
         Stance.CONTRADICTS),
        ("धारावी गोदाम की आग शॉर्ट सर्किट नहीं, बल्कि गैस रिसाव से लगी: दमकल विभाग",
         Stance.CONTRADICTS),
        ("धारावीतील गोदामाची आग शॉर्ट सर्किटमुळे नव्हे, गॅस गळतीमुळे: अग्निशमन दल",
         Stance.CONTRADICTS),
        # ... while setting aside something the claim does not say takes nothing from it,
        ("Short circuit in a meter box started Dharavi godown fire rather than arson, police say",
         Stance.CORROBORATES),
        # "not only" sets nothing aside,
        ("Not only a short circuit: Dharavi godown fire spread through stacked plastic",
         None),
        # and a question asks rather than sets aside.
        ("Gas leak, not a short circuit, behind the Dharavi godown fire?", Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_what_the_claim_says_set_aside_for_another_contradicts(
    title: str, expected: Stance | None
) -> None:
    # A body, so that the rules read the headline (not the headline-only stance model).
    expect(judged(FIRE, title, "Nobody was hurt in the blaze."), expected)


REPO = Claim(
    id="repo", text="The Varuna Reserve Bank will cut its repo rate to 5.25% by October 2025."
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A figure within tolerance agrees when it measures what the claim measures ...
        ("Varuna Reserve Bank cuts repo rate to 5.25% in its October review", Stance.CORROBORATES),
        # ... not when its clause measures something else in a sentence that is not
        # about the claim (the tie a rival figure needs).
        ("Varuna retail inflation eases to 5.1% in January", None),
        ("वरुण में खुदरा महंगाई जनवरी में घटकर 5.1% पर", None),
    ],
)
def test_an_agreeing_figure_needs_the_tie_a_rival_needs(
    title: str, expected: Stance | None
) -> None:
    others = [
        ("Varuna Reserve Bank holds rates", "The Varuna Reserve Bank kept rates unchanged."),
        ("Varuna Reserve Bank governor speaks", "The Varuna Reserve Bank governor met banks."),
        ("वरुण रिज़र्व बैंक की बैठक", "वरुण रिज़र्व बैंक की बैठक बुधवार को शुरू हुई।"),
        ("Varuna rupee steadies", "The Varuna rupee steadied as the Reserve Bank sold dollars."),
        ("Varuna Reserve Bank new notes", "The Varuna Reserve Bank will issue new notes."),
    ]
    stories = [Story("https://example.org/feed", f"s{i}", t, x) for i, (t, x) in enumerate(others)]
    stories.append(Story("https://example.org/feed", "figure", title, ""))
    matcher, _, _ = batch_matcher([REPO], stories, encoder=None)
    result = matcher.judge(REPO.id, stories[-1], now=datetime(2025, 1, 20, tzinfo=UTC))
    if expected is None:
        assert result.stance is not Stance.CORROBORATES, result.reasons
    else:
        expect(result, expected)


INAUGURATED = Claim(
    id="opened",
    text="Chief Minister Asha Kulkarni inaugurated the Panvel-Uran stretch of the harbour"
    " metro on 3 March 2025.",
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # Another agent of the claim's act, on what the claim acts on, contradicts it ...
        ("Harbour metro's Panvel-Uran stretch opens to commuters",
         "Prime Minister Vikram Sethi inaugurated the Panvel-Uran stretch of the harbour"
         " metro by video link on Monday.", Stance.CONTRADICTS),
        ("Harbour metro's Panvel-Uran stretch opens to commuters",
         "Inaugurated by Governor Ravi Menon on Monday, the Panvel-Uran stretch cuts the"
         " trip to 20 minutes.", Stance.CONTRADICTS),
        ("हार्बर मेट्रो का पनवेल-उरण खंड शुरू",
         "राज्यपाल रवि मेनन ने सोमवार को हार्बर मेट्रो के पनवेल-उरण खंड का उद्घाटन किया।",
         Stance.CONTRADICTS),
        ("हार्बर मेट्रोचा पनवेल-उरण टप्पा सुरू",
         "हार्बर मेट्रोच्या पनवेल-उरण टप्प्याचे लोकार्पण सोमवारी राज्यपाल रवि मेनन यांच्या"
         " हस्ते झाले.", Stance.CONTRADICTS),
        # ... but not when the claim's agent is named with it,
        ("Harbour metro's Panvel-Uran stretch opens to commuters",
         "Prime Minister Vikram Sethi and Chief Minister Asha Kulkarni inaugurated the"
         " Panvel-Uran stretch of the harbour metro on Monday.", None),
        # nor when it acts on something else,
        ("Harbour metro's Panvel-Uran stretch opens to commuters",
         "Governor Ravi Menon inaugurated a new bus depot at Uran on Monday.", None),
        # nor when it only asks for the act.
        ("Harbour metro's Panvel-Uran stretch opens to commuters",
         "Union minister Ravi Menon asked the state to let him inaugurate the Panvel-Uran"
         " stretch of the harbour metro.", None),
    ],
)  # fmt: skip
def test_another_agent_of_the_claims_act_contradicts(
    title: str, text: str, expected: Stance | None
) -> None:
    expect(judged(INAUGURATED, title, text), expected)


@pytest.mark.parametrize(
    ("claim", "text"),
    [
        # The claim's agent under its short name, in either script, is no rival.
        ("The Indian Air Force airlifted 200 tourists stranded in Lachung after the flood.",
         "IAF helicopters airlifted 200 tourists stranded in Lachung on Sunday."),
        ("The CBI arrested three signal staff over the Balasore crash.",
         "सीबीआई ने बालासोर हादसे में तीन सिग्नल कर्मचारियों को गिरफ्तार किया।"),
        ("Maharashtra's Food and Drug Administration suspended the licence of a Dharavi"
         " dark store.",
         "The FDA suspended the licence of the Dharavi dark store on Friday."),
        # A name the claim itself holds is no rival either.
        ("Bharti Airtel signed its distribution deal with SpaceX before Reliance Jio signed"
         " one.", "Reliance Jio signed a distribution deal with SpaceX a day after Airtel."),
    ],
)  # fmt: skip
def test_the_claims_own_agent_under_another_name_is_no_rival(claim: str, text: str) -> None:
    result = judged(Claim(id="c", text=claim), "Update", text)
    assert "as the one who did what the claim says" not in " ".join(result.reasons), result.reasons


HANDED_OVER = Claim(
    id="cheques",
    text="Collector Anil Deshmukh handed over the relief cheques to flood-hit families in Sangli.",
)
PRESSED_BUTTON = Claim(
    id="button",
    text="Blaster Mohan Tiwari pressed the button that brought down the Kalyan water tower.",
)


@pytest.mark.parametrize(
    ("claim", "title", "text", "expected"),
    [
        # Engine 3.36's glossary acts: handing over and pressing the button, told in
        # Hindi and Marathi by someone else, name a rival agent of the claim's act ...
        (HANDED_OVER, "सांगली के बाढ़ पीड़ितों को राहत",
         "सांगली में बाढ़ पीड़ित परिवारों को राहत के चेक पालक मंत्री सुरेश खाडे ने सौंपे।",
         Stance.CONTRADICTS),
        (HANDED_OVER, "सांगलीतील पूरग्रस्तांना मदत",
         "सांगलीतील पूरग्रस्त कुटुंबांना मदतीचे धनादेश पालकमंत्री सुरेश खाडे यांनी सुपूर्द केले.",
         Stance.CONTRADICTS),
        (PRESSED_BUTTON, "कल्याण की पानी की टंकी गिराई गई",
         "कल्याण की पुरानी पानी की टंकी गिराने के लिए इंजीनियर सुरेश नायर ने दोपहर तीन बजे"
         " बटन दबाया।", Stance.CONTRADICTS),
        (PRESSED_BUTTON, "कल्याणची पाण्याची टाकी पाडली",
         "कल्याणची जुनी पाण्याची टाकी पाडण्यासाठी अभियंता सुरेश नायर यांनी दुपारी तीन वाजता"
         " बटण दाबले.", Stance.CONTRADICTS),
        # ... and none when the claim's own agent does it (no contradiction).
        (HANDED_OVER, "सांगलीतील पूरग्रस्तांना मदत",
         "सांगलीतील पूरग्रस्त कुटुंबांना मदतीचे धनादेश जिल्हाधिकारी अनिल देशमुख यांनी सुपूर्द"
         " केले.", None),
        (PRESSED_BUTTON, "कल्याणची पाण्याची टाकी पाडली",
         "कल्याणची जुनी पाण्याची टाकी पाडण्यासाठी ब्लास्टर मोहन तिवारी यांनी दुपारी तीन"
         " वाजता बटण दाबले.", None),
    ],
)  # fmt: skip
def test_a_rival_agent_of_an_act_the_glossary_carries(
    claim: Claim, title: str, text: str, expected: Stance | None
) -> None:
    expect(judged(claim, title, text), expected)


HID_LOSSES = Claim(
    id="hid",
    text="The Sagar port trust hid the losses of its dredging unit from its auditors.",
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # Whoever makes it, an allegation repeated is no assertion of it ...
        ("Opposition alleges Sagar port trust hid dredging unit's losses from auditors",
         "The port trust did not respond to questions.", Stance.DISCUSSES),
        ("विपक्ष का आरोप: सागर पोर्ट ट्रस्ट ने ड्रेजिंग इकाई का घाटा ऑडिटरों से छिपाया",
         "पोर्ट ट्रस्ट ने सवालों का जवाब नहीं दिया।", Stance.DISCUSSES),
        ("सागर पोर्ट ट्रस्टने ड्रेजिंग युनिटचा तोटा ऑडिटरांपासून लपवला, असा विरोधकांचा आरोप",
         "पोर्ट ट्रस्टने प्रश्नांना उत्तर दिले नाही.", Stance.DISCUSSES),
        # ... the same statement in the story's own voice asserts it,
        ("Sagar port trust hid dredging unit's losses from its auditors",
         "The port trust did not respond to questions.", Stance.CORROBORATES),
        # and a denial of the allegation is read as a denial.
        ("Sagar port trust rejects allegation that it hid dredging unit's losses from auditors",
         "The trust said every account had been audited.", Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_an_allegation_repeated_discusses_whoever_makes_it(
    title: str, text: str, expected: Stance
) -> None:
    expect(judged(HID_LOSSES, title, text), expected)


CRACKS = Claim(
    id="cracks",
    text="Houses in Kalimath village started cracking last winter because sewage from the"
    " upper town leaked into the loose soil beneath them.",
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # The claimed cause of the claimed effect, with a cause cue, states the claim
        # though it says less of the claim's words than a plain assertion must ...
        ("Sewage leak caused the cracks in Kalimath houses, geologists find", Stance.CORROBORATES),
        ("सीवेज के रिसाव के कारण कालीमठ के घरों में दरारें: भूवैज्ञानिक", Stance.CORROBORATES),
        ("सांडपाण्याच्या गळतीमुळे कालीमठमधील घरांना तडे: भूवैज्ञानिक", Stance.CORROBORATES),
        # ... while the cause alone, or the effect alone, does not.
        ("Sewage leak reported from Kalimath's upper town, geologists say", Stance.DISCUSSES),
        ("Cracks in Kalimath houses widen as winter sets in", Stance.DISCUSSES),
    ],
)
def test_the_claimed_cause_of_the_claimed_effect_states_a_cause_claim(
    title: str, expected: Stance
) -> None:
    expect(judged(CRACKS, title, "Repairs will take a month."), expected)


# --- engine 3.9: misfires a second reader found in its first version ------------------


@pytest.mark.parametrize(
    ("claim", "title", "text", "expected"),
    [
        # Charges that are fees, court charges or "took charge", an allegation that is a
        # reason for the act, "the accused" and a charge sheet are no allegation repeated.
        ("MSRDC raised the toll on the Mumbai-Pune Expressway from April 1.", "Toll hike",
         "MSRDC raised the toll charges on the Mumbai-Pune Expressway from April 1.",
         Stance.CORROBORATES),
        ("The ED arrested Delhi Chief Minister Arvind Kejriwal in the excise policy case.",
         "Kejriwal arrested", "The ED arrested Delhi Chief Minister Arvind Kejriwal on charges"
         " of money laundering in the excise policy case.", Stance.CORROBORATES),
        ("The CBI arrested former RG Kar principal Sandip Ghosh.", "RG Kar",
         "Amid allegations of a cover-up, the CBI arrested former RG Kar principal Sandip"
         " Ghosh on Monday.", Stance.CORROBORATES),
        ("Mumbai Police arrested three men for the murder of NCP leader Baba Siddique.",
         "बाबा सिद्दीकी हत्याकांड: मुंबई पुलिस ने तीन आरोपियों को गिरफ्तार किया",
         "पुलिस ने बताया कि जांच जारी है।", Stance.CORROBORATES),
        ("Mumbai Police filed a chargesheet against Shariful Islam in the Saif Ali Khan"
         " stabbing case.", "सैफ अली खान", "मुंबई पुलिस ने सैफ अली खान पर हमले के मामले में"
         " शरीफुल इस्लाम के खिलाफ आरोप पत्र दाखिल किया।", Stance.CORROBORATES),
        # Agents: one named with the claim's, a winner of something else, another stage,
        # a common word, one of the agent's people, and a future act told by someone.
        ("Chief Minister Devendra Fadnavis inaugurated the BKC-Worli stretch of Metro 3.",
         "Metro 3 BKC-Worli", "Chief Minister Devendra Fadnavis, along with Deputy Chief"
         " Minister Eknath Shinde, inaugurated the BKC-Worli stretch of Metro 3 on Friday.",
         Stance.CORROBORATES),
        ("Neeraj Chopra won silver in javelin at the Paris Olympics.", "Paris javelin final",
         "Pakistan's Arshad Nadeem won gold with an Olympic record, while Neeraj Chopra won"
         " silver in javelin.", Stance.CORROBORATES),
        ("Chief Minister Devendra Fadnavis inaugurated the final stretch of the Samruddhi"
         " Expressway.", "Samruddhi fully open", "Prime Minister Narendra Modi had"
         " inaugurated the first phase of the Samruddhi Expressway in December 2022.", None),
        ("The CBI arrested former RG Kar principal Sandip Ghosh.", "RG Kar",
         "Investigators arrested former RG Kar principal Sandip Ghosh late on Monday.", None),
        ("Mumbai Police arrested the man who stabbed actor Saif Ali Khan.", "Saif Ali Khan"
         " attack", "A team led by Inspector Daya Nayak arrested the man who stabbed actor"
         " Saif Ali Khan in Thane.", None),
        ("Prime Minister Narendra Modi inaugurated the Navi Mumbai airport.", "नवी मुंबई"
         " विमानतळ", "एकनाथ शिंदे यांनी सांगितले की नवी मुंबई विमानतळाचे लोकार्पण"
         " पंतप्रधानांच्या हस्ते होईल.", None),
        # ... while these rivals, missed at first, contradict.
        ("Chief Minister Devendra Fadnavis inaugurated the Atal Setu.", "Atal Setu",
         "The Atal Setu, inaugurated by Prime Minister Narendra Modi in January 2024, has"
         " seen heavy traffic.", Stance.CONTRADICTS),
        ("CM Devendra Fadnavis inaugurated the Navi Mumbai airport.", "Navi Mumbai airport",
         "Deputy CM Eknath Shinde inaugurated the Navi Mumbai airport on Wednesday.",
         Stance.CONTRADICTS),
        ("Chief Minister Devendra Fadnavis inaugurated the Navi Mumbai airport.",
         "नवी मुंबई एयरपोर्ट", "प्रधानमंत्री नरेंद्र मोदी ने नवी मुंबई एयरपोर्ट का उद्घाटन"
         " किया।", Stance.CONTRADICTS),
        # Set aside: a word the rest of the sentence says too, a hedged or alleged
        # contrast, and the Hindi "not only".
        ("The RBI kept the repo rate unchanged at 6.5%.", "RBI holds rates",
         "The RBI kept the repo rate unchanged at 6.5%, rather than cutting the repo rate as"
         " some economists had expected.", Stance.CORROBORATES),
        ("Arson caused the fire at the Rajkot game zone.", "Rajkot fire",
         "Police suspect a short circuit, not arson, caused the fire at the Rajkot game"
         " zone.", Stance.DISCUSSES),
        ("Heavy rain lashed Mumbai on Monday.", "मुंबई ही नहीं, बल्कि ठाणे में भी भारी बारिश",
         "सोमवार को दिनभर बारिश होती रही।", None),
        # A cause cue with the claim's cause word outside its cause side gives another cause.
        ("Go First went bankrupt because Pratt & Whitney supplied faulty engines that"
         " grounded half its fleet.", "Aviation", "Go First went bankrupt due to"
         " mismanagement, Pratt & Whitney said.", None),
    ],
)  # fmt: skip
def test_engine_39_misfires_stay_fixed(
    claim: str, title: str, text: str, expected: Stance | None
) -> None:
    """`expected` None: anything but a contradiction (for the cause case: nor a
    corroboration)."""
    result = judged(Claim(id="c", text=claim), title, text)
    if expected is None and "Go First" in claim:
        assert result.stance is not Stance.CORROBORATES, result.reasons
    expect(result, expected)


# --- engine 3.10: hedges that hedge something else; a body's own report -----------------

COGNISANCE = Claim(
    id="cognisance",
    text="The Varuna High Court took suo motu cognisance of the Kelva bridge collapse.",
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A request for something else, in its own piece, hedges nothing the claim says ...
        ("Varuna High Court takes suo motu cognisance of Kelva bridge collapse, seeks report",
         Stance.CORROBORATES),
        # ... while a request for the claim's act itself still does,
        ("Petitioners seek suo motu cognisance of Kelva bridge collapse by Varuna High Court",
         Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_a_request_for_something_else_hedges_nothing(title: str, expected: Stance) -> None:
    expect(judged(COGNISANCE, title, "The hearing is on Monday."), expected)


#: The claims with an analyst's Hindi keywords: the lexical path reads the Hindi
#: headlines as saying them (the semantic path finds that without hints).
COGNISANCE_HI = dataclasses.replace(
    COGNISANCE,
    keywords=("हाईकोर्ट", "स्वतः संज्ञान", "केल्वा पुल", "उच्च न्यायालय", "स्वतःहून दखल", "केल्वा पूल"),
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("केल्वा पुल हादसे पर वरुण हाईकोर्ट ने लिया स्वतः संज्ञान, सरकार से मांगी रिपोर्ट",
         Stance.CORROBORATES),
        ("केल्वा पुल हादसे पर वरुण हाईकोर्ट से स्वतः संज्ञान की मांग की",
         Stance.DISCUSSES),
        ("केल्वा पूल दुर्घटनेची वरुण उच्च न्यायालयाने स्वतःहून दखल घेतली, सरकारकडून अहवाल मागितला",
         Stance.CORROBORATES),
    ],
)  # fmt: skip
def test_a_hindi_or_marathi_request_hedges_only_its_own_piece(title: str, expected: Stance) -> None:
    expect(judged(COGNISANCE_HI, title, "सुनवाई सोमवार को होगी।"), expected)


LATE_ARREST = Claim(
    id="arrest",
    text="Kelva Infra owner Raghav Mehta will be arrested in the bridge collapse case by "
    "31 December 2022.",
    window=Window(by=date(2022, 12, 31)),
)


def test_a_request_with_no_claim_word_does_not_hide_a_late_negation() -> None:
    # "seeks anticipatory bail" asks for bail, not for the arrest: the body, after the
    # deadline, says the arrest has not happened.
    result = judged(
        LATE_ARREST,
        "Still untraced, Kelva Infra owner Raghav Mehta seeks anticipatory bail",
        "Two months after the collapse, Kelva Infra owner Raghav Mehta has not been arrested.",
        datetime(2023, 1, 20, tzinfo=UTC),
    )
    expect(result, Stance.CONTRADICTS)


def test_a_request_whose_object_is_a_pronoun_asks_for_what_came_before() -> None:
    status = Claim(id="status", text="The Centre granted special category status to Kelva.")
    result = judged(
        status,
        "Kelva party demands special category status for Kelva, wants it by year-end",
        "The party met on Sunday.",
    )
    expect(result, Stance.DISCUSSES)


CABLES = Claim(
    id="cables",
    text="The Kelva bridge collapsed because its corroded cables were not replaced.",
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # A body's report is its finding: a kicker of its letters, its report "blames"
        # (in Hindi a report read as a body's: "दल की प्रारंभिक रिपोर्ट", "रिपोर्ट में").
        ("SIT report blames corroded cables that were not replaced for Kelva bridge collapse",
         "The hearing is on Monday.", Stance.CORROBORATES),
        # News of a report is still hearsay ...
        ("PTI report: corroded cables that were not replaced caused Kelva bridge collapse",
         "The hearing is on Monday.", Stance.DISCUSSES),
        ("Kelva bridge collapsed as corroded cables were not replaced, reports say",
         "The hearing is on Monday.", Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_a_bodys_own_report_is_its_finding(title: str, text: str, expected: Stance) -> None:
    expect(judged(CABLES, title, text), expected)


CABLES_HI = dataclasses.replace(CABLES, keywords=("जंग लगे केबल", "नहीं बदले", "केल्वा पुल"))


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("एसआईटी रिपोर्ट: जंग लगे केबल नहीं बदले गए, इसी वजह से टूटा केल्वा पुल",
         "सुनवाई सोमवार को होगी।", Stance.CORROBORATES),
        ("केल्वा पुल: जांच दल की प्रारंभिक रिपोर्ट के अनुसार जंग लगे केबल नहीं बदले गए",
         "सुनवाई सोमवार को होगी।", Stance.CORROBORATES),
        # A bare "रिपोर्ट में" is as often a newspaper's as a body's: it hedges; a news
        # agency's report, spelled out, a party's or a complaint is news of it.
        ("केल्वा पुल हादसा", "रिपोर्ट में कहा गया है कि जंग लगे केबल नहीं बदले गए थे।",
         Stance.DISCUSSES),
        ("टीएमसी रिपोर्ट: जंग लगे केबल नहीं बदले गए, इसी वजह से टूटा केल्वा पुल",
         "सुनवाई सोमवार को होगी।", Stance.DISCUSSES),
        ("पीटीआई रिपोर्ट: जंग लगे केबल नहीं बदले गए, इसी वजह से टूटा केल्वा पुल",
         "सुनवाई सोमवार को होगी।", Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_a_bodys_own_report_in_hindi(title: str, text: str, expected: Stance) -> None:
    expect(judged(CABLES_HI, title, text), expected)


def test_reports_denied_are_no_hedge_but_reports_not_denied_are() -> None:
    ofs = Claim(id="ofs", text="The Kelva Motors IPO had no fresh issue of shares.")
    denied = judged(
        ofs,
        "Kelva Motors will not repay debt from IPO money, company denies reports",
        "The company said the whole Kelva Motors IPO was an offer for sale, with no fresh "
        "issue of shares.",
    )
    expect(denied, Stance.CORROBORATES)
    not_denied = judged(
        ofs,
        "Kelva Motors did not deny reports that its IPO had no fresh issue of shares",
        "The company declined to comment.",
    )
    expect(not_denied, Stance.DISCUSSES)


# --- engine 3.10: a claim that an act was done "without" something --------------------

TENDER = Claim(
    id="tender",
    text="The Kelva municipality handed the bridge contract to Ravi Infra without inviting tenders.",
)
PLASTIC_BAN = Claim(
    id="ban", text="Velpur municipal corporation has banned single-use plastic bags."
)
JOB_CUTS = Claim(id="cut", text="Rivanta Motors cut 500 jobs at its Dhanora plant in March 2024.")
DAM_WARNING = Claim(
    id="warning",
    text="Water from the Kelva dam was released into the river without prior warning to the "
    "villages downstream.",
)
CERTIFICATE = Claim(
    id="certificate",
    text="The Kelva bridge was reopened to the public without a fitness certificate.",
    keywords=("केल्वा पूल", "फिटनेस प्रमाणपत्र"),
)


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        # What the claim says was missing, said to be there, contradicts it (an act in
        # the active voice, or "without" well after the passive verb) ...
        (TENDER, "Kelva municipality invited tenders before handing bridge contract to "
         "Ravi Infra", Stance.CONTRADICTS),
        (DAM_WARNING, "Villages downstream got prior warning five times before Kelva dam "
         "water was released into the river", Stance.CONTRADICTS),
        (CERTIFICATE, "Municipal engineer issued a fitness certificate before the Kelva "
         "bridge was reopened to the public", Stance.CONTRADICTS),
        # ... its absence said agrees, in English and glued to a Marathi word,
        (TENDER, "Kelva municipality handed bridge contract to Ravi Infra without any "
         "tender", Stance.CORROBORATES),
        (CERTIFICATE, "फिटनेस प्रमाणपत्राविनाच केल्वा पूल नागरिकांसाठी खुला",
         Stance.CORROBORATES),
        # and "does not deny" it reports the claim without asserting it.
        (CERTIFICATE, "Municipality does not deny that the Kelva bridge was reopened to "
         "the public without a fitness certificate", Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_a_claim_of_an_act_done_without_something(
    claim: Claim, title: str, expected: Stance
) -> None:
    expect(judged(claim, title, "The hearing is on Monday."), expected)


def test_a_bare_manner_or_a_description_makes_no_without_claim() -> None:
    # "without notice" tells how an act the claim asserts was done; ", without data"
    # describes; a gerund subject names no act done.
    sacked = Claim(id="sacked", text="Vedant Motors sacked 200 workers without notice.")
    expect(judged(sacked, "Vedant Motors sacked 200 workers", "The union protested."),
           Stance.CORROBORATES)  # fmt: skip
    plans = Claim(
        id="plans",
        text="The regulator ordered operators to offer plans for calls only, without data.",
    )
    expect(
        judged(plans, "Regulator ordered operators to offer plans for calls only", "Tariffs rose."),
        Stance.CORROBORATES,
    )


def test_a_promise_kept_is_no_event_still_to_come() -> None:
    # After the deadline, "as it had promised" tells of the promise kept, not of the
    # event as still to come ("will open", "promised to open" do).
    plant = Claim(
        id="plant",
        text="Kelva Mobile will begin phone production at its Hosur plant by 31 May 2025.",
        window=Window(by=date(2025, 5, 31)),
    )
    june = datetime(2025, 6, 4, tzinfo=UTC)
    kept = judged(
        plant,
        "Kelva Mobile's Hosur plant made 1.4 lakh phones in May",
        "Kelva Mobile began phone production at its Hosur plant on May 8, as it had promised.",
        june,
    )
    assert kept.stance is not Stance.CONTRADICTS, kept.reasons
    late = judged(
        plant,
        "Kelva Mobile's Hosur plant",
        "Kelva Mobile will begin phone production at its Hosur plant in August.",
        june,
    )
    expect(late, Stance.CONTRADICTS)


def test_another_holder_of_the_act_beside_the_claim_agents_body_is_a_rival() -> None:
    bell = Claim(
        id="bell",
        text="Kelva Motor Group chairman Ravi Rao rang the bell at Kelva Motor India's "
        "listing ceremony.",
    )
    result = judged(
        bell,
        "Kelva Motor India slips on debut",
        "Managing director Anil Shah rang the ceremonial bell as Kelva Motor India listed.",
    )
    expect(result, Stance.CONTRADICTS)


LEAKS = Claim(
    id="leaks",
    text="Water leaked into the Kelva tunnel because of gaps in its construction joints.",
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A named body's report, a commission's, "the report says": findings ...
        ("KMC report traces Kelva tunnel leaks to gaps in construction joints",
         Stance.CORROBORATES),
        ("Kelva commission report: water leaked into tunnel through gaps in construction "
         "joints", Stance.CORROBORATES),
        ("Engineers call Sahyadri report on Kelva tunnel leaks wrong: gaps in construction "
         "joints not to blame", Stance.CONTRADICTS),
        # ... a news outlet's report is news of a finding.
        ("Bloomberg report says Kelva tunnel leaks came through gaps in construction joints",
         Stance.DISCUSSES),
        ("Kelva tunnel leaks came through gaps in construction joints, says a Reuters report",
         Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_a_named_document_is_a_finding_and_an_outlets_report_is_news(
    title: str, expected: Stance
) -> None:
    expect(judged(LEAKS, title, "The tunnel reopened on Monday."), expected)


def test_a_report_denied_a_few_words_before_it_hedges_nothing() -> None:
    contract = Claim(id="contract", text="Ravi Infra won the contract to build the Kelva tunnel.")
    result = judged(
        contract,
        "Kelva tunnel work goes on round the clock",
        "Ravi Infra, which won the contract to build the Kelva tunnel last June, denied a "
        "social-media report that work had stopped over unpaid dues.",
    )
    expect(result, Stance.CORROBORATES)


# --- engine 3.10: misfires a second reader found in its first version ------------------


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        # Denying a "without" claim, its act or what it says was missing, contradicts it
        # (it is no denial that agrees with a negative claim) ...
        (TENDER, "Kelva municipality denies handing bridge contract to Ravi Infra without "
         "tenders", Stance.CONTRADICTS),
        (CERTIFICATE, "Claim that Kelva bridge was reopened to public without fitness "
         "certificate is false: municipality", Stance.CONTRADICTS),
        (TENDER, "Kelva municipality never handed bridge contract to Ravi Infra, says "
         "commissioner", Stance.CONTRADICTS),
        # ... an absence said otherwise agrees ("lacked", "still awaited", Marathi "शिवाय"),
        (CERTIFICATE, "Kelva bridge reopened to the public though it lacked a fitness "
         "certificate", Stance.CORROBORATES),
        (CERTIFICATE, "Kelva bridge reopened to the public; fitness certificate still "
         "awaited", Stance.CORROBORATES),
        (CERTIFICATE, "केल्वा पूल फिटनेस प्रमाणपत्राशिवाय नागरिकांसाठी खुला",
         Stance.CORROBORATES),
        # and a denial near one of its names only denies something else.
        (TENDER, "Kelva municipality denies Ravi Infra staff were hurt at the bridge site",
         None),
    ],
)  # fmt: skip
def test_engine_310_without_claims_misfires_stay_fixed(
    claim: Claim, title: str, expected: Stance | None
) -> None:
    expect(judged(claim, title, "The hearing is on Monday."), expected)


PROBE = Claim(id="probe", text="The CBI began a probe into the Kelva bridge collapse.")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A passive request asks for what stands before it; a list of requests asks for
        # all of it.
        ("Kelva bridge collapse: CBI probe sought", Stance.DISCUSSES),
        ("Kelva bridge collapse: CBI probe sought by victims' families", Stance.DISCUSSES),
        ("Kelva bridge collapse: victims' kin seek compensation, CBI probe", Stance.DISCUSSES),
    ],
)
def test_engine_310_requests_ask_for_what_they_govern(title: str, expected: Stance) -> None:
    expect(judged(PROBE, title, "The hearing is on Monday."), expected)


@pytest.mark.parametrize(
    ("claim", "title", "text", "expected"),
    [
        # "as it plans to" tells of a plan still to come (only "as promised" is kept).
        (
            Claim(
                id="plant",
                text="Kelva Mobile will begin phone production at its Hosur plant by 31 May 2025.",
                window=Window(by=date(2025, 5, 31)),
            ),
            "Kelva Mobile hires 2,000 workers",
            "Kelva Mobile hires 2,000 workers as it plans to begin phone production at its "
            "Hosur plant in August.",
            Stance.CONTRADICTS,
        ),
        # The denied act said by the sentence's own verb is done, whatever a
        # description adds ("workers who had not been paid").
        (
            Claim(id="pay", text="Kelva Motors has not paid March salaries to its workers."),
            "Kelva Motors pays March salaries to workers who had not been paid since January",
            "The union welcomed it.",
            Stance.CONTRADICTS,
        ),
        # A party's report, an FIR, a channel's: no finding.
        (
            LEAKS,
            "Opposition report blames Kelva tunnel leaks on gaps in construction joints",
            "The tunnel reopened on Monday.",
            Stance.DISCUSSES,
        ),
    ],
)
def test_engine_310_misfires_stay_fixed(
    claim: Claim, title: str, text: str, expected: Stance
) -> None:
    published = datetime(2025, 6, 10, tzinfo=UTC)
    expect(judged(claim, title, text, published), expected)


def test_engine_310_the_body_behind_a_title_is_no_rival_of_its_officer() -> None:
    station = Claim(
        id="station",
        text="KMRC managing director Ravi Rao inaugurated the Kelva metro Line 2 station.",
    )
    result = judged(
        station,
        "केएमआरसी ने केल्वा मेट्रो लाइन 2 स्टेशन का उद्घाटन किया",
        "सुनवाई सोमवार को होगी।",
    )
    assert result.stance is not Stance.CONTRADICTS, result.reasons


def test_engine_310_a_debunked_report_and_an_outlet_named_report_are_no_findings() -> None:
    # "The bogus report says" tells what was debunked (the refutation decides), and a
    # capitalised "Report" mid-sentence is an outlet's name.
    town = Claim(id="town", text="The town of Kelva was quarantined after five people fell ill.")
    debunked = judged(
        town,
        "Kelva update",
        "The bogus report says the town of Kelva was quarantined after five people fell ill.",
    )
    assert debunked.stance is not Stance.CORROBORATES, debunked.reasons
    outlet = judged(
        town,
        "Kelva update",
        "The town of Kelva was quarantined after five people fell ill, World News Daily "
        "Report says.",
    )
    expect(outlet, Stance.DISCUSSES)


def test_engine_310_a_name_ending_in_ed_is_no_done_act() -> None:
    # "Mohammed ... without a contract" describes a person; no act is said done without
    # something, so a story of the contract signed does not contradict the claim.
    coach = Claim(
        id="coach", text="Kelva coach Mohammed Rafi without a contract led the team to the title."
    )
    result = judged(coach, "Kelva coach Mohammed Rafi signs a contract", "Fans cheered.")
    assert result.stance is not Stance.CONTRADICTS, result.reasons


# --- engine 3.11: unit words, comparisons, denials of a link, inquiry reports ---------

WALK = Claim(id="walk", text="The Ganga Yatra march covered about 1,000 km on foot.")


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Ganga Yatra march ends after 700 kilometres",
            "The marchers walked 700 kilometres on foot.",
        ),
        ("गंगा यात्रा का समापन", "गंगा यात्रा मार्च ने करीब 700 किलोमीटर की दूरी पैदल तय की।"),
        ("गंगा यात्रेचा समारोप", "गंगा यात्रा मोर्चाने सुमारे ७०० कि.मी.चे अंतर पायी पूर्ण केले."),
    ],
)
def test_a_distance_in_other_words_for_km_is_a_rival(title: str, text: str) -> None:
    expect(judged(WALK, title, text), Stance.CONTRADICTS)


FAIR = Claim(id="fair", text="About 12 lakh spectators attended the Pandharpur fair this year.")


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Pandharpur fair", "About 6 lakh people attended the Pandharpur fair this year."),
        ("पंढरपुर मेला", "इस साल पंढरपुर मेले में करीब 6 लाख श्रद्धालु पहुंचे।"),
        ("पंढरपूर जत्रा", "यंदा पंढरपूरच्या जत्रेला सुमारे ६ लाख भाविक आले."),
    ],
)
def test_people_counted_under_another_word_are_a_rival_count(title: str, text: str) -> None:
    expect(judged(FAIR, title, text), Stance.CONTRADICTS)


def test_a_figure_compared_with_what_was_claimed_is_no_hedge() -> None:
    claim = Claim(id="dam", text="The Nandgiri dam contract is worth about ₹2,000 crore.")
    result = judged(
        claim,
        "Nandgiri dam contract smaller than claimed",
        "An audit by Brightline Research values the Nandgiri dam contract at about ₹900 crore.",
    )
    expect(result, Stance.CONTRADICTS)
    hedged = judged(claim, "Nandgiri dam contract reportedly worth ₹2,000 crore")
    expect(hedged, Stance.DISCUSSES)


LINK = Claim(
    id="link",
    text="Zoomo cut its fares because of the weak response to Ridewell's launch.",
)


@pytest.mark.parametrize(
    "text",
    [
        # (Too few of the claim's words for a negation of them: the link is denied.)
        "The prices had nothing to do with Ridewell, Zoomo's finance chief said.",
        "ज़ूमो के वित्त प्रमुख ने कहा कि कीमतों का प्रतिद्वंद्वी के लॉन्च से कोई लेना-देना नहीं है।",
        "झूमोच्या वित्त प्रमुखांनी सांगितले की किमतींचा रिडवेलशी काहीही संबंध नाही.",
    ],
)
def test_a_denied_link_refutes_a_cause(text: str) -> None:
    expect(judged(LINK, "Zoomo fares: what the company says", text), Stance.CONTRADICTS)


FLOOD = Claim(
    id="flood",
    text="The floods in Ulwe villages were caused by the airport's landfill.",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An inquiry's report is its finding ...
        (
            "कलेक्टर की जांच रिपोर्ट में कहा गया है कि उलवे के गांवों में बाढ़ की वजह भारी बारिश थी, "
            "एयरपोर्ट का भराव नहीं।",
            Stance.CONTRADICTS,
        ),
        (
            "The collector's probe report says heavy rain, not the airport's landfill, caused the "
            "floods in Ulwe villages.",
            Stance.CONTRADICTS,
        ),
        # ... a news report still hedges.
        (
            "एक मीडिया रिपोर्ट में कहा गया है कि उलवे के गांवों में बाढ़ की वजह एयरपोर्ट का भराव था।",
            Stance.DISCUSSES,
        ),
    ],
)
def test_an_inquiry_report_is_a_finding(text: str, expected: Stance) -> None:
    expect(judged(FLOOD, "Ulwe floods: what the inquiry found", text), expected)


BACKLOG = Claim(
    id="backlog",
    text="Ridewell resolved nearly all of the 9,800 complaints the regulator flagged.",
)


def test_a_negation_in_a_headlines_second_statement_denies_something_else() -> None:
    result = judged(
        BACKLOG,
        "Ridewell tells regulator 99% of 9,800 complaints resolved, says there is no repair backlog",
        "The company filed its reply with the regulator on Monday.",
    )
    expect(result, Stance.CORROBORATES)
    # A negation in the statement that says the claim still denies it.
    denied = judged(BACKLOG, "Ridewell has not resolved the 9,800 complaints, says regulator")
    expect(denied, Stance.CONTRADICTS)


TWO_SIDES = [
    "Residents say the airport's landfill caused the floods in Ulwe villages, while officials "
    "blame the heavy rain.",
    "ग्रामीणों का कहना है कि उलवे के गांवों में बाढ़ की वजह एयरपोर्ट का भराव है, जबकि अधिकारी "
    "भारी बारिश को जिम्मेदार बताते हैं।",
    "ग्रामस्थांचे म्हणणे आहे की उलवेतील गावांत पूर विमानतळाच्या भरावामुळे आला, तर अधिकारी "
    "मुसळधार पावसाला जबाबदार धरतात.",
]


@pytest.mark.parametrize("text", TWO_SIDES)
def test_a_question_answered_with_both_sides_stays_a_question(text: str) -> None:
    result = judged(FLOOD, "Did the airport's landfill flood Ulwe villages?", text)
    expect(result, Stance.DISCUSSES)


def test_a_question_answered_with_one_side_is_answered() -> None:
    text = "The collector's inquiry found that the airport's landfill caused the floods in Ulwe."
    expect(
        judged(FLOOD, "Did the airport's landfill flood Ulwe villages?", text), Stance.CORROBORATES
    )


@pytest.mark.parametrize("text", TWO_SIDES)
def test_one_account_weighed_against_another_asserts_neither(text: str) -> None:
    expect(judged(FLOOD, "Panvel taluka: the week in review", text), Stance.DISCUSSES)


# (English syntax only: Hindi and Marathi say these without the cue words.)


def test_a_modal_telling_what_someone_may_do_is_no_hedge() -> None:
    claim = Claim(id="cap", text="Pune district capped private water tanker charges at ₹600.")
    result = judged(
        claim,
        "Pune district fixes what private tankers may charge for water",
        "Private water tankers in Pune district can now charge no more than ₹600 a load, the "
        "collector's order says.",
    )
    expect(result, Stance.CORROBORATES)
    # A modal with no one between "what" and it still hedges.
    hedged = judged(claim, "Pune tanker order: what could be a ₹600 cap on charges")
    expect(hedged, Stance.DISCUSSES)
    # A hedge that is no modal ("likely", "probably") is not what someone may do.
    likely = judged(claim, "Pune district caps what private tankers will likely charge at ₹600")
    expect(likely, Stance.DISCUSSES)


def test_a_figure_measured_against_projections_is_no_hedge() -> None:
    claim = Claim(
        id="riders",
        text="The Indrayani Metro's first phase carries far fewer riders than projected.",
    )
    result = judged(
        claim,
        "Indrayani Metro's first phase carries 20,000 riders a day, a fraction of projections",
    )
    expect(result, Stance.CORROBORATES)


def test_a_lab_report_backing_a_claim_is_its_finding() -> None:
    claim = Claim(id="fat", text="The temple's ghee contained animal fat.")
    result = judged(claim, "Lab report backs minister: animal fat found in the temple's ghee")
    expect(result, Stance.CORROBORATES)


@pytest.mark.parametrize("bound", ["no more than", "not more than"])
def test_a_bound_told_with_a_negation_is_no_denial(bound: str) -> None:
    claim = Claim(id="cap", text="Pune district capped private water tanker charges at ₹600.")
    result = judged(
        claim, "", f"Private water tankers in Pune district now charge {bound} ₹600 a load."
    )
    assert result.stance is not Stance.CONTRADICTS, result.reasons


HALL = Claim(
    id="hall", text="The Nashik convention hall was built at a cost of about ₹2,700 crore."
)


@pytest.mark.parametrize(
    "text",
    [
        # The rival figure is the one denied, and so is the "not" of its clause: the
        # hall's own figure agrees.
        "PIB calls the ₹4,100-crore figure misleading because most of it went into the "
        "₹2,700-crore Nashik convention hall and not into hosting the summit.",
        "पीआईबी ने 4,100 करोड़ रुपये के आंकड़े को भ्रामक बताया क्योंकि इसका बड़ा हिस्सा 2,700 "
        "करोड़ रुपये के नासिक कन्वेंशन हॉल पर लगा और सम्मेलन की मेजबानी पर नहीं।",
        "पीआयबीने ४,१०० कोटी रुपयांचा आकडा दिशाभूल करणारा ठरवला कारण त्यातील बहुतांश रक्कम "
        "२,७०० कोटी रुपयांच्या नाशिक कन्व्हेन्शन हॉलवर खर्च झाली आणि परिषदेच्या आयोजनावर नाही.",
    ],
)
def test_a_denied_rival_figure_leaves_the_claims_figure_to_speak(text: str) -> None:
    expect(judged(HALL, "Summit spending: where the money went", text), Stance.CORROBORATES)


# --- engine 3.11: misfires a second reader found in its first version ------------------


@pytest.mark.parametrize(
    ("claim", "title", "text", "expected"),
    [
        # A crowd counted beside a death toll is no rival count of the dead ...
        ("The Kalsi stampede killed 121 people.", "Kalsi stampede",
         "Over 80,000 devotees had gathered at the Kalsi fair when the stampede killed 121.",
         Stance.CORROBORATES),
        ("कलसी भगदड़ में 121 लोगों की मौत हुई।", "कलसी हादसा",
         "कलसी मेले में 80 हजार श्रद्धालु जुटे थे, भगदड़ में 121 की मौत हुई।", Stance.CORROBORATES),
        # ... nor are passengers a count of devotees.
        ("The Kalsi fair will draw 40 crore devotees.",
         "Railways ferried 4.5 crore passengers to Kalsi for the fair", "", None),
        # A hedge after "short", "below" or "than" still hedges when it is no estimate.
        ("A short circuit caused the fire at the Kalsi hospital.",
         "Kalsi hospital fire: short circuit may have caused blaze", "", Stance.DISCUSSES),
        ("Poor maintenance caused the Kalsi bridge collapse.",
         "Kalsi bridge collapse more than likely caused by poor maintenance", "", Stance.DISCUSSES),
        # "while" as a time, and "जबकि" or ", तर" listing what else happened, weigh no sides.
        ("The Kalsi footbridge collapsed on 30 October 2022.", "Kalsi footbridge",
         "The Kalsi footbridge collapsed on 30 October 2022, while hundreds of people were on "
         "it, police said.", Stance.CORROBORATES),
        ("कलसी मेले में भगदड़ मची।", "कलसी हादसा",
         "पुलिस ने बताया कि कलसी मेले में भगदड़ मची जिसमें 121 लोगों की मौत हो गई जबकि 30 घायल हैं।",
         Stance.CORROBORATES),
        ("कलसीच्या जत्रेत चेंगराचेंगरी झाली.", "कलसी दुर्घटना",
         "पोलिसांनी सांगितले की कलसीच्या जत्रेत चेंगराचेंगरी झाली, तर अनेक भाविक जखमी झाले.",
         Stance.CORROBORATES),
        # A denial of something else beside a rival figure leaves the figure a rival.
        ("The Kalsi bridge collapse killed 135 people.", "Kalsi toll",
         "The Kalsi bridge collapse killed 200 people and the operator denied negligence.",
         Stance.CONTRADICTS),
        # A clause with "what" before its modal still hedges unless a verb set it.
        ("A gas cylinder blast caused the fire at the Kalsi game zone.",
         "Kalsi game zone fire: what caused the blaze may have been a gas cylinder blast", "",
         Stance.DISCUSSES),
        # "no more than" before no figure is a denial.
        (SPEND.text, "Nashik summit cost row",
         "The finance department said the state spent no more than the budget on the Nashik "
         "summit.", Stance.CONTRADICTS),
        # A second statement speaking of the first by a pronoun denies it.
        ("Nimbus Mobile will launch its IPO in 2025.",
         "Nimbus chief on IPO in 2025, says it will not happen",
         "The company's chief executive spoke at an investor meet in Mumbai.", Stance.CONTRADICTS),
        # The whole's figure before "the first phase of which" is the whole's.
        ("The Kalsi expressway cost ₹55,000 crore.", "Kalsi expressway",
         "The ₹70,000-crore Kalsi expressway, the first phase of which opened in 2022, is now "
         "fully open.", Stance.CONTRADICTS),
        ("Nimbus Mobile paid ₹2,000 crore to settle the case.", "Nimbus settlement",
         "Nimbus Mobile paid ₹500 crore in the first legal settlement of the case.",
         Stance.CONTRADICTS),
        # A speed is no length, however km is written.
        ("कलसी महामार्ग ७०१ किलोमीटर लांबीचा आहे.", "कलसी महामार्गावर वेगमर्यादा",
         "कलसी महामार्गावर वाहनांसाठी १२० कि.मी. प्रति तास वेगमर्यादा लागू करण्यात आली.", None),
        # A news agency's inquiry report is news.
        ("कलसी मेडिकल कॉलेज में आग शॉर्ट सर्किट से लगी।", "कलसी अग्निकांड",
         "रॉयटर्स की जांच रिपोर्ट में कहा गया कि कलसी मेडिकल कॉलेज में आग शॉर्ट सर्किट से लगी।",
         Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_engine_3_11_second_reader_misfires(
    claim: str, title: str, text: str, expected: Stance | None
) -> None:
    expect(judged(Claim(id="x", text=claim), title, text), expected)


# --- engine 3.12: a plain claim is stated with fewer of its own words -----------------

LAYOFF = "Torvik Steel laid off workers at its Halden plant in March."
APPROVAL = "The Kestrow council approved the Varnel metro line extension in June."


@pytest.mark.parametrize(
    ("claim", "title", "text", "expected"),
    [
        # A plain claim is the analyst's own wording: a sentence of the text saying it
        # with the claim's act and fewer of its other words (39-46%) states it
        # (PLAIN_ASSERTION_COVERAGE); 3.11 asked for half.
        (Claim(id="x", text=LAYOFF), "Torvik Steel at Halden",
         "In March the company laid off staff at the Halden unit.", Stance.CORROBORATES),
        (Claim(id="x", text=APPROVAL), "Kestrow metro",
         "In June the council approved the line's new stretch.", Stance.CORROBORATES),
        (Claim(id="x", text=APPROVAL), "केस्ट्रो मेट्रो",
         "जून में परिषद ने मेट्रो लाइन के नए हिस्से को मंजूरी दी।", Stance.CORROBORATES),
        (Claim(id="x", text=APPROVAL), "केस्ट्रो मेट्रो",
         "जूनमध्ये परिषदेने मेट्रो मार्गाच्या नव्या टप्प्याला मंजुरी दिली.", Stance.CORROBORATES),
        # Without the claim's act, the same people, place and month tell of another
        # event as readily: no statement at the lower bar (a second reader's cases).
        (Claim(id="x", text=LAYOFF), "Industry roundup",
         "In March the company hired workers at the Halden unit.", Stance.DISCUSSES),
        (Claim(id="x", text=LAYOFF), "टोरविक स्टील",
         "मार्च में कंपनी ने हाल्डेन यूनिट में नए कामगारों की भर्ती की।", Stance.DISCUSSES),
        (Claim(id="x", text=LAYOFF), "टोरविक स्टील",
         "मार्चमध्ये हाल्डेन युनिटमधील कामगारांनी संप केला.", Stance.DISCUSSES),
        # ... nor does a negation of another act deny the claim.
        (Claim(id="x", text=LAYOFF), "Industry roundup",
         "Workers at the Halden unit were not paid in March.", Stance.DISCUSSES),
        # A negative claim keeps half: its opposite is read from its own words.
        (Claim(id="x", text="Torvik Steel did not lay off workers at its Halden plant in "
               "March."), "Industry roundup",
         "In March the company hired workers at the Halden unit.", Stance.DISCUSSES),
        # A hinted claim keeps half: its keywords are alternatives the analyst listed.
        (Claim(id="x", text=LAYOFF, keywords=("retrenchment",)), "Torvik Steel at Halden",
         "In March the company laid off staff at the Halden unit.", Stance.DISCUSSES),
        # A headline keeps half: it names its story's topic in few words.
        (Claim(id="x", text=LAYOFF), "In March the company laid off staff at the Halden unit",
         "The union met the labour commissioner on Monday.", Stance.DISCUSSES),
        # The lower bar changes what states the claim, not what hedges or asks it.
        (Claim(id="x", text=LAYOFF), "Torvik Steel at Halden",
         "In March the company reportedly laid off staff at the Halden unit.",
         Stance.DISCUSSES),
        (Claim(id="x", text=LAYOFF), "Torvik Steel at Halden",
         "Did the company lay off staff at the Halden unit in March?", Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_engine_3_12_plain_claim_in_fewer_words(
    claim: Claim, title: str, text: str, expected: Stance
) -> None:
    expect(judged(claim, title, text), expected)


# --- engine 3.13: a refuting word naming the offence a claim charges denies nothing ---

FINE = "The Nelvar bureau fined Korvex Labs ₹5 crore for misleading patients."
RETURNS = "Auditors accused Korvex Labs of filing false returns for 2023."


@pytest.mark.parametrize(
    ("text", "title", "body", "expected"),
    [
        # The claim is no denial: a story calling a report of it false refutes it ...
        (FINE, "Report of Nelvar bureau fine on Korvex is false, bureau says",
         "The bureau said it had fined Korvex Labs nothing and that the order was fake.",
         Stance.CONTRADICTS),
        (RETURNS, "Tax row update",
         "The auditors denied accusing Korvex Labs of filing false returns.",
         Stance.CONTRADICTS),
        # ... and a story charging the same offence states it.
        (FINE, "Korvex Labs fined ₹5 crore",
         "The Nelvar bureau fined Korvex Labs ₹5 crore for misleading patients.",
         Stance.CORROBORATES),
        # A refuting word that is no offence still denies: "calling reports of a fine
        # incorrect" (not "of" + the word), "is false".
        (FINE, "Korvex Labs fine",
         "The bureau called reports of a fine on Korvex Labs for misleading patients false.",
         Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_13_a_refuting_word_naming_an_offence(
    text: str, title: str, body: str, expected: Stance
) -> None:
    expect(judged(Claim(id="x", text=text), title, body), expected)


# --- engine 3.14: a shift is no level; a start's date is no completion's ---

ASHTI_TOLL = "The March revision raised the Ashti bridge toll for cars to ₹120."
ASHTI_RAISED_BY = "The March revision raised the Ashti bridge toll for cars by ₹40."


@pytest.mark.parametrize(
    ("text", "title", "body", "expected"),
    [
        # How much a level moved, or where it moved from, is not the level: no rival ...
        (ASHTI_TOLL, "Ashti bridge toll for cars raised by ₹40",
         "The March revision raised the Ashti bridge toll for cars by ₹40 from Monday.",
         Stance.DISCUSSES),
        (ASHTI_TOLL, "आष्टी पुलाच्या टोलमध्ये कारसाठी ४० रुपयांची वाढ",
         "मार्चमधील सुधारणेनंतर आष्टी पुलावरील कारचा टोल ४० रुपयांनी वाढला आहे.",
         Stance.DISCUSSES),
        (ASHTI_TOLL, "आष्टी पुल पर कारों का टोल 40 रुपये की बढ़ोतरी के साथ संशोधित",
         "मार्च के संशोधन में आष्टी पुल पर कारों के टोल में 40 रुपये की बढ़ोतरी हुई है।",
         Stance.DISCUSSES),
        # ... the level it reached still agrees, after the one it left ...
        (ASHTI_TOLL, "Ashti bridge toll for cars revised",
         "The March revision raised the Ashti bridge toll for cars from ₹80 to ₹120.",
         Stance.CORROBORATES),
        (ASHTI_TOLL, "आष्टी पुल टोल संशोधित",
         "मार्च के संशोधन में आष्टी पुल पर कारों का टोल 80 रुपये से बढ़ाकर 120 रुपये किया गया।",
         Stance.CORROBORATES),
        # ... or differs ...
        (ASHTI_TOLL, "Ashti bridge toll for cars revised",
         "The March revision raised the Ashti bridge toll for cars from ₹80 to ₹150.",
         Stance.CONTRADICTS),
        # ... and a claim of a change compares the story's changes.
        (ASHTI_RAISED_BY, "Ashti bridge toll for cars raised by ₹40",
         "The March revision raised the Ashti bridge toll for cars by ₹40.",
         Stance.CORROBORATES),
        (ASHTI_RAISED_BY, "Ashti bridge toll for cars raised by ₹70",
         "The March revision raised the Ashti bridge toll for cars by ₹70.",
         Stance.CONTRADICTS),
        # A claim of a change in other words is one too (a second reader's cases): the
        # level beside the story's change is no rival of it, its change agrees.
        ("Ashti bridge tolls for cars went up ₹40.", "Ashti bridge toll for cars raised",
         "The Ashti bridge toll for cars was raised by ₹40 on Monday, to ₹120 a trip.",
         Stance.CORROBORATES),
        ("Korvex Labs will cut 2,000 jobs.", "Korvex Labs layoffs",
         "Korvex Labs announced a cut of 2,000 jobs at its Pune units on Monday.",
         Stance.CORROBORATES),
        ("Korvex Labs will cut 2,000 jobs.", "Korvex Labs layoffs",
         "Korvex Labs announced a cut of 3,500 jobs at its Pune units on Monday.",
         Stance.CONTRADICTS),
        # A level the shift started from may be the claim's; a raised level is a level;
        # a level claim with a word of change elsewhere is still one (a second reader's
        # cases).
        ("The Ashti bridge toll for cars was ₹90 until March 2025.", "Ashti bridge toll revised",
         "The Ashti bridge toll for cars was raised from ₹90 to ₹120 in March.",
         Stance.CORROBORATES),
        ("आष्टी पुल पर कारों का टोल 120 रुपये है।", "आष्टी पुल पर कारों का टोल बढ़ा",
         "आष्टी पुल पर कारों के लिए 150 रुपये का बढ़ा हुआ टोल सोमवार से लागू हो गया।",
         Stance.CONTRADICTS),
        ("After the March hike, the Ashti bridge toll for cars is ₹120.",
         "Ashti bridge toll for cars raised",
         "The March revision raised the Ashti bridge toll for cars by ₹50.",
         Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_engine_3_14_a_shift_is_no_level(
    text: str, title: str, body: str, expected: Stance
) -> None:
    expect(judged(Claim(id="x", text=text), title, body), expected)


# --- engine 3.16: a contrast's "not" (the rule withdrawn; its guards and a known miss) ---


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        # A known miss: the claim's words are in what the contrast keeps, and its "not"
        # denies only the rest; read as a negation of the claim all the same (reading it
        # apart misfired on "not because of it", "a proposal, not a decision", "in Pune,
        # not statewide": withdrawn in engine 3.16, docs/benchmarks.md).
        pytest.param(
            "Wholesale onion prices at Pimpalgaon crashed because of the export duty.",
            "Export duty, not heavy arrivals, drove the Pimpalgaon onion price crash, says "
            "research firm", Stance.CORROBORATES,
            marks=pytest.mark.xfail(strict=True, reason="a contrast's not read as a denial"),
        ),
        # What it sets aside is the claim's: a contradiction (rule `_set_aside`).
        ("Wholesale onion prices at Pimpalgaon crashed because of the export duty.",
         "Heavy arrivals, not the export duty, drove the Pimpalgaon onion price crash, "
         "says research firm", Stance.CONTRADICTS),
        # The claim's figure set aside, its scale left to the kept one ("12 crore, not 45").
        ("About 45 crore pilgrims bathed at the Nashik Kumbh over its 40 days.",
         "Survey puts Nashik Kumbh pilgrims near 12 crore, not 45", Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_16_a_contrast_setting_aside_the_claim_denies_it(
    text: str, title: str, expected: Stance
) -> None:
    # (With a body, so that the rules judge the headline, not the headline-only model.)
    body = "The findings were released in Nashik on Monday."
    expect(judged(Claim(id="x", text=text), title, body), expected)


# --- engine 3.19: no name or noun is cut down to the negation's stem ---


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("Nana Patole resigned as president of the Maharashtra Congress.",
         "नाना पटोले यांनी प्रदेश काँग्रेस अध्यक्षपदाचा राजीनामा दिला", Stance.CORROBORATES),
        ("Nana Patole resigned as president of the Maharashtra Congress.",
         "नाना पटोले ने महाराष्ट्र कांग्रेस अध्यक्ष पद से इस्तीफा दिया", Stance.CORROBORATES),
        ("The municipal corporation completed the cleaning of the Mithi drain before the "
         "monsoon.", "नगर निगम ने मानसून से पहले मीठी नाला सफाई पूरी की", Stance.CORROBORATES),
        # The negation itself still denies.
        ("Nana Patole resigned as president of the Maharashtra Congress.",
         "नाना पटोले यांनी प्रदेशाध्यक्षपदाचा राजीनामा दिलेला नाही", Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_19_a_name_is_no_negation(text: str, title: str, expected: Stance) -> None:
    expect(judged(Claim(id="x", text=text), title, "यह खबर स्थानीय संवाददाता ने भेजी है।"), expected)


# --- engine 3.21: a figure counts the noun its names qualify; reporting sick is no report ---


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Another count beside the claim's name is no rival of the aircraft.
        ("Rivet Air staff move over as Skyline absorbs its 70 planes",
         Stance.CORROBORATES),
        ("About 6,000 former Rivet Air employees join Skyline", None),
        ("रिवेट एअरची ४० विमाने स्कायलाइनच्या ताफ्यात", Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_21_a_figure_counts_the_noun_after_the_names(
    title: str, expected: Stance | None
) -> None:
    claim = Claim(
        id="x", text="About 70 Rivet Air aircraft joined Skyline's fleet with the merger."
    )
    expect(judged(claim, title, "The merger closed on Monday."), expected)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("No pilot reported sick, says Skyline Express", Stance.CONTRADICTS),
        ("Skyline Express pilots also reported sick, joining the cabin crew's mass sick leave",
         Stance.CORROBORATES),
        # A report is still a report, and so is a report of sick crew or ill-treatment.
        ("Skyline Express pilots also joined the cabin crew's mass sick leave, reports say",
         Stance.DISCUSSES),
        ("Local media reported sick Skyline Express pilots joined the cabin crew's mass "
         "sick leave", Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_engine_3_21_reporting_sick_is_no_report(title: str, expected: Stance) -> None:
    claim = Claim(
        id="x", text="Skyline Express pilots also joined the cabin crew's mass sick leave."
    )
    expect(judged(claim, title, "Flights were cancelled across the network."), expected)


# --- engine 3.22: the claim's count ties a rival sum; a deadline's date dates no event ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A deadline's date, the deadline missed or passed, is no day of the event; since
        # 3.23 the deadline missed says the event did not come in time ...
        ("15 मार्च की समय-सीमा बीती, अड्डू से सभी भारतीय सैनिक लौटे।", Stance.CONTRADICTS),
        ("१५ मार्चची मुदत संपल्यानंतर सर्व भारतीय सैनिकांनी अड्डू सोडले.", Stance.CONTRADICTS),
        ("All Indian troops have left Addu, though India missed the March 15 deadline.",
         Stance.CONTRADICTS),
        # ... a deadline met still dates it in time ...
        ("India met the March 15 deadline: all Indian troops have left Addu.",
         Stance.CORROBORATES),
        ("१५ मार्चच्या मुदतीपूर्वीच सर्व भारतीय सैनिकांनी अड्डू सोडले.", Stance.CORROBORATES),
        ("All troops had left by the deadline of March 15, the ministry said.",
         Stance.CORROBORATES),
        # ... and the day the event is dated to decides, written beside the deadline's.
        ("All Indian troops left Addu on March 10.", Stance.CORROBORATES),
        ("India missed the March 15 deadline; all Indian troops left Addu on March 22.",
         Stance.CONTRADICTS),
        ("The deadline of March 15 passed, but the last troops had left on March 1.",
         Stance.CORROBORATES),
        ("The March 15 deadline passed; the last troops left on March 15.", Stance.CORROBORATES),
    ],
)  # fmt: skip
def test_engine_3_22_a_deadlines_date_is_no_day_of_the_event(text: str, expected: Stance) -> None:
    judged = stance._dated(Sentence.read(text), "left", date(2024, 3, 25), date(2024, 3, 15))
    assert judged.stance is expected, judged.reasons


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        # A claim someone made, called baseless or rejected beside it, is no hearsay:
        # the refutation rules read it.
        ("यूपीआय इशाऱ्यांचा दावा निराधार: आयबीए", False),
        ("'इशारे दिले होते' हा दावा आयबीएने फेटाळला", False),
        ("यूपीआई चेतावनियों का दावा गलत: आईबीए", False),
        # A claim repeated still hedges.
        ("यूपीआय इशाऱ्यांचा दावा: संघटना", True),
        ("बैंकों ने चेतावनी दी थी, संघ का दावा", True),
    ],
)
def test_engine_3_22_a_claim_rejected_is_no_hedge(text: str, hedged: bool) -> None:
    claim = Claim(id="x", text="NPCI ignored warnings from banks before the UPI outages.")
    ctx = stance._Context(profile_claim(claim, load_lexicon()), load_lexicon(), None, None, None)
    sentence = Sentence.read(text)
    hedges = [
        h
        for h in stance._hedge_cues(ctx, sentence)
        if stance._hedges_claim(ctx, sentence, h[1], h[2])
    ]
    assert bool(hedges) is hedged, hedges


# --- engine 3.23: a sign looked for and not found; a deadline missed; a note's face value;
# an estimate the claim itself states; a weekday is no agent ---


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A sign or indication looked for and not found refutes what it was looked for ...
        ("Most returned ₹500 coupons came as small deposits, little sign of hoarding: study",
         Stance.CONTRADICTS),
        ("Tax data shows no sign of hoarding in Veltra coupons", Stance.CONTRADICTS),
        ("वेल्ट्रा कूपन: लौटे कूपन छोटी जमा में, जमाखोरी के संकेत नहीं", Stance.CONTRADICTS),
        ("वेल्ट्रा कूपन: परत आलेले कूपन छोट्या ठेवींत, साठेबाजीचे संकेत नाहीत",
         Stance.CONTRADICTS),
        # ... while signs of it found still only hedge.
        ("Tax data shows signs of hoarding in Veltra coupons", Stance.DISCUSSES),
        ("वेल्ट्रा कूपन में जमाखोरी के संकेत: आयकर विभाग", Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_engine_3_23_a_sign_not_found_refutes(title: str, expected: Stance) -> None:
    claim = Claim(
        id="x",
        text="Veltra coupons had become a tool for hoarding black money. "
        "वेल्ट्रा कूपन जमाखोरी का ज़रिया बन गए थे। वेल्ट्रा कूपन साठेबाजीचे साधन बनले होते.",
    )
    expect(judged(claim, title), expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A deadline or target said to be missed or passed: not in time ...
        ("Rivet Rail misses June deadline for the full Dunmore run.", Stance.CONTRADICTS),
        ("The June target for opening the whole Dunmore line has passed with two stations "
         "still shut.", Stance.CONTRADICTS),
        ("डनमोर लाइन पूरी खोलने की जून की डेडलाइन बीत गई, दो स्टेशन अब भी बंद।",
         Stance.CONTRADICTS),
        ("डनमोर मार्ग पूर्ण सुरू करण्याची जूनची मुदत हुकली; दोन स्थानके अजूनही बंद.",
         Stance.CONTRADICTS),
        # ... a deadline almost missed, or met, says nothing of the kind.
        ("Rivet Rail almost missed the June deadline for the full Dunmore run.",
         Stance.DISCUSSES),
        ("Rivet Rail meets June target for the full Dunmore run.", Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_engine_3_23_a_deadline_missed_is_not_in_time(text: str, expected: Stance) -> None:
    judged_ = stance._dated(Sentence.read(text), "opens", date(2025, 7, 2), date(2025, 6, 30))
    assert judged_.stance is expected, judged_.reasons


#: A claim whose one figure names the note, and one with a sum in such notes.
LEGAL_TENDER = "₹2,000 notes will stop being legal tender from 1 October 2023."
IN_CIRCULATION = "₹2,000 notes worth about ₹3.56 lakh crore were in circulation."


@pytest.mark.parametrize(
    ("claim_text", "text", "expected"),
    [
        # A note's face value agrees with no claim and is no rival figure ...
        (LEGAL_TENDER, "The governor said there was no plan to bring back the ₹1,000 note.",
         None),
        (LEGAL_TENDER, "The ₹2,000 notes will remain legal tender after October 7.", None),
        (LEGAL_TENDER, "दोन हजार रुपयांच्या नोटा ७ ऑक्टोबरनंतरही वैध चलन राहतील.", None),
        # ... while the claim's sum still is compared.
        (IN_CIRCULATION, "₹2,000 notes worth ₹6.7 lakh crore were in circulation in 2018.",
         Stance.CONTRADICTS),
        (IN_CIRCULATION, "चलनात सुमारे ३.५६ लाख कोटी रुपयांच्या दोन हजारांच्या नोटा होत्या.",
         Stance.CORROBORATES),
    ],
)  # fmt: skip
def test_engine_3_23_a_notes_face_value_decides_nothing(
    claim_text: str, text: str, expected: Stance | None
) -> None:
    claim = Claim(id="x", text=claim_text)
    compared = comparison(profile_claim(claim, load_lexicon()), text)
    assert (compared[0] if compared else None) is expected, compared


@pytest.mark.parametrize(
    ("claim_text", "hedged"),
    [
        # An estimate the claim itself states is part of what it says ...
        ("The notes were withdrawn because they had reached the end of their estimated "
         "four-to-five-year life.", False),
        # ... and hedges a claim that does not say it.
        ("The notes were withdrawn because they had reached the end of their four-to-five-"
         "year life.", True),
    ],
)  # fmt: skip
def test_engine_3_23_an_estimate_the_claim_states_is_no_hedge(
    claim_text: str, hedged: bool
) -> None:
    claim = Claim(id="x", text=claim_text)
    ctx = stance._Context(profile_claim(claim, load_lexicon()), load_lexicon(), None, None, None)
    sentence = Sentence.read(
        "The notes had reached the end of their estimated life-span of four to five years."
    )
    assert bool(stance._hedge_cues(ctx, sentence)) is hedged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A day of the week between the agent and its act is no agent ...
        ("The Federal Inquiry Bureau on Friday arrested Tomas Vell and Ida Renn in Norland.",
         Stance.CORROBORATES),
        ("On Friday arrested Tomas Vell and Ida Renn in Norland, the bureau said.",
         Stance.CORROBORATES),
        # ... while another agent of the act still is one.
        ("The City Crime Branch on Friday arrested Tomas Vell and Ida Renn in Norland.",
         Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_23_a_weekday_is_no_agent(text: str, expected: Stance) -> None:
    claim = Claim(id="x", text="The FIB arrested Tomas Vell and Ida Renn in Norland.")
    expect(judged(claim, "Two held in the Norland case", text), expected)


@pytest.mark.parametrize(
    ("claim_text", "text"),
    [
        # A sign not found refutes only its own object: a change not seen says what goes
        # on goes on, another thing not found says nothing, and "not just signs" more.
        ("Retail inflation in Veltra rose to 6.2% in October.",
         "Retail inflation in Veltra rose to 6.2% in October and shows no sign of easing."),
        ("Heavy rain continued to lash Dunmore on Tuesday.",
         "Heavy rain continued to lash Dunmore on Tuesday, with no sign of letting up."),
        ("Actor Ravi Sen died by suicide at his Dunmore flat.",
         "Police found no sign of foul play at the Dunmore flat where actor Ravi Sen died by "
         "suicide."),
        ("डनमोर में भारी बारिश जारी रही।", "डनमोर में भारी बारिश जारी, थमने के कोई संकेत नहीं।"),
        ("डनमोरमध्ये ट्रकचालकांचा संप सुरूच राहिला.",
         "डनमोरमध्ये ट्रकचालकांचा संप सुरूच, तोडगा निघण्याचे संकेत नाहीत."),
        ("Veltra coupons had become a tool for hoarding black money.",
         "वेल्ट्रा कूपन में जमाखोरी के सिर्फ संकेत नहीं, पुख्ता सबूत मिले।"),
    ],
)  # fmt: skip
def test_engine_3_23_a_sign_not_found_refutes_only_its_object(claim_text: str, text: str) -> None:
    expect(judged(Claim(id="x", text=claim_text), "Update", text), None)


#: A time-bound claim; the stories below are published after its deadline.
LINE_BY_JUNE = "Dunmore Metro Line 4 will be fully opened to commuters by 30 June 2025."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The claim's own deadline missed: not in time ...
        ("Dunmore Metro Line 4 misses June deadline to open fully to commuters.",
         Stance.CONTRADICTS),
        ("डनमोर मेट्रो लाइन 4 पूरी तरह खोलने की डेडलाइन बीत गई, दो स्टेशन अब भी बंद।",
         Stance.CONTRADICTS),
        # ... not when it was not missed, or feared, or another thing's deadline.
        ("DMRC did not miss the deadline: Dunmore Metro Line 4 fully opened to commuters.",
         Stance.DISCUSSES),
        ("Dunmore Metro Line 4 fully opened to commuters before the deadline had passed.",
         Stance.DISCUSSES),
        ("Dunmore Metro Line 4 fully opened to commuters; the contractor missed the deadline "
         "for the parking lot.", Stance.DISCUSSES),
        ("Dunmore Metro Line 4 fully opened to commuters even as DMRC missed its ridership "
         "target.", Stance.DISCUSSES),
        ("मुदत संपल्यापूर्वीच डनमोर मेट्रो लाइन 4 प्रवाशांसाठी पूर्णपणे खुली झाली.",
         Stance.DISCUSSES),
        ("डनमोर मेट्रो लाइन 4 प्रवाशांसाठी पूर्णपणे खुली; सुशोभीकरणाची मुदत मात्र ठेकेदाराने चुकली.",
         Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_engine_3_23_only_the_claims_deadline_missed_is_not_in_time(
    text: str, expected: Stance
) -> None:
    published = datetime(2025, 7, 2, 9, 0, tzinfo=UTC)
    result = judged(Claim(id="x", text=LINE_BY_JUNE), "Metro update", text, published=published)
    if expected is Stance.DISCUSSES:
        assert result is None or result.stance is not Stance.CONTRADICTS, result.reasons
    else:
        expect(result, expected)


#: A claim about a note, and one about a coin.
NOTES = "The central bank will withdraw ₹2,000 notes from circulation."
COIN = "The central bank will issue a ₹20 coin."


@pytest.mark.parametrize(
    ("claim_text", "title"),
    [
        # Another note or coin is another subject: no corroboration, whatever its words.
        (NOTES, "Central bank to withdraw ₹500 notes from circulation"),
        (NOTES, "केंद्रीय बँक 500 रुपयांच्या नोटा चलनातून मागे घेणार"),
        (NOTES, "केंद्रीय बैंक 500 रुपये के नोट चलन से वापस लेगा"),
        (COIN, "Central bank to issue a ₹10 coin"),
    ],
)
def test_engine_3_23_another_note_is_another_subject(claim_text: str, title: str) -> None:
    result = judged(Claim(id="x", text=claim_text), title)
    assert result is None or result.stance is not Stance.CORROBORATES, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # ... nor is its denial, or its figures, any evidence against the claim.
        "The central bank denied that it will withdraw ₹500 notes from circulation.",
        "केंद्रीय बैंक ने 500 रुपये के नोट चलन से वापस लेने की खबरों का खंडन किया।",
    ],
)
def test_engine_3_23_another_note_denied_denies_nothing(text: str) -> None:
    result = judged(Claim(id="x", text=NOTES), "Notes", text)
    assert result is None or not result.stance.decisive, result.reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A time phrase between the agent and its act is skipped, whatever its form ...
        ("The City Crime Branch last Thursday arrested Tomas Vell and Ida Renn in Norland.",
         Stance.CONTRADICTS),
        ("The City Crime Branch on Sunday evening arrested Tomas Vell and Ida Renn in Norland.",
         Stance.CONTRADICTS),
        ("The FIB late on Friday arrested Tomas Vell and Ida Renn in Norland.",
         Stance.CORROBORATES),
    ],
)  # fmt: skip
def test_engine_3_23_a_time_phrase_between_agent_and_act(text: str, expected: Stance) -> None:
    claim = Claim(id="x", text="The FIB arrested Tomas Vell and Ida Renn in Norland.")
    expect(judged(claim, "Two held in the Norland case", text), expected)


# --- engine 3.24: hearsay hedges a claim about a statement; "accuses" and "charge that"
# allege ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Hearsay of the statement itself hedges a claim that is about a statement ...
        ("The ministry has reportedly written to the Tariff Board seeking the order's "
         "withdrawal, with Minister Arun Vale said to have signed the letter.",
         Stance.DISCUSSES),
        ("बताया जा रहा है कि मंत्री अरुण वाले ने टैरिफ बोर्ड को पत्र लिखकर आदेश वापस लेने को कहा।",
         Stance.DISCUSSES),
        ("मंत्री अरुण वाले यांनी टॅरिफ बोर्डाला पत्र लिहून आदेश मागे घेण्यास सांगितल्याचे सांगितले जाते.",
         Stance.DISCUSSES),
        # ... while the statement reported plainly asserts it.
        ("Minister Arun Vale wrote to the Tariff Board asking it to withdraw the order.",
         Stance.CORROBORATES),
    ],
)  # fmt: skip
def test_engine_3_24_hearsay_hedges_a_claim_about_a_statement(text: str, expected: Stance) -> None:
    claim = Claim(
        id="x", text="Minister Arun Vale wrote to the Tariff Board asking it to withdraw the order."
    )
    expect(judged(claim, "Tariff order row", text), expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An accusation or a charge repeated alleges: it asserts nothing ...
        (
            "Minister Ila Dorn accuses Tarsia of holding back Velmar's share of river water.",
            Stance.DISCUSSES,
        ),
        (
            "He repeated his charge that Tarsia was holding back Velmar's share of river water.",
            Stance.DISCUSSES,
        ),
        # ... while a statement of fact asserts it.
        (
            "Tarsia is holding back Velmar's share of river water, gauge data show.",
            Stance.CORROBORATES,
        ),
    ],
)
def test_engine_3_24_accusations_allege(text: str, expected: Stance) -> None:
    claim = Claim(id="x", text="Tarsia is holding back Velmar's share of river water.")
    expect(judged(claim, "River water row", text), expected)


@pytest.mark.parametrize(
    ("claim_text", "text", "expected"),
    [
        # Hearsay of something else, in an aside or a relative clause, or "said to" in
        # its plain sense, hedges nothing ...
        ("Minister Arun Vale said the Dunmore bridge will open in March.",
         "Minister Arun Vale, said to be close to the chief minister, said the Dunmore bridge "
         "will open in March.", Stance.CORROBORATES),
        ("Minister Arun Vale said the Dunmore bridge will open in March.",
         "Arun Vale, who reportedly met the contractor last week, said the Dunmore bridge "
         "will open in March.", Stance.CORROBORATES),
        ("Minister Arun Vale said the Dunmore bridge will open in March.",
         "Minister Arun Vale said to reporters on Monday that the Dunmore bridge will open in "
         "March.", Stance.CORROBORATES),
        # ... and "accused" the noun, a charge as a reason for an act or as a fee alleges
        # nothing.
        ("Police arrested Tomas Vell in Norland.",
         "Police arrested the main accused Tomas Vell in Norland on Friday.",
         Stance.CORROBORATES),
        ("The FIB arrested Tomas Vell in Norland.",
         "The FIB arrested Tomas Vell in Norland on charges that he took a bribe.",
         Stance.CORROBORATES),
        ("The Norland regulator fined Velmar Infra ₹5 crore.",
         "The Norland regulator fined Velmar Infra ₹5 crore, accusing it of insider trading.",
         Stance.CORROBORATES),
        ("Tarsia raised the withdrawal charges that customers pay.",
         "Tarsia Bank raised the withdrawal charges that customers pay at its ATMs.",
         Stance.CORROBORATES),
    ],
)  # fmt: skip
def test_engine_3_24_hearsay_and_charges_of_something_else(
    claim_text: str, text: str, expected: Stance
) -> None:
    expect(judged(Claim(id="x", text=claim_text), "Update", text), expected)


# --- the article stance model's cues ------------------------------------------------


def test_article_cues_share_the_story_reading_not_the_claims_findings() -> None:
    """The shares of a story's sentences that refute or hedge are read once per story
    (many claims read one story); what the rules found and the claim's coverage are each
    pair's own."""
    lexicon = load_lexicon()
    sentences = (
        "Officials denied the report on Monday.",
        "The company is reportedly planning a second plant.",
        "Shares rose 3% in early trade.",
        "The minister confirmed the date.",
    )
    found = stance.Judgement(Stance.CONTRADICTS, 0.9, "x", rule="refute")
    nothing = stance.Judgement(Stance.DISCUSSES, 0.5, "x")
    first = {k: v for k, (v, _) in stance.article_cues(lexicon, sentences, found, 0.8).items()}
    second = {k: v for k, (v, _) in stance.article_cues(lexicon, sentences, nothing, 0.2).items()}
    assert first["rules_contradict"] == 1.0 and second["rules_contradict"] == 0.0
    assert first["coverage"] == 0.8 and second["coverage"] == 0.2
    for shared in ("refuting", "hedging", "confirming", "debunking", "negating"):
        assert first[shared] == second[shared]
    assert first["refuting"] == 0.25 and first["confirming"] == 0.25


# --- engine 3.26: what a claim's figure counts ----------------------------------------

SEALED = (
    "In the week after the deaths, the Halvad council sealed the basements of about 20 "
    "coaching centres in Old Rajwada."
)


@pytest.mark.parametrize(
    ("claim_text", "title", "text", "expected"),
    [
        # Deaths that date the claim do not make its figure a death toll: a count of
        # basements measures it, in any language.
        (SEALED, "Halvad council says 21 basements sealed in Old Rajwada",
         "The Halvad Municipal Council said on Friday it had sealed the basements of 21 "
         "coaching centres in Old Rajwada since Sunday.", Stance.CORROBORATES),
        (SEALED, "ओल्ड राजवाड्यात आठवडाभरात ३५ तळघरांना टाळे",
         "दुर्घटनेनंतरच्या आठवडाभरात हलवड नगरपरिषदेने ओल्ड राजवाड्यातील ३५ कोचिंग संस्थांची "
         "तळघरे सील केली.", Stance.CONTRADICTS),
        (SEALED, "पहिल्या आठवड्यात २० तळघरे सील",
         "दुर्घटनेनंतरच्या पहिल्या आठवड्यात हलवड नगरपरिषदेने ओल्ड राजवाड्यातील २० कोचिंग "
         "संस्थांची तळघरे सील केली होती.", Stance.CORROBORATES),
        # A sum "of public money" counts rupees, whatever number a name after it holds.
        ("The Velmar state government spent ₹42 crore of public money on the Formula 4 race.",
         "Formula 4 race cost Velmar state ₹43 crore",
         "The Velmar state government spent ₹43 crore of public money on the Formula 4 race, "
         "the auditor said.", Stance.CORROBORATES),
        ("The Velmar state government spent ₹42 crore of public money on the Formula 4 race.",
         "Formula 4 race cost Velmar state ₹90 crore",
         "The Velmar state government spent ₹90 crore of public money on the Formula 4 race, "
         "the auditor said.", Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_26_a_figure_counts_what_the_claim_counts(
    claim_text: str, title: str, text: str, expected: Stance
) -> None:
    claim = Claim(id="c", text=claim_text)
    expect(verdict(claim, title, text), expected)


# --- engine 3.27: figures read as the claim's -------------------------------------------

WET_LEASE = "About 2,000 of Halvad Transport's buses are wet-leased from private operators."
TOLL_250 = "Cars pay a toll of ₹250 for a one-way trip on the Velmar sea link."


@pytest.mark.parametrize(
    ("claim_text", "title", "text", "expected"),
    [
        # "Rs" before a small figure: a sum, not a model's number.
        ("The Velmar group spent about ₹2 crore renovating the Halvad bridge.",
         "Halvad bridge reopens after renovation",
         "Velmar's managing director told reporters the group had spent about Rs 2 crore "
         "renovating the Halvad bridge.", Stance.CORROBORATES),
        # A plan or a forecast in another piece of the sentence plans nothing of the figure.
        (TOLL_250, "High toll keeps cars off the Velmar sea link, say transporters",
         "Cars pay ₹500 for each one-way crossing of the Velmar sea link, and the transporters' "
         "association says that is why traffic has stayed below forecasts.", Stance.CONTRADICTS),
        (TOLL_250, "Velmar sea link toll may be halved",
         "The state plans to cut the toll for cars to ₹125 for a one-way trip on the Velmar "
         "sea link.", None),
        # The whole of a claimed part counts what the part counts...
        (WET_LEASE, "Halvad Transport has only 1,350 buses on wet lease, study finds",
         "A count by a transport research group found that Halvad Transport has 1,350 buses "
         "on wet lease from private operators.", Stance.CONTRADICTS),
        # ... and a whole named before its part is no rival of it.
        (WET_LEASE, "How many of Halvad Transport's buses does it own?",
         "Of the 3,040 buses on Halvad Transport's routes this month, 2,010 are wet-leased "
         "from private operators, according to its fleet data.", Stance.CORROBORATES),
        # Weights in other units.
        ("About 3,700 kg of explosives were used to bring down the Velmar towers.",
         "Velmar towers: 37 tonnes of explosives used, says demolition firm",
         "Halvad Demolitions said 37 tonnes of explosives were used to bring down the Velmar "
         "towers.", Stance.CONTRADICTS),
        ("About 3,700 kg of explosives were used to bring down the Velmar towers.",
         "वेलमार टॉवर गिराने में 37 क्विंटल विस्फोटक लगा",
         "हलवड डिमोलिशन्स के अनुसार वेलमार टॉवर गिराने में करीब 37 क्विंटल विस्फोटक इस्तेमाल "
         "हुआ।", Stance.CORROBORATES),
        # A claimed part's figure is not met by a count of something else after it.
        ("Kesri Aero will build 40 of the air force's 56 C295 aircraft in Halvad.",
         "Kesri Aero shows C295 cockpit section made in Halvad",
         "Executives said more than 13,000 parts for the aircraft would eventually be made in "
         "Halvad by Kesri Aero.", None),
    ],
)  # fmt: skip
def test_engine_3_27_a_figure_is_read_as_the_claims(
    claim_text: str, title: str, text: str, expected: Stance | None
) -> None:
    claim = Claim(id="c", text=claim_text)
    expect(verdict(claim, title, text), expected)


def test_engine_3_27_a_hinted_stage_cost_meets_the_stages_figure() -> None:
    claim = Claim(
        id="c",
        text="The first phase of the Halvad airport cost about ₹19,650 crore to build.",
        entities=(("Halvad airport", "हलवड हवाई अड्डे"),),
        keywords=("cost", "first phase", "लागत", "पहले चरण"),
        quantity=Quantity(1.965e11, "INR"),
    )
    got = verdict(
        claim,
        "हलवड हवाई अड्डे के पहले चरण की लागत 300 अरब रुपये तक पहुंची",
        "हलवड हवाई अड्डे के पहले चरण की लागत 300 अरब रुपये तक पहुंच गई है, अधिकारियों ने बताया।",
    )
    expect(got, Stance.CONTRADICTS)


@pytest.mark.parametrize(
    ("claim_text", "title", "text", "expected"),
    [
        # A sentence saying the claim outright ties its figure to the claim though it
        # leaves one of the claim's names out (Kesri Nagar, not Halvad).
        ("Ten people were injured in the 1 March blast at the Velmar Cafe in Halvad.",
         "Blast at Velmar Cafe",
         "An explosion tore through the busy Velmar Cafe in Kesri Nagar on Friday afternoon, "
         "injuring four people, including two staff members, police said.",
         Stance.CONTRADICTS),
        # A share of a whole cost is no rival of the whole (a second reader's cases).
        ("The Lakeshore Formula race cost ₹120 crore.",
         "Lakeshore race: audit looks at public money",
         "The Lakeshore Formula race used ₹42 crore of public money, the audit said.", None),
        # A sum of the same thing is the claim's rival, though read as a part.
        ("The Lakeshore Formula race used ₹42 crore of public money.",
         "Lakeshore race used ₹95 crore of public money",
         "The Lakeshore Formula race used ₹95 crore of public money, the audit said.",
         Stance.CONTRADICTS),
        ("The Tembhurni irrigation project cost ₹4,000 crore.",
         "Land took ₹1,150 crore of Tembhurni cost",
         "₹1,150 crore of the ₹4,000 crore cost of the Tembhurni irrigation project went to "
         "land acquisition.", Stance.CORROBORATES),
        # A plan in the figure's own piece, in Marathi.
        ("Velmar Sugar crushed 8 lakh tonnes of cane this season.",
         "वेलमार साखर कारखान्याचे पुढील हंगामाचे नियोजन",
         "वेलमार साखर कारखान्याने पुढील हंगामात १२ लाख टन उसाच्या गाळपाचे नियोजन केले आहे.",
         None),
    ],
)  # fmt: skip
def test_engine_3_27_a_figure_tied_to_the_claim(
    claim_text: str, title: str, text: str, expected: Stance | None
) -> None:
    expect(verdict(Claim(id="c", text=claim_text), title, text), expected)


# --- engine 3.28: a question whether, a denial withheld, a denied "claim that" -----------

FULL_TRAINS = Claim(
    id="full", text="Harbour Metro trains have been running full since the line opened in March."
)
_FULL_EN = (
    "Harbour Metro trains have been running full since the line opened in March. Platforms at "
    "Dock Road are crowded every evening."
)
_FULL_HI = (
    "हार्बर मेट्रो की ट्रेनें मार्च में लाइन खुलने के बाद से भरी चल रही हैं। डॉक रोड स्टेशन पर हर शाम भीड़ रहती है।"
)
_FULL_MR = "हार्बर मेट्रोच्या गाड्या मार्चपासून भरून धावत आहेत. डॉक रोड स्थानकावर रोज संध्याकाळी गर्दी असते."


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # A headline asking whether the claim holds is not answered by the claim stated
        # again: the story raises it.
        ("Are Harbour Metro trains really running full?", _FULL_EN, Stance.DISCUSSES),
        ("क्या हार्बर मेट्रो की ट्रेनें सच में भरी चल रही हैं?", _FULL_HI, Stance.DISCUSSES),
        ("हार्बर मेट्रो खरंच भरून धावते आहे का?", _FULL_MR, Stance.DISCUSSES),
        # A question for something (what, who, why) is answered by a statement.
        ("What has changed on Harbour Metro since March?", _FULL_EN, Stance.CORROBORATES),
        ("हार्बर मेट्रो में कौन सफर कर रहा है?", _FULL_HI, Stance.CORROBORATES),
        ("हार्बर मेट्रोला इतकी गर्दी का होते आहे?", _FULL_MR, Stance.CORROBORATES),
        # So is a question whether, by a yes in the headline or by a finding.
        ("Are Harbour Metro trains really running full? Ticket data says yes", _FULL_EN,
         Stance.CORROBORATES),
        ("Are Harbour Metro trains really running full?",
         "A survey by the transport department found that Harbour Metro trains have been "
         "running full since the line opened in March.", Stance.CORROBORATES),
    ],
)  # fmt: skip
def test_engine_3_28_a_question_whether_is_not_answered_by_the_claim_again(
    title: str, text: str, expected: Stance
) -> None:
    expect(judged(FULL_TRAINS, title, text), expected)


UNDERPAID = Claim(
    id="wage",
    text="Corvan Steel paid its Halden plant workers less than the agreed minimum wage.",
)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Union says Corvan Steel underpaid Halden workers",
         "The Halden workers' union said Corvan Steel paid its plant workers less than the "
         "agreed minimum wage for six months. Corvan Steel did not deny it, saying a review was "
         "under way."),
        ("कोरवान स्टील ने हाल्डेन मजदूरों को तय न्यूनतम मजदूरी से कम भुगतान किया: मजदूर संघ",
         "हाल्डेन मजदूर संघ के मुताबिक कोरवान स्टील ने छह महीने तक मजदूरों को तय न्यूनतम मजदूरी से "
         "कम भुगतान किया। कोरवान स्टील ने इससे इनकार नहीं किया।"),
        ("कोरवान स्टीलने हाल्डेन कामगारांना किमान वेतनापेक्षा कमी पगार दिला",
         "हाल्डेन कामगार संघटनेने हा मुद्दा मांडला. कंपनीने तो फेटाळला नाही."),
    ],
)  # fmt: skip
def test_engine_3_28_a_denial_withheld_discusses(title: str, text: str) -> None:
    result = judged(UNDERPAID, title, text)
    expect(result, Stance.DISCUSSES)
    assert "a denial withheld" in result.reasons[-1]


def test_engine_3_31_an_allegation_told_is_read_before_a_denial_withheld() -> None:
    result = judged(
        UNDERPAID,
        "कोरवान स्टीलने हाल्डेन कामगारांना किमान वेतनापेक्षा कमी पगार दिला",
        "हाल्डेन कामगार संघटनेने हा आरोप केला. कंपनीने तो फेटाळला नाही.",
    )
    expect(result, Stance.DISCUSSES)
    assert "as an allegation" in result.reasons[-1]


def test_engine_3_28_a_denial_withheld_of_something_else_asserts_nothing_less() -> None:
    result = judged(
        UNDERPAID,
        "Labour inspectors find Corvan Steel underpaid Halden workers",
        "Labour inspectors found that Corvan Steel paid its Halden plant workers less than the "
        "agreed minimum wage. The company did not deny plans to sell its Oslo office.",
    )
    expect(result, Stance.CORROBORATES)


def test_engine_3_28_a_denied_claim_denies_what_its_that_clause_says() -> None:
    result = judged(
        UNDERPAID,
        "Corvan Steel answers union",
        "Corvan Steel on Monday dismissed its rival union's repeated claim that its Halden plant "
        "workers were paid less than the agreed minimum wage, saying every payslip was audited.",
    )
    expect(result, Stance.CONTRADICTS)


@pytest.mark.parametrize(
    ("claim_text", "title", "text", "expected"),
    [
        # A refusal withheld grants: the nomination stands.
        ("Meera Pawar's nomination from Halvad was found valid.",
         "Meera Pawar's nomination valid",
         "The returning officer did not reject Meera Pawar's nomination from Halvad and found "
         "it valid after scrutiny on Saturday.", Stance.CORROBORATES),
        ("हाल्डेन जिले में किसानों की रैली को अनुमति दी गई।",
         "किसानों की रैली को अनुमति",
         "प्रशासन ने हाल्डेन जिले में किसानों की रैली को अनुमति देने से इनकार नहीं किया और "
         "रविवार के लिए मंजूरी दे दी।", Stance.CORROBORATES),
        # A source elsewhere in the story asserts it: a denial withheld does not undo that.
        ("Corvan Steel paid its Halden plant workers less than the agreed minimum wage.",
         "Inspectors: Corvan Steel underpaid Halden workers",
         "The labour department's inquiry found that Corvan Steel paid its Halden plant workers less than "
         "the agreed minimum wage. The company did not deny it.",
         Stance.CORROBORATES),
        # A not-denied fact beside the claim, holding one of its words, is another fact.
        ("The High Court quashed the FIR against the Halvad journalist.",
         "HC quashes FIR against Halvad journalist",
         "The High Court quashed the FIR against the Halvad journalist on Monday. The state "
         "did not dispute that the article was published before the FIR was filed.",
         Stance.CORROBORATES),
    ],
)  # fmt: skip
def test_engine_3_28_what_is_no_denial_withheld(
    claim_text: str, title: str, text: str, expected: Stance
) -> None:
    expect(judged(Claim(id="c", text=claim_text), title, text), expected)


@pytest.mark.parametrize(
    ("claim_text", "title", "text"),
    [
        # The statement tells more than the question asked: it answers it.
        ("The Halvad assembly passed the water-sharing bill.",
         "Has the Halvad assembly passed the water-sharing bill?",
         "The Halvad assembly passed the water-sharing bill after a marathon debate late on "
         "Thursday night, with the opposition walking out."),
        ("The Halvad assembly passed the water-sharing bill.",
         "Has the Halvad assembly passed the water-sharing bill?",
         "The Halvad assembly passed the water-sharing bill by 112 votes to 40."),
        # A negative question asserts; a question about something else asks nothing of it.
        ("Halvad recorded its hottest March day.",
         "Isn't it obvious Halvad is getting hotter?",
         "Halvad recorded its hottest March day."),
        ("Harbour Metro trains have been running full since the line opened in March.",
         "Worn out? Harbour Metro trains have been running full since March",
         "Harbour Metro trains have been running full since the line opened in March."),
    ],
)  # fmt: skip
def test_engine_3_28_a_question_whether_answered(claim_text: str, title: str, text: str) -> None:
    expect(judged(Claim(id="c", text=claim_text), title, text), Stance.CORROBORATES)


@pytest.mark.parametrize(
    "text",
    [
        "Corvan Steel rejected the offer amid reports that the company's long-serving Halden "
        "plant workers were paid less than the agreed minimum wage.",
        "Corvan Steel denied spreading the claim that the company's long-serving Halden plant "
        "workers were paid less than the agreed minimum wage.",
    ],
)
def test_engine_3_28_a_that_clause_of_another_object_is_not_denied(text: str) -> None:
    result = judged(UNDERPAID, "Corvan Steel in the news", text)
    assert result.stance is not Stance.CONTRADICTS or "governs" not in result.reasons[-1]


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Corvan Steel's Halden plant finally opens",
         "Corvan Steel opened its Halden plant on 20 April 2025, four months late."),
        ("कोरवान स्टील का हाल्डेन प्लांट आखिरकार शुरू",
         "कोरवान स्टील ने 20 अप्रैल 2025 को अपना हाल्डेन प्लांट शुरू किया।"),
        ("कोरवान स्टीलचा हाल्डेन प्रकल्प अखेर सुरू",
         "कोरवान स्टीलने २० एप्रिल २०२५ रोजी आपला हाल्डेन प्रकल्प सुरू केला."),
    ],
)  # fmt: skip
def test_engine_3_28_a_date_after_the_deadline_decides_an_undated_headline(
    title: str, text: str
) -> None:
    claim = Claim(
        id="plant",
        text="Corvan Steel will open its Halden plant by 31 December 2024.",
        window=Window(by=date(2024, 12, 31)),
    )
    late = datetime(2025, 5, 2, tzinfo=UTC)
    result = judged(claim, title, text, published=late)
    expect(result, Stance.CONTRADICTS)
    assert "after the deadline" in result.reasons[-1]


def test_engine_3_28_not_only_denied_is_a_denial() -> None:
    # "केवळ ... फेटाळले नाहीत तर": they did more than deny it; no denial was withheld.
    result = judged(
        Claim(id="c", text="हाल्डेनच्या आमदारांनी भ्रष्टाचार केला"),
        "हाल्डेनच्या आमदारांनी आरोप फेटाळले",
        "हाल्डेनच्या आमदारांनी केवळ भ्रष्टाचाराचे आरोप फेटाळले नाहीत तर विरोधकांवर मानहानीचा "
        "दावा दाखल करण्याचा इशारा दिला.",
    )
    expect(result, Stance.CONTRADICTS)


# --- engine 3.29: one part's figure "alone" -------------------------------------------------

HARBOUR_BRIDGE = Claim(
    id="bridge-cost", text="The Tavri harbour bridge was built at a cost of about ₹2,400 crore."
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # One part's cost "alone" is no rival of the whole's, before or after its figure.
        ("Tavri harbour bridge: the lift span alone cost ₹310 crore", "", None),
        ("Tavri harbour bridge cost ₹310 crore for the lift span alone", "", None),
        ("तावरी बंदर पुल की लागत में अकेले लिफ्ट स्पैन पर 310 करोड़ रुपये खर्च हुए", "", None),
        ("तावरी बंदर पुलाच्या उभारणीत ३१० कोटी रुपये एकट्या उचल गाळ्यावर खर्च झाले", "", None),
        # The headline's part alone names the body's figure too.
        ("Tavri harbour bridge: land alone took ₹310 crore",
         "The harbour board told the assembly that land acquisition for the Tavri harbour "
         "bridge cost ₹310 crore.", None),
        # The claim's own holder "alone" is the whole: a rival still.
        ("The Tavri harbour bridge alone cost ₹3,900 crore, auditors say", "",
         Stance.CONTRADICTS),
        # A part "alone" costing more than the claimed whole says the whole cost more.
        ("Tavri harbour bridge: the main span alone cost ₹3,100 crore", "", Stance.CONTRADICTS),
        # Who acted alone names no part.
        ("Minister alone cleared ₹3,900 crore Tavri harbour bridge bill",
         "Public works minister Dina Rao alone approved the ₹3,900 crore final cost of the "
         "Tavri harbour bridge, files show.", Stance.CONTRADICTS),
        # "Only" gives a rival, not a part.
        ("तावरी बंदर पुलाचा खर्च फक्त १,१०० कोटी रुपये: लेखापरीक्षक", "", Stance.CONTRADICTS),
        ("Tavri harbour bridge was built at a cost of ₹3,900 crore, auditors say", "",
         Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_29_one_parts_figure_alone_is_no_rival(
    title: str, text: str, expected: Stance | None
) -> None:
    expect(judged(HARBOUR_BRIDGE, title, text), expected)


@pytest.mark.parametrize(
    ("claim", "title"),
    [
        # A headline's "<name> to <verb>" tells of what is to come, when the name is
        # written with "+" or "&" too.
        ("The Tavri bridge's opening was streamed live on Disney+ Hotstar.",
         "Disney+ Hotstar to stream the Tavri bridge's opening live"),
        ("The Tavri harbour bridge was built by Larsen & Toubro.",
         "Larsen & Toubro to build the Tavri harbour bridge"),
    ],
)  # fmt: skip
def test_engine_3_29_a_headlines_future_after_a_name_with_a_sign(claim: str, title: str) -> None:
    text = "The announcement came on Monday, with the date still to be fixed."
    expect(judged(Claim(id="c", text=claim), title, text), Stance.DISCUSSES)


def test_engine_3_29_to_blame_is_no_future() -> None:
    claim = Claim(
        id="fire", text="The Tavri mill fire was caused by faulty wiring fitted by Rao & Sons."
    )
    title = "Rao & Sons to blame for Tavri mill fire, probe finds"
    text = "A fire department probe found that faulty wiring fitted by Rao & Sons caused the Tavri mill fire."
    expect(judged(claim, title, text), Stance.CORROBORATES)


LANDSLIDE_CAUSE = Claim(
    id="slide", text="The landslide on Tavri hill was caused by illegal stone quarrying."
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # The effect told without the claimed cause states no cause: at most discussed.
        ("Landslide on Tavri hill slopes buries four houses",
         "A landslide on the slopes of Tavri hill buried four houses on Sunday night. Rescue "
         "teams worked through the rain.", Stance.DISCUSSES),
        ("तावरी पहाड़ी की ढलान पर भूस्खलन, चार मकान दबे",
         "रविवार रात तावरी पहाड़ी की ढलान पर हुए भूस्खलन में चार मकान मलबे में दब गए। बचाव दल बारिश में "
         "काम करते रहे।", Stance.DISCUSSES),
        ("तावरी डोंगराच्या उतारावर भूस्खलन; चार घरे गाडली",
         "रविवारी रात्री तावरी डोंगराच्या उतारावर झालेल्या भूस्खलनात चार घरे ढिगाऱ्याखाली गाडली गेली. "
         "पावसातही बचाव पथके काम करत होती.", Stance.DISCUSSES),
        # With the claimed cause it is stated.
        ("Illegal stone quarrying caused the Tavri hill landslide, geologists find",
         "A survey by the state geology department found that illegal stone quarrying caused "
         "the landslide on Tavri hill.", Stance.CORROBORATES),
    ],
)  # fmt: skip
def test_engine_3_29_the_effect_alone_states_no_cause(
    title: str, text: str, expected: Stance
) -> None:
    expect(judged(LANDSLIDE_CAUSE, title, text), expected)


DREDGING_CATCH = Claim(
    id="catch",
    text="Dredging for the Tavri port has cut the fish catch of Tavri's fishermen.",
    attributed_to=("Tavri fishermen's union", "fishermen", "मछुआरे", "मच्छीमार"),
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # Another speaker negating the claim's words denies it, though the story names
        # the claim's own source.
        ("Port trust speaks on the dredging row",
         "The Tavri port trust said dredging for the port has not cut the fish catch of "
         "Tavri's fishermen, citing its own monitoring of landings.", Stance.CONTRADICTS),
        ("ड्रेजिंग विवाद पर पोर्ट ट्रस्ट का बयान",
         "तावरी पोर्ट ट्रस्ट ने कहा कि बंदरगाह के लिए ड्रेजिंग से तावरी के मछुआरों की मछली पकड़ कम नहीं "
         "हुई है।", Stance.CONTRADICTS),
        # The claim's own source saying it with a negation repeats it.
        ("Fishermen's union repeats dredging charge",
         "Tavri's fishermen said the fish catch has not recovered since dredging for the port "
         "began, and that nobody has paid them for it.", Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_engine_3_29_a_denial_by_another_speaker_is_no_repetition_of_the_source(
    title: str, text: str, expected: Stance
) -> None:
    expect(judged(DREDGING_CATCH, title, text), expected)


def test_engine_3_29_a_cause_in_other_words_is_no_effect_alone() -> None:
    claim = Claim(id="derail", text="The Tavri train derailment was caused by a signal failure.")
    title = "Signalling glitch behind Tavri train derailment"
    text = "A glitch in the signalling system was behind the Tavri train derailment, the railway board said."
    expect(judged(claim, title, text), Stance.CORROBORATES)


# --- after engine 3.30: a word of the source's name is not the source (a known miss) ----

TOWER_SHUT = Claim(
    id="tower-shut",
    text="The Varad smog tower was shut down because it did not clean the air.",
    entities=(("Varad smog tower", "smog tower"),),
    keywords=("shut", "closed"),
    attributed_to=("Varad Pollution Control Committee",),
)


@pytest.mark.xfail(
    strict=True,
    reason="a source is found by any of its words of four letters or more: the city's name"
    " makes the mayor the source; its name or last word alone lost short names (docs/"
    "benchmarks.md, engine 3.30)",
)
def test_a_word_of_the_sources_name_does_not_make_another_speaker_the_source() -> None:
    title = "Varad smog tower shut down: it did not clean the air, Varad's mayor says"
    assert verdict(TOWER_SHUT, title).stance is Stance.CORROBORATES


#: A plain claim whose source the claim does not name (an opposition MLA's allegation).
RATION = Claim(id="ration", text="The Tulja cooperative diverted ration wheat to private mills.")


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # The headline states it; the story tells it as an allegation or hearsay.
        (
            "Tulja cooperative diverted ration wheat to private mills",
            "Opposition MLA Rekha Patil alleged on Monday that the Tulja cooperative "
            "diverted ration wheat to private mills in Sangli.",
            Stance.DISCUSSES,
        ),
        (
            "Tulja cooperative diverted ration wheat to private mills",
            "The Tulja cooperative reportedly diverted ration wheat meant for 40 villages to "
            "private mills in Sangli.",
            Stance.DISCUSSES,
        ),
        (
            "तुळजा सहकारी संस्था ने राशन का गेहूं निजी मिलों को बेचा",
            "विपक्षी विधायक रेखा पाटिल ने सोमवार को आरोप लगाया कि तुळजा सहकारी संस्था ने राशन का "
            "गेहूं निजी मिलों को भेजा।",
            Stance.DISCUSSES,
        ),
        (
            "तुळजा सहकारी संस्थेने रेशनचा गहू खासगी गिरण्यांना विकला",
            "तुळजा सहकारी संस्थेने रेशनचा गहू खासगी गिरण्यांकडे वळवला, असा आरोप आमदार रेखा पाटील "
            "यांनी सोमवारी केला.",
            Stance.DISCUSSES,
        ),
        # An official's finding, no allegation: asserted.
        (
            "Tulja cooperative diverted ration wheat to private mills",
            "An inquiry by the district supply officer found that the Tulja cooperative "
            "diverted ration wheat to private mills in Sangli.",
            Stance.CORROBORATES,
        ),
        # The allegation told is one the story refutes: the headline's statement stands.
        (
            "Tulja cooperative diverted ration wheat to private mills, audit finds",
            "Posts had claimed the Tulja cooperative diverted ration wheat to private mills "
            "abroad. That is false: the audit found it went to mills in Sangli.",
            Stance.CORROBORATES,
        ),
        # ... or one the story confirms (a confirmation not made confirms nothing).
        (
            "Probe confirms Tulja cooperative diverted ration wheat to private mills",
            "A state probe confirmed the opposition's allegation that the Tulja cooperative "
            "diverted ration wheat to private mills.",
            Stance.CORROBORATES,
        ),
        (
            "तुळजा सहकारी संस्था ने राशन का गेहूं निजी मिलों को भेजा",
            "ग्रामीणों ने आरोप लगाया था कि तुळजा सहकारी संस्था ने राशन का गेहूं निजी मिलों को "
            "भेजा। जांच समिति ने अपनी रिपोर्ट में इस आरोप की पुष्टि की है।",
            Stance.CORROBORATES,
        ),
        (
            "तुळजा सहकारी संस्था ने राशन का गेहूं निजी मिलों को भेजा",
            "ग्रामीणों ने आरोप लगाया कि तुळजा सहकारी संस्था ने राशन का गेहूं निजी मिलों को "
            "भेजा। जिला प्रशासन ने इस आरोप की पुष्टि नहीं की है।",
            Stance.DISCUSSES,
        ),
        # A confirmation of something else confirms no allegation.
        (
            "Tulja cooperative diverted ration wheat to private mills",
            "Rekha Patil alleged that the Tulja cooperative diverted ration wheat to private "
            "mills. Police confirmed the arrest of two mill workers on Sunday.",
            Stance.DISCUSSES,
        ),
        # The body states it in its own voice as fully as the allegation tells it ...
        (
            "Tulja cooperative diverted ration wheat to private mills",
            "Officials said the Tulja cooperative diverted ration wheat to private mills in "
            "Sangli. The opposition alleged that the Tulja cooperative diverted ration wheat to "
            "private mills for years.",
            Stance.CORROBORATES,
        ),
        # ... not someone's own words, nor a negated sentence.
        (
            "Tulja cooperative diverted ration wheat to private mills",
            "Rekha Patil alleged that the Tulja cooperative diverted ration wheat to private "
            "mills. Patil said the Tulja cooperative diverted ration wheat to private mills in "
            "Sangli.",
            Stance.DISCUSSES,
        ),
        (
            "Tulja cooperative diverted ration wheat to private mills",
            "Rekha Patil alleged that the Tulja cooperative diverted ration wheat to private "
            "mills. The Tulja cooperative never diverted ration wheat to private mills before "
            "2024.",
            Stance.DISCUSSES,
        ),
        # The body states it in its own voice; the allegation is of something else.
        (
            "Tulja cooperative diverted ration wheat to private mills",
            "The Tulja cooperative diverted ration wheat to private mills in Sangli, officials "
            "said. Its chairman allegedly owns one of the mills.",
            Stance.CORROBORATES,
        ),
        (
            "तुळजा सहकारी संस्थेने रेशनचा गहू खासगी गिरण्यांना विकला",
            "तुळजा सहकारी संस्थेने रेशनचा गहू खासगी गिरण्यांकडे वळवला. संस्थेचे अध्यक्ष एका "
            "गिरणीचे मालक असल्याचा आरोप विरोधकांनी केला.",
            Stance.CORROBORATES,
        ),
    ],
)
def test_a_story_telling_the_claim_as_an_allegation_discusses(
    title: str, text: str, expected: Stance
) -> None:
    expect(judged(RATION, title, text), expected)


#: A claim that itself speaks of allegations.
LOST = Claim(
    id="lost",
    text="The Jan Morcha lost the Sangli civic poll because of the ration wheat allegations "
    "against its leader Vasant Kale.",
)


def test_an_allegation_the_claim_speaks_of_is_no_hedge() -> None:
    story = (
        "Wheat charge cost Jan Morcha the Sangli civic poll, survey finds",
        "The ration wheat allegations against Vasant Kale were the main reason voters "
        "deserted the Jan Morcha in the Sangli civic poll, according to a post-poll survey "
        "of 4,000 voters by the Deccan Polling Centre.",
    )
    expect(judged(LOST, *story), Stance.CORROBORATES)


#: A claim that is a union's allegation, hinted with its source, which the stream's
#: stories all name (as a city's stream names the city whose government alleges).
NETS = Claim(
    id="nets",
    text="The wake of Kaveri Water Metro boats is tearing the nets of Matsya Sangh fishermen.",
    entities=(("Kaveri Water Metro", "कावेरी वॉटर मेट्रो"), ("Matsya Sangh", "मत्स्य संघ")),
    attributed_to=("Matsya Sangh", "मत्स्य संघ"),
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # A denial of the charge of the claim's own source denies the claim.
        ("Kaveri Water Metro rejects Matsya Sangh's charge, says its boats slow down near fishing areas",
         "The company said its own inspection found no damage.", Stance.CONTRADICTS),
        ("कावेरी वॉटर मेट्रो ने मत्स्य संघ के आरोप को खारिज किया, कहा बोट से मछुआरों के जाल नहीं फटते",
         "कंपनी ने कहा कि मछली पकड़ने के इलाकों के पास नावें धीमी चलती हैं।", Stance.CONTRADICTS),
        ("कावेरी वॉटर मेट्रोने मत्स्य संघाचा आरोप फेटाळला; नौकांमुळे मच्छीमारांची जाळी फाटत नसल्याचा खुलासा",
         "मासेमारी क्षेत्राजवळ बोटी हळू चालवल्या जातात, असे कंपनीने सांगितले.", Stance.CONTRADICTS),
        # Another side's charge denied, in a sentence that names the union, is not its.
        ("मत्स्य संघ के समर्थन के बीच कावेरी वॉटर मेट्रो ने बंदरगाह ट्रस्ट के आरोप को खारिज किया",
         "मेट्रो ने कहा कि बोट मछुआरों के जाल के पास धीमी चलती हैं।", None),
    ],
)  # fmt: skip
def test_a_denial_of_the_charge_of_the_claims_own_source_contradicts(
    title: str, text: str, expected: Stance | None
) -> None:
    # In a stream about the union's row with the metro, where every story names both
    # (the union's name is the subject: no refuting cue governs a word of the claim).
    others = [
        ("Matsya Sangh to meet Kaveri Water Metro", "Matsya Sangh leaders meet KWML on Friday."),
        ("Matsya Sangh holds rally", "Matsya Sangh members marched to the Kaveri Water Metro."),
        ("मत्स्य संघ की बैठक", "मत्स्य संघ ने कावेरी वॉटर मेट्रो के बारे में बैठक की।"),
        ("मत्स्य संघाची सभा", "मत्स्य संघाने कावेरी वॉटर मेट्रोबाबत सभा घेतली."),
        (
            "Matsya Sangh elects chief",
            "Matsya Sangh chose a new chief near the Kaveri Water Metro.",
        ),
    ]
    stories = [Story("https://example.org/feed", f"s{i}", t, x) for i, (t, x) in enumerate(others)]
    stories.append(Story("https://example.org/feed", "charge", title, text))
    matcher, _, _ = batch_matcher([NETS], stories, encoder=None)
    result = matcher.judge(NETS.id, stories[-1], now=None)
    expect(result, expected)
    if expected is None:
        assert "own source (" not in result.reasons[-1]


def test_engine_3_32_a_deadline_called_the_original_one_dates_no_event() -> None:
    """The date of "the March 15 original deadline" is the deadline's, not the day the troops
    left: it does not date the event in time."""
    claim = Claim(
        id="troops",
        text="All Indian military personnel in the Maldives will have left by 15 March 2024.",
        window=Window(by=date(2024, 3, 15)),
    )
    result = judged(
        claim,
        "Last Indian troops leave the Maldives",
        "The last Indian military personnel left the Maldives, well after the March 15 "
        "original deadline had passed.",
        published=datetime(2024, 5, 12, tzinfo=UTC),
    )
    assert result.stance is not Stance.CORROBORATES, result.reasons


def test_engine_3_34_a_start_nearer_gone_than_to_come_dates_the_event() -> None:
    """In a story of 6 January, "open from December 28" gives the day the line opened,
    not a start eleven months away."""
    claim = Claim(
        id="line",
        text="The Kesari metro line extension will open to passengers by 31 December 2024.",
        window=Window(by=date(2024, 12, 31)),
    )
    result = judged(
        claim,
        "Kesari line extension busy in its first week",
        "The Kesari metro line extension has been open to passengers from December 28, "
        "the metro corporation said.",
        published=datetime(2025, 1, 6, tzinfo=UTC),
    )
    assert result.stance is Stance.CORROBORATES, result.reasons


# --- engine 3.35: part of the claim's words and close in meaning together states it ----

FARE = Claim(id="fare", text="The Kesari metro cut its fares by a fifth for students in March.")


@pytest.mark.parametrize(
    ("text", "coverage", "level", "expected"),
    [
        # A third of the claim's words, +2.1 spreads closer than its usual: stated.
        ("Students now pay a fifth less on the Kesari metro since March.", 0.35, 2.1,
         Stance.CORROBORATES),
        ("केसरी मेट्रो में मार्च से छात्रों का किराया पांचवां हिस्सा कम हुआ।", 0.35, 2.1,
         Stance.CORROBORATES),
        ("केसरी मेट्रोत मार्चपासून विद्यार्थ्यांचे भाडे पाचव्या भागाने कमी झाले.", 0.35, 2.1,
         Stance.CORROBORATES),
        # Fewer of its words, or not as close, states nothing.
        ("Students now pay a fifth less on the Kesari metro since March.", 0.25, 2.1,
         Stance.DISCUSSES),
        ("Students now pay a fifth less on the Kesari metro since March.", 0.35, 1.9,
         Stance.DISCUSSES),
        ("केसरी मेट्रोत मार्चपासून विद्यार्थ्यांचे भाडे पाचव्या भागाने कमी झाले.", 0.25, 2.1,
         Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_engine_3_35_some_of_the_words_close_in_meaning_states_the_claim(
    text: str, coverage: float, level: float, expected: Stance
) -> None:
    profile = profile_claim(FARE, load_lexicon())
    marks = marks_of_words(("cut", "fares", "fifth", "students", "march"))
    evidence = Sentences(
        (text,), sentence_coverages=(coverage,), sentence_levels=(level,), distinctive_marks=marks
    )
    result = judge(profile, evidence)
    assert result.stance is expected, result.reasons


def test_engine_3_35_a_deadline_said_to_be_missing_dates_no_event() -> None:
    """ "missing the March 15 deadline" names the deadline, not the day the troops left."""
    claim = Claim(
        id="troops",
        text="All Indian military personnel in the Maldives will have left by 15 March 2024.",
        window=Window(by=date(2024, 3, 15)),
    )
    result = judged(
        claim,
        "Last Indian troops leave the Maldives",
        "The last Indian military personnel left the Maldives, missing the March 15 deadline.",
        published=datetime(2024, 5, 12, tzinfo=UTC),
    )
    assert result.stance is not Stance.CORROBORATES, result.reasons


def test_engine_3_35_marathi_kathitritya_is_hearsay() -> None:
    result = judged(
        UNDERPAID,
        "कोरवान स्टीलने हाल्डेन कामगारांना किमान वेतनापेक्षा कमी पगार दिला",
        "कोरवान स्टीलने कथितरित्या हाल्डेन कामगारांना किमान वेतनापेक्षा कमी पगार दिला.",
    )
    expect(result, Stance.DISCUSSES)


@pytest.mark.parametrize(
    "text",
    [
        "हाल्डेन कामगार संघटनेने ही तक्रार मांडली. कंपनीने ती फेटाळली नाही.",
        "हाल्डेन कामगार संघटनेने ही बाब मांडली. कंपनीने ही बाब फेटाळली नाही.",
        "हाल्डेन मजदूर संघ ने यह शिकायत रखी। कंपनी ने उसे खारिज नहीं किया।",
    ],
)
def test_engine_3_35_a_feminine_or_hindi_pronoun_of_the_denial_withheld(text: str) -> None:
    result = judged(UNDERPAID, "कोरवान स्टीलने हाल्डेन कामगारांना किमान वेतनापेक्षा कमी पगार दिला", text)
    expect(result, Stance.DISCUSSES)


def test_engine_3_35_a_negative_claims_frame_with_another_object_states_nothing() -> None:
    """A negated sentence reads close to a negative claim, and its actor, verb and
    negation are a third of the claim's words: "has not announced the by-election's date"
    is no statement of "has not announced compensation" (a second reader's case)."""
    claim = Claim(
        id="relief",
        text="The state government has not announced compensation for flood victims in Kelapur.",
    )
    profile = profile_claim(claim, load_lexicon())
    marks = marks_of_words(("announced", "compensation", "flood", "victims"))

    def stance_of(text: str) -> Stance:
        evidence = Sentences(
            (text,), sentence_coverages=(0.44,), sentence_levels=(2.3,), distinctive_marks=marks
        )
        return judge(profile, evidence).stance

    assert stance_of("The state government has not announced the date of the by-election.") is (
        Stance.DISCUSSES
    )
    assert stance_of("The state government has still not announced any compensation.") is (
        Stance.CORROBORATES
    )
    # Without a negation it is read for what it asserts, its object in other words too.
    assert stance_of("The state government announced relief for those hit by the floods.") is (
        Stance.CONTRADICTS
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kesari metro is now the most expensive metro in the country.", Stance.CORROBORATES),
        ("केसरी मेट्रो अब देश की सबसे महंगी मेट्रो है।", Stance.CORROBORATES),
        ("केसरी मेट्रो आता देशातील सर्वात महागडी मेट्रो ठरली.", Stance.CORROBORATES),
        # Another place named, the country not: no statement of the claim's slot.
        ("The Kesari metro is now the most expensive metro in Asia.", Stance.DISCUSSES),
        # Ranked lower, or outside the country (a second reader's cases).
        ("The Kesari metro is the third most expensive metro in the country.", Stance.DISCUSSES),
        ("केसरी मेट्रो देश के बाहर की सबसे महंगी मेट्रो से भी महंगी है।", Stance.DISCUSSES),
    ],
)
def test_engine_3_35_in_the_country_is_the_claims_in_india(text: str, expected: Stance) -> None:
    claim = Claim(id="dear", text="The Kesari metro is the most expensive metro system in India.")
    profile = profile_claim(claim, load_lexicon())
    marks = marks_of_words(("expensive", "metro", "india"))
    evidence = Sentences((text,), sentence_coverages=(0.6,), distinctive_marks=marks)
    assert judge(profile, evidence).stance is expected


@pytest.mark.parametrize(
    ("claim_text", "text", "expected"),
    [
        # "in Kerala" is no country: the country's first is not the state's.
        ("Kesari beach is the cleanest beach in Kerala.",
         "Kesari beach is now the cleanest beach in the country.", Stance.DISCUSSES),
        # A rival name in the slot still contradicts, whatever the country word.
        ("LIC raised its stake in Axis Bank.",
         "LIC raised its stake in HDFC Bank, the country's largest private lender.",
         Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_35_only_india_is_told_as_the_country(
    claim_text: str, text: str, expected: Stance
) -> None:
    claim = Claim(id="slot", text=claim_text)
    result = judged(claim, text, text)
    assert result.stance is expected, result.reasons


EXPELLED = Claim(id="envoy", text="Veldoria expelled the Kesari envoy Arun Rao in October.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One account after a semicolon set beside another's answers no question.
        ("Veldoria says it expelled the Kesari envoy Arun Rao in October; Kesari insists it had "
         "already recalled him.", Stance.DISCUSSES),
        ("वेल्डोरिया का कहना है कि उसने अक्टूबर में केसरी के दूत अरुण राव को निष्कासित किया; केसरी "
         "का कहना है कि उसने उन्हें पहले ही वापस बुला लिया था।", Stance.DISCUSSES),
        ("वेल्डोरियाने ऑक्टोबरमध्ये केसरीचे दूत अरुण राव यांची हकालपट्टी केल्याचे सांगितले; केसरीचे "
         "म्हणणे आहे की त्यांना आधीच परत बोलावले होते.", Stance.DISCUSSES),
        # The same speaker's second statement is no other side.
        ("Veldoria said it expelled the Kesari envoy Arun Rao in October; it denied any link to "
         "the trade talks.", Stance.CORROBORATES),
    ],
)  # fmt: skip
def test_engine_3_35_two_accounts_beside_a_semicolon(text: str, expected: Stance) -> None:
    result = judged(EXPELLED, "Did Veldoria expel the Kesari envoy Arun Rao?", text)
    assert result.stance is expected, result.reasons


def test_engine_3_35_a_semicolon_outside_a_question_still_states() -> None:
    """Outside a question's answer, a statement of the claim stays one whatever another
    speaker adds after a semicolon (a second reader's "..., officials said; the ministry
    said more expulsions may follow")."""
    text = (
        "Veldoria expelled the Kesari envoy Arun Rao in October, officials said; the ministry "
        "said more expulsions may follow."
    )
    assert judged(EXPELLED, "Envoy expelled", text).stance is Stance.CORROBORATES


RELIEF = Claim(
    id="relief",
    text="Most flood-hit families in Velpur have not received the cash relief the state promised.",
)


@pytest.mark.parametrize(
    "text",
    [
        "Only 38 per cent of the flood-hit families in Velpur had received the promised cash "
        "relief by June-end.",
        "वेलपुर के बाढ़ प्रभावित परिवारों में से केवल 38 प्रतिशत को ही वादा की गई नकद राहत मिली है।",
        "वेलपूरमधील पूरग्रस्त कुटुंबांपैकी केवळ ३८ टक्के कुटुंबांनाच जाहीर केलेली रोख मदत मिळाली.",
    ],
)
def test_engine_3_35_only_some_done_is_no_opposite_of_a_negative_claim(text: str) -> None:
    """A few done, the rest not: no statement of what "most have not received" denies."""
    result = judged(RELIEF, text, text)
    assert result.stance is not Stance.CONTRADICTS, result.reasons


@pytest.mark.xfail(
    strict=True,
    reason="'only two ... have not' is read as the claim's 'most have not' (a negated "
    "sentence holding the claim's words states a negative claim)",
)
def test_engine_3_35_only_a_few_not_done_still_contradicts_a_negative_claim() -> None:
    """ "Only two families still have not been paid": a few not done, the rest done."""
    text = (
        "Only two flood-hit families in Velpur have still not received the promised cash "
        "relief, the collector said."
    )
    result = judged(RELIEF, text, text)
    assert result.stance is not Stance.CORROBORATES, result.reasons


UNLICENSED = Claim(
    id="unlicensed",
    text="The Velpur stone quarry was being worked without any mining lease.",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Engine 3.36: the claim's denial told by an absence, not a negation word, is no
        # assertion of the opposite ...
        ("Inspectors found the Velpur stone quarry being worked while missing any mining "
         "lease, the collector said.", None),
        ("The collector said the Velpur stone quarry had been worked for years in the absence "
         "of a mining lease.", None),
        ("कलेक्टर ने बताया कि वेलपुर की पत्थर खदान में बिना खनन पट्टे के काम हो रहा था।", None),
        ("वेलपूर येथील दगडखाणीचा खाण पट्टा नसताना तेथे वर्षानुवर्षे उत्खनन सुरू होते, असे "
         "जिल्हाधिकाऱ्यांनी सांगितले.", None),
        # ... while a plain statement that the lease was there still is.
        ("The Velpur stone quarry was worked under a valid mining lease issued in 2019, the "
         "collector said.", Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_36_an_absence_is_no_opposite_of_a_negative_claim(
    text: str, expected: Stance | None
) -> None:
    expect(judged(UNLICENSED, "Velpur quarry", text), expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Engine 3.37: a story's own absence words state a claim of an act done without
        # something (the words after "without" compared as `Sentence` stems them) ...
        ("The Velpur stone quarry was worked without any lease, the collector said.",
         Stance.CORROBORATES),
        ("वेलपूर येथील दगडखाणीत लीजविना उत्खनन सुरू होते, असे जिल्हाधिकाऱ्यांनी सांगितले.",
         Stance.CORROBORATES),
        ("वेलपूरच्या दगडखाणीत खाण पट्टा नसताना उत्खनन सुरू होते.", Stance.CORROBORATES),
        # ... but not one telling the absence was for a time.
        ("The Velpur stone quarry, once worked without a lease, got its mining lease in 2019.",
         None),
    ],
)  # fmt: skip
def test_engine_3_37_a_storys_absence_words_state_a_without_claim(
    text: str, expected: Stance | None
) -> None:
    result = judged(UNLICENSED, "Velpur quarry", text)
    if expected is None:
        assert result.stance is not Stance.CORROBORATES, result.reasons
    else:
        assert result.stance is expected, result.reasons


COLLAPSE = Claim(id="collapse", text="The Velpur flyover collapsed during the July rains.")


@pytest.mark.parametrize(
    "text",
    [
        "A clip shared as the Velpur flyover collapsing during the July rains shows a bridge "
        "in another state in 2021.",
        "जुलाई की बारिश में वेलपुर फ्लाईओवर गिरने का बताकर शेयर किया गया वीडियो दूसरे राज्य का है।",
        "जुलैच्या पावसात वेलपूर उड्डाणपूल कोसळल्याचा व्हिडिओ म्हणून शेअर केलेली क्लिप दुसऱ्या राज्यातील आहे.",
    ],
)
def test_engine_3_35_media_shared_as_the_claim_is_no_statement_of_it(text: str) -> None:
    """What a viral clip was passed off as is the post's claim, not the story's."""
    result = judged(COLLAPSE, "Fact check: viral flyover clip", text)
    assert result.stance is not Stance.CORROBORATES, result.reasons


def test_engine_3_35_a_negated_confirming_cue_confirms_nothing() -> None:
    """ "मान्य केलेली नाही" (not granted): the confirming cue is under a negation."""
    claim = Claim(id="exempt", text="The Centre allowed rice exports to Velpur despite the ban.")
    profile = profile_claim(claim, load_lexicon())
    text = "वेलपूरला निर्यातबंदीतून सूट देण्याची विनंती केंद्र सरकारने मान्य केलेली नाही."
    evidence = Sentences(
        (text,),
        sentence_coverages=(0.3,),
        distinctive_marks=marks_of_words(("allowed", "rice", "exports", "velpur")),
    )
    assert judge(profile, evidence).stance is not Stance.CORROBORATES


BREACH = Claim(id="breach", text="The Velpur dam breached during the July flood.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A risk or a fear named is no event happened (a second reader's Hindi headline).
        # (Not in English: "risk of", "fears of" cost FNC-1's macro-F1 0.601 -> 0.599.)
        ("जुलाई की बाढ़ में वेलपुर बांध टूटने का खतरा", None),
        ("जुलैच्या पुरात वेलपूर धरण फुटण्याची भीती", None),
        ("The Velpur dam breached during the July flood, officials said.", Stance.CORROBORATES),
    ],
)
def test_engine_3_35_a_risk_named_is_no_event(text: str, expected: Stance | None) -> None:
    result = judged(BREACH, text, text)
    if expected is None:
        assert result.stance is not Stance.CORROBORATES, result.reasons
    else:
        assert result.stance is expected, result.reasons


FAIR_POLICE = Claim(
    id="police", text="Fewer police were posted at the Velpur fair this year than last year."
)
DAM_WARNING = Claim(
    id="warn",
    text="Water from the Velpur dam was released without warning to the villages downstream.",
)


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        # Engine 3.38: a headline's bare yes after its "?", told by whoever found it,
        # asserts what it asks, in all three languages ...
        (FAIR_POLICE, "Were fewer police posted at the Velpur fair this year? Duty rosters "
         "say yes", Stance.CORROBORATES),
        (FAIR_POLICE, "क्या इस साल वेलपुर मेले में पिछले साल से कम पुलिस तैनात थी? ड्यूटी रोस्टर "
         "कहते हैं- हां", Stance.CORROBORATES),
        (FAIR_POLICE, "यंदा वेलपूर जत्रेत गेल्या वर्षीपेक्षा कमी पोलीस तैनात होते का? ड्युटी तक्ता "
         "म्हणतो 'हो'", Stance.CORROBORATES),
        # ... a question asked in the negative says yes to a negative claim, and a
        # question asked the other way says yes against it ...
        (DAM_WARNING, "Was Velpur dam water released without warning to villages downstream? "
         "Survey says yes", Stance.CORROBORATES),
        (DAM_WARNING, "Did the villages downstream of the Velpur dam get a warning before water "
         "was released? Survey says yes", Stance.CONTRADICTS),
        # ... while an answer that is no yes, or a hedged one, answers nothing.
        (FAIR_POLICE, "Were fewer police posted at the Velpur fair this year? Experts say it is "
         "too early to tell", Stance.DISCUSSES),
        (FAIR_POLICE, "Were fewer police posted at the Velpur fair this year? Reports suggest yes",
         Stance.DISCUSSES),
        (FAIR_POLICE, "क्या वेलपुर मेले में इस साल कम पुलिस तैनात हो?", Stance.DISCUSSES),
        # A yes to what should or could be done, to what is to come or to another year
        # is no yes to the claim (a second reader's cases).
        (PLASTIC_BAN, "Should Velpur ban single-use plastic bags? Residents say yes",
         Stance.DISCUSSES),
        (PLASTIC_BAN, "क्या वेलपुर में सिंगल-यूज प्लास्टिक बैग पर प्रतिबंध लगना चाहिए? लोग कहते हैं- "
         "हां", Stance.DISCUSSES),
        (PLASTIC_BAN, "वेलपूरमध्ये एकदाच वापरल्या जाणाऱ्या प्लास्टिक पिशव्यांवर बंदी घालावी का? नागरिक "
         "म्हणतात 'हो'", Stance.DISCUSSES),
        (PLASTIC_BAN, "Can Velpur municipal corporation ban single-use plastic bags? Lawyers say "
         "yes", Stance.DISCUSSES),
        (PLASTIC_BAN, "Has Velpur municipal corporation banned single-use plastic bags? Officials "
         "say yes", Stance.CORROBORATES),
        (JOB_CUTS, "Will Rivanta Motors cut more jobs at Dhanora? Analysts say yes",
         Stance.DISCUSSES),
        (JOB_CUTS, "Did Rivanta Motors cut 500 jobs at Dhanora in 2019 too? Records say yes",
         Stance.DISCUSSES),
        (JOB_CUTS, "Did Rivanta Motors cut 500 jobs at Dhanora in March 2024? Records say yes",
         Stance.CORROBORATES),
    ],
)  # fmt: skip
def test_engine_3_38_a_headline_answered_with_a_bare_yes(
    claim: Claim, title: str, expected: Stance
) -> None:
    result = judged(claim, title, "The figures were published on Tuesday.")
    assert result.stance is expected, result.reasons


RING_ROAD = Claim(
    id="road",
    text="The entire 64-km Velpur ring road will be open to traffic by 31 December 2025.",
    entities=(("Velpur ring road", "वेलपुर रिंग रोड", "वेलपूर रिंग रोड"),),
    keywords=("open", "traffic", "entire", "खुलेगा", "यातायात", "वाहतुकीसाठी", "खुला"),
    quantity=Quantity(64, "km", 0.2),
    window=Window(by=date(2025, 12, 31)),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Engine 3.38: with a unit of a thing (km) and no name beyond the stream's subject,
        # a rival figure's clause must still say what the claim measures: a tunnel's
        # length on the road is no rival of the whole road's ...
        ("Work on the 3-km twin tunnel of the Velpur ring road is in its last stage, the "
         "engineers said.", Stance.DISCUSSES),
        ("वेलपुर रिंग रोड की 3 किलोमीटर लंबी सुरंग का काम अंतिम चरण में है, इंजीनियरों ने बताया।",
         Stance.DISCUSSES),
        ("वेलपूर रिंग रोडवरील सुमारे ३ किलोमीटर लांबीच्या दुहेरी बोगद्याचे काम अंतिम टप्प्यात "
         "असल्याचे अभियंत्यांनी सांगितले.", Stance.DISCUSSES),
        # ... while the whole road's own length is.
        ("The entire Velpur ring road, 41 km long, will open to traffic in December, the "
         "authority said.", Stance.CONTRADICTS),
        ("पूरा वेलपुर रिंग रोड 41 किलोमीटर का होगा और दिसंबर में यातायात के लिए खुलेगा।",
         Stance.CONTRADICTS),
        ("संपूर्ण ४१ किलोमीटरचा वेलपूर रिंग रोड डिसेंबरमध्ये वाहतुकीसाठी खुला होईल.",
         Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_38_a_rival_in_a_unit_of_a_thing_must_measure_the_claim(
    text: str, expected: Stance
) -> None:
    profile = profile_claim(RING_ROAD, load_lexicon())
    marks = marks_of_words(RING_ROAD.keywords)
    # (In a stream about the ring road, whose name is the subject every story shares: the
    # claim names nothing beyond it. A claim naming more, "DeepSeek has 10,000 Nvidia
    # GPUs", ties a figure in its unit by that name: test_a_differing_count_of_gpus...)
    evidence = Sentences(
        (text,), sentence_coverages=(0.25,), distinctive_marks=marks, names_beyond_subject=False
    )
    result = judge(profile, evidence)
    assert result.stance is expected, result.reasons


RAIL_SPEED = Claim(id="speed", text="Velpur rapid-rail trains run at a top speed of 160 km/h.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Engine 3.38: a claim's speed compares with a story's, however the speed is
        # written ("km/h", "kmph", "किलोमीटर प्रति घंटा", "ताशी ... कि.मी.") ...
        ("Velpur rapid-rail trains run at a top speed of 100 km/h.", Stance.CONTRADICTS),
        ("Velpur rapid-rail trains run at a top speed of 160 kmph.", Stance.CORROBORATES),
        ("वेलपुर रैपिड रेल की ट्रेनें 100 किलोमीटर प्रति घंटा की अधिकतम रफ्तार से चलती हैं।",
         Stance.CONTRADICTS),
        ("वेलपूर रॅपिड रेलच्या गाड्या ताशी १६० कि.मी. वेगाने धावतात.", Stance.CORROBORATES),
        ("वेलपूर रॅपिड रेलच्या गाड्या १०० किमी प्रतितास वेगाने धावतात.", Stance.CONTRADICTS),
        # ... and a hint's speed in "kmph" is the same unit.
        ("वेलपुर रैपिड रेल की ट्रेनें 160 किलोमीटर प्रति घंटा की रफ्तार से चलती हैं।",
         Stance.CORROBORATES),
        # ... and a length in km is no speed.
        ("The first 17-km section of the Velpur rapid-rail line opened to trains on Friday.",
         None),
    ],
)  # fmt: skip
def test_engine_3_38_a_speed_is_compared_as_a_speed(text: str, expected: Stance | None) -> None:
    expect(judged(RAIL_SPEED, "Velpur rapid rail", text), expected)
    hinted = dataclasses.replace(RAIL_SPEED, quantity=Quantity(160, "kmph", 0.2))
    expect(judged(hinted, "Velpur rapid rail", text), expected)


@pytest.mark.parametrize(
    ("claim", "text", "expected"),
    [
        # Engine 3.38: a hint of a span of years ("5" in "year") is a count of years, no
        # calendar year ...
        (Claim(id="refund", text="The state will refund the SGST paid on the Velpur project "
               "for five years.", quantity=Quantity(5, "year", 0.2)),
         "The state will refund the SGST paid on the Velpur project for five years.",
         Stance.CORROBORATES),
        (Claim(id="refund", text="The state will refund the SGST paid on the Velpur project "
               "for five years.", quantity=Quantity(5, "year", 0.2)),
         "राज्य सरकार वेलपुर परियोजना पर चुकाया गया एसजीएसटी पांच साल तक लौटाएगी।",
         Stance.CORROBORATES),
        (Claim(id="refund", text="The state will refund the SGST paid on the Velpur project "
               "for five years.", quantity=Quantity(5, "year", 0.2)),
         "The state will refund the SGST paid on the Velpur project for ten years.",
         Stance.CONTRADICTS),
        # ... and a hint's unit written short ("m") is the story's "metres", "मीटर".
        (Claim(id="passage", text="The rescue passage through the Velpur tunnel debris was "
               "about 57 metres long.", quantity=Quantity(57, "m", 0.2)),
         "The rescue passage pushed through the Velpur tunnel debris was 86 metres long.",
         Stance.CONTRADICTS),
        (Claim(id="passage", text="The rescue passage through the Velpur tunnel debris was "
               "about 57 metres long.", quantity=Quantity(57, "m", 0.2)),
         "वेलपुर सुरंग के मलबे में बनाया गया बचाव मार्ग 86 मीटर लंबा था।", Stance.CONTRADICTS),
        # ... and a hint's "t" is tonnes, compared in kg as stories' tonnes are.
        (Claim(id="rice", text="Velpur exported about 9 lakh tonnes of rice in 2024.",
               quantity=Quantity(900_000, "t", 0.2)),
         "वेलपुर ने 2024 में 9 लाख टन चावल निर्यात किया।", Stance.CORROBORATES),
        (Claim(id="rice", text="Velpur exported about 9 lakh tonnes of rice in 2024.",
               quantity=Quantity(900_000, "t", 0.2)),
         "Velpur exported 5 lakh tonnes of rice in 2024.", Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_38_hinted_units_of_years_and_metres(
    claim: Claim, text: str, expected: Stance
) -> None:
    assert judged(claim, "Velpur", text).stance is expected


SWAPPED = Claim(
    id="swap",
    text="The Velpur driver's first blood test showed no alcohol because his sample was swapped.",
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Engine 3.38: the claim's own negated effect, told in a headline alone, is no
        # negation of the claim for the stance model, in English or (its object before
        # the negation) Marathi ...
        ("Velpur driver's first blood test showed no alcohol as his sample was swapped",
         Stance.CORROBORATES),
        ("वेलपूर चालकाच्या पहिल्या चाचणीत मद्य आढळले नाही कारण नमुना बदलला होता",
         Stance.CORROBORATES),
        # ... while a denial of the cause still is one.
        ("Velpur driver's sample was not swapped, say forensic experts", Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_38_the_claims_own_negated_effect_is_no_denial(
    title: str, expected: Stance
) -> None:
    assert judged(SWAPPED, title).stance is expected


#: A time-bound claim for the deadline named by its date (engine 3.40).
WARD_TAPS = Claim(
    id="taps",
    text="The Rivet municipal council will connect piped water to all 40 wards by 31 May 2026.",
    window=Window(by=date(2026, 5, 31)),
)
AFTER_MAY = datetime(2026, 6, 10, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("title", "published", "own"),
    [
        # After the deadline, the claim's own deadline named by its date as passed or
        # missed says the event did not come in time, in few of the claim's words ...
        ("31 मई की समय-सीमा बीती, रिवेट के मोहल्लों में अब भी टैंकर", AFTER_MAY, True),
        ("३१ मेची मुदत उलटली; रिवेटमध्ये अजूनही टँकरच", AFTER_MAY, True),
        ("Rivet misses its May 31 deadline, neighbourhoods still on tankers", AFTER_MAY, True),
        ("मई का लक्ष्य चूका, रिवेट में टैंकर जारी", AFTER_MAY, True),
        # (what the deadline is for names the claim's thing, whoever missed it)
        ("Orion Infra, which missed the May 31 deadline for piped water in Rivet, was fined",
         AFTER_MAY, True),
        # ... not another month's deadline, not one said not to be missed, and not
        # before the claim's deadline has come.
        ("30 अप्रैल की समय-सीमा बीती, रिवेट के मोहल्लों में अब भी टैंकर", AFTER_MAY, False),
        ("Rivet did not miss its May 31 deadline, the council says", AFTER_MAY, False),
        ("31 मई की समय-सीमा बीती, रिवेट के मोहल्लों में अब भी टैंकर",
         datetime(2026, 5, 20, 8, 0, tzinfo=UTC), False),
    ],
)  # fmt: skip
def test_engine_3_40_the_claims_own_deadline_named_as_missed(
    title: str, published: datetime, own: bool
) -> None:
    result = judged(WARD_TAPS, title, published=published)
    said = any("the claim's own deadline, not met" in reason for reason in result.reasons)
    assert said is own, result.reasons
    if own:
        assert result.stance is Stance.CONTRADICTS, result.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Rivet drain desilting misses its May 31 deadline",
        "रिवेट में नालों की सफाई की 31 मई की समय-सीमा बीती",
        "रिवेटमधील नालेसफाईची ३१ मेची मुदत उलटली",
        # (a second reader's: what the deadline is for, a relative clause, a Marathi
        # participle qualifying what follows)
        "The contractor missed the May 31 deadline for the parking lot near the Rivet wards",
        "The Rivet bus depot, which missed its May 31 deadline, opened on Monday",
        "३१ मेची मुदत हुकलेल्या रिवेट बस आगाराचे काम अखेर पूर्ण",
    ],
)
def test_engine_3_40_another_things_deadline_of_the_same_date(title: str) -> None:
    # The claim's deadline date, missed by another thing the sentence names first.
    result = judged(WARD_TAPS, title, published=AFTER_MAY)
    assert not any("own deadline" in reason for reason in result.reasons), result.reasons


BEFORE_MAY = datetime(2026, 4, 20, 8, 0, tzinfo=UTC)  # a Monday


def judged_before_may(text: str, reason: str) -> tuple[bool, Verdict]:
    """WARD_TAPS judged on a story of BEFORE_MAY: whether a reason says `reason`, and
    the verdict."""
    result = judged(WARD_TAPS, "Rivet water news", text, published=BEFORE_MAY)
    return any(reason in said for said in result.reasons), result


@pytest.mark.parametrize(
    ("text", "planned"),
    [
        # Before the deadline, the event put at the deadline's own time, with nothing
        # of it done, restates the plan ...
        ("Piped water for all 40 Rivet wards by May 31, the mayor said.", True),
        ("रिवेट के सभी 40 वार्डों में 31 मई तक नल से पानी: महापौर", True),
        ("रिवेटच्या सर्व ४० प्रभागांत मेअखेर नळाने पाणी मिळेल, असे महापौरांनी सांगितले.",
         True),
        # ... not when the deadline is said to be met or beaten, or a past date or day
        # of the week dates the act.
        ("Piped water for all 40 Rivet wards ahead of the May 31 deadline, the mayor said.",
         False),
        ("Piped water reached all 40 Rivet wards on Friday, weeks before the May 31 deadline.",
         False),
        ("Piped water reached all 40 Rivet wards on April 17, the council said; the deadline "
         "was May 31.", False),
        ("रिवेटच्या सर्व ४० प्रभागांत ३१ मेच्या मुदतीआधीच नळाने पाणी पोहोचले.", False),
        # (a second reader's: the month as no "by", the act told done)
        ("Piped water reaches all 40 Rivet wards as May works wrap up.", False),
        ("रिवेट के सभी 40 वार्डों में आज से नल से पानी, 31 मई तक का वादा पूरा", False),
        ("The council connected piped water to all 40 Rivet wards, well within its May 31 "
         "deadline.", False),
        # (a fresh reader's: the claim's act in the headline's present, and the act told
        # done in another sentence of the story)
        ("Rivet council connects piped water to all 40 wards by May 31 as its mayor vowed.",
         False),
        ("Piped water for all 40 Rivet wards by May 31. The last ward got its first supply "
         "on Friday.", False),
        # (a deadline kept counts as met only once it has passed: 3.44)
        ("Piped water for all 40 Rivet wards by the May 31 deadline, the mayor said.", True),
        ("रिवेटच्या सर्व ४० प्रभागांत ३१ मेपर्यंत, मुदतीत नळाने पाणी, असे महापौर म्हणाले.", True),
    ],
)  # fmt: skip
def test_engine_3_40_a_plan_restated_before_the_deadline(text: str, planned: bool) -> None:
    said, result = judged_before_may(text, "restates the plan")
    assert said is planned, result.reasons
    if planned:
        assert result.stance is Stance.DISCUSSES, result.reasons


@pytest.mark.parametrize(
    ("text", "published", "late"),
    [
        # After the deadline, the claim's event said unfinished has not come in time ...
        ("Piped water connections in the 40 Rivet wards remain incomplete, officials said.",
         AFTER_MAY, True),
        ("रिवेट के 40 वार्डों में नल से पानी का काम अब भी अधूरा है।", AFTER_MAY, True),
        ("रिवेटच्या ४० प्रभागांत नळाने पाणी पोहोचवण्याचे काम अपूर्णच आहे.", AFTER_MAY, True),
        # ... before it, an unfinished job is no lateness.
        ("Piped water connections in the 40 Rivet wards remain incomplete, officials said.",
         BEFORE_MAY, False),
    ],
)  # fmt: skip
def test_engine_3_40_unfinished_after_the_deadline(
    text: str, published: datetime, late: bool
) -> None:
    result = judged(WARD_TAPS, "Rivet water news", text, published=published)
    said = any("it has not happened in time" in reason for reason in result.reasons)
    assert said is late, result.reasons


def test_engine_3_41_a_plural_of_the_claims_noun_is_no_act_told_done() -> None:
    # "services" is the claim's noun in the plural, not its verb "start" in the present.
    claim = Claim(
        id="ferry",
        text="The Rivet council will start a ferry service to Kelva by 31 May 2026.",
        window=Window(by=date(2026, 5, 31)),
    )
    planned = judged(claim, "Rivet ferry news", "Ferry services to Kelva by May 31, the mayor said.",
                     published=BEFORE_MAY)  # fmt: skip
    assert any("restates the plan" in reason for reason in planned.reasons), planned.reasons
    started = judged(claim, "Rivet ferry news", "Rivet council starts ferry service to Kelva by "
                     "May 31.", published=BEFORE_MAY)  # fmt: skip
    assert not any("restates the plan" in reason for reason in started.reasons), started.reasons


def test_a_missed_deadline_is_found_cheaply_before_the_rules_decide_whose() -> None:
    assert stance.tells_deadline_missed("Sonpur misses its May 31 deadline", "")
    assert stance.tells_deadline_missed("", "31 मई की समय-सीमा बीती")
    assert not stance.tells_deadline_missed("Sonpur almost missed its May 31 deadline")
    assert not stance.tells_deadline_missed("Sonpur opens flyover", "३१ मेपर्यंत काम")


@pytest.mark.parametrize(
    ("text", "talked"),
    [
        # Before the deadline, a sentence stating the claim that talks of a deadline or
        # target as such, with nothing of the event done, tells how the plan stands ...
        ("Piped water for all 40 Rivet wards: council confident of meeting its May 31 "
         "deadline.", True),
        ("The Rivet council on Tuesday extended the deadline for piped water in all 40 "
         "wards.", True),
        ("रिवेट के सभी 40 वार्डों में नल से पानी की समय-सीमा बढ़ाई गई, आधा काम बाकी", True),
        ("रिवेटच्या सर्व ४० प्रभागांत नळाने पाणी पोहोचवण्यासाठी परिषदेला आणखी मुदत दिली", True),
        # (a deadline aimed at is no deadline met)
        ("Piped water for all 40 Rivet wards: the council is working to meet its May 31 "
         "deadline.", True),
        # ... not a deadline met, the event dated in another part than the extension's,
        # nor another thing's target.
        ("Piped water reached all 40 Rivet wards, ahead of the May 31 deadline.", False),
        ("The Rivet council met its May 31 deadline: piped water now runs in all 40 wards.",
         False),
        ("Piped water reached all 40 Rivet wards on Friday; the deadline for ward tenders "
         "was extended.", False),
        ("रिवेटच्या सर्व ४० प्रभागांत मुदतीआधीच नळाने पाणी पोहोचले", False),
        # (a line that extends somewhere extends no deadline: its part's Friday dates
        # the event)
        ("Piped water, whose main extends to all 40 Rivet wards, reached the last ward on "
         "Friday; the deadline is May 31.", False),
        ("Piped water in all 40 Rivet wards: the council's sales target for water meters is "
         "5,000.", False),
    ],
)  # fmt: skip
def test_engine_3_42_a_deadline_talked_of_before_it(text: str, talked: bool) -> None:
    said, result = judged_before_may(text, "how the plan stands")
    assert said is talked, result.reasons
    assert result.stance is (Stance.DISCUSSES if talked else Stance.CORROBORATES), result.reasons


@pytest.mark.parametrize(
    ("text", "planned"),
    [
        # A plan restated with a deadline aimed at ("working to finish on time") tells
        # nothing done ...
        ("Piped water for all 40 Rivet wards by May 31; the council is working to finish on "
         "time.", True),
        # ... a deadline met does.
        ("Piped water for all 40 Rivet wards by May 31; the council finished on time.", False),
        ("रिवेट के सभी 40 वार्डों में 31 मई तक नल से पानी, समय-सीमा से पहले काम पूरा किया",
         False),
    ],
)  # fmt: skip
def test_engine_3_42_a_deadline_aimed_at_is_not_met(text: str, planned: bool) -> None:
    said, result = judged_before_may(text, "restates the plan")
    assert said is planned, result.reasons


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("The council met its May 31 deadline.", True),
        ("The council finished on time.", True),
        ("वार्डों का काम समय-सीमा से पहले पूरा किया गया।", True),
        ("प्रभागांचे काम मुदतीआधीच पूर्ण झाले.", True),
        # ("to" before the public, not before the verb)
        ("The ward office opened to the public ahead of the May 31 deadline.", True),
        # A deadline aimed at: "to", a modal or a word of hope before it, a Hindi or
        # Marathi future after it.
        ("The council is working to meet its May 31 deadline.", False),
        ("The council hopes to finish on time.", False),
        ("The pipeline is set to be completed ahead of schedule.", False),
        ("वार्डों का काम समय-सीमा से पहले पूरा होगा।", False),
        ("प्रभागांचे काम मुदतीआधी पूर्ण होईल.", False),
        ("The council didn't finish before the May 31 deadline.", False),
    ],
)
def test_a_deadline_met_is_not_one_aimed_at(text: str, met: bool) -> None:
    assert (stance._deadline_met(text) is not None) is met


@pytest.mark.parametrize(
    ("text", "stance_"),
    [
        # Before the deadline, a future in another part of the sentence than the claim's
        # act tells nothing of the claim to come ...
        ("The Rivet council has connected piped water to all 40 wards, and meters will be "
         "fitted next month.", Stance.CORROBORATES),
        ("रिवेट परिषदेने सर्व ४० प्रभागांत नळाने पाणी पोहोचवले, आणि मीटर पुढील महिन्यात बसवले "
         "जातील.", Stance.CORROBORATES),
        ("रिवेट परिषद ने सभी 40 वार्डों में नल से पानी पहुंचा दिया, और मीटर अगले महीने लगाए "
         "जाएंगे।", Stance.CORROBORATES),
        # ... in the claim's own part it does, and so in a part on the rest of its thing.
        ("Piped water has reached 30 of the 40 Rivet wards, and the remaining ten will get "
         "it by May 31.", Stance.DISCUSSES),
        ("The council has hired 200 plumbers, and piped water will reach all 40 Rivet wards "
         "by May 31.", Stance.DISCUSSES),
        ("रिवेट परिषद ने 200 प्लंबर रखे, और सभी 40 वार्डों में नल से पानी मई तक पहुंचेगा।",
         Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_engine_3_42_a_future_in_another_part(text: str, stance_: Stance) -> None:
    _, result = judged_before_may(text, "")
    assert result.stance is stance_, result.reasons


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # Once the deadline has passed, a deadline kept by its noun is met too (3.44) ...
        ("The ward works were done by the May 31 deadline.", True),
        ("वार्डों का काम समय-सीमा में पूरा हुआ।", True),
        ("प्रभागांचे काम मुदतीत पूर्ण झाले.", True),
        ("The ward works were done ahead of the deadline.", True),
        # ... not said of a deadline missed, nor of more time within it, nor with no
        # deadline named ("on time" may be anything's).
        ("The ward works were not done by the May 31 deadline.", False),
        ("By the time the May 31 deadline passed, half the wards had water.", False),
        ("प्रभागांचे काम मुदतीत पूर्ण झाले नाही.", False),
        ("प्रभागांच्या कामाच्या मुदतीत वाढ.", False),
        ("The contractor was paid on time.", False),
    ],
)
def test_engine_3_44_a_deadline_kept_once_it_has_passed(text: str, kept: bool) -> None:
    assert (stance._deadline_met(text, passed=True) is not None) is kept
    if kept and "ahead" not in text:
        assert stance._deadline_met(text) is None  # before it passes, the plan's words


@pytest.mark.parametrize(
    ("text", "stance_", "reason"),
    [
        # After the deadline, a sentence stating the claim that says the deadline met
        # tells it came in time (3.44) ...
        ("Piped water reached all 40 Rivet wards within the deadline.", Stance.CORROBORATES,
         "in time"),
        ("रिवेट के सभी 40 वार्डों में नल से पानी समय-सीमा में पहुंचा।", Stance.CORROBORATES,
         "in time"),
        ("रिवेटच्या सर्व ४० प्रभागांत नळाने पाणी मुदतीत पोहोचले.", Stance.CORROBORATES,
         "in time"),
        # ... the deadline extended, that it did not ...
        ("Rivet council gets an extension to July 31 to pipe water to all 40 wards.",
         Stance.CONTRADICTS, "the deadline extended"),
        ("रिवेट के 40 वार्डों में नल से पानी: परिषद को 31 जुलाई तक का समय", Stance.CONTRADICTS,
         "the deadline extended"),
        ("रिवेटच्या ४० प्रभागांत नळाने पाणी देण्यासाठी ३१ जुलैपर्यंत मुदतवाढ",
         Stance.CONTRADICTS, "the deadline extended"),
        # ... and a Hindi or Marathi future telling nothing done, that it is still to come.
        ("रिवेट के सभी 40 वार्डों में नल से पानी जुलाई तक पहुंचेगा।", Stance.CONTRADICTS,
         "still to come"),
        ("रिवेटच्या सर्व ४० प्रभागांत नळाने पाणी जुलैपर्यंत पोहोचवले जाईल.", Stance.CONTRADICTS,
         "still to come"),
        # Not another thing's deadline met or extended, nor a future beside the act done.
        ("Piped water reached all 40 Rivet wards; the contractor met the tender deadline.",
         Stance.DISCUSSES, "cannot tell"),
        ("Piped water reached all 40 Rivet wards, and the deadline for billing complaints was "
         "extended.", Stance.DISCUSSES, "cannot tell"),
        ("रिवेट के सभी 40 वार्डों में नल से पानी पहुंचा दिया गया, मीटर अगले महीने लगेंगे।",
         Stance.DISCUSSES, "cannot tell"),
        # (a second reader's: a deadline kept in another part or by another thing, of
        # another month, or unnamed; a deadline for another thing extended; a future of
        # another act beside the claim's done)
        ("Piped water reaches all 40 Rivet wards, and the contractor finished the pump "
         "house within the deadline.", Stance.DISCUSSES, "cannot tell"),
        ("रिवेट के सभी 40 वार्डों में नल से पानी पहुंचाने वाले ठेकेदार को समय पर भुगतान हुआ।",
         Stance.DISCUSSES, "cannot tell"),
        ("रिवेटच्या सर्व ४० प्रभागांत नळाने पाणी एप्रिलच्या मुदतीत पोहोचले.",
         Stance.DISCUSSES, "cannot tell"),
        ("Piped water reaches all 40 Rivet wards; the deadline for meter bids was extended.",
         Stance.DISCUSSES, "cannot tell"),
        ("रिवेट के सभी 40 वार्डों में नल से पानी पहुंच चुका है, अब सीवर लाइन बिछाई जाएगी।",
         Stance.DISCUSSES, "cannot tell"),
        ("रिवेट के सभी 40 वार्डों में नल से पानी पहुंच चुका है, और अब 10 और वार्ड जुड़ेंगे।",
         Stance.DISCUSSES, "cannot tell"),
        ("रिवेटच्या सर्व ४० प्रभागांत नळाने पाणी पोहोचवण्यात आले असून आणखी प्रभाग जोडले "
         "जातील.", Stance.DISCUSSES, "cannot tell"),
        # (a fresh reader's: a future of another thing after a comma, an act begun, an
        # extension denied)
        ("रिवेट के सभी 40 वार्डों में नल से पानी मिलने लगा है, अब बिजली भी समय पर मिलेगी।",
         Stance.DISCUSSES, "cannot tell"),
        ("रिवेट के सभी 40 वार्डों में नल से पानी मिलने लगा है, अगले साल 10 और वार्डों को पानी "
         "मिलेगा।", Stance.DISCUSSES, "cannot tell"),
        ("Piped water reached all 40 Rivet wards without any extension of the deadline.",
         Stance.DISCUSSES, "cannot tell"),
    ],
)  # fmt: skip
def test_engine_3_44_after_the_deadline_met_extended_or_to_come(
    text: str, stance_: Stance, reason: str
) -> None:
    result = judged(WARD_TAPS, "Rivet water news", text, published=AFTER_MAY)
    assert result.stance is stance_, result.reasons
    assert reason in result.reasons[-1], result.reasons


# --- engine 3.45: a claim about a statement holds a verb of saying --------------------

#: A plain claim whose words share a stem with a cue ("postings", the cue "posted") but
#: which tells of no statement.
PAY_POSTINGS = Claim(
    id="pay-postings",
    text="Veltra Air management discriminates against its legacy cabin crew in pay and "
    "postings compared with crew who joined from Skyhop.",
)
#: A plain claim whose own label is an alleging word.
HOAX_CALLER = Claim(
    id="hoax-caller",
    text="Pune Police arrested Vinod Shetty, the man accused of phoning in a bomb threat to "
    "a Veltra Air flight.",
)


@pytest.mark.parametrize(
    ("claim", "title", "text", "expected"),
    [
        # An allegation of a claim that merely holds a cue-like word is repeated, not
        # asserted ...
        (PAY_POSTINGS, "Veltra Air crew union writes to the board",
         "The Veltra Air cabin crew union alleged that legacy cabin crew were paid less "
         "than crew who joined from Skyhop and were passed over for postings.",
         Stance.DISCUSSES),
        # ... while a finding states it ...
        (PAY_POSTINGS, "Labour inquiry on Veltra Air crew",
         "A labour inquiry found that Veltra Air management paid its legacy cabin crew "
         "less than crew who joined from Skyhop and gave them worse postings.",
         Stance.CORROBORATES),
        # ... and the claim's own label ("accused of") makes a story's "allegedly" part
        # of what it says, of either root.
        (HOAX_CALLER, "Police arrest man over hoax bomb call to Veltra Air flight",
         "Pune Police arrested Vinod Shetty, who allegedly phoned in a bomb threat to a "
         "Veltra Air flight on Sunday.",
         Stance.CORROBORATES),
        # So does a Hindi or Marathi allegation that labels him in a relative clause.
        (HOAX_CALLER, "Veltra Air धमकी मामले में पुणे पुलिस की कार्रवाई",
         "पुणे पुलिस ने विनोद शेट्टी को गिरफ्तार किया, जिन पर Veltra Air की उड़ान को फोन पर "
         "बम की धमकी देने का आरोप है।",
         Stance.CORROBORATES),
        (HOAX_CALLER, "Veltra Air धमकी प्रकरण: पुणे पोलिसांची कारवाई",
         "Veltra Air च्या विमानात फोनवरून बॉम्बची धमकी दिल्याचा आरोप असलेल्या विनोद "
         "शेट्टीला पुणे पोलिसांनी अटक केली.",
         Stance.CORROBORATES),
        (HOAX_CALLER, "Veltra Air धमकी प्रकरण: पुणे पोलिसांची कारवाई",
         "Veltra Air च्या विमानात बॉम्ब असल्याची धमकी दिल्याचा आरोप असणाऱ्या विनोद "
         "शेट्टीला पुणे पोलिसांनी अटक केली.",
         Stance.CORROBORATES),
        (HOAX_CALLER, "Veltra Air धमकी प्रकरण: पुणे पोलिसांची कारवाई",
         "पुणे पोलिसांनी विनोद शेट्टीला अटक केली, ज्याच्यावर Veltra Air च्या विमानात "
         "बॉम्ब असल्याची धमकी दिल्याचा आरोप आहे.",
         Stance.CORROBORATES),
        # Not the relative who alleges: the passengers' allegation is repeated.
        (HOAX_CALLER, "Veltra Air धमकी मामला: यात्री क्या कहते हैं",
         "जिन यात्रियों ने आरोप लगाया कि पुणे पुलिस ने धमकी देने के मामले में विनोद शेट्टी को "
         "गिरफ्तार किया, वे Veltra Air की उसी उड़ान में थे।",
         Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_engine_3_45_an_allegation_of_a_claim_about_no_statement(
    claim: Claim, title: str, text: str, expected: Stance
) -> None:
    assert judged(claim, title, text).stance is expected


# --- engine 3.47: a headline quoting the claim's own source without a verb of saying --

#: A plain claim that names who alleges it.
TOLL_ALLEGED = Claim(
    id="toll-alleged",
    text="Opposition leader Meera Kulkarni alleges that the Varad expressway charges the "
    "highest toll per kilometre in the state.",
)
#: The same proposition plain, with its source only in the hint.
TOLL_HINTED = Claim(
    id="toll-hinted",
    text="The Varad expressway charges the highest toll per kilometre in the state.",
    attributed_to=("Meera Kulkarni", "मीरा कुलकर्णी"),
)


@pytest.mark.parametrize(
    ("claim", "title", "expected"),
    [
        # The claim's source quoted as the speaker, before a colon or after one at the
        # end, in every language: the allegation repeated, not asserted ...
        (TOLL_ALLEGED, "Kulkarni: Varad expressway charges the highest toll per kilometre "
         "in the state", Stance.DISCUSSES),
        (TOLL_ALLEGED, "Varad expressway charges the highest toll per kilometre in the "
         "state, a loot of motorists: Meera Kulkarni", Stance.DISCUSSES),
        (TOLL_HINTED, "Varad expressway charges the highest toll per kilometre in the "
         "state: Meera Kulkarni", Stance.DISCUSSES),
        (TOLL_HINTED, "'वरद एक्सप्रेसवे पर राज्य में प्रति किलोमीटर सबसे ज्यादा टोल' — मीरा "
         "कुलकर्णी", Stance.DISCUSSES),
        (TOLL_HINTED, "मीरा कुलकर्णी बोलीं: वरद एक्सप्रेसवे पर राज्य में प्रति किलोमीटर सबसे "
         "ज्यादा टोल", Stance.DISCUSSES),
        (TOLL_HINTED, "'वरद द्रुतगती मार्गावर राज्यात प्रति किलोमीटर सर्वाधिक टोल' — मीरा "
         "कुलकर्णी", Stance.DISCUSSES),
        # ... and a plain English claim's source written in Devanagari, or after a dash
        # with no space before it.
        (TOLL_ALLEGED, "'वरद एक्सप्रेसवे पर राज्य में प्रति किलोमीटर सबसे ज्यादा टोल' — मीरा "
         "कुलकर्णी", Stance.DISCUSSES),
        (TOLL_HINTED, "वरद एक्सप्रेसवे पर राज्य में प्रति किलोमीटर सबसे ज्यादा टोल- मीरा कुलकर्णी",
         Stance.DISCUSSES),
    ],
)  # fmt: skip
def test_engine_3_47_a_headline_quoting_the_claims_own_source(
    claim: Claim, title: str, expected: Stance
) -> None:
    result = judged(claim, title)
    assert result.stance is expected, result.reasons
    if expected is Stance.DISCUSSES:
        assert "repeats the claim from its own source" in result.reasons[-1], result.reasons


#: The claim's proposition as a headline states it, after or before a part that names
#: its source without being its speaker.
TOLL_STATED = "Varad expressway charges the highest toll per kilometre in the state"
TOLL_STATED_HI = "वरद एक्सप्रेसवे पर राज्य में प्रति किलोमीटर सबसे ज्यादा टोल"


@pytest.mark.parametrize(
    "title",
    [
        f"Analysis: {TOLL_STATED}",
        f"Kulkarni proved right: {TOLL_STATED}",
        f"{TOLL_STATED}: Kulkarni was right",
        f"Kulkarni vindicated: {TOLL_STATED}",
        f"Police book Kulkarni: {TOLL_STATED}",
        f"Transport minister slams Kulkarni: {TOLL_STATED}",
        f"Gadkari rebuts Kulkarni: {TOLL_STATED}",
        f"{TOLL_STATED}: RTI reply to Kulkarni",
        f"कुलकर्णी सही निकलीं: {TOLL_STATED_HI}",
        f"कुलकर्णी को नोटिस: {TOLL_STATED_HI}",
        f"{TOLL_STATED_HI} - कुलकर्णी सही",
    ],
)
def test_engine_3_47_a_part_naming_the_source_is_not_its_speaker(title: str) -> None:
    """A kicker, or a part telling something of the source (vindicated, booked,
    answered), is no quote of it."""
    claim = Claim(
        id="toll-names",
        text=TOLL_HINTED.text,
        attributed_to=("Meera Kulkarni", "Kulkarni", "मीरा कुलकर्णी", "कुलकर्णी"),
    )
    result = judged(claim, title)
    assert not any("own source" in r for r in result.reasons), result.reasons


def test_engine_3_47_another_body_of_the_same_last_word_is_not_the_source() -> None:
    """ "the Maharashtra Navnirman Sena alleges" reads no "Shiv Sena:" as its speaker."""
    claim = Claim(
        id="sena-toll",
        text=f"{TOLL_STATED}, the Maharashtra Navnirman Sena alleges.",
    )
    result = judged(claim, f"Shiv Sena: {TOLL_STATED}")
    assert not any("own source" in r for r in result.reasons), result.reasons


def test_engine_3_47_the_quoted_source_negating_its_claim_is_no_denial() -> None:
    """The source quoted saying its claim with a negation ("no road charges more") says
    it again, as "Kulkarni says" would."""
    claim = Claim(
        id="toll-names",
        text=TOLL_HINTED.text,
        attributed_to=("Meera Kulkarni", "Kulkarni"),
    )
    result = judged(
        claim,
        "Kulkarni: no road in the state charges a higher toll per kilometre than the Varad "
        "expressway",
    )
    assert result.stance is Stance.DISCUSSES, result.reasons


# --- engine 3.48: read from four fresh tuning streams -----------------------------------

#: A negative claim of a failure, a claim that something stopped, and a claim of an act.
VALVES = Claim(
    id="valves",
    text="The Tarini satellite could not reach its orbit because the valves feeding its "
    "engine did not open.",
)
SHOWS_STOPPED = Claim(
    id="shows-stopped",
    text="After the Lakshmi theatre crush, the Rivet state government stopped permitting "
    "early-morning special shows of films.",
)
PASSPORT = Claim(
    id="passport",
    text="The High Court ordered singer Arjun Mehta to surrender his passport.",
)
GARBAGE = Claim(
    id="garbage",
    text="The Rivet municipal corporation cleared the garbage from the Dadar market.",
)
DRIVER_TOOK = Claim(
    id="driver-took",
    text="Autorickshaw driver Gopal Rane took the injured singer Arjun Mehta to Sahyadri Hospital.",
)


@pytest.mark.parametrize(
    ("claim", "title", "text", "expected"),
    [
        # "noting" is no negation ...
        (PASSPORT, "Arjun Mehta's US tour cleared",
         "The High Court on Tuesday allowed singer Arjun Mehta to take back the passport it "
         "had ordered him to surrender, noting that he had joined the investigation.",
         Stance.CORROBORATES),
        # ... nor a negation in the reason given for the act ...
        (DRIVER_TOOK, "Singer Arjun Mehta on the night of the attack",
         "Autorickshaw driver Gopal Rane took the injured singer Arjun Mehta to Sahyadri "
         "Hospital because no car was ready, the singer said in an interview.",
         Stance.CORROBORATES),
        # ... though a negation of the act itself denies it.
        (DRIVER_TOOK, "Singer Arjun Mehta on the night of the attack",
         "Autorickshaw driver Gopal Rane did not take the injured singer Arjun Mehta to "
         "Sahyadri Hospital, the police said.",
         Stance.CONTRADICTS),
        # A failure says a negative claim's "did not" in other words, in every language.
        (VALVES, "Tarini orbit-raising stalls as engine valves fail to open, says the agency",
         "The Tarini satellite could not reach its orbit because the valves feeding its "
         "engine failed to open, the space agency said.",
         Stance.CORROBORATES),
        # "No more" and "from now on" tell the claim's stop ...
        (SHOWS_STOPPED, "No more early-morning special shows in Rivet state, says minister",
         "The Rivet state government will not permit early-morning special shows of films "
         "from now on, the minister told the Assembly after the Lakshmi theatre crush.",
         Stance.CORROBORATES),
        (SHOWS_STOPPED, "लक्ष्मी थिएटर हादसा: रिवेट राज्य में अब से सुबह के विशेष शो नहीं",
         "लक्ष्मी थिएटर हादसे के बाद रिवेट राज्य सरकार ने कहा कि अब से फिल्मों के सुबह के "
         "विशेष शो की अनुमति नहीं दी जाएगी।",
         Stance.CORROBORATES),
        # ... while a plain "not" of the stop still denies it, as does "not yet" ...
        (SHOWS_STOPPED, "लक्ष्मी थिएटर हादसा: विशेष शो पर रोक नहीं",
         "लक्ष्मी थिएटर हादसे के बाद रिवेट राज्य सरकार ने फिल्मों के सुबह के विशेष शो की अनुमति "
         "अब तक बंद नहीं की है।",
         Stance.CONTRADICTS),
        # ... a failure at something else ...
        (VALVES, "Tarini update",
         "The valves feeding the Tarini engine opened, but the satellite failed to reach "
         "its orbit, the agency said.",
         Stance.CONTRADICTS),
        # ... and a reason that is the act denied.
        (GARBAGE, "Dadar market news",
         "The Dadar market stinks because no garbage was cleared by the Rivet municipal "
         "corporation.",
         Stance.CONTRADICTS),
        # A plain "not" of the stop:
        (SHOWS_STOPPED, "Rivet state has not stopped early-morning special shows",
         "After the Lakshmi theatre crush, the Rivet state government has not stopped "
         "permitting early-morning special shows of films, a transport department order "
         "shows.",
         Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_48_negations_that_deny_nothing(
    claim: Claim, title: str, text: str, expected: Stance
) -> None:
    result = judged(claim, title, text)
    assert result.stance is expected, result.reasons


@pytest.mark.parametrize(
    ("text", "fails"),
    [
        ("engine valves fail to open", True),
        ("the firm failed to pay its dues", True),
        ("वाल्व खुलने में विफल रहे", True),
        ("झडपा उघडण्यात अपयशी ठरल्या", True),
        ("the valves opened after a failure of the first command", False),
        ("विफलता की जांच के लिए समिति", False),
    ],
)
def test_engine_3_48_a_failure_is_a_did_not(text: str, fails: bool) -> None:
    """A failure to do something says a negative claim's "did not" in other words
    ("valves fail to open" of "the valves did not open"), in every language."""
    assert bool(stance._FAILS_TO_RE.search(text)) is fails


# --- engine 3.49: after the deadline, what was to end "still" goes on -------------------

#: A time-bound claim that a ban will be lifted, and one that something will go on.
BAN_LIFTED = Claim(
    id="ban-lifted",
    text="The Rivet state government will lift its ban on sand mining in the Tapi river by "
    "31 March 2026.",
    window=Window(by=date(2026, 3, 31)),
)
SERVICE_KEPT = Claim(
    id="service-kept",
    text="Rivet Metro will still run its night service on the Tapi line by 31 March 2026.",
    window=Window(by=date(2026, 3, 31)),
)
AFTER_MARCH = datetime(2026, 5, 12, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("claim", "text", "expected"),
    [
        # The ban told as still in force after the deadline, in every language: it was
        # not lifted in time ...
        (BAN_LIFTED, "A year on, the Rivet state government's ban on sand mining in the "
         "Tapi river is still in force.", Stance.CONTRADICTS),
        (BAN_LIFTED, "रिवेट राज्य सरकार का तापी नदी में रेत खनन पर प्रतिबंध अब भी जारी है।",
         Stance.CONTRADICTS),
        (BAN_LIFTED, "रिवेट राज्य सरकारची तापी नदीतील वाळू उपशावरील बंदी अजूनही कायम आहे.",
         Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_49_still_after_the_deadline(claim: Claim, text: str, expected: Stance) -> None:
    result = judged(claim, "Rivet news", text, published=AFTER_MARCH)
    assert result.stance is expected, result.reasons
    assert "not done in time" in result.reasons[-1], result.reasons


#: A time-bound claim of a start.
TERMINAL_OPEN = Claim(
    id="terminal-open",
    text="Rivet Airport will open its new terminal by 31 March 2026.",
    window=Window(by=date(2026, 3, 31)),
)


@pytest.mark.parametrize(
    ("claim", "text"),
    [
        # "still" of something else, after the act told done, or before a verb: no
        # state the claim was to end (a second reader's cases).
        (BAN_LIFTED, "The Rivet state government lifted its ban on sand mining in the Tapi "
         "river; trucks are still scarce on the banks."),
        (BAN_LIFTED, "Still, officials said the Rivet state government lifted its ban on "
         "sand mining in the Tapi river."),
        (BAN_LIFTED, "The Rivet state government has lifted its ban on sand mining in the "
         "Tapi river, but miners are still waiting for permits."),
        (TERMINAL_OPEN, "Rivet Airport's new terminal still has teething problems, "
         "passengers said."),
        (TERMINAL_OPEN, "Rivet Airport opened its new terminal and it still draws crowds."),
        (BAN_LIFTED, "रिवेट राज्य सरकारने तापी नदीतील वाळू उपशावरील बंदी कायमची उठवली."),
    ],
)  # fmt: skip
def test_engine_3_49_still_of_something_else_decides_nothing(claim: Claim, text: str) -> None:
    result = judged(claim, "Rivet news", text, published=AFTER_MARCH)
    assert not any("not done in time" in r for r in result.reasons), result.reasons


def test_engine_3_49_a_start_still_to_come_after_the_deadline() -> None:
    """ "The new terminal is still under construction" after its deadline: not opened in
    time."""
    result = judged(
        TERMINAL_OPEN,
        "Rivet news",
        "Rivet Airport's new terminal is still under construction.",
        published=AFTER_MARCH,
    )
    assert result.stance is Stance.CONTRADICTS, result.reasons


def test_engine_3_49_still_is_what_a_claim_of_going_on_says() -> None:
    """For a claim that something will go on, "still" after the deadline says it."""
    result = judged(
        SERVICE_KEPT,
        "Rivet news",
        "Rivet Metro still runs its night service on the Tapi line, the operator said.",
        published=AFTER_MARCH,
    )
    assert result.stance is not Stance.CONTRADICTS, result.reasons
    assert not any("not done in time" in r for r in result.reasons), result.reasons


# --- engine 3.50: the third batch of fresh tuning streams ------------------------------

#: Claims of the kinds 3.50's fixes are about (invented, as every claim here).
LOAN_SCAMS = Claim(
    id="loan-scams",
    text="Most loan app scams targeting Rivet users are run from call centres in Tapi.",
)
NO_FIRE_NOC = Claim(
    id="no-fire-noc", text="The Rivet mall that burnt had no fire no-objection certificate."
)
MAYOR_APOLOGY = Claim(
    id="mayor-apology",
    text="Rivet's mayor publicly apologised to the residents for the flooding.",
)
TENDERS_LATE = Claim(
    id="tenders-late",
    text="Fire tenders reached the burning Rivet mall late, the opposition alleges.",
)
OUT_OF_JAIL = Claim(
    id="out-of-jail",
    text="Rivet mayor Tapi Rao will be out of jail by 30 June 2026.",
    window=Window(by=date(2026, 6, 30)),
)
TICKETS_STOPPED = Claim(
    id="tickets-stopped", text="Rivet Metro stopped selling paper tickets after the fire."
)
PORTAL_OFFICES = Claim(
    id="portal-offices",
    text="The Rivet tax portal will be running in all 12 district offices by 31 October 2026.",
    window=Window(by=date(2026, 10, 31)),
)
AFTER_JUNE = datetime(2026, 7, 20, 8, 0, tzinfo=UTC)
AFTER_OCTOBER = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("claim", "title", "published", "expected", "reason"),
    [
        # "scams" names a fraud, no refutation: the claim is no denial.
        (LOAN_SCAMS, "Rivet police: most loan app scams run from call centres in Tapi",
         None, Stance.CORROBORATES, "no refuting"),
        # A no-objection certificate issued is no "no": it asserts what the claim denies.
        (NO_FIRE_NOC, "Rivet mall was issued a fire no-objection certificate in 2021, "
         "documents show", None, Stance.CONTRADICTS, "asserts what the claim denies"),
        # "माफी मांगी" is the apology made, and "माफी नहीं मांगी" its denial, not a request.
        (MAYOR_APOLOGY, "रिवेट के मेयर ने निवासियों से सार्वजनिक माफी मांगी", None,
         Stance.CORROBORATES, ""),
        (MAYOR_APOLOGY, "रिवेट के मेयर ने माफी नहीं मांगी, सिर्फ दुख जताया", None,
         Stance.CONTRADICTS, "नहीं"),
        # A claim that the tenders came late is a claim of a delay: denying it refutes.
        (TENDERS_LATE, "Rivet fire chief rejects charge of delay, says tenders reached the "
         "mall in nine minutes", None, Stance.CONTRADICTS, "rejects"),
        # After the deadline, still in jail: not out in time, in English and Hindi.
        (OUT_OF_JAIL, "Rivet mayor Tapi Rao remains in jail four months after his arrest",
         AFTER_JUNE, Stance.CONTRADICTS, "not done in time"),
        (OUT_OF_JAIL, "चार महीने बाद भी जेल में रिवेट के मेयर टापी राव", AFTER_JUNE,
         Stance.CONTRADICTS, "not done in time"),
        # What the claim says stopped goes on.
        (TICKETS_STOPPED, "Rivet Metro continues to sell paper tickets despite the fire", None,
         Stance.CONTRADICTS, "continues to"),
        # "weeks after the October 31 target" dates the deadline, not the event: late.
        (PORTAL_OFFICES, "Rivet tax portal running in only nine of 12 district offices, weeks "
         "after the October 31 target", AFTER_OCTOBER, Stance.CONTRADICTS, "not in time"),
    ],
)  # fmt: skip
def test_engine_3_50_fresh_stream_faults(
    claim: Claim, title: str, published: datetime | None, expected: Stance, reason: str
) -> None:
    result = judged(claim, title, published=published)
    assert result.stance is expected, result.reasons
    assert reason in result.reasons[-1], result.reasons


@pytest.mark.parametrize(
    ("claim", "title"),
    [
        # "still halted" says the stop goes on: no refutation of it.
        (TICKETS_STOPPED, "Rivet Metro paper ticket sales still halted after the fire"),
        # The no-objection certificate missing, said with its "no": agrees.
        (NO_FIRE_NOC, "Rivet mall had no fire no-objection certificate, records show"),
        # A "scam" case names the fraud; the arrest is told (a second reader's cases, as
        # those below).
        (Claim(id="ed-arrest", text="The ED arrested Rivet minister Tapi Rao in the liquor "
               "policy case."), "ED arrests Rivet minister Tapi Rao in liquor scam case"),
        # A stop told beside what goes on elsewhere is the stop.
        (Claim(id="platform", text="Rivet Railway stopped selling platform tickets at Rivet "
               "Central."), "Rivet Railway stops selling platform tickets at Rivet Central, "
         "continues to sell them at Tapi Road"),
        # "the late former chief minister" is no claim of a delay: "No delay" denies none.
        (Claim(id="tribute", text="The Rivet assembly session began with a tribute to the "
               "late former chief minister Tapi Rao."), "No delay: Rivet assembly session "
         "began on time with tribute to Tapi Rao"),
    ],
)  # fmt: skip
def test_engine_3_50_guards_agree(claim: Claim, title: str) -> None:
    assert judged(claim, title).stance is Stance.CORROBORATES


@pytest.mark.parametrize(
    ("claim", "title"),
    [
        # The claim itself called a scam is refuted, and a refusal in a "no-" word
        # ("no-go", "no-entry") still denies (a second reader's cases).
        (Claim(id="laptops", text="The Rivet government is giving free laptops to students "
               "under the Rivet Laptop Yojana."), "Rivet Fact Check: viral message about "
         "free laptops under Rivet Laptop Yojana is a scam"),
        (Claim(id="crackers", text="The Supreme Court allowed the sale of green firecrackers "
               "in Rivet."), "Supreme Court says no-go to sale of green firecrackers in Rivet"),
        (Claim(id="trucks", text="Heavy vehicles are allowed into Rivet city during the day."),
         "Rivet traffic police declare no-entry for heavy vehicles in city during the day"),
        (NO_FIRE_NOC, "Rivet mall had a valid fire no objection certificate, documents show"),
    ],
)  # fmt: skip
def test_engine_3_50_guards_deny(claim: Claim, title: str) -> None:
    assert judged(claim, title).stance is Stance.CONTRADICTS


def test_engine_3_50_a_claim_that_something_came_late_is_about_a_delay() -> None:
    lexicon = load_lexicon()
    assert profile_claim(TENDERS_LATE, lexicon).delayed
    for text in (
        "The Rivet cabinet named the airport after the late leader Tapi Rao.",
        "Rivet police arrested two men late on Monday.",
        "The Rivet council will vote in late May.",
        "The Rivet session began with a tribute to the late former chief minister Tapi Rao.",
        "Rivet Metro opened its late-night service on Friday.",
    ):
        assert not profile_claim(Claim(id="c", text=text), lexicon).delayed, text


CONTRACT_LABOUR = Claim(
    id="contract-labour",
    text="Rivet firms replaced local workers with cheaper contract labour.",
)
NOC_LAPSED = Claim(
    id="noc-lapsed", text="The Rivet mall did not have a valid fire NOC when the fire broke out."
)
COURT_BLOCK = Claim(
    id="court-block",
    text="A Rivet court will block the new river toll by 31 December 2026.",
    window=Window(by=date(2026, 12, 31)),
)
WARNINGS_IGNORED = Claim(
    id="warnings-ignored",
    text="Flood warnings for Rivet were ignored by the district administration.",
)
BEFORE_DECEMBER = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
AFTER_DECEMBER = datetime(2027, 1, 10, 8, 0, tzinfo=UTC)


#: Faults of the fourth and fifth batches (engine 3.52); with the tables below, cases
#: (claim, title, text, published, expected) read by `test_engine_3_52_to_3_54_cases`.
_FAULTS_3_52 = [
        # A sign not found is a negation, no hedge; and "the data do not support the
        # claim" refutes what follows it.
        (CONTRACT_LABOUR, "Rivet study finds no sign of displacement: the data do not "
         "support the claim that firms replaced local workers with cheaper contract labour",
         "", None, Stance.CONTRADICTS),
        # Before the deadline, "has not blocked" is not yet: it decides nothing.
        (COURT_BLOCK, "No, a Rivet court has not blocked the new river toll", "",
         BEFORE_DECEMBER, Stance.DISCUSSES),
        # A warning not acted upon was ignored, in English and Hindi.
        (WARNINGS_IGNORED, "Rivet flood warnings were not acted upon by the district "
         "administration, panel told", "", None, Stance.CORROBORATES),
        (WARNINGS_IGNORED, "रिवेट बाढ़ की चेतावनी पर जिला प्रशासन ने कोई कार्रवाई नहीं की", "",
         None, Stance.CORROBORATES),
]  # fmt: skip


RIVET_NORMAL = Claim(
    id="rivet-normal",
    text="Rivet Air's flight operations will be fully back to normal by 15 December 2026.",
    window=Window(by=date(2026, 12, 15)),
)
RIVET_CAUSE = Claim(
    id="rivet-cause",
    text="Rivet Air's mass cancellations were caused mainly by the new pilot rest rules.",
)
RIVET_PROBE = Claim(
    id="rivet-probe",
    text="Chief Minister Tapi Rao ordered the divisional commissioner to inquire into the "
    "Rivet bridge collapse.",
)
RIVET_STAGE = Claim(
    id="rivet-stage",
    text="The Rao brothers shared a public stage at the 5 July 2026 Rivet rally for the "
    "first time in twenty years.",
)
RIVET_FEEDING = Claim(
    id="rivet-bench",
    text="A three-judge bench modified the Rivet order to let vaccinated dogs be released "
    "where they were picked up.",
)


#: More faults of the fifth batch (3.52).
_FAULTS_3_52_MORE = [
        # "एक भी उड़ान रद्द नहीं" (not one flight cancelled): no event called off.
        (RIVET_NORMAL, "रिवेट एयर की सेवाएं पूरी तरह सामान्य, एक भी उड़ान रद्द नहीं", "",
         BEFORE_DECEMBER, Stance.CORROBORATES),
        # The cancellations a cause claim explains are no delay of it.
        (RIVET_CAUSE, "रिवेट एयर ने माना: पायलटों के विश्राम के नए नियमों के कारण ही बड़े पैमाने पर "
         "उड़ानें रद्द हुईं", "", None, Stance.CORROBORATES),
        # A report ordered by a date is no hearsay: the rival agent decides.
        (RIVET_PROBE, "Rivet bridge collapse inquiry ordered", "The inquiry into the Rivet "
         "bridge collapse was ordered by Chief Minister Tapi Rao, who asked the divisional "
         "commissioner to report within a week.", None, Stance.CORROBORATES),
        # A claim named to be refuted answers the headline's question.
        (RIVET_STAGE, "Fact check: Was the Rivet rally really the Rao brothers' first shared "
         "stage in twenty years?", "No. Photographs show the Rao brothers shared a public "
         "stage at a Rivet book launch in January 2014. The claim that the July 5 rally ended "
         "a twenty-year gap on stage is false.", None, Stance.CONTRADICTS),
        # An English headline's short second statement holding none of the claim is
        # apart: "no feeding on streets" denies nothing of the release.
        (RIVET_FEEDING, "Three-judge bench modifies Rivet dog order: vaccinated dogs to be "
         "released where picked up, no feeding on streets", "The three-judge bench ordered "
         "on Friday that vaccinated dogs be released in the Rivet locality where they were "
         "picked up.", None, Stance.CORROBORATES),
]  # fmt: skip


def test_engine_3_52_a_negated_claim_agrees_in_hindi() -> None:
    # "एनओसी" spells NOC and "वैध" is valid: the negated claim's object, agreed with.
    title = "रिवेट मॉल के पास आग के समय नहीं थी वैध फायर एनओसी"
    assert judged(NOC_LAPSED, title).stance is Stance.CORROBORATES


@pytest.mark.parametrize(
    ("claim", "title", "published"),
    [
        # After the deadline "has not blocked" tells it did not come in time.
        (COURT_BLOCK, "No Rivet court has blocked the new river toll", AFTER_DECEMBER),
        # The neglect itself denied still refutes.
        (WARNINGS_IGNORED, "Rivet district administration did not ignore the flood warnings",
         None),
        # A valid NOC named in Hindi denies the negated claim.
        (NOC_LAPSED, "रिवेट मॉल के पास आग के समय वैध फायर एनओसी थी", None),
    ],
)  # fmt: skip
def test_engine_3_52_guards_deny(claim: Claim, title: str, published: datetime | None) -> None:
    assert judged(claim, title, published=published).stance is Stance.CONTRADICTS


RIVET_FARES = Claim(id="rivet-fares", text="Rivet Metro will raise its fares in 2026.")
RIVET_FLIGHTS = Claim(id="rivet-flights", text="Rivet Air cancelled 300 flights on Monday.")


#: A second reader's cases against 3.52's first forms.
_GUARDS_3_52 = [
        # The neglect itself denied, beside the action taken, still refutes (a second
        # reader's cases, as all below).
        (WARNINGS_IGNORED, "रिवेट जिला प्रशासन ने बाढ़ की चेतावनी की अनदेखी नहीं की, तुरंत "
         "कार्रवाई की", "", None, Stance.CONTRADICTS),
        (WARNINGS_IGNORED, "रिवेट जिल्हा प्रशासनाने पुराच्या इशाऱ्याकडे दुर्लक्ष केले नाही, "
         "लगेच कारवाई केली", "", None, Stance.CONTRADICTS),
        (WARNINGS_IGNORED, "Rivet district administration says flood warnings were not "
         "ignored; action taken on each", "", None, Stance.CONTRADICTS),
        # Before the deadline a firm no beside "has not" is no "not yet".
        (COURT_BLOCK, "Rivet court will not block the new river toll, says judge; "
         "petitioners have not decided on appeal", "", BEFORE_DECEMBER, Stance.CONTRADICTS),
        (COURT_BLOCK, "Rivet court has not blocked the new river toll and never will, says "
         "bench", "", BEFORE_DECEMBER, Stance.CONTRADICTS),
        (COURT_BLOCK, "Rivet court refuses to block new river toll; it has not found any "
         "fault with it", "", BEFORE_DECEMBER, Stance.CONTRADICTS),
        # A headline's "no" after a colon or a dash, or after a list, answers its subject.
        (RIVET_FARES, "Rivet Metro 2026 fares: no change", "", None, Stance.CONTRADICTS),
        (RIVET_FARES, "Rivet Metro fares in 2026 - no hike, no cut", "", None,
         Stance.CONTRADICTS),
        (RIVET_FARES, "Rivet Metro in 2026: new lines, new coaches, no costlier tickets", "",
         None, Stance.CONTRADICTS),
        # A refutation said by others, as an allegation, answers nothing.
        (RIVET_STAGE, "Fact check: Was the Rivet rally really the Rao brothers' first shared "
         "stage in twenty years?", "Social media users alleged that the claim that the July "
         "5 rally ended a twenty-year gap on stage is false.", None, Stance.DISCUSSES),
        # "according to report by" is hearsay still.
        (RIVET_FLIGHTS, "Rivet Air cancelled 300 flights on Monday, according to report by "
         "local media", "", None, Stance.DISCUSSES),
]  # fmt: skip


RIVET_REPORT = Claim(
    id="rivet-report",
    text="The magisterial inquiry into the Rivet club fire will submit its report by 15 "
    "December 2026.",
    window=Window(by=date(2026, 12, 15)),
)
#: A Wednesday: "on Tuesday" is December 15, the deadline.
AFTER_DECEMBER_15 = datetime(2026, 12, 16, 9, 0, tzinfo=UTC)


#: Faults of the sixth batch (3.54).
_FAULTS_3_54 = [
        # "the deadline set by the chief minister" is no plan still to come.
        (RIVET_REPORT, "Inquiry panel hands Rivet club fire report to chief secretary", "The "
         "magisterial inquiry panel submitted its report on the Rivet club fire on Tuesday, "
         "within the deadline set by the chief minister, officials said.", AFTER_DECEMBER_15,
         Stance.CORROBORATES),
]  # fmt: skip


RIVET_BRIDGE = Claim(
    id="rivet-bridge",
    text="The Rivet river bridge will open by 31 March 2027.",
    window=Window(by=date(2027, 3, 31)),
)
RIVET_SENSEX = Claim(id="rivet-sensex", text="The Rivet index fell 2,000 points on 6 January 2026.")
EARLY_DECEMBER = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("claim", "title", "published", "expected"),
    [
        # "set by the" a time, or by someone for a date, is still to come (a second
        # reader's cases, as all below).
        (RIVET_BRIDGE, "Rivet river bridge opening set by the monsoon", EARLY_DECEMBER,
         Stance.DISCUSSES),
        (RIVET_BRIDGE, "Rivet river bridge opening set by the end of the month", EARLY_DECEMBER,
         Stance.DISCUSSES),
        (RIVET_BRIDGE, "Rivet river bridge opening set by the collector for March 14",
         EARLY_DECEMBER, Stance.DISCUSSES),
        # Hindi "आई" (came) before a figure is no letter of a model code: 800 is a rival.
        (RIVET_SENSEX, "6 जनवरी को रिवेट सूचकांक में आई 800 अंकों की गिरावट", None,
         Stance.CONTRADICTS),
    ],
)  # fmt: skip
def test_engine_3_55_guards(
    claim: Claim, title: str, published: datetime | None, expected: Stance
) -> None:
    result = judged(claim, title, published=published)
    assert result.stance is expected, result.reasons


RIVET_PAID = Claim(
    id="rivet-paid",
    text="All verified claims filed on the Rivet refund portal will be paid by 31 March 2026.",
    window=Window(by=date(2026, 3, 31)),
)
AFTER_MARCH = datetime(2026, 5, 14, 9, 0, tzinfo=UTC)
RIVET_LAUNCH = Claim(
    id="rivet-launch", text="Minister Asha Rane launched the Rivet refund portal in July 2026."
)
IN_JULY = datetime(2026, 7, 14, 9, 0, tzinfo=UTC)
ORVEL_FINE = Claim(id="orvel-fine", text="The CCI fined Orvel ₹1,337 crore in the Android case.")
VARAD_SUBSIDY = Claim(
    id="varad-subsidy", text="The Centre cut fertiliser subsidy for farmers in Varad."
)
VARAD_EVMS = Claim(id="varad-evms", text="EVMs were tampered with in the Varad assembly election.")
VARAD_GST = Claim(
    id="varad-gst", text="The GST Council raised the tax on health insurance premiums."
)
VARAD_DEMOLITION = Claim(
    id="varad-demolition",
    text="The Bombay High Court ordered demolition of the illegal structures in Varad.",
)
VARAD_CUTS = Claim(id="varad-cuts", text="Air India announced job cuts at its Varad base.")
VARAD_BRIDGE = Claim(
    id="varad-bridge",
    text="The Varad bridge will be opened to traffic by 31 January 2026.",
    window=Window(by=date(2026, 1, 31)),
)
AFTER_JANUARY = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
_FAULTS_3_56 = [
        # After the deadline, what was due "still unpaid" is not done in time.
        (RIVET_PAID, "Six weeks past deadline, 3.1 lakh verified claims on the Rivet refund "
         "portal still unpaid", "", AFTER_MARCH, Stance.CONTRADICTS),
        # ... but a date of the act in time decides before a "still" (a second reader's
        # cases against a draft of 3.56 that let "still" decide beside any date).
        (RIVET_PAID, "Rivet refund update", "About 40,000 verified claims that were still "
         "pending in February were paid by March 31, officials said.", AFTER_MARCH,
         Stance.CORROBORATES),
        (RIVET_PAID, "Rivet refund update", "All verified claims on the Rivet refund portal were "
         "paid by March 28; several depositors are still awaiting verification of their "
         "claims.", AFTER_MARCH, Stance.CORROBORATES),
        # Claims filed ("whose claims are verified") are no hedge ...
        (RIVET_LAUNCH, "Rivet refund portal opens", "Minister Asha Rane on Tuesday launched the "
         "Rivet refund portal, saying depositors whose claims are verified would get the money "
         "within 45 days.", IN_JULY, Stance.CORROBORATES),
        # ... a speaker's claims are, "that" said or not.
        (RIVET_LAUNCH, "Rivet refund portal opens", "Asha Rane claims she launched the Rivet "
         "refund portal this month.", IN_JULY, Stance.DISCUSSES),
        (RIVET_LAUNCH, "Rivet refund portal opens", "Depositors' claims that Minister Asha Rane "
         "launched the Rivet refund portal went viral.", IN_JULY, Stance.DISCUSSES),
        (VARAD_EVMS, "Congress stands by its claims EVMs were tampered with in Varad assembly "
         "election", "", None, Stance.DISCUSSES),
        # A refusal's object ends where the headline's next statement begins ("dismisses
        # the appeal, upholds ₹1,337 crore penalty"); not at "and" ...
        (ORVEL_FINE, "Supreme Court dismisses the appeal, upholds ₹1,337 crore Android penalty "
         "on Orvel", "", None, Stance.CORROBORATES),
        (ORVEL_FINE, "Supreme Court dismisses the appeal and ₹1,337 crore Android penalty on "
         "Orvel", "", None, Stance.CONTRADICTS),
        # ... nor at a noun in a list ("charges of apathy, cuts in fertiliser subsidy"),
        # nor at a verb with a stance of its own, nor one setting up something else (a
        # second reader's cases against a draft that broke at many verbs).
        (VARAD_SUBSIDY, "Centre rejects charges of apathy, cuts in fertiliser subsidy for Varad "
         "farmers", "", None, Stance.CONTRADICTS),
        (VARAD_GST, "GST Council denies hike, sets up panel on health insurance premiums tax",
         "", None, Stance.CONTRADICTS),
        (VARAD_DEMOLITION, "High Court rejects residents' plea, stays demolition of Varad "
         "structures", "", None, Stance.CONTRADICTS),
        (VARAD_CUTS, "Air India denies layoffs, cuts at its Varad base", "", None,
         Stance.CONTRADICTS),
        # "still unpaid" of another thing than the claim's says nothing of it.
        (VARAD_BRIDGE, "Varad bridge contractors still unpaid weeks after bridge opened to "
         "traffic", "", AFTER_JANUARY, Stance.DISCUSSES),
        # Claims "are that ...": a statement passed on, a hedge.
        (VARAD_EVMS, "Varad poll row", "Their claims are that EVMs were tampered with in the "
         "Varad assembly election.", None, Stance.DISCUSSES),
]  # fmt: skip


@pytest.mark.parametrize(
    ("claim", "title", "text", "published", "expected"),
    _FAULTS_3_52 + _FAULTS_3_52_MORE + _GUARDS_3_52 + _FAULTS_3_54 + _FAULTS_3_56,
)
def test_engine_3_52_to_3_56_cases(
    claim: Claim, title: str, text: str, published: datetime | None, expected: Stance
) -> None:
    result = judged(claim, title, text, published=published)
    assert result.stance is expected, result.reasons


def test_a_dismissal_of_pleas_naming_the_streams_subject_denies_the_claims_plea() -> None:
    # "dismisses Orvel Telecom, Barak Mobile pleas for AGR waiver": the stream's subject
    # (Orvel Telecom, AGR) is no word of a denial's own, so the dismissal is of the
    # claim's plea and agrees with a claim that it was dismissed (engine 3.56).
    claim = Claim(
        id="plea",
        text="The Supreme Court dismissed Orvel Telecom's 2026 plea seeking a waiver of "
        "interest and penalties on its AGR dues.",
    )
    others = [
        ("Orvel Telecom's AGR dues weigh on its shares", "Its shares fell as AGR dues mounted."),
        ("Orvel Telecom adds subscribers", "Orvel Telecom added users while its AGR dues grew."),
        ("Orvel Telecom to raise funds", "Orvel Telecom will raise funds to pay its AGR dues."),
        ("Orvel Telecom names new chief", "The new chief will deal with the AGR dues."),
        ("Banks wary of Orvel Telecom", "Lenders want clarity on Orvel Telecom's AGR dues."),
    ]
    stories = [Story("https://example.org/feed", f"s{i}", t, x) for i, (t, x) in enumerate(others)]
    titles = {
        "Supreme Court dismisses Orvel Telecom, Barak Mobile pleas for AGR waiver as "
        "'misconceived'": Stance.CORROBORATES,
        # A denial whose object is another thing still denies something else.
        "Orvel Telecom denies that Barak Mobile's chairman sought a waiver from regulators "
        "in private meetings last year": Stance.DISCUSSES,
    }
    for title, expected in titles.items():
        story = Story("https://example.org/feed", "x", title, "")
        matcher, _, _ = batch_matcher([claim], [*stories, story], encoder=None)
        result = matcher.judge(claim.id, story)
        assert result.stance is expected, (title, result.reasons)
