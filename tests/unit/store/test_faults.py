"""Faults from the environment: a process killed mid-write, a full disk."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from empower_desktop.domain import Skill
from empower_desktop.services import Services
from empower_desktop.store import DB_NAME, Database, Store, StoreEnvironmentError
from empower_desktop.store.errors import DiskFullError

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from empower_desktop.domain import Skill, SkillRating
    from empower_desktop.store import Database, Store
    store = Store(Database(sys.argv[1]))
    i = 0
    while True:
        with store.db.transaction():
            skill = store.skills.add(Skill(name=f"skill-{i}", notes="n" * 2000))
            store.skill_ratings.add_many(
                SkillRating(skill_id=skill.id, rated_on=date(2026, 1, 1 + k), level=1 + k % 5) for k in range(20)
            )
        print(i, flush=True)
        i += 1
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [5, 60, 240])
def test_kill_9_mid_write_keeps_every_committed_change(tmp_path: Path, kill_after: int) -> None:
    path = tmp_path / DB_NAME
    committed: list[int] = []
    with subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        while len(committed) < kill_after and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            committed.append(int(line))
        proc.kill()  # SIGKILL (TerminateProcess on Windows), most likely inside the next transaction
        proc.wait(timeout=10)
    assert len(committed) == kill_after, "the writer stopped before it was killed"

    db = Database(path)  # opens without complaint: no corruption
    assert db.integrity_check() == ["ok"]
    names = {row[0] for row in db.query("SELECT name FROM skills")}
    assert {f"skill-{i}" for i in committed} <= names
    # a transaction is all or nothing: every skill present has all of its ratings
    partial = db.query(
        "SELECT s.name, count(r.id) FROM skills s LEFT JOIN skill_ratings r ON r.skill_id = s.id "
        "GROUP BY s.id HAVING count(r.id) != 20"
    )
    db.close()
    assert partial == []


@contextlib.contextmanager
def tiny_disk(folder: Path, size: str = "1m") -> Iterator[Path]:
    folder.mkdir()
    if (
        os.name != "posix"
        or os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
        ).returncode
    ):
        pytest.skip("a small tmpfs can only be mounted as root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_gives_a_clear_message_and_keeps_what_was_saved(tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "disk") as disk:
        store = Store(Database(disk / DB_NAME))
        store.skills.add(Skill(name="saved before the disk filled"))
        with pytest.raises(DiskFullError, match="disk is full"):
            for i in range(10_000):
                store.skills.add(Skill(name=f"filler {i}", notes="x" * 10_000))
        count = store.skills.count()
        store.close()
        reopened = Store(Database(disk / DB_NAME))
        assert reopened.db.integrity_check() == ["ok"]
        assert reopened.skills.count() == count
        assert any(s.name == "saved before the disk filled" for s in reopened.skills.all())
        reopened.close()


def test_a_backup_to_a_full_disk_fails_cleanly_without_a_partial_file(demo_services: Services, tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "disk", size="16k") as disk:
        with pytest.raises(StoreEnvironmentError, match=r"^Nothing was written. The disk is full, so .* could not"):
            demo_services.data.backup(disk / "backup.json")
        assert list(disk.iterdir()) == []
