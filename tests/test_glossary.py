"""The trilingual glossary (tracker.engine.glossary): a claim's key term found in a
story in another language, and the shipped files' checks."""

from __future__ import annotations

import pytest

from tracker.engine.glossary import build_glossary, glossary, parse_glossary
from tracker.engine.keys import claim_term_keys, word_keys
from tracker.engine.linear import DataFileError
from tracker.engine.text import fold, stopwords, tokenize

SMALL = """
# test
- {en: [drought, droughts], hi: [सूखा, सूखे], mr: [दुष्काळ, दुष्काळी]}
- {en: [rain, rainfall], mr: [पाऊस, पावसा]}
"""


def _found(claim_word: str, story_text: str, keys_for=None) -> bool:  # type: ignore[no-untyped-def]
    """Does a story's text hold the claim word under one of its keys?"""
    keys = claim_term_keys(claim_word) if keys_for is None else keys_for(claim_word)
    story = {key for token in tokenize(story_text) for key in word_keys(fold(token))}
    return bool(keys & story)


def test_an_english_word_finds_its_equivalents_inflected_and_back() -> None:
    small = build_glossary(parse_glossary(SMALL, "test.yaml"))
    # English claim word (any inflection) -> Marathi and Hindi story words with endings.
    assert _found("droughts", "राज्यात दुष्काळाचा फटका", small.keys_for)
    assert _found("drought", "इस साल सूखे की मार", small.keys_for)
    assert _found("rainfall", "पावसाचे प्रमाण घटले", small.keys_for)
    # A Devanagari claim word -> the English word and the other language's word.
    assert _found("दुष्काळाचा", "The drought hit 40 talukas", small.keys_for)
    assert _found("दुष्काळ", "इस साल सूखे की मार", small.keys_for)
    # Nothing else: a word not in it, and words of another entry.
    assert small.keys_for("flood") == frozenset()
    assert not _found("drought", "पावसाचे प्रमाण घटले", small.keys_for)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("{en: [x]}", r"must be a list of entries"),
        ("- {en: [drought]}", r"entry 1: needs words in at least two languages"),
        ("- {en: [rain], mr: [पाऊस]}\n- {en: [drought], fr: [sécheresse]}", r"entry 2: an entry"),
        ("- {en: [drought], hi: सूखा}", r"entry 1: hi must be a list of words"),
        ("- {en: [drought], hi: [sukha]}", r"entry 1: 'sukha' under hi is not in Devanagari"),
        ("- {en: [सूखा], hi: [सूखा]}", r"entry 1: 'सूखा' under en is not in Latin"),
        ("- {en: [dry spell], hi: [सूखा]}", r"entry 1: 'dry spell' is not one word"),
        ("- {en: [drought], hi: [सूखा]", r"is not valid YAML"),
    ],
)
def test_a_bad_glossary_file_is_named_with_its_entry(raw: str, message: str) -> None:
    with pytest.raises(DataFileError, match=r"tracker/data/glossary_x\.yaml.*" + message):
        parse_glossary(raw, "tracker/data/glossary_x.yaml")


def test_the_shipped_glossary_loads_without_function_words() -> None:
    """Every shipped file parses, and no stopword of any language is kept (one would
    match almost every sentence of a story in that language): "may" the month is
    left out with the modal, as is a Devanagari word that is a function word."""
    shipped = glossary()
    assert len(shipped.equivalents) > 3000
    stop = stopwords("en") | stopwords("hi") | stopwords("mr")
    for key, equivalents in shipped.equivalents.items():
        assert key.removeprefix("w:") not in stop, key
        assert not {k.removeprefix("w:") for k in equivalents} & stop, key
    small = build_glossary(parse_glossary("- {en: [may, rain], mr: [पाऊस, आणि]}", "x.yaml"))
    assert small.keys_for("may") == frozenset() and "w:आणि" not in small.keys_for("rain")


@pytest.mark.parametrize(
    ("claim_word", "story"),
    [
        ("drought", "मराठवाड्यातील दुष्काळी तालुक्यांची यादी जाहीर"),
        ("drought", "राजस्थान में सूखे से किसान परेशान"),
        ("banned", "सरकार ने ऐप पर प्रतिबंध लगाया"),
        ("farmers", "शेतकऱ्यांना मदत जाहीर"),
        # Countries whose Hindi and Marathi names do not sound like the English.
        ("india", "हावड़ा स्टेशन भारत का सबसे गहरा मेट्रो स्टेशन"),
        ("india", "हे भारतातील सर्वात खोल स्थानक आहे"),
        ("china", "चीन ने निर्यात पर रोक लगाई"),
        ("russia", "रशियाने आक्षेप नोंदवला"),
        # Everyday acts added with engine 3.36.
        ("colluded", "अधिकारियों और बिल्डर की मिलीभगत से बने टावर"),
        ("deliberately", "पाणीसाठा जाणूनबुजून कमी दाखवला"),
        ("excluded", "दुष्काळ यादीतून ३० तालुके वगळले"),
        ("renovated", "स्थानकाचे नूतनीकरण पूर्ण"),
        ("handed", "मंदिर का प्रबंधन ट्रस्ट को सौंपा गया"),
        ("trustees", "तीन ट्रस्टियों ने इस्तीफा दिया"),
    ],
)
def test_claim_terms_carry_the_shipped_equivalents(claim_word: str, story: str) -> None:
    assert _found(claim_word, story)


def test_a_marathi_denial_governs_the_english_claims_word() -> None:
    """The stance rules tie a cue to the claim through the glossary too: "फेटाळले"
    (rejected) governs "जाहीर" (declared), so a Marathi story denying a drought
    declaration contradicts the English claim (without it: a report, "discusses")."""
    from tracker.engine.batch import batch_matcher
    from tracker.types import Claim, Stance, Story

    def story(key: str, title: str) -> Story:
        return Story(feed_url="x", entry_key=key, title=title, text=f"{title}.", lang="mr")

    claim = Claim(id="drought", text="Maharashtra declared drought in 40 talukas.")
    stream = [
        story(f"s{i}", title)
        for i, title in enumerate(
            ["महाराष्ट्रात पावसाची हजेरी", "महाराष्ट्रातील धरणे भरली", "महाराष्ट्र सरकारची नवी योजना"]
        )
    ]
    denial = story("d", "महाराष्ट्रातील ४० तालुक्यांत दुष्काळ जाहीर केल्याचे वृत्त सरकारने फेटाळले")
    matcher, _, _ = batch_matcher([claim], [*stream, denial])
    verdict = matcher.judge("drought", denial)
    assert verdict.stance is Stance.CONTRADICTS, verdict.reasons
    assert 'refuting cue "फेटाळले" governs' in verdict.reasons[-1]


def test_config_entries_extend_the_shipped_glossary_in_a_new_one() -> None:
    """`with_entries`: the shipped glossary with the config's entries added, a new object;
    the shipped one is untouched and stays the default."""
    from tracker.engine.glossary import read_entry, with_entries

    zorbing = read_entry({"en": ["zorbing"], "mr": ["गोलफिरकी"]})
    # An entry may add a word to a concept the shipped glossary has.
    drought = read_entry({"en": ["drought"], "mr": ["अवर्षण"]})
    merged = with_entries([zorbing, drought])
    assert with_entries([]) is glossary() and with_entries([zorbing, drought]) is merged
    assert _found("zorbing", "मनालीत गोलफिरकीवर बंदी", merged.keys_for)
    assert _found("गोलफिरकी", "Manali bans zorbing", merged.keys_for)
    assert _found("drought", "मराठवाड्यात अवर्षण", merged.keys_for)
    assert _found("drought", "मराठवाड्यातील दुष्काळी तालुके", merged.keys_for)
    assert not _found("zorbing", "मनालीत गोलफिरकीवर बंदी")  # the default: shipped only
    assert not _found("drought", "मराठवाड्यात अवर्षण")


def test_each_glossary_gives_its_own_stance_marks() -> None:
    """The stance marks of a claim's words are remembered per glossary, so a matcher
    with the config's entries and one without never see each other's marks."""
    from tracker.engine.glossary import read_entry, with_entries
    from tracker.engine.matcher import Matcher
    from tracker.engine.proposition import marks_of_words
    from tracker.types import Claim

    merged = with_entries([read_entry({"en": ["zorbing"], "mr": ["गोलफिरकी"]})])
    assert "गोलफिरकी" in marks_of_words(["zorbing"], merged)
    assert "गोलफिरकी" not in marks_of_words(["zorbing"])
    assert "गोलफिरकी" in marks_of_words(["zorbing"], merged)
    claim = Claim(id="manali-zorbing", text="Manali bans zorbing after a tourist's death")
    entries = [read_entry({"en": ["zorbing"], "mr": ["गोलफिरकी"]})]
    for matcher, wanted in ((Matcher([claim], glossary=entries), True), (Matcher([claim]), False)):
        proposition = matcher.proposition(claim.id)
        assert ("गोलफिरकी" in proposition.model.profile.key_words) is wanted
        assert ("गोलफिरकी" in proposition.distinctive_marks) is wanted
