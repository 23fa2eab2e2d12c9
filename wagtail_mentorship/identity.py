"""When two records are the same person: by e-mail, else by full name within one organisation."""

import re
from typing import NamedTuple


def normalize_name(name: str) -> str:
    """«  Иванова  Алёна » and «иванова алена» are the same name."""
    return re.sub(r"\s+", " ", name.replace("ё", "е").replace("Ё", "Е")).strip().casefold()


class Identity(NamedTuple):
    email: str
    name: str
    organization_id: int | None

    def matches(self, other: "Identity") -> bool:
        if self.email and other.email:
            return self.email == other.email
        return self.name == other.name and self.organization_id == other.organization_id


def identity_of(person) -> Identity:
    return Identity(
        person.email.strip().casefold(), normalize_name(person.full_name), person.organization_id
    )


def same_person(a, b) -> bool:
    return identity_of(a).matches(identity_of(b))
