"""Split text into sentences, keeping each sentence's character span (end exclusive)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt st no nos vs etc approx est dept govt
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    u.s u.n u.k e.g i.e al inc co corp ltd jr sr rev fig""".split()
)
_BOUNDARY = re.compile(r"[.!?؟۔]+['\"”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9\u0600-\u06FF])")
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Sentence:
    """A sentence: its span in the document text and its paragraph number."""

    start: int
    end: int
    paragraph: int

    def text(self, document: str) -> str:
        return document[self.start : self.end]


def _ends_with_abbreviation(chunk: str) -> bool:
    word = re.search(r"([\w.]+)\.+$", chunk.rstrip("'\"”’)] \t"))
    if word is None:
        return False
    token = word.group(1).lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text``: every line is split at sentence-final punctuation.

    Lines never join: in reports a line break ends a heading, a date line or a paragraph.
    """
    sentences: list[Sentence] = []
    paragraph = 0
    previous_end = 0
    for line in _LINE.finditer(text):
        if text.count("\n", previous_end, line.start()) > 1:
            paragraph += 1
        previous_end = line.end()
        start = line.start()
        for boundary in _BOUNDARY.finditer(text, line.start(), line.end()):
            chunk = text[start : boundary.start() + 1]
            if _ends_with_abbreviation(chunk):
                continue
            end = boundary.end() - (len(boundary.group()) - len(boundary.group().rstrip()))
            if text[start:end].strip():
                sentences.append(Sentence(start, end, paragraph))
            start = boundary.end()
        stripped_end = line.end()
        if text[start:stripped_end].strip():
            sentences.append(Sentence(start, stripped_end, paragraph))
    return sentences
