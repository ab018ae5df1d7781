"""What to read next under an article: its neighbours in the section and related articles.

Related articles share subjects (worth most: the column is about them) and tags. Only the
articles nearest in time in each shared list are scored, so the cost per article stays flat
however large the column grows.
"""

from bisect import bisect_left
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
    """The `limit` best scored, nearest in time first, then by path."""
    found: dict[str, list] = {}  # path -> [score, article]
    shared = [(indexes.subjects, subject.name, SUBJECT_WEIGHT) for subject in article.subjects]
    shared += [(indexes.tags, tag, TAG_WEIGHT) for tag in article.tags]
    for groups, name, weight in shared:
        for other in _nearest(groups[slugify_vi(name)].articles, article):
            entry = found.get(other.source_path)
            if entry is None:
                found[other.source_path] = [weight, other]
            else:
                entry[0] += weight
    found.pop(article.source_path, None)
    # Only candidates scored as well as the `limit`-th best can be listed: rank those alone.
    scores = sorted((score for score, _ in found.values()), reverse=True)
    lowest = scores[min(limit, len(scores)) - 1] if scores else 0
    ranked = sorted((-score, abs(other.timestamp - article.timestamp), path)
                    for path, (score, other) in found.items() if score >= lowest)
    return tuple(found[path][1] for _, _, path in ranked[:limit])


def link_article(article: Article, indexes: Indexes, limit: int = 5) -> ArticleLinks:
    """Neighbours, "Tin khác" and "Bài liên quan"; "Tin khác" leaves out the related articles so
    that no article is offered twice under the same page."""
    section = indexes.by_section[article.categories[0]]
    index = _position(section, article)
    related = _related(article, indexes, limit)
    taken = {other.source_path for other in related}
    reach = limit + len(related)
    older = [other for other in section[index + 1 : index + 1 + reach] if other.source_path not in taken][:limit]
    # Fewer than `limit` older articles: fill with the closest newer ones.
    newer = [other for other in section[max(0, index - reach) : index][::-1]
             if other.source_path not in taken][: limit - len(older)]
    return ArticleLinks(
        newer=section[index - 1] if index > 0 else None,
        older=section[index + 1] if index + 1 < len(section) else None,
        others=tuple(older + newer),
        related=related,
    )
