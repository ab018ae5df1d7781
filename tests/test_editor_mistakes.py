"""Every mistake an editor can make in an article file, and the exact line they get for it.

Each case is a real file in a temporary column; the expected text is the whole message line
after `path:`, so a change of wording is a visible decision, not an accident.
"""

import os

import pytest

from site_builder.content import read_articles
from site_builder.sections import DEFAULT_SECTIONS

KEYS = tuple(section.key for section in DEFAULT_SECTIONS)
VALID_KEYS = ", ".join(KEYS)
GOOD = 'title: "Bài viết"\ndate: 2024-05-06\ncategories: [tin-hoat-dong]\n'
DATE_HINT = "Viết theo dạng `2020-06-21` hoặc `2020-06-21T07:32:00+07:00`."
IMAGE_HINT = "Đặt ảnh trong `content/media/` và ghi đường dẫn như `../../media/anh.jpg`."
BOOL_HINT = "Viết `true` hoặc `false`, không có ngoặc kép."
SUBJECT_HINT = "Mỗi mục gồm `name: \"Tên\"` và `kind:` là một trong `tap-the`, `ca-nhan`."
FIELD_LIST = ("title, date, categories, updated, slug, tags, authors, source, locality, summary, "
              "image, image_caption, subjects, featured, draft")

# (case, file text, expected "line: message hint")
CASES = [
    ("no-front-matter", "Chỉ có thân bài.\n",
     "1: Tệp không mở đầu bằng phần khai báo (front matter). Thêm dòng `---` ở dòng 1, các trường "
     "title, date, categories, rồi một dòng `---`."),
    ("unclosed", "---\n" + GOOD + "Thân bài.\n",
     "1: Phần khai báo (front matter) mở bằng `---` ở dòng 1 nhưng không được đóng lại. "
     "Thêm một dòng chỉ có `---` sau trường cuối cùng."),
    ("empty-file", "\n\n",
     "1: Tệp trống. Xóa tệp hoặc viết bài theo mẫu của `site-builder new`."),
    ("empty-front-matter", "---\n---\nThân bài.\n",
     "1: Phần khai báo (front matter) trống. Thêm ít nhất title, date và categories."),
    ("list-front-matter", "---\n- title\n- date\n---\n",
     "2: Phần khai báo phải là các dòng `tên_trường: giá trị`. Ví dụ: `title: \"Tiêu đề bài viết\"`."),
    ("missing-title", "---\ndate: 2024-05-06\ncategories: [tin-hoat-dong]\n---\n",
     "1: Thiếu trường bắt buộc `title`. Thêm dòng `title: …` vào phần khai báo."),
    ("missing-date", "---\ntitle: \"Bài\"\ncategories: [tin-hoat-dong]\n---\n",
     "1: Thiếu trường bắt buộc `date`. Thêm dòng `date: …` vào phần khai báo."),
    ("missing-categories", "---\ntitle: \"Bài\"\ndate: 2024-05-06\n---\n",
     "1: Thiếu trường bắt buộc `categories`. Thêm dòng `categories: …` vào phần khai báo."),
    ("empty-title", "---\ntitle: \"\"\ndate: 2024-05-06\ncategories: [tin-hoat-dong]\n---\n",
     "2: `title` không được để trống. Điền giá trị vào sau dấu hai chấm."),
    ("empty-categories", "---\ntitle: \"Bài\"\ndate: 2024-05-06\ncategories: []\n---\n",
     "4: `categories` không được để trống. Điền giá trị vào sau dấu hai chấm."),
    ("title-list", "---\ntitle: [\"a\", \"b\"]\ndate: 2024-05-06\ncategories: [tin-hoat-dong]\n---\n",
     "2: `title` phải là một đoạn chữ. Viết giá trị trong dấu ngoặc kép: `\"…\"`."),
    ("date-words", "---\ntitle: \"Bài\"\ndate: hôm qua\ncategories: [tin-hoat-dong]\n---\n",
     f"3: `date` `hôm qua` không phải là ngày giờ hợp lệ. {DATE_HINT}"),
    ("impossible-day", "---\ntitle: \"Bài\"\ndate: 2023-02-30\ncategories: [tin-hoat-dong]\n---\n",
     f"3: `date` `2023-02-30` không phải là ngày giờ hợp lệ. {DATE_HINT}"),
    ("impossible-hour", "---\ntitle: \"Bài\"\ndate: 2023-02-10T25:00:00\ncategories: [tin-hoat-dong]\n---\n",
     f"3: `date` `2023-02-10T25:00:00` không phải là ngày giờ hợp lệ. {DATE_HINT}"),
    ("date-number", "---\ntitle: \"Bài\"\ndate: 2023\ncategories: [tin-hoat-dong]\n---\n",
     f"3: `date` phải là ngày giờ. {DATE_HINT}"),
    ("updated-before-date", "---\n" + GOOD + "updated: 2024-05-01\n---\n",
     "5: `updated` (ngày cập nhật) sớm hơn `date` (ngày đăng). Ngày cập nhật phải bằng hoặc sau "
     "ngày đăng; kiểm tra lại năm, tháng, ngày."),
    ("unknown-section", "---\ntitle: \"Bài\"\ndate: 2024-05-06\ncategories: [tin-tuc]\n---\n",
     f"4: `categories` không có chuyên mục `tin-tuc`. Các khóa hợp lệ: {VALID_KEYS}."),
    ("typo-field", "---\n" + GOOD + "tittle: \"Bài\"\n---\n",
     "5: Trường `tittle` không được hỗ trợ. Có phải ý bạn là `title`?"),
    ("typo-caption", "---\n" + GOOD + "image_captoin: \"Ảnh\"\n---\n",
     "5: Trường `image_captoin` không được hỗ trợ. Có phải ý bạn là `image_caption`?"),
    ("unknown-field", "---\n" + GOOD + "xyz: 1\n---\n",
     f"5: Trường `xyz` không được hỗ trợ. Các trường hợp lệ: {FIELD_LIST}."),
    ("duplicate-field", "---\n" + GOOD + "title: \"Bài khác\"\n---\n",
     "5: Trường `title` được khai báo hai lần (dòng 2 và dòng 5). Giữ lại một dòng và xóa dòng kia."),
    ("subject-kind", "---\n" + GOOD + "subjects:\n  - name: \"Chi bộ 3\"\n    kind: tap-thể\n---\n",
     f"6: `subjects` mục thứ 1: `kind` phải là một trong `tap-the`, `ca-nhan`. {SUBJECT_HINT}"),
    ("subject-no-name", "---\n" + GOOD + "subjects:\n  - name: \"A\"\n    kind: ca-nhan\n  - kind: ca-nhan\n---\n",
     f"8: `subjects` mục thứ 2: `name` phải là một đoạn chữ. {SUBJECT_HINT}"),
    ("subjects-not-list", "---\n" + GOOD + "subjects: \"Chi bộ 3\"\n---\n",
     f"5: `subjects` phải là một danh sách các mục `- name: …`. {SUBJECT_HINT}"),
    ("featured-word", "---\n" + GOOD + "featured: \"có\"\n---\n",
     f"5: `featured` phải là `true` hoặc `false`. {BOOL_HINT}"),
    ("draft-number", "---\n" + GOOD + "draft: 1\n---\n",
     f"5: `draft` phải là `true` hoặc `false`. {BOOL_HINT}"),
    ("tag-mapping", "---\n" + GOOD + "tags: [{a: b}]\n---\n",
     "5: `tags` mục thứ 1 phải là một đoạn chữ. Viết giá trị trong dấu ngoặc kép: `\"…\"`."),
    ("image-missing", "---\n" + GOOD + "image: ../../media/khong-co.jpg\n---\n",
     f"5: `image` không tìm thấy tệp ảnh `../../media/khong-co.jpg`. {IMAGE_HINT}"),
    ("image-outside", "---\n" + GOOD + "image: ../../../../../etc/passwd\n---\n",
     f"5: `image` `../../../../../etc/passwd` nằm ngoài thư mục content. {IMAGE_HINT}"),
    ("image-url", "---\n" + GOOD + "image: https://example.com/a.jpg\n---\n",
     f"5: `image` phải là tệp ảnh trong thư mục content, không phải địa chỉ trên mạng. {IMAGE_HINT}"),
    ("caption-without-image", "---\n" + GOOD + "image_caption: \"Ảnh\"\n---\n",
     "5: Có `image_caption` nhưng không có `image`. Thêm trường `image` hoặc xóa `image_caption`."),
    ("bad-slug", "---\n" + GOOD + "slug: \"Hà Nội\"\n---\n",
     "5: `slug` `Hà Nội` không dùng được trong địa chỉ. Chỉ dùng chữ thường không dấu, chữ số và "
     "dấu `-`, ví dụ `ha-noi-nhan-rong-mo-hinh`."),
    ("colon-in-title", "---\ntitle: Hà Nội: mô hình hay\ndate: 2024-05-06\ncategories: [tin-hoat-dong]\n---\n",
     "2: Phần khai báo YAML có dấu hai chấm không đúng chỗ. Nếu giá trị có chứa dấu hai chấm, đặt cả "
     "giá trị trong ngoặc kép: `title: \"Hà Nội: …\"`."),
    ("tab-indent", "---\n" + GOOD + "subjects:\n\t- name: \"A\"\n---\n",
     "6: Phần khai báo YAML có ký tự không được phép ở đầu giá trị (thường là phím Tab). Thụt lề bằng "
     "dấu cách, không dùng Tab; đặt giá trị có ký tự đặc biệt trong ngoặc kép."),
    ("unclosed-quote", "---\ntitle: \"Bài viết\ndate: 2024-05-06\ncategories: [tin-hoat-dong]\n---\n",
     "2: Phần khai báo YAML thiếu dấu ngoặc kép đóng. Kiểm tra mỗi giá trị mở bằng `\"` đều được "
     "đóng bằng `\"`."),
    ("python-tag", "---\n" + GOOD + "source: !!python/object/apply:os.system [\"echo pwned\"]\n---\n",
     "5: Phần khai báo YAML có thẻ YAML `!…` không được phép. Xóa phần bắt đầu bằng `!` hoặc đặt giá "
     "trị trong ngoặc kép."),
]


@pytest.mark.parametrize("case, text, expected", CASES, ids=[case[0] for case in CASES])
def test_mistake_gets_one_line_naming_file_line_and_fix(column, case, text, expected):
    path = column.write(f"articles/2024/{case}.md", text)
    articles, errors = read_articles(column.root, KEYS)
    assert articles == ()
    assert [str(error) for error in errors] == [f"{path}:{expected}"]


def test_there_are_at_least_thirty_mistakes_covered():
    assert len(CASES) >= 30


def test_file_that_is_not_utf8(column):
    path = column.root / "articles/2024/latin1.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(("---\n" + GOOD + "---\nThân bài.\n").encode("utf-16"))
    _, errors = read_articles(column.root, KEYS)
    assert [str(e) for e in errors] == [f"{path}: Tệp không được lưu bằng mã UTF-8. "
                                        "Mở tệp và lưu lại với bảng mã UTF-8."]


def test_image_symlinked_out_of_content(column, tmp_path):
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(b"not really an image")
    os.symlink(outside, column.root / "media" / "link.jpg")
    path = column.write("articles/2024/link.md", "---\n" + GOOD + "image: ../../media/link.jpg\n---\n")
    _, errors = read_articles(column.root, KEYS)
    assert [str(e) for e in errors] == [
        f"{path}:5: `image` `../../media/link.jpg` nằm ngoài thư mục content. {IMAGE_HINT}"]


def test_two_articles_with_one_slug_name_both_files(column):
    first = column.write("articles/2023/trung.md", "---\n" + GOOD + "---\n")
    second = column.write("articles/2024/trung.md", "---\n" + GOOD + "---\n")
    articles, errors = read_articles(column.root, KEYS)
    assert [a.source_path for a in articles] == ["articles/2023/trung.md"]
    assert [str(e) for e in errors] == [
        f"{second}:1: Slug `trung` đã được dùng cho {first}. "
        "Đổi tên tệp hoặc đặt trường `slug` khác cho một trong hai bài."]


def test_every_problem_is_reported_not_just_the_first(column):
    column.write("articles/2024/a.md", "---\ntitle: \"\"\ndate: sai\ncategories: [khong-co]\nfeatured: 2\n---\n")
    column.write("articles/2024/b.md", "khong co front matter\n")
    _, errors = read_articles(column.root, KEYS)
    assert [(os.path.basename(e.path), e.line) for e in errors] == [
        ("a.md", 2), ("a.md", 3), ("a.md", 4), ("a.md", 5), ("b.md", 1)]


def test_yaml_tags_never_run_code(column, tmp_path):
    marker = tmp_path / "pwned"
    column.write("articles/2024/tag.md",
                 f"---\n{GOOD}summary: !!python/object/apply:os.system [\"touch {marker}\"]\n---\n")
    read_articles(column.root, KEYS)
    assert not marker.exists()
