"""Numbers in reports: digits, English and Arabic number words, vague quantifiers, bounds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from harmtrack.vocab.matching import fold
from harmtrack.vocab.models import Quantities

_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
# Counts are whole numbers of sane size: no decimals ("3.5 km"), no runs of digits longer than
# a count can be (IDs, phone numbers, garbled tables).
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d{1,7}|[٠-٩]{1,7})(?![\d٠-٩])(?!\.\d)"


@dataclass(frozen=True)
class Quantity:
    """A figure with the range the convention table gives it; span covers bounds and number."""

    start: int
    end: int
    low: int | None
    high: int | None
    vague: bool = False


_LOOSE_AND = re.compile(r"[\s-]and[\s-]")


def _key(text: str) -> str:
    """How a vocabulary phrase is looked up: folded, any run of spaces or hyphens as one space."""
    return re.sub(r"[\s-]+", " ", fold(text)).strip()


def _alternation(words: list[str]) -> str:
    ordered = sorted({fold(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in ordered)


class NumberReader:
    """Finds quantities in folded text, following the vocabulary's convention table."""

    def __init__(self, table: Quantities) -> None:
        self.table = table
        self.words: dict[str, int] = {}
        for by_word in table.number_words.values():
            self.words.update({_key(w): n for w, n in by_word.items()})
        self.multipliers = {_key(w): n for m in table.multipliers.values() for w, n in m.items()}
        self.vague = {_key(v.text): (v.low, v.high) for v in table.vague}
        self.before = {_key(b.text): b.keeps for b in table.bounds if b.position == "before"}
        self.after = {_key(b.text): b.keeps for b in table.bounds if b.position == "after"}

    @cached_property
    def _number(self) -> str:
        word = _alternation(list(self.words) + list(self.multipliers))
        # "twenty one", "two hundred and five", "خمسة وعشرون": words joined by space, hyphen, and, و
        return (
            rf"(?:{_DIGITS})(?:[\s-]+(?:{_alternation(list(self.multipliers))}))?"
            rf"|(?:{word})(?:(?:[\s-]+(?:and[\s-]+)?|\s+و\s*)(?:{word}))*"
        )

    @cached_property
    def regex(self) -> re.Pattern[str]:
        number = self._number
        before = _alternation(list(self.before))
        after = _alternation(list(self.after)) + r"|\+"
        ranges: list[str] = []
        for template in self.table.ranges:
            pattern = re.escape(fold(template.text)).replace(r"\ ", r"\s+")
            pattern = pattern.replace(r"\{n\}", f"(?P<n{len(ranges)}>{number})")
            pattern = pattern.replace(r"\{m\}", f"(?P<m{len(ranges)}>{number})")
            # "بين 12 و 19": the conjunction و is written joined or apart.
            pattern = pattern.replace("و(?P<m", "و\\s*(?P<m")
            pattern = pattern.replace(r"\-", r"\s*[-–]\s*")
            ranges.append(pattern)
        groups: list[str] = []
        for template in self.table.exact_groups:
            pattern = re.escape(fold(template.text)).replace(r"\ ", r"\s+")
            groups.append(pattern.replace(r"\{n\}", f"(?P<g{len(groups)}>{number})"))
        vague = _alternation(list(self.vague))
        return re.compile(
            rf"(?<![\w.,:])(?:(?P<range>{'|'.join(ranges)})"
            rf"|(?P<group>{'|'.join(groups)})"
            rf"|(?:(?P<before>{before})\s+)?(?P<num>{number})(?:\s*(?P<after>{after}))?"
            rf"|(?P<vague>{vague}))(?![\w])"
            # Ages are no counts: "an 11-year-old", "(3 years old)", "a six-month-old baby".
            r"(?![\s-]*(?:years?|months?|weeks?|days?)[\s-]*old)"
            # Times of day are no counts either: "19:00", "at 3:30".
            r"(?!:\d)"
        )

    def value(self, text: str) -> int | None:
        """The integer a number expression (digits or words) stands for."""
        whole = self.words.get(_key(text))
        if whole is not None:  # "a dozen", "half a dozen", "اثنا عشر"
            return whole
        digits = text.translate(_AR_DIGITS).replace(",", "")
        head = re.match(r"\d+", digits)
        if head:
            value = int(head.group())
            tail = digits[head.end() :].strip(" -")
            return value * self.multipliers.get(tail, 1) if tail else value
        total, current = 0, 0
        for token in re.split(r"\s+و\s*(?=\S)|[\s-]+(?:and[\s-]+)?", text):
            token = token.strip()
            if not token:
                continue
            if token in self.multipliers and token not in self.words:
                current = max(current, 1) * self.multipliers[token]
                if self.multipliers[token] >= 1000:
                    total, current = total + current, 0
            elif token in self.words:
                number = self.words[token]
                if number in (100, 1000) and current:
                    current *= number
                else:
                    current += number
            else:
                return None
        return total + current or None

    def find(self, folded: str, start: int = 0, end: int | None = None) -> list[Quantity]:
        """Quantities in ``folded[start:end]`` (folded text: see ``vocab.matching.fold``)."""
        found = []
        for match in self.regex.finditer(folded, start, len(folded) if end is None else end):
            number = match.group("num")
            if number and _LOOSE_AND.search(number) and not self._compound(number):
                # "three and six children": two figures, not nine.
                offset, begin = match.start("num"), 0
                for cut in [*_LOOSE_AND.finditer(number), None]:
                    stop = cut.start() if cut else len(number)
                    value = self.value(number[begin:stop])
                    if value is not None:
                        found.append(Quantity(offset + begin, offset + stop, value, value))
                    begin = cut.end() if cut else stop
                continue
            quantity = self._convert(match)
            if quantity is not None:
                found.append(quantity)
        return found

    def _compound(self, text: str) -> bool:
        """Whether every "and" in a number joins hundreds or thousands to what follows."""
        words = re.split(r"[\s-]+", text)
        return all(
            index > 0 and words[index - 1] in self.multipliers
            for index, word in enumerate(words)
            if word == "and"
        )

    def _convert(self, match: re.Match[str]) -> Quantity | None:
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        start, end = match.span()
        if "vague" in groups:
            low, high = self.vague[_key(groups["vague"])]
            return Quantity(start, end, low, high, vague=True)
        if "range" in groups:
            n = next(v for k, v in groups.items() if k.startswith("n") and k[1:].isdigit())
            m = next(v for k, v in groups.items() if k.startswith("m") and k[1:].isdigit())
            low, high = self.value(n), self.value(m)
            if low is None or high is None or high <= low:
                # "twenty-one" is one number, not a range from twenty to one.
                whole = self.value(match.group())
                return Quantity(start, end, whole, whole) if whole else None
            return Quantity(start, end, low, high)
        if "group" in groups:
            g = next(v for k, v in groups.items() if k.startswith("g") and k[1:].isdigit())
            value = self.value(g)
            return Quantity(start, end, value, value) if value else None
        value = self.value(groups["num"])
        if value is None:
            return None
        keeps = "both"
        if "before" in groups:
            keeps = self.before[_key(groups["before"])]
        if "after" in groups:
            keeps = self.after.get(_key(groups["after"]), "low")
        low = value if keeps in ("low", "both") else None
        high = value if keeps in ("high", "both") else None
        return Quantity(start, end, low, high)
