"""Properties: no file, however strange or hostile, makes the reader crash (it explains, with a
line), and what the reader accepts can be published (feeds, dates, addresses)."""

import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import yaml
from lxml import etree

from site_builder.column import gather_column
from site_builder.content import read_articles
from site_builder.content.fields import FIELDS
from site_builder.content.reader import read_article
from site_builder.feeds import build_feeds
from site_builder.images import PublishedImages
from site_builder.sections import DEFAULT_SECTIONS
from site_builder.settings import ColumnSettings
from site_builder.urls import article_path
from site_builder.vietnamese import VIETNAM_TZ, format_datetime

KEYS = tuple(section.key for section in DEFAULT_SECTIONS)
scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
           | st.text(max_size=30) | st.dates().map(str) | st.datetimes().map(str) | st.sampled_from(KEYS))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=10)
field_names = st.sampled_from(sorted(FIELDS)) | st.text(min_size=1, max_size=12)
front_matters = st.dictionaries(field_names, values, max_size=10)

_SETTINGS = settings(max_examples=300, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


def _read(tmp_path: Path, text: str):
    path = tmp_path / "articles" / "2024" / "bai.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return read_article(path, tmp_path, KEYS)


@_SETTINGS
@given(front_matters, st.text(max_size=200))
def test_random_yaml_front_matter_gives_an_article_or_messages(tmp_path, fields, body):
    text = "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n" + body
    article, errors = _read(tmp_path, text)
    assert (article is None) == bool(errors)
    for error in errors:
        assert error.message and str(error).startswith(str(tmp_path))


@_SETTINGS
@given(st.text(max_size=300))
def test_any_text_after_the_fence_gives_an_article_or_messages(tmp_path, text):
    article, errors = _read(tmp_path, "---\n" + text)
    assert (article is None) == bool(errors)


@_SETTINGS
@given(st.binary(max_size=200) | st.builds(lambda front, body: b"---\n" + front + b"\n---\n" + body,
                                           st.binary(max_size=200), st.binary(max_size=200)))
def test_any_bytes_give_an_article_or_messages_with_a_line(tmp_path, data):
    path = tmp_path / "articles" / "2024" / "bai.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    articles, errors = read_articles(tmp_path, KEYS)
    assert len(articles) + len({error.path for error in errors}) == 1
    assert all(error.line for error in errors)


# Pieces of YAML an attacker or a careless editor would type, for texts made of them.
_HOSTILE_PIECES = st.sampled_from([
    "&a ", "*a", "&b [1, 2]", "? *a", "? ", ": ", "- ", "[", "]", "{", "}", ", ", "\n", "\n  ", "\n- ",
    "\t", '"', "'", '"\\x07"', '"\\ud800"', '"\\uFFFE"', '"\\0"', '"\\U0010FFFF"', "\x00", "\x1b", "\x85",
    "\ufffe", "\ud7ff", "~: ", "null: ", "true: ", "1: ", "[a]: ", "{a: b}: ", "<<: ", "!!python/name:os.system ",
    "!!timestamp ", "!!binary ", "!!int ", "0x_", "9" * 5000, "1e999", ".nan", "0001-01-01", "9999-12-31T23:59:59-12:00",
    "2024-02-30", "!!!", "---", "🎉", "title: ", "date: ", "categories: ", "tags: ", "subjects: ", "name: ",
    "kind: tap-the", "tin-hoat-dong", "Hà Nội", "a" * 120, "[" * 200, "{a: " * 50,
])
_YAMLISH = st.lists(_HOSTILE_PIECES | st.text(max_size=8), max_size=40).map("".join)
_BODIES = st.lists(st.sampled_from(["\x07", "\x00", "\ufffe", "\x85", "\ud800", "\n\n", "# ", "![a](b)", "<b>"])
                   | st.text(max_size=20), max_size=10).map("".join)


@_SETTINGS
@given(_YAMLISH, _BODIES)
def test_hostile_yaml_and_bodies_give_an_article_or_messages_with_a_line(tmp_path, front, body):
    path = tmp_path / "articles" / "2024" / "bai.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(f"---\ntitle: B\ndate: 2024-05-06\ncategories: [tin-hoat-dong]\n{front}\n---\n{body}"
                     .encode("utf-8", "surrogatepass"))
    article, errors = read_article(path, tmp_path, KEYS)
    assert (article is None) == bool(errors)
    assert all(error.line and error.message for error in errors)


valid_base = st.fixed_dictionaries({
    # YAML itself folds line breaks (and NEL) inside scalars: titles are one line of printable text.
    "title": st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
                     min_size=1, max_size=40).filter(str.strip),
    "date": st.dates().map(str),
    "categories": st.lists(st.sampled_from(KEYS), min_size=1, max_size=2),
})


@_SETTINGS
@given(valid_base, st.dictionaries(st.sampled_from(sorted(FIELDS)), values, max_size=6))
def test_valid_articles_with_random_optional_fields(tmp_path, base, extra):
    fields = {**extra, **base}
    article, errors = _read(tmp_path, "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\nThân.")
    assert (article is None) == bool(errors)
    if article is not None:
        assert article.title == unicodedata.normalize("NFC", base["title"].strip())
        assert article.categories == tuple(dict.fromkeys(base["categories"]))


# Mostly text a page can carry, sometimes from every corner of Unicode (controls, surrogates,
# noncharacters); mostly dates in the column's years, sometimes any date Python holds.
_ANY_TEXT = (st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=30)
             | st.text(st.characters(), max_size=30))
_ZONES = st.none() | st.timezones() | st.builds(
    timezone, st.timedeltas(min_value=-timedelta(hours=23), max_value=timedelta(hours=23)))
_MOMENTS = (st.datetimes(min_value=datetime(1940, 1, 1), max_value=datetime(2110, 12, 31), timezones=_ZONES)
            | st.datetimes(timezones=_ZONES)).map(datetime.isoformat)
accepted_or_not = st.fixed_dictionaries(
    {"title": _ANY_TEXT, "date": _MOMENTS, "categories": st.lists(st.sampled_from(KEYS), min_size=1, max_size=2)},
    optional={"updated": _MOMENTS, "summary": _ANY_TEXT, "source": _ANY_TEXT, "locality": _ANY_TEXT,
              "tags": st.lists(_ANY_TEXT | st.integers(), max_size=3), "authors": st.lists(_ANY_TEXT, max_size=3),
              "subjects": st.lists(st.fixed_dictionaries({"name": _ANY_TEXT, "kind": st.just("tap-the")}),
                                   max_size=2)})


@_SETTINGS
@given(accepted_or_not, _ANY_TEXT)
def test_an_accepted_article_goes_into_the_feeds(tmp_path, fields, body):
    """What `check` accepts, `build` publishes: lxml, time zones and timestamps never fail on it."""
    text = "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n" + body
    path = tmp_path / "articles" / "2024" / "bai.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    article, errors = read_article(path, tmp_path, KEYS)
    assert all(error.line for error in errors)
    event("accepted" if article else "refused")
    if article is not None:
        column = gather_column(tmp_path, ColumnSettings("Gương sáng", "https://example.org/"),
                               now=datetime(2026, 11, 25, tzinfo=timezone.utc), include_unpublished=True)
        rss = etree.fromstring(build_feeds(column, PublishedImages({}))["feed.xml"])
        assert rss.findtext("channel/item/title") == article.title
        assert article_path(article).startswith(f"{article.date.astimezone(VIETNAM_TZ).year}/")
        assert format_datetime(article.updated or article.date)
