"""Syndication: copies of one wire report share keys and are the same report."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.engine import syndication
from tracker.engine.syndication import same_report, syndication_keys
from tracker.engine.text import fold, tokenize

WIRE = (
    "DeepSeek is speeding up the launch of the successor to its R1 model, three people "
    "familiar with the company said on Tuesday. The Hangzhou firm had planned an early May "
    "release but now wants it out as soon as possible."
)
OTHER = (
    "Nvidia reported record quarterly revenue on Wednesday as demand for data centre chips "
    "stayed strong, though it warned that export rules could weigh on sales to China later."
)


def test_outlet_suffixes_case_and_punctuation_do_not_change_the_title_key() -> None:
    keys = {
        syndication_keys(title, WIRE)[0]
        for title in (
            "DeepSeek rushes to launch new AI model - Reuters",
            "DeepSeek Rushes To Launch New AI Model | Mint",
            "DeepSeek rushes to launch new AI model!  — The Hindu",
        )
    }
    assert len(keys) == 1 and keys != {""}


def test_text_key_ignores_spacing_and_case() -> None:
    a = syndication_keys("t", WIRE)[1]
    b = syndication_keys("t", "  " + WIRE.upper().replace(" ", "   "))[1]
    assert a == b and a


def test_short_parts_give_empty_keys() -> None:
    assert syndication_keys("Markets", "Stocks fell.") == ("", "")


def test_same_report_for_lightly_edited_copy() -> None:
    edited = WIRE.replace("on Tuesday", "on Tuesday,") + " (Editing by Staff)"
    assert same_report(
        "DeepSeek rushes to launch new AI model - Reuters",
        WIRE,
        "DeepSeek rushes to launch new AI model | Mint",
        edited,
    )


def test_identical_text_is_the_same_report_under_different_titles() -> None:
    assert same_report("A headline", WIRE, "Another headline entirely", WIRE)


def test_different_reports_are_not_the_same() -> None:
    assert not same_report(
        "DeepSeek rushes to launch new AI model", WIRE, "Nvidia posts record revenue", OTHER
    )
    # Same title, different body: two outlets' own stories on one event.
    assert not same_report(
        "DeepSeek rushes to launch new AI model",
        WIRE,
        "DeepSeek rushes to launch new AI model",
        OTHER,
    )


def test_devanagari_copies() -> None:
    text = "दीपसीक आपल्या आर 1 मॉडेलच्या उत्तराधिकार्‍याचे प्रक्षेपण वेगाने करत आहे, असे कंपनीशी परिचित तीन लोकांनी सांगितले."
    assert same_report("दीपसीकची घाई - लोकमत", text, "दीपसीकची घाई | मटा", text)
    assert syndication_keys("दीपसीकची घाई आर 2 साठी - लोकमत", text)[0] == "दीपसीकची घाई आर 2 साठी"


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=300))
def test_ascii_text_is_normalised_as_any_text(text: str) -> None:
    # The ASCII shortcut (lower-case, then split) gives what folding word by word gives.
    assert syndication._normalise(text) == " ".join(fold(w) for w in tokenize(text))


def test_prepare_gives_the_syndication_keys() -> None:
    # Storage takes a story's keys from its prepared report (made in the polling workers).
    for title, text in [
        ("DeepSeek rushes to launch new AI model - Reuters", WIRE),
        ("डीपसीक आर2 मॉडेल लवकरच", "मजकूर " * 40),
    ]:
        assert syndication.prepare(title, text).keys == syndication_keys(title, text)


# --- assign_clusters ---------------------------------------------------------------------------

#: A few wire texts and titles, so that generated stories share keys and are copies often.
_TITLES = ["DeepSeek rushes to launch new AI model", "Nvidia posts record revenue", "Markets"]
_TEXTS = [WIRE, OTHER, WIRE + " Edited by staff.", "Short."]


@st.composite
def _stories(draw: st.DrawFn) -> tuple[list[syndication.Candidate], dict[int, syndication.Report],
                                         list[tuple[int, syndication.Report]]]:  # fmt: skip
    """Stored candidates (each in the cluster of an earlier one or its own), their
    reports, and new stories with higher ids."""
    n_stored = draw(st.integers(0, 30))
    n_new = draw(st.integers(1, 30))
    reports = [
        syndication.prepare(draw(st.sampled_from(_TITLES)), draw(st.sampled_from(_TEXTS)))
        for _ in range(n_stored + n_new)
    ]
    stored: list[syndication.Candidate] = []
    for i in range(n_stored):
        cluster = draw(st.sampled_from([c.cluster_id for c in stored] + [i + 1]))
        stored.append(syndication.Candidate(i + 1, cluster, *reports[i].keys))
    known = {c.id: reports[c.id - 1] for c in stored}
    new = [(n_stored + 1 + j, reports[n_stored + j]) for j in range(n_new)]
    return stored, known, new


def _reference(
    stored: list[syndication.Candidate],
    reports: dict[int, syndication.Report],
    new: list[tuple[int, syndication.Report]],
) -> list[int]:
    """The rule read literally: every earlier story sharing a key, the 20 oldest, the
    first that is the same report."""
    earlier = [(c.id, c.cluster_id, reports[c.id]) for c in stored]
    out = []
    for story_id, report in new:
        cluster = story_id
        if report.head or report.text_key:
            sharing = [
                e for e in sorted(earlier)
                if (report.head and e[2].head == report.head)
                or (report.text_key and e[2].text_key == report.text_key)
            ][: syndication.CANDIDATES_PER_KEY]  # fmt: skip
            for _, their_cluster, theirs in sharing:
                if syndication.same_prepared(report, theirs):
                    cluster = their_cluster
                    break
        earlier.append((story_id, cluster, report))
        out.append(cluster)
    return out


@given(_stories())
def test_assign_clusters_follows_the_rule(case: tuple) -> None:  # type: ignore[type-arg]
    stored, reports, new = case
    expected = _reference(stored, reports, new)
    assert syndication.assign_clusters(new, stored, reports) == expected
    # Storage reads and prepares only the candidates compared_candidates names: the
    # clusters are the same with only those.
    compared = syndication.compared_candidates([r for _, r in new], stored)
    only = {c.id: reports[c.id] for c in compared}
    assert syndication.assign_clusters(new, compared, only) == expected


def test_a_copy_joins_the_first_copy_and_a_new_report_starts_its_own_cluster() -> None:
    wire = syndication.prepare("DeepSeek rushes to launch new AI model - Reuters", WIRE)
    other = syndication.prepare("Nvidia posts record revenue", OTHER)
    stored = [syndication.Candidate(7, 3, *wire.keys)]
    clusters = syndication.assign_clusters(
        [(10, other), (11, wire), (12, other)], stored, {7: wire}
    )
    assert clusters == [10, 3, 10]
