"""A claim as the matcher reads it: its entity groups, key terms and their weights.

Entity groups come from the `entities` hint, or are derived from the plain
sentence (runs of capitalised words, acronyms, model codes; `derive_entities`);
key terms are the claim's content words and keywords, weighted by how rare they
are in a fixed background table shipped with the package (`term_weight`), so a
claim's model never depends on which other claims are loaded. Pure.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from tracker.engine.dates import TIME_WORDS
from tracker.engine.glossary import Glossary
from tracker.engine.glossary import glossary as _shipped_glossary
from tracker.engine.keys import (
    CODE_RE,
    FUZZY_MIN_LENGTH,
    claim_term_keys,
    name_keys,
    prefix_key,
    word_skeleton,
)
from tracker.engine.lexicon import Lexicon
from tracker.engine.linear import DataFileError, read_data_file
from tracker.engine.numbers import is_number_word
from tracker.engine.proposition import ClaimProfile, implied_source, profile_claim
from tracker.engine.text import all_stopwords, fold, nfkc, stem, token_spans, tokenize
from tracker.types import Claim


@dataclass(frozen=True)
class EntityGroup:
    """Synonymous names; a story must mention one of them when the group is required."""

    label: str
    keys: frozenset[str]
    #: Skeletons long enough for a one-edit fuzzy match in Devanagari text.
    fuzzy: tuple[str, ...]
    required: bool
    #: A required group the story must name, whatever else it shares with the claim.
    strict: bool = True


@dataclass(frozen=True)
class Term:
    word: str
    keys: frozenset[str]
    #: A prefix key ("x:nicara") found for inflected and derived forms, or "".
    prefix: str = ""
    #: Written in the claim sentence (not only among its `keywords` hint): what a story
    #: must cover. A keyword found adds to the match; one missing is not held against it
    #: (keywords are alternatives: "sell-off, rout, बिकवाली, घसरण").
    from_text: bool = True


@dataclass(frozen=True)
class ClaimModel:
    claim: Claim
    groups: tuple[EntityGroup, ...]
    terms: tuple[Term, ...]
    weights: tuple[float, ...]
    profile: ClaimProfile
    #: The claim's own sources (attributed_to), as one group each.
    sources: tuple[EntityGroup, ...] = ()
    #: Keys of adjacent content-word pairs ("jihadi john" -> w:jihadijohn).
    bigrams: tuple[str, ...] = ()
    #: Lists of parallel names the claim joins ("from South Korea to Italy"): per list,
    #: per member, the indices of its terms. A list weighs as one slot that any member
    #: fills (`relevance.build_proposition`).
    alternatives: tuple[tuple[tuple[int, ...], ...], ...] = ()
    #: Terms of the plural nouns heading those lists ("Governments from South Korea to
    #: Italy"): a member named is an instance of it, so it weighs nothing of its own.
    list_categories: tuple[int, ...] = ()
    #: The glossary the model was built with (the shipped one and the config's entries),
    #: for what is computed from it later (`Proposition.distinctive_marks`).
    glossary: Glossary = dataclasses.field(
        default_factory=_shipped_glossary, compare=False, repr=False
    )

    @functools.cached_property
    def outside_names(self) -> tuple[tuple[bool, ...], float]:
        """Per term, whether it shares no key with the entity groups; and those terms' weight.

        What `_says_more_than_names` weighs, computed once per claim (the sum in term order).
        """
        entity_keys = frozenset().union(*(g.keys for g in self.groups))
        outside = tuple(term.keys.isdisjoint(entity_keys) for term in self.terms)
        total = 0.0
        for weight, out in zip(self.weights, outside, strict=True):
            if out:
                total += weight
        return outside, total

    @functools.cached_property
    def required_groups(self) -> tuple[EntityGroup, ...]:
        """The entity groups a sentence must name to be about the claim's subject."""
        return tuple(g for g in self.groups if g.required)

    @functools.cached_property
    def vocabulary(self) -> frozenset[str]:
        """Word and prefix keys of the claim's terms: what a story's focus words are checked in."""
        keys = {key for term in self.terms for key in term.keys if key.startswith("w:")}
        return frozenset(keys | {term.prefix for term in self.terms if term.prefix})


_NAME_PARTICLES = frozenset({"of", "de", "la", "van", "von", "al", "bin", "the", "&"})


def _is_title_case(words: Sequence[str]) -> bool:
    """Nearly every content word capitalised: a Title Case headline, where capitals say nothing."""
    stop = all_stopwords()
    content = [
        w
        for w in words
        if fold(w) not in stop and w.isalpha() and not (len(w) >= 2 and w.isupper())
    ]
    lowercase = [w for w in content if not w[:1].isupper()]
    return len(content) >= 4 and len(lowercase) <= 0.15 * len(content)


_DEMONYM_RE = re.compile(r"(?:ian|ean|ican|ese|ish)$")
# Words that open headlines capitalised without being names.
_HEADLINE_WORDS = frozenset(
    {
        "watch", "breaking", "new", "exclusive", "video", "photos", "photo", "report",
        "update", "former", "missing", "fears", "outrage", "revealed", "confirmed", "shock",
        "live", "listen", "look", "see", "read", "opinion", "analysis", "here", "why", "how",
    }
)  # fmt: skip


def _main_subject(
    text: str, names: Sequence[str], common: Collection[str] = frozenset()
) -> str | None:
    """The name a plain claim is about: the first name that is not an adjective of origin.

    "Italian fishermen caught ..." is about fishermen, not Italy; a lone
    capitalised first word may only be capitalised because it starts the
    sentence ("Video shows ..."), unless it is written like a name (DeepSeek).
    """
    words = tokenize(_KICKER_RE.sub("", text, count=1))
    if _is_title_case(words):
        return None
    for name in names:
        parts = name.split()
        single = len(parts) == 1
        demonym = single and bool(_DEMONYM_RE.search(name)) and name[1:].islower()
        if demonym:
            continue
        if single and words and name == words[0] and _common(name, common):
            continue
        if single and name.isupper() and len(name) <= 3:
            continue  # US, UK, IS: too short and too often spelled otherwise
        return name
    return None


_KICKER_RE = re.compile(r"^\s*[^:\s]+(?:\s+[^:\s]+)?:\s+")


def _shouting(words: Sequence[str], index: int) -> bool:
    """An upper-case word next to another long upper-case word is emphasis ("SEX TAPE")."""
    for other in (index - 1, index + 1):
        if 0 <= other < len(words):
            neighbour = words[other]
            if neighbour.isupper() and neighbour.isalpha() and len(neighbour) >= 3:
                return True
    return False


def _common(word: str, common: Collection[str]) -> bool:
    """A word known as an ordinary word: a stopword, a headline word, or seen in lower case."""
    folded = fold(word)
    return folded in common or folded in _HEADLINE_WORDS or folded in all_stopwords()


def derive_entities(text: str, common: Collection[str] = frozenset()) -> list[str]:
    """Names in a plain claim sentence: runs of capitalised words, acronyms and model codes.

    A headline kicker ("Watch:", "BREAKING:") is skipped. An upper-case word is
    an acronym when it is short and not part of a shouted phrase. A run of
    capitalised words that opens the sentence loses its first word, which is
    capitalised only because it comes first ("Fears Islamic State ...") when it
    is an ordinary word (`common`: words the claim writes in lower case). When
    most words are capitalised (Title Case) capitals say nothing, so only
    acronyms and model codes are returned.
    """
    clean = _clean(text)
    spans = token_spans(clean)
    words = [word for word, _, _ in spans]
    title_case = _is_title_case(words)
    names: list[str] = []
    run: list[str] = []
    run_start = 0
    for index, word in enumerate(words):
        if run and _LIST_BREAK_RE.search(clean[spans[index - 1][2] : spans[index][1]]):
            # "South Korea, Italy": a comma ends a name ("South Korea Italy" is none).
            names.extend(_close_run(run, run_start, common))
            run = []
        folded = fold(word)
        is_code = bool(CODE_RE.match(folded)) and not folded.isdigit()
        is_acronym = (
            2 <= len(word) <= 5
            and word.isupper()
            and word.isalpha()
            and not _shouting(words, index)
        )
        is_name = (
            word[:1].isupper()
            and word.isalpha()
            and not title_case
            and not word.isupper()
            and folded not in _GENERIC_NAME_WORDS
            # ("Eighteen people were killed", "Twelve MLAs": a count opening the run;
            # "One Nation One Election", "Formula One", "Air Force One" stay names.)
            and not (is_number_word(word) and not run and not _named_next(words, index))
            # "The October 2023 flood": a month by its year or day is a time, no subject
            # (but "Theresa May", "Dandi March", "Black Friday" are names).
            and not (folded in TIME_WORDS and _by_a_digit(words, index))
        )
        if is_code:
            names.extend(_close_run(run, run_start, common))
            names.append(word)
            run = []
        elif is_acronym or is_name or (run and folded in _NAME_PARTICLES and not title_case):
            if not run:
                run_start = index
            run.append(word)
        else:
            names.extend(_close_run(run, run_start, common))
            run = []
    names.extend(_close_run(run, run_start, common))
    # A time standing alone ("by Friday", "in October") is no name either.
    return [name for name in dict.fromkeys(names) if fold(name) not in TIME_WORDS]


def _named_next(words: Sequence[str], index: int) -> bool:
    """Is the word after `index` capitalised as a name is, not an acronym ("Downing",
    not "MLAs", "BJP")?"""
    following = words[index + 1] if index + 1 < len(words) else ""
    return following[:1].isupper() and not following[:2].isupper()


def _by_a_digit(words: Sequence[str], index: int) -> bool:
    """Is the word at `index` written next to a number ("October 2023", "15 March")?"""
    near = [*words[max(0, index - 1) : index], *words[index + 1 : index + 2]]
    return any(word[:1].isdigit() for word in near)


#: Capitalised in event names ("the Men's Cricket World Cup", "Women's Premier League")
#: without being names: the event is the name, and "Men" is no subject to require.
_GENERIC_NAME_WORDS = frozenset({"men", "women", "boys", "girls", "children", "people"})
#: Punctuation between two capitalised words that ends a name.
_LIST_BREAK_RE = re.compile(r"[,;:()\[\]|/।]")
#: What joins names into a list, as the text between two of them reads (folded):
#: "South Korea and Italy", "South Korea, Italy", "भारत आणि चीन".
_COORDINATORS = frozenset(
    {",", "and", "or", "&", ", and", ", or", "as well as", "और", "तथा", "एवं", "व", "आणि",
     "किंवा", "या", ", और", ", आणि"}
)  # fmt: skip


def _clean(text: str) -> str:
    """The claim sentence as its names are read: kicker dropped, normalised."""
    return nfkc(_KICKER_RE.sub("", text, count=1))


@dataclass(frozen=True)
class NameList:
    """Names a claim joins as parallel members, and the plural noun they are instances
    of when the claim says it ("Governments from South Korea to Italy": governments)."""

    members: tuple[str, ...]
    category: str = ""


def _plural_noun(word: str) -> bool:
    return word.endswith("s") and word.isalpha() and word not in all_stopwords()


def _category(folded: Sequence[str], start: int) -> tuple[str, bool]:
    """The plural noun heading a list that starts at token `start`, and whether the list
    opens with "from" ("Regulators from Japan to Brazil", "countries such as India and
    Brazil", "apps including X and Y"); ("", False) when none."""
    before = list(folded[max(0, start - 3) : start])
    for lead in (["from"], ["such", "as"], ["including"], ["like"]):
        n = len(lead)
        if before[-n:] == lead and len(before) > n and _plural_noun(before[-n - 1]):
            return before[-n - 1], lead == ["from"]
    return "", False


def coordinated_names(text: str, names: Sequence[str]) -> list[NameList]:
    """Lists of names the claim joins as parallel members: "Governments from South Korea
    to Italy", "South Korea and Italy", "Apple, Google or Samsung". A story that says the
    claim of one member speaks to the claim (the matcher weighs a list as one slot)."""
    clean = _clean(text)
    spans = token_spans(clean)
    folded = [fold(word) for word, _, _ in spans]
    # Each name's first occurrence as (start token, end token), in text order.
    places: list[tuple[int, int, str]] = []
    for name in names:
        parts = [fold(w) for w in tokenize(name)]
        for start in range(len(folded) - len(parts) + 1):
            if parts and folded[start : start + len(parts)] == parts:
                places.append((start, start + len(parts), name))
                break
    places.sort()
    lists: list[NameList] = []
    members: list[str] = []
    category, opened_by_from = "", False
    for (start, end, name), following in itertools.zip_longest(places, places[1:]):
        if not members:
            # "Governments from South Korea to Italy" lists; "moved from Hangzhou to
            # Beijing" does not: the list's "from" follows a plural noun.
            category, opened_by_from = _category(folded, start)
        members.append(name)
        gap = ""
        if following is not None and following[0] >= end:
            gap = " ".join(fold(clean[spans[end - 1][2] : spans[following[0]][1]]).split())
        if gap in _COORDINATORS or (gap == "to" and opened_by_from):
            continue
        if len(members) >= 2:
            lists.append(NameList(tuple(members), category))
        members = []
    return lists


def _close_run(run: list[str], start: int, common: Collection[str]) -> list[str]:
    """A run of name words becomes one name (trailing particles dropped).

    At the start of the sentence an ordinary first word is dropped from the
    run: it is capitalised because it comes first ("Fears Islamic State").
    """
    while run and fold(run[-1]) in _NAME_PARTICLES:
        run = run[:-1]
    opener = run[0] if run else ""
    # "New York" keeps its "New"; "Fears Islamic State" loses its "Fears".
    if start == 0 and opener[1:].islower() and _common(opener, common) and opener != "New":
        run = run[1:]
    return [" ".join(run)] if run else []


def hinted_groups(claim: Claim, glossary: Glossary | None = None) -> list[EntityGroup]:
    """The `entities` hint's groups: the first must be named, the others add to the match.

    A story about DeepSeek's A100 export ban that never says "Nvidia" is still
    about the chips claim [[DeepSeek], [Nvidia]]; one naming only the first group
    must say more than names (see `_says_more_than_names`).
    """
    groups: list[EntityGroup] = []
    for names in claim.entities:
        keys = (
            frozenset().union(*(name_keys(name, glossary) for name in names))
            if names
            else frozenset()
        )
        if keys:
            groups.append(EntityGroup(names[0], keys, fuzzy_skeletons(names), required=not groups))
    return groups


def fuzzy_skeletons(names: Iterable[str]) -> tuple[str, ...]:
    out = []
    for name in names:
        skeleton = word_skeleton("".join(fold(w) for w in tokenize(name)))
        if skeleton and len(skeleton) >= FUZZY_MIN_LENGTH:
            out.append(skeleton)
    return tuple(out)


def name_group(name: str, required: bool, glossary: Glossary | None = None) -> EntityGroup | None:
    """A group for one multi-word name: "Alexandr Wang" is also mentioned as "Wang"."""
    words = tokenize(name)
    alternatives = [name]
    if len(words) > 1:
        alternatives += [w for w in words if len(w) >= 4 and fold(w) not in all_stopwords()]
    return _group(name, alternatives, required, glossary)


def _group(
    name: str, alternatives: Sequence[str], required: bool, glossary: Glossary | None
) -> EntityGroup | None:
    """A group found by any of `alternatives` (ways a story writes `name`), or None when
    they give no key."""
    keys = frozenset().union(*(name_keys(alt, glossary) for alt in alternatives))
    if not keys:
        return None
    return EntityGroup(name, keys, fuzzy_skeletons(alternatives), required=required)


def _implied_group(name: str, glossary: Glossary | None) -> EntityGroup | None:
    """A group for the source a plain claim names ("the Delhi BJP", "a pilots' union"):
    the phrase, or its last word when that is a name ("BJP", "Sethi"); not each of its
    words, as for a hinted name ("Delhi" and "pilots" name many others)."""
    last = tokenize(name)[-1:]
    alternatives = [name, *(w for w in last if w[:1].isupper() and w != name)]
    return _group(name, alternatives, required=False, glossary=glossary)


def derived_groups(
    claim: Claim,
    names: Sequence[str],
    common: Collection[str],
    glossary: Glossary | None = None,
) -> list[EntityGroup]:
    """Groups from the plain sentence's `names` (`derive_entities`): only the main
    subject is required."""
    subject = _main_subject(claim.text, names, common)
    groups: list[EntityGroup] = []
    for name in names:
        group = name_group(name, required=name == subject, glossary=glossary)
        if group is not None:
            strict = group.required and _name_like(name)
            groups.append(dataclasses.replace(group, strict=strict))
    return groups


def _name_like(name: str) -> bool:
    """Written as only a name is written: inner capitals or digits (DeepSeek, iPhone, R2).

    Such a subject is never paraphrased away; a plain capitalised name (Tesla,
    Alaska Airlines) often is ("the carmaker", "an Oregon flight").
    """
    words = name.split()
    inner = any(w[1:] != w[1:].lower() and not w.isupper() for w in words)
    return inner or any(ch.isdigit() for ch in name)


def _common_words(text: str) -> frozenset[str]:
    """Words the claim itself writes in lower case: ordinary words, not names, when it
    opens with them. (Only this claim's words: a claim's model must not depend on which
    other claims are loaded.)"""
    return frozenset(fold(word) for word in tokenize(text)[1:] if word[:1].islower())


def claim_terms(claim: Claim, names: Sequence[str], glossary: Glossary | None = None) -> list[Term]:
    """The claim's key terms: its sentence's content words (with their equivalents in
    `glossary`, by default the shipped one) and its keywords. `names`: the names its
    sentence gives (`derive_entities`)."""
    stop = all_stopwords()
    seen: dict[str, Term] = {}
    # The claim's names (derived and hinted): a short one is also found by its whole
    # phonetic key ("Gill" as "गिल", `short_name_key`); an ordinary word is not.
    every = [*names, *(n for g in claim.entities for n in g)]
    named = frozenset(fold(w) for name in every for w in tokenize(name))
    words = [(w, True) for w in tokenize(claim.text)]
    words += [(w, False) for k in claim.keywords for w in tokenize(k)]
    for word, from_text in words:
        folded = fold(word)
        if folded in stop or folded.isdigit() or len(folded) < 2:
            continue
        # The sentence's words are looked up in the glossary; an analyst's keywords are
        # taken as written (they list the words to find, in each script, themselves).
        keys = claim_term_keys(folded, from_text, glossary, name=folded in named)
        term = Term(folded, keys, prefix_key(folded), from_text)
        seen.setdefault(stem(folded), term)
    return list(seen.values())


def claim_bigrams(text: str) -> tuple[str, ...]:
    """Keys of the claim's adjacent content-word pairs, as a story's word pairs give them."""
    stop = all_stopwords()
    words = [fold(w) for w in tokenize(text)]
    pairs = {
        f"w:{stem(a + b)}"
        for a, b in itertools.pairwise(words)
        if a not in stop and b not in stop and a.isalpha() and b.isalpha() and a.isascii()
    }
    return tuple(sorted(pairs))


@functools.cache
def _rarity() -> tuple[int, Mapping[str, int]]:
    """The shipped background table: (documents, stem -> documents holding it)."""
    source = "tracker/data/term_rarity.json"
    try:
        data = json.loads(read_data_file("term_rarity.json"))
        documents, table = data["documents"], data["df"]
        frequency = {str(k): int(v) for k, v in table.items()}
        return int(documents), frequency
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{source} is not valid JSON: {exc}") from None
    except (KeyError, TypeError, ValueError, AttributeError):
        raise DataFileError(
            f'{source} must hold "documents" (a count) and "df" (word -> count)'
        ) from None


@functools.lru_cache(maxsize=1 << 14)
def term_weight(word: str) -> float:
    """A key term's weight: how rare it is in a fixed background of news articles.

    The table ships with the package (tracker/data/term_rarity.json, built by
    bench/train_engine.py), so a claim's verdicts do not depend on which other
    claims are loaded. A word the table does not hold (rarer, or Devanagari)
    gets the highest weight.
    """
    documents, frequency = _rarity()
    return math.log(1 + (documents + 1) / (frequency.get(stem(word), 0) + 1))


def hinted_weights(terms: Sequence[Term], groups: Sequence[EntityGroup]) -> tuple[float, ...]:
    """Term weights of a hinted claim: its names weigh as much as its median other term.

    A name is rare in the background (DeepSeek, R2) but common in the stories a
    hinted claim is tracked in: every story in a DeepSeek feed names DeepSeek, so
    naming it says little about which of its claims a sentence supports.
    """
    names = frozenset().union(*(g.keys for g in groups))
    weights = [term_weight(term.word) for term in terms]
    others = sorted(w for t, w in zip(terms, weights, strict=True) if t.keys.isdisjoint(names))
    if not others:
        return tuple(weights)
    median = others[len(others) // 2]
    return tuple(
        w if t.keys.isdisjoint(names) else min(w, median)
        for t, w in zip(terms, weights, strict=True)
    )


def claim_alternatives(
    claim: Claim, terms: Sequence[Term], names: Sequence[str]
) -> tuple[tuple[tuple[tuple[int, ...], ...], ...], tuple[int, ...]]:
    """The claim's lists of parallel `names` (`coordinated_names`) as term indices, and
    the terms of the plural nouns heading them (what a member is an instance of)."""
    position = {stem(term.word): index for index, term in enumerate(terms)}
    used: set[int] = set()
    lists = []
    categories: list[int] = []
    for found in coordinated_names(claim.text, names):
        members = []
        for name in found.members:
            stems = {stem(fold(word)) for word in tokenize(name)}
            member = tuple(sorted({position[s] for s in stems if s in position} - used))
            if member:
                members.append(member)
        if len(members) >= 2:
            lists.append(tuple(members))
            used.update(index for member in members for index in member)
            category = position.get(stem(found.category), -1) if found.category else -1
            if category >= 0 and category not in used:
                categories.append(category)
    return tuple(lists), tuple(categories)


def build_claim_model(
    claim: Claim, lexicon: Lexicon, glossary: Glossary | None = None
) -> ClaimModel:
    """Everything the matcher needs of one claim, computed once. `glossary`: the one its
    words are translated with (the shipped one and the config's entries, `with_entries`;
    by default the shipped one)."""
    glossary = _shipped_glossary() if glossary is None else glossary
    common = _common_words(claim.text)
    names = derive_entities(claim.text, common)
    groups = (
        hinted_groups(claim, glossary)
        if claim.entities
        else derived_groups(claim, names, common, glossary)
    )
    terms = claim_terms(claim, names, glossary)
    profile = profile_claim(claim, lexicon, glossary)
    # The claim's own source: its `attributed_to`, or the one a plain claim says
    # alleges it ("..., the Delhi BJP alleges").
    implied = implied_source(claim.text)
    sources = tuple(
        group
        for group in (
            *(name_group(name, required=False, glossary=glossary) for name in claim.attributed_to),
            *([] if claim.attributed_to or not implied else [_implied_group(implied, glossary)]),
        )
        if group is not None
    )
    return ClaimModel(
        claim,
        tuple(groups),
        tuple(terms),
        hinted_weights(terms, groups)
        if claim.entities
        else tuple(term_weight(term.word) for term in terms),
        profile,
        sources,
        claim_bigrams(claim.text),
        *claim_alternatives(claim, terms, names),
        glossary,
    )
