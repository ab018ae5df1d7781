"""Search on a static site, shaped for Vietnamese and built with Pagefind.

Pagefind keeps every diacritic form of a word (cán, càn, cạn…) under its unmarked key and does
not count those forms when it splits the index into chunks, so Vietnamese text (nearly every
syllable marked) gives chunks many times too large; it also does not fold đ. So Pagefind is fed
synthetic pages of *terms*, never shown to readers:

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

Pagefind makes its metadata searchable too, and keeps each page's whole content in a fragment
file, so its fragments are not published: what a result shows (title, lead, date, sections and
the article's sentences, in their original spelling) is a small JSON card per article under
`tim-kiem/bai/`, named by Pagefind's id of the article's page and fetched for the results on
screen only.
"""

import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

from site_builder.build_cache import BuildCache, fingerprint
from site_builder.column import Column
from site_builder.content.model import Article
from site_builder.search_text import body_sentences
from site_builder.sections import Section
from site_builder.urls import article_path
from site_builder.vietnamese import VIETNAM_TZ, format_date
from site_builder.vietnamese.folding import fold, telex

_fold_text = fold.__wrapped__  # not cached: a clause is seldom seen twice

SEARCH_PATH = "tim-kiem/"
INDEX_DIR = "pagefind"
CARDS_DIR = SEARCH_PATH + "bai/"
_FRAGMENTS = "fragment"  # Pagefind's copies of each page's content: not published (see above)
_FRAGMENT_SIGNATURE = b"pagefind_dcd"
_DOCUMENTS = "search"  # the build cache's folder of search documents, by article fingerprint
_WORD = re.compile(r"[^\W_]+")
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\"“”\n]+")
# What follows the folded syllable in each kind of term (and ends each telex spelling, and each
# pair): no term begins with another whole term (`thuzthuz`, `thuzthusz`, `thuzjbaozz`), and
# the exact and pair terms of a syllable sort right before its folded term (`d` < `j` < `z`).
_EXACT, _PAIR, _FOLDED = "z", "zj", "zz"
TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 10, 4, 1
# Pagefind closes an index chunk once it lists this many (term, page) entries (default 20,000):
# a common syllable's own list is most of its chunk, so smaller chunks cut what a query of
# common words downloads (10–30 KB a query at 10,000 articles) for a slightly larger
# metadata file (16 bytes per chunk). Measured at 10,000 articles: see README.
_CHUNK_ENTRIES = 5000
# How long Pagefind may take: 2 minutes plus 10 ms per article, several times what it needs
# here; past that the build fails instead of hanging.
_PAGEFIND_SECONDS = 120


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
    syllables: dict[str, None] = {}
    others: list[str] = []
    # The body is folded at once, not word by word: it is most of the text a build indexes.
    for clause in _CLAUSE_BREAK.split(text.lower() if heading else _fold_text(text)):
        words = _WORD.findall(clause)
        folded = list(map(fold, words)) if heading else words
        syllables.update(dict.fromkeys(folded))
        if heading:
            others += (a + _EXACT + telex(b) + _EXACT for a, b in zip(folded, words))
            others += (a + _PAIR + b + _FOLDED for a, b in zip(folded, folded[1:]))
    return list(dict.fromkeys([*(word + _FOLDED for word in syllables), *others]))


def search_document(article: Article, sentences: list[str]) -> str:
    """The page Pagefind indexes for one article (`sentences`: its body_sentences): its terms
    by field, its filters and its date. The body's terms come in the order their words first
    appear: search.js reads their positions to tell words side by side from words apart."""
    fields = ((TITLE_WEIGHT, search_terms(article.title)), (LEAD_WEIGHT, search_terms(article.summary)),
              (BODY_WEIGHT, search_terms("\n".join(sentences), heading=False)))
    seen: set[str] = set()
    paragraphs = []
    for weight, terms in fields:
        new = [term for term in terms if term not in seen]
        seen.update(new)
        paragraphs.append(f'<p data-pagefind-weight="{weight}">{" ".join(new)}</p>')
    filters = "".join(f'<span data-pagefind-filter="section">{section_filter(key)}</span>'
                      for key in article.categories)
    local = article.date.astimezone(VIETNAM_TZ)
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title></title></head><body>'
        f'{filters}<span data-pagefind-filter="year">{year_filter(local.year)}</span>'
        f'<span data-pagefind-sort="date">{local.isoformat()}</span>'
        f'<div data-pagefind-body>{"".join(paragraphs)}</div></body></html>'
    )


def search_card(article: Article, column: Column, sentences: list[str]) -> bytes:
    """What a result shows, in the editor's spelling (JSON, read with textContent only): the
    search page picks the sentence of `text` (the article's body_sentences) that holds the
    reader's words."""
    sections = " · ".join(column.sections_by_key[key].name for key in article.categories)
    card = {"url": article_path(article), "title": article.title, "summary": article.summary,
            "date": format_date(article.date), "sections": sections, "text": sentences}
    return json.dumps(card, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _indexed_fields(article: Article, column: Column) -> tuple:
    """Everything of an article that its search document and card are made from."""
    caption = article.image.caption if article.image else ""
    return (article_path(article), article.title, article.summary, article.body, caption, article.tags,
            article.subjects, article.locality, article.authors, article.source, article.categories,
            [column.sections_by_key[key].name for key in article.categories], article.date)


def _page_ids(index: Path) -> dict[str, str]:
    """Pagefind's id of each page (what a search result names), by the page's file name (the
    fingerprint of its article)."""
    ids = {}
    for fragment in (index / _FRAGMENTS).iterdir():
        data = gzip.decompress(fragment.read_bytes()).removeprefix(_FRAGMENT_SIGNATURE)
        ids[json.loads(data)["url"].strip("/").removesuffix(".html")] = fragment.name.removesuffix(".pf_fragment")
    return ids


def _write_atomically(target: Path, text: str) -> None:
    temporary = target.with_name(f"{target.name}.{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)


def pagefind_command(pages: Path, output: Path) -> list[str]:
    """Pagefind's command line over a folder of search documents (also timed by bench-search)."""
    return [str(get_executable()), "--site", str(pages), "--output-path", str(output),
            "--force-language", "vi", "--silent"]


def pagefind_environment() -> dict[str, str]:
    return dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(_CHUNK_ENTRIES))


class SearchIndexJob:
    """Pagefind indexing in a child process, running while the engine renders the pages.

    Made before the build folder is cleared (it carries unchanged outputs over), started once
    the pages render; `finish` waits for it and moves the index and the result cards into the
    site, `cancel` stops it when the build fails.

    Each article has one fingerprint (the code and everything its document and card are made
    from). Its search document is kept in the build cache under that fingerprint, so only an
    edited article's document is made again; its card is one output of the build record, carried
    over while the fingerprint holds. Pagefind's index is one output, over every article: it is
    carried over when no article's fingerprint changed, else Pagefind runs over all documents
    (it cannot add to an index). Pagefind names a page by a hash of its document, so an
    unchanged article keeps its id and its card's file name.
    """

    def __init__(self, column: Column, site_dir: Path, cache: BuildCache):
        self._column, self._cache, self._site_dir = column, cache, site_dir
        self._process = self._work = None
        self._articles = {fingerprint(cache.version, _indexed_fields(article, column)): article
                          for article in column.articles}
        self._fingerprint = fingerprint(cache.version, list(self._articles))
        self._cards = {path: made_from for path, made_from in cache.published_fingerprints(CARDS_DIR).items()
                       if made_from in self._articles and cache.carry_over([path], made_from, site_dir)}
        self._carried = len(self._cards) == len(self._articles) and cache.carry_over(
            cache.published_paths(INDEX_DIR + "/"), self._fingerprint, site_dir)

    def start(self) -> None:
        """Unless the index was carried over, link every article's document into a folder
        beside the site (where the next build finds and removes it if this one is killed),
        making those not in the cache, and start Pagefind on them."""
        column, site_dir = self._column, self._site_dir
        if self._carried or not column.articles:
            return  # Pagefind needs a page: a column without articles has no index
        self._work = tempfile.TemporaryDirectory(prefix=f"{site_dir.name}.search-", dir=site_dir.parent)
        pages = Path(self._work.name) / "pages"
        pages.mkdir()
        documents = self._cache.store(_DOCUMENTS)
        documents.mkdir(parents=True, exist_ok=True)
        self._sentences = {}  # of the articles whose documents were made: their cards will be too
        for made_from, article in self._articles.items():
            document = documents / f"{made_from}.html"
            try:
                if self._cache.clean:
                    raise FileNotFoundError(document)
                os.link(document, pages / document.name)
            except FileNotFoundError:
                sentences = self._sentences[made_from] = body_sentences(article)
                _write_atomically(document, search_document(article, sentences))
                os.link(document, pages / document.name)
        self._output = Path(self._work.name) / INDEX_DIR
        self._log = Path(self._work.name) / "pagefind.log"
        with self._log.open("wb") as log:
            self._process = subprocess.Popen(pagefind_command(pages, self._output), stdin=subprocess.DEVNULL,
                                             stdout=subprocess.DEVNULL, stderr=log, env=pagefind_environment())

    def finish(self, site_dir: Path) -> None:
        if self._process is None:
            self.cancel()
            return
        try:
            try:
                code = self._process.wait(timeout=_PAGEFIND_SECONDS + len(self._column.articles) / 100)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
                raise RuntimeError("Pagefind did not finish in time; the build stops rather than hang")
            if code != 0:
                raise RuntimeError(f"Pagefind failed: {self._log.read_text(errors='replace').strip()}")
            ids = _page_ids(self._output)
            shutil.rmtree(self._output / _FRAGMENTS)
            shutil.move(self._output, site_dir / INDEX_DIR)
            self._cache.record((path.relative_to(site_dir).as_posix()
                                for path in (site_dir / INDEX_DIR).rglob("*")), self._fingerprint)
            self._publish_cards(site_dir, {f"{CARDS_DIR}{ids[made_from]}.json": made_from
                                           for made_from in self._articles})
            self._forget_documents_not_used()
        finally:
            self.cancel()

    def _publish_cards(self, site_dir: Path, cards: dict[str, str]) -> None:
        """Write the cards not carried over, and take back those carried over under a name
        Pagefind no longer gives (a rare collision of its short ids can shift them)."""
        for path, made_from in self._cards.items():
            if cards.get(path) != made_from:
                self._cache.drop(path, site_dir)
        (site_dir / CARDS_DIR).mkdir(parents=True, exist_ok=True)
        for path, made_from in cards.items():
            if self._cards.get(path) != made_from:
                article = self._articles[made_from]
                sentences = self._sentences.get(made_from) or body_sentences(article)
                (site_dir / path).write_bytes(search_card(article, self._column, sentences))
                self._cache.record([path], made_from)

    def _forget_documents_not_used(self) -> None:
        """Remove the cached documents of articles as they no longer are."""
        for document in self._cache.store(_DOCUMENTS).glob("*.html"):
            if document.stem not in self._articles:
                document.unlink(missing_ok=True)

    def cancel(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        if self._work is not None:
            self._work.cleanup()
