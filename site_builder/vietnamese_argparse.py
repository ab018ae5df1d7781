"""argparse speaking Vietnamese: help, usage and argument errors, without touching gettext.

argparse writes its words through gettext (English here); this parser gives its own help
option, section titles and usage prefix, and says its errors in Vietnamese by reading the
English message argparse formed (the table covers every error argparse can raise for an
argument).
"""

import argparse
import re
import sys

_USAGE = "Cách dùng: "
_ERRORS: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(pattern), vietnamese) for pattern, vietnamese in (
    (r"^the following arguments are required: (?P<names>.*)$", "thiếu đối số bắt buộc: {names}"),
    (r"^unrecognized arguments: (?P<names>.*)$", "không hiểu đối số: {names}"),
    (r"^expected one argument$", "cần một giá trị sau tùy chọn này"),
    (r"^expected at most one argument$", "chỉ nhận nhiều nhất một giá trị"),
    (r"^expected at least one argument$", "cần ít nhất một giá trị"),
    (r"^expected (?P<count>\d+) arguments?$", "cần {count} giá trị"),
    (r"^invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)$",
     "không có lựa chọn {value}; chọn một trong: {choices}"),
    (r"^invalid \S+ value: (?P<value>.*)$", "giá trị {value} không hợp lệ"),
    (r"^ambiguous option: (?P<option>\S+) could match (?P<matches>.*)$",
     "tùy chọn {option} chưa rõ, có thể là: {matches}"),
    (r"^ignored explicit argument (?P<value>.*)$", "tùy chọn này không nhận giá trị {value}"),
    (r"^not allowed with argument (?P<other>.*)$", "không dùng cùng với {other}"),
    (r"^one of the arguments (?P<names>.*) is required$", "cần một trong các đối số: {names}"),
    (r"^unexpected option string: (?P<option>.*)$", "tùy chọn {option} không đúng chỗ"),
))
_ARGUMENT = re.compile(r"^argument (?P<name>.+?): (?P<message>.*)$", re.S)


def vietnamese_error(message: str) -> str:
    """argparse's English error `message` in Vietnamese (unchanged if argparse says something new)."""
    argument = _ARGUMENT.match(message)
    if argument:
        return f"đối số {argument['name']}: {vietnamese_error(argument['message'])}"
    for pattern, vietnamese in _ERRORS:
        match = pattern.match(message)
        if match:
            return vietnamese.format(**match.groupdict())
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, _USAGE if prefix is None else prefix)


class VietnameseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose every word is Vietnamese; its sub-commands are of the same kind."""

    def __init__(self, *args, add_help: bool = True, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "đối số"
        self._optionals.title = "tùy chọn"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="xem hướng dẫn này rồi thoát")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {vietnamese_error(message)}\n")
