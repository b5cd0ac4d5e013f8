"""Tests for dashboard/claims.py and the shipped NATO reference CSV: verdict rules on real figures, a property
test of the rules, and the CSV against a rebuild from ../shared/reference.

Expected values are read from the reference CSV at test time; nothing here writes into the repository."""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.claims import REFERENCE_PATH, check_claims, guideline_status, load_reference
from dashboard.schema import conform, empty_frame

ROOT = Path(__file__).resolve().parents[1]
BUILDER = ROOT / "data" / "reference" / "build_reference.py"
SHARED = ROOT.parent / "shared" / "reference"

OLD, NEW = "2024-06-17", "2025-08-28"
REF = load_reference()
FIGURES = {(r.iso3, int(r.year), r.edition): float(r.pct_gdp) for r in REF.itertuples()}
VERDICTS = {"consistent", "overstated", "understated"}
QUALIFIERS = [None, "about", "more than", "at least", "less than", "up to", "at most"]


def o(iso3: str, year: int, edition: str = NEW) -> float:
    """The official figure, read from the shipped CSV."""
    return FIGURES[(iso3, year, edition)]


def editions_of(iso3: str, year: int) -> list[str]:
    return sorted(e for (c, y, e) in FIGURES if (c, y) == (iso3, year))


def rule_holds(value: float, official: float, qualifier: str | None) -> bool:
    """The verdict rule as the product brief states it (1e-9 slack for binary floating point)."""
    eps = 1e-9
    if qualifier is None:
        return abs(value - official) <= 0.1 + eps
    if qualifier == "about":
        return abs(value - official) <= 0.15 + eps
    if qualifier in ("more than", "at least"):
        return official >= value - 0.05 - eps
    return official <= value + 0.05 + eps  # less than, up to, at most


def numbers_frame(rows: list[dict], index: list | None = None) -> pd.DataFrame:
    """A `numbers` table that meets the schema contract."""
    base = {"unit": "percent_of_gdp", "kind": "reported", "qualifier": None}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["number_id"] = [f"n{i}" for i in range(len(frame))]
    out = conform(frame, "numbers")
    if index is not None:
        out.index = index
    return out


@dataclass
class Case:
    id: str
    value: float | None
    verdict: str | None
    edition: str | None  # edition named in the output (also where official_value comes from)
    diff_vs: str | None = None  # edition the difference is against; None: difference null
    country: str | None = "POL"
    year: int | None = 2024
    qualifier: str | None = None
    kind: str = "reported"
    unit: str = "percent_of_gdp"
    extra: dict = field(default_factory=dict)


P24_NEW = o("POL", 2024, NEW)
P25 = o("POL", 2025, NEW)

CASES = [
    # Poland 2024 was revised from 4.12 (June 2024) to 3.79 (August 2025): either quote is consistent.
    Case("pol24-june-edition-figure", 4.12, "consistent", OLD, OLD),
    Case("pol24-august-edition-figure", 3.79, "consistent", NEW, NEW),
    Case("pol24-overstated-vs-latest", 4.5, "overstated", NEW, NEW),
    Case("pol24-understated-vs-latest", 3.0, "understated", NEW, NEW),
    Case("pol24-boundary-plus-0.1", P24_NEW + 0.1, "consistent", NEW, NEW),
    Case("pol24-boundary-minus-0.1", P24_NEW - 0.1, "consistent", NEW, NEW),
    Case("pol24-just-over-0.1", round(P24_NEW + 0.1001, 4), "overstated", NEW, NEW),
    Case("pol24-just-under-0.1", round(P24_NEW - 0.1001, 4), "understated", NEW, NEW),
    Case("about-allows-0.15", P24_NEW + 0.15, "consistent", NEW, NEW, qualifier="about"),
    Case("about-0.16-overstated", P24_NEW + 0.16, "overstated", NEW, NEW, qualifier="about"),
    Case("plain-0.15-overstated", P24_NEW + 0.15, "overstated", NEW, NEW),
    Case("about-4-agrees-with-june-only", 4.0, "consistent", OLD, OLD, qualifier="about"),
    Case("more-than-4-agrees-with-june-only", 4.0, "consistent", OLD, OLD, qualifier="more than"),
    Case("less-than-4-agrees-with-august", 4.0, "consistent", NEW, NEW, qualifier="less than"),
    Case("at-least-4.5-within-0.05", 4.5, "consistent", NEW, NEW, year=2025, qualifier="at least"),
    Case("at-least-boundary", P25 + 0.05, "consistent", NEW, NEW, year=2025, qualifier="at least"),
    Case("more-than-4.6-overstated", 4.6, "overstated", NEW, NEW, year=2025, qualifier="more than"),
    Case("more-than-4-consistent", 4.0, "consistent", NEW, NEW, year=2025, qualifier="more than"),
    Case("less-than-4.5-consistent", 4.5, "consistent", NEW, NEW, year=2025, qualifier="less than"),
    Case("up-to-4.4-understated", 4.4, "understated", NEW, NEW, year=2025, qualifier="up to"),
    Case("at-most-boundary", P25 - 0.05, "consistent", NEW, NEW, year=2025, qualifier="at most"),
    Case("at-most-4.42-understated", 4.42, "understated", NEW, NEW, year=2025, qualifier="at most"),
    Case("both-editions-agree-latest-named", 2.0, "consistent", NEW, NEW, year=2016),
    Case("greece24-june-figure", 3.08, "consistent", OLD, OLD, country="GRC"),
    Case("usa14-wales-baseline", 3.71, "consistent", NEW, NEW, country="USA", year=2014),
    Case("germany25-no-figure", 2.0, None, None, country="DEU", year=2025),
    Case("iceland-not-in-tables", 0.0, None, None, country="ISL"),
    Case("year-before-series", 1.9, None, None, year=2013),
    Case("year-after-series", 5.0, None, None, year=2026),
    Case("target-not-checked", 2.0, None, NEW, kind="target"),
    Case("other-kind-not-checked", 4.12, None, NEW, kind="other"),
    Case("no-value-not-checked", None, None, NEW),
    Case("no-year", 4.12, None, None, year=None),
    Case("no-country", 4.12, None, None, country=None),
    Case("unit-percent-not-gdp", 4.12, None, None, unit="percent"),
    Case("unit-money", 4.12, None, None, unit="money"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_verdict_table(case: Case) -> None:
    row = {
        "value": case.value,
        "unit": case.unit,
        "country": case.country,
        "year": case.year,
        "kind": case.kind,
        "qualifier": case.qualifier,
    }
    got = check_claims(numbers_frame([row]), REF).iloc[0]
    assert (None if pd.isna(got["verdict"]) else got["verdict"]) == case.verdict
    assert (None if pd.isna(got["edition"]) else got["edition"]) == case.edition
    if case.edition is None:
        assert pd.isna(got["official_value"]) and pd.isna(got["met_guideline"])
    else:
        official = o(case.country, case.year, case.edition)
        assert got["official_value"] == pytest.approx(official)
        assert bool(got["met_guideline"]) == (official >= 2.0)
    if case.diff_vs is None:
        assert pd.isna(got["difference"])
    else:
        expected = round(case.value - o(case.country, case.year, case.diff_vs), 4)
        assert got["difference"] == pytest.approx(expected, abs=1e-9)


def test_poland_2016_met_guideline_depends_on_edition() -> None:
    assert o("POL", 2016, OLD) >= 2.0 > o("POL", 2016, NEW)
    got = check_claims(numbers_frame([{"value": 2.0, "country": "POL", "year": 2016}]), REF).iloc[0]
    assert got["edition"] == NEW and not got["met_guideline"]


def test_output_keeps_rows_index_and_adds_typed_columns() -> None:
    rows = [
        {"value": 4.12, "country": "POL", "year": 2024},
        {"value": 2.0, "country": "DEU", "year": 2025},
        {"value": 20.0, "unit": "percent", "country": "POL", "year": 2024},
    ]
    numbers = numbers_frame(rows, index=[10, 3, 7])
    out = check_claims(numbers)  # default reference: the shipped CSV
    expected = {
        "official_value": "Float64",
        "edition": "string",
        "difference": "Float64",
        "verdict": "string",
        "met_guideline": "boolean",
    }
    inputs = [
        c for c in numbers.columns if c not in expected
    ]  # the table contract holds the added columns too
    pd.testing.assert_frame_equal(out[inputs], numbers[inputs])
    assert list(out.index) == [10, 3, 7]
    assert {c: str(out[c].dtype) for c in expected} == expected
    assert out.loc[10, "verdict"] == "consistent" and pd.isna(out.loc[3, "verdict"])


def test_empty_numbers_table() -> None:
    out = check_claims(empty_frame("numbers"), REF)
    assert out.empty and {"official_value", "verdict", "met_guideline"} <= set(out.columns)


def test_qualifier_is_case_insensitive() -> None:
    row = {"value": 4.0, "country": "POL", "year": 2024, "qualifier": "About"}
    assert check_claims(numbers_frame([row]), REF).iloc[0]["edition"] == OLD


def test_unsupported_qualifier_says_what_is_supported() -> None:
    row = {"value": 4.0, "country": "POL", "year": 2024, "qualifier": "nearly"}
    with pytest.raises(ValueError, match="supported"):
        check_claims(numbers_frame([row]), REF)


PAIRS = sorted({(c, y) for (c, y, _) in FIGURES})
claim_rows = st.fixed_dictionaries(
    {
        "pair": st.sampled_from([*PAIRS, ("DEU", 2025), ("ISL", 2020), ("POL", 2030)]),
        "value": st.floats(min_value=0.0, max_value=6.0, allow_nan=False).map(lambda v: round(v, 3)),
        "qualifier": st.sampled_from(QUALIFIERS),
        "kind": st.sampled_from(["reported", "reported", "target"]),
        "unit": st.sampled_from(["percent_of_gdp", "percent_of_gdp", "percent"]),
    }
)


@settings(max_examples=100, deadline=None)
@given(st.lists(claim_rows, min_size=1, max_size=12))
def test_verdict_follows_the_rule_for_some_edition(rows: list[dict]) -> None:
    keys = ("value", "qualifier", "kind", "unit")
    frame = [{"country": r["pair"][0], "year": r["pair"][1], **{k: r[k] for k in keys}} for r in rows]
    out = check_claims(numbers_frame(frame), REF)
    for r, (_, got) in zip(rows, out.iterrows(), strict=True):
        verdict = None if pd.isna(got["verdict"]) else got["verdict"]
        assert verdict is None or verdict in VERDICTS
        editions = editions_of(*r["pair"])
        if r["unit"] != "percent_of_gdp" or not editions:
            assert verdict is None and pd.isna(got["official_value"]) and pd.isna(got["edition"])
            continue
        if r["kind"] != "reported":
            assert verdict is None and got["edition"] == editions[-1]
            continue
        official = {e: o(*r["pair"], e) for e in editions}
        agreeing = [e for e in editions if rule_holds(r["value"], official[e], r["qualifier"])]
        assert (verdict == "consistent") == bool(agreeing)
        named = agreeing[-1] if agreeing else editions[-1]
        assert got["edition"] == named
        assert got["difference"] == pytest.approx(round(r["value"] - official[named], 4), abs=1e-9)
        if not agreeing:
            assert verdict == ("overstated" if r["value"] > official[named] else "understated")
        assert bool(got["met_guideline"]) == (official[named] >= 2.0)


def test_reference_table_contract() -> None:
    ref = load_reference()
    assert list(ref.columns) == [
        "iso3",
        "country",
        "year",
        "pct_gdp",
        "edition",
        "estimate",
        "usd_million_current",
    ]
    assert not ref.duplicated(["iso3", "year", "edition"]).any()
    assert set(ref["edition"]) == {OLD, NEW}
    assert ref["pct_gdp"].notna().all() and ref["estimate"].notna().all()
    assert ref["year"].between(2014, 2025).all()
    assert ref.loc[ref["edition"] == OLD, "year"].max() == 2024
    assert ref.loc[ref["edition"] == NEW, "usd_million_current"].isna().all()
    assert "ISL" not in set(ref["iso3"]) and ("DEU", 2025, NEW) not in FIGURES
    ref.loc[:, "pct_gdp"] = 0.0  # callers get a copy; the cache is untouched
    assert load_reference()["pct_gdp"].max() > 4


def test_readme_poland_sentence_matches_data() -> None:
    readme = (REFERENCE_PATH.parent / "README.md").read_text(encoding="utf-8")
    june, august = o("POL", 2024, OLD), o("POL", 2024, NEW)
    assert f"**{june:.2f} %** in the June 2024 edition" in readme
    assert f"**{august:.2f} %** in the August 2025 edition" in readme


def test_guideline_status() -> None:
    status = guideline_status(REF, 2025).set_index("iso3")
    assert set(status.index[status["met_3_5pct"].fillna(False)]) == {"POL", "LTU", "LVA"}
    assert pd.isna(status.loc["DEU", "pct_gdp"]) and pd.isna(status.loc["DEU", "met_2pct"])
    assert status.drop(index="DEU")["met_2pct"].all()
    in_2014 = guideline_status(None, 2014)
    assert set(in_2014.loc[in_2014["met_2pct"], "iso3"]) == {"USA", "GBR", "GRC"}
    assert (in_2014["edition"] == NEW).all()
    # 2024 from the latest edition: fewer allies at 2% than the June 2024 edition reported
    in_2024 = guideline_status(REF, 2024)
    june_2024 = guideline_status(REF[REF["edition"] == OLD], 2024)
    assert int(in_2024["met_2pct"].sum()) < int(june_2024["met_2pct"].sum())
    assert math.isclose(in_2024.set_index("iso3").loc["POL", "pct_gdp"], o("POL", 2024, NEW))


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/reference is not available")
def test_shipped_csv_matches_rebuild() -> None:
    spec = importlib.util.spec_from_file_location("build_reference", BUILDER)
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    rebuilt = builder.to_csv_text(builder.build(SHARED))
    assert rebuilt == REFERENCE_PATH.read_text(encoding="utf-8")
