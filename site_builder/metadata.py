"""What search engines and social networks read: Open Graph, Twitter cards, NewsArticle JSON-LD."""

import json
from urllib.parse import quote
from dataclasses import dataclass

from site_builder.column import Column
from site_builder.content.model import Article
from site_builder.images import JPEG, fallback_width, variant_path
from site_builder.urls import absolute, article_path


@dataclass(frozen=True, slots=True)
class SocialMetadata:
    """The `og:`/`twitter:`/`article:` values of one page; URLs absolute."""

    title: str
    description: str
    url: str
    type: str = "website"
    image: str | None = None
    published: str | None = None
    modified: str | None = None
    sections: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image else "summary"


def _section_names(article: Article, column: Column) -> tuple[str, ...]:
    return tuple(column.sections_by_key[key].name for key in article.categories)


def article_metadata(article: Article, column: Column) -> SocialMetadata:
    site_url = column.settings.site_url
    return SocialMetadata(
        title=article.title,
        description=article.summary,
        url=absolute(site_url, article_path(article)),
        type="article",
        image=_image_url(article, site_url),
        published=article.date.isoformat(),
        modified=(article.updated or article.date).isoformat(),
        sections=_section_names(article, column),
        tags=article.tags,
    )


def _image_url(article: Article, site_url: str) -> str | None:
    """The lead image as social networks and search engines fetch it: its JPEG variant."""
    if not article.image:
        return None
    picture = article.image.picture
    return absolute(site_url, quote(variant_path(picture, fallback_width(picture), JPEG)))


def page_metadata(title: str, description: str, path: str, column: Column) -> SocialMetadata:
    settings = column.settings
    return SocialMetadata(title=title or settings.site_name,
                          description=description or settings.description,
                          url=absolute(settings.site_url, path))


def _script_safe_json(data: dict) -> str:
    """JSON that cannot end its <script> element, whatever an editor typed."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def news_article_json_ld(article: Article, column: Column) -> str:
    """schema.org NewsArticle, as news search engines read it."""
    settings = column.settings
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": article.date.isoformat(),
        "dateModified": (article.updated or article.date).isoformat(),
        "mainEntityOfPage": absolute(settings.site_url, article_path(article)),
        "inLanguage": "vi",
        "articleSection": list(_section_names(article, column)),
        "author": [{"@type": "Person", "name": name} for name in article.authors]
        or [{"@type": "Organization", "name": settings.site_name}],
        "publisher": {"@type": "Organization", "name": settings.site_name, "url": settings.site_url},
    }
    if article.image:
        data["image"] = [_image_url(article, settings.site_url)]
    if article.tags:
        data["keywords"] = list(article.tags)
    return _script_safe_json(data)
