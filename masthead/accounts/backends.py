from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest


class AuthenticationBackend(AllauthBackend):
    """allauth's backend, with a failed log-in costing the same whether the account exists.

    With log-in by e-mail or username, allauth tries an address as both, so a wrong password
    for a known address costs two password hashes while an unknown address costs one: a
    difference of a full Argon2 run that anyone can time. We pad every failure to the same
    number of hashes. (This backend also serves username log-ins, including the admin's, so
    Django's ModelBackend is not listed beside it: it would add a hash of its own.)
    """

    HASHES_PER_FAILURE = 2

    def authenticate(
        self, request: HttpRequest | None, **credentials: Any
    ) -> AbstractBaseUser | None:
        password = credentials.get("password")
        if not password:
            return None
        self._checks = 0
        user = self._authenticate(request, **credentials)
        if user is None:
            for _ in range(self.HASHES_PER_FAILURE - self._checks):
                self._mitigate_timing_attack(password)
        return user

    def _check_password(
        self, user: AbstractBaseUser | None, password: str
    ) -> AbstractBaseUser | None:
        if user is not None:
            self._checks += 1
        return super()._check_password(user, password)
