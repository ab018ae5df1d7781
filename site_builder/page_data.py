"""What each page shows, as data: the one source of a page's template context and of its
fingerprint in the build cache.

A template sees the site-wide values (settings, sections: part of every fingerprint) and the
values returned here, nothing else; so a page whose data did not change renders to the same
bytes, and the cache may carry it over.
"""

from site_builder.column import Column
from site_builder.content.model import Article
from site_builder.listings import Directory, Listing, ListingKind, build_front_page
from site_builder.metadata import article_metadata, news_article_json_ld, page_metadata
from site_builder.related import link_article
from site_builder.search import SearchPage
from site_builder import urls

View = Article | Listing | Directory | SearchPage
# The name each kind of view has in its template.
VIEW_NAMES = {Article: "article", Listing: "listing", Directory: "directory", SearchPage: "search_page"}


def view_path(view: View) -> str:
    """The page's site-relative folder (`2024/05/slug/`, `the/abc/`)."""
    return urls.article_path(view) if isinstance(view, Article) else view.path


def page_data(view: View, column: Column) -> dict[str, object]:
    """The template values of one page besides the site-wide ones."""
    data: dict[str, object] = {name: None for name in VIEW_NAMES.values()}
    data.update(front=None, links=None, json_ld=None, state=None)
    data[VIEW_NAMES[type(view)]] = view
    if isinstance(view, Article):
        data.update(links=link_article(view, column.indexes), social=article_metadata(view, column),
                    json_ld=news_article_json_ld(view, column), state=column.state(view))
        return data
    data["social"] = page_metadata(view.page_title or "", view.description, view.path, column)
    if isinstance(view, Listing) and view.kind is ListingKind.HOME and view.page.number == 1:
        data["front"] = build_front_page(column, view.page.items)
    return data
