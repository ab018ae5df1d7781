"""Editors' files decoded as UTF-8, or a message naming the line of the first byte that is not.

Notepad saves "Unicode" as UTF-16 with a byte-order mark, and older Vietnamese tools save
Windows-1258 or TCVN3: the editor needs to know which file, which line, and what to do.
"""

import codecs

_HINT = "Mở tệp và lưu lại với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8)."
_UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class NotUTF8(ValueError):
    """The file is not UTF-8; `line` is 1-based, where the first wrong byte is."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = _HINT


def decode_utf8(data: bytes) -> str:
    """The text of `data` (a UTF-8 byte-order mark is dropped), or NotUTF8."""
    # A file starts with `---`: in UTF-16 without a byte-order mark, `-` is next to a zero byte.
    if data.startswith(_UTF16_MARKS) or b"\x00" in data[:2]:
        raise NotUTF8(1, "Tệp được lưu bằng mã UTF-16, không phải UTF-8.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        raise NotUTF8(data.count(b"\n", 0, start) + 1,
                      "Tệp không được lưu bằng mã UTF-8: dòng này có ký tự đầu tiên không đọc được.") from None
