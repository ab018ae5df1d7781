"""Search on a static site, shaped for Vietnamese and built with Pagefind.

Pagefind keeps every diacritic form of a word (cán, càn, cạn…) under its unmarked key and does
not count those forms when it splits the index into chunks, so Vietnamese text (nearly every
syllable marked) gives chunks many times too large; it also does not fold đ. So the index
(pagefind_index) holds *terms*, never shown to readers:

- `dienzz`: the folded syllable (what a reader types without marks), for every field,
- `dienzddieenrz`: the exact (telex-spelled) syllable, so that a query typed with marks can
  rank exact matches first, for the title and the lead,
- `dienzjhinhzz`: a folded pair of neighbouring syllables, for the title and the lead (so that
  two words side by side there find an article holding only those two of a query's words).

Pagefind splits its index into chunks of neighbouring words in alphabetical order, closing a
chunk after the term that fills it: a syllable's exact and pair terms sort right *before* its
folded term (`d` < `j` < `z`), and the folded term, whose list of pages is the long one, is what
fills the chunk, so they nearly always share a chunk and a query downloads one chunk per word.
The body has no pairs: at 10,000 articles they tripled the documents, Pagefind's time and its
memory (README, Search); search.js tells words side by side from the positions of the body's
terms (written in the order their words first appear) and from the cards' sentences.

No Vietnamese syllable holds a z, so the kinds never meet, and no term begins with another whole
term. Filters are opaque tokens (`ftinhoatdong`, `y2025`) that no query term can meet. Each term
appears once per article, in its first field: title (weight 10), lead (weight 4), then the rest
of the article (weight 1, see search_text). Exact terms are made for the title and the lead
only: for the body they would double the index and the bytes of every query typed with marks.

The index has no fragments (Pagefind's copy of each page's content): what a result shows
(title, lead, date, sections and the article's sentences, in their original spelling) is a small
JSON card per article under `tim-kiem/bai/`, named by the article's page id in the index and
fetched for the results on screen only.
"""

import json
import re
from dataclasses import dataclass
from itertools import filterfalse

from site_builder.column import Column
from site_builder.content.model import Article
from site_builder.memo import Memo
from site_builder.sections import Section
from site_builder.urls import article_path
from site_builder.vietnamese import VIETNAM_TZ, format_date
from site_builder.vietnamese.folding import PIECE_WORDS, WORD, fold, folded_words, telex

SEARCH_PATH = "tim-kiem/"
INDEX_DIR = "pagefind"
CARDS_DIR = SEARCH_PATH + "bai/"
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\"“”\n]+")
# What follows the folded syllable in each kind of term (and ends each telex spelling, and each
# pair): no term begins with another whole term (`thuzthuz`, `thuzthusz`, `thuzjbaozz`), and
# the exact and pair terms of a syllable sort right before its folded term (`d` < `j` < `z`).
_EXACT, _PAIR, _FOLDED = "z", "zj", "zz"
TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 10, 4, 1


@dataclass(frozen=True, slots=True)
class SearchPage:
    """`/tim-kiem/`: the form's choices of section and year."""

    sections: tuple[Section, ...]
    years: tuple[int, ...]
    page_title: str = "Tìm kiếm"
    path: str = SEARCH_PATH
    description: str = "Tìm bài viết trong chuyên trang"


def build_search_page(column: Column) -> SearchPage:
    return SearchPage(sections=column.sections, years=tuple(column.indexes.years))


def section_filter(key: str) -> str:
    """The section's filter value; search.js computes the same from the key."""
    return "f" + key.replace("-", "")


def year_filter(year: int) -> str:
    return f"y{year}"


def search_terms(text: str, heading: bool = True) -> list[str]:
    """Every index term of `text`, each once: folded syllables, then, for a title or a lead
    (`heading`), exact syllables and folded pairs. Pairs never cross punctuation."""
    if not heading:  # the body, most of the text a build indexes: folded at once, no pairs
        return folded_words(text, _PIECE_TERMS)
    syllables: list[str] = []  # folded, repeats included
    others: list[str] = []
    for clause in _CLAUSE_BREAK.split(text.lower()):
        words = WORD.findall(clause)
        folded = list(map(fold, words))
        syllables += folded
        others += map(_EXACT_TERMS.__getitem__, words)
        others += (a + _PAIR + b + _FOLDED for a, b in zip(folded, folded[1:]))
    return list(dict.fromkeys([*map(_FOLDED_TERMS.__getitem__, dict.fromkeys(syllables)), *others]))


# Each word's term, one string for all the articles that hold it: every term is looked up in
# the index's sets and tables, and a string computes its hash once (about 0.5 s less of
# indexing at 10,000 articles); an exact term is spelled once, not for each title and lead.
_FOLDED_TERMS = Memo(lambda syllable: syllable + _FOLDED)
_EXACT_TERMS = Memo(lambda word: fold(word) + _EXACT + telex(word) + _EXACT)
# A piece of a body's text (folding.folded_words) to the terms of its words: a body's terms are
# gathered from its pieces at once (0.2 s less at 10,000 articles than its words, then their terms).
_PIECE_TERMS = Memo(lambda piece: tuple(map(_FOLDED_TERMS.__getitem__, PIECE_WORDS[piece])))


def search_record(article: Article, sentences: list[str]) -> dict:
    """What the index holds of one article (`sentences`: its body_sentences; pagefind_index
    says what the keys are): its terms by field, its filters and its date. The body's terms
    come in the order their words first appear: search.js reads their positions to tell words
    side by side from words apart."""
    fields = ((TITLE_WEIGHT, search_terms(article.title)), (LEAD_WEIGHT, search_terms(article.summary)),
              (BODY_WEIGHT, search_terms("\n".join(sentences), heading=False)))
    seen: set[str] = set()
    terms_by_field = []
    for weight, terms in fields:
        new = list(filterfalse(seen.__contains__, terms))
        seen.update(new)
        terms_by_field.append([weight, new])
    local = article.date.astimezone(VIETNAM_TZ)
    return {"fields": terms_by_field, "filters": {"section": [section_filter(key) for key in article.categories],
                                                  "year": [year_filter(local.year)]},
            "sort": {"date": local.isoformat()}}


def search_card(article: Article, column: Column, sentences: list[str]) -> bytes:
    """What a result shows, in the editor's spelling (JSON, read with textContent only): the
    search page picks the sentence of `text` (the article's body_sentences) that holds the
    reader's words."""
    sections = " · ".join(column.sections_by_key[key].name for key in article.categories)
    card = {"url": article_path(article), "title": article.title, "summary": article.summary,
            "date": format_date(article.date), "sections": sections, "text": sentences}
    return json.dumps(card, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
