"""The kinds of file a user may have prepared: each builds its file from its parameters,
for that user, within what the user may see at the time."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

# A kind's file: its content (bytes, or a file to read it from), its name and content type.
Built = tuple[bytes | IO[bytes], str, str]


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # what the file is, as «Мои файлы» lists it
    permitted: Callable[..., bool]  # (user, parameters): may the user have this file?
    build: Callable[..., Built]  # (user, parameters), the user's scope applied


KINDS: dict[str, Kind] = {}


def register(name: str, label, permitted: Callable[..., bool]):
    """Registers the decorated builder as the kind ``name``."""

    def decorator(build):
        KINDS[name] = Kind(name, label, permitted, build)
        return build

    return decorator
