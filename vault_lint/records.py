"""Records: values written whole, with a hash of their content, into vault-lint's
cache folder; and the fingerprint of this installation that their keys hold.

Light on purpose (``os``, ``sys``, ``marshal`` and BLAKE2 only): a run replayed
from its record (``replay``) reads one before anything else is imported.
"""

from __future__ import annotations

import marshal
import os
import sys

try:  # hashlib costs a few milliseconds of import time; its BLAKE2 lives here
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python implementation
    from hashlib import blake2b

TYPE_CHECKING = False  # not typing's: it costs milliseconds a replayed run does not have
if TYPE_CHECKING:
    from typing import Any

FOLDER = ".vault-lint-cache"
ENVIRONMENT = "VAULT_LINT_CACHE_DIR"
MAGIC = b"vlcache1"
# A file modified less than this before it was read may be modified again within the same
# timestamp (file systems keep coarse times): what was read from it is not trusted later.
RACY_NS = 2_000_000_000


def digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


def hex_key(*parts: object) -> str:
    """A short stable hash of ``parts`` (their ``repr``)."""
    return blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def folder_for(root: str) -> str:
    """The cache folder of the vault at ``root`` (a real path): ``.vault-lint-cache``
    in it, or under ``$VAULT_LINT_CACHE_DIR`` when that is set."""
    base = os.environ.get(ENVIRONMENT)
    if base:
        return os.path.join(base, f"{os.path.basename(root) or 'vault'}-{hex_key(root)[:16]}")
    return os.path.join(root, FOLDER)


def read_record(path: str | os.PathLike[str]) -> Any:
    """What ``write_record`` wrote at ``path``; None when it is missing, cut short,
    damaged or of another version."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    if data[:8] != MAGIC or digest(data[24:]) != data[8:24]:
        return None
    try:
        return marshal.loads(data[24:])
    except (ValueError, EOFError, TypeError):
        return None


def write_record(path: str | os.PathLike[str], value: Any) -> bool:
    """Write ``value`` at ``path`` whole: under a temporary name, then renamed."""
    try:
        payload = marshal.dumps(value)
    except ValueError:  # a value marshal cannot hold: not cached
        return False
    temporary = f"{os.fspath(path)}.{os.getpid()}-{os.urandom(4).hex()}.part"
    try:
        with open(temporary, "xb") as out:
            out.write(MAGIC + digest(payload) + payload)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return False
    return True


# -- the fingerprint of this installation --------------------------------------------------

_FINGERPRINT: str | None = None
# Packages whose change could change a finding: their installed files' times are in the key.
DEPENDENCIES = ("yaml", "pyromark", "jsonschema", "jsonschema_rs", "ftfy", "mdformat", "mdformat_gfm",
                "mdformat_wikilink", "mdit_py_plugins", "markdown_it", "yarl", "idna", "wcwidth")


def fingerprint() -> str:
    """vault-lint's version, the size and time of each of its files (an edited rule
    in a development install), its dependencies' installed files, and the Python."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        from vault_lint import __version__

        package = os.path.dirname(os.path.abspath(__file__))
        parts: list[object] = [__version__, sys.version, sys.implementation.cache_tag]
        for folder, dirs, files in os.walk(package):
            dirs[:] = sorted(name for name in dirs if name != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".json", ".toml")):
                    _stat_into(parts, os.path.join(folder, name))
        schemas = os.path.join(os.path.dirname(os.path.realpath(package)), "schemas")  # a source checkout's
        if os.path.isdir(schemas):
            for name in sorted(os.listdir(schemas)):
                _stat_into(parts, os.path.join(schemas, name))
        parts.extend(_dependency_files())
        _FINGERPRINT = hex_key(*parts)
    return _FINGERPRINT


def _stat_into(parts: list[object], path: str) -> None:
    try:
        info = os.stat(path)
    except OSError:
        return
    parts.append((path, info.st_size, info.st_mtime_ns))


def _dependency_files() -> list[object]:
    """Where each dependency is installed, and when (found without importing it)."""
    import importlib.machinery

    found: list[object] = []
    for name in DEPENDENCIES:
        spec = importlib.machinery.PathFinder.find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin and os.path.exists(origin):
            info = os.stat(origin)
            found.append((name, origin, info.st_size, info.st_mtime_ns))
        else:
            found.append((name, None))
    return found
