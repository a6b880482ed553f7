"""The error every layer raises when the person can act on it; its message says what to do.

The window shows these as a message box and the CLI as a one-line reason; anything else that
escapes is a bug and is shown as one.
"""


class ActionableError(Exception):
    """A failure caused by the environment or the input, not by a bug in the app."""


class InputError(ActionableError):
    """What the person typed cannot be used as it is (not a date, a number out of range, ...)."""


def os_error_text(exc: OSError, path: object = None) -> str:
    """What a file or folder problem means, in words: no error number, no exception name.

    *path* names the file or folder when the error does not (or names a temporary one).
    """
    import errno

    name = path if path is not None else exc.filename
    where = f"“{name}”" if name else "The file"
    messages = {
        errno.EISDIR: f"{where} is a folder, not a file. Choose a file name.",
        errno.ENOTDIR: f"{where} cannot be used: part of that path is a file, not a folder.",
        errno.ENOENT: f"{where} does not exist (or its folder does not).",
        errno.EEXIST: f"{where} already exists.",
        errno.EACCES: f"{where} may not be used: you have no permission there. Choose a place you can write to.",
        errno.EPERM: f"{where} may not be used: you have no permission there. Choose a place you can write to.",
        errno.EROFS: f"{where} is on a read-only disk. Choose a place you can write to.",
        errno.ENOSPC: f"The disk is full, so {where} could not be written. Free some space and try again.",
        errno.EDQUOT: f"Your disk quota is used up, so {where} could not be written. Free some space and try again.",
        errno.ENAMETOOLONG: f"The name {where} is too long for this computer. Choose a shorter one.",
        errno.EBUSY: f"{where} is in use by another program. Close it there and try again.",
    }
    if exc.errno in messages:
        return messages[exc.errno]
    reason = (exc.strerror or "it could not be used").rstrip(".")
    return f"{where} could not be used: {reason[0].lower()}{reason[1:]}."


def message_for(exc: BaseException) -> str:
    """The sentence a person reads for a failure they can act on."""
    if isinstance(exc, OSError) and not isinstance(exc, ActionableError):
        return os_error_text(exc)
    return str(exc)
