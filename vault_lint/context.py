"""What every rule may read besides the note: the settings and the vault."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from vault_lint.config import Settings

if TYPE_CHECKING:
    from vault_lint.index import VaultIndex
    from vault_lint.profile import Profile
    from vault_lint.vault import Vault


@dataclass
class Context:
    """What the rules see of a note's vault: its settings, where it is, and its index."""

    settings: Settings
    vault: Vault
    baseline_file: Path | None = None  # where ``--write-baseline`` writes (the configured baseline)
    # The codes of the selected rules that read the vault index (known without importing the rules:
    # a run whose notes all come from the cache imports none).
    index_rules: tuple[str, ...] = ()
    index: VaultIndex | None = None  # every note of the vault, when a selected rule reads them

    @property
    def profile(self) -> Profile:
        return self.settings.profile

    @cached_property
    def property_types(self) -> dict[str, str]:
        """The type Obsidian gives each property (``.obsidian/types.json``), by name."""
        from vault_lint.properties import declared_types

        return declared_types(self.vault.root)
