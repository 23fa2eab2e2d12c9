"""When two records are the same person: by e-mail and full name, else by full name within one
organisation.

An e-mail alone does not make a person: a parent who fills in the form for two children gives
both the same e-mail, and two teachers who share a full name have their own e-mails."""

import re
from typing import NamedTuple

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


def normalize_name(name: str) -> str:
    """«  Иванова  Алёна » and «иванова алена» are the same name."""
    return re.sub(r"\s+", " ", name.replace("ё", "е").replace("Ё", "Е")).strip().casefold()


def normalize_email(email: str) -> str:
    """« Olga@Example.com» and «olga@example.com» are the same address."""
    return email.strip().casefold()


class Identity(NamedTuple):
    email: str
    name: str
    organization_id: int | None

    def matches(self, other: "Identity") -> bool:
        if self.email and other.email:  # siblings share an e-mail, namesakes a name: need both
            return self.email == other.email and self.name == other.name
        return self.name == other.name and self.organization_id == other.organization_id


def identity_of(person) -> Identity:
    return Identity(
        normalize_email(person.email), normalize_name(person.full_name), person.organization_id
    )


def same_person(a, b) -> bool:
    return identity_of(a).matches(identity_of(b))


def one_person_per_organisation():
    """The rule as the database keeps it, for mentors and mentees each: one organisation has
    no two people with the same e-mail and full name. Siblings who share a parent's e-mail
    differ in name; people without an e-mail are told apart by the app alone. Case is ignored
    as far as the database's LOWER() folds it; spaces and «ё» only by ``normalize_name``."""
    return models.UniqueConstraint(
        "organization",
        Lower("email"),
        Lower("full_name"),
        condition=~models.Q(email=""),
        name="%(app_label)s_%(class)s_one_per_org_email_name",
        violation_error_message=_(
            "A person with this e-mail and full name is already in this organisation."
        ),
    )
