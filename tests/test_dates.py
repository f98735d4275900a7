"""Calendar dates in English, Hindi and Marathi sentences (tracker/engine/dates.py)."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.engine.dates import find_dates, find_months, find_times

JUNE = date(2025, 6, 12)


@pytest.mark.parametrize(
    ("text", "written", "when"),
    [
        ("DeepSeek released R2 on May 10", "May 10", date(2025, 5, 10)),
        ("released on 10 May 2025", "10 May 2025", date(2025, 5, 10)),
        ("R2 came out April 28th, 2025, ahead of plan", "April 28th, 2025", date(2025, 4, 28)),
        ("launched Sept. 3", "Sept. 3", date(2024, 9, 3)),
        # Marathi: "DeepSeek published R2 on 10 May" (Devanagari digits).
        ("डीपसीकने १० मे रोजी आर2 प्रसिद्ध केले", "१० मे", date(2025, 5, 10)),
        # Hindi: "DeepSeek released R2 on 10 May".
        ("डीपसीक ने 10 मई को आर2 जारी किया", "10 मई", date(2025, 5, 10)),
        ("एप्रिल २८, २०२५ रोजी", "एप्रिल २८, २०२५", date(2025, 4, 28)),
    ],
)
def test_dates_in_three_languages(text: str, written: str, when: date) -> None:
    [mention] = find_dates(text, JUNE)
    assert (mention.text, mention.when) == (written, when)


def test_a_date_without_a_year_is_never_after_the_story() -> None:
    [mention] = find_dates("released on December 30", date(2025, 1, 5))
    assert mention.when == date(2024, 12, 30)


@pytest.mark.parametrize(
    ("text", "told", "when"),
    [
        # A limit or a start later in the year, nearer to come than a year gone: to come.
        ("BEST gives the panel till February 15", date(2025, 1, 16), date(2025, 2, 15)),
        ("the offer runs until March 3", date(2025, 2, 20), date(2025, 3, 3)),
        ("1 अगस्त से एक्सप्रेसवे पर बाइकों की नो-एंट्री", date(2023, 7, 20), date(2023, 8, 1)),
        ("सर्वेक्षणाला ३१ मार्चपर्यंत मुदतवाढ", date(2025, 1, 2), date(2025, 3, 31)),
        ("१५ ऑगस्टपासून नवी सेवा", date(2025, 8, 1), date(2025, 8, 15)),
        # Nearer a year gone, or no bound: last year's.
        ("closed from December 30 onwards", date(2025, 1, 5), date(2024, 12, 30)),
        ("the road opened on March 12", date(2025, 2, 5), date(2024, 3, 12)),
        # A limit just after the turn of the year is the coming year's.
        ("Bids will be taken till January 12.", date(2024, 12, 18), date(2025, 1, 12)),
        ("यह छूट 10 जनवरी तक रहेगी।", date(2024, 12, 27), date(2025, 1, 10)),
        ("१८ जानेवारीपर्यंत अर्ज करता येतील.", date(2024, 12, 29), date(2025, 1, 18)),
        ("the launch on January 3", date(2024, 12, 28), date(2024, 1, 3)),
        # A start months ahead is one long gone ("has been closed from 12 July").
        ("The market has been closed from 12 July, traders said.", date(2025, 3, 1),
         date(2024, 7, 12)),
        ("बाजार 12 जुलाई से बंद पड़ा है।", date(2025, 3, 1), date(2024, 7, 12)),
        ("कारखाना १ ऑक्टोबरपासून बंद आहे.", date(2025, 4, 15), date(2024, 10, 1)),
    ],
)  # fmt: skip
def test_a_bound_to_come_is_not_put_in_the_year_before(text: str, told: date, when: date) -> None:
    [mention] = find_dates(text, told)
    assert mention.when == when


def test_a_29_february_without_a_year_is_the_last_one() -> None:
    [mention] = find_dates("the rally on 29 February", date(2025, 3, 1))
    assert mention.when == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek may 10x its compute",  # "may" the verb, not the month
        "Maybe 10 people",
        "February 30",  # no such day
        "the 2025 plan",
        "मेरे 10 सवाल",  # Hindi "my": not Marathi मे (May) inside a longer word
    ],
)
def test_no_date_where_none_is_written(text: str) -> None:
    assert find_dates(text, JUNE) == []


def test_dates_come_in_the_order_written() -> None:
    mentions = find_dates("announced on 2 May, released May 20", JUNE)
    assert [m.when for m in mentions] == [date(2025, 5, 2), date(2025, 5, 20)]


def test_find_times_reads_day_month_and_month_year_in_three_scripts() -> None:
    from tracker.engine.dates import TimeMention, find_times

    assert find_times("its last flight on 11 November 2024") == [TimeMention(11, 2024, 11)]
    assert find_times("cleared the deal in January 2024") == [TimeMention(1, 2024)]
    assert find_times("गेल्या वर्षी ११ नोव्हेंबरला उड्डाण") == [TimeMention(11, None, 11)]
    assert find_times("सप्टेंबर २०२३ मध्ये मंजुरी") == [TimeMention(9, 2023)]
    assert TimeMention(11, 2024, 11).agrees(TimeMention(11, None, 11))
    assert not TimeMention(11, 2024, 11).agrees(TimeMention(9, 2024))


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # Saturday 13 January 2024: the Friday just past, or the one to come.
        ("the PM on Friday opened the bridge", [date(2024, 1, 12), date(2024, 1, 19)]),
        ("the bridge opens on Saturday", [date(2024, 1, 13), date(2024, 1, 20)]),
        ("प्रधानमंत्री ने शुक्रवार को लोकार्पण किया", [date(2024, 1, 12), date(2024, 1, 19)]),
        ("पंतप्रधानांनी शुक्रवारी लोकार्पण केले", [date(2024, 1, 12), date(2024, 1, 19)]),
        ("mandays and sundays are no weekdays", []),
    ],
)
def test_find_weekdays_gives_the_dates_a_day_of_the_week_can_be(
    text: str, days: list[date]
) -> None:
    from tracker.engine.dates import find_weekdays

    found = find_weekdays(text, date(2024, 1, 13))
    assert [date(t.year or 0, t.month, t.day or 0) for t in found] == days


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("summit pushed to December amid the crisis", [12]),
        ("डिसेंबरपर्यंत लांबणीवर", [12]),
        ("postponed to May", [5]),
        # "may" the verb, and months written with their day or year, are not bare months.
        ("it may rain; talks May continue", []),
        ("held on 9 September 2023 and again in October", [10]),
    ],
)
def test_bare_months(text: str, months: list[int]) -> None:
    assert [t.month for t in find_months(text)] == months
    assert all(t.year is None and t.day is None for t in find_months(text))


def test_a_month_and_year_after_a_full_date_is_a_time_of_its_own() -> None:
    text = "Cut back after 2 August 2024, Zoomo Air flew its last flight in September 2024"
    assert [(t.month, t.year) for t in find_times(text)] == [(8, 2024), (9, 2024)]


@pytest.mark.parametrize(
    ("text", "when"),
    [
        # 2 July 2025 is a Wednesday: "on Wednesday" in its own story is that day.
        ("opened Line 2 on Wednesday", date(2025, 7, 2)),
        ("declared the outbreak over on Monday", date(2025, 6, 30)),
        ("मुख्यमंत्री ने बुधवार को लाइन खोली", date(2025, 7, 2)),
        ("मुख्यमंत्र्यांनी रविवारी उद्घाटन केले", date(2025, 6, 29)),
        # Engine 3.39: Marathi's "from" glued to the day ("open since Sunday").
        ("उड्डाणपूल रविवारपासून वाहतुकीसाठी खुला झाला", date(2025, 6, 29)),
    ],
)
def test_past_weekdays_are_the_last_such_day_up_to_the_story(text: str, when: date) -> None:
    from tracker.engine.dates import past_weekdays

    (found,) = past_weekdays(text, date(2025, 7, 2))
    assert date(found.year or 0, found.month, found.day or 0) == when
    assert text[found.start : found.end] in (
        "Wednesday", "Monday", "बुधवार", "रविवारी", "रविवारपासून",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "written", "when"),
    [
        # Engine 3.39: days news names instead of dating them, in three languages.
        ("the flyover opened on Republic Day", "Republic Day", date(2026, 1, 26)),
        ("गणतंत्र दिवस पर खुला फ्लाईओवर", "गणतंत्र दिवस", date(2026, 1, 26)),
        ("प्रजासत्ताक दिनाला लोकार्पण", "प्रजासत्ताक दिनाला", date(2026, 1, 26)),
        ("स्वातंत्र्यदिनी उद्घाटन", "स्वातंत्र्यदिनी", date(2025, 8, 15)),
        ("his speech on Independence Day, 2024", "Independence Day, 2024", date(2024, 8, 15)),
        ("opened on Gandhi Jayanti", "Gandhi Jayanti", date(2025, 10, 2)),
    ],
)
def test_named_days_are_dates(text: str, written: str, when: date) -> None:
    from tracker.engine.dates import find_dates

    (found,) = find_dates(text, date(2026, 1, 27))
    assert (found.text, found.when) == (written, when)


def test_named_days_left_out_on_request() -> None:
    """`_dated` leaves named days out of a sentence of the future or naming a month."""
    from tracker.engine.dates import find_dates

    text = "opened on Republic Day, after the 20 January trial"
    assert [d.text for d in find_dates(text, date(2026, 1, 27))] == ["Republic Day", "20 January"]
    assert [d.text for d in find_dates(text, date(2026, 1, 27), named_days=False)] == ["20 January"]


@pytest.mark.parametrize(
    "text",
    [
        "a US Independence Day sale",
        "on Christmas Eve",
        "Republic of India",
        "दिवस भर",
        "Christmas traffic jams on the ring road",
        "प्रजासत्ताक दिनाच्या संचलनाची तयारी",
    ],
)
def test_no_named_day_where_none_is_meant(text: str) -> None:
    from tracker.engine.dates import find_dates

    assert find_dates(text, date(2026, 1, 27)) == []


def test_past_weekdays_of_a_text_without_one() -> None:
    from tracker.engine.dates import past_weekdays

    assert past_weekdays("opened on 28 June", date(2025, 7, 2)) == []


@pytest.mark.parametrize(
    ("text", "month", "year"),
    [
        # Engine 3.38: Marathi's month end and "of" glued to the month.
        ("जूनअखेरपर्यंत काम पूर्ण होईल", 6, None),
        ("मार्चअखेरीस पहिली गाडी", 3, None),
        ("मार्चअखेर २०२५ पर्यंत", 3, 2025),
        ("फेब्रुवारीतील पतधोरणात कपात", 2, None),
    ],
)
def test_marathi_month_end_and_of(text: str, month: int, year: int | None) -> None:
    found = [(t.month, t.year) for t in (*find_times(text), *find_months(text))]
    assert found == [(month, year)]


@pytest.mark.parametrize(
    ("text", "day", "month", "year"),
    [
        # Engine 3.38: a date written in numbers, day first, in either script.
        ("the order dated 18/01/2024 said", 18, 1, 2024),
        ("on 18-01-2024 the bench", 18, 1, 2024),
        ("on 18.01.2024 the court", 18, 1, 2024),
        ("२६/०१/२०२५ रोजी", 26, 1, 2025),
    ],
)
def test_a_date_written_in_numbers(text: str, day: int, month: int, year: int) -> None:
    assert [(t.day, t.month, t.year) for t in find_times(text)] == [(day, month, year)]


def test_numbers_that_are_no_date_stay_numbers() -> None:
    # (No 13th month, and a ratio has no year.)
    assert find_times("99/99/2024 and 3/4") == []
