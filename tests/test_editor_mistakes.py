"""Every mistake an editor can make in an article file, and the exact line they get for it.

Each case is a real file in a temporary column; the expected text is the whole message line
after `path:`, so a change of wording is a visible decision, not an accident.
"""

import os
import time
import unicodedata

import pytest

from site_builder.build_cache import FrontMatterCache
from site_builder.content import read_articles
from site_builder.errors import ContentErrors
from site_builder.sections import DEFAULT_SECTIONS, load_sections

KEYS = tuple(section.key for section in DEFAULT_SECTIONS)
VALID_KEYS = ", ".join(KEYS)
GOOD = 'title: "Bài viết"\ndate: 2024-05-06\ncategories: [tin-hoat-dong]\n'
DATE_HINT = "Viết theo dạng `2020-06-21` hoặc `2020-06-21T07:32:00+07:00`."
IMAGE_HINT = "Đặt ảnh trong `content/media/` và ghi đường dẫn như `../../media/anh.jpg`."
BOOL_HINT = "Viết `true` hoặc `false`, không có ngoặc kép."
SLUG_HINT = ("Chỉ dùng chữ thường không dấu, chữ số và dấu `-` (tối đa 100 ký tự), "
             "ví dụ `ha-noi-nhan-rong-mo-hinh`.")
SUBJECT_HINT = "Mỗi mục gồm `name: \"Tên\"` và `kind:` là một trong `tap-the`, `ca-nhan`."
ALIAS = ("Phần khai báo YAML có neo `&…` hoặc tham chiếu `*…` không được phép. Viết thẳng giá trị; "
         "nếu giá trị bắt đầu bằng `&` hoặc `*`, đặt nó trong ngoặc kép.")
DEEP = ("Phần khai báo YAML lồng nhau quá 8 cấp. Kiểm tra các dấu ngoặc `[`, `{` và thụt lề; "
        "các trường chỉ cần vài cấp.")
NOT_A_NAME = ("Tên trường phải là một từ, không phải danh sách `[…]` hay nhóm `{…}`. "
              "Viết theo dạng `tên_trường: giá trị`.")
RAW_HINT = "Xóa ký tự đó (thường lẫn vào khi sao chép), hoặc gõ lại dòng này."
ESCAPE_HINT = "Xóa ký tự đó (thường lẫn vào khi sao chép, hoặc do mã thoát `\\x…`)."
NUMBER_HINT = "Nếu đó là chữ, đặt cả giá trị trong ngoặc kép."
YEARS_HINT = "Kiểm tra lại năm: ngày phải từ năm 1945 đến năm 2100."
NO_SLUG = ("không có chữ cái hay chữ số nào để làm địa chỉ trang. "
           "Viết tên bằng chữ hoặc số, ví dụ `Chỉ thị 05`.")
FIELD_LIST = ("title, date, categories, updated, slug, tags, authors, source, locality, summary, "
              "image, image_caption, image_alt, subjects, featured, draft")

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
     f"5: `slug` `Hà Nội` không dùng được trong địa chỉ. {SLUG_HINT}"),
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
    # Bounds: what editors never write is refused before it costs anything.
    ("alias-bomb-key", "---\n" + GOOD + "l0: &l0 [a, a, a, a, a, a, a, a, a]\n"
     + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))
     + "? *l9\n: x\n---\n", f"5: {ALIAS}"),
    ("anchor", "---\n" + GOOD + "source: &nguon \"Báo\"\n---\n", f"5: {ALIAS}"),
    ("alias-with-diacritics", "---\n" + GOOD + "summary: *Nhấn mạnh*\n---\n", f"5: {ALIAS}"),
    ("alias-as-value", "---\n" + GOOD + "summary: *quan-trong\n---\n", f"5: {ALIAS}"),
    ("deep-value", "---\n" + GOOD + "tags: " + "[" * 10_000 + "]" * 10_000 + "\n---\n", f"5: {DEEP}"),
    ("deep-block-value", "---\n" + GOOD + "tags:\n" + "".join(" " * i + "-\n" for i in range(12)) + "---\n",
     f"13: {DEEP}"),
    ("deep-key", "---\n" + GOOD + "? " + "[" * 10_000 + "]" * 10_000 + "\n: x\n---\n", f"5: {NOT_A_NAME}"),
    ("front-matter-too-long", "---\n" + GOOD + "summary: >\n" + ("  " + "chữ " * 25 + "\n") * 1000 + "---\n",
     "433: Phần khai báo YAML dài quá 64 KB. Phần khai báo chỉ gồm các trường; kiểm tra dòng `---` đóng nó "
     "(nội dung dài thuộc về thân bài)."),
    # Characters no page or feed can carry, written as they are or as escapes.
    ("raw-nul", "---\ntitle: \"Bài\x00\"\ndate: 2024-05-06\ncategories: [tin-hoat-dong]\n---\n",
     f"2: Phần khai báo YAML có ký tự không in được (U+0000). {RAW_HINT}"),
    ("raw-escape-key", "---\n" + GOOD + "source: \"\x1b[31mđỏ\"\n---\n",
     f"5: Phần khai báo YAML có ký tự không in được (U+001B). {RAW_HINT}"),
    ("raw-noncharacter", "---\n" + GOOD + "locality: \"Huế\ufffe\"\n---\n",
     f"5: Phần khai báo YAML có ký tự không in được (U+FFFE). {RAW_HINT}"),
    ("bell-in-title", "---\ntitle: \"Bài\\x07\"\ndate: 2024-05-06\ncategories: [tin-hoat-dong]\n---\n",
     f"2: `title` có ký tự không in được (U+0007). {ESCAPE_HINT}"),
    ("noncharacter-in-author", "---\n" + GOOD + "authors: [\"Minh\\uFFFE\"]\n---\n",
     f"5: `authors` mục thứ 1 có ký tự không in được (U+FFFE). {ESCAPE_HINT}"),
    ("c1-in-tag", "---\n" + GOOD + "tags: [\"a\", \"b\\x85c\"]\n---\n",
     f"5: `tags` mục thứ 2 có ký tự không in được (U+0085). {ESCAPE_HINT}"),
    ("del-in-summary", "---\n" + GOOD + "summary: \"Tóm tắt\\x7f\"\n---\n",
     f"5: `summary` có ký tự không in được (U+007F). {ESCAPE_HINT}"),
    ("nul-in-caption", "---\n" + GOOD + "image_caption: \"\\0\"\n---\n",
     f"5: `image_caption` có ký tự không in được (U+0000). {ESCAPE_HINT}"),
    ("noncharacter-in-source", "---\n" + GOOD + "source: \"\\U0010FFFF\"\n---\n",
     f"5: `source` có ký tự không in được (U+10FFFF). {ESCAPE_HINT}"),
    ("control-in-subject", "---\n" + GOOD + "subjects:\n  - name: \"Chi bộ\\x01\"\n    kind: tap-the\n---\n",
     f"6: `subjects` mục thứ 1: `name` có ký tự không in được (U+0001). {SUBJECT_HINT}"),
    ("lone-surrogate", "---\n" + GOOD + "locality: \"\\ud800\"\n---\n",
     "5: Phần khai báo YAML có mã thoát `\\u…` không phải là một ký tự. Xóa mã thoát đó hoặc gõ thẳng "
     "ký tự cần viết."),
    # Numbers and dates Python cannot hold.
    ("huge-integer-tag", "---\n" + GOOD + "tags: [" + "9" * 5000 + "]\n---\n",
     f"5: Phần khai báo YAML có số `{'9' * 20}…` không đọc được. {NUMBER_HINT}"),
    ("unreadable-hex", "---\n" + GOOD + "source: 0x_\n---\n",
     f"5: Phần khai báo YAML có số `0x_` không đọc được. {NUMBER_HINT}"),
    ("empty-integer-tag", "---\n" + GOOD + "source: !!int\n---\n",
     f"5: Phần khai báo YAML có số `!!int` không đọc được. {NUMBER_HINT}"),
    ("year-one", "---\ntitle: \"Bài\"\ndate: 0001-01-01\ncategories: [tin-hoat-dong]\n---\n",
     f"3: `date` `0001-01-01` nằm ngoài các năm 1945–2100. {YEARS_HINT}"),
    ("year-9999-west", "---\ntitle: \"Bài\"\ndate: 9999-12-31T23:59:59-12:00\ncategories: [tin-hoat-dong]\n---\n",
     f"3: `date` `9999-12-31T23:59:59-12:00` nằm ngoài các năm 1945–2100. {YEARS_HINT}"),
    ("updated-year-one-east", "---\n" + GOOD + "updated: 0001-01-01T00:00:00+14:00\n---\n",
     f"5: `updated` `0001-01-01T00:00:00+14:00` nằm ngoài các năm 1945–2100. {YEARS_HINT}"),
    ("binary-title", "---\ntitle: !!binary aGVsbG8=\ndate: 2024-05-06\ncategories: [tin-hoat-dong]\n---\n",
     "2: `title` phải là một đoạn chữ. Viết giá trị trong dấu ngoặc kép: `\"…\"`."),
    ("timestamp-tag", "---\n" + GOOD + "updated: !!timestamp 2024-13-45\n---\n",
     "5: Phần khai báo YAML có thẻ YAML `!…` không được phép. Xóa phần bắt đầu bằng `!` hoặc đặt giá "
     "trị trong ngoặc kép."),
    # Field names that are not words.
    ("tilde-key", "---\n" + GOOD + "~: x\n---\n", f"5: Trường `~` không được hỗ trợ. Các trường hợp lệ: {FIELD_LIST}."),
    ("null-key", "---\n" + GOOD + "null: x\n---\n",
     f"5: Trường `null` không được hỗ trợ. Các trường hợp lệ: {FIELD_LIST}."),
    ("true-key", "---\n" + GOOD + "true: x\n---\n",
     f"5: Trường `true` không được hỗ trợ. Các trường hợp lệ: {FIELD_LIST}."),
    ("number-key", "---\n" + GOOD + "1: x\n---\n", f"5: Trường `1` không được hỗ trợ. Các trường hợp lệ: {FIELD_LIST}."),
    ("list-key", "---\n" + GOOD + "[a]: x\n---\n", f"5: {NOT_A_NAME}"),
    ("mapping-key", "---\n" + GOOD + "{a: b}: x\n---\n", f"5: {NOT_A_NAME}"),
    ("missing-key", "---\n" + GOOD + ": x\n---\n",
     "5: Phần khai báo YAML có dòng không theo dạng `tên_trường: giá trị`. Viết tên trường trước dấu hai "
     "chấm; các trường cùng cấp phải thẳng cột với nhau."),
    ("second-document", "---\n" + GOOD + "--- x\n---\n",
     "5: Phần khai báo YAML có dòng bắt đầu bằng `---` thừa. Phần khai báo chỉ có một dòng `---` mở đầu "
     "và một dòng `---` đóng lại."),
    # Names that make no page address.
    ("tag-only-punctuation", "---\n" + GOOD + "tags: [\"Chỉ thị 05\", \"!!!\"]\n---\n",
     f"5: `tags` mục thứ 2 `!!!` {NO_SLUG}"),
    ("author-only-dashes", "---\n" + GOOD + "authors: \"---\"\n---\n", f"5: `authors` mục thứ 1 `---` {NO_SLUG}"),
    ("locality-only-emoji", "---\n" + GOOD + "locality: \"🎉🎉\"\n---\n", f"5: `locality` `🎉🎉` {NO_SLUG}"),
    ("subject-only-emoji", "---\n" + GOOD + "subjects:\n  - name: \"🎖️\"\n    kind: ca-nhan\n---\n",
     f"6: `subjects` mục thứ 1: `name` `🎖️` {NO_SLUG.split('. ')[0]}. {SUBJECT_HINT}"),
    ("tag-too-long", "---\n" + GOOD + "tags: [\"" + "a" * 101 + "\"]\n---\n",
     "5: `tags` mục thứ 1 dài quá 100 ký tự. Viết tên ngắn gọn hơn."),
    ("slug-too-long", "---\n" + GOOD + "slug: " + "a" * 101 + "\n---\n",
     f"5: `slug` `{'a' * 101}` không dùng được trong địa chỉ. {SLUG_HINT}"),
]


@pytest.mark.parametrize("case, text, expected", CASES, ids=[case[0] for case in CASES])
def test_mistake_gets_one_line_naming_file_line_and_fix(column, case, text, expected):
    path = column.write(f"articles/2024/{case}.md", text)
    articles, errors = read_articles(column.root, KEYS)
    assert articles == ()
    assert [str(error) for error in errors] == [f"{path}:{expected}"]


@pytest.mark.parametrize("case, text, expected", CASES, ids=[case[0] for case in CASES])
def test_mistake_gets_the_same_line_through_the_build_cache(column, tmp_path, case, text, expected):
    """The build reads front matter through its cache, twice here: as parsed, then as kept."""
    path = column.write(f"articles/2024/{case}.md", text)
    for _ in range(2):
        cache = FrontMatterCache(tmp_path / "front-matter.json", "v1")
        articles, errors = read_articles(column.root, KEYS, cache)
        cache.save()
        assert articles == ()
        assert [str(error) for error in errors] == [f"{path}:{expected}"]


def test_there_are_at_least_thirty_mistakes_covered():
    assert len(CASES) >= 30


UTF8_HINT = "Mở tệp và lưu lại với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8)."
NOT_UTF8 = "Tệp không được lưu bằng mã UTF-8: dòng này có ký tự đầu tiên không đọc được."
ARTICLE = "---\n" + GOOD + "source: \"Quân đội nhân dân\"\n---\nThân bài.\n"



def _windows_1258(text: str) -> bytes:
    """`text` as Vietnamese Windows saves it: precomposed vowels, combining tone marks."""
    encoded = b""
    for char in text:
        try:
            encoded += char.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", char)
            tone = "".join(mark for mark in marks if mark in "\u0300\u0301\u0303\u0309\u0323")
            vowel = unicodedata.normalize("NFC", "".join(mark for mark in marks if mark not in tone))
            encoded += (vowel + tone).encode("cp1258")
    return encoded


# (case, file bytes, expected "line: message hint")
ENCODINGS = [
    ("utf-16-notepad", ARTICLE.encode("utf-16"), f"1: Tệp được lưu bằng mã UTF-16, không phải UTF-8. {UTF8_HINT}"),
    ("utf-16-be", ARTICLE.encode("utf-16-be"), f"1: Tệp được lưu bằng mã UTF-16, không phải UTF-8. {UTF8_HINT}"),
    ("utf-16-le-no-mark", ARTICLE.encode("utf-16-le"),
     f"1: Tệp được lưu bằng mã UTF-16, không phải UTF-8. {UTF8_HINT}"),
    ("windows-1258", _windows_1258(ARTICLE), f"2: {NOT_UTF8} {UTF8_HINT}"),
    ("windows-1252-in-body", ("---\n" + GOOD.replace("Bài viết", "Bai") + "---\n\nCafé\n").encode("cp1252"), f"7: {NOT_UTF8} {UTF8_HINT}"),
    ("utf-8-mark-then-latin-1", b"\xef\xbb\xbf---\n" + GOOD.encode() + b"source: Caf\xe9\n---\n",
     f"5: {NOT_UTF8} {UTF8_HINT}"),
    ("encoded-surrogate", ("---\n" + GOOD).encode() + b"source: \xed\xa0\x80\n---\n", f"5: {NOT_UTF8} {UTF8_HINT}"),
]


@pytest.mark.parametrize("case, data, expected", ENCODINGS, ids=[case[0] for case in ENCODINGS])
def test_file_that_is_not_utf8_gets_the_line_of_its_first_wrong_byte(column, case, data, expected):
    path = column.root / f"articles/2024/{case}.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    _, errors = read_articles(column.root, KEYS)
    assert [str(e) for e in errors] == [f"{path}:{expected}"]


def test_unprintable_characters_in_the_body_are_dropped(column):
    column.write("articles/2024/than-bai.md",
                 "---\n" + GOOD + "---\nĐoạn\x07 mở đầu\x1b[0m.\n\nThân\x00 bài\ufffe\x85 có\x7f chữ.\n")
    articles, errors = read_articles(column.root, KEYS)
    assert errors == ()
    assert (articles[0].summary, articles[0].body) == ("Đoạn mở đầu[0m.", "Thân bài có chữ.")


def test_dates_at_the_ends_of_the_accepted_years_are_read(column):
    column.write("articles/2024/a.md", "---\ntitle: \"A\"\ndate: 1945-01-01T00:00:00+14:00\n"
                 "updated: 2100-12-31T23:59:59-12:00\ncategories: [tin-hoat-dong]\n---\n")
    articles, errors = read_articles(column.root, KEYS)
    assert errors == ()
    assert articles[0].newest_first_key[0] > -articles[0].updated.timestamp()


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


SECTION_HINT = ("Khóa viết thường không dấu, nối bằng `-` (ví dụ `{}`), tên là một chuỗi không rỗng.")
SECTION_BOMB = ("l0: &l0 [a, a, a, a, a, a, a, a, a]\n"
                + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))
                + "? *l9\n: x\n")

# (case, sections.yml text, expected "line: message hint" of each problem)
SECTION_CASES = [
    ("bad-key", 'phong-su: "Phóng sự"\nPhóng Sự: "Phóng sự"\n',
     [f"2: Chuyên mục `Phóng Sự` không hợp lệ. {SECTION_HINT.format('phong-su')}"]),
    ("empty-name-and-number", 'phong-su: ""\n\nbai-hay: 5\n',
     [f"1: Chuyên mục `phong-su` không hợp lệ. {SECTION_HINT.format('phong-su')}",
      f"3: Chuyên mục `bai-hay` không hợp lệ. {SECTION_HINT.format('bai-hay')}"]),
    ("control-in-name", 'phong-su: "Phóng\\x07 sự"\n',
     [f"1: Chuyên mục `phong-su` không hợp lệ. {SECTION_HINT.format('phong-su')}"]),
    ("not-a-mapping", '\n- phong-su\n',
     ["2: Danh sách chuyên mục phải là các dòng `khoa: \"Tên chuyên mục\"`. Ví dụ: `phong-su: \"Phóng sự\"`."]),
    ("alias-bomb", SECTION_BOMB, [f"1: {ALIAS}"]),
    ("deep-value", "phong-su: " + "[" * 100_000 + "]" * 100_000 + "\n",
     ["1: Phần khai báo YAML dài quá 64 KB. Phần khai báo chỉ gồm các trường; kiểm tra dòng `---` đóng nó "
      "(nội dung dài thuộc về thân bài)."]),
    ("deep-key", 'phong-su: "Phóng sự"\n? ' + "{a: " * 10_000 + "b" + "}" * 10_000 + "\n: x\n", [f"2: {NOT_A_NAME}"]),
    ("deep-block", "phong-su:\n" + "".join(" " * i + "-\n" for i in range(9)), [f"9: {DEEP}"]),
    ("null-key", '~: "Không"\n', [f"1: Chuyên mục `~` không hợp lệ. {SECTION_HINT.format('phong-su')}"]),
    ("windows-1258", _windows_1258('phong-su: "Phóng sự"\n'), [f"1: {NOT_UTF8} {UTF8_HINT}"]),
]


@pytest.mark.parametrize("case, text, expected", SECTION_CASES, ids=[case[0] for case in SECTION_CASES])
def test_sections_file_mistake_gets_its_line_quickly(column, case, text, expected):
    path = column.root / "sections.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    started = time.perf_counter()
    with pytest.raises(ContentErrors) as raised:
        load_sections(column.root)
    assert time.perf_counter() - started < 1
    assert [str(error) for error in raised.value.errors] == [f"{path}:{line}" for line in expected]


def test_front_matter_bombs_are_refused_quickly(column):
    bombs = {"alias": SECTION_BOMB, "deep": "tags: " + "[" * 30_000 + "]" * 30_000 + "\n",
             "deep-key": "? " + "[" * 30_000 + "]" * 30_000 + "\n: x\n"}
    for name, front in bombs.items():
        column.write(f"articles/2024/{name}.md", "---\n" + GOOD + front + "---\n")
    started = time.perf_counter()
    articles, errors = read_articles(column.root, KEYS)
    assert time.perf_counter() - started < 1
    assert (articles, [error.line for error in errors]) == ((), [5, 5, 5])
