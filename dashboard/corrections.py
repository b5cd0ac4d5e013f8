"""Analysts' corrections of stance rows, kept beside the store and applied whenever its tables are read.

`<store>/corrections/stances.csv` holds one line per correction (stance_id, verdict, note, corrected_at);
the newest line for a stance wins, so a correction can itself be corrected and the file is its history. A
verdict `support`, `oppose` or `neutral` sets the row's polarity and the sign of its score, with method
`analyst` and confidence 1; `not_a_stance` removes the row. Plain CSV read and written by pandas (never
pickled); the note is stored as text and only ever shown as text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

VERDICTS = ("support", "oppose", "neutral", "not_a_stance")
COLUMNS = ["stance_id", "verdict", "note", "corrected_at"]
RELATIVE_PATH = Path("corrections") / "stances.csv"
MAX_NOTE = 500  # characters kept of an analyst's note
CORRECTED_MAGNITUDE = 0.5  # |score| given to a row corrected from neutral (its own score was about 0)
NEAR_ZERO = 0.05  # a score this close to 0 is neutral (as in the stance extractor)


def corrections_path(store: str | Path) -> Path:
    return Path(store) / RELATIVE_PATH


def read_corrections(store: str | Path) -> pd.DataFrame:
    """Every correction saved for `store`, oldest first (an empty frame when there is none). Lines with an
    unknown verdict (a hand-edited file) are left out."""
    path = corrections_path(store)
    if not path.is_file():
        return pd.DataFrame({c: pd.Series(dtype="string") for c in COLUMNS})
    found = pd.read_csv(path, dtype="string", keep_default_na=False)
    for column in COLUMNS:
        if column not in found:
            found[column] = pd.Series("", index=found.index, dtype="string")
    return found.loc[found["verdict"].isin(VERDICTS), COLUMNS].reset_index(drop=True)


def add_correction(store: str | Path, stance_id: str, verdict: str, note: str = "") -> None:
    """Append one correction for `stance_id` to the store's corrections file."""
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    if not stance_id:
        raise ValueError("a correction needs the stance_id of the row it corrects")
    path = corrections_path(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    row = pd.DataFrame(
        [
            {
                "stance_id": str(stance_id),
                "verdict": verdict,
                "note": " ".join(str(note).split())[:MAX_NOTE],
                "corrected_at": pd.Timestamp.now(tz="UTC").isoformat(timespec="seconds"),
            }
        ],
        columns=COLUMNS,
    )
    row.to_csv(path, mode="a", header=not path.is_file(), index=False)


def latest(corrections: pd.DataFrame) -> pd.DataFrame:
    """The newest correction per stance: stance_id, verdict, note, corrected_at."""
    return corrections.drop_duplicates("stance_id", keep="last").reset_index(drop=True)


def apply_corrections(stances: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """`stances` with the newest correction of each row applied (a new frame; `stances` is not changed).
    Corrections of stance ids not in the table are ignored."""
    if corrections.empty or stances.empty:
        return stances
    verdict = stances["stance_id"].map(latest(corrections).set_index("stance_id")["verdict"])
    out = stances.loc[verdict.ne("not_a_stance").fillna(True).astype(bool)].copy()
    verdict = verdict.loc[out.index]
    changed = verdict.notna()
    if not changed.any():
        return out
    magnitude = out.loc[changed, "score"].abs().astype("float64")
    magnitude = magnitude.where(magnitude > NEAR_ZERO, CORRECTED_MAGNITUDE)
    sign = verdict.loc[changed].map({"support": 1.0, "oppose": -1.0, "neutral": 0.0}).astype("float64")
    out.loc[changed, "score"] = (magnitude * sign).round(3)
    out.loc[changed, "polarity"] = verdict.loc[changed].astype(str)
    out.loc[changed, "method"] = "analyst"
    out.loc[changed, "confidence"] = 1.0
    return out
