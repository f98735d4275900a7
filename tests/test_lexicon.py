"""The cue lexicon (tracker.engine.lexicon): what it remembers of the texts it reads."""

from __future__ import annotations

import pytest

from tracker.engine import lexicon as lexicon_mod
from tracker.engine.denial import denies
from tracker.engine.lexicon import Lexicon, load_lexicon
from tracker.engine.sentence import Sentence


def fresh() -> Lexicon:
    """A lexicon of the packaged cues with nothing remembered yet."""
    return Lexicon.build(load_lexicon().cues)


def test_a_read_is_computed_once_per_key() -> None:
    lexicon = fresh()
    calls: list[str] = []

    def read(text: str) -> int:
        calls.append(text)
        return len(text)

    assert lexicon.remembered(("length", "abc"), lambda: read("abc")) == 3
    assert lexicon.remembered(("length", "abc"), lambda: read("abc")) == 3
    assert lexicon.remembered(("length", "abcd"), lambda: read("abcd")) == 4
    # A falsy value is remembered as well as any other:
    assert lexicon.remembered(("length", ""), lambda: read("")) == 0
    assert lexicon.remembered(("length", ""), lambda: read("")) == 0
    assert calls == ["abc", "abcd", ""]


def test_what_is_remembered_is_bounded(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(lexicon_mod, "_READS_SIZE", 3)
    lexicon = fresh()
    calls: list[int] = []
    for number in range(5):
        lexicon.remembered(number, lambda n=number: calls.append(n))  # type: ignore[misc]
    assert len(lexicon._reads) <= 3
    lexicon.remembered(0, lambda: calls.append(0))  # forgotten: read again
    assert calls == [0, 1, 2, 3, 4, 0]


def test_each_lexicon_remembers_its_own_reads() -> None:
    """A config's lexicon with more cues must not answer from the packaged one's memory."""
    packaged = fresh()
    sentence = "The ministry scoffed at the figure of 50,000 chips."
    assert not denies(sentence, packaged)
    cues = dict(packaged.cues)
    extra = lexicon_mod._cue("scoffed")
    cues["refute"] = (*cues["refute"], extra)
    assert denies(sentence, Lexicon.build(cues))
    assert not denies(sentence, packaged)  # still its own answer


@pytest.mark.parametrize(
    ("text", "negation"),
    [
        # Engine 3.38: Marathi negations in their plural and colloquial forms.
        ("रुग्णवाहिका तेथे नव्हत्या", "नव्हत्या"),
        ("अजून निर्णय झालेला नाहीये", "नाहीये"),
    ],
)
def test_marathi_negation_forms(text: str, negation: str) -> None:
    found = load_lexicon().find("negation", Sentence.read(text).words)
    assert [cue.text for cue, _, _ in found] == [negation]


@pytest.mark.parametrize(
    "text",
    [
        # Not negations or denials: "if he did not take it" (नसेल, तर), "refused to
        # comment" (इन्कार after an infinitive).
        "त्यांनी लाच घेतली नसेल, तर त्यांनी चौकशीला सामोरे जावे",
        "लाच प्रकरणावर प्रतिक्रिया देण्यास त्यांनी इन्कार केला",
    ],
)
def test_marathi_conditionals_and_refusals_are_no_denials(text: str) -> None:
    words = Sentence.read(text).words
    assert not load_lexicon().find("negation", words)
    assert not load_lexicon().find("refute", words)
