"""site_builder: the publishing builder of a Vietnamese themed news column."""

__version__ = "0.1.0"
