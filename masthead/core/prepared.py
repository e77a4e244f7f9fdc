"""Queries the ORM builds once per process and then runs with new arguments.

Turning a QuerySet into SQL costs Django about half a millisecond of CPU for a simple lookup and
2 to 3 ms for one with a few subqueries, every time: more than the database takes to answer.
The hot path of posting a comment asks three such questions per request (whose token is this,
which article, may this user write), so it keeps their compiled SQL and only substitutes the
arguments.

Arguments are stand-ins while the query is built: an integer, a string or an aware datetime that
no real call uses. After compiling, each parameter equal to a stand-in (as the database backend
prepared it) is remembered by position, and each run puts the real value, prepared the same way,
there. The ORM's converters (SQLite's text datetimes and integer booleans, JSON) are applied to
what comes back, as the ORM would.

Two kinds of query are supported: ``values()`` queries, whose runs return a dict per row, and
plain queries of one model without ``select_related``, whose runs return model instances built
with ``Model.from_db`` (the path the ORM itself takes).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable

_INT_BASE = -7_301_928_374_000


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: list[Any]
    slots: list[str | None]  # per parameter: the argument that replaces it, or None
    columns: list[str]
    converters: dict[int, tuple[list[Any], Any]]
    model: type[Model] | None  # None for values() queries


class PreparedQuery:
    def __init__(self, build: Callable[..., QuerySet[Any, Any]], **kinds: type) -> None:
        """`build` makes the QuerySet from keyword arguments; `kinds` names each one's type
        (`int`, `str` or `datetime`)."""
        self.build = build
        self.kinds = kinds
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def _stand_ins(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for number, (name, kind) in enumerate(self.kinds.items()):
            if kind is int:
                values[name] = _INT_BASE - number
            elif kind is datetime:
                values[name] = datetime(1901, 2, 3, 4, 5, number, 678901, tzinfo=UTC)
            elif kind is str:
                values[name] = f"\x01prepared argument {number}\x01"
            else:
                raise TypeError(f"{name}: only int, str and datetime arguments can be substituted")
        return values

    @staticmethod
    def _prepare(value: Any, alias: str) -> Any:
        if isinstance(value, datetime):
            return connections[alias].ops.adapt_datetimefield_value(value)
        return value

    def _compile(self, alias: str) -> _Compiled:
        compiled = self._compiled.get(alias)
        if compiled is not None:
            return compiled
        with self._lock:
            stand_ins = self._stand_ins()
            queryset = self.build(**stand_ins)
            query = queryset.query
            values_mode = bool(query.values_select or query.annotation_select)
            if not values_mode and (
                query.select_related or queryset._iterable_class is not ModelIterable
            ):
                raise TypeError("PreparedQuery needs a values() query or a plain model query")
            compiler = query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            by_value = {self._prepare(value, alias): name for name, value in stand_ins.items()}
            slots = [by_value.get(param) for param in params]
            missing = set(stand_ins) - {slot for slot in slots if slot}
            if missing:
                raise ValueError(f"arguments not found in the compiled SQL: {sorted(missing)}")
            selected = [expr for expr, _sql, _name in compiler.select]
            compiled = _Compiled(
                sql=sql,
                params=list(params),
                slots=slots,
                columns=[name or expr.target.attname for expr, _sql, name in compiler.select],
                converters=compiler.get_converters(selected),
                model=None if values_mode else queryset.model,
            )
            self._compiled[alias] = compiled
        return compiled

    def _run(self, alias: str, arguments: dict[str, Any]) -> tuple[_Compiled, list[list[Any]]]:
        compiled = self._compile(alias)
        values = [
            param if slot is None else self._prepare(arguments[slot], alias)
            for param, slot in zip(compiled.params, compiled.slots, strict=True)
        ]
        connection = connections[alias]
        # PostgreSQL (masthead.core.postgresql): bound on the server and prepared once per
        # connection, since the SQL never changes; elsewhere Django's own cursor.
        bound = getattr(connection, "bound_cursor", None)
        with bound() if bound is not None else connection.cursor() as cursor:
            cursor.execute(compiled.sql, values)
            found = [list(row) for row in cursor.fetchall()]
        for row in found:
            for index, (functions, expression) in compiled.converters.items():
                value = row[index]
                for convert in functions:
                    value = convert(value, expression, connection)
                row[index] = value
        return compiled, found

    def rows(self, alias: str, **arguments: Any) -> list[dict[str, Any]]:
        compiled, found = self._run(alias, arguments)
        if compiled.model is not None:
            raise TypeError("this query returns model instances: use objects()")
        return [dict(zip(compiled.columns, row, strict=True)) for row in found]

    def first(self, alias: str, **arguments: Any) -> dict[str, Any] | None:
        found = self.rows(alias, **arguments)
        return found[0] if found else None

    def objects(self, alias: str, **arguments: Any) -> list[Any]:
        compiled, found = self._run(alias, arguments)
        if compiled.model is None:
            raise TypeError("this is a values() query: use rows()")
        return [compiled.model.from_db(alias, compiled.columns, row) for row in found]

    def first_object(self, alias: str, **arguments: Any) -> Any | None:
        found = self.objects(alias, **arguments)
        return found[0] if found else None
