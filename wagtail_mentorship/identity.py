"""When two records are the same person: by e-mail, else by full name within one organisation."""

import re


def normalize_name(name: str) -> str:
    """«  Иванова  Алёна » and «иванова алена» are the same name."""
    return re.sub(r"\s+", " ", name.replace("ё", "е").replace("Ё", "Е")).strip().casefold()


def same_person(a, b) -> bool:
    if a.email and b.email:
        return a.email.strip().casefold() == b.email.strip().casefold()
    return (
        normalize_name(a.full_name) == normalize_name(b.full_name)
        and a.organization_id == b.organization_id
    )
