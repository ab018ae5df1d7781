"""The sample column shipped in content/ builds cleanly and covers the whole product."""

from conftest import NOW, REPO, Column
from site_builder.column import gather_column
from site_builder.settings import ColumnSettings
from site_builder.vietnamese import VIETNAM_TZ


def test_sample_column_builds_with_articles_in_every_section(build):
    site = build(Column(REPO / "content"))
    column = gather_column(REPO / "content", ColumnSettings("x", "https://x/"), NOW)
    assert len(column.articles) >= 12
    assert sum(1 for article in column.articles if article.image) >= 4
    for section in column.sections:
        assert column.indexes.by_section[section.key], f"no sample article in {section.key}"
        assert site.exists(f"/chuyen-muc/{section.key}/")
    for article in column.articles:
        local = article.date.astimezone(VIETNAM_TZ)
        assert site.exists(f"/{local:%Y/%m}/{article.slug}/")
