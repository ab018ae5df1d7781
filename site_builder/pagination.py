"""Pure slicing of a sorted list into numbered pages, shared by every kind of list."""

from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True, slots=True)
class Page(Generic[Item]):
    """Page `number` (from 1) of `count`, holding its slice of the list."""

    number: int
    count: int
    items: tuple[Item, ...]

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def paginate(items: tuple[Item, ...], per_page: int) -> tuple[Page[Item], ...]:
    """At least one page, so that an empty list still has its (empty) first page."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    count = max(1, -(-len(items) // per_page))
    return tuple(
        Page(number, count, items[(number - 1) * per_page : number * per_page])
        for number in range(1, count + 1)
    )
