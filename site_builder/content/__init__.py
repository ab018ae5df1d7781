"""Reading the column's articles into immutable records. Never imports the rendering engine."""

from site_builder.content.model import Article, LeadImage, PublicationState, Subject, SubjectKind
from site_builder.content.reader import read_articles

__all__ = ["Article", "LeadImage", "PublicationState", "Subject", "SubjectKind", "read_articles"]
