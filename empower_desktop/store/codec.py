"""Maps domain dataclasses to SQLite rows and to JSON, driven by their type hints.

Scalars become columns; a ZonedDateTime becomes two columns (`<name>_utc`, `<name>_tz`);
lists, dicts and nested dataclasses inside an aggregate (milestones, action items, ...) become
one JSON text column. The mapping is lossless: decode(encode(x)) == x.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from enum import Enum
from typing import Any, Generic, Protocol, TypeVar

from ..domain.common import DomainError, Record, ZonedDateTime

T = TypeVar("T", bound=Record)
SqlValue = str | int | float | None


class RowLike(Protocol):
    """A dict or an sqlite3.Row: values looked up by column name."""

    def __getitem__(self, key: str) -> Any: ...


class CodecError(ValueError):
    """A stored value does not fit the field it belongs to."""


def _unwrap_optional(tp: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


def to_json(value: Any) -> Any:
    """A JSON-ready form of a nested value (dataclasses, dates, enums, lists, dicts)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return value


def from_json(tp: Any, value: Any) -> Any:
    """Rebuild a value of type *tp* from its JSON form, checking types on the way."""
    tp, optional = _unwrap_optional(tp)
    if value is None:
        if optional:
            return None
        raise CodecError(f"missing value for {getattr(tp, '__name__', tp)}")
    origin = typing.get_origin(tp)
    if origin is list:
        if not isinstance(value, list):
            raise CodecError(f"expected a list, got {type(value).__name__}")
        (item_tp,) = typing.get_args(tp)
        return [from_json(item_tp, v) for v in value]
    if origin is dict:
        if not isinstance(value, dict):
            raise CodecError(f"expected an object, got {type(value).__name__}")
        key_tp, val_tp = typing.get_args(tp)
        return {from_json(key_tp, k): from_json(val_tp, v) for k, v in value.items()}
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        if not isinstance(value, dict):
            raise CodecError(f"expected an object for {tp.__name__}")
        hints = typing.get_type_hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        unknown = set(value) - names
        if unknown:
            raise CodecError(f"unknown fields for {tp.__name__}: {', '.join(sorted(unknown))}")
        kwargs = {}
        for key, item in value.items():
            try:
                kwargs[key] = from_json(hints[key], item)
            except CodecError as exc:
                raise CodecError(f"{key}: {exc}") from exc
        return tp(**kwargs)
    return _scalar(tp, value)


def _scalar(tp: Any, value: Any) -> Any:
    try:
        if tp is datetime:
            if not isinstance(value, str):
                raise CodecError("expected an ISO date-time text")
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise CodecError(f"time without a time zone: {value!r}")
            return parsed
        if tp is date:
            if not isinstance(value, str):
                raise CodecError("expected an ISO date text")
            return date.fromisoformat(value)
        if isinstance(tp, type) and issubclass(tp, Enum):
            return tp(value)
    except ValueError as exc:
        raise CodecError(str(exc)) from exc
    if tp is bool:
        if isinstance(value, bool) or value in (0, 1):
            return bool(value)
        raise CodecError(f"expected true or false, got {value!r}")
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise CodecError(f"expected a whole number, got {value!r}")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise CodecError(f"expected a number, got {value!r}")
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise CodecError(f"expected text, got {type(value).__name__}")
        return value
    raise CodecError(f"unsupported type {tp!r}")


@dataclasses.dataclass(frozen=True)
class _Field:
    name: str
    tp: Any
    optional: bool
    kind: str  # "zoned", "json", "scalar"

    @property
    def columns(self) -> tuple[str, ...]:
        return (f"{self.name}_utc", f"{self.name}_tz") if self.kind == "zoned" else (self.name,)


class RecordCodec(Generic[T]):
    """Encodes one Record subclass to a row dict and back."""

    def __init__(self, cls: type[T]) -> None:
        self.cls = cls
        hints = typing.get_type_hints(cls)
        self.fields: list[_Field] = []
        for f in dataclasses.fields(cls):
            tp, optional = _unwrap_optional(hints[f.name])
            if tp is ZonedDateTime:
                kind = "zoned"
            elif typing.get_origin(tp) in (list, dict) or dataclasses.is_dataclass(tp):
                kind = "json"
            else:
                kind = "scalar"
            self.fields.append(_Field(f.name, tp, optional, kind))
        self.columns: tuple[str, ...] = tuple(c for f in self.fields for c in f.columns)

    def encode(self, record: T) -> dict[str, SqlValue]:
        row: dict[str, SqlValue] = {}
        for f in self.fields:
            value = getattr(record, f.name)
            if value is None:
                for column in f.columns:
                    row[column] = None
            elif f.kind == "zoned":
                row[f"{f.name}_utc"] = value.instant.isoformat()
                row[f"{f.name}_tz"] = value.tz
            elif f.kind == "json":
                row[f.name] = json.dumps(to_json(value), ensure_ascii=False, separators=(",", ":"))
            elif isinstance(value, bool):
                row[f.name] = int(value)
            else:
                row[f.name] = to_json(value)
        return row

    def decode(self, row: RowLike) -> T:
        """Rebuild a record; raises CodecError (with the field's name) on a value that does not fit."""
        kwargs: dict[str, Any] = {}
        for f in self.fields:
            try:
                if f.kind == "zoned":
                    utc, tz = row[f"{f.name}_utc"], row[f"{f.name}_tz"]
                    if utc is None and f.optional:
                        kwargs[f.name] = None
                        continue
                    if not isinstance(utc, str) or not isinstance(tz, str):
                        raise CodecError("expected a time and a time-zone name")
                    kwargs[f.name] = ZonedDateTime(_scalar(datetime, utc), tz)
                elif f.kind == "json":
                    raw = row[f.name]
                    if raw is None:
                        kwargs[f.name] = from_json(f.tp if not f.optional else f.tp | None, None)
                        continue
                    if not isinstance(raw, str):
                        raise CodecError("expected JSON text")
                    kwargs[f.name] = from_json(f.tp, json.loads(raw))
                else:
                    kwargs[f.name] = from_json(f.tp | None if f.optional else f.tp, row[f.name])
            except KeyError as exc:
                raise CodecError(f"{self.cls.__name__}.{f.name}: column {exc} is missing") from exc
            except (CodecError, DomainError, json.JSONDecodeError, TypeError) as exc:
                raise CodecError(f"{self.cls.__name__}.{f.name}: {exc}") from exc
        try:
            return self.cls(**kwargs)
        except (DomainError, TypeError) as exc:
            raise CodecError(f"{self.cls.__name__} {kwargs.get('id')!r}: {exc}") from exc
