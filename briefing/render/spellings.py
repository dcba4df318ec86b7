"""Search spellings of place names: every recorded name, in any script, and the common
ways of writing it in another script, so that a reader finds a place however they type it.

The site search (Material for MkDocs, lunr) matches words by their beginning: a reader
typing "Ханкенди" finds a page only if that word is on it. A place's page shows its
recorded names (region pages, with their ``lang``); this module adds, as search-only
text (``partials/search_names.html.j2``), the spellings a reader may type instead:

* the name without diacritics (Unicode NFKD, then ``ə ı ø ł đ``, which do not
  decompose, mapped by hand): ``Şuşa`` → ``Susa``;
* a Latin transliteration of a name in another script: Armenian by the BGN/PCGN 1981
  romanization (:data:`ARMENIAN`, without the apostrophes of aspirated consonants, as
  English texts write them: ``Ստեփանակերտ`` → ``Stepanakert``, ``Շուշի`` → ``Shushi``),
  every other script with ``anyascii`` (Cyrillic close to BGN/PCGN 1947:
  ``Степанакерт`` → ``Stepanakert``);
* for an Azerbaijani name, its usual English spelling (:data:`AZERBAIJANI_ENGLISH`, the
  spellings of the Azerbaijani government's English texts, e.g. ``Kəlbəcər`` → ``Kalbajar``,
  ``Ağdam`` → ``Aghdam``, ``Xankəndi`` → ``Khankendi``);
* a Russian (Cyrillic) spelling of a Latin-script name (:func:`cyrillic`, the reverse
  of BGN/PCGN 1947 for English spellings, and the Russian rendering of Azerbaijani
  letters), since Russian texts write Azerbaijani names that way: ``Khankendi`` and
  ``Xankəndi`` → ``Ханкенди``.

These are search keys, not names: the site never shows them as a place's name (names
shown come from the data, each with its source), and they are labelled as spellings
where the search snippet shows them.

Sources: BGN/PCGN, "Romanization of Armenian" (1981) and "Romanization of Russian"
(1947), US Board on Geographic Names / UK Permanent Committee on Geographical Names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from anyascii import anyascii

#: Letters that Unicode does not decompose into a base letter and a mark.
FOLD = {"ə": "e", "Ə": "E", "ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss"}

#: BGN/PCGN 1981 romanization of Armenian, lower case, apostrophes dropped. Two-letter
#: ``ու`` is ``u``; ``ե`` is ``ye`` at the start of a word, ``ո`` is ``vo`` there.
ARMENIAN = {
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "y", "թ": "t",
    "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h", "ձ": "dz", "ղ": "gh",
    "ճ": "ch", "մ": "m", "յ": "y", "ն": "n", "շ": "sh", "ո": "o", "չ": "ch", "պ": "p", "ջ": "j",
    "ռ": "rr", "ս": "s", "վ": "v", "տ": "t", "ր": "r", "ց": "ts", "ւ": "v", "փ": "p", "ք": "k",
    "օ": "o", "ֆ": "f", "և": "ev",
}

#: Azerbaijani letters as the Azerbaijani government's English texts write them.
AZERBAIJANI_ENGLISH = {"ə": "a", "ş": "sh", "ç": "ch", "x": "kh", "ğ": "gh", "c": "j", "q": "g", "ı": "i",
                       "ö": "o", "ü": "u", "j": "zh"}

#: Latin → Russian Cyrillic: the reverse of BGN/PCGN 1947 for English spellings (longest
#: letter groups first) and the Russian rendering of Azerbaijani letters.
_CYRILLIC_GROUPS = (
    ("shch", "щ"), ("kh", "х"), ("zh", "ж"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"), ("ya", "я"), ("yu", "ю"),
    ("ye", "е"), ("yo", "ё"), ("gh", "г"), ("dzh", "дж"),
)
_CYRILLIC_LETTERS = {
    "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "дж",
    "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р", "s": "с", "t": "т",
    "u": "у", "v": "в", "w": "в", "x": "кс", "y": "й", "z": "з",
}
_AZERBAIJANI_CYRILLIC = {"ə": "е", "ş": "ш", "ç": "ч", "x": "х", "ğ": "г", "c": "дж", "q": "г", "ı": "ы",
                         "ö": "ё", "ü": "ю", "j": "ж"}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)


def fold(text: str) -> str:
    """``Şuşa`` → ``Susa``: diacritics removed, letters that do not decompose mapped."""
    text = "".join(FOLD.get(ch, ch) for ch in text)
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def script(text: str) -> str:
    """The script of the first letter: ``LATIN``, ``CYRILLIC``, ``ARMENIAN``, ``GEORGIAN`` ..."""
    for ch in text:
        if ch.isalpha():
            return unicodedata.name(ch, "UNKNOWN").split()[0]
    return "UNKNOWN"


def armenian_latin(text: str) -> str:
    """Armenian → Latin by BGN/PCGN 1981 (apostrophes dropped)."""
    words = []
    for word in text.lower().split():
        out = []
        i = 0
        while i < len(word):
            ch = word[i]
            if ch == "ո" and word[i + 1:i + 2] == "ւ":
                out.append("u")
                i += 2
                continue
            if i == 0 and ch in ("ե", "և"):
                out.append("y" + ARMENIAN[ch])
            elif i == 0 and ch == "ո":
                out.append("vo")
            else:
                out.append(ARMENIAN.get(ch, ch))
            i += 1
        words.append("".join(out))
    return " ".join(words)


def azerbaijani_english(text: str) -> str:
    """``Kəlbəcər`` → ``kalbajar``: an Azerbaijani name as English texts spell it."""
    return fold("".join(AZERBAIJANI_ENGLISH.get(ch, ch) for ch in text.lower()))


def cyrillic(text: str, lang: str = "en") -> str:
    """A Latin-script name in Russian Cyrillic: ``Khankendi`` or ``Xankəndi`` → ``ханкенди``."""
    text = text.lower()
    if lang == "az":
        text = "".join(_AZERBAIJANI_CYRILLIC.get(ch, ch) for ch in text)
    text = fold(text)
    out = []
    i = 0
    while i < len(text):
        for group, letter in _CYRILLIC_GROUPS:
            if text.startswith(group, i):
                out.append(letter)
                i += len(group)
                break
        else:
            out.append(_CYRILLIC_LETTERS.get(text[i], text[i]))
            i += 1
    return "".join(out)


def spellings(name: str, lang: str) -> set[str]:
    """Every spelling of one recorded name a reader may type, lower case."""
    found = {name.lower(), fold(name).lower()}
    kind = script(name)
    if kind == "ARMENIAN":
        found.add(armenian_latin(name))
    elif kind != "LATIN":
        found.add(fold(anyascii(name)).lower().replace("'", ""))
    else:
        if lang == "az":
            found.add(azerbaijani_english(name))
        found.add(cyrillic(name, lang))
    return found


#: The language a spelling in a script other than the page's is written in (its ``lang``).
SCRIPT_LANG = {"CYRILLIC": "ru", "ARMENIAN": "hy", "GEORGIAN": "ka", "ARABIC": "fa", "HEBREW": "he",
               "GREEK": "el"}


def search_words(names: Iterable[tuple[str, str]]) -> tuple[tuple[str, str | None], ...]:
    """The distinct words of every spelling of the given (name, lang) pairs, sorted, each
    with the ``lang`` it is written in (None: plain Latin letters, the page's English):
    what the search-only text of a page lists."""
    words: dict[str, str | None] = {}
    for name, lang in names:
        for spelling in spellings(name, lang):
            for word in _WORD.findall(spelling):
                kind = script(word)
                if kind != "LATIN":
                    tag: str | None = lang if script(name) == kind else SCRIPT_LANG.get(kind, "und")
                else:
                    tag = lang if not word.isascii() and lang != "en" else None
                words.setdefault(word.replace("’", "'"), tag)
    return tuple(sorted((w, t) for w, t in words.items() if len(w) > 1))
