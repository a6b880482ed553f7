"""Every record type round-trips through SQLite and through JSON without losing anything."""

from __future__ import annotations

import pytest

from empower_desktop.services import Services
from empower_desktop.store import TABLES
from empower_desktop.store.codec import CodecError, RecordCodec, from_json, to_json
from empower_desktop.store.migrations import MIGRATIONS, RETIRED_COLUMNS


def _schema_columns(services: Services, table: str) -> list[str]:
    retired = RETIRED_COLUMNS.get(table, ())
    return [row[1] for row in services.store.db.query(f"PRAGMA table_info({table})") if row[1] not in retired]


@pytest.mark.parametrize("table", list(TABLES))
def test_schema_matches_the_record_fields(services: Services, table: str) -> None:
    assert list(RecordCodec(TABLES[table]).columns) == _schema_columns(services, table)


@pytest.mark.parametrize("table", list(TABLES))
def test_every_demo_record_round_trips_through_the_store_and_json(demo_services: Services, table: str) -> None:
    repo = demo_services.store.repositories()[table]
    records = repo.all()
    assert records, f"the example data has no {table}"
    for record in records:
        assert repo.get(record.id) == record
        assert from_json(TABLES[table], to_json(record)) == record


def test_a_row_that_does_not_fit_names_the_field(demo_services: Services) -> None:
    codec = demo_services.store.goals.codec
    row = dict(codec.encode(demo_services.store.goals.all()[0]))
    row["deadline"] = "not a date"
    with pytest.raises(CodecError, match=r"Goal\.deadline"):
        codec.decode(row)
    row = dict(codec.encode(demo_services.store.goals.all()[0]))
    row["milestones"] = '[{"title": "x", "due": 5}]'
    with pytest.raises(CodecError, match=r"Goal\.milestones"):
        codec.decode(row)


def test_migrations_are_plain_sql_and_versioned() -> None:
    assert MIGRATIONS and all("CREATE TABLE" in m or "ALTER" in m for m in MIGRATIONS)
