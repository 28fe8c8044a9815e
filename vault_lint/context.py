"""What every rule may read besides the note: the settings and the vault."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from vault_lint.config import Settings

if TYPE_CHECKING:
    from vault_lint.note import Note
    from vault_lint.profile import Profile
    from vault_lint.schema import Violation
    from vault_lint.vault import Vault


@dataclass
class Context:
    settings: Settings
    vault: Vault

    @property
    def profile(self) -> Profile:
        return self.settings.profile

    def violations(self, note: Note) -> list[Violation]:
        """The schema errors of a note's front matter, computed once per note."""
        from vault_lint.schema import violations

        return note.memo("schema-violations", lambda: violations(self.schema_validator, note.data))

    @cached_property
    def schema_validator(self) -> Any:
        # Lazy: jsonschema costs ~100 ms of import time, and notes that are
        # not recipes never need it.
        from vault_lint.schema import load_validator

        return load_validator(self.profile.schema)
