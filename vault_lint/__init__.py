"""vault-lint: lint and fix Obsidian vaults of recipe notes."""

__version__ = "0.1.0"
