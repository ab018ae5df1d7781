"""The article record: what an editor wrote, parsed, normalised and frozen."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum


class SubjectKind(str, Enum):
    """An exemplary subject is either a collective or an individual."""

    COLLECTIVE = "tap-the"
    INDIVIDUAL = "ca-nhan"


class PublicationState(Enum):
    """Where an article stands at a given moment."""

    PUBLISHED = "published"
    SCHEDULED = "scheduled"
    DRAFT = "draft"

    @property
    def is_published(self) -> bool:
        return self is PublicationState.PUBLISHED


@dataclass(frozen=True, slots=True)
class Subject:
    """An exemplary collective or individual an article is about."""

    name: str
    kind: SubjectKind


@dataclass(frozen=True, slots=True)
class Picture:
    """An image file an article shows: `path` relative to the content folder (`media/x.jpg`),
    its size upright (EXIF orientation applied), as the published variants have it."""

    path: str
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class LeadImage:
    """The lead image, with the editor's caption (shown under it) and alt text (read instead
    of it); `path` is relative to the content folder (`media/x.jpg`)."""

    path: str
    caption: str = ""
    alt: str = ""
    width: int = 0
    height: int = 0

    @property
    def picture(self) -> Picture:
        return Picture(self.path, self.width, self.height)


@dataclass(frozen=True, slots=True)
class Article:
    """One article file. `content_hash` identifies the exact bytes read, for caches."""

    source_path: str
    content_hash: str
    slug: str
    title: str
    date: datetime
    categories: tuple[str, ...]
    summary: str
    body: str
    updated: datetime | None = None
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    source: str = ""
    locality: str = ""
    image: LeadImage | None = None
    subjects: tuple[Subject, ...] = ()
    featured: bool = False
    draft: bool = False
    word_count: int = 0
    body_media: tuple[str, ...] = ()  # files the body's images and links use (`media/x.jpg`)
    body_articles: tuple[str, ...] = ()  # article files the body links to (`articles/2024/x.md`)
    body_pictures: tuple[Picture, ...] = ()  # images the body shows or links to (also in body_media)
    # `date` as a POSIX timestamp, for the many sorts by date (derived: not compared or shown).
    timestamp: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "timestamp", self.date.timestamp())

    @property
    def reading_minutes(self) -> int:
        """Minutes to read at about 220 Vietnamese words (syllables) a minute; at least one."""
        return max(1, round(self.word_count / 220))

    def state(self, now: datetime) -> PublicationState:
        """Drafts are never published; a future date means scheduled until that moment."""
        if self.draft:
            return PublicationState.DRAFT
        if self.date > now:
            return PublicationState.SCHEDULED
        return PublicationState.PUBLISHED

    @property
    def newest_first_key(self) -> tuple[float, str]:
        """Sort key putting the newest first, ties broken by slug for byte-identical builds."""
        return (-self.timestamp, self.slug)

    @property
    def pictures(self) -> tuple[Picture, ...]:
        """Every image the article shows, the lead first."""
        return ((self.image.picture,) if self.image else ()) + self.body_pictures
