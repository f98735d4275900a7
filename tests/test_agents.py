"""Who did a claim's act: the claim's agent and act, short names, a story's agents."""

from __future__ import annotations

import pytest

from tracker.engine.agents import (
    claim_agency,
    short_names,
    sounds_like,
    spelled_out,
    story_agents,
)
from tracker.engine.keys import word_skeleton
from tracker.engine.proposition import marks_of_words
from tracker.engine.sentence import Sentence
from tracker.engine.text import fold


@pytest.mark.parametrize(
    ("claim", "agent", "act"),
    [
        ("Chief Minister Devendra Fadnavis inaugurated the Worli stretch on 9 May 2025.",
         ("Devendra", "Fadnavis"), "inaugurated"),
        ("The CBI arrested three signal staff over the crash.", ("CBI",), "arrested"),
        ("The Delhi High Court has ordered a CBI probe.", ("Delhi", "High"), "ordered"),
        ("Neeraj Chopra won silver in the javelin.", ("Neeraj", "Chopra"), "won"),
        # The holder of a title, not the body before it (which others share).
        ("Kelva Motor Group chairman Ravi Rao rang the bell at the listing.",
         ("Ravi", "Rao"), "rang"),
    ],
)  # fmt: skip
def test_a_claim_names_its_agent_without_titles(
    claim: str, agent: tuple[str, ...], act: str
) -> None:
    agency = claim_agency(claim)
    assert agency is not None
    assert (agency.agent, agency.act) == (agent, act)


@pytest.mark.parametrize(
    "claim",
    [
        "Water leaked into the tunnel because of gaps in its joints.",  # a capital opens it
        "Police arrested the driver near Lonavala.",  # a common agent names no one
        "The stretch was inaugurated by the Chief Minister.",  # the passive
        "Kavach will be installed on the Delhi-Mumbai route by March 2024.",
    ],
)
def test_a_claim_without_a_named_agent_has_no_agency(claim: str) -> None:
    assert claim_agency(claim) is None


def test_what_the_act_is_done_to_ends_at_a_preposition() -> None:
    agency = claim_agency("Governor Ravi Menon opened the Uran fish market on Monday.")
    assert agency is not None
    assert agency.acted_on == ("Uran", "fish", "market")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("Indian", "Air", "Force"), {"iaf", "af"}),
        (("Maharashtra", "s", "Food", "and", "Drug", "Administration"), {"mfda", "fda", "da"}),
        (("The", "CBI"), {"cbi"}),
        (("सीबीआई",), {"cbi"}),
    ],
)
def test_short_names_are_acronyms_and_initials(words: tuple[str, ...], expected: set[str]) -> None:
    assert short_names(words) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("सीबीआई", "cbi"), ("डीजीसीए", "dgca"), ("ईडी", "ed"), ("कवच", None), ("सेबी", None)],
)
def test_devanagari_acronyms_are_spelled_letter_by_letter(word: str, expected: str | None) -> None:
    assert spelled_out(word) == expected


@pytest.mark.parametrize(
    ("text", "act", "agents"),
    [
        ("Prime Minister Vikram Sethi inaugurated the stretch.", "inaugurated",
         [("Prime", "Minister", "Vikram", "Sethi")]),
        ("The Supreme Court has ordered his release.", "ordered", [("Supreme", "Court")]),
        ("Inaugurated by the Indian Council of Medical Research, the lab opened.", "inaugurated",
         [("Indian", "Council", "of", "Medical", "Research")]),
        ("सोमवारी राज्यपाल रवि मेनन यांच्या हस्ते लोकार्पण झाले.", "inaugurated",
         [("राज्यपाल", "रवि", "मेनन")]),
        ("आर्थिक अपराध इकाई ने उन्हें गिरफ्तार किया।", "arrested", [("आर्थिक", "अपराध", "इकाई")]),
        # Pronouns and bare titles name no one; an act in other words has no agent here.
        ("He inaugurated the stretch.", "inaugurated", []),
        ("उन्होंने उन्हें गिरफ्तार किया।", "arrested", []),
        ("Vikram Sethi cut the ribbon.", "inaugurated", []),
    ],
)  # fmt: skip
def test_a_story_names_the_agents_of_an_act(
    text: str, act: str, agents: list[tuple[str, ...]]
) -> None:
    sentence = Sentence.read(text)
    spans = story_agents(sentence, marks_of_words([act]))
    assert [sentence.original[start:end] for start, end in spans] == agents


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("मुख्यमंत्री फडणवीस उपस्थित होते", "Fadnavis", True),  # vowels change across scripts
        ("पनवेल-उरण टप्प्याचे लोकार्पण झाले", "Kulkarni", False),  # no fuzzy match in a clause
        ("Deputy CM Eknath Shinde was there", "Fadnavis", False),
    ],
)
def test_a_name_is_found_by_its_consonants_across_scripts(
    text: str, name: str, expected: bool
) -> None:
    sentence = Sentence.read(text)
    skeletons = frozenset(s for s in [word_skeleton(fold(name))] if s)
    assert sounds_like(sentence, 0, len(sentence.original), skeletons) is expected
