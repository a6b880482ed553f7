"""The Qt user interface. Qt is imported only here and in app.py."""
