"""The error every layer raises when the person can act on it; its message says what to do.

The window shows these as a message box and the CLI as a one-line reason; anything else that
escapes is a bug and is shown as one.
"""


class ActionableError(Exception):
    """A failure caused by the environment or the input, not by a bug in the app."""


class InputError(ActionableError):
    """What the person typed cannot be used as it is (not a date, a number out of range, ...)."""
