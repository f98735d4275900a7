"""A sentence's figures against the claim's (`tracker.engine.figures`)."""

from __future__ import annotations

import pytest

from tracker.engine.figures import figure_stance
from tracker.engine.lexicon import load_lexicon
from tracker.engine.proposition import profile_claim
from tracker.types import Claim, Stance

MORBI = Claim(id="toll", text="The Morbi bridge collapse killed 135 people.")


@pytest.mark.parametrize(
    ("claim", "sentence", "expected"),
    [
        # A count of the dead ties a story to a death toll, for it or against it.
        (MORBI, "Morbi bridge gives way: 40 killed, over 100 injured", True),
        (MORBI, "मोरबी पुल हादसे में 40 लोगों की मौत", True),
        # Money for the families of the dead is no count of them...
        (
            MORBI,
            "The CM announced ₹4 lakh for the families of those killed and ₹50,000 for the injured",
            False,
        ),
        # ... nor are people counted in a sentence telling of no death.
        (MORBI, "The inquiry has recorded the statements of 130 people so far", False),
        # A sum "for each person killed" is no death toll.
        (
            Claim(
                id="aid",
                text="The state will pay ₹4 lakh ex gratia to the family of each person killed"
                " in the Morbi bridge collapse.",
            ),
            "The Morbi bridge collapse has killed 135 people, officials said",
            False,
        ),
    ],
)
def test_what_counts_the_dead(claim: Claim, sentence: str, expected: bool) -> None:
    profile = profile_claim(claim, load_lexicon())
    assert (profile.counts_deaths and figure_stance(profile, sentence) is not None) is expected


KAVERI = Claim(id="total", text="Operation Velmar evacuated about 3,862 people from Halvad in all.")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # What the figure counts, named before it in its piece (engine 3.27).
        ("A research institute puts the number of people evacuated from Halvad under "
         "Operation Velmar at about 2,600.", Stance.CONTRADICTS),
        ("The number of people evacuated reached 3,900, the ministry said.", Stance.CORROBORATES),
        ("हलवडमधून आणलेल्या लोकांची संख्या २,६०० आहे.", Stance.CONTRADICTS),
        ("हलवड से निकाले गए लोगों की संख्या 2,600 है।", Stance.CONTRADICTS),
        # Not when the figure names what it counts itself, nor another count's noun.
        ("The number of people evacuated rose as ships carried 2,600 tonnes of supplies.", None),
        ("The number of flights rose to 30, the ministry said.", None),
    ],
)  # fmt: skip
def test_a_count_named_before_its_figure(sentence: str, expected: Stance | None) -> None:
    assert figure_stance(profile_claim(KAVERI, load_lexicon()), sentence) is expected
