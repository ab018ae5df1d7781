"""Which files of the content folder the column is made of, and why any other one is refused.

Articles live at `articles/<yyyy>/<name>.md` and nowhere else: a Markdown file anywhere else
(a draft saved in the wrong folder, notes beside the media) would otherwise be published as a
page, so it is an error that names where articles belong. Nothing is read through a link that
leads outside the content folder, and only regular files are read (a folder or a pipe named
`x.md` would otherwise crash or hang the build).
"""

import os
import re
import stat
from pathlib import Path

from site_builder.errors import ContentError, display_path

ARTICLES_DIR = "articles"
_YEAR = re.compile(r"^[0-9]{4}$")
_PLACE_HINT = ("Bài viết phải nằm trong `content/articles/<năm>/<tên-bài>.md`, ví dụ "
               "`content/articles/2025/ten-bai.md`; chuyển tệp vào đó, hoặc cất bản nháp ngoài thư mục content.")


def _is_markdown(name: str) -> bool:
    return name.lower().endswith(".md")


def _unreadable(path: Path, root: Path) -> ContentError | None:
    """Why `path` (found by os.walk, which follows no link to a folder) cannot be read as an
    article file, or None when it can."""
    try:
        if stat.S_ISREG(os.lstat(path).st_mode):  # itself, in a real folder of the column
            return None
    except OSError:
        pass
    shown = display_path(path)
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a broken link, or links that loop
        return ContentError(shown, 1, "Tệp là một liên kết (symlink) hỏng hoặc vòng lặp.",
                            "Xóa liên kết và đặt chính tệp bài viết vào thư mục này.")
    if not target.is_relative_to(root):
        return ContentError(shown, 1, "Tệp là liên kết (symlink) tới nơi nằm ngoài thư mục content.",
                            "Chép chính tệp bài viết vào `content/articles/<năm>/` thay cho liên kết.")
    if not stat.S_ISREG(target.stat().st_mode):
        return ContentError(shown, 1, "Đây không phải là một tệp văn bản thường (thư mục, ống dẫn…).",
                            "Đổi tên hoặc xóa nó; mỗi bài viết là một tệp `.md`.")
    return None


def find_article_files(content_dir: Path) -> tuple[tuple[Path, ...], tuple[ContentError, ...]]:
    """The article files of the column, in path order, and a problem for every Markdown file
    that cannot be one (misplaced, a link out of the folder, not a regular file)."""
    root = content_dir.resolve()
    found: list[Path] = []
    problems: list[ContentError] = []
    for folder, dir_names, file_names in os.walk(content_dir):  # links to folders are not followed
        dir_names[:] = [name for name in dir_names if not name.startswith(".")]
        # Where the folder stands, read once for all its files (a year's folder holds thousands).
        here = Path(folder)
        place = here.relative_to(content_dir).parts
        subfolders = set(dir_names)
        in_a_year = len(place) == 2 and place[0] == ARTICLES_DIR and bool(_YEAR.match(place[1]))
        for name in sorted(dir_names + file_names):
            path = here / name
            if name.startswith(".") and path.is_symlink():  # editors' lock files (`.#bai.md`)
                continue
            # A linked folder in `articles/`, or `articles/` itself.
            if name in subfolders and (place or (name,))[0] == ARTICLES_DIR and path.is_symlink():
                problems.append(ContentError(
                    display_path(path), None, "Thư mục là liên kết (symlink); bài trong đó không được đọc.",
                    "Đặt chính các tệp bài viết vào `content/articles/<năm>/`."))
                continue
            if not _is_markdown(name):
                continue
            if not in_a_year:  # articles are `articles/<yyyy>/<name>.md`, nowhere else
                if name not in subfolders:
                    problems.append(ContentError(
                        display_path(path), 1,
                        "Tệp Markdown nằm ngoài chỗ dành cho bài viết nên không được xuất bản.", _PLACE_HINT))
                continue
            problem = _unreadable(path, root)
            if problem is None:
                found.append(path)
            else:
                problems.append(problem)
    return tuple(sorted(found)), tuple(problems)
