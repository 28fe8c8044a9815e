"""Schema validation (``vault_lint/schema.py``): the compiled validator
(jsonschema-rs) answers where jsonschema would, so that a run gives the same
findings with it or without it."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vault_lint.schema import Validator, Violation, describe, load_schema, violations

SCHEMAS = ("recipe.schema.json", "recipe.en.schema.json")
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 500) | st.text(max_size=12)
    | st.sampled_from(["chinoise", "facile", "intermédiaire", "2024-02-30", "2024-01-15", "PT20M", "#x", "plat"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=2),
    max_leaves=6,
)


def full_paths(schema: dict[str, Any], instance: Any) -> list[tuple[Any, ...]]:
    cls = jsonschema.validators.validator_for(schema)
    return sorted(tuple(error.absolute_path) for error in cls(schema, format_checker=cls.FORMAT_CHECKER)
                  .iter_errors(instance))


@pytest.mark.parametrize("name", SCHEMAS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_errors_are_located_where_jsonschema_locates_them(name: str, data: st.DataObject) -> None:
    schema = load_schema(name)
    validator = Validator(schema)
    assert validator._fast is not None  # the compiled validator is the one asked
    key = data.draw(st.sampled_from(sorted(schema["properties"])))
    instance = {key: data.draw(VALUES)}
    assert sorted(validator.error_paths(instance)) == full_paths(schema, instance)


def test_a_value_the_compiled_validator_cannot_read_is_jsonschemas() -> None:
    schema = load_schema("recipe.schema.json")
    instance = {"portions": b"4"}  # bytes: no JSON type
    assert Validator(schema).error_paths(instance) == [tuple(e.absolute_path) for e in
                                                       Validator(schema).iter_errors(instance)]


@pytest.mark.parametrize("value", ["française", "chinoise\n", "crème brûlée", "thaï-viet", "a b\n"])
def test_patterns_are_read_as_jsonschema_reads_them(value: str) -> None:
    """``\\w`` matches letters beyond ASCII, ``$`` matches before a final line
    break: as Python's patterns do (jsonschema), which the compiled validator
    does not follow; where it sees an error in a value, jsonschema decides."""
    schema = {"type": "object", "required": ["type"],
              "properties": {"cuisine": {"type": "string", "pattern": r"^\w+(?:[- ]\w+)*$"}}}
    instance = {"cuisine": value}
    assert sorted(Validator(schema).error_paths(instance)) == full_paths(schema, instance) == [()]


def jsonschema_violations(schema: dict[str, Any], instance: dict[str, Any]) -> list[Violation]:
    """The violations as jsonschema gives them for the whole object at once."""
    cls = jsonschema.validators.validator_for(schema)
    errors = cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(instance)
    found = [Violation(tuple(error.absolute_path), describe(error), str(error.validator)) for error in errors]
    return sorted(found, key=lambda v: [str(p) for p in v.path])


@pytest.mark.parametrize("name", SCHEMAS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_violations_are_jsonschemas_for_the_whole_object(name: str, data: st.DataObject) -> None:
    """A property's errors, found on its own and remembered by value, are
    those jsonschema finds in the whole object, in its order, twice over."""
    schema = load_schema(name)
    validator = Validator(schema)
    assert validator._split is not None  # each property on its own
    keys = data.draw(st.lists(st.sampled_from(sorted(schema["properties"])), unique=True))
    instance = {key: data.draw(VALUES) for key in keys}
    expected = jsonschema_violations(schema, instance)
    assert violations(validator, instance) == violations(validator, instance) == expected


def test_a_schema_whose_top_level_reads_the_properties_is_judged_whole() -> None:
    schema = {"type": "object", "required": ["a"], "additionalProperties": False,
              "properties": {"b": {"type": "integer"}}}
    instance = {"b": "x", "c": 1}
    assert Validator(schema)._split is None
    assert violations(Validator(schema), instance) == jsonschema_violations(schema, instance)
    assert len(violations(Validator(schema), instance)) == 3
