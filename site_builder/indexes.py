"""Indexes over the published articles, built in one pass (sections now; tags and others later)."""

from collections import defaultdict

from site_builder.content.model import Article
from site_builder.sections import Section


def articles_by_section(
    articles: tuple[Article, ...], sections: tuple[Section, ...]
) -> dict[str, tuple[Article, ...]]:
    """Every section key, even an empty one, to its articles in the order given (newest first)."""
    index: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        for key in article.categories:
            index[key].append(article)
    return {section.key: tuple(index[section.key]) for section in sections}
