"""Codebooks: the event types of one topic, read from YAML and checked line by line.

A codebook is how Storyline stays topic-neutral: the assembler knows clauses, roles and
mentions, and a codebook tells it which words signal which event and which mentions may
fill which role. The file format is documented in ``docs/codebooks.md``; the default
codebooks ship in ``storyline/events/codebooks/``.

Every problem is reported as ``file:line: message`` so a user can fix a 300-line file
without guessing; :func:`load_codebook` collects all problems before failing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from storyline.errors import CodebookError
from storyline.events.yaml_lines import DuplicateKey, Lines, load_with_lines

#: What may fill a role: mention kinds, optionally narrowed (entity type, quantity sort,
#: time sort), or ``phrase`` (the noun phrase in the role's syntactic slot, when no mention
#: is there: "the women").
FILLERS = frozenset(
    {
        "entity",
        "entity:PER",
        "entity:ORG",
        "entity:LOC",
        "entity:FAC",
        "entity:GROUP",
        "quantity",
        "quantity:person",
        "quantity:money",
        "quantity:duration",
        "quantity:count",
        "time",
        "time:date",
        "time:duration",
        "source",
        "phrase",
    }
)
#: Where in the clause a role's filler is looked for: the grammatical ``subject`` (active
#: voice), the ``object`` (direct object, passive subject, "release *of women*"), the
#: ``by`` phrase of a passive, or ``any`` mention in the clause; ``purpose`` lets a place
#: come from a purpose clause ("sent … to fight *in Avdiivka*": a destination).
SLOTS = frozenset({"subject", "object", "by", "any", "purpose"})

_AGENTS = ("entity:ORG", "entity:GROUP", "entity:PER", "phrase")
#: The standard roles (the issue's list) and their defaults; a codebook may narrow them.
STANDARD_ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "actor": (_AGENTS, ("subject", "by")),
    "subject": (("entity:GROUP", "entity:PER", "quantity:person", "phrase"), ("object",)),
    "target": (("entity:ORG", "entity:GROUP", "entity:PER", "entity:LOC", "phrase"), ("object",)),
    "place": (("entity:FAC", "entity:LOC"), ("any",)),
    "time": (("time:date",), ("any",)),
    "quantity": (("quantity:person", "quantity:count"), ("any",)),
    "money": (("quantity:money",), ("any",)),
    "duration": (("time:duration", "quantity:duration"), ("any",)),
    "source": (("source",), ("any",)),
}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_WORD = re.compile(r"^[^\W\d_][\w'’.-]*(/(verb|noun|adj))?$")
_TYPE_KEYS = {
    "label",
    "description",
    "triggers",
    "context",
    "exclude",
    "roles",
    "speech",
    "subject_is",
    "headline_context",
    "offered",
    "moves_people",
}
_ROLE_KEYS = {"fill", "slot", "required", "terms", "label", "words", "not_words"}
_TOP_KEYS = {"codebook", "version", "label", "description", "types"}


@dataclass(frozen=True)
class RoleSpec:
    """How one role of an event type is filled."""

    name: str
    fill: tuple[str, ...]
    slots: tuple[str, ...]
    required: bool = False
    terms: tuple[tuple[str, ...], ...] = ()
    label: str = ""
    words: frozenset[str] = frozenset()
    #: Words or phrases that disqualify a filler described by them, even an organisation
    #: ("the independent outlet X", "X, a rights group" is not an official).
    not_words: tuple[tuple[str, ...], ...] = ()


#: A language block inside ``triggers`` (``ru:``, ``uk:``): two lowercase letters.
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_LANGUAGE_KEYS = {"lemmas", "phrases", "context", "exclude"}


@dataclass(frozen=True)
class LanguageTriggers:
    """The triggers of one event type in a language other than English.

    Why inside the codebook: a codebook stays one file per topic, so a type's Russian and
    Ukrainian words sit beside its English ones and change with them. Lemmas are pymorphy3
    normal forms (ё written е); a phrase's words may have up to two other words between
    them ("подписать контракт" matches "подписали с Минобороны контракт"). ``context`` and
    ``exclude`` play the English keys' part.
    """

    lemmas: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    context: frozenset[str]
    exclude: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class EventType:
    """One event type: its triggers (lemmas, lemma phrases), context words and roles."""

    name: str
    label: str
    description: str
    lemmas: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    context: frozenset[str]
    exclude: tuple[tuple[str, ...], ...]
    roles: tuple[RoleSpec, ...]
    line: int = 0
    speech: bool = False
    #: Trigger lemma → the role its grammatical subject fills. "Wagner *recruited* 1,000
    #: inmates": the subject is the recruiter, so the people who enlist are the object;
    #: "the first group *left* for the front": the subject is who is deployed, not who
    #: deploys. Roles not named here lose the subject slot for that trigger and look in the
    #: object instead.
    subject_is: Mapping[str, str] = field(default_factory=dict, compare=False)
    #: Whether the headline's words count as context for every sentence. A report on a
    #: pardon is headlined with the murder it was for; its deaths and convictions are the
    #: convict's past, not casualties or crimes after return, unless their own sentence (or
    #: the one before) speaks of the war or the return.
    headline_context: bool = True
    #: Whether what may be done tells this event: an offer is a possibility ("the law allows
    #: defendants *to go free*"), so a trigger in the infinitive counts; for other types an
    #: infinitive only counts after a verb like "begin" or "decide" (languages read from a
    #: lexicon).
    offered: bool = False
    #: Whether the type moves people (a deployment, a release, a return, a capture): then a
    #: trigger whose object is a thing, data or a place tells no such event ("transfer *the
    #: materials* to the court", "the capture of *the city*"; the nouns are the language
    #: pack's ``events.yaml`` ``things``, places the entity extractor's).
    moves_people: bool = False
    #: Language code → that language's triggers (``triggers: {ru: {lemmas: […]}}``); the
    #: lemmas, phrases, context and exclude above are English.
    languages: Mapping[str, LanguageTriggers] = field(default_factory=dict, compare=False)

    def role(self, name: str) -> RoleSpec | None:
        """The role called ``name``, if this type has it."""
        return next((r for r in self.roles if r.name == name), None)


@dataclass(frozen=True)
class Codebook:
    """A named, versioned set of event types (``prison-recruitment/1``)."""

    name: str
    version: str
    label: str
    description: str
    types: tuple[EventType, ...]
    path: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def id(self) -> str:
        """``name/version``: stored with every event so a re-run knows what made it."""
        return f"{self.name}/{self.version}"

    def type(self, name: str) -> EventType | None:
        """The event type called ``name``, if any."""
        return next((t for t in self.types if t.name == name), None)


#: Returns the lemma spaCy reads a word as when the word itself is never a lemma, else
#: ``None``; used to find triggers that can never match (:func:`trigger_problems`).
Lemmatize = Callable[[str], str | None]

BUILTIN = ("prison-recruitment", "protest-violence")
DEFAULT = "prison-recruitment"


def builtin_path(name: str) -> Path:
    """Path of a codebook shipped with Storyline."""
    return Path(str(resources.files("storyline.events") / "codebooks" / f"{name}.yaml"))


def load_codebook(source: str | Path | None = None, lemmatize: Lemmatize | None = None) -> Codebook:
    """Load a codebook: a built-in name (``protest-violence``), a YAML path, or the default.

    Args:
        source: built-in name or file path; ``None`` is the default codebook.
        lemmatize: when given, triggers are also checked against spaCy's lemmatizer.

    Raises:
        CodebookError: every problem found, each as ``file:line: message``.
    """
    if source is None or str(source) in BUILTIN:
        path = builtin_path(str(source or DEFAULT))
    else:
        path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CodebookError([f"{path}: no such codebook file"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CodebookError([f"{path}: cannot read the codebook ({exc})"]) from None
    return parse_codebook(text, str(path), lemmatize)


def parse_codebook(
    text: str, path: str = "<codebook>", lemmatize: Lemmatize | None = None
) -> Codebook:
    """Parse and check codebook YAML (see :func:`load_codebook`)."""
    try:
        data, lines = load_with_lines(text)
    except DuplicateKey as exc:
        raise CodebookError([f"{path}:{exc.line}: {_duplicate(exc)}"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CodebookError([f"{path}:{line}: invalid YAML: {problem}"]) from None
    reader = _Reader(path)
    codebook = reader.codebook(data, lines)
    if lemmatize is not None and codebook is not None:
        reader.problems += trigger_problems(codebook, lemmatize, path)
    if reader.problems or codebook is None:
        raise CodebookError(reader.problems or [f"{path}:1: empty codebook"])
    return codebook


def _with_pos(word: str) -> str:
    """``volunteer/verb`` → ``volunteer/VERB``: a lemma that triggers only as that part of
    speech (the noun "volunteers" in "schemes to attract volunteers" is no enlistment)."""
    lemma, slash, pos = word.partition("/")
    return f"{lemma}/{pos.upper()}" if slash else lemma


def _fold(word: str) -> str:
    """ё → е and one apostrophe, as the lexicon extractors compare words."""
    return word.replace("ё", "е").replace("’", "'").replace("ʼ", "'")


def _duplicate(exc: DuplicateKey) -> str:
    return f"duplicate name {exc.key!r} (first at line {exc.first})"


class _Reader:
    """Builds a :class:`Codebook` from parsed YAML, collecting ``file:line`` problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"{self.path}:{line}: {message}")

    def codebook(self, data: Any, lines: Lines) -> Codebook | None:
        if not isinstance(data, dict):
            self.problem(lines.line, "a codebook is a mapping with codebook, version and types")
            return None
        self._unknown_keys(data, lines, _TOP_KEYS, "codebook")
        name = data.get("codebook")
        if not isinstance(name, str) or not re.match(r"^[a-z0-9][a-z0-9_-]*$", name):
            self.problem(lines.of("codebook"), "codebook: give a name like my-topic")
            name = "unnamed"
        version = data.get("version")
        if not isinstance(version, int | str) or isinstance(version, bool):
            self.problem(lines.of("version"), "version: give a number or a string such as 1")
            version = "0"
        types_data = data.get("types")
        if not isinstance(types_data, dict) or not types_data:
            self.problem(lines.of("types"), "types: give a mapping of event type names")
            types_data = {}
        type_lines = lines.child("types")
        types = [
            self.event_type(str(key), value, type_lines.of(key), type_lines.child(key))
            for key, value in types_data.items()
        ]
        return Codebook(
            name=name,
            version=str(version),
            label=str(data.get("label") or name),
            description=str(data.get("description") or ""),
            types=tuple(t for t in types if t is not None),
            path=self.path,
            lines={t.name: t.line for t in types if t is not None},
        )

    def event_type(self, name: str, data: Any, line: int, lines: Lines) -> EventType | None:
        if not _NAME.match(name):
            self.problem(line, f"event type {name!r}: use lowercase letters, digits and _")
        if not isinstance(data, dict):
            self.problem(line, f"event type {name!r}: give label, triggers and roles")
            return None
        self._unknown_keys(data, lines, _TYPE_KEYS, f"event type {name!r}")
        triggers = data.get("triggers")
        trigger_lines = lines.child("triggers")
        if not isinstance(triggers, dict):
            self.problem(lines.of("triggers"), f"{name}: triggers: give lemmas and/or phrases")
            triggers = {}
        languages = {str(k): v for k, v in triggers.items() if _LANGUAGE.match(str(k))}
        self._unknown_keys(
            {k: v for k, v in triggers.items() if str(k) not in languages},
            trigger_lines,
            {"lemmas", "phrases", "ru", "uk"},
            f"{name}.triggers",
        )
        lemmas = self.words(triggers.get("lemmas"), trigger_lines, "lemmas", name, single=True)
        phrases = self.words(triggers.get("phrases"), trigger_lines, "phrases", name)
        by_language = {
            code: found
            for code, value in languages.items()
            if (found := self.language(name, code, value, trigger_lines)) is not None
        }
        if not lemmas and not phrases and not by_language:
            self.problem(trigger_lines.line, f"{name}: no triggers, so it can never match")
        context = self.words(data.get("context"), lines, "context", name, single=True)
        exclude = self.words(data.get("exclude"), lines, "exclude", name)
        roles = self.roles(name, data.get("roles"), lines)
        speech = data.get("speech", False)
        if not isinstance(speech, bool):
            self.problem(lines.of("speech"), f"{name}.speech: give true or false")
            speech = False
        subject_is = self.subject_is(name, data.get("subject_is"), lines)
        headline_context = data.get("headline_context", True)
        if not isinstance(headline_context, bool):
            self.problem(
                lines.of("headline_context"), f"{name}.headline_context: give true or false"
            )
            headline_context = True
        offered = data.get("offered", False)
        if not isinstance(offered, bool):
            self.problem(lines.of("offered"), f"{name}.offered: give true or false")
            offered = False
        moves_people = data.get("moves_people", False)
        if not isinstance(moves_people, bool):
            self.problem(lines.of("moves_people"), f"{name}.moves_people: give true or false")
            moves_people = False
        return EventType(
            name=name,
            label=str(data.get("label") or name.replace("_", " ").capitalize()),
            description=" ".join(str(data.get("description") or "").split()),
            lemmas=frozenset(_with_pos(w[0]) for w in lemmas),
            phrases=tuple(phrases),
            context=frozenset(w[0] for w in context),
            exclude=tuple(exclude),
            roles=tuple(roles),
            line=line,
            speech=speech,
            subject_is=subject_is,
            headline_context=headline_context,
            offered=offered,
            moves_people=moves_people,
            languages=by_language,
        )

    def language(
        self, type_name: str, code: str, value: Any, lines: Lines
    ) -> LanguageTriggers | None:
        """One ``triggers.<code>`` block: lemmas, phrases, context, exclude."""
        where = f"{type_name}.triggers.{code}"
        if not isinstance(value, dict):
            self.problem(lines.of(code), f"{where}: give lemmas and/or phrases")
            return None
        own = lines.child(code)
        self._unknown_keys(value, own, _LANGUAGE_KEYS, where)
        lemmas = self.words(value.get("lemmas"), own, "lemmas", where, single=True)
        phrases = self.words(value.get("phrases"), own, "phrases", where)
        if not lemmas and not phrases:
            self.problem(own.line, f"{where}: no triggers, so it can never match")
        return LanguageTriggers(
            lemmas=frozenset(_fold(w[0]) for w in lemmas),
            phrases=tuple(tuple(_fold(w) for w in p) for p in phrases),
            context=frozenset(
                _fold(w[0])
                for w in self.words(value.get("context"), own, "context", where, single=True)
            ),
            exclude=tuple(
                tuple(_fold(w) for w in p)
                for p in self.words(value.get("exclude"), own, "exclude", where)
            ),
        )

    def subject_is(self, where: str, value: Any, lines: Lines) -> dict[str, str]:
        """``{lemma or phrase: role}``: which role a trigger's grammatical subject fills."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(lines.of("subject_is"), f"{where}.subject_is: give lemma: role pairs")
            return {}
        found: dict[str, str] = {}
        items = lines.child("subject_is")
        for lemma, role in value.items():
            word = " ".join(str(lemma).lower().split())
            if not all(_WORD.match(w) and "/" not in w for w in word.split()) or not word:
                self.problem(items.of(lemma), f"{where}.subject_is: {lemma!r} is not a lemma")
            elif role not in STANDARD_ROLES:
                known = ", ".join(STANDARD_ROLES)
                self.problem(
                    items.of(lemma), f"{where}.subject_is.{lemma}: unknown role {role!r} ({known})"
                )
            else:
                found[word] = str(role)
        return found

    def words(
        self, value: Any, lines: Lines, key: str, where: str, *, single: bool = False
    ) -> list[tuple[str, ...]]:
        """A list of words (``single``) or phrases, each a tuple of lowercase words."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(lines.of(key), f"{where}.{key}: give a list")
            return []
        result: list[tuple[str, ...]] = []
        items = lines.child(key)
        for index, item in enumerate(value):
            line = items.of(index)
            words = tuple(str(item).lower().split()) if isinstance(item, str | int) else ()
            if not words:
                self.problem(line, f"{where}.{key}: empty entry, it can never match")
            elif single and len(words) > 1:
                self.problem(line, f"{where}.{key}: {item!r} is several words; put it in phrases")
            elif bad := [w for w in words if not _WORD.match(w)]:
                self.problem(line, f"{where}.{key}: {bad[0]!r} is not a word, it can never match")
            else:
                result.append(words)
        return result

    def roles(self, type_name: str, data: Any, lines: Lines) -> list[RoleSpec]:
        if data is None:
            return []
        role_lines = lines.child("roles")
        if not isinstance(data, dict):
            self.problem(lines.of("roles"), f"{type_name}.roles: give a mapping of role names")
            return []
        specs = []
        for role, value in data.items():
            spec = self.role(type_name, str(role), value or {}, role_lines)
            if spec is not None:
                specs.append(spec)
        return specs

    def role(self, type_name: str, role: str, data: Any, lines: Lines) -> RoleSpec | None:
        line, where = lines.of(role), f"{type_name}.roles.{role}"
        if not isinstance(data, dict):
            self.problem(line, f"{where}: give a mapping (fill, slot, required, terms) or {{}}")
            return None
        own = lines.child(role)
        self._unknown_keys(data, own, _ROLE_KEYS, where)
        default_fill, default_slots = STANDARD_ROLES.get(role, ((), ("any",)))
        terms = self.words(data.get("terms"), own, "terms", where)
        words = self.words(data.get("words"), own, "words", where)
        not_words = self.words(data.get("not_words"), own, "not_words", where)
        fill = self.names(data.get("fill"), own, "fill", where, FILLERS) or default_fill
        if role not in STANDARD_ROLES and not fill and not terms:
            standard = ", ".join(STANDARD_ROLES)
            self.problem(
                line, f"{where}: unknown role; use one of {standard}, or give fill or terms"
            )
            return None
        slots = self.names(data.get("slot"), own, "slot", where, SLOTS) or default_slots
        required = data.get("required", False)
        if not isinstance(required, bool):
            self.problem(own.of("required"), f"{where}.required: give true or false")
            required = False
        return RoleSpec(
            name=role,
            fill=tuple(fill),
            slots=tuple(slots),
            required=required,
            terms=tuple(terms),
            label=str(data.get("label") or role),
            words=frozenset(" ".join(w) for w in words),
            not_words=tuple(not_words),
        )

    def names(
        self, value: Any, lines: Lines, key: str, where: str, allowed: frozenset[str]
    ) -> tuple[str, ...]:
        if value is None:
            return ()
        values = value if isinstance(value, list) else [value]
        items = lines.child(key)
        good = []
        for index, item in enumerate(values):
            if item in allowed:
                good.append(str(item))
            else:
                known = ", ".join(sorted(allowed))
                line = items.of(index) if isinstance(value, list) else lines.of(key)
                self.problem(line, f"{where}.{key}: unknown {key} {item!r} (known: {known})")
        return tuple(good)

    def _unknown_keys(
        self, data: dict[Any, Any], lines: Lines, known: set[str], where: str
    ) -> None:
        for key in data:
            if key not in known:
                expected = ", ".join(sorted(known))
                self.problem(lines.of(key), f"{where}: unknown key {key!r} (expected {expected})")


def trigger_problems(codebook: Codebook, lemmatize: Lemmatize, path: str) -> list[str]:
    """Trigger words that are never a token's lemma, so they can never match.

    Triggers are compared with token lemmas; "offers" or "casualties" are inflected forms
    whose lemma is "offer" / "casualty", so a codebook naming them silently finds nothing.
    """
    problems = []
    for event_type in codebook.types:
        words = {w.partition("/")[0] for w in event_type.lemmas}
        words |= {w for p in event_type.phrases for w in p}
        for word in sorted(words):
            lemma = lemmatize(word)
            if lemma is not None:
                problems.append(
                    f"{path}:{event_type.line}: {event_type.name}: trigger {word!r} can never "
                    f"match: triggers are lemmas and spaCy reads {word!r} as {lemma!r}"
                )
    return problems
