"""The CI output formats (github, sarif, junit) on real notes, through the CLI."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, unquote

import jsonschema
import pytest
from conftest import CLEAN, fixed, run_cli, write_note

from vault_lint import __version__
from vault_lint.findings import Finding
from vault_lint.report import Report
from vault_lint.report.github_format import annotation
from vault_lint.report.junit_format import junit_tree
from vault_lint.rules import all_rules

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
RULES_PAGE = "https://github.com/vault-lint/vault-lint/blob/main/docs/rules.md"

# Two schema violations, at 4:13-4:19 and 7:11-7:15 (the value '100%').
BROKEN = CLEAN.replace("temps_prep: 40", "temps_prep: 40 min").replace("portions: 4", "portions: 100%")
# A tag written without '#' (TG004, a safe fix) on line 17.
UNHASHED = CLEAN.replace('  - "#temps/long"', "  - temps/long")


def output(vault: Path, fmt: str, *args: str) -> str:
    result = run_cli("--output-format", fmt, *args, cwd=vault)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


# --- github ---------------------------------------------------------------


def test_github_annotations_point_at_the_values(vault: Path) -> None:
    write_note(vault, "Recettes/Porc.md", BROKEN)
    write_note(vault, "Recettes/Propre.md", CLEAN)
    assert output(vault, "github", "--select", "FM003", "Recettes").splitlines() == [
        "::error file=Recettes/Porc.md,line=4,col=13,endLine=4,endColumn=19,title=FM003 (schema-violation)"
        "::temps_prep: expected whole minutes (integer >= 0), got '40 min'",
        "::error file=Recettes/Porc.md,line=7,col=11,endLine=7,endColumn=15,title=FM003 (schema-violation)"
        "::portions: expected a whole number of portions (integer >= 1), got '100%25'",
    ]


def test_github_escapes_colon_and_comma_in_the_file_name(vault: Path) -> None:
    write_note(vault, "Recettes/Poulet, citron: four.md", BROKEN)
    lines = output(vault, "github", "--select", "FM003", "Recettes").splitlines()
    assert [line.split(",line=")[0] for line in lines] == ["::error file=Recettes/Poulet%2C citron%3A four.md"] * 2


def test_github_is_silent_on_a_clean_vault(vault: Path) -> None:
    write_note(vault, "Recettes/Propre.md", CLEAN)
    result = run_cli("--output-format", "github", ".", cwd=vault)
    assert (result.returncode, result.stdout) == (0, "")


def _finding(path: str, message: str, line: int = 3, end_line: int = 3) -> Finding:
    return Finding(path, "FM002", "invalid-yaml", message, line, 5, end_line, 9)


def test_github_escapes_percent_and_line_breaks_everywhere() -> None:
    finding = _finding("a%b\r\n.md", "50% done\r\nthen: more, later")
    assert annotation(finding) == (
        "::error file=a%25b%0D%0A.md,line=3,col=5,endLine=3,endColumn=9,title=FM002 (invalid-yaml)"
        "::50%25 done%0D%0Athen: more, later"
    )


def test_github_gives_no_columns_for_a_span_of_several_lines() -> None:
    assert annotation(_finding("n.md", "m", line=3, end_line=5)) == (
        "::error file=n.md,line=3,endLine=5,title=FM002 (invalid-yaml)::m"
    )


# --- sarif ----------------------------------------------------------------


def sarif(vault: Path, *args: str) -> dict:
    log = json.loads(output(vault, "sarif", *args))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)
    return log


def _results(log: dict) -> list[tuple[str, str, int, int, int, int]]:
    rows = []
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        rows.append((result["ruleId"], location["artifactLocation"]["uri"], region["startLine"],
                     region["startColumn"], region["endLine"], region["endColumn"]))
    return rows


def test_sarif_is_valid_and_locates_each_finding(vault: Path) -> None:
    write_note(vault, "Recettes/Porc caramélisé.md", BROKEN)
    write_note(vault, "Recettes/Propre.md", CLEAN)
    log = sarif(vault, "--select", "FM003", "Recettes")
    uri = "Recettes/Porc%20caram%C3%A9lis%C3%A9.md"
    assert _results(log) == [("FM003", uri, 4, 13, 4, 19), ("FM003", uri, 7, 11, 7, 15)]
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%"
        assert quote(unquote(location["uri"])) == location["uri"]  # a well-formed URI reference
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == "error"
    assert run["results"][1]["message"]["text"] == (
        "portions: expected a whole number of portions (integer >= 1), got '100%'"
    )


def test_sarif_driver_describes_every_rule(vault: Path) -> None:
    write_note(vault, "Recettes/Propre.md", CLEAN)
    driver = sarif(vault, "Recettes")["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("vault-lint", __version__)
    assert driver["informationUri"].startswith("https://")
    rules = all_rules()
    assert [d["id"] for d in driver["rules"]] == [r.code for r in rules]
    for descriptor, rule in zip(driver["rules"], rules):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["help"] == {"text": rule.doc, "markdown": rule.doc}
        assert descriptor["helpUri"] == f"{RULES_PAGE}#{rule.code.lower()}"
        assert descriptor["defaultConfiguration"]["enabled"] is rule.default
    fm003 = next(d for d in driver["rules"] if d["id"] == "FM003")
    assert fm003["fullDescription"]["text"].startswith(
        "Validates a recipe's front matter against the profile's JSON Schema"
    )


def _apply(text: str, replacements: list[dict]) -> str:
    for replacement in sorted(replacements, key=lambda r: -r["deletedRegion"]["charOffset"]):
        start = replacement["deletedRegion"]["charOffset"]
        end = start + replacement["deletedRegion"]["charLength"]
        text = text[:start] + replacement["insertedContent"]["text"] + text[end:]
    return text


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_sarif_fix_repairs_the_note(vault: Path, newline: str) -> None:
    text = UNHASHED.replace("\n", newline)
    write_note(vault, "Recettes/Porc.md", text)
    [result] = sarif(vault, "--select", "TG004", "Recettes")["runs"][0]["results"]
    assert _results({"runs": [{"results": [result]}]}) == [("TG004", "Recettes/Porc.md", 17, 5, 17, 15)]
    [fix] = result["fixes"]
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "Recettes/Porc.md", "uriBaseId": "%SRCROOT%"}
    assert _apply(text, change["replacements"]) == fixed(text) == CLEAN.replace("\n", newline)


def test_sarif_gives_a_file_uri_for_a_note_outside_the_current_folder(vault: Path, tmp_path: Path) -> None:
    note = write_note(vault, "Recettes/Porc.md", BROKEN)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    log = sarif(elsewhere, "--select", "FM003", str(note))
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert locations == [{"uri": note.resolve().as_uri()}] * 2


# --- junit ----------------------------------------------------------------


def test_junit_one_testcase_per_file_and_a_failure_per_finding(vault: Path) -> None:
    write_note(vault, "Recettes/Porc.md", BROKEN)
    write_note(vault, "Recettes/Propre.md", CLEAN)
    write_note(vault, "Recettes/Tarte.md", CLEAN)
    root = ET.fromstring(output(vault, "junit", "--select", "FM003", "Recettes"))
    [suite] = root.findall("testsuite")
    for element in (root, suite):
        assert {k: element.get(k) for k in ("tests", "failures", "errors")} == {
            "tests": "3", "failures": "1", "errors": "0"}
    assert suite.find("properties/property[@name='findings']").get("value") == "2"
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert sorted(cases) == ["Recettes/Porc.md", "Recettes/Propre.md", "Recettes/Tarte.md"]
    assert list(cases["Recettes/Propre.md"]) == list(cases["Recettes/Tarte.md"]) == []
    failures = cases["Recettes/Porc.md"].findall("failure")
    assert [(f.get("type"), f.text) for f in failures] == [
        ("FM003", "Recettes/Porc.md:4:13: FM003 (schema-violation) "
                  "temps_prep: expected whole minutes (integer >= 0), got '40 min'"),
        ("FM003", "Recettes/Porc.md:7:11: FM003 (schema-violation) "
                  "portions: expected a whole number of portions (integer >= 1), got '100%'"),
    ]
    assert failures[0].get("message") == "FM003 temps_prep: expected whole minutes (integer >= 0), got '40 min'"


def test_junit_all_pass_on_a_clean_vault(vault: Path) -> None:
    write_note(vault, "Recettes/Propre.md", CLEAN)
    result = run_cli("--output-format", "junit", ".", cwd=vault)
    assert result.returncode == 0
    root = ET.fromstring(result.stdout)
    assert (root.get("tests"), root.get("failures")) == ("1", "0")
    assert [case.get("name") for case in root.iter("testcase")] == ["Recettes/Propre.md"]


def test_junit_keeps_xml_valid_with_control_characters() -> None:
    report = Report([_finding("n.md", "got '\x01\x7f'")], files=["n.md"])
    root = ET.fromstring(ET.tostring(junit_tree(report), encoding="unicode"))
    assert root.find("testsuite/testcase/failure").get("message") == "FM002 got '\\x01\x7f'"


# --- json -----------------------------------------------------------------


def test_json_keys_are_stable(vault: Path) -> None:
    write_note(vault, "Recettes/Porc.md", UNHASHED)
    [item] = json.loads(output(vault, "json", "--select", "TG004", "Recettes"))
    assert list(item) == ["path", "line", "column", "end_line", "end_column", "code", "name", "message",
                          "fixable", "fix"]
    assert [item[key] for key in ("path", "line", "column", "end_line", "end_column", "code", "name", "fixable")] == [
        "Recettes/Porc.md", 17, 5, 17, 15, "TG004", "invalid-tag", True]
    assert (list(item["fix"]), item["fix"]["applicability"]) == (["applicability", "message", "edits"], "safe")
    edits = [{"deletedRegion": {"charOffset": e["start_offset"], "charLength": e["end_offset"] - e["start_offset"]},
              "insertedContent": {"text": e["content"]}} for e in item["fix"]["edits"]]
    assert _apply(UNHASHED, edits) == CLEAN


# --- bytes that are not UTF-8, in a note and in a file name ---------------------
# A 0xFF in the Link: line (quoted by SR001, shown by the full format), in a
# note whose file name holds the byte 0xE9 (Latin-1 'é'): every format stays
# well-formed and writes each such byte as \xff, never raw.

NOT_UTF8_NAME = os.fsdecode(b"caf\xe9.md")
SHOWN_NAME = "caf\\xe9.md"
BAD_URL = "https://www.instagram.com/reel/C8x\\xffYz/?igsh=ZGhxY2t4bWw5a2Rk"
GOOD_URL = "https://www.instagram.com/reel/C8xYzAbCdEf/?igsh=ZGhxY2t4bWw5a2Rk"
SR001_MESSAGE = f"Link address '{BAD_URL}' is not the front matter url '{GOOD_URL}'"
EN002_MESSAGE = "byte 0xFF is not valid UTF-8 (1 such byte in the file; in Windows-1252 it reads 'ÿ')"


@pytest.fixture
def not_utf8(vault: Path) -> Path:
    data = CLEAN.encode().replace(b"Link: https://www.instagram.com/reel/C8xYzAbCdEf/",
                                  b"Link: https://www.instagram.com/reel/C8x\xffYz/")
    (vault / NOT_UTF8_NAME).write_bytes(data)
    return vault


def well_formed(vault: Path, *args: str) -> str:
    """The output of a run on the vault, which must be valid UTF-8."""
    result = run_cli(*args, ".", cwd=vault)
    assert result.returncode == 1
    assert result.stderr == ("Would fix 1 error in 1 note.\n" if "--diff" in args else "")
    return result.stdout.encode("utf-8", "surrogateescape").decode("utf-8")  # strict: raises on a raw byte


def escaped(vault: Path, fmt: str) -> str:
    return well_formed(vault, "--select", "SR001,EN002", "--output-format", fmt)


@pytest.mark.parametrize("fmt", ["concise", "full"])
def test_text_formats_escape_bytes_that_are_not_utf8(not_utf8: Path, fmt: str) -> None:
    lines = escaped(not_utf8, fmt).splitlines()
    sr001, en002 = f"{SHOWN_NAME}:52:7: SR001 {SR001_MESSAGE}", f"{SHOWN_NAME}:52:41: EN002 {EN002_MESSAGE}"
    if fmt == "concise":
        assert lines == [sr001, en002, "Found 2 errors."]
        return
    shown = f"52 | Link: {BAD_URL}"
    before = len("Link: https://www.instagram.com/reel/C8x")
    assert lines[:5] == [sr001, "   |", shown, "   | " + " " * 6 + "^" * len(BAD_URL), "   |"]
    assert lines[5:10] == [en002, "   |", shown, "   | " + " " * before + "^^^^", "   |"]  # under the \xff


def test_github_escapes_bytes_that_are_not_utf8(not_utf8: Path) -> None:
    assert escaped(not_utf8, "github").splitlines() == [
        f"::error file={SHOWN_NAME},line=52,col=7,endLine=52,endColumn=67,title=SR001 (source-url-mismatch)"
        f"::{SR001_MESSAGE}",
        f"::error file={SHOWN_NAME},line=52,col=41,endLine=52,endColumn=42,title=EN002 (not-utf8)::{EN002_MESSAGE}",
    ]


def test_json_escapes_bytes_that_are_not_utf8(not_utf8: Path) -> None:
    items = json.loads(escaped(not_utf8, "json"))
    assert [(i["path"], i["code"], i["message"]) for i in items] == [
        (SHOWN_NAME, "SR001", SR001_MESSAGE), (SHOWN_NAME, "EN002", EN002_MESSAGE)]


def test_sarif_escapes_bytes_that_are_not_utf8(not_utf8: Path) -> None:
    log = json.loads(escaped(not_utf8, "sarif"))
    jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    assert [r["message"]["text"] for r in log["runs"][0]["results"]] == [SR001_MESSAGE, EN002_MESSAGE]
    assert _results(log) == [("SR001", "caf%E9.md", 52, 7, 52, 67), ("EN002", "caf%E9.md", 52, 41, 52, 42)]


def test_junit_escapes_bytes_that_are_not_utf8(not_utf8: Path) -> None:
    root = ET.fromstring(escaped(not_utf8, "junit"))
    [case] = root.iter("testcase")
    assert (case.get("name"), case.get("file")) == (SHOWN_NAME, SHOWN_NAME)
    assert [f.get("message") for f in case.findall("failure")] == [f"SR001 {SR001_MESSAGE}", f"EN002 {EN002_MESSAGE}"]


def test_diff_escapes_bytes_that_are_not_utf8_in_a_file_name(vault: Path) -> None:
    (vault / NOT_UTF8_NAME).write_bytes(UNHASHED.encode())  # a fix applies to a note that is UTF-8 only
    assert well_formed(vault, "--diff").splitlines() == [
        f"--- a/{SHOWN_NAME}", f"+++ b/{SHOWN_NAME}", "@@ -14,7 +14,7 @@",
        '   - "#cuisine/chinoise"', '   - "#type/plat-principal"', '   - "#protéine/porc"',
        "-  - temps/long", '+  - "#temps/long"',
        '   - "#cuisson/wok"', '   - "#difficulté/intermédiaire"', '   - "#saveur/sucré-salé"',
    ]


@pytest.mark.parametrize(("fmt", "expected"), [
    ("full", "1\tEN002\t    not-utf8\n1\tSR001\t    source-url-mismatch\nFound 2 errors.\n"),
    ("json", '[\n  {\n    "code": "EN002",\n    "name": "not-utf8",\n    "count": 1,\n    "fixable": 0\n  },\n'
             '  {\n    "code": "SR001",\n    "name": "source-url-mismatch",\n    "count": 1,\n    "fixable": 0\n'
             '  }\n]\n'),
])
def test_statistics_stay_well_formed(not_utf8: Path, fmt: str, expected: str) -> None:
    assert well_formed(not_utf8, "--select", "SR001,EN002", "--statistics", "--output-format", fmt) == expected


# --- full: what a fix does, carets under wide characters -------------------


def test_full_says_what_each_fix_does(vault: Path) -> None:
    write_note(vault, "Porc.md", CLEAN.replace("temps_total: 70", "temps_total: 65")
               .replace('"#difficulté/intermédiaire"', '"#difficulté/avancé"'))
    assert output(vault, "full", "Porc.md").split("\n")[:14] == [
        "Porc.md:6:14: TM001 [*] temps_total is 65 but temps_prep + temps_cuisson = 40 + 30 = 70",
        "  |",
        "6 | temps_total: 65",
        "  |              ^^",
        "  |",
        "  = help: set temps_total to 70",
        "Porc.md:19:5: TG002 tag '#difficulté/avancé' disagrees with the field: difficulté is 'intermédiaire', "
        "expected '#difficulté/intermédiaire'",
        "   |",
        '19 |   - "#difficulté/avancé"',
        "   |     ^^^^^^^^^^^^^^^^^^^^",
        "   |",
        "   = help: replace '#difficulté/avancé' with '#difficulté/intermédiaire' (unsafe fix: enable it with "
        "`--unsafe-fixes`)",
        "Found 2 errors.",
        "[*] 1 fixable with the `--fix` option (1 hidden fix can be enabled with the `--unsafe-fixes` option).",
    ]


def test_full_puts_the_caret_under_what_the_terminal_shows(vault: Path) -> None:
    write_note(vault, "Porc.md", CLEAN.replace("- 🔥 Temps de cuisson : 30 minutes",
                                               "-\t🔥 Temps de cuisson : 35 minutes"))
    assert output(vault, "full", "--select", "TM002", "Porc.md").split("\n")[1:4] == [
        "   |",
        "30 | -\t🔥 Temps de cuisson : 35 minutes",
        "   |  \t                      ^^^^^^^^^^",  # the tab kept, the emoji two columns wide
    ]
