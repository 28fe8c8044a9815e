"""Suppression rules: the comments that silence findings (``suppressions.py``).

These two rules are not checks of the note's recipe: the linter reports them
itself once it has applied the note's suppressions to the other rules'
findings (``linter.lint``), so they have no check function here, only their
code, name and documentation. ``select``, ``ignore`` and
``per-file-ignores`` turn them on and off like any rule; a suppression
cannot silence them.
"""

from __future__ import annotations

from vault_lint.rules import define

define("NQ001", "unknown-suppression", """A suppression comment names a rule code that does not exist, or is misspelt.

## What it does
Reads the note's suppression comments, the ones vault-lint obeys, all of
them invisible in Obsidian's reading view:

- in the body, an Obsidian comment or an HTML comment:
  `%% vault-lint-disable-next-line SR001 %%` (the line below it),
  `%% vault-lint-disable SC002 %%` … `%% vault-lint-enable SC002 %%` (the
  lines between), `%% vault-lint-disable-file TG003 %%` (the whole note);
  `<!-- vault-lint-disable-next-line SR001 -->` works the same;
- in the front matter, a YAML comment at the end of the line of the finding:
  `temps_total: 90  # vault-lint: ignore[TM001]`;
- for the whole note, the front matter key `vault-lint: {ignore: [TG003]}`
  (a property: unlike the comments, Obsidian's properties panel shows it).

Codes are comma-separated; a prefix (`TG`) silences a family. A comment
without codes (`%% vault-lint-disable-next-line %%`,
`# vault-lint: ignore`) silences every rule. Text after ` -- ` is a reason,
for people: `%% vault-lint-disable-file TG003 -- tags kept by hand %%`.

This rule reports a code that names no rule (`SR01`, `TG9`), a directive
vault-lint does not know (`vault-lint-disabel`, `# vault-lint: ingore`),
the front matter form written in the body or the body form in the front
matter, and a `vault-lint` key that is not `{ignore: [codes]}`.

## Why it matters
A suppression with a typo silences nothing: the finding it was written for
still fails the run, and nothing says why the comment does not work.

## Example
```markdown
%% vault-lint-disable-next-line SR01 %%
Link: https://www.instagram.com/reel/DA1b2C3d4E5/
```
Use instead: `%% vault-lint-disable-next-line SR001 %%`.

## Fix safety
No fix: which code was meant is not known.
""", scope="note")

define("NQ002", "unused-suppression", """A suppression comment silences nothing (off by default).

## What it does
Reports a suppression (see NQ001 for the forms) that silenced no finding in
this run: the finding it was written for was fixed, or moved, or its rule
is not selected (the message says which). For a comment naming several
codes, only the codes that silenced nothing are reported. As ruff's
RUF100, it is off by default: select it by its code
(`--extend-select NQ002`).

## Why it matters
A suppression that outlived its finding hides the next real finding on the
same line, or in the same note, without anyone noticing.

## Example
```yaml
temps_total: 70  # vault-lint: ignore[TM001]
```
where `temps_total` is right: the comment is not needed any more.

## Fix safety
Safe: the fix removes the unused codes from the comment, or, when none of
its codes is used, the directive with its reason (` -- ...`): the whole
comment (and its line, when the comment is alone on it) when it holds
nothing else; the directive's line alone when the comment holds more (the
lines below a body directive are the author's text, kept with the
comment's markers); in front matter, the text after the directive stays
as a comment (`# vault-lint: ignore[TM001] à revoir` becomes
`# à revoir`). Withheld when the suppression also names an unknown code
(NQ001: correct it first), or when the note would then read otherwise
than without the directive. The one comment a fix may remove is
vault-lint's own suppression; the front matter key `vault-lint` is a
property, and is only reported, never edited.
""", scope="note", default=False, fix="safe")
