"""The record of the vault-wide rules' concerns (``concerns``): which notes'
statuses changed, whether the record still holds, and what it finds."""

from __future__ import annotations

import struct

from vault_lint.concerns import FACE_WIDTH, Concerns, _changed
from vault_lint.listing import STATUS_WIDTH


def packed(*statuses: tuple[int, int, int, int]) -> bytes:
    """Each note's size, modification and change times and inode, as ``listing.state`` packs them."""
    return b"".join(struct.pack("<QqqQ", *status) for status in statuses)


def state(count: int, changed: dict[int, int] | None = None) -> tuple[tuple[str, ...], tuple[str, ...], bytes]:
    """``count`` notes (and one attachment), note ``i`` of size ``i`` or as ``changed`` says."""
    notes = tuple(f"n{index:05}.md" for index in range(count))
    sizes = [(changed or {}).get(index, index) for index in range(count)]
    return ("a.png", *notes), notes, packed(*((size, 10**18, 10**18, index) for index, size in enumerate(sizes)))


def test_changed_finds_each_note_whose_status_differs_in_any_block() -> None:
    before = state(200)[2]
    for positions in ([], [0], [63, 64], [199], [5, 70, 130, 199]):
        now = state(200, dict.fromkeys(positions, 10**9))[2]
        assert list(_changed(before, now)) == positions
    assert STATUS_WIDTH == 32


def test_the_record_holds_when_only_notes_with_their_recorded_face_changed() -> None:
    faces = {f"n{index:05}.md": bytes([index]) * FACE_WIDTH for index in range(100)}
    record = Concerns.made(state(100), faces)
    edited = state(100, {42: 7})
    assert record.holds(state(100), lambda name: None)
    assert record.holds(edited, faces.get)  # the edited note's face as recorded
    assert not record.holds(edited, lambda name: b"x" * FACE_WIDTH)  # its face changed
    assert not record.holds(edited, lambda name: None)  # not a note of the run: unknown
    assert not record.holds(state(101), faces.get)  # a note more


def test_found_and_adding_go_by_name() -> None:
    record = Concerns.made(state(3), {})
    assert record.found(["n00001.md"]) == {}
    grown = record.adding({"n00001.md": frozenset({"link", "duplicate"}), "a.png": frozenset(), "gone.md": frozenset()})
    assert grown.found(["n00000.md", "n00001.md", "a.png", "gone.md"]) == {
        "n00001.md": frozenset({"duplicate", "link"}), "a.png": frozenset()}
    again = Concerns.from_plain(grown.plain())
    assert again is not None and again.found(["n00001.md"]) == {"n00001.md": frozenset({"duplicate", "link"})}


def test_a_record_of_another_shape_is_none() -> None:
    good = Concerns.made(state(2), {}).plain()
    assert Concerns.from_plain(good) is not None
    for bad in (None, (), good[:4], (*good[:2], good[2][:-1], *good[3:]), (*good[:4], good[4][:-1]),
                (good[0], good[1], "text", good[3], good[4])):
        assert Concerns.from_plain(bad) is None
