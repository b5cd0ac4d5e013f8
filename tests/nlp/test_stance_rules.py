"""The stance rule table over the real pipeline: every rule's examples give the stances they list, switching
the rule off changes the result on its `fires` texts and not on its `spares` texts; rows cite known rules;
rules can be switched off through the extractor and the loader, and are listed on the command line."""

from __future__ import annotations

import re
from datetime import date

import pytest

from dashboard.cli import main as cli
from dashboard.loader import load_articles
from dashboard.nlp.gazetteer import Gazetteer
from dashboard.nlp.pipeline import load_model, statements_for_doc
from dashboard.nlp.stance_rules import stance_rules
from dashboard.nlp.stances import extract_stances, stance_matcher
from dashboard.schema import PATTERNS

WHEN = date(2024, 1, 1)
RULES = stance_rules()
EXAMPLES = [
    (rule.id, kind, text, expected)
    for rule in RULES
    for kind, examples in (("fires", rule.fires), ("spares", rule.spares))
    for text, expected in examples.items()
]


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


def extract(nlp, gaz, text, disabled=frozenset()):
    doc = nlp(text)
    return extract_stances(doc, statements_for_doc(doc, WHEN, gaz), WHEN, gaz, stance_matcher(nlp), disabled)


def outcome(stances):
    """What a stance says, without the rule it cites."""
    return [
        (s.actor, s.target, s.polarity, s.score, s.confidence, s.statement, s.evidence_start) for s in stances
    ]


@pytest.mark.parametrize(
    "rule_id, kind, text, expected", EXAMPLES, ids=[f"{r}-{k}-{t[:40]}" for r, k, t, _ in EXAMPLES]
)
def test_rule_examples(nlp, gaz, rule_id, kind, text, expected):
    found = extract(nlp, gaz, text)
    assert sorted(f"{s.actor} {s.target} {s.polarity}" for s in found) == sorted(expected)
    changed = outcome(extract(nlp, gaz, text, {rule_id})) != outcome(found)
    assert changed == (kind == "fires"), f"{rule_id} {'does not change' if kind == 'fires' else 'changes'}"


def test_the_table_is_well_formed():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)) >= 40
    for rule in RULES:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", rule.id), rule.id
        assert rule.description and "\n" not in rule.description and len(rule.description) <= 110, rule.id
        assert rule.fires and rule.spares, f"{rule.id} needs examples of both kinds"
        stances = [s for examples in (rule.fires, rule.spares) for found in examples.values() for s in found]
        assert all(re.fullmatch(r".+ [a-z_]+ (support|oppose|neutral)", s) for s in stances), rule.id


def test_rows_cite_a_rule_of_the_table(nlp, gaz):
    ids = {rule.id for rule in RULES}
    cited = {s.rule for _, _, text, _ in EXAMPLES for s in extract(nlp, gaz, text)}
    assert cited <= ids
    assert {"passive_agent", "stance_cue", "target_verb", "bare_mention"} <= cited
    assert all(PATTERNS[("stances", "method")].fullmatch(f"rule:{rule_id}") for rule_id in cited)


def test_the_rule_that_decided_is_cited(nlp, gaz):
    found = extract(nlp, gaz, "Its membership was held up for months by Türkiye.")
    assert [(s.actor, s.rule) for s in found] == [("Türkiye", "passive_agent")]  # the holder's rule
    found = extract(nlp, gaz, "Spain did not back the plan to raise defence spending.")
    assert [(s.polarity, s.rule) for s in found] == [("oppose", "negation")]  # else the polarity's


def test_an_unknown_rule_is_named_with_the_known_ones(nlp, gaz):
    with pytest.raises(ValueError, match=r"unknown stance rules \['no_such_rule'\].*passive_agent"):
        extract(nlp, gaz, "Finland joined NATO.", {"no_such_rule"})


def test_the_loader_passes_switched_off_rules_down(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Membership\n\nSweden applied to join NATO in 2022. "
        "Its membership was blocked for months by Hungary.\n",
        encoding="utf-8",
    )
    on = load_articles(tmp_path)
    off = load_articles(tmp_path, disabled_rules={"passive_agent"})
    assert "Hungary" in set(on.stances["actor"]) and "Hungary" not in set(off.stances["actor"])
    assert on.stances["method"].str.startswith("rule:").all()
    assert on.articles["pipeline"][0] != off.articles["pipeline"][0]  # a store never mixes the two
    with pytest.raises(ValueError, match="unknown stance rules"):
        load_articles(tmp_path, disabled_rules={"no_such_rule"})


def test_the_command_line_lists_the_rules(capsys):
    assert cli(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [rule.id for rule in RULES]
    assert any("agent of a passive" in line for line in lines)
