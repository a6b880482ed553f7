"""Maps domain dataclasses to SQLite rows and to JSON, driven by their type hints.

Scalars become columns; a ZonedDateTime becomes two columns (`<name>_utc`, `<name>_tz`);
lists, dicts and nested dataclasses inside an aggregate (milestones, action items, ...) become
one JSON text column. The mapping is lossless: decode(encode(x)) == x.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Callable
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


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    """A dataclass's resolved field types (resolving string annotations is slow: do it once)."""
    return typing.get_type_hints(cls)


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


Decoder = Callable[[Any], Any]


def from_json(tp: Any, value: Any) -> Any:
    """Rebuild a value of type *tp* from its JSON form, checking types on the way."""
    return decoder(tp)(value)


@functools.cache
def decoder(tp: Any) -> Decoder:
    """A function that rebuilds values of type *tp*; built once per type, since decoding is hot."""
    inner, optional = _unwrap_optional(tp)
    decode = _decoder_for(inner)
    name = getattr(inner, "__name__", str(inner))
    if optional:
        return lambda value: None if value is None else decode(value)

    def required(value: Any) -> Any:
        if value is None:
            raise CodecError(f"missing value for {name}")
        return decode(value)

    return required


def _decoder_for(tp: Any) -> Decoder:
    origin = typing.get_origin(tp)
    if origin is list:
        item = decoder(typing.get_args(tp)[0])

        def decode_list(value: Any) -> list[Any]:
            if not isinstance(value, list):
                raise CodecError(f"expected a list, got {type(value).__name__}")
            return [item(v) for v in value]

        return decode_list
    if origin is dict:
        key_tp, val_tp = typing.get_args(tp)
        key, val = decoder(key_tp), decoder(val_tp)

        def decode_dict(value: Any) -> dict[Any, Any]:
            if not isinstance(value, dict):
                raise CodecError(f"expected an object, got {type(value).__name__}")
            return {key(k): val(v) for k, v in value.items()}

        return decode_dict
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _object_decoder(tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return _enum_decoder(tp)
    try:
        return _SCALARS[tp]
    except (KeyError, TypeError):
        raise CodecError(f"unsupported type {tp!r}") from None


def _object_decoder(cls: type) -> Decoder:
    hints = _hints(cls)
    fields = {f.name: decoder(hints[f.name]) for f in dataclasses.fields(cls)}

    def decode_object(value: Any) -> Any:
        if not isinstance(value, dict):
            raise CodecError(f"expected an object for {cls.__name__}")
        kwargs = {}
        for key, item in value.items():
            field_decoder = fields.get(key)
            if field_decoder is None:
                raise CodecError(f"unknown field {key!r} for {cls.__name__}")
            try:
                kwargs[key] = field_decoder(item)
            except CodecError as exc:
                raise CodecError(f"{key}: {exc}") from exc
        return cls(**kwargs)

    return decode_object


def _enum_decoder(cls: type[Enum]) -> Decoder:
    members = {m.value: m for m in cls}

    def decode_enum(value: Any) -> Enum:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise CodecError(f"{value!r} is not a valid {cls.__name__}") from None

    return decode_enum


def _decode_datetime(value: Any) -> datetime:
    if not isinstance(value, str):
        raise CodecError("expected an ISO date-time text")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CodecError(str(exc)) from exc
    if parsed.tzinfo is None:
        raise CodecError(f"time without a time zone: {value!r}")
    return parsed


def _decode_date(value: Any) -> date:
    if not isinstance(value, str):
        raise CodecError("expected an ISO date text")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CodecError(str(exc)) from exc


def _decode_bool(value: Any) -> bool:
    if isinstance(value, bool) or value in (0, 1):
        return bool(value)
    raise CodecError(f"expected true or false, got {value!r}")


def _decode_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CodecError(f"expected a whole number, got {value!r}")
    return value


def _decode_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CodecError(f"expected a number, got {value!r}")
    return float(value)


def _decode_str(value: Any) -> str:
    if not isinstance(value, str):
        raise CodecError(f"expected text, got {type(value).__name__}")
    return value


_SCALARS: dict[Any, Decoder] = {
    datetime: _decode_datetime,
    date: _decode_date,
    bool: _decode_bool,
    int: _decode_int,
    float: _decode_float,
    str: _decode_str,
}


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
        hints = _hints(typing.cast(Any, cls))
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
        self._readers = [(f, _reader(f)) for f in self.fields]

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
        for f, read in self._readers:
            try:
                kwargs[f.name] = read(row)
            except KeyError as exc:
                raise CodecError(f"{self.cls.__name__}.{f.name}: column {exc} is missing") from exc
            except (CodecError, DomainError, json.JSONDecodeError, TypeError) as exc:
                raise CodecError(f"{self.cls.__name__}.{f.name}: {exc}") from exc
        try:
            return self.cls(**kwargs)
        except (DomainError, TypeError) as exc:
            raise CodecError(f"{self.cls.__name__} {kwargs.get('id')!r}: {exc}") from exc


def _reader(f: _Field) -> Callable[[RowLike], Any]:
    """A function that reads field *f* from a row (built once per codec: decoding is hot)."""
    if f.kind == "zoned":
        utc_col, tz_col = f.columns

        def read_zoned(row: RowLike) -> ZonedDateTime | None:
            utc, tz = row[utc_col], row[tz_col]
            if utc is None and f.optional:
                return None
            if not isinstance(utc, str) or not isinstance(tz, str):
                raise CodecError("expected a time and a time-zone name")
            return ZonedDateTime(_decode_datetime(utc), tz)

        return read_zoned
    decode = decoder(f.tp | None if f.optional else f.tp)
    if f.kind == "json":

        def read_json(row: RowLike) -> Any:
            raw = row[f.name]
            if raw is not None and not isinstance(raw, str):
                raise CodecError("expected JSON text")
            return decode(None if raw is None else json.loads(raw))

        return read_json
    return lambda row: decode(row[f.name])
