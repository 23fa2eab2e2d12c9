"""Free text matched by word stems and quoted back as it was typed.

A request «Подготовка к олимпиаде по математике» and the competencies «олимпиадная
математика» share the stems «олимп» and «матем»; the reason for a suggestion quotes both
phrases in the words their authors wrote, not the stems.
"""

import re
from dataclasses import dataclass

STEM_LENGTH = 5  # a crude Russian stem: «олимпиады», «олимпиадам» → «олимп»
MIN_WORD = 4  # shorter words («по», «для», «с») carry no meaning of their own
WORD = re.compile(r"\w+")
PHRASE_BREAK = re.compile(r"[,.;:!?()\[\]\n]+")
MAX_QUOTED_WORDS = 10  # a long sentence is quoted around its matching word


def stem(word: str) -> str | None:
    word = word.casefold().replace("ё", "е")
    return word[:STEM_LENGTH] if len(word) >= MIN_WORD else None


@dataclass(frozen=True)
class Phrase:
    text: str  # as typed
    words: tuple[re.Match, ...]
    stems: tuple[str | None, ...]  # of each word, None for a short one

    @classmethod
    def of(cls, text: str) -> "Phrase":
        words = tuple(WORD.finditer(text))
        return cls(text, words, tuple(stem(word.group()) for word in words))

    def quote(self, stems) -> str:
        """The phrase, or the few words around its first word of ``stems`` when it is long."""
        if len(self.words) <= MAX_QUOTED_WORDS:
            return self.text.strip()
        first = next(i for i, found in enumerate(self.stems) if found in stems)
        start = max(0, min(first - 2, len(self.words) - MAX_QUOTED_WORDS))
        end = start + MAX_QUOTED_WORDS
        quoted = self.text[self.words[start].start() : self.words[end - 1].end()]
        return f"{'…' if start else ''}{quoted}{'…' if end < len(self.words) else ''}"


@dataclass(frozen=True)
class Phrases:
    """A text cut into phrases at punctuation, with the stems of all its words."""

    phrases: tuple[Phrase, ...]
    stems: frozenset[str]

    @classmethod
    def of(cls, *texts: str) -> "Phrases":
        phrases = tuple(
            Phrase.of(part)
            for text in texts
            for part in PHRASE_BREAK.split(text or "")
            if WORD.search(part)
        )
        stems = frozenset(found for phrase in phrases for found in phrase.stems if found)
        return cls(phrases, stems)

    def quoting(self, stems, limit: int = 3) -> list[str]:
        """The phrases that hold a word of ``stems``, quoted as typed, at most ``limit``."""
        quoted = []
        for phrase in self.phrases:
            if stems.intersection(phrase.stems):
                text = f"„{phrase.quote(stems)}“"
                if text not in quoted:
                    quoted.append(text)
        return quoted[:limit]
