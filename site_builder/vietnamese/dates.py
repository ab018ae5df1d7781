"""Dates as a Vietnamese reader expects them: `Thứ Tư, 23/09/2020 09:00`, in Vietnam's time."""

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Monday is 0 in datetime.weekday().
_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def _local(moment: datetime) -> datetime:
    return moment.astimezone(VIETNAM_TZ)


@lru_cache(maxsize=65536)
def format_datetime(moment: datetime) -> str:
    """`Thứ Tư, 23/09/2020 09:00`: weekday, day/month/year and 24-hour time in Vietnam.
    Cached, as format_date: an article's date shows on every list and page that links it."""
    local = _local(moment)
    return f"{_WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y %H:%M}"


@lru_cache(maxsize=65536)
def format_date(moment: datetime | date) -> str:
    """`23/09/2020`: the short form used in lists."""
    if isinstance(moment, datetime):
        moment = _local(moment)
    return f"{moment:%d/%m/%Y}"
