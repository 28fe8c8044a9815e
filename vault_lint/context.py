"""What every rule may read besides the note: the settings and the vault."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from vault_lint.config import Settings

if TYPE_CHECKING:
    from vault_lint.profile import Profile
    from vault_lint.vault import Vault


@dataclass
class Context:
    settings: Settings
    vault: Vault

    @property
    def profile(self) -> Profile:
        return self.settings.profile
