"""Content errors: one value per problem, so a run can report every problem, not the first."""

from dataclasses import dataclass
from pathlib import Path


def display_path(path: Path) -> str:
    """The path an editor recognises: relative to the working folder when inside it."""
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@dataclass(frozen=True, slots=True)
class ContentError:
    """A problem in an editor's file: where it is, what is wrong (Vietnamese) and how to fix it.

    A `warning` is worth a line but publishes anyway (an image without alt text, a huge photo).
    """

    path: str
    line: int | None
    message: str
    hint: str = ""
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {'Cảnh báo: ' if self.warning else ''}{self.message}"
        return f"{text} {self.hint}" if self.hint else text

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line or 0, self.message)


class ContentErrors(Exception):
    """Raised when a column cannot be published; carries every problem found."""

    def __init__(self, errors: list[ContentError] | tuple[ContentError, ...]):
        self.errors = tuple(sorted(errors, key=ContentError.sort_key))
        super().__init__("\n".join(str(error) for error in self.errors))
