"""What many pages show alike, rendered once and shared: part of the MkDocs adapter.

A page's frame (Material's section menus, the header around the page's title, the footers)
shows the same on every page but for its relative links, and a relative link from a page
depends only on the page's depth and on how many leading folders it shares with the link's
target: pages alike in both share one rendering. An article's card shows on eight list pages
or so: it is rendered once, its links made relative to each page as it is shown. Rendered on
each page, the frame took about 0.4 ms a page and the cards 0.7 ms a list page, most of the
templates' time at 1,000 articles.

- `NavigationPartials`: Material's drawer and tabs, rendered with the page's context.
- `SharedPartials` with `relative_url` (the templates' `url` filter): the column's partials,
  rendered with the site's names only, so that what they show cannot come from the page.
- `SharedMacros`: the cards and headlines that list an article, rendered with the site's names
  and their arguments only.
"""

import posixpath
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import Markup, escape
from mkdocs.utils.templates import url_filter


class NavigationPartials:
    """Material's navigation partials (drawer, tabs), rendered once per place for pages outside
    the nav (articles, most list pages): none of the nav's items is active for them, so only
    their links to the nav's pages tell them apart."""

    def __init__(self):
        self._rendered: dict[tuple, Markup] = {}
        self._nav_prefixes: frozenset | None = None  # of the nav's pages (one nav a build)

    @pass_context
    def __call__(self, context, template_name: str) -> Markup:
        page = context["page"]
        if page is None or page.file.inclusion.is_in_nav():  # the 404 page has none
            return self._render(context, template_name)
        if self._nav_prefixes is None:
            self._nav_prefixes = _prefixes(item.url for item in context["nav"].pages)
        key = _place_key(template_name, page.url, self._nav_prefixes)
        return _made_once(self._rendered, key, self._render, context, template_name)

    @staticmethod
    def _render(context, template_name: str) -> Markup:
        return Markup(context.environment.get_template(template_name).render(context.get_all()))


class _Place:
    """The page as a shared partial sees it: a place to make its links relative to, nothing to
    show. While a partial is first rendered at a depth, the place notes the links it makes."""

    __slots__ = ("_url", "_links")

    def __init__(self, page_url: str, links: list[str] | None = None):
        self._url, self._links = page_url, links

    def link(self, target: str) -> str:
        if self._links is not None:
            self._links.append(target)
        return relative_link(target, self._url)


class _Marks:
    """The page as a shared macro sees it: each link the macro makes is noted and left as a mark
    (NUL, its number, NUL), to be made relative to each page that shows the macro's output."""

    __slots__ = ("targets",)

    def __init__(self):
        self.targets: list[str] = []

    def mark(self, target: str) -> str:
        self.targets.append(target)
        return f"\0{len(self.targets) - 1}\0"


@pass_context
def relative_url(context, value) -> str:
    """The templates' `url` filter: MkDocs' link, relative to the page or, in a shared partial,
    to its place (a mark in a shared macro)."""
    place = context.get("page")
    if type(place) is _Marks:
        return place.mark(str(value))
    if type(place) is _Place:
        return place.link(str(value))
    if place is None:  # the 404 page: from the site's root
        return url_filter(context, value)
    return relative_link(str(value), place.url)


def relative_link(target: str, page_url: str) -> str:
    """The link to `target` from the page at `page_url`, as MkDocs' `normalize_url` makes it,
    with the page's and the target's folders each read once: a page makes about 30 links, and
    MkDocs reading both again for each took a tenth of the templates' time."""
    read = _target(target)
    if type(read) is str:
        return read
    climbs, folders, is_folder = read
    here = _folders(page_url)
    shared = 0
    for mine, theirs in zip(here, folders):
        if mine != theirs:
            break
        shared += 1
    link = "/".join([".."] * (len(here) - shared) + folders[shared:]) or "."
    return "../" * climbs + (link + "/" if is_folder else link)


@lru_cache(maxsize=65536)  # every article is a target: more than 10,000 of them
def _target(target: str) -> str | tuple[int, list[str], bool]:
    """A link's target as MkDocs reads it (`_get_norm_url`): as it is when it is a URL, an
    absolute path or a fragment, else how many folders it climbs above its page first, its
    folders and whether it names a folder."""
    path = target.replace("\\", "/") if target else "."
    parsed = urlsplit(path)
    if parsed.scheme or parsed.netloc or path.startswith(("/", "#")):
        return path
    normalised = posixpath.normpath(path) + "/"
    climbs = 0
    while normalised.startswith("../", climbs * 3):
        climbs += 1
    return climbs, _folders_of_target(path), path.endswith("/")


class SharedPartials:
    """The column's partials that show the same on every page at one place (`shared_partial(name)`
    in a template).

    A shared partial is rendered with the site's names only: `config`, the translations and the
    filters (the environment's), `base_url`, `homepage_url`, and a `page` that is only a place
    for its links (`_Place`). What it shows is thus made from the configuration and the page's
    depth, bar its relative links; their targets are noted at its first rendering at each
    depth, and the page's place is its depth and the leading folders it shares with them.
    """

    def __init__(self):
        self._targets: dict[tuple[str, int], frozenset] = {}  # the links' leading folders
        self._rendered: dict[tuple, Markup] = {}

    @pass_context
    def __call__(self, context, template_name: str) -> Markup:
        page = context["page"]
        if page is None:  # the 404 page: its links start from the site's root (base_url)
            return _made_once(self._rendered, (template_name, None), self._render, context, template_name, None)
        depth = len(_folders(page.url))
        targets = self._targets.get((template_name, depth))
        if targets is None:
            links: list[str] = []
            made = self._render(context, template_name, _Place(page.url, links))
            targets = self._targets[(template_name, depth)] = _prefixes(links)
            self._rendered[_place_key(template_name, page.url, targets)] = made
            return made
        key = _place_key(template_name, page.url, targets)
        return _made_once(self._rendered, key, self._render, context, template_name, _Place(page.url))

    @staticmethod
    def _render(context, template_name: str, place: _Place | None) -> Markup:
        homepage = context["nav"].homepage
        site_names = {"config": context["config"], "base_url": context["base_url"],
                      "homepage_url": homepage.url if homepage else "", "page": place}
        return Markup(context.environment.get_template(template_name).render(site_names))


class SharedMacros:
    """The macros of one template (`shared_macro(name, *arguments)` in a page's template, or
    `shared_macro.each(name, items)` for a list), each call rendered once per build and shared
    by every page that shows it.

    The macros are made with the site's names only (`config`, `sections_by_key`, the
    environment's globals and filters) and, for a page, `_Marks`: what a call shows is made from
    its arguments alone (an article is known by its object, which the column keeps for the
    whole build), bar its links, which are left as marks. On each page the marks are replaced
    by the links as the `url` filter makes them there, escaped as the macros' autoescape would:
    the macros print their links as they are.
    """

    def __init__(self, template_name: str):
        self._template_name = template_name
        self._marks = _Marks()  # the macros' page, its marks reset for each call
        self._macros = None
        self._made: dict[tuple, _Call] = {}
        self._shown: dict[tuple, Markup] = {}  # by call and place (`_place_key`)

    @pass_context
    def __call__(self, context, macro_name: str, *arguments, **options) -> Markup:
        key = (macro_name, *map(_argument_key, arguments))
        if options:
            key += tuple((name, _argument_key(value)) for name, value in sorted(options.items()))
        return self._shown_on(context, context["page"], key, macro_name, arguments, options)

    @pass_context
    def each(self, context, macro_name: str, items) -> list[Markup]:
        """What `shared_macro(macro_name, item)` shows, for each of `items`: a list of cards or
        headlines asked for in one call from the template, not one call per item (a tenth of
        an article page's time went to calling for its ten headlines one by one)."""
        page = context["page"]
        return [self._shown_on(context, page, (macro_name, _argument_key(item)), macro_name, (item,), {})
                for item in items]

    def _shown_on(self, context, page, key: tuple, macro_name: str, arguments: tuple, options: dict) -> Markup:
        made = _made_once(self._made, key, self._render, context, macro_name, arguments, options)
        if page is None:  # the 404 page: its links start from the site's root
            return self._show(context, made)
        # Pages alike for the call's links share what it shows: a headline in the aside of every
        # article of a month is made relative to them once.
        return _made_once(self._shown, _place_key(key, page.url, made.prefixes), self._show, context, made)

    @staticmethod
    def _show(context, made: "_Call") -> Markup:
        shown = list(made.pieces)
        for number, target in enumerate(made.targets):
            shown[2 * number + 1] = escape(relative_url(context, target))
        return Markup("".join(shown))

    def _render(self, context, macro_name: str, arguments: tuple, options: dict) -> "_Call":
        if self._macros is None:
            self._macros = context.environment.get_template(self._template_name).make_module(
                {"config": context["config"], "sections_by_key": context["sections_by_key"], "page": self._marks})
        self._marks.targets = targets = []
        pieces = str(getattr(self._macros, macro_name)(*arguments, **options)).split("\0")
        if pieces[1::2] != [str(number) for number in range(len(targets))]:
            raise ValueError(f"{self._template_name}: {macro_name} showed a NUL character")
        return _Call(pieces, targets, _prefixes(targets), (arguments, options))


class _Call(NamedTuple):
    """A shared macro's call as rendered once."""

    pieces: list[str]  # its output cut at its marks
    targets: list[str]  # the marks' link targets
    prefixes: frozenset[tuple[str, ...]]  # the targets' leading folders (`_prefixes`)
    arguments: tuple  # kept, so that no other object takes an argument's id while the build lasts


def _made_once(made: dict, key, make, *arguments):
    """`made[key]`, made by `make(*arguments)` the first time it is asked for."""
    value = made.get(key)
    if value is None:
        value = made[key] = make(*arguments)
    return value


def _argument_key(value) -> object:
    """A value as the key of a call: a string, a number or None by itself, an object (an article)
    by its id."""
    return value if isinstance(value, (str, int, float, type(None))) else (type(value), id(value))


def _prefixes(targets) -> frozenset[tuple[str, ...]]:
    """The leading folders of each link target (`targets`), each run of them from the first."""
    return frozenset(tuple(folders[:end]) for folders in map(_folders_of_target, targets)
                     for end in range(1, len(folders) + 1))


def _place_key(shown: object, page_url: str, prefixes: frozenset) -> tuple:
    """Where the page at `page_url` stands for the links of what is `shown` (a partial, a
    macro's call), whose `_prefixes` are given: its depth and its longest leading folders that
    some target also starts with. A relative link depends on nothing else of the page: the
    folders it shares with each target are among those."""
    runs = _leading_runs(page_url)
    shared = ()
    for run in runs:
        if run not in prefixes:
            break
        shared = run
    return shown, len(runs), shared


@lru_cache(maxsize=256)  # a page asks for its folders with each of its links
def _folders(page_url: str) -> list[str]:
    """A page's folders, as MkDocs makes links relative to them (`get_relative_url`): less a
    last part with a dot (a file), normalised."""
    folder, _, name = page_url.rpartition("/")
    return _folders_of_target(folder if "." in name else page_url)


@lru_cache(maxsize=256)  # asked for with each shared partial and macro a page shows
def _leading_runs(page_url: str) -> tuple[tuple[str, ...], ...]:
    """A page's leading folders, each run of them from the first: `(a,), (a, b), …`."""
    folders = _folders(page_url)
    return tuple(tuple(folders[:end]) for end in range(1, len(folders) + 1))


def _folders_of_target(path: str) -> list[str]:
    """A link's folders, as MkDocs reads them (`_get_norm_url`, `_norm_parts`)."""
    path = path.replace("\\", "/")
    normalised = posixpath.normpath(path if path.startswith("/") else "/" + path)[1:]
    return normalised.split("/") if normalised else []
