"""Links as Obsidian reads and resolves them (``vault_lint.obsidian_links``): which links a
note makes, what a link can point at, and which links lead nowhere, on small vaults of
real-looking notes."""

from __future__ import annotations

import dataclasses
import marshal
import pickle

import pytest

from vault_lint.note import Note, parse_text
from vault_lint.obsidian_links import (
    LinkRef,
    NoteTargets,
    Resolver,
    extract_links,
    heading_key,
    targets_of,
)


def written(note: Note) -> list[str]:
    """Each link of ``note`` as its text shows it."""
    return [note.text[link.start:link.end] for link in extract_links(note)]


def broken(notes: dict[str, str], attachments: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """(note, link as written, message) for every broken link of a vault made of ``notes``
    (path -> text) and ``attachments``."""
    parsed = {path: parse_text(path, text) for path, text in notes.items()}
    resolver = Resolver([*notes, *attachments], {path: targets_of(note) for path, note in parsed.items()})
    return [(path, note.text[link.start:link.end], message)
            for path, note in parsed.items() for link in extract_links(note)
            if (message := resolver.problem(path, link))]


# -- extracting ----------------------------------------------------------------------------
TARTE = """\
---
tags:
  - dessert
temps_total: 90
---
# Tarte tatin

Avec une [[Pâte brisée]], voir aussi [[Pâte sablée|la sablée]] et [[Caramel#Cuisson]].
Le [[Caramel#Cuisson#Au beurre salé]] tient mieux ; le geste est [[Tours de main#^retourner]].
Plus bas : [[#Étapes]] et [[#^dressage]].

![[tarte-tatin.jpg]]
![[tarte-tatin-coupe.png|300]]

## Étapes
1. Caraméliser les pommes (voir [la méthode](Techniques/Caramel%20à%20sec.md#Sans%20eau)).
2. Poser la pâte, cuire 35 min. ![vue](images/four.png "Au four")
3. Retourner tiède. ^dressage
"""


def test_every_wikilink_form_is_extracted_with_its_parts() -> None:
    note = parse_text("Recettes/Tarte tatin.md", TARTE)
    links = extract_links(note)
    assert [(link.target, link.heading, link.block, link.embed, link.markdown) for link in links] == [
        ("Pâte brisée", None, None, False, False),
        ("Pâte sablée", None, None, False, False),
        ("Caramel", ("Cuisson",), None, False, False),
        ("Caramel", ("Cuisson", "Au beurre salé"), None, False, False),
        ("Tours de main", None, "retourner", False, False),
        ("", ("Étapes",), None, False, False),
        ("", None, "dressage", False, False),
        ("tarte-tatin.jpg", None, None, True, False),
        ("tarte-tatin-coupe.png", None, None, True, False),
        ("Techniques/Caramel à sec.md", ("Sans eau",), None, False, True),
        ("images/four.png", None, None, True, True),
    ]
    assert written(note) == [
        "[[Pâte brisée]]", "[[Pâte sablée|la sablée]]", "[[Caramel#Cuisson]]",
        "[[Caramel#Cuisson#Au beurre salé]]", "[[Tours de main#^retourner]]", "[[#Étapes]]", "[[#^dressage]]",
        "![[tarte-tatin.jpg]]", "![[tarte-tatin-coupe.png|300]]",
        "[la méthode](Techniques/Caramel%20à%20sec.md#Sans%20eau)", '![vue](images/four.png "Au four")',
    ]


def test_links_in_comments_are_links_but_not_in_code_or_math() -> None:
    note = parse_text("Recettes/Gravlax.md", """\
# Gravlax

%% Variante : [[Gravlax à la betterave]], photo ![[gravlax.jpg]] %%
<!-- ancienne source : [notes](Carnet/Poissons.md) -->
Écrire `[[Saumon]]` pour lier, ou `[le saumon](Saumon.md)`.

```markdown
[[Aneth]] et [aneth](Aneth.md)
```

$$
[[Formule]]
$$

Le sel : $[[Sel]]$ pour 1 kg.

<div>
[[Dans le HTML]]
</div>

> [!tip] Astuce
> Voir [[Trancher finement]].
> ```
> [[Dans le code du callout]] [code](Code.md)
> ```
""")
    assert written(note) == [
        "[[Gravlax à la betterave]]", "![[gravlax.jpg]]", "[notes](Carnet/Poissons.md)", "[[Trancher finement]]",
    ]


def test_markdown_links_out_of_the_vault_are_not_links() -> None:
    note = parse_text("Recettes/Ramen.md", """\
# Ramen

Source : [la vidéo](https://www.youtube.com/watch?v=abc), [écrire](mailto:chef@example.org),
[le fichier](file:///C:/Recettes/ramen.pdf) et [local](C:\\Recettes\\ramen.md).
Bouillon : [tonkotsu](<Bouillons/Tonkotsu maison.md>), [tare](Tare\\_shoyu.md), [haut](#Ramen).
Vide : [rien]() ; lien de référence : [ref][1].

[1]: Bouillons/Shio.md
""")
    assert [(link.target, link.heading) for link in extract_links(note)] == [
        ("Bouillons/Tonkotsu maison.md", None), ("Tare_shoyu.md", None), ("", ("Ramen",)),
    ]


@pytest.mark.parametrize(("line", "expected"), [
    ("Source : [la vidéo](https://www.youtube.com/watch?v=abc).", []),
    ("Source : [la vidéo](https://youtu.be/abc), puis [la pâte]( Pâte_brisée.md).", ["[la pâte]( Pâte_brisée.md)"]),
    ("Voir [le site](http://example.org) et [la pâte](<Pâte brisée.md>).", ["[la pâte](<Pâte brisée.md>)"]),
    ("Seulement en commentaire : %% [[Pâte brisée]] %%.", ["[[Pâte brisée]]"]),
    ("Un lien [[Pâte brisée]] et [la vidéo](https://youtu.be/abc).", ["[[Pâte brisée]]"]),
])
def test_a_note_linking_only_to_the_web_makes_no_link(line: str, expected: list[str]) -> None:
    """Most recipes link only to their source: they are known to make no link to the
    vault without being scanned further, and any other link is still found."""
    note = parse_text("Recettes/Tarte.md", f"---\nrelated: \"[[Caramel]]\"\n---\n# Tarte\n\n{line}\n")
    assert written(note) == ["[[Caramel]]", *expected]


def test_wikilinks_in_a_table_and_in_front_matter() -> None:
    note = parse_text("Recettes/Menu.md", """\
---
related: "[[Menu de Noël]]"
sources:
  - "[[Carnet de mamie]]"
tags: [menu]
---
| Plat | Recette |
| --- | --- |
| Entrée | [[Velouté de potimarron\\|velouté]] |
""")
    assert [(link.target, note.text[link.start:link.end]) for link in extract_links(note)] == [
        ("Menu de Noël", "[[Menu de Noël]]"),
        ("Carnet de mamie", "[[Carnet de mamie]]"),
        ("Velouté de potimarron", "[[Velouté de potimarron\\|velouté]]"),
    ]


# -- what a note can be linked at ----------------------------------------------------------
FUNCTIONS = """\
---
aliases: [Fonctions]
---
# Functions

Intro paragraph that can be linked. ^Intro

## Global
### `hasTag()`
Checks a tag.
- first item ^item-one
- second item

Setext heading
--------------

![[diagram.png]]^figure

> [!note] Not a heading
> ## Inside a callout
> callout text
> ^callout-id

> ## Inside a quote

- ## Inside a list

| a | b |
| - | - |
| 1 | 2 |

^table-id

```
## Inside code ^not-a-block
```

Mid ^notanid text.
%% ^in-comment %%
"""


def test_targets_are_the_outline_headings_and_the_block_ids() -> None:
    assert targets_of(parse_text("Bases/Functions.md", FUNCTIONS)) == NoteTargets(
        headings=((1, "Functions"), (2, "Global"), (3, "`hasTag()`"), (2, "Setext heading")),
        blocks=("Intro", "item-one", "callout-id", "table-id", "figure"),
    )


def test_targets_are_plain_data_the_cache_can_store() -> None:
    targets = targets_of(parse_text("Bases/Functions.md", FUNCTIONS))
    assert pickle.loads(pickle.dumps(targets)) == targets
    assert NoteTargets(*marshal.loads(marshal.dumps(dataclasses.astuple(targets)))) == targets


@pytest.mark.parametrize(("heading", "key"), [
    ("`hasTag()`", "hastag"),
    ("Temps  de   cuisson :", "temps de cuisson"),
    ("L'essentiel", "l'essentiel"),
    ("Pré-chauffage du_four", "pré-chauffage du_four"),
    ("Wifi 2.4 vs 5.0", "wifi 2 4 vs 5 0"),
    ("CI/CD && DevOps", "ci cd devops"),
])
def test_heading_key(heading: str, key: str) -> None:
    assert heading_key(heading) == key


# -- resolving -----------------------------------------------------------------------------
CARAMEL = """\
# Caramel

## Cuisson
### Au beurre salé
Cuire à 170 °C. ^temperature

### Sans eau
## Conservation
### Au frais
"""


def test_wikilinks_resolve_by_name_anywhere_in_the_vault() -> None:
    notes = {
        "Recettes/Desserts/Tarte tatin.md": """\
# Tarte tatin

[[Caramel]], [[caramel]], [[CARAMEL.md]], [[Techniques/Caramel]], [[techniques/caramel.md]],
[[Caramel|le caramel]], ![[tatin.JPG|300]], [[Fiche.pdf#page=3]], [[Plans/Fiche.pdf]],
[[Pâte brisée]], [[Notes/Caramel]], [[niques/Caramel]], [[tatin]], [[Fiche]].
Relatifs : [[../../Techniques/Caramel#Cuisson]], [[./Caramel]].
""",
        "Techniques/Caramel.md": CARAMEL,
    }
    assert broken(notes, ("Photos/Tatin.jpg", "Plans/Fiche.pdf")) == [
        ("Recettes/Desserts/Tarte tatin.md", "[[Pâte brisée]]", "note 'Pâte brisée' not found in the vault"),
        ("Recettes/Desserts/Tarte tatin.md", "[[Notes/Caramel]]", "note 'Notes/Caramel' not found in the vault"),
        ("Recettes/Desserts/Tarte tatin.md", "[[niques/Caramel]]", "note 'niques/Caramel' not found in the vault"),
        ("Recettes/Desserts/Tarte tatin.md", "[[tatin]]", "note 'tatin' not found in the vault"),
        ("Recettes/Desserts/Tarte tatin.md", "[[Fiche]]", "note 'Fiche' not found in the vault"),
        ("Recettes/Desserts/Tarte tatin.md", "[[./Caramel]]", "note './Caramel' not found in the vault"),
    ]


def test_a_missing_attachment_is_named_a_file() -> None:
    notes = {"Recettes/Pho.md": "# Pho\n\n![[pho.webp]] et [[bouillon.pdf#page=2]], [[Pho v1.2]], [[Pho.md]]\n"}
    assert broken(notes, ("pho.jpg",)) == [
        ("Recettes/Pho.md", "![[pho.webp]]", "file 'pho.webp' not found in the vault"),
        ("Recettes/Pho.md", "[[bouillon.pdf#page=2]]", "file 'bouillon.pdf' not found in the vault"),
        ("Recettes/Pho.md", "[[Pho v1.2]]", "note 'Pho v1.2' not found in the vault"),
    ]


def test_headings_are_matched_as_obsidian_matches_them() -> None:
    notes = {
        "Bases/Functions.md": FUNCTIONS,
        "Bases/Formulas.md": """\
# Formulas

Use [[Functions#hasTag]], [[Functions#HASTAG()]], [[Functions#Global#hasTag]], [[Functions#Setext heading]],
[[Functions#Functions#Global]], [[Functions#]].
Broken: [[Functions#Inside a callout]], [[Functions#Inside a quote]], [[Functions#Inside a list]],
[[Functions#Inside code]], [[Functions#hasTag#Global]], [[Functions#Setext heading#hasTag]], [[Functions#has-Tag]].
""",
    }
    assert [(link, message) for _, link, message in broken(notes, ("Bases/diagram.png",))] == [
        ("[[Functions#Inside a callout]]", "heading 'Inside a callout' not found in 'Bases/Functions.md'"),
        ("[[Functions#Inside a quote]]", "heading 'Inside a quote' not found in 'Bases/Functions.md'"),
        ("[[Functions#Inside a list]]", "heading 'Inside a list' not found in 'Bases/Functions.md'"),
        ("[[Functions#Inside code]]", "heading 'Inside code' not found in 'Bases/Functions.md'"),
        ("[[Functions#hasTag#Global]]", "heading 'hasTag#Global' not found in 'Bases/Functions.md'"),
        ("[[Functions#Setext heading#hasTag]]", "heading 'Setext heading#hasTag' not found in 'Bases/Functions.md'"),
        ("[[Functions#has-Tag]]", "heading 'has-Tag' not found in 'Bases/Functions.md'"),
    ]


def test_apostrophes_hyphens_and_accents_are_kept_in_headings() -> None:
    notes = {
        "Pain.md": """\
# Pain

## L'essentiel
## Pré-chauffage
## Étapes
## Temps  de   cuisson
""",
        "Brioche.md": """\
# Brioche

Valides : [[Pain#l'essentiel]], [[Pain#pré-chauffage]], [[Pain#étapes]], [[Pain#Temps de cuisson]], [[Pain#Étapes :]].
Cassés : [[Pain#L essentiel]], [[Pain#Pré chauffage]], [[Pain#Etapes]], [[Pain#Prechauffage]].
""",
    }
    assert [link for _, link, _ in broken(notes)] == [
        "[[Pain#L essentiel]]", "[[Pain#Pré chauffage]]", "[[Pain#Etapes]]", "[[Pain#Prechauffage]]",
    ]


def test_nested_headings_are_walked_under_one_another() -> None:
    notes = {
        "Techniques/Caramel.md": CARAMEL,
        "Recettes/Flan.md": """\
# Flan

[[Caramel#Cuisson#Au beurre salé]] [[Caramel#Cuisson#Sans eau]] [[Caramel#Caramel#Conservation#Au frais]]
[[Caramel#Cuisson#Au frais]] [[Caramel#Au beurre salé#Cuisson]] [[Caramel#Conservation#Sans eau]]
""",
    }
    assert [link for _, link, _ in broken(notes)] == [
        "[[Caramel#Cuisson#Au frais]]", "[[Caramel#Au beurre salé#Cuisson]]", "[[Caramel#Conservation#Sans eau]]",
    ]


def test_links_into_the_same_note() -> None:
    notes = {"Recettes/Crêpes.md": """\
# Crêpes

## Pâte
Mélanger, laisser reposer 1 h. ^repos

Voir [[#Pâte]], [[#pâte]], [[#^REPOS]], [[Crêpes#Pâte]], [Pâte](#P%C3%A2te), [repos](#^repos).
Cassés : [[#Garniture]], [[#^cuisson]], [garniture](#Garniture).
"""}
    assert broken(notes) == [
        ("Recettes/Crêpes.md", "[[#Garniture]]", "heading 'Garniture' not found in this note"),
        ("Recettes/Crêpes.md", "[[#^cuisson]]", "block '^cuisson' not found in this note"),
        ("Recettes/Crêpes.md", "[garniture](#Garniture)", "heading 'Garniture' not found in this note"),
    ]


def test_block_ids_are_case_insensitive() -> None:
    notes = {
        "Bases/Functions.md": FUNCTIONS,
        "Bases/Index.md": """\
# Index

[[Functions#^intro]] ![[Functions#^ITEM-ONE]] [[Functions#^callout-id]] [[Functions#^table-id]] ![[Functions#^figure]]
[[Functions#^not-a-block]] [[Functions#^in-comment]] [[Functions#^notanid]]
""",
    }
    assert [(link, message) for _, link, message in broken(notes, ("Bases/diagram.png",))] == [
        ("[[Functions#^not-a-block]]", "block '^not-a-block' not found in 'Bases/Functions.md'"),
        ("[[Functions#^in-comment]]", "block '^in-comment' not found in 'Bases/Functions.md'"),
        ("[[Functions#^notanid]]", "block '^notanid' not found in 'Bases/Functions.md'"),
    ]


def test_the_linking_notes_folder_is_preferred_then_the_shortest_path() -> None:
    notes = {
        "Sauces/Base.md": "# Base\n\n## Roux\n",
        "Recettes/Sauces/Base.md": "# Base\n\n## Béchamel\n",
        "Recettes/Sauces/Mornay.md": "# Mornay\n\n[[Base#Béchamel]] [[Base#Roux]]\n",
        "Recettes/Gratin.md": "# Gratin\n\n[[Base#Roux]] [[Base#Béchamel]] [[Recettes/Sauces/Base#Béchamel]]\n",
    }
    assert broken(notes) == [
        ("Recettes/Sauces/Mornay.md", "[[Base#Roux]]", "heading 'Roux' not found in 'Recettes/Sauces/Base.md'"),
        ("Recettes/Gratin.md", "[[Base#Béchamel]]", "heading 'Béchamel' not found in 'Sauces/Base.md'"),
    ]


def test_markdown_links_resolve_from_the_notes_folder_then_the_vault() -> None:
    notes = {
        "Recettes/Desserts/Tarte.md": """\
# Tarte

[beurre](../../Ingrédients/Beurre%20doux.md) [pâte](Pâte.md#Fraisage) [photo](photos/tarte.jpg)
[vault](Ingrédients/Beurre%20doux.md) [sans extension](Pâte) [par le nom](Beurre%20doux.md)
[dehors](../../../Beurre%20doux.md) [absent](photos/pomme.jpg) [titre](Pâte.md#Cuisson)
""",
        "Recettes/Desserts/Pâte.md": "# Pâte\n\n## Fraisage\n",
        "Ingrédients/Beurre doux.md": "# Beurre doux\n",
    }
    assert broken(notes, ("Recettes/Desserts/photos/tarte.jpg",)) == [
        ("Recettes/Desserts/Tarte.md", "[dehors](../../../Beurre%20doux.md)",
         "note '../../../Beurre doux.md' not found in the vault"),
        ("Recettes/Desserts/Tarte.md", "[absent](photos/pomme.jpg)", "file 'photos/pomme.jpg' not found in the vault"),
        ("Recettes/Desserts/Tarte.md", "[titre](Pâte.md#Cuisson)",
         "heading 'Cuisson' not found in 'Recettes/Desserts/Pâte.md'"),
    ]


def test_links_in_comments_are_checked_too() -> None:
    notes = {"Recettes/Gravlax.md": "# Gravlax\n\n%% à écrire : [[Gravlax à la betterave]] %%\n`[[Pas un lien]]`\n"}
    assert broken(notes) == [
        ("Recettes/Gravlax.md", "[[Gravlax à la betterave]]", "note 'Gravlax à la betterave' not found in the vault"),
    ]


def test_a_note_whose_contents_are_unknown_has_every_heading() -> None:
    resolver = Resolver(["Recettes/Illisible.md", "Recettes/Tarte.md"], {})
    link = LinkRef("Illisible", ("Cuisson",), None, False, False, 0, 25)
    assert resolver.problem("Recettes/Tarte.md", link) is None
    assert resolver.problem("Recettes/Tarte.md", dataclasses.replace(link, target="Absente")) == (
        "note 'Absente' not found in the vault")


def test_a_lazy_continuation_line_of_a_callout_is_read() -> None:
    """A callout line without its '>' (a lazy continuation) holds links like any line."""
    note = parse_text("n.md", "> [!tip] Astuce\n> voir [[Pâte]]\nsuite de [[Crème]]\n")
    assert [link.target for link in extract_links(note)] == ["Pâte", "Crème"]
