"""Secret links (survey invitations, private calendar feeds): a random token shown once, only
its SHA-256 kept, so a copy of the database opens nothing."""

import hashlib
import secrets

TOKEN_BYTES = 32  # 256 bits of randomness, 43 characters in the link


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
