"""Analysts' stance corrections: saved as CSV beside the store, the newest per row applied to the table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard import corrections
from dashboard.schema import conform, validate


def _stances() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stance_id": ["s1", "s2", "s3", "s4"],
            "actor": ["A", "B", "C", "D"],
            "polarity": ["support", "oppose", "neutral", "support"],
            "score": [0.8, -0.6, 0.0, 0.5],
            "confidence": [0.7, 0.7, 0.4, 0.4],
            "method": ["rule:stance_cue"] * 4,
        }
    )


def test_corrections_round_trip_and_the_newest_wins(tmp_path: Path) -> None:
    assert corrections.read_corrections(tmp_path).empty
    corrections.add_correction(tmp_path, "s1", "oppose", 'sarcasm, "not" support\nsee para 2')
    corrections.add_correction(tmp_path, "s2", "not_a_stance")
    corrections.add_correction(tmp_path, "s1", "neutral", "second thoughts")
    saved = corrections.read_corrections(tmp_path)
    assert saved["stance_id"].tolist() == ["s1", "s2", "s1"]
    assert saved["note"].iloc[0] == 'sarcasm, "not" support see para 2'  # one line, quotes kept as text
    assert corrections.latest(saved).set_index("stance_id")["verdict"].to_dict() == {
        "s1": "neutral",
        "s2": "not_a_stance",
    }
    assert (
        corrections.corrections_path(tmp_path)
        .read_text(encoding="utf-8")
        .startswith("stance_id,verdict,note,corrected_at")
    )


def test_applying_corrections_sets_polarity_and_sign_and_drops_rejected_rows(tmp_path: Path) -> None:
    stances = _stances()
    for stance_id, verdict in [("s1", "oppose"), ("s2", "not_a_stance"), ("s3", "support"), ("zz", "oppose")]:
        corrections.add_correction(tmp_path, stance_id, verdict)
    out = corrections.apply_corrections(stances, corrections.read_corrections(tmp_path))
    assert out["stance_id"].tolist() == ["s1", "s3", "s4"]  # s2 is no stance; "zz" is not in the table
    rows = out.set_index("stance_id")
    assert rows.loc["s1", ["polarity", "score", "method", "confidence"]].tolist() == [
        "oppose",
        -0.8,
        "analyst",
        1.0,
    ]
    assert rows.loc["s3", ["polarity", "score"]].tolist() == ["support", corrections.CORRECTED_MAGNITUDE]
    assert rows.loc["s4", ["polarity", "score", "method"]].tolist() == ["support", 0.5, "rule:stance_cue"]
    assert stances["polarity"].tolist() == ["support", "oppose", "neutral", "support"]  # input unchanged


def test_corrected_rows_still_meet_the_stances_contract(tmp_path: Path) -> None:
    full = conform(_stances().assign(article_id="a", actor_type="person", target="nato_alliance"), "stances")
    corrections.add_correction(tmp_path, "s4", "neutral")
    out = corrections.apply_corrections(full, corrections.read_corrections(tmp_path))
    validate(out, "stances")
    assert out.set_index("stance_id").loc["s4", "score"] == 0


@pytest.mark.parametrize("verdict, stance_id", [("maybe", "s1"), ("support", "")])
def test_a_bad_correction_is_refused_and_nothing_is_written(tmp_path: Path, verdict, stance_id) -> None:
    with pytest.raises(ValueError):
        corrections.add_correction(tmp_path, stance_id, verdict)
    assert not corrections.corrections_path(tmp_path).exists()


def test_a_hand_edited_line_with_an_unknown_verdict_is_ignored(tmp_path: Path) -> None:
    path = corrections.corrections_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("stance_id,verdict,note,corrected_at\ns1,wrong,,\ns2,oppose,,\n", encoding="utf-8")
    assert corrections.read_corrections(tmp_path)["stance_id"].tolist() == ["s2"]
