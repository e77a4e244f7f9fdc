"""The base of every refusal a person can act on, shared by the apps' own error families."""

from __future__ import annotations


class UserFacingError(Exception):
    """A clear message for the reader or moderator, and the HTTP status adapters answer with."""

    status = 400

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
