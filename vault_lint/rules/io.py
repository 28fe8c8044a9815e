"""Files that cannot be linted as notes, and errors of vault-lint itself."""

from __future__ import annotations

from collections.abc import Iterator

from vault_lint.context import Context
from vault_lint.findings import Diagnostic
from vault_lint.model import Model
from vault_lint.rules import define, rule


@rule("IO001", "unreadable", scope="file")
def unreadable(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """The file could not be read.

    ## What it does
    Reports a note that the operating system refused to read (permission
    denied, deleted during the run, a dangling link), with the reason it gave.

    ## Why it matters
    A note that is never read is never checked: the run must say so rather
    than pass in silence.

    ## Example
    ```console
    $ chmod 000 Recettes/Gravlax.md
    $ vault-lint Recettes/
    Recettes/Gravlax.md:1:1: IO001 cannot read the file: Permission denied
    ```

    ## Fix safety
    No fix.
    """
    note = model.note
    if note.io_error:
        yield Diagnostic(0, 0, f"cannot read the file: {note.io_error}")


@rule("IO002", "file-too-large", scope="file")
def file_too_large(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """The file is larger than the size limit and was skipped unread.

    ## What it does
    Skips a note larger than `--max-file-size` (default 10 MB, also
    `max-file-size` in the configuration file) without reading it whole.

    ## Why it matters
    A recipe note is a few kilobytes. A file of many megabytes named `.md`
    is an export, a log or a mistake; reading it would only slow every run.

    ## Example
    ```console
    $ vault-lint .
    dump.md:1:1: IO002 file is 52,428,800 bytes, over the limit of 10,485,760 bytes; skipped
    ```

    ## Fix safety
    No fix.
    """
    note = model.note
    if note.too_large:
        limit = ctx.settings.max_file_size
        yield Diagnostic(0, 0, f"file is {note.raw_size:,} bytes, over the limit of {limit:,} bytes; skipped")


@rule("IO003", "outside-vault", scope="file")
def outside_vault(model: Model, ctx: Context) -> Iterator[Diagnostic]:
    """A link in the vault leads to a file or folder outside the vault.

    ## What it does
    Reports a symbolic link whose target lies outside the vault root, found
    in a folder or named on the command line (`Recettes/old.md`, a linked
    folder, or a note inside one). It is neither read for fixing, written,
    nor cleaned of temporary files unless `--follow-symlinks` (or
    `follow-symlinks = true`) is given.

    ## Why it matters
    Following such a link would lint, and with `--fix` rewrite, files that
    belong to something else.

    ## Example
    ```console
    $ ln -s ~/Documents/old.md Recettes/old.md
    $ vault-lint .
    Recettes/old.md:1:1: IO003 link leads outside the vault to /home/me/Documents/old.md; not followed
    ```

    ## Fix safety
    No fix.
    """
    note = model.note
    if note.outside:
        yield Diagnostic(0, 0, f"link leads outside the vault to {note.outside}; not followed")


define("IO004", "changed-on-disk", """The note changed on disk while vault-lint was fixing it.

    ## What it does
    With `--fix`, vault-lint checks, just before it replaces a note, that it
    is still the file it read: the same file (inode), size, modification
    time and bytes. When someone (an editor saving in two steps, a sync
    client) wrote the note in between, the fix is dropped and this finding
    is reported.

    ## Why it matters
    Writing the fixed text over a newer version would lose that person's edit.

    ## Example
    ```console
    $ vault-lint --fix .
    Gravlax.md:1:1: IO004 note changed on disk since it was read; not overwritten, run again
    ```

    ## Fix safety
    No fix: run vault-lint again.
    """)

define("IO005", "not-writable", """A fixed note could not be written.

    ## What it does
    Reports a note that `--fix` changed but could not write back (a
    read-only file or folder, a full disk), or whose fixed text would be
    larger than `max-file-size` (the next run would skip it). The note is
    left untouched.

    ## Why it matters
    The fix did not happen; the run must not pretend it did.

    ## Example
    ```console
    $ chmod a-w Gravlax.md
    $ vault-lint --fix Gravlax.md
    Gravlax.md:1:1: IO005 cannot write the fixed note: the file is read-only; left untouched
    ```

    ## Fix safety
    No fix: make the file writable and run again.
    """)

define("FIX001", "fix-not-converging", """Fixes kept changing the note without settling.

    ## What it does
    `--fix` applies fixes in rounds, linting again after each one. When the
    note still changes after the last round, the rules named in the message
    undo each other's work; the note is left as it was.

    ## Why it matters
    This is a bug in vault-lint's rules: it is reported rather than looped on.

    ## Example
    ```console
    Gravlax.md:1:1: FIX001 fixes did not converge after 10 rounds (TG001, TG002); note left unchanged
    ```

    ## Fix safety
    No fix: please report it.
    """)

define("INTERNAL", "internal-error", """A rule failed with an error on this note.

    ## What it does
    Contains an exception raised inside one rule on one note: the other
    rules and notes still run, and the exit code is 2.

    ## Why it matters
    One odd note must not stop a whole vault from being checked.

    ## Example
    ```console
    Odd.md:1:1: INTERNAL rule TM002 (quick-info-mismatch) failed on this note with ValueError: ...
    ```

    ## Fix safety
    No fix: please report it, with the note if you can.
    """)
