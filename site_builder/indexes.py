"""Indexes over the published articles, built in one pass: sections, names and archives.

Names (tags, authors, subjects, localities) are grouped by their slug, so that `Chỉ thị 05`
and `chỉ thị 05` are one page; groups are kept in Vietnamese alphabetical order.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from site_builder.content.model import Article, SubjectKind
from site_builder.sections import Section
from site_builder.vietnamese import VIETNAM_TZ, slugify_vi
from site_builder.vietnamese.collation import vietnamese_sort_key


@dataclass(frozen=True, slots=True)
class NamedGroup:
    """The articles sharing one name, newest first. `kind` is set for exemplary subjects."""

    slug: str
    name: str
    articles: tuple[Article, ...]
    kind: SubjectKind | None = None


@dataclass(frozen=True, slots=True)
class Indexes:
    """Every way a reader can browse the column; each mapping is in display order."""

    by_section: dict[str, tuple[Article, ...]]
    tags: dict[str, NamedGroup]
    authors: dict[str, NamedGroup]
    subjects: dict[str, NamedGroup]
    localities: dict[str, NamedGroup]
    years: dict[int, tuple[Article, ...]]
    months: dict[tuple[int, int], tuple[Article, ...]]


class _NameIndex:
    """Collects articles per slug; the page shows the spelling used most (capitalised on a tie)."""

    def __init__(self):
        self.spellings: dict[str, Counter[str]] = defaultdict(Counter)
        self.kinds: dict[str, SubjectKind] = {}
        self.articles: dict[str, list[Article]] = defaultdict(list)

    def add(self, name: str, article: Article, kind: SubjectKind | None = None) -> None:
        slug = slugify_vi(name)
        articles = self.articles[slug]
        if articles and articles[-1] is article:
            return  # two spellings of one name in the same article
        self.spellings[slug][name] += 1
        if kind is not None:
            self.kinds.setdefault(slug, kind)
        articles.append(article)

    def groups(self) -> dict[str, NamedGroup]:
        names = {
            slug: max(counts, key=lambda name: (counts[name], name[:1].isupper()))
            for slug, counts in self.spellings.items()
        }
        ordered = sorted(names.items(), key=lambda item: vietnamese_sort_key(item[1]))
        return {
            slug: NamedGroup(slug, name, tuple(self.articles[slug]), self.kinds.get(slug))
            for slug, name in ordered
        }


def build_indexes(articles: tuple[Article, ...], sections: tuple[Section, ...]) -> Indexes:
    """One pass over `articles` (newest first); every list inherits that order."""
    by_section: dict[str, list[Article]] = defaultdict(list)
    tags, authors, subjects, localities = _NameIndex(), _NameIndex(), _NameIndex(), _NameIndex()
    months: dict[tuple[int, int], list[Article]] = defaultdict(list)
    for article in articles:
        for key in article.categories:
            by_section[key].append(article)
        for tag in article.tags:
            tags.add(tag, article)
        for author in article.authors:
            authors.add(author, article)
        for subject in article.subjects:
            subjects.add(subject.name, article, subject.kind)
        if article.locality:
            localities.add(article.locality, article)
        local = article.date.astimezone(VIETNAM_TZ)
        months[(local.year, local.month)].append(article)
    years: dict[int, list[Article]] = defaultdict(list)
    for (year, _), month_articles in months.items():
        years[year].extend(month_articles)
    return Indexes(
        by_section={section.key: tuple(by_section[section.key]) for section in sections},
        tags=tags.groups(),
        authors=authors.groups(),
        subjects=subjects.groups(),
        localities=localities.groups(),
        years={year: tuple(items) for year, items in years.items()},
        months={month: tuple(items) for month, items in months.items()},
    )
