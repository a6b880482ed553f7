"""CalDAV passwords live in the OS keyring only (service "empower-desktop"): the Windows Credential
Manager, the macOS Keychain, or the Secret Service on Linux. Never in the database, the settings,
the logs or an error message. With no keyring, the password is asked for each session.

Keyring calls can block for seconds (a locked keyring asks to be unlocked): the GUI calls these
off its thread.
"""

from __future__ import annotations

from ..errors import ActionableError

SERVICE = "empower-desktop"


class KeyringUnavailable(ActionableError):
    """No usable keyring on this computer; the message says why and what to do instead."""


def _backend_problem() -> str | None:
    """Why the keyring cannot be used, or None when it can."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:  # pragma: no cover - keyring is a dependency
        return "the keyring package is not installed"
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return "no keyring service was found on this computer"
    if getattr(backend, "priority", 1) <= 0:
        return f"the only keyring found ({_name(backend)}) is not a safe place for passwords"
    return None


def keyring_problem() -> str | None:
    """Why passwords cannot be kept in a keyring on this computer, or None when they can."""
    return _backend_problem()


def keyring_status() -> tuple[bool, str]:
    """(usable, a sentence for the person)."""
    problem = _backend_problem()
    if problem is None:
        import keyring

        return True, f"Passwords are kept in {_name(keyring.get_keyring())}."
    return False, f"Passwords cannot be saved: {problem}. You will be asked for the password each session."


def save_password(account: str, password: str) -> None:
    problem = _backend_problem()
    if problem is not None:
        raise KeyringUnavailable(f"The password for “{account}” cannot be saved: {problem}.")
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, account, password)
    except KeyringError as exc:
        raise KeyringUnavailable(f"The keyring refused to save the password for “{account}”: {_why(exc)}.") from None


def load_password(account: str) -> str | None:
    """The saved password, or None when there is none (or no keyring to hold one)."""
    if _backend_problem() is not None:
        return None
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, account)
    except KeyringError as exc:
        raise KeyringUnavailable(f"The keyring could not be read for “{account}”: {_why(exc)}.") from None


def delete_password(account: str) -> None:
    if _backend_problem() is not None:
        return
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, account)
    except PasswordDeleteError:
        pass  # there was none
    except KeyringError as exc:
        raise KeyringUnavailable(f"The keyring could not forget the password for “{account}”: {_why(exc)}.") from None


def _why(exc: BaseException) -> str:
    """What went wrong in the keyring, in words (never the exception's name)."""
    from keyring.errors import InitError, KeyringLocked

    if isinstance(exc, KeyringLocked):
        return "it is locked; unlock it (or sign in again) and try once more"
    if isinstance(exc, InitError):
        return "it could not be opened on this computer"
    return "it gave an error; unlock it or restart the keyring service, and try once more"


def _name(backend: object) -> str:
    """The keyring's own name for itself ("SecretService Keyring", "macOS Keyring", ...)."""
    return str(getattr(backend, "name", "") or "the system keyring")
