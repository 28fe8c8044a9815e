"""The errors that stop a run with one line and exit 2."""

from __future__ import annotations


class ConfigError(Exception):
    """A configuration (or a file it names) that cannot be used; the message names the file."""
