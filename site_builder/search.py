"""Search on a static site, shaped for Vietnamese and built with Pagefind.

Pagefind keeps every diacritic form of a word (cán, càn, cạn…) under its unmarked key and does
not count those forms when it splits the index into chunks, so Vietnamese text (nearly every
syllable marked) gives chunks many times too large; it also does not fold đ. So Pagefind is fed
synthetic pages of *terms*, never shown to readers:

- `dien`: the folded syllable (what a reader types without marks),
- `jthidua`: a folded pair of neighbouring syllables (Vietnamese words are mostly two syllables;
  a pair is far rarer than either syllable, so its chunk is small and the match precise),
- `wddieenr`, `zthiddua`: the exact (telex-spelled) syllable and pair, so that a query typed
  with marks can rank exact matches first.

Prefixes j/w/z never start a Vietnamese syllable, so the four kinds never share a chunk.
Filters are opaque tokens (`ftinhoatdong`, `y2025`) that no query term can meet. Each
term appears once per field: repeated common syllables are what make chunks large. The title
(weight 8), the lead and the first paragraph are indexed.

Pagefind makes its metadata searchable too, so nothing else goes into its pages: what a result
shows (title, lead, date, sections, in their original spelling) is a small JSON card per article
under `tim-kiem/bai/`, fetched for the results on screen only.
"""

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

from site_builder.build_cache import BuildCache, fingerprint
from site_builder.column import Column
from site_builder.content.lead import split_lead
from site_builder.content.model import Article
from site_builder.sections import Section
from site_builder.urls import article_path
from site_builder.vietnamese import VIETNAM_TZ, format_date
from site_builder.vietnamese.folding import fold, telex

SEARCH_PATH = "tim-kiem/"
INDEX_DIR = "pagefind"
CARDS_DIR = "bai"
_WORD = re.compile(r"[^\W_]+")
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\"“”\n]+")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
# How long Pagefind may take: 2 minutes plus 10 ms per article, several times what it needs
# here (about 3 ms per article); past that the build fails instead of hanging.
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


def search_terms(text: str) -> list[str]:
    """Every index term of `text`, in order of first appearance, each once."""
    terms: dict[str, None] = {}
    for clause in _CLAUSE_BREAK.split(text):
        words = _WORD.findall(clause.lower())
        folded = [fold(word) for word in words]
        exact = [telex(word) for word in words]
        terms.update(dict.fromkeys(folded))
        terms.update(dict.fromkeys("w" + spelled for spelled in exact))
        terms.update(dict.fromkeys("j" + a + b for a, b in zip(folded, folded[1:])))
        terms.update(dict.fromkeys("z" + a + b for a, b in zip(exact, exact[1:])))
    return list(terms)


def _indexed_text(article: Article) -> str:
    first_paragraph, _ = split_lead(article.body)
    return article.summary + "\n" + _LINK_TARGET.sub("]", first_paragraph)


def search_document(article: Article) -> str:
    """The page Pagefind indexes for one article: its terms, its filters and its date."""
    title_terms = search_terms(article.title)
    seen = set(title_terms)
    other_terms = [term for term in search_terms(_indexed_text(article)) if term not in seen]
    filters = "".join(f'<span data-pagefind-filter="section">{section_filter(key)}</span>'
                      for key in article.categories)
    local = article.date.astimezone(VIETNAM_TZ)
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title></title></head><body>'
        f'{filters}<span data-pagefind-filter="year">{year_filter(local.year)}</span>'
        f'<span data-pagefind-sort="date">{local.isoformat()}</span>'
        f'<div data-pagefind-body><p data-pagefind-weight="8">{" ".join(title_terms)}</p>'
        f'<p data-pagefind-weight="1">{" ".join(other_terms)}</p></div></body></html>'
    )


def card_path(article: Article) -> str:
    """Where the result card of an article is: search.js derives it from the article's URL."""
    return f"{SEARCH_PATH}{CARDS_DIR}/{article_path(article).rstrip('/')}.json"


def search_card(article: Article, column: Column) -> bytes:
    """What a result shows, in the editor's spelling (JSON, read with textContent only)."""
    sections = " · ".join(column.sections_by_key[key].name for key in article.categories)
    card = {"title": article.title, "summary": article.summary,
            "date": format_date(article.date), "sections": sections}
    return json.dumps(card, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class SearchIndexJob:
    """Pagefind indexing in a child process, running while the engine renders the pages.

    The build uses both cores this way; `finish` waits for it and moves the index into the
    site, `cancel` stops it when the build fails.
    """

    def __init__(self, column: Column, site_dir: Path, cache: BuildCache):
        """Works in a folder beside `site_dir`, where the next build finds and removes it if
        this one is killed. Pagefind runs only when the index's fingerprint (the code and the
        page Pagefind reads for each article) differs from the published index's: an edit
        that no search page shows (a tag, the end of a body) keeps the index."""
        self._column, self._cache = column, cache
        self._process = None
        documents = {article_path(article): search_document(article) for article in column.articles}
        self._fingerprint = fingerprint(cache.version, sorted(documents.items()))
        if cache.carry_over(cache.published_paths(INDEX_DIR + "/"), self._fingerprint, site_dir):
            self._work = None
            return
        self._work = tempfile.TemporaryDirectory(prefix=f"{site_dir.name}.search-", dir=site_dir.parent)
        pages = Path(self._work.name) / "pages"
        for path, document in documents.items():
            page = pages / path / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(document, encoding="utf-8")
        self._output = Path(self._work.name) / INDEX_DIR
        self._log = Path(self._work.name) / "pagefind.log"
        with self._log.open("wb") as log:
            self._process = None if not column.articles else subprocess.Popen(  # it needs a page
                [str(get_executable()), "--site", str(pages), "--output-path", str(self._output),
                 "--force-language", "vi", "--silent"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
            )

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
            shutil.move(self._output, site_dir / INDEX_DIR)
            self._cache.record((path.relative_to(site_dir).as_posix()
                                for path in (site_dir / INDEX_DIR).rglob("*")), self._fingerprint)
        finally:
            self.cancel()

    def cancel(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        if self._work is not None:
            self._work.cleanup()
