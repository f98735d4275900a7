"""Quantities in any script and notation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.engine.numbers import (
    _Words,
    claims_change,
    find_numbers,
    format_number,
    in_common_unit,
    main_quantity,
    sum_of_a_thing,
)
from tracker.engine.text import token_spans


def values(text: str) -> list[float]:
    return [m.value for m in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("about 50,000 chips", 50_000),
        ("about 50k chips", 50_000),
        ("about 50K chips", 50_000),
        ("about 50 thousand chips", 50_000),
        ("about fifty thousand chips", 50_000),
        ("सुमारे ५०,००० चिप्स", 50_000),
        ("सुमारे 50 हजार चिप्स", 50_000),
        ("करीब ५० हज़ार चिप्स", 50_000),
        ("spent 1.2 billion yuan", 1.2e9),
        ("१.२ अब्ज युआन खर्च", 1.2e9),
        ("अंदाजे 8,72,000 रुपये", 872_000),
        ("2 lakh people", 200_000),
        ("3 crore rupees", 3e7),
        ("5 करोड़ रुपये", 5e7),
        ("७ कोटींचा निधी", 7e7),
        ("10 लाख लोग", 1e6),
        ("4 million users", 4e6),
        ("4 दशलक्ष वापरकर्ते", 4e6),
        ("2 अरब डॉलर", 2e9),
        ("1 trillion dollars", 1e12),
        ("1 ट्रिलियन डॉलर्स", 1e12),
        ("$1.2bn deal", 1.2e9),
        ("1 lakh crore", 1e12),
        ("two hundred thousand", 200_000),
        ("दोन लाख", 200_000),
        # A digit before the hundred word multiplies it: 27 hundred crore is 2,700 crore.
        ("करीब 27 सौ करोड़ रुपये", 2.7e10),
        ("२७ शंभर कोटी रुपये", 2.7e10),
        ("27 hundred crore", 2.7e10),
        ("पांच सौ लोग", 500),
    ],
)
def test_values(text: str, value: float) -> None:
    assert values(text) == [pytest.approx(value)]


def test_mention_keeps_original_text_span_and_unit() -> None:
    text = "कंपनीकडे ५०,००० चिप्स आहेत"
    (mention,) = find_numbers(text)
    assert mention.text == "५०,०००"
    assert text[mention.start : mention.end] == "५०,०००"
    assert mention.unit == "चिप्स"


def test_percentages_are_kept_as_written() -> None:
    (english,) = find_numbers("reinvests 70% of revenue")
    (marathi,) = find_numbers("70 टक्के महसूल")
    assert english.is_percent and english.value == 70
    assert marathi.is_percent and marathi.value == 70


def test_years_are_flagged_and_not_comparable() -> None:
    mentions = find_numbers("Born in 1985, he had 10,000 chips by २०२१")
    assert [(m.value, m.is_year) for m in mentions] == [
        (1985, True),
        (10_000, False),
        (2021, True),
    ]
    assert [m.comparable for m in mentions] == [False, True, False]


@pytest.mark.parametrize("text", ["20 to 40 times cheaper", "20-40 times", "20 ते 40 पट स्वस्त"])
def test_ranges(text: str) -> None:
    (mention,) = find_numbers(text)
    assert (mention.value, mention.high) == (20, 40)


def test_range_shares_a_scale_written_once() -> None:
    (mention,) = find_numbers("between 20 to 40 million users")
    assert (mention.value, mention.high) == (20e6, 40e6)


def test_model_codes_are_not_quantities() -> None:
    assert values("the A100 and R1 models") == []
    mentions = find_numbers("10,000 एनव्हीडिया ए 100 चिप्स आणि आर 1 मॉडेल")
    assert [(m.value, m.is_code) for m in mentions] == [(10_000, False), (100, True), (1, True)]


def test_mangled_grouping_is_ignored() -> None:
    # A machine translation wrote 8,72,00,30: no valid grouping, so no number.
    assert values("अंदाजे 8,72,00,30 कोटी रुपये") == []


def test_lone_one_and_bare_scale_words_are_not_quantities() -> None:
    assert values("one of the firms hired thousands of people") == []


def test_main_quantity_skips_years_and_percent() -> None:
    mention = main_quantity("In 2020 it said 70% of revenue buys 10,000 Nvidia A100 chips")
    assert mention is not None and mention.value == 10_000
    assert mention.unit == "nvidia"
    assert main_quantity("Liang was born in 1985") is None


def test_main_quantity_skips_a_full_mark() -> None:
    # "a perfect 300 out of 300" tells what was scored; the claim counts who scored it.
    mention = main_quantity("The result had 41 students with a perfect score of 300 out of 300.")
    assert mention is not None and (mention.value, mention.unit) == (41, "students")
    # A part of another whole stays the claim's figure.
    part = main_quantity("18 out of 20 stations reported rain")
    assert part is not None and part.value == 18


def test_format_number() -> None:
    assert format_number(50_000.0) == "50,000"
    assert format_number(0.5) == "0.5"


@given(st.integers(min_value=1, max_value=10**12))
def test_western_grouping_round_trips(number: int) -> None:
    assert values(f"paid {number:,} yuan") == [number]


@given(st.integers(min_value=1, max_value=10**9))
def test_devanagari_digits_read_like_ascii(number: int) -> None:
    devanagari = str(number).translate(str.maketrans("0123456789", "०१२३४५६७८९"))
    assert values(f"{devanagari} रुपये") == [number]


def test_scale_words_with_either_nukta_and_case_endings() -> None:
    precomposed = "50 \u0939\u095b\u093e\u0930 चिप्स"  # ज़ as one code point
    combining = "50 \u0939\u091c\u093c\u093e\u0930 चिप्स"  # ज + nukta
    assert values(precomposed) == values(combining) == [50_000]
    assert values("५ करो\u095c रुपये") == [5e7]
    assert values("हजारांहून अधिक, ७ कोटींचा निधी") == [7e7]
    # अरबी (Arabic) is not अरब (a billion) with an ending.
    assert values("2 अरबी घोडे") == [2]


@pytest.mark.parametrize(
    "text",
    ["9" * 400 + " chips", "१२३४५६७८९०" * 40 + " चिप्स", "1" + ",000" * 120 + " chips"],
)
def test_a_number_beyond_any_float_is_not_a_quantity(text: str) -> None:
    # It read as infinity and crashed the reason that writes it (int(inf)).
    assert find_numbers(text) == []
    assert main_quantity(text) is None


def test_format_number_writes_non_finite_values_without_raising() -> None:
    assert format_number(float("inf")) == "inf"
    assert format_number(float("nan")) == "nan"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1e9 chips", []),  # scientific notation is glued letters, not a quantity
        ("50,000,000,000,000 chips", [50e12]),
        ("-50,000 chips", [50_000]),
    ],
)
def test_odd_notations(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("a $1 trillion sell-off", "dollars"),
        ("US$ 600 billion wiped off", "dollars"),
        ("₹1 lakh crore", "rupees"),
        ("Rs. 50 crore deal", "rupees"),
        ("INR 20 lakh", "rupees"),
        ("€5m fine", "euros"),
        ("£300 million", "pounds"),
        ("$1.2bn in chips", "dollars"),  # money spent on chips is not a count of chips
        ("the members 50 chips", "chips"),  # "rs" ending a word is no rupee sign
        ("50,000 chips", "chips"),
    ],
)
def test_a_currency_sign_before_a_number_is_its_unit(text: str, unit: str) -> None:
    (mention,) = find_numbers(text)
    assert mention.unit == unit


_TEXT = st.text(alphabet=st.sampled_from("ab1 -.,ए्आरक\u0301\u200d_²"), max_size=40)


@given(_TEXT, st.integers(min_value=0, max_value=45), st.integers(min_value=0, max_value=45))
def test_words_of_a_slice_are_the_texts_words_cut_to_it(text: str, start: int, end: int) -> None:
    # `find_numbers` reads the words before and after each number from one tokenization.
    expected = [(w, a + start, b + start) for w, a, b in token_spans(text[start:end])]
    assert _Words(text).within(start, end) == expected


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("About 18,000 of the first-time voters live in the east", True),
        ("18 out of 20 wards voted", True),
        ("Of the 40 talukas, of which 11 were left out", True),
        ("संशोधित लागत में से 1,150 करोड़ रुपये नहरों पर", True),
        ("स्मार्टफोनपैकी १८ लाख फोन ऑनलाइन विकले", True),
        ("DeepSeek has 50,000 Nvidia chips", False),
        ("a fleet of 10,000 cars", False),
    ],
)
def test_a_part_of_a_whole_is_marked(text: str, part: bool) -> None:
    """A part ("18,000 of the voters") measures something else than the whole: the
    stance rules do not read it as a rival figure."""
    mention = [m for m in find_numbers(text) if not m.is_year][-1 if "which" in text else 0]
    assert mention.is_part is part


def test_a_price_does_not_count_what_it_buys() -> None:
    """ "9,999 रुपये का 5जी फोन" prices a phone: the words after the currency are not
    the number's unit context (it would count phones)."""
    (price,) = find_numbers("निंबस ने लॉन्च किया 9,999 रुपये का 5जी फोन")
    assert price.following == ("रुपये",)
    (count,) = find_numbers("निंबस ने 9,999 नए 5जी फोन भेजे")
    assert "फोन" in count.following


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("विश्वचषकाला विक्रमी साडेबारा लाख प्रेक्षक", 1_250_000),
        ("साढ़े बारह लाख दर्शक", 1_250_000),
        ("सवा लाख लोग", 125_000),
        ("दीड लाख शेतकरी", 150_000),
        ("ढाई करोड़ रुपये", 25_000_000),
        ("डेढ़ लाख मतदार", 150_000),  # written with a nukta, as the news spells it
        ("डेढ़ सौ करोड़", 1_500_000_000),
        ("मृतकों की संख्या दो दर्जन", 24),  # "two dozen"
        ("the toll stands at two dozen", 24),
        ("पावणे दोन कोटी", 17_500_000),
        ("पंधरा तालुके", 15),
        ("अठारह महीने", 18),
    ],
)
def test_hindi_and_marathi_number_words_and_fractions(text: str, value: float) -> None:
    (mention,) = find_numbers(text)
    assert mention.value == value


def test_a_fraction_word_alone_is_no_number() -> None:
    assert find_numbers("सवा") == [] and find_numbers("साडे वाजता") == []


@pytest.mark.parametrize(
    "text", ["About 70 Vistara aircraft joined", "Over 40 killed", "Nearly 15 flights"]
)
def test_a_capitalised_word_opening_the_sentence_does_not_make_a_number_a_model_code(
    text: str,
) -> None:
    # "Vega 5" is a product's number; "About 70" is a quantity.
    (mention,) = find_numbers(text)
    assert mention.comparable
    assert not find_numbers("Vega 5 goes on sale")[0].comparable


def test_a_percentage_of_a_whole_is_a_share_not_a_part() -> None:
    (share,) = find_numbers("SIA to own 49% of the merged Air India")
    assert not share.is_part
    (part,) = find_numbers("18,000 of the city's voters")
    assert part.is_part


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("About 6,900 of the city's 14,000 borewells had dried up.", "6,900"),
        ("Tanker prices were capped at ₹600 for 5,000 litres.", "600"),
        ("DeepSeek owns about 50,000 Nvidia chips.", "50,000"),
    ],
)
def test_main_quantity_is_the_part_and_not_a_rates_base(text: str, figure: str) -> None:
    mention = main_quantity(text)
    assert mention is not None and mention.text.lstrip("₹") == figure


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("64 crore 20 lakh voters", 642_000_000),
        ("६४ कोटी २० लाख मतदारांनी", 642_000_000),
        ("1 lakh 20 thousand tickets", 120_000),
        ("२ अब्ज ५० कोटी रुपये", 2_500_000_000),
    ],
)
def test_a_compound_figure_is_one_number(text: str, value: float) -> None:
    """ "64 crore 20 lakh" is 64.2 crore, not 64 crore beside a rival 20 lakh."""
    (mention,) = find_numbers(text)
    assert mention.value == value


def test_a_smaller_scale_first_is_two_figures() -> None:
    assert [m.value for m in find_numbers("20 lakh, 5 crore")] == [2_000_000, 50_000_000]
    assert [m.value for m in find_numbers("20 lakh 5 crore")] == [2_000_000, 50_000_000]


def test_a_figure_s_words_end_where_the_next_figure_begins() -> None:
    first, second = find_numbers("10 teams bought only 52 players")
    assert "players" not in first.following
    assert second.unit == "players"


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("a roughly 130-foot steel pipe", 39.6),
        ("about 200 feet through rock", 61.0),
        ("200 फीट लंबा पाइप", 61.0),
        ("57 metres long", 57.0),
    ],
)
def test_feet_are_compared_in_metres(text: str, metres: float) -> None:
    (mention,) = find_numbers(text)
    assert mention.value == pytest.approx(metres, abs=0.1)
    assert mention.unit == "metres"


def test_miles_are_compared_in_kilometres() -> None:
    (mention,) = find_numbers("a 10-mile stretch of the coast")
    assert (round(mention.value, 1), mention.unit) == (16.1, "km")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("a 21.8-kilometre bridge", "km"),
        ("1,400 किलोमीटर की पदयात्रा", "km"),
        ("सुमारे ७०० कि.मी.ची पदयात्रा", "km"),
        ("a 500-meter tunnel", "metres"),
        ("500 मीटर लंबी सुरंग", "metres"),
    ],
)
def test_other_words_for_a_unit_of_length_are_one_unit(text: str, unit: str) -> None:
    (mention,) = find_numbers(text)
    assert mention.unit == unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("half a billion litres", [5e8]),
        ("आधा अरब डॉलर", [5e8]),
        ("अर्धा कोटी रुपये", [5e6]),
        # A half of nothing counted is no figure.
        ("half the players", []),
    ],
)
def test_half_of_a_scale(text: str, expected: list[float]) -> None:
    assert values(text) == [pytest.approx(v) for v in expected]


@pytest.mark.parametrize(
    "text", ["a 40 km/h limit", "winds of 125 km per hour", "40 किमी प्रति घंटा"]
)
def test_a_speed_is_no_length(text: str) -> None:
    (mention,) = find_numbers(text)
    assert mention.unit == "km/h"


@pytest.mark.parametrize("text", ["results for 2021-22", "the 2023–24 season", "२०२१-२२ साठी"])
def test_the_second_year_of_a_span_is_a_year(text: str) -> None:
    assert all(m.is_year for m in find_numbers(text))
    assert main_quantity(text) is None


@pytest.mark.parametrize("text", ["fewer Boeing 737 MAX jets", "an Airbus 320 NEO order"])
def test_a_models_number_is_no_quantity(text: str) -> None:
    assert all(m.is_code for m in find_numbers(text))


@pytest.mark.parametrize("text", ["Tata Steel Cuts 800 Jobs", "Air India To Hire 500 Pilots"])
def test_a_title_case_headlines_figure_is_a_quantity(text: str) -> None:
    assert [m.is_code for m in find_numbers(text)] == [False]


def test_a_span_of_time_yields_to_the_claims_figure() -> None:
    mention = main_quantity("Satellite images show the town sank 5.4 cm in 12 days.")
    assert mention is not None and (mention.value, mention.unit) == (5.4, "cm")
    alone = main_quantity("The rescue took 17 days.")
    assert alone is not None and alone.value == 17


@pytest.mark.parametrize(
    ("text", "interim"),
    [
        ("at least 93 dead", True),
        ("74,000 people moved so far", True),
        ("मृतकों की संख्या अब तक 40", True),
        ("93 dead, toll expected to climb", True),
        ("93 dead in the landslides", False),
    ],
)
def test_a_count_still_running(text: str, interim: bool) -> None:
    assert find_numbers(text)[0].is_interim is interim


def test_a_group_size_is_no_claimed_quantity() -> None:
    assert main_quantity("The hospital declared all 41 rescued workers fit.") is None


def test_a_first_phase_is_a_part() -> None:
    (mention,) = find_numbers("The first phase of the trial would cost around ₹6 crore")
    assert mention.is_part


@pytest.mark.parametrize(
    "text",
    [
        # A stage named right after the figure ...
        "लेह ते मनाली ४३० कि.मी.चा पहिला टप्पा पूर्ण",
        "The march covered 430 km, the first leg, by Monday",
        "430 किमी का पहला चरण पूरा",
        # ... or the first days of the whole.
        "In the first ten days the marchers covered 430 km",
        "पहिल्या अकरा दिवसांत पदयात्रींनी सुमारे ४३० कि.मी. अंतर कापले",
    ],
)
def test_a_stage_or_the_first_days_are_a_part(text: str) -> None:
    assert [m.is_part for m in find_numbers(text) if m.unit == "km"] == [True]


def test_a_whole_distance_is_no_part() -> None:
    assert [m.is_part for m in find_numbers("about 1,000 km on foot in 30 days")] == [False, False]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A plant's capacity before its name says which plant: the claim measures nothing.
        ("NHPC's 510 MW Teesta-V power station will resume generation by 31 March 2024.", None),
        ("The flood washed away the dam of the 1,200-MW Teesta-III project.", None),
        # A capacity that is the point of the claim stays its figure.
        ("India added 15 GW of solar capacity in 2024.", 15),
    ],
)
def test_a_capacity_naming_a_plant_is_no_claim_figure(text: str, value: float | None) -> None:
    mention = main_quantity(text)
    assert (mention.value if mention else None) == value


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        # How much something moved ...
        ("Fares were raised by ₹30 on Sunday", [True]),
        ("a ₹30 hike in the maximum fare", [True]),
        ("a hike of ₹30 in the top fare", [True]),
        ("सर्वाधिक भाड्यात ३० रुपयांची वाढ", [True]),
        ("कमाल भाडे ३० रुपयांनी वाढले", [True]),
        ("किराये में 30 रुपये की बढ़ोतरी", [True]),
        # ... and where it moved from, are shifts; where it got to is a level ...
        ("the top fare was raised from ₹60 to ₹90", [True, False]),
        ("अधिकतम किराया ६० रुपये से बढ़ाकर ७० रुपये किया गया", [True, False]),
        ("कमाल भाडे ६० रुपयांवरून ९० रुपये झाले", [True, False]),
        ("the maximum fare rose to ₹90", [False]),
        ("किराया 90 रुपये तक बढ़ा", [False]),
        ("भाडे ९० रुपयांपर्यंत वाढ", [False]),
        # ... and neither a range, nor a figure after an agent's "by", nor a percentage.
        ("Estimates range from ₹2,254 crore to ₹3,600 crore", [False, False]),
        ("The bridge was built by 3,000 workers", [False]),
        ("Shares fell by 20% on Thursday", [False]),
        ("महसूल ३ टक्क्यांनी घटला", [False]),
        # A level compared, a phrasal verb's "by", Marathi "-वरून" as "through" (a second
        # reader's cases).
        ("The new ticket of ₹90 is higher than expected", [False]),
        ("नाशिक रोपवेचे तिकीट ९० रुपये महाग आहे", [False]),
        ("Around 5,000 riders or more use it", [False]),
        ("The plant, set up by 3,000 workers, makes cars", [False]),
        ("The proposal was voted down by 12 directors", [False]),
        ("नाशिक रोपवेची १० लाख तिकिटे ॲपवरून विकली गेली", [False]),
        ("भोपाल रोपवे का किराया 10 रुपये बढ़ा।", [True]),
        ("कारों के लिए 150 रुपये का बढ़ा हुआ टोल", [False]),
        ("२०० जवानांनी घटनास्थळी बचावकार्य केले", [False]),
        ("The 6 km hike from Gunjavane to the fort", [False]),
        ("a drop of 40 metres into the gorge", [False]),
        ("the Yamuna rose by 2 metres overnight", [True]),
        ("the Yamuna rose by about 2 metres overnight", [True]),
    ],
)
def test_a_shift_is_marked_apart_from_a_level(text: str, changes: list[bool]) -> None:
    """A figure of how much something changed, or of where it changed from, is no level
    of it: the stance rules compare it only with a claimed change."""
    assert [m.is_change for m in find_numbers(text)] == changes


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("The March revision raised the maximum fare to ₹90.", False),
        ("The toll for cars is ₹120.", False),
        ("Tomato prices rose to ₹200 a kg in July 2023.", False),
        ("Fares were raised by ₹10.", True),
        ("Sahyadri Motors will cut 2,000 jobs.", True),
        ("Kolhapur Ropeway fares went up ₹10.", True),
        ("भोपाल रोपवे का किराया 10 रुपये बढ़ गया।", True),
        ("After the March hike, the toll for cars is ₹120.", False),
        ("किराया बढ़ाकर 90 रुपये किया गया।", False),
        ("भाडेवाढीनंतर तिकीट ९० रुपये आहे.", False),
        ("आष्टी पूल दुर्घटनेत ४० जणांचा मृत्यू झाला.", False),
        ("कोर्वेक्स लॅब्स २,००० कर्मचाऱ्यांना कामावरून काढणार.", True),
        ("The contractor will shed 2,000 jobs.", True),
        ("Ashti bridge tolls for cars are up ₹30.", True),
    ],
)
def test_a_claim_of_a_change_is_told_from_a_claim_of_a_level(text: str, change: bool) -> None:
    """A claim stating a change ("will cut 2,000 jobs") is measured by a story's shifts,
    one stating a level ("raised the fare to ₹90") is not."""
    assert claims_change(text) is change


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("महसूल ३ टक्क्यांनी घटला", 3.0),
        ("सरासरीच्या ७५ टक्क्यांपेक्षा कमी पाऊस", 75.0),
        ("२० टक्क्यांची वाढ झाली", 20.0),
    ],
)
def test_a_marathi_percentage_with_a_case_ending_is_a_percentage(text: str, value: float) -> None:
    """ "टक्क्यांनी" (by ... percent), "टक्क्यांपेक्षा" (than ... percent): the percent
    word with its case ending glued on is still the percent sign."""
    (mention,) = find_numbers(text)
    assert mention.is_percent and mention.value == value


@pytest.mark.parametrize(
    ("text", "value", "denomination"),
    [
        # A scale word with its case ending glued on counts after number words as after
        # digits ("10 हजारांची" already did) ...
        ("पाच हजारांचा दंड ठोठावला", 5000.0, False),
        ("तीन कोटींचा निधी मंजूर", 3e7, False),
        # ... and the note it names is the ₹2,000 note, not a "2".
        ("दोन हजारांच्या नोटा बँकेत परत", 2000.0, True),
    ],
)
def test_number_words_before_an_inflected_scale(
    text: str, value: float, denomination: bool
) -> None:
    first = find_numbers(text)[0]
    assert (first.value, first.is_denomination) == (value, denomination)


@pytest.mark.parametrize(
    ("text", "denomination"),
    [
        # A figure naming a note or a coin is its face value, not a quantity ...
        ("reintroducing the ₹1,000 note", True),
        ("the 500-rupee notes", True),
        ("the ₹200 notes", True),
        ("a ₹10 coin", True),
        ("2000 रुपये के नोट बदलने की सुविधा", True),
        ("2000 के नोटों से भुगतान", True),
        ("दोन हजार रुपयांच्या नोटा बँकेत", True),
        # ... and a count of notes, a sum in them, a notice or no face value is one.
        ("printed 370 crore notes last year", False),
        ("3,000 notes were seized", False),
        ("₹3.56 lakh crore in notes", False),
        ("500 रुपये का नोटिस भेजा", False),
        ("५,००० रुपयांची नोटीस", False),
        ("8,000 रुपये के नोट जब्त", False),
        ("₹10,000 notes", False),
    ],
)
def test_a_notes_face_value_is_no_quantity(text: str, denomination: bool) -> None:
    first = find_numbers(text)[0]
    assert first.is_denomination is denomination, first
    assert first.comparable is not denomination, first


# --- engine 3.27: sums, weights and volumes as written ------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "written"),
    [
        # A currency word before a small figure makes it a sum, not a model's number.
        ("Velmar had spent about Rs 2 crore on the repairs", 2e7, "rupees", None),
        ("paid Rs 25 lakh in fees", 2.5e6, "rupees", None),
        # Weights in kilograms, volumes of water in litres or gallons a day.
        ("३७ टन स्फोटके वापरण्यात आली", 37_000, "kg", "टन"),
        ("लगभग दो क्विंटल सोना", 200, "kg", "क्विंटल"),
        ("about 100 grams over the limit", 0.1, "kg", "grams"),
        ("the 3.7 tonnes of explosive", 3_700, "kg", "tonnes"),
        ("a deficit of 1,500 MLD", 1.5e9, "litres", "mld"),
        ("सुमारे ९०० एमजीडी पाणी", 9e8, "gallons", "एमजीडी"),
        # A unit already the common one is not converted.
        ("about 3,700 kg of explosives", 3_700, "kg", None),
    ],
)
def test_a_figure_is_read_in_the_unit_it_is_compared_in(
    text: str, value: float, unit: str, written: str | None
) -> None:
    mention = find_numbers(text)[0]
    assert mention.value == pytest.approx(value)
    assert mention.unit == unit
    assert mention.written_unit == written
    assert mention.comparable


def test_a_model_number_after_a_name_is_still_no_quantity() -> None:
    assert not find_numbers("Velmar unveils the Vega 5 scooter")[0].comparable


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (20, "tonnes", (20_000, "kg")),
        (310, "ft", (94.488, "metres")),
        (1_300, "MGD", (1.3e9, "gallons")),
        (100, "g", (0.1, "kg")),
        (250, "INR", (250, "INR")),
        (5, None, (5, None)),
    ],
)
def test_a_hinted_quantity_is_put_in_the_common_unit(
    value: float, unit: str | None, expected: tuple[float, str | None]
) -> None:
    got = in_common_unit(value, unit)
    assert got[0] == pytest.approx(expected[0])
    assert got[1] == expected[1]


@pytest.mark.parametrize(
    ("text", "sums"),
    [
        # A claim's sum "of" a bare noun is what the money is, no part of a whole...
        ("will release about ₹2.5 lakh crore of liquidity into the banks", ["liquidity"]),
        ("spent ₹42 crore of public money on the race", ["public"]),
        # ... a sum "of" a named whole, or of another sum, is a part of it.
        ("Liquor made up ₹32,000 of the Velmar bar's bill", [None]),
        ("Land took ₹1,150 crore of Tembhurni cost", [None]),
        ("₹1,150 crore of the ₹4,000 crore cost", [None, None]),
        ("spent ₹420 crore of its own funds", [None]),
        # Not money: a part as ever.
        ("About 6,900 of the city's 14,000 borewells", [None, None]),
    ],
)
def test_a_sum_of_a_thing_is_told_from_a_part(text: str, sums: list[str | None]) -> None:
    mentions = find_numbers(text)
    assert [sum_of_a_thing(text, m) for m in mentions] == sums
    # Read in a story, every such figure stays a part ("₹42 crore of public money" may
    # be a share of a race's whole cost).
    assert mentions[0].is_part


def test_the_claims_figure_is_the_largest_as_written() -> None:
    """The weight class "50 kg" is no larger than "100 grams" as a claim writes them."""
    text = "Velmar was disqualified from the 50 kg final for being about 100 grams over."
    mention = main_quantity(text)
    assert mention is not None and mention.written_unit == "grams"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The party ended with two hundred and forty seats", 240),
        ("one hundred and five people", 105),
        ("a hundred and twenty-one dead", 121),
        ("three thousand and five hundred", 3_500),
    ],
)
def test_and_joins_the_words_of_one_number(text: str, value: float) -> None:
    assert values(text) == [value]


@pytest.mark.parametrize(
    "text",
    ["another 231 Indians reached Jeddah", "a further 500 jobs will go", "आणखी २३१ नागरिक दाखल"],
)
def test_an_increment_is_a_part_of_the_total(text: str) -> None:
    assert find_numbers(text)[0].is_part


@pytest.mark.parametrize(
    ("text", "interim"),
    [
        # The count itself said to grow: every count of the text is still running.
        ("Officials said 158 people were on the contact list and that the number would rise "
         "as tracing went on.", True),
        ("The toll may climb: 93 bodies have been found.", True),
        # Something else rising is no running count.
        ("Prices will rise, and 158 people joined the protest.", False),
    ],
)  # fmt: skip
def test_a_count_said_to_grow_is_still_running(text: str, interim: bool) -> None:
    assert find_numbers(text)[0].is_interim is interim


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # Marathi glues "only" (च) to a number word: still the number.
        ("अदानींच्या दोनच कंपन्यांना फटका", [2.0]),
        ("केवळ तीनच दिवसांचे प्रशिक्षण", [3.0]),
        ("पाचच दिवसांत", [5.0]),
        # "एकच" is "the same" or "a single" as often as "only one": no figure.
        ("एकच प्रश्न", []),
        # A number word ending in च of its own is itself: पाच (5), अडीच (2.5).
        ("पाच कंपन्या", [5.0]),
    ],
)
def test_marathi_only_glued_to_a_number_word(text: str, values: list[float]) -> None:
    assert [mention.value for mention in find_numbers(text)] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # Engine 3.38: Marathi hundreds are one word each ("पाचशे", not "पाच शे"), a
        # fraction joined to the number of hundreds ("साडेतीनशे": 350), and what follows
        # adds to them ("दोनशे चाळीस": 240, once read as 40) ...
        ("ओला इलेक्ट्रिकमध्ये पाचशे जणांची नोकरकपात", [500.0]),
        ("भाजपला स्वबळावर दोनशे चाळीस जागा", [240.0]),
        ("अडीचशे कुटुंबांचे स्थलांतर", [250.0]),
        ("साडेतीनशे रुपयांची वाढ", [350.0]),
        ("एक हजार पाचशे कामगार संपावर", [1500.0]),
        ("दोनशेहून अधिक बसेस रद्द", [200.0]),
        # ... while a lone "one" is still no figure.
        ("एकहून अधिक कंपन्या", []),
    ],
)
def test_marathi_hundreds_in_one_word(text: str, values: list[float]) -> None:
    assert [m.value for m in find_numbers(text)] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # Engine 3.38: Hindi and Marathi 21-99 are words of their own ...
        ("राहत दल चौबीस घंटे में पहुंचा", [24.0]),
        ("पैंतालीस दिन बाद पुल खुला", [45.0]),
        ("चोवीस तासांत मदत पोहोचली", [24.0]),
        ("पंचाहत्तर टक्के काम पूर्ण", [75.0]),
        ("बत्तीस लाख प्रवासी", [3_200_000.0]),
        # ... a fraction before a hundred adds to its one ("सवा सौ": 125) ...
        ("सवा सौ लोग", [125.0]),
        ("साढ़े तीन सौ बसें", [350.0]),
        # ... and "and a half" adds a half to the number before it, written with spaces
        # or hyphens ("two and a half lakh" was 2, and "two-and-a-half lakh" half a lakh).
        ("about two-and-a-half lakh people", [250_000.0]),
        ("two and a half lakh pilgrims", [250_000.0]),
        ("one and a half crore rupees", [15_000_000.0]),
        ("two and a half years", [2.5]),
    ],
)
def test_more_number_words(text: str, values: list[float]) -> None:
    assert [m.value for m in find_numbers(text)] == values


@pytest.mark.parametrize(
    ("text", "value", "unit", "year"),
    [
        # Engine 3.38: Marathi endings glued to digits leave the digits a number (and the
        # ending is not what it counts) ...
        ("२०१९च्या लोकसभा निवडणुकीत", 2019.0, "लोकसभा", True),
        ("२०२४मध्ये निवडणूक", 2024.0, "निवडणूक", True),
        ("५००हून अधिक कर्मचारी", 500.0, "अधिक", False),
        ("१२०पेक्षा जास्त जागा", 120.0, "जास्त", False),
        # ... and "रु." before a figure is the rupee, as "Rs." is.
        ("रु. ५० कोटींचा निधी", 500_000_000.0, "rupees", False),
    ],
)
def test_marathi_endings_glued_to_digits(text: str, value: float, unit: str, year: bool) -> None:
    [mention] = find_numbers(text)
    assert (mention.value, mention.unit, mention.is_year) == (value, unit, year)


def test_a_name_ending_in_ru_is_no_rupee() -> None:
    [mention] = find_numbers("गुरु 5 बजे आएंगे")
    assert mention.unit != "rupees"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        # Engine 3.38: "USD" before a figure is the dollar, and a currency written glued
        # to the digits still makes them an amount.
        ("USD 2.5 billion in new orders", 2_500_000_000.0, "dollars"),
        ("USD2.5 billion in new orders", 2_500_000_000.0, "dollars"),
        ("a Rs1,200 crore project", 12_000_000_000.0, "rupees"),
        ("a Rs.50 lakh fine", 5_000_000.0, "rupees"),
        ("INR1200cr raised", 12_000_000_000.0, "rupees"),
    ],
)
def test_currencies_before_and_glued_to_digits(text: str, value: float, unit: str) -> None:
    [mention] = find_numbers(text)
    assert (mention.value, mention.unit) == (value, unit)


def test_the_day_and_month_of_a_numeric_date_are_no_quantities() -> None:
    """Engine 3.38: "18/01/2024" holds no 18 nor 1 to compare with a claim's figure (nor
    a range "18-01"), and its year is still a year."""
    mentions = find_numbers("the order dated 18-01-2024 named 18 people")
    assert [(m.value, m.comparable, m.is_year) for m in mentions] == [
        (18.0, False, False),
        (1.0, False, False),
        (2024.0, False, True),
        (18.0, True, False),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A number word written twice with a hyphen is "each" (engine 3.51): five lakh to
        # each family, not ten.
        ("परिजनों को पांच-पांच लाख रुपये की सहायता", 500_000),
        ("मृतांच्या वारसांना दोन-दोन लाख रुपये", 200_000),
        ("दस-दस लाख रुपये दिए गए", 1_000_000),
        # Digits written so were already read once; other words are untouched.
        ("10-10 लाख रुपये", 1_000_000),
        ("twenty-five lakh", 2_500_000),
    ],
)
def test_a_number_written_twice_is_each(text: str, value: float) -> None:
    assert find_numbers(text)[0].value == value


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # Thousands and then hundreds are one figure (engine 3.52): 27,500 teachers, not
        # 27,000 and a rival 500.
        ("सुमारे २७ हजार ५०० अतिरिक्त शिक्षकांची आवश्यकता", [27_500]),
        ("करीब 27 हज़ार 500 शिक्षक", [27_500]),
        ("27 thousand 500 teachers", [27_500]),
        # A year after thousands is a year; a scaled figure after them, another figure.
        ("5 हजार 2024 में", [5_000, 2024]),
        ("50 हजार 20 लाख", [50_000, 2_000_000]),
    ],
)
def test_hundreds_after_thousands_are_one_figure(text: str, values: list[float]) -> None:
    assert [m.value for m in find_numbers(text)] == values


@pytest.mark.parametrize(
    "text", ["5 हजार 10 लोग", "5 हजार 15 अगस्त", "10 हजार 5 बजे", "6 हजार 3 किस्तों"]
)
def test_a_small_number_after_thousands_is_its_own(text: str) -> None:
    # (A second reader's cases: only a count of hundreds joins thousands.)
    assert len(find_numbers(text)) == 2
