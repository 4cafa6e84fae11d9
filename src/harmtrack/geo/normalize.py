"""Place-name keys: Unicode folding, Arabic normalisation, article stripping, spelling skeletons."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose into a base letter plus marks.
_LATIN_EXTRA = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ŧ": "t",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ə": "a",
        "ɑ": "a",
        "ŋ": "ng",
    }
)

# Arabic letter variants that spell the same name (and the Persian/Urdu forms seen in names).
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ة": "ه",
        "ۀ": "ه",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ک": "ك",
        "ڪ": "ك",
        "ـ": None,  # tatweel only stretches a word
        "ء": None,  # a lone hamza is written or dropped freely
    }
)

# Apostrophes, ʿayn and hamza signs: transliterations write them or not (Ma'arrat / Maarrat).
_DROP_QUOTES = str.maketrans(dict.fromkeys("'’‘‛`´′ʹʻʼʽʾʿˈ\""))
# Everything that separates words in a name, whatever script.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_/\\.,;:()\[\]{}!?·،؛؟«»“”„|+*&]+")
_NOT_WORD = re.compile(r"[^\w ]+")
_SPACES = re.compile(r" {2,}")

# Latin spellings of the Arabic article. The assimilated forms (an-, ar-, as-, ash-…) only count
# as an article before a word starting with the same consonant ("an Nu'man", "ash Shaykh").
_ARTICLES = frozenset({"al", "el", "ul", "il"})
_SUN_ARTICLES = {
    "ad": "d", "adh": "dh", "an": "n", "ar": "r", "as": "s", "ash": "sh", "at": "t", "ath": "th",
    "az": "z", "ed": "d", "en": "n", "er": "r", "es": "s", "esh": "sh", "et": "t", "ez": "z",
    "ad-": "d",
}  # fmt: skip
_ARABIC_ARTICLE = "ال"

# Letters written differently for one sound: French ch/dj, Greek ph, Arabic q/k and dh/th (ذ).
_SKELETON_DIGRAPHS = (
    ("ch", "sh"), ("dj", "j"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("dh", "th")
)  # fmt: skip
# Burmese aspirates are written with or without h: Hpapun / Papun, Hkamti / Kamti.
_ASPIRATE = re.compile(r"\bh(?=[ptk])")
# Dropped from a skeleton, in one pass: a final h after a vowel (the ta marbuta that some
# spellings write: Raqqah / Raqqa), glides inside a word (vowels in most spellings: Shaykh /
# Sheikh, Zawr / Zor), vowels and spaces.
_SKELETON_DROP = re.compile(r"(?<=\w[aeiou])h\b|\B[wy]|[aeiou ]+")
_FINAL_H = re.compile(r"(?<=\w[aeiou])h\b")
_DOUBLED = re.compile(r"(.)\1+")
#: Skeletons shorter than this are not kept at all; callers should ask for more context (a
#: country) before trusting one shorter than MIN_TRUSTED_SKELETON ("zd" for Az Zawayda).
MIN_SKELETON_LENGTH = 2
MIN_TRUSTED_SKELETON = 3


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff"


# Combining marks (Latin accents, Arabic tashkeel and superscript alef), modifier letters
# (ʿ ʾ ʼ ˈ) and format characters (zero-width joiners, bidi marks).
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u02b0-\u02ff\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]+"
)


def _strip_marks(text: str) -> str:
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    # Marks of other scripts that the ranges above do not list.
    if any(unicodedata.combining(ch) for ch in text):
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text


def _fold(name: str) -> str:
    text = _fold_once(name)
    if name.isascii():
        return text  # the ASCII path is idempotent by construction
    # Rare characters fold in steps (a presentation form becomes a hamza-alef, then an alef):
    # repeat until nothing changes, so that fold(fold(x)) == fold(x).
    for _ in range(4):
        again = _fold_once(text)
        if again == text:
            break
        text = again
    return text


def _fold_once(name: str) -> str:
    text = name.casefold().translate(_DROP_QUOTES)
    if not text.isascii():
        text = _strip_marks(text).translate(_LATIN_EXTRA).translate(_ARABIC_LETTERS)
        # NFKC so that Arabic presentation forms and other digits come back to their base letters.
        text = unicodedata.normalize("NFKC", text).casefold().translate(_DROP_QUOTES)
    text = _SEPARATORS.sub(" ", text)
    text = _NOT_WORD.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _strip_articles(words: list[str]) -> list[str]:
    kept: list[str] = []
    last = len(words) - 1
    for i, word in enumerate(words):
        if i < last:
            nxt = words[i + 1]
            if word in _ARTICLES:
                continue
            consonant = _SUN_ARTICLES.get(word)
            if consonant is not None and nxt.startswith(consonant) and len(nxt) > len(consonant):
                continue
        if word.startswith(_ARABIC_ARTICLE) and len(word) > 3:
            word = word[2:]
        elif word.startswith("و" + _ARABIC_ARTICLE) and len(word) > 4:
            word = word[3:]
        kept.append(word)
    return kept or words


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """``fold`` the name and drop the Arabic article in its spellings (al-, el-, Al , ال, as-Sun…).

    "al-Atarib", "Al Atarib", "El Atarib" and "Atarib" all give ``"atarib"``.
    """
    return _normalize_folded(fold(name))


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """A consonant skeleton of the ``normalize``-d name, for matching transliteration variants.

    Vowels and inner w/y are dropped, doubled letters collapse, ch→sh, q→k, dj→j, and a final
    vowel+h is cut: "Khan Sheikhoun" and "Khan Shaykhun" both give ``"khnshkhn"``. Only a fallback:
    unrelated names share skeletons, so callers must rank exact and normalized matches first.
    """
    return _skeleton_normalized(normalize(name))


def _normalize_folded(folded: str) -> str:
    text = folded
    # Stripping an article can expose another ("as as sa"): repeat until nothing changes.
    while text:
        stripped = " ".join(_strip_articles(text.split(" ")))
        if stripped == text:
            break
        text = stripped
    return text


def _consonant_spelling(text: str) -> str:
    for digraph, replacement in _SKELETON_DIGRAPHS:
        text = text.replace(digraph, replacement)
    return _ASPIRATE.sub("", text)


def _skeleton_normalized(text: str) -> str:
    text = _SKELETON_DROP.sub("", _consonant_spelling(text))
    return _DOUBLED.sub(r"\1", text)


_GLIDE_VOWELS = re.compile(r"\B[wy]")
_VOWEL_RUNS = re.compile(r"[aeiou]+")


def vowel_shape(name: str) -> str:
    """The skeleton with a mark where vowels were: tells "Ein Issa"/"Ayn Isa" (same shape,
    ``"anasa"``) from "Zaytoun"/"Zaytuniyah" (same skeleton, different shapes)."""
    text = _FINAL_H.sub("", _consonant_spelling(normalize(name)))
    text = _VOWEL_RUNS.sub("a", _GLIDE_VOWELS.sub("a", text)).replace(" ", "")
    return _DOUBLED.sub(r"\1", text)


def name_keys(name: str) -> tuple[str, str, str]:
    """The three lookup keys of a name, strictest first: ``(fold, normalize, skeleton)``.

    The skeleton is ``""`` when it is too short to tell names apart.
    """
    folded = _fold(name)
    normalized = _normalize_folded(folded)
    key = _skeleton_normalized(normalized)
    return folded, normalized, key if len(key) >= MIN_SKELETON_LENGTH else ""


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Case-fold, strip diacritics and Arabic vowel marks, unify letters, quotes and separators.

    The result keeps every word (articles included): two names with the same ``fold`` are
    spelled the same, give or take accents, case and punctuation.
    """
    return _fold(name)


_ASCII_EXTRA = str.maketrans(
    {"İ": "I", "Ł": "L", "Ø": "O", "Đ": "D", "Ð": "D", "Ħ": "H", "Æ": "Ae", "Œ": "Oe", "Þ": "Th",
     "Ə": "A", "ʻ": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'", "’": "'", "‘": "'"}
)  # fmt: skip


def ascii_name(name: str) -> str:
    """The name in ASCII letters, case kept ("Al Atārib" → "Al Atarib"); "" for other scripts."""
    text = unicodedata.normalize("NFKD", name.translate(_ASCII_EXTRA).translate(_LATIN_EXTRA))
    return _SPACES.sub(" ", text.encode("ascii", "ignore").decode("ascii")).strip()


def script_of(name: str) -> str:
    """``"latin"``, ``"arabic"`` or ``"other"``: the script of the first letter of the name."""
    for ch in name:
        if ch.isalpha():
            if ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff":
                return "latin"
            return "arabic" if _is_arabic(ch) else "other"
    return "other"


def has_arabic(text: str) -> bool:
    """Whether the text contains an Arabic letter."""
    return any(_is_arabic(ch) for ch in text)
