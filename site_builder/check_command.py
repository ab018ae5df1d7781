"""`site-builder check [FILE…]`: every problem of the column, or of the files named.

The column is always read whole, so that a named article is judged in its context (a slug
another article already uses, a link to an article that is not there). Only the problems of
the named files are reported, which is what a pre-commit hook wants of the staged files;
naming a file the whole column depends on (the configuration, `sections.yml`) reports every
problem. Files outside the content folder (a README) have nothing to check.
"""

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from site_builder.build_cache import FrontMatterCache, code_version
from site_builder.check_report import render
from site_builder.content import read_articles
from site_builder.content.frontmatter import FrontMatterReader
from site_builder.errors import ContentError, ContentErrors, display_path
from site_builder.sections import SECTIONS_FILE, load_sections


def _absolute(path: str | Path) -> str:
    return os.path.abspath(path)  # not resolved: a symlinked article is named by its own path


def _named_problems(errors: Sequence[ContentError], named: Sequence[str], column_wide: set[str]) -> list[ContentError]:
    """The problems of the `named` files, and those of other files that name one of them (the
    article whose slug a named article takes); all of them when a column-wide file is named."""
    wanted = {_absolute(path) for path in named}
    if wanted & column_wide:
        return list(errors)
    shown = tuple(display_path(Path(path)) for path in wanted)
    return [error for error in errors
            if _absolute(error.path) in wanted or any(name in error.message for name in shown)]


def run_check(content_dir: Path, config_file: Path | None, named: Sequence[str], format: str) -> int:
    """Check the column in `content_dir` (`config_file`, when there is one, is its mkdocs.yml,
    beside the build cache); print the problems of the `named` files (all when none) in
    `format`; return the exit status, 1 when there is a problem."""
    started = time.perf_counter()
    if not content_dir.is_dir():
        print(f"Không tìm thấy thư mục nội dung {content_dir}.", file=sys.stderr)
        return 1
    missing = [path for path in named if not Path(path).exists()]
    if missing:
        print(f"Không tìm thấy tệp {', '.join(missing)}.", file=sys.stderr)
        return 1
    try:
        sections = load_sections(content_dir)
    except ContentErrors as failure:
        sys.stdout.write(render(failure.errors, format))
        return 1
    front_matter = FrontMatterCache.of_project(config_file.parent, code_version()) if config_file else None
    articles, problems = read_articles(content_dir, tuple(section.key for section in sections),
                                       front_matter or FrontMatterReader(), processes=2)
    if front_matter:
        front_matter.save()
    count = len(articles) + len({problem.path for problem in problems if not problem.warning})
    if named:
        column_wide = {_absolute(content_dir / SECTIONS_FILE)}
        if config_file:
            column_wide.add(_absolute(config_file))
        problems = _named_problems(problems, named, column_wide)
    sys.stdout.write(render(problems, format))
    seconds = time.perf_counter() - started
    errors = [problem for problem in problems if not problem.warning]
    verdict = f"{len(errors)} lỗi" if errors else "không có lỗi"
    if len(problems) > len(errors):  # warnings are printed, and publish anyway
        verdict += f", {len(problems) - len(errors)} cảnh báo"
    scope = f" ({len(named)} tệp được nêu)" if named else ""
    print(f"Đã kiểm tra {count} bài{scope} trong {seconds:.1f} giây: {verdict}.", file=sys.stderr)
    return 1 if errors else 0
