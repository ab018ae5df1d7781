"""Reading the column in two processes gives exactly what one process gives, and the build
cache still learns every front matter (the second process hands back what it learned)."""

from site_builder.build_cache import FrontMatterCache
from site_builder.content import read_articles
from site_builder.sections import DEFAULT_SECTIONS

KEYS = tuple(section.key for section in DEFAULT_SECTIONS)


def test_two_processes_read_what_one_reads_problems_and_duplicate_slugs_included(column, tmp_path):
    for number in range(240):
        column.article(f"bai-{number:03d}", title=f"Bài số {number}", date=f"2024-{number % 12 + 1:02d}-03",
                       tags=[f"Chủ đề {number % 7}"], body=f"Thân bài số {number}.")
    column.article("sai-ngay", title="Sai ngày", date="2024-02-30")  # a problem, in either share
    column.article("trung-1", title="Trùng một", date="2024-01-05", slug="trung")
    column.article("trung-2", title="Trùng hai", date="2024-01-06", slug="trung")
    one = read_articles(column.root, KEYS)
    two = read_articles(column.root, KEYS, processes=2)
    assert len(one[0]) == 241 and len(one[1]) == 2
    assert two == one


def test_the_front_matter_cache_learns_the_files_the_second_process_read(column, tmp_path):
    for number in range(220):
        column.article(f"bai-{number:03d}", title=f"Bài số {number}", date="2024-03-04")
    cache = FrontMatterCache(tmp_path / "front-matter.json", "v1")
    read_articles(column.root, KEYS, cache, processes=2)
    assert len(cache.learned()) == 220
    cache.save()
    again = FrontMatterCache(tmp_path / "front-matter.json", "v1")
    read_articles(column.root, KEYS, again, processes=2)
    assert again.learned() == cache.learned()
