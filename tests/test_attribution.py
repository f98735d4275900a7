"""Whether a hedge or request cue hedges (`tracker.engine.attribution.hedges_at`)."""

from __future__ import annotations

import pytest

from tracker.engine.attribution import hedges_at
from tracker.engine.lexicon import load_lexicon
from tracker.engine.sentence import Sentence


def _hedging(text: str) -> list[tuple[str, bool]]:
    """Each hedge or request cue of `text` as written, and whether it hedges."""
    read = Sentence.read(text)
    lexicon = load_lexicon()
    cues = lexicon.find("hedge", read.words) + lexicon.find("request", read.words)
    return [(read.said(start, end), hedges_at(read, start)) for _, start, end in cues]


@pytest.mark.parametrize(
    ("text", "cue", "hedges"),
    [
        # "माफी मांगी", "मागितली ... माफी": the apology made, in either order (engine 3.50).
        ("मेयर ने निवासियों से माफी मांगी", "मांगी", False),
        ("मेयर ने माफी नहीं मांगी, सिर्फ दुख जताया", "मांगी", False),
        ("मुख्यमंत्र्यांनी मागितली भाविकांची जाहीर माफी", "मागितली", False),
        # A demand for an apology is still one.
        ("विपक्ष ने मेयर से माफी की मांग की", "मांग की", True),
        ("विरोधकांनी माफीची मागणी केली", "मागणी", True),
        # "नहीं दे सकते" (cannot give) is an inability told; "may" and "cannot say" hedge.
        ("संचालकों ने कहा कि सुरक्षा की गारंटी नहीं दे सकते", "सकते", False),
        ("अधिकारी ने कहा कि वे पुष्टि नहीं कर सकते", "सकते", True),
        ("अभी कुछ कह नहीं सकते", "सकते", True),
        ("अधिकारी अभी कोई जानकारी नहीं दे सकते", "सकते", True),
        ("दरारें हैं या नहीं, अभी कहा नहीं जा सकता", "सकता", True),
        ("दरारों पर अधिकारी टिप्पणी नहीं कर सकते", "सकते", True),
        ("अस्पताल इलाज करने से मना नहीं कर सकता", "सकता", True),
        ("पुल की मरम्मत में देरी हो सकती है", "सकती", True),
    ],
)
def test_hindi_and_marathi_acts_that_are_no_hedges(text: str, cue: str, hedges: bool) -> None:
    found = dict(_hedging(text))
    assert cue in found, found
    assert found[cue] is hedges
