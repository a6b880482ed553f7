"""What the app says when the keyring will not help: in words, never an exception's name, and
never the password. A small backend stands in for the system's (the real Secret Service is tested
in tests/integration/test_keyring.py)."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, KeyringLocked

from empower_desktop.sync import credentials
from empower_desktop.sync.credentials import KeyringUnavailable

SECRET = "pa55-word-never-shown"


class FailingKeyring(KeyringBackend):
    """A keyring that raises *error* on every call, as a locked or broken one does."""

    priority = 1.0

    def __init__(self, error: KeyringError) -> None:
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


@pytest.fixture
def use_keyring() -> Iterator[None]:
    """Whatever a test sets as the keyring is undone after it."""
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


@pytest.mark.parametrize(
    ("error", "says"),
    [(KeyringLocked("locked"), "it is locked; unlock it"), (KeyringError("boom"), "it gave an error")],
)
def test_a_keyring_that_fails_is_told_in_words(use_keyring: object, error: KeyringError, says: str) -> None:
    keyring.set_keyring(FailingKeyring(error))
    texts = []
    with pytest.raises(KeyringUnavailable) as failed:
        credentials.save_password("work", SECRET)
    texts.append(str(failed.value))
    with pytest.raises(KeyringUnavailable) as failed:
        credentials.load_password("work")
    texts.append(str(failed.value))
    with pytest.raises(KeyringUnavailable) as failed:
        credentials.delete_password("work")
    texts.append(str(failed.value))
    for text in texts:
        assert says in text and "“work”" in text
        assert type(error).__name__ not in text and "Error" not in text and SECRET not in text


def test_the_keyring_in_use_is_named_as_it_names_itself(use_keyring: object) -> None:
    keyring.set_keyring(FailingKeyring(KeyringError("unused")))
    usable, sentence = credentials.keyring_status()
    assert usable and sentence == f"Passwords are kept in {FailingKeyring.name}."
