"""Claims vs official figures: checks percent-of-GDP defence-spending numbers against NATO's published series.
Pure pandas over the `numbers` table, the reference CSV and NATO's guidelines (data/lexicons); no Streamlit,
no NLP, never alters its inputs."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from dashboard.nlp.lexicons import nato_guideline

REFERENCE_PATH = Path(__file__).resolve().parents[1] / "data" / "reference" / "nato_defence_expenditure.csv"
REFERENCE_DTYPES = MappingProxyType(
    {
        "iso3": "string",
        "country": "string",
        "year": "Int64",
        "pct_gdp": "Float64",
        "edition": "string",
        "estimate": "boolean",
        "usd_million_current": "Float64",
    }
)

GUIDELINE_PCT = nato_guideline("floor").value  # Wales 2014 guideline, a floor since Vilnius 2023
CORE_TARGET_PCT = nato_guideline("core").value  # The Hague 2025: core defence spending by 2035

# qualifier -> (comparison, tolerance in percentage points). "within": |value - official| <= tol;
# "floor": official >= value - tol (the claim says "at least value"); "ceiling": official <= value + tol.
QUALIFIER_RULES = MappingProxyType(
    {
        None: ("within", 0.10),
        "about": ("within", 0.15),
        "more than": ("floor", 0.05),
        "at least": ("floor", 0.05),
        "less than": ("ceiling", 0.05),
        "up to": ("ceiling", 0.05),
        "at most": ("ceiling", 0.05),
    }
)
VERDICTS = ("consistent", "overstated", "understated")
# Figures carry 4 decimals; the slack keeps a claim exactly on a tolerance boundary (3.789 + 0.1) inside it
# despite binary floating point.
EPSILON = 1e-9
DIFFERENCE_DECIMALS = 4
ADDED_COLUMNS = MappingProxyType(
    {
        "official_value": "Float64",
        "edition": "string",
        "difference": "Float64",
        "verdict": "string",
        "met_guideline": "boolean",
    }
)


@lru_cache(maxsize=4)
def _read_reference(path: str) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in REFERENCE_DTYPES if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing reference columns {missing}")
    out = pd.DataFrame(index=table.index)
    for col, dtype in REFERENCE_DTYPES.items():
        cells = table[col].replace("", None)
        if dtype == "boolean":
            out[col] = cells.str.lower().map({"true": True, "false": False}).astype(dtype)
        elif dtype in ("Int64", "Float64"):
            out[col] = pd.to_numeric(cells).astype(dtype)
        else:
            out[col] = cells.astype(dtype)
    if out.duplicated(["iso3", "year", "edition"]).any():
        raise ValueError(f"{path}: more than one row per (iso3, year, edition)")
    return out


def load_reference(path: str | Path | None = None) -> pd.DataFrame:
    """NATO's percent-of-GDP series, one row per (iso3, year, edition), typed per REFERENCE_DTYPES.

    Read once per path and cached; each call returns a copy, so callers may modify it."""
    return _read_reference(str(Path(path) if path is not None else REFERENCE_PATH)).copy()


def _agrees(value: pd.Series, official: pd.Series, qualifier: pd.Series) -> pd.Series:
    """Whether each claimed value agrees with the official value under its qualifier's rule."""
    result = pd.Series(False, index=value.index)
    for qual, (comparison, tol) in QUALIFIER_RULES.items():
        rows = qualifier.isna() if qual is None else qualifier.eq(qual).fillna(False)
        if not rows.any():
            continue
        v, o = value[rows], official[rows]
        if comparison == "within":
            ok = (v - o).abs() <= tol + EPSILON
        elif comparison == "floor":
            ok = o >= v - tol - EPSILON
        else:
            ok = o <= v + tol + EPSILON
        result[rows] = ok.to_numpy(dtype=bool)
    return result


def _check_qualifiers(qualifier: pd.Series) -> None:
    known = {q for q in QUALIFIER_RULES if q is not None}
    unknown = set(qualifier.dropna().unique()) - known
    if unknown:
        raise ValueError(
            f"unsupported qualifier(s) {sorted(unknown)}; supported: none (null) or {sorted(known)}"
        )


def check_claims(numbers: pd.DataFrame, reference: pd.DataFrame | None = None) -> pd.DataFrame:
    """`numbers` (same rows, order and index) with official_value, edition, difference, verdict and
    met_guideline added. `reference` defaults to `load_reference()`.

    Which rows are checked: only rows with unit == "percent_of_gdp", a country (ISO3) and a year that NATO's
    series covers (a figure in at least one edition) get `official_value`, `edition` and `met_guideline`
    (official value >= 2.0). Of those, only rows with kind == "reported" and a value get `difference`
    (claimed - official, percentage points, 4 decimals) and `verdict`: targets ("2% by 2035") and other kinds
    are not claims about what was spent, so they get the latest edition's figure for context and verdict null.
    Every other row gets nulls in all five columns.

    How a verdict is reached (QUALIFIER_RULES; tolerances in percentage points, EPSILON slack):
        no qualifier                    consistent when |value - official| <= 0.10
        "about"                         consistent when |value - official| <= 0.15
        "more than" / "at least"        consistent when official >= value - 0.05
        "less than" / "up to" / "at most"   consistent when official <= value + 0.05
    The claim is compared with every edition that has the (country, year), because NATO revises history and
    an article quotes the edition current when it was written. It is `consistent` when any edition agrees,
    and `edition` names the latest agreeing edition (official_value and difference are that edition's).
    Otherwise it is `overstated` (value > official) or `understated`, against the latest edition.

    Raises ValueError when a checked row's qualifier is not in QUALIFIER_RULES (matched case-insensitively).
    """
    ref = load_reference() if reference is None else reference
    ref = ref.dropna(subset=["pct_gdp"])
    out = numbers.copy()
    n = len(out)
    official = np.full(n, np.nan)
    edition = np.full(n, None, dtype=object)
    difference = np.full(n, np.nan)
    verdict = np.full(n, None, dtype=object)

    unit = out["unit"].astype("string")
    country = out["country"].astype("string").str.strip().str.upper()
    year = pd.to_numeric(out["year"], errors="coerce").astype("Float64")
    value = pd.to_numeric(out["value"], errors="coerce").astype("Float64")
    eligible = (unit.eq("percent_of_gdp") & country.notna() & year.notna()).fillna(False).to_numpy(bool)

    if eligible.any():
        missing = pd.Series(pd.NA, index=out.index, dtype="string")
        kind = out["kind"].astype("string") if "kind" in out.columns else missing
        qual = out["qualifier"].astype("string") if "qualifier" in out.columns else missing
        qual = qual.str.strip().str.lower().replace("", pd.NA)
        claims = pd.DataFrame(
            {
                "_row": np.flatnonzero(eligible),
                "iso3": country.to_numpy()[eligible],
                "year": year.to_numpy(dtype=float, na_value=np.nan)[eligible],
                "value": value.to_numpy(dtype=float, na_value=np.nan)[eligible],
                "qualifier": qual.to_numpy()[eligible],
                "reported": kind.eq("reported").fillna(False).to_numpy(bool)[eligible],
            }
        )
        claims["reported"] &= claims["value"].notna()
        _check_qualifiers(claims.loc[claims["reported"], "qualifier"])
        series = pd.DataFrame(
            {
                "iso3": ref["iso3"].astype("string").to_numpy(),
                "year": pd.to_numeric(ref["year"]).astype(float).to_numpy(),
                "edition": ref["edition"].astype(str).to_numpy(),
                "official": pd.to_numeric(ref["pct_gdp"]).astype(float).to_numpy(),
            }
        )
        claims["iso3"] = claims["iso3"].astype("string")
        pairs = claims.merge(series, on=["iso3", "year"], how="inner").sort_values(["_row", "edition"])
        pairs["agrees"] = pairs["reported"] & _agrees(pairs["value"], pairs["official"], pairs["qualifier"])

        latest = pairs.groupby("_row").tail(1).set_index("_row")
        agreeing = pairs[pairs["agrees"]].groupby("_row").tail(1).set_index("_row")
        chosen = latest.copy()
        chosen.loc[agreeing.index] = agreeing

        rows = chosen.index.to_numpy()
        official[rows] = chosen["official"].to_numpy(float)
        edition[rows] = chosen["edition"].to_numpy(object)
        checked = chosen[chosen["reported"]]
        diff = (checked["value"] - checked["official"]).round(DIFFERENCE_DECIMALS)
        difference[checked.index.to_numpy()] = diff.to_numpy(float)
        verdict[checked.index.to_numpy()] = np.where(
            checked["agrees"], "consistent", np.where(diff > 0, "overstated", "understated")
        )

    out["official_value"] = pd.array(official, dtype="Float64")
    out["edition"] = pd.array(edition, dtype="string")
    out["difference"] = pd.array(difference, dtype="Float64")
    out["verdict"] = pd.array(verdict, dtype="string")
    out["met_guideline"] = (out["official_value"] >= GUIDELINE_PCT).astype("boolean")
    return out


def guideline_status(reference: pd.DataFrame | None, year: int) -> pd.DataFrame:
    """Per country in `reference`, its `year` figure from the latest edition that has one: columns iso3,
    country, year, pct_gdp, edition, estimate, met_2pct, met_3_5pct. Countries with no figure for that
    year in any edition (Germany 2025) keep a row with nulls. Sorted by pct_gdp, highest first."""
    ref = load_reference() if reference is None else reference
    ref = ref.dropna(subset=["pct_gdp"])
    countries = ref[["iso3", "country"]].drop_duplicates("iso3", keep="last")
    figures = (
        ref[pd.to_numeric(ref["year"]) == year].sort_values("edition").drop_duplicates("iso3", keep="last")
    )
    out = countries.merge(
        figures[["iso3", "pct_gdp", "edition", "estimate"]], on="iso3", how="left", validate="one_to_one"
    )
    out.insert(2, "year", pd.array([year] * len(out), dtype="Int64"))
    out["pct_gdp"] = out["pct_gdp"].astype("Float64")
    out["edition"] = out["edition"].astype("string")
    out["estimate"] = out["estimate"].astype("boolean")
    out["met_2pct"] = (out["pct_gdp"] >= GUIDELINE_PCT).astype("boolean")
    out["met_3_5pct"] = (out["pct_gdp"] >= CORE_TARGET_PCT).astype("boolean")
    out = out.sort_values(["pct_gdp", "iso3"], ascending=[False, True], na_position="last")
    return out.reset_index(drop=True)
