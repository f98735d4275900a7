"""What a claim asserts (`tracker.engine.proposition`): its deadline, time, years,
polarity, cause, what it says there was none of, who alleges it, and what its figure
counts."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.engine.lexicon import load_lexicon
from tracker.engine.proposition import ClaimProfile, implied_source, profile_claim
from tracker.engine.sentence import word_marks
from tracker.types import Claim, Quantity, Window


def profiled(text: str) -> ClaimProfile:
    """The profile of a plain claim typed as `text`."""
    return profile_claim(Claim(id="c", text=text), load_lexicon())


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("The Panvel flyover will open to traffic by June 2025.", date(2025, 6, 30)),
        ("The Panvel flyover will open to traffic by 15 June 2025.", date(2025, 6, 15)),
        ("The Panvel flyover will be finished by the end of 2026.", date(2026, 12, 31)),
        ("पनवेल उड्डाणपूल फेब्रुवारी २०२४ पर्यंत खुला होईल.", date(2024, 2, 29)),
        ("पनवेल फ्लाईओवर मार्च 2025 तक खुल जाएगा।", date(2025, 3, 31)),
        ("The Panvel flyover opened in June 2025.", None),
        ("The Panvel flyover has been shut since 2018.", None),
    ],
)
def test_a_plain_claim_sets_a_deadline_with_a_month_or_a_year(
    text: str, deadline: date | None
) -> None:
    """ "by June 2025" is a deadline (its last day) like "by 15 June 2025"; a month or a
    year the event is dated to is not."""
    profile = profiled(text)
    assert (profile.window.by if profile.window else None) == deadline


def test_by_the_end_of_a_month_is_a_deadline() -> None:
    claim = Claim(
        id="refit",
        text="The first refitted Kalsi ferry will return to service by the end of March 2024.",
    )
    assert profile_claim(claim, load_lexicon()).window == Window(by=date(2024, 3, 31))


@pytest.mark.parametrize(
    ("text", "none"),
    [
        ("बाढ़ में कोई 200 लोग मारे गए", False),  # "about 200"
        ("बाढ़ में कोई मौत नहीं हुई", True),
        ("No fewer than 40 people died in the floods", False),
        ("No casualties were reported in the floods", True),
    ],
)
def test_a_claim_of_none(text: str, none: bool) -> None:
    claim = Claim(id="none", text=text)
    assert bool(profile_claim(claim, load_lexicon()).none_of) is none


def test_a_glued_marathi_cause_makes_a_claim_of_a_cause() -> None:
    claim = Claim(id="cause", text="मुसळधार पावसामुळे कसारा पूल कोसळला")
    assert profile_claim(claim, load_lexicon()).causal


@pytest.mark.parametrize(
    "text", ["Zoomo Air ended its last flight in सितंबर 2024", "ज़ूमो एयर की आखिरी उड़ान सितंबर 2024 में"]
)
def test_a_month_and_year_date_a_claim_in_any_script(text: str) -> None:
    profile = profile_claim(Claim(id="flight", text=text), load_lexicon())
    assert profile.quantity is None and profile.when is not None


@pytest.mark.parametrize(
    ("text", "years", "quantity"),
    [
        # A year written after a name is the name's: every story about the exam names it.
        ("The CUET-UG 2025 exam was postponed because of a server failure.", frozenset(), None),
        ("India won six medals at Paris 2024, one fewer than in Tokyo.", frozenset(), 6.0),
        # A year after a preposition or a month is the claim's time.
        ("The app was banned in 2022.", frozenset({2022}), 2022.0),
        ("Sales fell by March 2024.", frozenset({2024}), None),
    ],
)
def test_a_year_inside_a_name_is_no_claimed_year(
    text: str, years: frozenset[int], quantity: float | None
) -> None:
    profile = profiled(text)
    assert profile.years == years
    assert (profile.quantity.value if profile.quantity else None) == quantity


LAND_CLAIM = Claim(
    id="consent",
    text="Land for the Kosi canal in Dharni's villages was acquired without the consent of"
    " their gram sabhas.",
)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        (LAND_CLAIM.text, True),
        # "without" naming the claim's subject, before its verb, denies nothing.
        ("Assigning spectrum without an auction gives Orbit Net an unfair edge.", False),
    ],
)
def test_without_negates_a_claim_only_after_its_verb(text: str, negated: bool) -> None:
    profile = profiled(text)
    assert profile.negated is negated


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The Kosi dam's gates were left open, the Sangharsh Samiti alleges.", "Sangharsh Samiti"),
        ("Cable operators allege that the merger gives Jio a cricket monopoly.", "Cable operators"),
        ("The Kosi dam's gates were left open.", None),
        ("The priest says he met God.", None),
    ],
)
def test_a_plain_claim_names_the_source_of_its_allegation(text: str, source: str | None) -> None:
    assert implied_source(text) == source


@pytest.mark.parametrize(
    "text",
    [
        "The alleged scam at the Sahyadri Bank cost depositors ₹200 crore.",
        "A man accused of killing his wife escaped from Yerwada jail.",
        "The firm laundered money through Dubai, whom the ED had accused.",
    ],
)
def test_alleged_and_accused_as_words_of_a_noun_name_no_source(text: str) -> None:
    assert implied_source(text) is None


@pytest.mark.parametrize(
    ("text", "about_statement", "roots"),
    [
        # A verb of saying, in any of its forms, opening what is said: the claim tells
        # of a statement ...
        ("The priest says he met God.", True, ()),
        ("Minister Anil Rao wrote to the civic chief asking him to halt the tender.", True, ()),
        ("Veltra managing director Arun Bhosle insists the company paid every worker.", True,
         ()),
        ("Arun Bhosle tweets that the plant will reopen.", True, ()),
        ("Arun Bhosle writes to the mining department about the quarry.", True, ()),
        ("Arun Bhosle told reporters that the plant had shut.", True, ()),
        ("The consumer authority's notice to Veltra Motors cited 9,200 complaints.", True, ()),
        ("The consumer authority's notice cites 9,200 complaints.", True, ()),
        ("विपक्ष ने कहा कि पनवेल पुल की लागत दोगुनी हो गई।", True, ()),
        ("पनवेल पुलाचा खर्च दुप्पट झाला, असे विरोधक म्हणाले.", True, ()),
        # ... not a cue word that is a noun or a name ("postings", the cue "posted";
        # "posts", "claims", "report", "May"), nor a label ("the alleged bomber",
        # "accused of", "accused in"), whose roots shield the claim's own words from the
        # allegation rule.
        ("Veltra Motors discriminates against legacy staff in pay and postings compared "
         "with new staff.", False, ()),
        ("The stampede was caused by the club's social media posts inviting fans.", False,
         ()),
        ("Veltra Cements settled 300 crop-damage claims from farmers.", False, ("claim",)),
        ("The panel will submit its report by 31 May 2025.", False, ()),
        ("Infosys posted a 5% rise in profit.", False, ()),
        ("Veltra will post its first quarterly net profit by March 2025.", False, ()),
        ("The floods claimed the lives of 40 people.", False, ("claim",)),
        ("विपक्ष का दावा है कि पुल की लागत दोगुनी हो गई।", False, ()),
        ("Workers accustomed to night shifts swore allegiance to the union.", False, ()),
        ("Police arrested the alleged bomber Ravi Kale.", False, ("alleg", "accus")),
        ("Police arrested alleged bomber Ravi Kale.", False, ("alleg", "accus")),
        ("Police arrested Sunil Mane, the man accused of running the mine.", False,
         ("alleg", "accus")),
        ("Sunil Mane, accused in the blast case, was arrested in Pune.", False,
         ("alleg", "accus")),
        ("The Congress lost because of the betting-app allegations.", False, ("alleg", "accus")),
        # An allegation the claim itself makes, by a source it names, is no label: its
        # repeats are told by the own-source rules.
        ("The dam's gates were left open, the Sangharsh Samiti alleges.", False, ()),
    ],
)  # fmt: skip
def test_a_claim_about_a_statement_is_told_by_a_verb_of_saying(
    text: str, about_statement: bool, roots: tuple[str, ...]
) -> None:
    profile = profiled(text)
    assert profile.about_statement is about_statement
    assert profile.alleging_roots == roots


# --- engine 3.26: what a claim's figure counts ----------------------------------------


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # Deaths that only date the claim: its figure counts something else.
        (
            "In the week after the deaths, the Halvad council sealed about 20 coaching centres.",
            False,
        ),
        ("Following the deaths of four workers, Kesri Ceramics shut 12 kilns.", False),
        ("मौतों के बाद नगर निगम ने 20 कोचिंग सेंटरों के तहखाने सील किए।", False),
        ("मृत्यूनंतर महापालिकेने २० कोचिंग संस्थांची तळघरे सील केली.", False),
        # Deaths the figure counts, wherever the death word stands.
        ("The Halvad bridge collapse killed 17 people.", True),
        ("The bus caught fire near Halvad, killing 25 passengers.", True),
        ("The official death toll of the Halvad landslide is 231.", True),
        ("The crash killed 17 people after the deaths of two pilots were confirmed.", True),
        ("Following the deaths, Halvad cancelled 35 firecracker licences.", False),
        # A figure in the deaths' own piece counts them, "after" or not, however it is
        # written (a second reader's cases, which a first form broke).
        ("After the deaths of 12 pilgrims, the Halvad temple closed its gates.", True),
        ("After the deaths of at least 12 people in the landslide, treks were banned.", True),
        ("After the deaths of twelve people in the landslide, treks were banned.", True),
        ("Since deaths from the Halvad fever climbed above 40, schools were closed.", True),
        ("12 से अधिक यात्रियों की मौत के बाद हलवद प्रशासन ने रात की यात्रा रोकी।", True),
        ("12 पेक्षा जास्त भाविकांच्या मृत्यूनंतर हलवद प्रशासनाने यात्रा बंद केली.", True),
        ("हादसे में 121 लोगों की मौत हुई।", True),
        ("दुर्घटनेत १७ जणांचा मृत्यू झाला.", True),
    ],
)
def test_a_claims_figure_counts_the_dead_only_when_it_tells_of_them(text: str, dead: bool) -> None:
    """A claim's figure read as a death toll is compared with death words only (a story
    counting 21 basements sealed would not measure "about 20 coaching centres")."""
    profile = profiled(text)
    assert profile.counts_deaths is dead


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # The plural noun a claim's names qualify (engine 3.21)...
        ("About 70 Rivet Air aircraft joined Skyline's fleet.", "aircraft"),
        ("Three AAP councillors joined the BJP.", "councillors"),
        ("The Centre approved 83 Tejas Mk1A fighters.", "fighters"),
        # ... a name that is the thing counted stays the unit...
        ("Fire-Flyer II had about 10,000 A100s.", "a100s"),
        ("Seven BJP MLAs quit the party in Goa.", "mlas"),
        ("About 50,000 Nvidia H800s were smuggled into China.", "h800s"),
        ("Twelve Maoists killed in Bijapur encounter.", "maoists"),
        # ... and so does the name when no plural noun follows it: a verb or a
        # modifier is not what is counted.
        ("Bomb threats reached 20 Delhi government schools.", "delhi"),
        ("Pakistan claimed 3 Rafales shot down.", "rafales"),
        ("Tata sold 50,000 Nexon EVs last year.", "evs"),
        # "of" after a sum is no part of a whole when no quantity follows: a name's
        # number ("Formula 4") or a year is none (engine 3.26).
        (
            "The Tamil Nadu government spent ₹42 crore of public money on the Formula 4 race.",
            "rupees",
        ),
        ("Velmar spent ₹420 crore of its own funds on the 2024 expansion.", "rupees"),
        # A part of a whole counts in the whole's unit, even one that looks like a year.
        ("About 6,900 of Halvad's 14,000 borewells had dried up.", "borewells"),
        ("Velmar has retired 1,800 of its 2010 buses.", "buses"),
        # The plural noun a lowercase word qualifies (engine 3.27).
        ("The Halvad council sealed about 20 coaching centres.", "centres"),
        ("One of the three main parachutes of the Velmar capsule failed.", "parachutes"),
        ("Velstream recorded a peak of 3.2 crore concurrent viewers.", "viewers"),
        # The whole of a part without a figure of its own, past a name's "'s".
        ("About 2,000 of Halvad Transport's buses are wet-leased.", "buses"),
        # A whole's figure before a name: the noun the name qualifies.
        ("Kesri Aero will build 40 of the air force's 56 C295 aircraft.", "aircraft"),
        # What the figure's first word counts stays the unit.
        ("Velmar cut about 500 jobs in 2024.", "jobs"),
        ("About 3,700 kg of explosives brought the towers down.", "kg"),
    ],
)
def test_what_a_claims_figure_counts(text: str, unit: str) -> None:
    profile = profiled(text)
    assert profile.quantity is not None and profile.quantity.unit == unit


@pytest.mark.parametrize(
    ("text", "unit", "dead"),
    [
        ("In the week after the deaths, the council sealed the basements of about 20 "
         "coaching centres.", "basements", False),
        ("The bus fire near Halvad killed 25 passengers.", "passengers", True),
        # A hinted figure the sentence does not state: any death word counts, as before.
        ("The official death toll of the Halvad landslide is 231.", None, True),
    ],
)  # fmt: skip
def test_a_hinted_figure_is_read_where_the_claim_states_it(
    text: str, unit: str | None, dead: bool
) -> None:
    number = next(n for n in (20, 25, 231) if str(n) in text)
    claim = Claim(id="c", text=text, quantity=Quantity(number, unit))
    assert profile_claim(claim, load_lexicon()).counts_deaths is dead


# --- engine 3.27: the noun a claim's figure counts -----------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The Halvad council sealed about 20 coaching centres.", "coaching"),
        ("One of the three main parachutes of the Velmar capsule failed.", "main"),
        ("Velstream recorded a peak of 3.2 crore concurrent viewers.", "concurrent"),
    ],
)
def test_the_word_qualifying_the_counted_noun_counts_it_too(text: str, word: str) -> None:
    """ "20 coaching centres": a story's "३५ कोचिंग संस्था" counts them."""
    profile = profiled(text)
    assert word_marks(word) & profile.unit_keys


def test_a_name_before_the_counted_noun_does_not_count() -> None:
    """ "70 Vistara aircraft": the name tells whose, so it finds no figure by itself."""
    profile = profile_claim(
        Claim(id="c", text="About 70 Velmar aircraft joined the fleet."), load_lexicon()
    )
    assert profile.quantity is not None and profile.quantity.unit == "aircraft"
    assert not word_marks("velmar") & profile.unit_keys


def test_a_hinted_figure_the_claim_writes_as_a_stage_is_a_part() -> None:
    claim = Claim(
        id="c",
        text="The first phase of the Halvad airport cost about ₹19,650 crore to build.",
        quantity=Quantity(1.965e11, "INR"),
    )
    assert profile_claim(claim, load_lexicon()).part


def test_a_hinted_quantity_in_feet_is_compared_in_metres() -> None:
    claim = Claim(id="c", text="The Halvad shaft is 310 ft deep.", quantity=Quantity(310, "ft"))
    quantity = profile_claim(claim, load_lexicon()).quantity
    assert quantity is not None and quantity.unit == "metres"
    assert quantity.value == pytest.approx(94.488)


@pytest.mark.parametrize(
    ("text", "cause", "effect"),
    [
        ("A sewage leak caused the cracks in the Tavri flyover.", "sewage", "cracks"),
        ("The Tavri flyover cracked because of a sewage leak.", "sewage", "cracked"),
        # A passive "caused by" puts the cause after the cue, as "because" does.
        ("The cracks in the Tavri flyover were caused by a sewage leak.", "sewage", "cracks"),
        ("तावरी फ्लाईओवर में सीवेज रिसाव के कारण दरारें आईं।", "सीवेज", "दरारें"),
    ],
)
def test_which_side_of_a_cause_cue_the_cause_stands(text: str, cause: str, effect: str) -> None:
    profile = profiled(text)
    assert word_marks(cause) & profile.cause_marks
    assert not word_marks(cause) & profile.effect_marks
    assert word_marks(effect) & profile.effect_marks


def test_a_show_cause_notice_tells_no_cause() -> None:
    """ "issued a show-cause notice" names a notice: the claim is no claim of a cause."""
    profile = profiled("The Tavri transport board issued a show-cause notice to Rao Travels.")
    assert not profile.causal
    assert not profile.cause_marks
    assert profiled("Rao Travels' driver caused the Tavri bus crash.").causal
