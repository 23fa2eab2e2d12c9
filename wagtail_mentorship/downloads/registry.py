"""The kinds of file a user may have prepared: each builds its file from its parameters,
for that user, within what the user may see at the time."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from ..access.scope import scope_for
from ..models.downloads import SCOPE

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


def covers(user, parameters) -> bool:
    """The user's scope now still covers the one the file was built for: a curator moved to
    another school gets no file of the old one. A file of unknown scope is refused."""
    built, now = parameters.get(SCOPE), scope_for(user)
    if built is None:
        return False
    if built["everything"]:
        return now.everything
    return all(organization in now for organization in built["organizations"])


def may_have(user, kind_name: str, parameters) -> bool:
    """May ``user`` have (be built, or download) the file of ``kind_name``, now?"""
    kind = KINDS.get(kind_name)
    return kind is not None and covers(user, parameters) and kind.permitted(user, parameters)
