"""The log of MkDocs' live-reload server, said in Vietnamese for `serve`.

The server logs in English ("Detected file changes", "Reloading browsers", each request a
browser made that found nothing); a filter on its logger rewrites what an editor should see
and drops the rest (the preview prints its own lines: where it serves, each rebuild).
"""

import logging
import re

_LOGGER = "mkdocs.livereload"
_TIME = r"^(?P<time>\[\d\d:\d\d:\d\d\] )?"
_MESSAGES = tuple((re.compile(_TIME + pattern), vietnamese) for pattern, vietnamese in (
    (r"Detected file changes$", "{time}Có tệp thay đổi: đang dựng lại bản xem trước…"),
    (r"Reloading browsers$", "{time}Tải lại trang trong trình duyệt."),
    (r'"\S+ (?P<path>\S+) [^"]*" code 404$', "{time}Không có trang {path} (lỗi 404)."),
    (r'"\S+ (?P<path>\S+) [^"]*" code (?P<code>\d+)$', "{time}Trình duyệt hỏi {path}: mã trả về {code}."),
    (r"An error happened during the rebuild", "{time}Có lỗi khi dựng lại bản xem trước; sửa lỗi rồi lưu lại."),
))


class _Vietnamese(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for pattern, vietnamese in _MESSAGES:
            match = pattern.match(message)
            if match:
                record.msg = vietnamese.format(**{key: value or "" for key, value in match.groupdict().items()})
                record.args = ()
                return True
        return False  # "Serving on…", "Watching paths…", "Browser connected…": said otherwise or noise


def speak_vietnamese() -> None:
    """Show the live-reload server's useful lines, in Vietnamese, on standard error."""
    logger = logging.getLogger(_LOGGER)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    if not any(isinstance(item, _Vietnamese) for item in logger.filters):
        logger.addFilter(_Vietnamese())
        logger.addHandler(logging.StreamHandler())
