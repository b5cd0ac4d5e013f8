"""The word lists in data/lexicons: each file says what it is and who reads it, each is read by the code,
the loader returns values no caller can change, and values shared by several modules come from one file."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import charts, claims
from dashboard.nlp import lexicons

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(lexicons.LEXICON_DIR.glob("*"))
SOURCES = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "dashboard").rglob("*.py"))


def test_there_are_lexicons_of_both_kinds():
    assert {p.suffix for p in FILES} == {".txt", ".csv"}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_each_file_opens_with_what_it_is_and_who_reads_it(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    assert header, f"{path.name}: no header comment"
    assert "dashboard/" in " ".join(header), f"{path.name}: the header does not name its reader"
    assert len(lines) > len(header), f"{path.name}: no entries"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_each_file_is_read_by_the_code(path):
    assert f'"{path.stem}"' in SOURCES or f'"{path.name}"' in SOURCES, f"{path.name} is read nowhere"


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".txt"], ids=lambda p: p.name)
def test_plain_lists_hold_each_entry_once(path):
    entries = lexicons.word_list(path.stem)
    assert entries and len(set(entries)) == len(entries)


def test_returned_values_cannot_be_changed():
    assert isinstance(lexicons.word_list("stance_anaphora"), tuple)
    assert isinstance(lexicons.word_set("stance_anaphora"), frozenset)
    for mapping in (
        lexicons.table("number_cues")[0],
        lexicons.scores("stance_support"),
        lexicons.currencies(),
        lexicons.currencies()["before"],
        lexicons.honorifics(),
        lexicons.reporting_verbs(),
        lexicons.stance_lexicon().hedges,
    ):
        with pytest.raises(TypeError):
            mapping["new"] = "value"


def test_honorifics_qualifiers_and_guidelines_live_in_one_file_each():
    titles = lexicons.honorifics()
    assert titles["mrs"].gender == "f" and titles["mrs"].dropped_from_names
    assert titles["señor"].gender is None and not titles["señor"].dropped_from_names
    assert (("at", "least"), "at least") in lexicons.number_qualifiers()
    guidelines = {g.name: g.value for g in lexicons.nato_guidelines()}
    assert guidelines == {"floor": 2.0, "core": 3.5, "total": 5.0}
    assert (claims.GUIDELINE_PCT, claims.CORE_TARGET_PCT) == (2.0, 3.5)
    assert [value for value, _ in charts.GUIDELINES] == [2.0, 3.5, 5.0]
    # the claim check has a rule for every qualifier the numbers may carry
    assert {q for _, q in lexicons.number_qualifiers()} <= set(claims.QUALIFIER_RULES)


def test_a_missing_list_is_named():
    with pytest.raises(FileNotFoundError, match="no_such_list"):
        lexicons.word_set("no_such_list")
