"""The column's settings, apart from any engine: what the core needs to know about the site."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ColumnSettings:
    """`site_url` is absolute and ends with `/`: feeds and metadata need absolute links."""

    site_name: str
    site_url: str
    description: str = ""
    per_page: int = 20
    feed_size: int = 50

    def __post_init__(self):
        if not self.site_url.endswith("/"):
            object.__setattr__(self, "site_url", self.site_url + "/")
