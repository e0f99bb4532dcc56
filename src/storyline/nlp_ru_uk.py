"""The Russian and Ukrainian NLP path: natasha's parse, delivered as a spaCy ``Doc``.

Why a spaCy ``Doc``: every extractor and the event assembler already read spaCy's token
interface (``idx``, ``lemma_``, ``pos_``, ``dep_``, ``head``, ``doc.sents``, ``doc.ents``), so
a Russian or Ukrainian text parsed by natasha and poured into a ``Doc`` over a blank ``ru`` /
``uk`` vocabulary goes through the same orchestration, offsets, chunking and contract as
English. What differs, and what a rule must know (``doc.lang_`` says which path made it):

- tokens and sentences come from razdel (natasha's segmenter); a line break always starts a
  sentence, as in the English path;
- ``pos_`` and ``morph`` are natasha's Universal Dependencies tags and features
  (``Case=Gen|Number=Plur``); ``dep_`` and ``head`` are natasha's UD relations (``nsubj``,
  ``obj``, ``obl``, ``nmod``, ``case``…: a preposition is the ``case`` child of its noun);
- ``lemma_`` is pymorphy3's, from the language's own dictionary, choosing the analysis that
  agrees with the tagger's part of speech and case (lowercase, ``ё`` read as ``е``); a
  participle used as a noun keeps its noun lemma ("заключённых" → "заключенный");
- ``doc.ents`` are natasha's ``PER``/``LOC``/``ORG`` spans.

Ukrainian goes through the same natasha models (trained on Russian news): measured on the
team-written Ukrainian fixtures, its NER finds the names and places a Ukrainian report's
events need, and Ukrainian lemmas come from pymorphy3's Ukrainian dictionary, which is
where Ukrainian and Russian differ most (docs/eval.md, "Languages").

Models are loaded once per process (:func:`models`), about 2 s. natasha runs its networks
with numpy; numpy's OpenBLAS then starts a thread per core for each small matrix product,
which on a busy machine made tagging ten times slower, so loading the models pins OpenBLAS
to one thread (:func:`_single_thread_blas`; worker processes give the parallelism).
"""

from __future__ import annotations

import ctypes
import glob
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

#: Sentences natasha's networks read at once (its default is 8; fewer, larger matrix
#: products cost less Python per word: see benchmarks/languages.py).
BATCH_SENTENCES = 32
#: The languages this path parses.
LANGUAGES = frozenset({"ru", "uk"})
T = TypeVar("T")

#: UD part of speech → the pymorphy3 (OpenCorpora) parts of speech that agree with it.
_POS = {
    "NOUN": {"NOUN"},
    "PROPN": {"NOUN"},
    "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"},
    "AUX": {"VERB", "INFN"},
    "ADJ": {"ADJF", "ADJS", "COMP", "PRTF", "PRTS"},
    "DET": {"ADJF", "NPRO"},
    "PRON": {"NPRO"},
    "NUM": {"NUMR"},
    "ADV": {"ADVB", "PRED", "COMP"},
    "ADP": {"PREP"},
    "CCONJ": {"CONJ"},
    "SCONJ": {"CONJ"},
    "PART": {"PRCL"},
    "INTJ": {"INTJ"},
}
_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_NUMBER = {"Sing": "sing", "Plur": "plur"}
_WORDLIKE = re.compile(r"[^\W\d_]", re.UNICODE)
_APOSTROPHE = re.compile("[’ʼ`]")


@dataclass(frozen=True)
class Models:
    """natasha's segmenter and taggers, loaded together once per process."""

    segmenter: Any
    morph: Any
    syntax: Any
    ner: Any


@dataclass(frozen=True)
class _Span:
    start: int
    stop: int
    type: str


@lru_cache(maxsize=1)
def models() -> Models:
    """Load natasha's news models (shipped in the wheels: nothing is downloaded)."""
    _single_thread_blas()
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    loaded = Models(
        segmenter=Segmenter(),
        morph=NewsMorphTagger(embedding),
        syntax=NewsSyntaxParser(embedding),
        ner=NewsNERTagger(embedding),
    )
    for tagger in (loaded.morph, loaded.syntax, loaded.ner):
        tagger.batch_size = BATCH_SENTENCES
    return loaded


def _single_thread_blas() -> None:
    """Ask numpy's bundled OpenBLAS for one thread (see the module docstring).

    The environment variable works only before numpy is imported, so the library's own
    setter is called too (what threadpoolctl does; not worth a dependency for one call).
    Anything unexpected leaves OpenBLAS as it was: this is a speed setting, not a result.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        import numpy

        folder = os.path.join(os.path.dirname(os.path.dirname(numpy.__file__)), "numpy.libs")
        for path in glob.glob(os.path.join(folder, "*openblas*")):
            library = ctypes.CDLL(path)
            for name in (
                "scipy_openblas_set_num_threads64_",
                "openblas_set_num_threads64_",
                "openblas_set_num_threads",
            ):
                setter = getattr(library, name, None)
                if setter is not None:
                    setter(1)
                    return
    except OSError:
        return


@lru_cache(maxsize=2)
def analyzer(language: str) -> Any:
    """pymorphy3's analyser with the dictionary of ``language`` (``ru`` or ``uk``)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=200_000)
def analyses(language: str, word: str) -> tuple[Any, ...]:
    """pymorphy3's analyses of ``word`` (apostrophes unified), cached: the dictionary lookup
    is the costliest step of the Ukrainian path and news repeats its words."""
    return tuple(analyzer(language).parse(_APOSTROPHE.sub("'", word)))


@lru_cache(maxsize=2)
def vocab(language: str) -> Vocab:
    """A blank spaCy vocabulary for ``language``, so ``doc.lang_`` names the language."""
    import spacy

    return spacy.blank(language).vocab


@lru_cache(maxsize=200_000)
def lemma(language: str, word: str, pos: str = "", case: str = "", number: str = "") -> str:
    """The dictionary form of ``word`` agreeing with its UD ``pos``, ``case`` and ``number``.

    Lowercase, with ``ё`` as ``е`` (news text writes both). Words outside the dictionary keep
    pymorphy3's guess; tokens without letters are returned lowercased.
    """
    if not _WORDLIKE.search(word):
        return word.lower()
    fixed = _overrides(language).get(_plain(word))
    if fixed:
        return fixed
    parses = analyses(language, word)
    if not parses:
        return _plain(word)
    wanted = _POS.get(pos, set())
    best = max(
        enumerate(parses),
        key=lambda item: (
            2 * (item[1].tag.POS in wanted)
            + (_CASE[case] in item[1].tag if case in _CASE else 0)
            + (_NUMBER[number] in item[1].tag if number in _NUMBER else 0),
            -item[0],
        ),
    )[1]
    if best.tag.POS in {"PRTF", "ADJF"} and pos in {"NOUN", "PROPN"}:
        # "заключённых", "засуджених": participles and adjectives used as nouns.
        form = best.inflect({"sing", "masc", "nomn"}) or best.inflect({"plur", "nomn"})
        return _plain(form.word if form else best.normal_form)
    return _plain(best.normal_form)


@lru_cache(maxsize=4)
def _overrides(language: str) -> dict[str, str]:
    """Forms the dictionary lemmatises wrongly in news text (``langpacks/<code>/lemmas.yaml``)."""
    from storyline import langpacks

    return {
        _plain(str(k)): _plain(str(v))
        for k, v in langpacks.load(language).section("lemmas").items()
    }


def _plain(word: str) -> str:
    return word.lower().replace("ё", "е")


def parse(text: str, language: str) -> Doc:
    """Parse one text (a chunk of a document) into a spaCy ``Doc`` (see the module docstring)."""
    return next(pipe([(text, None)], language))[0]


def pipe(items: Iterable[tuple[str, T]], language: str) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs in order, like spaCy's ``pipe(as_tuples=True)``."""
    for text, context in items:
        yield _parse(text, language), context


def _parse(text: str, language: str) -> Doc:
    from razdel import sentenize, tokenize

    loaded = models()
    sentences: list[list[tuple[int, int, str]]] = []
    for line in re.finditer(r"[^\n]+", text):
        for sentence in sentenize(line.group()):
            base = line.start() + sentence.start
            tokens = _join_apostrophes(
                [(base + t.start, base + t.stop, t.text) for t in tokenize(sentence.text)]
            )
            if tokens:
                sentences.append(tokens)
    words = [[token[2] for token in sentence] for sentence in sentences]
    tags = list(loaded.morph.map(words)) if words else []
    if language == "uk":
        tags = [_uk_tags(sentence, markup) for sentence, markup in zip(words, tags, strict=True)]
    trees = list(loaded.syntax.map(words)) if words else []
    entities = []  # per line (one batch), so no name runs from a headline into the body
    lines = [line for line in re.finditer(r"[^\n]+", text) if line.group().strip()]
    for line, markup in zip(lines, loaded.ner.map([line.group() for line in lines]), strict=True):
        entities += [
            _Span(line.start() + span.start, line.start() + span.stop, span.type)
            for span in markup.spans
        ]
    return _build(text, language, sentences, tags, trees, entities)


_APOSTROPHES = "'’ʼ`"


def _join_apostrophes(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Rejoin words razdel splits at an apostrophe ("ув'язнених", "сім’ї", "об'єкт")."""
    out: list[tuple[int, int, str]] = []
    for token in tokens:
        if (
            len(out) >= 2
            and out[-1][2] in _APOSTROPHES
            and out[-1][0] == out[-2][1]
            and token[0] == out[-1][1]
            and out[-2][2][-1:].isalpha()
            and token[2][:1].isalpha()
        ):
            mark = out.pop()
            word = out.pop()
            token = (word[0], token[1], word[2] + mark[2] + token[2])
        out.append(token)
    return out


#: pymorphy3 (OpenCorpora) parts of speech → UD, for the Ukrainian tagging.
_UD_POS = {
    "NOUN": "NOUN",
    "ADJF": "ADJ",
    "ADJS": "ADJ",
    "COMP": "ADJ",
    "VERB": "VERB",
    "INFN": "VERB",
    "PRTF": "VERB",
    "PRTS": "VERB",
    "GRND": "VERB",
    "NUMR": "NUM",
    "ADVB": "ADV",
    "PRED": "ADV",
    "NPRO": "PRON",
    "PREP": "ADP",
    "CONJ": "CCONJ",
    "PRCL": "PART",
    "INTJ": "INTJ",
}
_UD_CASE = {v: k for k, v in _CASE.items()}
_UD_NUMBER = {v: k for k, v in _NUMBER.items()}
_NAME_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"}


@dataclass(frozen=True)
class _Tag:
    pos: str
    feats: dict[str, str]


@dataclass(frozen=True)
class _Markup:
    tokens: list[Any]


def _uk_tags(words: list[str], natasha: Any) -> _Markup:
    """Ukrainian parts of speech and features from pymorphy3's Ukrainian dictionary.

    natasha's tagger knows Russian words only: on Ukrainian it called "загинули" and
    "підписали" adjectives. pymorphy3's first analysis is used for every word the
    dictionary knows, preferring an analysis whose part of speech natasha agrees with
    (the dictionary does not rank them: "травні" is also an adjective, "сорок" also a
    noun); natasha's tag is kept for words the dictionary only guesses (names, numbers).
    """
    tokens = []
    for index, word in enumerate(words):
        fallback = natasha.tokens[index]
        parses = analyses("uk", word) if _WORDLIKE.search(word) else ()
        known = [p for p in parses if p.is_known] if parses else []
        if not known:
            tokens.append(_Tag(fallback.pos, dict(fallback.feats or {})))
            continue
        natasha_pos = "NOUN" if fallback.pos == "PROPN" else fallback.pos
        fixed = _overrides("uk").get(_plain(word))
        agreeing = [
            p
            for p in known
            if (
                _plain(p.normal_form) == fixed
                if fixed
                else _UD_POS.get(str(p.tag.POS)) == natasha_pos
            )
        ]
        tag = (agreeing or known)[0].tag
        pos = _UD_POS.get(str(tag.POS), "X")
        if pos == "CCONJ" and "subord" in tag.grammemes:  # (`in tag` raises on an unknown grammeme)
            pos = "SCONJ"
        if pos == "NOUN" and (word[:1].isupper() and (_NAME_TAGS & tag.grammemes or index)):
            pos = "PROPN"
        feats = {}
        if tag.case in _UD_CASE:
            feats["Case"] = _UD_CASE[str(tag.case)]
        if tag.number in _UD_NUMBER:
            feats["Number"] = _UD_NUMBER[str(tag.number)]
        if tag.tense:
            feats["Tense"] = str(tag.tense).capitalize()
        if tag.POS in {"PRTF", "PRTS"}:
            feats["VerbForm"] = "Part"
        elif tag.POS == "INFN":
            feats["VerbForm"] = "Inf"
        tokens.append(_Tag(pos, feats))
    return _Markup(tokens)


def _build(
    text: str,
    language: str,
    sentences: list[list[tuple[int, int, str]]],
    tags: list[Any],
    trees: list[Any],
    entities: list[Any],
) -> Doc:
    """Pour the segmented, tagged and parsed sentences into a spaCy ``Doc`` over ``text``.

    Whitespace other than one space after a token becomes its own token (as spaCy's own
    tokenizer does), so ``doc.text == text`` and every ``token.idx`` is an offset in ``text``.
    """
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    pos: list[str] = []
    morphs: list[str] = []
    lemmas: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    starts: list[int] = []  # character start of each token, for the entities
    cursor = 0

    def gap(until: int) -> None:
        nonlocal cursor
        between = text[cursor:until]
        if between and words and between[0] == " " and not spaces[-1]:
            spaces[-1] = True
            between = between[1:]
        if between:
            words.append(between)
            spaces.append(False)
            pos.append("SPACE")
            morphs.append("")
            lemmas.append(between)
            heads.append(-1)  # attached below, to a neighbour
            deps.append("dep")
            starts.append(until - len(between))
        cursor = until

    for number, sentence in enumerate(sentences):
        tag_tokens = tags[number].tokens if number < len(tags) else []
        tree_tokens = trees[number].tokens if number < len(trees) else []
        gap(sentence[0][0])
        first = len(words)
        local_heads = _repair([int(_head_index(t.head_id)) for t in tree_tokens], len(sentence))
        for index, (start, end, word) in enumerate(sentence):
            gap(start)
            tag = tag_tokens[index] if index < len(tag_tokens) else None
            ud_pos = tag.pos if tag is not None else "X"
            feats = dict(tag.feats) if tag is not None and tag.feats else {}
            words.append(word)
            spaces.append(False)
            pos.append(ud_pos if ud_pos else "X")
            morphs.append("|".join(f"{k}={v}" for k, v in sorted(feats.items())))
            lemmas.append(
                lemma(language, word, ud_pos, feats.get("Case", ""), feats.get("Number", ""))
            )
            head = local_heads[index]
            heads.append(first + (index if head < 0 else head))
            rel = tree_tokens[index].rel if index < len(tree_tokens) else "dep"
            deps.append("ROOT" if head < 0 else (rel or "dep"))
            starts.append(start)
            cursor = end
    gap(len(text))
    if not words:
        return Doc(vocab(language), words=[], spaces=[])
    _attach_spaces(heads, pos)
    return Doc(
        vocab(language),
        words=words,
        spaces=spaces,
        pos=pos,
        morphs=morphs,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        ents=_iob(starts, words, entities),
    )


def _head_index(head_id: str) -> int:
    """natasha's ``"sentence_token"`` head id → the token's index in its sentence (-1: root)."""
    return int(head_id.rpartition("_")[2]) - 1


def _repair(heads: list[int], size: int) -> list[int]:
    """A well-formed tree: one root, no cycles (natasha decodes each head on its own).

    The first root stays the root (the first token when none is marked); every other root
    and every token on a cycle is attached to it.
    """
    heads = (heads + [-1] * size)[:size]
    heads = [h if -1 <= h < size and h != i else -1 for i, h in enumerate(heads)]
    roots = [i for i, h in enumerate(heads) if h < 0]
    root = roots[0] if roots else 0
    heads[root] = -1
    for i in roots[1:]:
        heads[i] = root
    for i in range(size):  # walk up; a walk that never reaches the root is a cycle
        seen = set()
        node = i
        while heads[node] >= 0 and node not in seen:
            seen.add(node)
            node = heads[node]
        if heads[node] >= 0:
            heads[node] = root
    return heads


def _attach_spaces(heads: list[int], pos: list[str]) -> None:
    """Whitespace tokens hang from the token before them (the first from the one after)."""
    for i, head in enumerate(heads):
        if head != -1:
            continue
        before = next((j for j in range(i - 1, -1, -1) if pos[j] != "SPACE"), None)
        after = next((j for j in range(i + 1, len(pos)) if pos[j] != "SPACE"), None)
        target = before if before is not None else after
        heads[i] = target if target is not None else i


def _iob(starts: list[int], words: list[str], entities: list[Any]) -> list[str]:
    """natasha's character spans as spaCy IOB tags over the ``Doc``'s tokens."""
    tags = ["O"] * len(words)
    for span in entities:
        inside = [
            i
            for i, start in enumerate(starts)
            if start >= span.start and start + len(words[i]) <= span.stop and words[i].strip()
        ]
        if not inside or any(tags[i] != "O" for i in inside):
            continue
        for n, i in enumerate(range(inside[0], inside[-1] + 1)):
            tags[i] = ("B-" if n == 0 else "I-") + span.type
    return tags
