"""The gold numbers must keep the quality issue 3 asks for: recall >= 0.95, country and year >= 0.9, and every
checkable gold claim given the right verdict."""

from __future__ import annotations

import pytest

from bench.evaluation import evaluate_numbers


@pytest.fixture(scope="module")
def scores():
    return evaluate_numbers()


def test_gold_numbers_are_found(scores):
    assert scores.gold >= 100
    assert scores.recall >= 0.95, scores.errors


@pytest.mark.parametrize("field", ["country", "year"])
def test_country_and_year(scores, field):
    assert scores.accuracy(field) >= 0.9, scores.errors


def test_claim_check_verdicts(scores):
    assert scores.verdicts >= 30
    assert scores.verdicts_right == scores.verdicts, scores.errors
