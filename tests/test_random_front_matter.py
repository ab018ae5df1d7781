"""Property: no front matter, however strange, makes the reader crash; it explains instead."""

import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import yaml

from site_builder.content import read_articles
from site_builder.content.fields import FIELDS
from site_builder.content.reader import read_article
from site_builder.sections import DEFAULT_SECTIONS

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
@given(st.binary(max_size=200))
def test_any_bytes_give_an_article_or_messages(tmp_path, data):
    path = tmp_path / "articles" / "2024" / "bai.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    articles, errors = read_articles(tmp_path, KEYS)
    assert len(articles) + len({error.path for error in errors}) == 1


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
