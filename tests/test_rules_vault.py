"""Vault-wide rules (VL001 duplicate-recipe, VL002 broken-link, VL003
tag-variant) and the Bases rules (BS001, BS002), through the real command
line on small vaults: the index is built from every note of the vault, also
when one note is passed, and findings are reported on the notes asked for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import CLEAN, run_cli, write_note

from vault_lint.api import check_text

REEL = "https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk"


def concise(*args: str | Path, cwd: Path) -> list[str]:
    result = run_cli("--output-format", "concise", "--no-cache", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return [line for line in result.stdout.splitlines() if ": " in line and not line.startswith("Found")]


def test_duplicates_across_folders_through_tracking_noise(vault: Path) -> None:
    write_note(vault, "Recettes/Porc.md", CLEAN)
    write_note(vault, "Brouillons/Porc (copie).md",
               CLEAN.replace(REEL, "http://instagram.com/reel/C8xYzAbCdEf?utm_source=ig_web_copy_link"))
    write_note(vault, "Recettes/Autre.md", CLEAN.replace(REEL, "https://www.instagram.com/reel/AUTRE123/"))
    assert concise("--select", "VL001", ".", cwd=vault) == [
        "Brouillons/Porc (copie).md:11:6: VL001 the same recipe as 'Recettes/Porc.md': its url is the same address",
        "Recettes/Porc.md:11:6: VL001 the same recipe as 'Brouillons/Porc (copie).md': its url is the same address",
    ]
    # One note passed (as pre-commit does): the other copy is still known.
    assert concise("--select", "VL001", "Recettes/Porc.md", cwd=vault) == [
        "Recettes/Porc.md:11:6: VL001 the same recipe as 'Brouillons/Porc (copie).md': its url is the same address",
    ]


LINKING = """---
tags: [menu]
---
# Menu de fête

Entrée : [[Porc]], [[recettes/porc|le porc]], [[Porc#Informations rapides]], [[Porc.md#Étapes]].
Image : ![[photo.png]] et ![[photo.png#page=2]], [bloc](Porc.md#^tip) et [[Porc#^tip]].
Plat : [[Canard]] ; [[Porc#Cuisson]] ; [[Porc#^absent]] ; ![[plan.pdf]].
%% à faire : [[Dessert oublié]] %%
`[[Dans du code]]` et [site](https://example.com/a:b)

## Section

Voir [[#Section]] et [[#Nulle part]].
"""


def test_broken_links_are_found_and_valid_ones_left_alone(vault: Path) -> None:
    write_note(vault, "Recettes/Porc.md", CLEAN + "\nAstuce du chef. ^tip\n")
    write_note(vault, "Menus/Fête.md", LINKING)
    (vault / "Pièces jointes").mkdir()
    (vault / "Pièces jointes" / "photo.png").write_bytes(b"\x89PNG")
    expected = [
        "Menus/Fête.md:8:8: VL002 note 'Canard' not found in the vault",
        "Menus/Fête.md:8:21: VL002 heading 'Cuisson' not found in 'Recettes/Porc.md'",
        "Menus/Fête.md:8:40: VL002 block '^absent' not found in 'Recettes/Porc.md'",
        "Menus/Fête.md:8:59: VL002 file 'plan.pdf' not found in the vault",
        "Menus/Fête.md:9:14: VL002 note 'Dessert oublié' not found in the vault",
        "Menus/Fête.md:14:22: VL002 heading 'Nulle part' not found in this note",
    ]
    assert concise("--select", "VL002", ".", cwd=vault) == expected
    assert concise("--select", "VL002", "Menus/Fête.md", cwd=vault) == expected


def test_check_text_gives_the_vault_wide_findings_of_the_command_line(vault: Path) -> None:
    write_note(vault, "Recettes/Porc.md", CLEAN)
    write_note(vault, "Menus/Fête.md", LINKING)
    command_line = concise("--select", "VL002", "Menus/Fête.md", cwd=vault)
    (vault / "Menus" / "Fête.md").unlink()  # the text is checked as if it were there
    found = check_text(LINKING, vault / "Menus" / "Fête.md")
    assert [f"Menus/Fête.md:{f.line}:{f.column}: {f.code} {f.message}" for f in found if f.code == "VL002"] \
        == command_line
    assert len(command_line) == 10  # photo.png (twice) and the block ^tip (twice) are not in this vault


TAGGED = "---\ntags:\n  - {tag}\n---\n# {name}\n\nDu texte #{inline}.\n"


def test_tag_variants_are_grouped_under_the_most_used_form(vault: Path) -> None:
    for index in range(3):
        write_note(vault, f"Notes/N{index}.md", TAGGED.format(tag="cuisine/américaine", name=index, inline="sucré-salé"))
    write_note(vault, "Notes/Variante.md", TAGGED.format(tag='"#Cuisine/Americaine"', name="V", inline="sucré_salé"))
    assert concise("--select", "VL003", ".", cwd=vault) == [
        ("Notes/Variante.md:3:5: VL003 tag '#Cuisine/Americaine' is a variant of '#cuisine/américaine', "
         "the form most notes use"),
        "Notes/Variante.md:7:10: VL003 tag '#sucré_salé' is a variant of '#sucré-salé', the form most notes use",
    ]
    result = run_cli("--select", "VL003", "--fix", "--unsafe-fixes", "--no-cache", ".", cwd=vault)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (vault / "Notes" / "Variante.md").read_text(encoding="utf-8") == \
        '---\ntags:\n  - "#cuisine/américaine"\n---\n# V\n\nDu texte #sucré-salé.\n'


BASE = """filters:
  and:
    - file.inFolder("Recettes")
    - note.categories.contains("dessert")
formulas:
  total: note.temps_prep + note["temps_cuisson"]
properties:
  note.portions:
    displayName: Portions
views:
  - type: table
    name: Desserts
    order:
      - file.name
      - portions
      - formula.total
"""


def test_a_base_reading_a_property_no_note_has(vault: Path) -> None:
    write_note(vault, "Recettes/Porc.md", CLEAN)
    write_note(vault, "Desserts.base", BASE)
    assert concise("--select", "BS", ".", cwd=vault) == [
        "Desserts.base:4:12: BS001 no note has a property `categories`",
    ]
    write_note(vault, "Ancienne.base", BASE.replace("order:", "display:\n      note.portions: Portions\n    order:"))
    assert concise("--select", "BS", "Ancienne.base", cwd=vault)[-1].startswith(
        "Ancienne.base:13:5: BS002 `display` is no longer read by Obsidian")


def test_without_obsidian_nor_configuration_links_are_not_obsidians(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    write_note(site, "content/a.md", "# A\n\nSee [[Nowhere]] and [b](b.md).\n")
    assert concise(".", cwd=site) == []


def test_the_obsidian_report_links_to_each_place_and_is_never_linted(vault: Path) -> None:
    write_note(vault, "Recettes/Porc.md", CLEAN.replace("temps_total: 70", "temps_total: 60"))
    write_note(vault, "Menus/Fête.md", "# Fête\n\n## Plats\n\nLe [[Canard]].\n")
    result = run_cli("--select", "TM001,VL002", "--no-cache", "--output-format", "obsidian",
                     "--output-file", "Rapport.md", ".", cwd=vault)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    report = (vault / "Rapport.md").read_text(encoding="utf-8")
    assert "- [[Menus/Fête#Plats|Fête]] 5:4 note 'Canard' not found in the vault\n" in report
    assert "- [[Recettes/Porc|Porc]] 6:14 " in report  # a front matter line: no heading to jump to
    again = run_cli("--select", "TM001,VL002", "--no-cache", "--output-format", "concise", ".", cwd=vault)
    assert "Rapport.md" not in again.stdout
    assert "Found 2 errors." in again.stdout


def test_the_obsidian_report_counts_in_no_vault_wide_rule(vault: Path) -> None:
    """The report's tags and links are not the vault's: a tag it quotes is no
    form of the vault's tags, and the note it links to is not broken by it."""
    write_note(vault, "Notes/Variante.md", TAGGED.format(tag='"#Dessert"', name="V", inline="dessert-maison"))
    write_note(vault, "Rapport.md", "---\nvault-lint-report: true\ntags:\n  - dessert\n---\n# Rapport\n\n"
                                    "- [[Notes/Variante]] : #dessert [[Absente]]\n")
    assert concise("--select", "VL", ".", cwd=vault) == []


@pytest.mark.parametrize("cache", [False, True])
def test_a_vault_wide_finding_shows_the_same_whether_its_note_is_read_again_or_not(vault: Path, cache: bool) -> None:
    """A note with a suppression comment is read again for VL001 and VL002;
    one without is judged at the sites its lint kept: the same findings, the
    same excerpts, linted now or from the cache."""
    text = CLEAN.replace("## Source", "Voir [[Nulle part]] et [[Porc#Cuisson]].\n\n## Source", 1)
    write_note(vault, "A/Porc.md", text)
    write_note(vault, "B/Porc.md", text + "\n%% vault-lint-disable-next-line SC004 %%\n")
    options = ("--select", "VL001,VL002", "--output-format", "full", ".")
    result = run_cli(*options, *(() if cache else ("--no-cache",)), cwd=vault)
    if cache:
        os.utime(vault / "A" / "Porc.md", ns=(10**18, 10**18))  # the run made anew, the note from the cache
        os.utime(vault / "B" / "Porc.md", ns=(10**18, 10**18))
        run_cli(*options, cwd=vault)
        result = run_cli(*options, cwd=vault)
    lines = result.stdout.splitlines()
    middle = next(number for number, line in enumerate(lines) if line.startswith("B/"))
    first, second = "\n".join(lines[:middle]), "\n".join(lines[middle:2 * middle])
    assert first.replace("A/Porc.md", "X").replace("B/Porc.md", "Y") == \
        second.replace("B/Porc.md", "X").replace("A/Porc.md", "Y"), result.stdout
    assert [line for line in lines if line.startswith(("A/", "B/"))] == [
        "A/Porc.md:11:6: VL001 the same recipe as 'B/Porc.md': its url is the same address",
        "A/Porc.md:50:6: VL002 note 'Nulle part' not found in the vault",
        "A/Porc.md:50:24: VL002 heading 'Cuisson' not found in this note",
        "B/Porc.md:11:6: VL001 the same recipe as 'A/Porc.md': its url is the same address",
        "B/Porc.md:50:6: VL002 note 'Nulle part' not found in the vault",
        "B/Porc.md:50:24: VL002 heading 'Cuisson' not found in this note",
    ], result.stdout
    assert lines[2] == f"11 | url: {REEL}" and lines[-1] == "Found 6 errors."


def test_without_types_json_the_type_nearly_every_note_gives_counts(vault: Path) -> None:
    for number in range(9):
        write_note(vault, f"Notes/N{number}.md", f"---\nservings: {number + 1}\nrating: 3\n---\n# N{number}\n")
    write_note(vault, "Notes/Texte.md", '---\nservings: "4"\nrating: bien\n---\n# Texte\n')
    write_note(vault, "Notes/Rare.md", "---\nseen: yes\n---\n# Rare\n")  # one note: no majority to speak of
    assert concise("--select", "OB001", ".", cwd=vault) == [
        ("Notes/Texte.md:2:11: OB001 [*] 'servings' is a Number property (the type nearly every note gives it) "
         'but holds the text "4": Obsidian shows a type mismatch; expected a number written without quotes'),
        ("Notes/Texte.md:3:9: OB001 'rating' is a Number property (the type nearly every note gives it) "
         "but holds the text bien: Obsidian shows a type mismatch; expected a number written without quotes"),
    ]
    (vault / ".obsidian" / "types.json").write_text('{"types": {"rating": "text"}}', encoding="utf-8")
    assert concise("--select", "OB001", ".", cwd=vault) == []  # types.json decides


def test_a_date_that_is_no_real_date_is_a_text_whatever_else_the_note_holds(vault: Path) -> None:
    """``2025-02-30`` is a text to Obsidian: the notes' majority, the vault's
    record of what may be mistyped and OB001 all read it so, with a tag
    variant in the note (read again for VL003) or without."""
    for number in range(1, 10):
        write_note(vault, f"Notes/N{number}.md", f"---\ncuit: 2025-01-0{number}\ntags:\n  - dessert\n---\n# N{number}\n")
    expected = ["Notes/X.md:2:7: OB001 'cuit' is a Date property (the type nearly every note gives it) but holds the "
                "text 2025-02-30: Obsidian shows a type mismatch; expected a date written YYYY-MM-DD"]
    for tag in ("dessert", "Dessert"):
        write_note(vault, "Notes/X.md", f"---\ncuit: 2025-02-30\ntags:\n  - {tag}\n---\n# X\n")
        assert concise("--select", "OB001", ".", cwd=vault) == expected
        assert concise("--select", "OB001", "Notes/X.md", cwd=vault) == expected
