"""Load the vocabulary data files, validate every entry, and report all bad entries in one error.

``load_vocabulary()`` reads ``vocab/data/*.yaml`` (or another directory with the same files) and
returns a frozen :class:`Vocabulary`, cached per directory. ``VOCAB_VERSION`` names the vocabulary
in use by the content of its files, so that extracted evidence can say which vocabulary produced it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from harmtrack.errors import VocabularyError
from harmtrack.vocab import checks
from harmtrack.vocab.checks import Problem
from harmtrack.vocab.models import (
    Actor,
    Addressee,
    EventCue,
    EventType,
    GenericActor,
    Quantities,
    Source,
    StatementKind,
    TargetSite,
    Weapon,
)

DATA_DIR = Path(__file__).parent / "data"

# Each file and the top-level keys it may hold.
FILES: Mapping[str, tuple[str, ...]] = {
    "event_types.yaml": ("event_types",),
    "actors.yaml": ("actors", "generic"),
    "weapons.yaml": ("weapons",),
    "targets.yaml": ("targets",),
    "event_cues.yaml": ("cues",),
    "quantities.yaml": tuple(Quantities.model_fields),
    "statements.yaml": ("kinds", "addressees"),
    "sources.yaml": ("sources",),
}

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Vocabulary:
    """Every vocabulary, validated; entries are frozen models, collections are tuples."""

    version: str
    event_types: tuple[EventType, ...]
    actors: tuple[Actor, ...]
    generic_actors: tuple[GenericActor, ...]
    weapons: tuple[Weapon, ...]
    targets: tuple[TargetSite, ...]
    event_cues: tuple[EventCue, ...]
    quantities: Quantities
    statements: tuple[StatementKind, ...]
    addressees: tuple[Addressee, ...]
    sources: tuple[Source, ...]
    directory: Path = field(compare=False)

    @cached_property
    def taxonomy(self) -> Mapping[str, tuple[str, ...]]:
        """ACLED event type -> its sub-event types."""
        return {t.name: t.sub_event_types for t in self.event_types}

    def is_event_type(self, event_type: str, sub_event_type: str | None = None) -> bool:
        """True for an ACLED type, or a (type, sub-type) pair, that the vocabulary knows."""
        return checks.event_type_pair(self.taxonomy, event_type, sub_event_type) is None

    @cached_property
    def _index(self) -> Mapping[str, Mapping[str, Any]]:
        return {
            "actor": {a.id: a for a in self.actors},
            "weapon": {w.id: w for w in self.weapons},
            "target": {t.id: t for t in self.targets},
            "source": {s.id: s for s in self.sources},
        }

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (KeyError if none)."""
        found: Actor = self._index["actor"][actor_id]
        return found

    def weapon(self, weapon_id: str) -> Weapon:
        found: Weapon = self._index["weapon"][weapon_id]
        return found

    def target(self, target_id: str) -> TargetSite:
        found: TargetSite = self._index["target"][target_id]
        return found

    def source(self, source_id: str) -> Source:
        found: Source = self._index["source"][source_id]
        return found


class _StrictLoader(yaml.SafeLoader):
    """A YAML loader that refuses duplicate mapping keys instead of silently keeping the last."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _Reader:
    """Reads the files of one directory, collecting every problem instead of stopping at one."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.problems: list[Problem] = []
        self.raw: dict[str, bytes] = {}

    def document(self, name: str) -> dict[str, Any]:
        path = self.directory / name
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.problems.append(Problem(name, "file", f"cannot be read: {exc.strerror or exc}"))
            return {}
        self.raw[name] = data
        try:
            doc = yaml.load(data.decode("utf-8"), Loader=_StrictLoader)
        except UnicodeDecodeError as exc:
            self.problems.append(Problem(name, "file", f"is not UTF-8: {exc}"))
            return {}
        except yaml.YAMLError as exc:
            self.problems.append(Problem(name, "file", f"is not valid YAML: {exc}"))
            return {}
        if not isinstance(doc, dict):
            self.problems.append(Problem(name, "file", "must be a mapping at the top level"))
            return {}
        for key in doc:
            if key not in FILES[name]:
                expected = ", ".join(FILES[name])
                self.problems.append(
                    Problem(name, "top level", f"unknown key {key!r} (expected {expected})")
                )
        return doc

    def entries(
        self, name: str, doc: Mapping[str, Any], section: str, model: type[M]
    ) -> tuple[M, ...]:
        raw = doc.get(section)
        if not isinstance(raw, list) or not raw:
            self.problems.append(Problem(name, section, "must be a non-empty list"))
            return ()
        valid = []
        for index, item in enumerate(raw):
            ident = (
                item.get("id", item.get("name", item.get("kind")))
                if isinstance(item, dict)
                else None
            )
            where = f"{section}[{index}]" + (f" (id {ident!r})" if ident is not None else "")
            entry = self.validate(name, where, model, item)
            if entry is not None:
                valid.append(entry)
        return tuple(valid)

    def validate(self, name: str, where: str, model: type[M], data: Any) -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                loc = ".".join(str(part) for part in error["loc"])
                message = error["msg"].removeprefix("Value error, ")
                self.problems.append(Problem(name, where, f"{loc}: {message}" if loc else message))
            return None

    def check(self, found: Iterable[Problem]) -> None:
        self.problems.extend(found)


def _content_hash(raw: Mapping[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(raw):
        digest.update(name.encode() + b"\0" + raw[name] + b"\0")
    return digest.hexdigest()[:12]


def _read(directory: Path) -> Vocabulary:
    reader = _Reader(directory)
    docs = {name: reader.document(name) for name in FILES}
    entries = reader.entries

    event_types = entries("event_types.yaml", docs["event_types.yaml"], "event_types", EventType)
    reader.check(checks.taxonomy_problems("event_types.yaml", event_types))
    taxonomy_ok = bool(event_types) and not any(
        p.file == "event_types.yaml" for p in reader.problems
    )
    taxonomy = {t.name: t.sub_event_types for t in event_types} if taxonomy_ok else None

    actors_doc = docs["actors.yaml"]
    actors = entries("actors.yaml", actors_doc, "actors", Actor)
    generic = (
        entries("actors.yaml", actors_doc, "generic", GenericActor)
        if "generic" in actors_doc
        else ()
    )
    reader.check(checks.actor_problems("actors.yaml", actors, generic))

    weapons = entries("weapons.yaml", docs["weapons.yaml"], "weapons", Weapon)
    reader.check(checks.weapon_problems("weapons.yaml", weapons, taxonomy))

    targets = entries("targets.yaml", docs["targets.yaml"], "targets", TargetSite)
    reader.check(checks.duplicate_ids("targets.yaml", "targets", [t.id for t in targets]))
    reader.check(checks.section_terms("targets.yaml", {"targets": targets}))

    cues = entries("event_cues.yaml", docs["event_cues.yaml"], "cues", EventCue)
    reader.check(checks.cue_problems("event_cues.yaml", cues, taxonomy))

    quantities = reader.validate(
        "quantities.yaml", "top level", Quantities, docs["quantities.yaml"]
    )
    if quantities is not None:
        reader.check(checks.quantity_problems("quantities.yaml", quantities))

    statements_doc = docs["statements.yaml"]
    kinds = entries("statements.yaml", statements_doc, "kinds", StatementKind)
    addressees = entries("statements.yaml", statements_doc, "addressees", Addressee)
    reader.check(checks.duplicate_ids("statements.yaml", "kinds", [k.id for k in kinds]))
    reader.check(checks.duplicate_ids("statements.yaml", "addressees", [a.id for a in addressees]))
    reader.check(
        checks.section_terms("statements.yaml", {"kinds": kinds, "addressees": addressees})
    )

    sources = entries("sources.yaml", docs["sources.yaml"], "sources", Source)
    reader.check(checks.source_problems("sources.yaml", sources, _raw_ids(actors_doc, "actors")))

    if reader.problems or quantities is None:
        raise _error(directory, reader.problems)
    return Vocabulary(
        version=_content_hash(reader.raw),
        event_types=event_types,
        actors=actors,
        generic_actors=generic,
        weapons=weapons,
        targets=targets,
        event_cues=cues,
        quantities=quantities,
        statements=kinds,
        addressees=addressees,
        sources=sources,
        directory=directory,
    )


def _raw_ids(doc: Mapping[str, Any], section: str) -> set[str] | None:
    """Ids written in a section, valid or not: a reference to a broken entry is not also unknown."""
    raw = doc.get(section)
    if not isinstance(raw, list):
        return None
    return {
        item["id"] for item in raw if isinstance(item, dict) and isinstance(item.get("id"), str)
    }


def _error(directory: Path, problems: list[Problem]) -> VocabularyError:
    lines = "\n".join(f"  - {problem}" for problem in problems)
    return VocabularyError(
        f"{len(problems)} problem(s) in the vocabulary at {directory}:\n{lines}",
        hint="Fix each entry listed (file: entry: problem); the file headers describe the format.",
    )


@lru_cache(maxsize=8)
def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Load and validate the vocabulary in ``path`` (default: the shipped files); cached per path.

    Raises VocabularyError listing every bad entry of every file.
    """
    return _read(Path(path) if path is not None else DATA_DIR)


def vocab_version(path: Path | None = None) -> str:
    """A short content hash of the vocabulary files as they are now (read, not validated)."""
    directory = Path(path) if path is not None else DATA_DIR
    raw = {name: (directory / name).read_bytes() for name in FILES if (directory / name).is_file()}
    return _content_hash(raw)


def __getattr__(name: str) -> str:
    # VOCAB_VERSION is the version of the vocabulary in use (the cached shipped one), computed on
    # first use rather than at import: importing must not read files.
    if name == "VOCAB_VERSION":
        return load_vocabulary().version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DATA_DIR", "FILES", "VOCAB_VERSION", "Vocabulary", "load_vocabulary", "vocab_version"]  # noqa: F822
