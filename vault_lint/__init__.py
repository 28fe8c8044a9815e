"""vault-lint: lint and fix Obsidian vaults of recipe notes.

The public API is two functions, ``check_text`` and ``fix_text`` (see
``vault_lint.api``); the command line is ``vault-lint`` (``vault_lint.cli``).
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: importing typing widens the window where Ctrl-C meets no handler

__version__ = "0.1.0"
__all__ = ["check_text", "fix_text", "__version__"]

if TYPE_CHECKING:
    from typing import Any

    from vault_lint.api import check_text, fix_text


def __getattr__(name: str) -> Any:
    # Lazy, for import time: `vault-lint --version` and the hook start-up do
    # not need the API's imports.
    if name in ("check_text", "fix_text"):
        from vault_lint import api

        return getattr(api, name)
    raise AttributeError(name)
