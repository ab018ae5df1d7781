"""The rules of the Vietnamese language the column needs: normalisation, slugs, dates."""

from site_builder.vietnamese.dates import VIETNAM_TZ, format_datetime, format_date
from site_builder.vietnamese.slugs import slugify_vi
from site_builder.vietnamese.text import code_point, drop_unprintable, find_unprintable, nfc

__all__ = ["VIETNAM_TZ", "format_datetime", "format_date", "slugify_vi", "nfc",
           "code_point", "drop_unprintable", "find_unprintable"]
