"""The column's Markdown converter finds what Python-Markdown's own patterns find."""

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor

from site_builder.markdown_speed import _CHANGES, _FASTER, _NEEDED, FasterMarkdown

_EXTENSIONS = ["tables", "toc", "fenced_code"]  # MkDocs' own three
_TRICKY = [
    "`mã` và ``hai `dấu` huyền`` \\`thoát\\` \\\\`sau hai gạch`",
    "[liên kết](https://a.vn) ![ảnh](a.jpg) !![x](y) [tham chiếu][1] [ngắn] ![ảnh tham chiếu][1]\n\n[1]: https://b.vn",
    "\\[không phải liên kết] \\![cũng không] [a]![b] [![ảnh trong liên kết](c.png)](d.html) [",
    "*nghiêng* **đậm** _gạch_ <https://e.vn> <thu@f.vn> &amp; &#272; dòng  \nmới `[không](liên-kết)`",
    "> trích dẫn\n> > lồng\n\n# Tiêu đề #\n\n## Hai ##\n\nTiêu đề\n=======\n\nPhụ\n---\n\n* * *\n\n___\n\n- - -",
    "| Cột | Hai |\n|-----|:---:|\n| a | b |\n\n| đơn |\n| --- |\n| x |\n\nkhông | phải\nbảng\n\na > b # c - d",
    "Câu thường, không dấu đặc biệt.\n\nDòng một  \ndòng hai\ndòng ba\n\n* mục *nghiêng*\n* mục thường\n\n"
    "# Tiêu đề thường\n\n> trích thường\n\nA &amp; B, a_b, 2*3, <b@c.vn>",
    # Each with the one character a pattern needs, and no other.
    "Tôm &amp; cua &#272;", "Gạch \\ chéo", "Mã `x` đây", "Xem [a](b)", "Thư <c@d.vn>", "Đậm **e**",
    "Gạch _f_ dưới", "Ngắt  \ndòng",
    # What the whitespace and the fenced code preprocessors change, and texts near them.
    "Mã:\n\n```python\nin(1)\n```\n\n~~~\nhai\n~~~\n\n``không phải``", "Dòng\r\nWindows\rMac", "Tab\tgiữa\n\tđầu",
    "Dòng cách   \n   \nrồi", "1\n ", "\u0002giữ chỗ\u0003", "``` không đóng\n\nđoạn", "Hai dấu `` và ~~ thôi",
]


def _converters():
    return markdown.Markdown(extensions=_EXTENSIONS), markdown.Markdown(extensions=_EXTENSIONS + [FasterMarkdown()])


def test_the_slow_patterns_are_replaced():
    _, faster = _converters()
    assert all(faster.inlinePatterns[name].compiled_re.pattern == new for name, (_, new) in _FASTER.items())
    assert all(faster.parser.blockprocessors[name].test.__name__ == "test_if_needed" for name in _NEEDED)
    assert all(faster.preprocessors[name].run.__name__ == "run_if_needed" for name in _CHANGES)


def test_tricky_texts_convert_as_python_markdown_converts_them():
    original, faster = _converters()
    for text in _TRICKY:
        assert faster.reset().convert(text) == original.reset().convert(text), text


@settings(max_examples=400)
@given(st.text(alphabet="\\`[]!()*_<>&:@ \naờ1.#=-|~\t\r\x02\x03", max_size=80))
def test_any_text_converts_as_python_markdown_converts_it(text):
    original, faster = _converters()
    assert faster.convert(text) == original.convert(text)


class _Strikethrough(Extension):
    """An extension with an inline pattern of its own (`~~`), as a column's mkdocs.yml may add."""

    def extendMarkdown(self, md):
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "del", 75)


def test_plain_text_is_returned_at_once_only_when_no_pattern_can_match_it():
    _, faster = _converters()
    faster.convert("Câu thường.")
    assert "_InlineProcessor__handleInline" in vars(faster.treeprocessors["inline"])
    # A pattern the skip does not know, registered after it: every text is searched again.
    with_other = markdown.Markdown(extensions=_EXTENSIONS + [FasterMarkdown(), _Strikethrough()])
    assert with_other.convert("Chữ ~~gạch~~ ngang") == "<p>Chữ <del>gạch</del> ngang</p>"
    assert "_InlineProcessor__handleInline" not in vars(with_other.treeprocessors["inline"])
