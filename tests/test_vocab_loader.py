"""Tests for harmtrack.vocab.loader: the shipped files load, and every bad entry is reported."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from pathlib import Path

import pytest
from pydantic import ValidationError

from harmtrack.errors import VocabularyError
from harmtrack.vocab import loader
from harmtrack.vocab.loader import FILES, Vocabulary, load_vocabulary, vocab_version

CODEBOOK_ACTORS = [
    "russia", "syria_gov", "iran_militias", "us_coalition", "turkey", "israel", "isis", "hts",
    "sdf", "opposition", "unknown",
    # other conflicts named by the codebook and used in the coded data
    "saudi_coalition", "houthis", "ukraine", "rsf", "saf", "al_shabaab", "myanmar_military",
    "nigeria_military", "iswap", "taliban", "mali_military", "protesters",
]  # fmt: skip
CODEBOOK_WEAPONS = [
    "airstrike", "thermobaric", "barrel_bomb", "cluster", "missile", "rocket", "artillery",
    "mortar", "drone", "ied", "car_bomb", "suicide_vest", "small_arms", "chlorine", "sarin",
    "chemical", "incendiary", "bunker_buster", "landmine",
]  # fmt: skip
CODEBOOK_TARGETS = [
    "market", "medical", "school", "place_of_worship", "residential", "displacement_camp",
    "bakery", "civil_defence", "aid", "local_council", "water_power", "vehicle", "military",
    "other",
]  # fmt: skip
ACLED_TYPES = {
    "Battles": {
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    },
    "Explosions/Remote violence": {
        "Air/drone strike", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Chemical weapon",
    },
    "Violence against civilians": {"Attack", "Abduction/forced disappearance", "Sexual violence"},
    "Protests": {
        "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
    },
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    },
}  # fmt: skip
# The codebook's quantity table: wording -> (low, high).
CODEBOOK_VAGUE = [
    ("tens", 10, None), ("dozens", 12, None), ("scores", 20, None), ("hundreds", 100, None),
    ("thousands", 1000, None), ("several", 3, None), ("a number of", 2, None), ("some", 2, None),
    ("many", None, None), ("casualties", None, None),
]  # fmt: skip
CODEBOOK_BOUNDS = [
    ("at least", "low"), ("no fewer than", "low"), ("over", "low"), ("more than", "low"),
    ("+", "low"), ("up to", "high"), ("as many as", "high"),
]  # fmt: skip


@pytest.fixture(scope="module")
def shipped() -> Vocabulary:
    return load_vocabulary()


# --- the shipped files ---------------------------------------------------------------------------


def test_vocab_loader_loads_shipped_files(shipped: Vocabulary) -> None:
    assert shipped.actors and shipped.weapons and shipped.targets and shipped.event_cues
    assert shipped.statements and shipped.addressees and shipped.sources and shipped.generic_actors
    assert re.fullmatch(r"[0-9a-f]{12}", shipped.version)


def test_vocab_loader_caches_per_path(shipped: Vocabulary) -> None:
    assert load_vocabulary() is shipped
    assert load_vocabulary(loader.DATA_DIR) == shipped


def test_vocab_loader_entries_are_frozen(shipped: Vocabulary) -> None:
    with pytest.raises(ValidationError):
        shipped.actors[0].id = "changed"
    with pytest.raises(dataclasses.FrozenInstanceError):
        shipped.version = "changed"  # type: ignore[misc]


def test_vocab_loader_version_names_the_file_contents(shipped: Vocabulary, tmp_path: Path) -> None:
    assert loader.VOCAB_VERSION == shipped.version == vocab_version()
    copy = _copy_shipped(tmp_path)
    assert vocab_version(copy) == shipped.version
    (copy / "targets.yaml").write_text((copy / "targets.yaml").read_text() + "\n# edited\n")
    assert vocab_version(copy) != shipped.version


@pytest.mark.parametrize("actor_id", CODEBOOK_ACTORS)
def test_vocab_loader_has_codebook_actor(shipped: Vocabulary, actor_id: str) -> None:
    assert shipped.actor(actor_id).aliases


@pytest.mark.parametrize("weapon_id", CODEBOOK_WEAPONS)
def test_vocab_loader_has_codebook_weapon(shipped: Vocabulary, weapon_id: str) -> None:
    assert shipped.weapon(weapon_id).aliases


@pytest.mark.parametrize("target_id", CODEBOOK_TARGETS)
def test_vocab_loader_has_codebook_target(shipped: Vocabulary, target_id: str) -> None:
    assert shipped.target(target_id).aliases


def test_vocab_loader_taxonomy_is_acleds(shipped: Vocabulary) -> None:
    assert {k: set(v) for k, v in shipped.taxonomy.items()} == ACLED_TYPES


def test_vocab_loader_every_sub_event_type_has_a_cue(shipped: Vocabulary) -> None:
    cued = {cue.sub_event_type for cue in shipped.event_cues}
    assert cued >= {sub for subs in ACLED_TYPES.values() for sub in subs}


@pytest.mark.parametrize(("text", "low", "high"), CODEBOOK_VAGUE)
def test_vocab_loader_vague_quantity_matches_codebook(
    shipped: Vocabulary, text: str, low: int | None, high: int | None
) -> None:
    row = next(v for v in shipped.quantities.vague if v.text == text)
    assert (row.low, row.high) == (low, high)


@pytest.mark.parametrize(("text", "keeps"), CODEBOOK_BOUNDS)
def test_vocab_loader_bound_matches_codebook(shipped: Vocabulary, text: str, keeps: str) -> None:
    assert next(b for b in shipped.quantities.bounds if b.text == text).keeps == keeps


@pytest.mark.parametrize(
    ("lang", "word", "value"),
    [("en", "one", 1), ("en", "twelve", 12), ("en", "ninety", 90), ("en", "a dozen", 12),
     ("ar", "واحد", 1), ("ar", "أربعين", 40), ("ar", "مئة", 100)],
)  # fmt: skip
def test_vocab_loader_number_words(shipped: Vocabulary, lang: str, word: str, value: int) -> None:
    assert shipped.quantities.number_words[lang][word] == value  # type: ignore[index]


def test_vocab_loader_family_of_five_and_roles(shipped: Vocabulary) -> None:
    assert "a family of {n}" in {t.text for t in shipped.quantities.exact_groups}
    roles = {role: {t.text for t in terms} for role, terms in shipped.quantities.roles.items()}
    assert {"killed", "died", "martyred", "استشهد"} <= roles["killed"]
    assert {"wounded", "hurt", "cases of asphyxiation", "جرحى"} <= roles["injured"]
    assert {"casualties", "dead and wounded"} <= roles["unassigned"]


def test_vocab_loader_statement_kinds_are_the_codebooks(shipped: Vocabulary) -> None:
    kinds = {k.id for k in shipped.statements}
    assert kinds == {"condemn", "demand", "deny", "claim_responsibility", "call_investigation"}


def test_vocab_loader_source_sides_are_actors(shipped: Vocabulary) -> None:
    coalition = shipped.source("syrian_coalition")
    assert coalition.side == "opposition" and "etilaf.org" in coalition.domains
    assert shipped.source("sana").side == "syria_gov"


def test_vocab_loader_arabic_text_is_nfc(shipped: Vocabulary) -> None:
    arabic = [t.text for a in shipped.actors for t in a.aliases if t.lang == "ar"]
    assert arabic and all(unicodedata.is_normalized("NFC", text) for text in arabic)


# --- a minimal vocabulary written by hand --------------------------------------------------------

MINIMAL = {
    "event_types.yaml": """
event_types:
  - name: Explosions/Remote violence
    sub_event_types: [Air/drone strike, Shelling/artillery/missile attack]
  - name: Battles
    sub_event_types: [Armed clash]
""",
    "actors.yaml": """
actors:
  - id: russia
    name: Russian armed forces
    kind: state_military
    country: RU
    allied_with: [syria_gov]
    aliases: [Russian jets, الطيران الروسي, {text: the occupation, ambiguous: true}]
    patterns: ["\\\\brussian (?:jets|warplanes)\\\\b"]
  - id: syria_gov
    name: Syrian government forces
    kind: state_military
    country: SY
    aliases: [regime helicopters, {text: the occupation, ambiguous: true, weight: 0.3}]
generic:
  - kind: police
    aliases: [police]
""",
    "weapons.yaml": """
weapons:
  - id: airstrike
    name: Air strike
    event_type: Explosions/Remote violence
    sub_event_type: Air/drone strike
    aliases: [airstrike]
  - id: barrel_bomb
    name: Barrel bomb
    event_type: Explosions/Remote violence
    sub_event_type: Air/drone strike
    broader: airstrike
    aliases: [barrel bombs, براميل متفجرة]
""",
    "targets.yaml": """
targets:
  - id: market
    name: Market
    civilian_object: true
    aliases: [market, سوق]
""",
    "event_cues.yaml": """
cues:
  - id: air_strike
    event_type: Explosions/Remote violence
    sub_event_type: Air/drone strike
    priority: 2
    terms: [airstrike, غارة]
  - id: generic
    event_type: null
    sub_event_type: null
    priority: 1
    terms: [massacre]
""",
    "quantities.yaml": """
vague:
  - {text: dozens, low: 12, high: null}
bounds:
  - {text: at least, keeps: low}
ranges:
  - text: "between {n} and {m}"
exact_groups:
  - text: "a family of {n}"
number_words:
  en: {one: 1}
  ar: {واحد: 1}
victim_nouns:
  - {text: civilians, civilian: true}
roles:
  killed: [killed]
  injured: [wounded]
""",
    "statements.yaml": """
kinds:
  - id: condemn
    name: Condemnation
    cues: [condemns]
addressees:
  - id: un_security_council
    name: UN Security Council
    aliases: [Security Council]
""",
    "sources.yaml": """
sources:
  - id: syrian_coalition
    name: Syrian Coalition
    kind: other
    side: russia
    aliases: [Syrian Coalition]
    domains: [etilaf.org]
""",
}


def _write(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text.lstrip(), encoding="utf-8")
    return directory


def _copy_shipped(tmp_path: Path) -> Path:
    copy = tmp_path / "shipped"
    copy.mkdir()
    for name in FILES:
        (copy / name).write_bytes((loader.DATA_DIR / name).read_bytes())
    return copy


def _problems(directory: Path) -> str:
    with pytest.raises(VocabularyError) as caught:
        load_vocabulary(directory)
    return caught.value.message


def test_vocab_loader_minimal_vocabulary_loads(tmp_path: Path) -> None:
    vocab = load_vocabulary(_write(tmp_path / "v", MINIMAL))
    assert vocab.actor("russia").aliases[1].lang == "ar"
    assert vocab.weapon("barrel_bomb").broader == "airstrike"
    assert vocab.is_event_type("Battles", "Armed clash")
    assert not vocab.is_event_type("Battles", "Air/drone strike")
    assert vocab.event_cues[1].event_type is None


def test_vocab_loader_reports_every_bad_entry_at_once(tmp_path: Path) -> None:
    broken = dict(MINIMAL)
    again = "  - {id: russia, name: Again, kind: state_military, aliases: [Russian Air Force]}"
    broken["actors.yaml"] = MINIMAL["actors.yaml"].replace("generic:", f"{again}\ngeneric:")
    broken["weapons.yaml"] = MINIMAL["weapons.yaml"].replace(
        "sub_event_type: Air/drone strike\n    broader", "sub_event_type: Airstrike\n    broader"
    )
    broken["targets.yaml"] = MINIMAL["targets.yaml"].replace("[market, سوق]", "[market, '']")
    broken["event_cues.yaml"] = MINIMAL["event_cues.yaml"].replace(
        "terms: [massacre]", "terms: [massacre]\n    patterns: ['(unclosed']"
    )
    broken["statements.yaml"] = MINIMAL["statements.yaml"].replace(
        "[condemns]", "[condemns, " + unicodedata.normalize("NFD", "أدان") + "]"
    )
    broken["sources.yaml"] = MINIMAL["sources.yaml"].replace("side: russia", "side: nobody")
    broken["quantities.yaml"] = MINIMAL["quantities.yaml"].replace("{n} and {m}", "{n} and more")

    message = _problems(_write(tmp_path / "v", broken))

    expected = [
        ("actors.yaml", "actors[2] (id 'russia')", "duplicate id, first used by actors[0]"),
        (
            "weapons.yaml",
            "weapons[1] (id 'barrel_bomb')",
            "unknown ACLED sub_event_type 'Airstrike'",
        ),
        ("targets.yaml", "targets[0] (id 'market')", "aliases.1.text: is empty"),
        ("event_cues.yaml", "cues[1] (id 'generic')", "regex '(unclosed' does not compile"),
        ("statements.yaml", "kinds[0] (id 'condemn')", "is not NFC-normalized"),
        ("sources.yaml", "sources[0] (id 'syrian_coalition')", "side 'nobody' is not an actor id"),
        ("quantities.yaml", "top level", "needs one {n} and one {m}"),
    ]
    for file, where, problem in expected:
        assert re.search(
            rf"{re.escape(file)}: {re.escape(where)}: [^\n]*{re.escape(problem)}", message
        )
    assert message.startswith(f"{len(expected)} problem(s)")


def test_vocab_loader_rejects_unknown_acled_sub_type(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["event_cues.yaml"] = MINIMAL["event_cues.yaml"].replace(
        "sub_event_type: Air/drone strike", "sub_event_type: Drone strike"
    )
    message = _problems(_write(tmp_path / "v", files))
    assert "cues[0] (id 'air_strike'): unknown ACLED sub_event_type 'Drone strike'" in message


def test_vocab_loader_rejects_sub_type_of_another_type(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["event_cues.yaml"] = MINIMAL["event_cues.yaml"].replace(
        "event_type: Explosions/Remote violence", "event_type: Battles"
    )
    assert "'Air/drone strike' for 'Battles'" in _problems(_write(tmp_path / "v", files))


def test_vocab_loader_rejects_duplicate_id(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["weapons.yaml"] = MINIMAL["weapons.yaml"].replace("id: barrel_bomb", "id: airstrike")
    message = _problems(_write(tmp_path / "v", files))
    assert "weapons[1] (id 'airstrike'): duplicate id, first used by weapons[0]" in message


def test_vocab_loader_rejects_bad_regex(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["actors.yaml"] = MINIMAL["actors.yaml"].replace("(?:jets|warplanes)", "(?:jets|warplanes")
    message = _problems(_write(tmp_path / "v", files))
    assert "actors[0] (id 'russia'): patterns.0: regex" in message and "does not compile" in message


def test_vocab_loader_rejects_regex_matching_nothing_at_all(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["event_cues.yaml"] = MINIMAL["event_cues.yaml"].replace(
        "terms: [massacre]", "terms: [massacre]\n    patterns: ['(?:war)?']"
    )
    assert "matches the empty string" in _problems(_write(tmp_path / "v", files))


def test_vocab_loader_rejects_plain_word_listed_as_pattern(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["event_cues.yaml"] = MINIMAL["event_cues.yaml"].replace(
        "terms: [massacre]", "terms: [massacre]\n    patterns: [مجزرة]"
    )
    assert "has no regex syntax: list it as a term" in _problems(_write(tmp_path / "v", files))


def test_vocab_loader_rejects_term_shared_by_two_entries(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["actors.yaml"] = MINIMAL["actors.yaml"].replace("[regime helicopters,", "[Russian-jets,")
    message = _problems(_write(tmp_path / "v", files))
    assert "term 'Russian-jets' belongs to russia, syria_gov" in message


def test_vocab_loader_allows_term_shared_when_ambiguous_everywhere(tmp_path: Path) -> None:
    vocab = load_vocabulary(_write(tmp_path / "v", MINIMAL))
    shared = [t for a in vocab.actors for t in a.aliases if t.text == "the occupation"]
    assert len(shared) == 2 and all(t.ambiguous for t in shared)
    files = dict(MINIMAL)
    files["actors.yaml"] = MINIMAL["actors.yaml"].replace(
        "{text: the occupation, ambiguous: true, weight: 0.3}", "the occupation"
    )
    assert "term 'the occupation' belongs to russia, syria_gov" in _problems(
        _write(tmp_path / "w", files)
    )


def test_vocab_loader_rejects_unknown_keys_and_kinds(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["actors.yaml"] = MINIMAL["actors.yaml"].replace(
        "kind: state_military\n    country: SY", "kind: army\n    contry: SY"
    )
    message = _problems(_write(tmp_path / "v", files))
    assert "actors[1] (id 'syria_gov'): kind: Input should be" in message
    assert "actors[1] (id 'syria_gov'): contry: Extra inputs are not permitted" in message


def test_vocab_loader_rejects_duplicate_yaml_keys(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["quantities.yaml"] = MINIMAL["quantities.yaml"].replace(
        "en: {one: 1}", "en: {one: 1, one: 2}"
    )
    assert "quantities.yaml: file: is not valid YAML" in _problems(_write(tmp_path / "v", files))


def test_vocab_loader_reports_missing_file_with_the_others(tmp_path: Path) -> None:
    files = {k: v for k, v in MINIMAL.items() if k != "targets.yaml"}
    files["weapons.yaml"] = MINIMAL["weapons.yaml"].replace("broader: airstrike", "broader: napalm")
    message = _problems(_write(tmp_path / "v", files))
    assert "targets.yaml: file: cannot be read" in message
    assert "weapons[1] (id 'barrel_bomb'): broader 'napalm' is not another weapon id" in message


def test_vocab_loader_rejects_unknown_ally(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["actors.yaml"] = MINIMAL["actors.yaml"].replace(
        "allied_with: [syria_gov]", "allied_with: [iran]"
    )
    assert "allied_with 'iran' is not another actor id" in _problems(_write(tmp_path / "v", files))


def test_vocab_loader_error_carries_code_and_hint(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["targets.yaml"] = "targets: []\n"
    with pytest.raises(VocabularyError) as caught:
        load_vocabulary(_write(tmp_path / "v", files))
    assert str(caught.value).startswith("[E300]")
    assert (
        caught.value.hint
        and "targets.yaml: targets: must be a non-empty list" in caught.value.message
    )
