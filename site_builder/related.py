"""What to read next under an article: its neighbours in the section and related articles.

Related articles share subjects (worth most: the column is about them) and tags. Only the
articles nearest in time in each shared list are scored, so the cost per article stays flat
however large the column grows.
"""

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from site_builder.content.model import Article
from site_builder.indexes import Indexes
from site_builder.vietnamese import slugify_vi

SUBJECT_WEIGHT = 3
TAG_WEIGHT = 1
_NEAREST = 40  # candidates taken on each side of the article in each shared list


@dataclass(frozen=True, slots=True)
class ArticleLinks:
    """`newer`/`older`: previous and next in the first section; `others`: "Tin khác"."""

    newer: Article | None
    older: Article | None
    others: tuple[Article, ...]
    related: tuple[Article, ...]


def _position(articles: tuple[Article, ...], article: Article) -> int:
    return bisect_left(articles, article.newest_first_key, key=lambda item: item.newest_first_key)


def _nearest(articles: tuple[Article, ...], article: Article) -> tuple[Article, ...]:
    index = _position(articles, article)
    return articles[max(0, index - _NEAREST) : index + _NEAREST + 1]


def _related(article: Article, indexes: Indexes, limit: int) -> tuple[Article, ...]:
    scores: Counter[str] = Counter()
    by_path: dict[str, Article] = {}
    shared = [(indexes.subjects, subject.name, SUBJECT_WEIGHT) for subject in article.subjects]
    shared += [(indexes.tags, tag, TAG_WEIGHT) for tag in article.tags]
    for groups, name, weight in shared:
        for other in _nearest(groups[slugify_vi(name)].articles, article):
            scores[other.source_path] += weight
            by_path[other.source_path] = other
    scores.pop(article.source_path, None)
    ranked = sorted((-score, abs(by_path[path].timestamp - article.timestamp), path) for path, score in scores.items())
    return tuple(by_path[path] for _, _, path in ranked[:limit])


def link_article(article: Article, indexes: Indexes, limit: int = 5) -> ArticleLinks:
    section = indexes.by_section[article.categories[0]]
    index = _position(section, article)
    older = section[index + 1 : index + 1 + limit]
    # Fewer than `limit` older articles: fill with the closest newer ones.
    newer = section[max(0, index - (limit - len(older))) : index]
    return ArticleLinks(
        newer=section[index - 1] if index > 0 else None,
        older=section[index + 1] if index + 1 < len(section) else None,
        others=older + newer[::-1],
        related=_related(article, indexes, limit),
    )
