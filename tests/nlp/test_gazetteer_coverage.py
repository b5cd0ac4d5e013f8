"""Consistency of the gazetteer's office holders: every NATO and EU member (and Russia, Ukraine, China) has
one head of government, one foreign minister and one defence minister at sample dates, tenures do not
overlap, and every row points at a known country, organisation and role. The checks read the data; they do
not list who held which office."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import pairwise

import pytest

from dashboard.nlp.gazetteer import Actor, Country, Gazetteer

SAMPLE_DATES = (date(2016, 7, 1), date(2020, 7, 1), date(2024, 7, 1))
ALSO_COVERED = ("RUS", "UKR", "CHN")
# Members without the office: Iceland has no armed forces; Malta's armed forces answer to the home affairs
# ministry.
NO_DEFENCE_MINISTER = {"ISL", "MLT"}
# Offices left to an acting holder the gazetteer does not list, on a sample date.
VACANT = {("HRV", "Defence Minister", date(2020, 7, 1))}  # minister resigned in May, successor from July 2020


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _member(country: Country, when: date) -> bool:
    return any(
        since is not None and since <= when.year
        for since in (country.nato_member_since, country.eu_member_since)
    )


def _covered(gaz: Gazetteer, when: date) -> list[str]:
    members = [c.iso3 for c in gaz.countries.values() if _member(c, when)]
    return sorted({*members, *ALSO_COVERED})


def _canonical(gaz: Gazetteer, role: str | None) -> str | None:
    found = gaz.roles.get(role or "")
    return found.equivalent or found.role if found else None


def _holders(gaz: Gazetteer, iso3: str, when: date, wanted) -> set[str]:
    """Persons of `iso3` in office on `when` (a tenure ending that day has been handed over) whose tenure
    satisfies `wanted`."""
    return {
        a.name
        for a in gaz.actors
        if a.type == "person" and a.country == iso3 and a.in_office(when) and a.end != when and wanted(a)
    }


def _level(gaz: Gazetteer, level: str):
    return lambda a: gaz.role_level(a.role) == level


def _office(gaz: Gazetteer, role: str):
    return lambda a: _canonical(gaz, a.role) == role


def test_every_member_has_one_head_of_government_or_a_presidential_executive(gaz: Gazetteer) -> None:
    missing = []
    for when in SAMPLE_DATES:
        for iso3 in _covered(gaz, when):
            heads = _holders(gaz, iso3, when, _level(gaz, "head_of_government"))
            if not heads:  # presidential systems (United States, Cyprus, Türkiye since 2018)
                heads = _holders(gaz, iso3, when, _level(gaz, "head_of_state"))
            if len(heads) != 1:
                missing.append((iso3, when.isoformat(), sorted(heads)))
    assert missing == []


@pytest.mark.parametrize("role", ["Foreign Minister", "Defence Minister"])
def test_every_member_has_one_foreign_and_one_defence_minister(gaz: Gazetteer, role: str) -> None:
    wrong = []
    for when in SAMPLE_DATES:
        for iso3 in _covered(gaz, when):
            if (role == "Defence Minister" and iso3 in NO_DEFENCE_MINISTER) or (iso3, role, when) in VACANT:
                continue
            holders = _holders(gaz, iso3, when, _office(gaz, role))
            if len(holders) != 1:
                wrong.append((iso3, when.isoformat(), sorted(holders)))
    assert wrong == []


def test_every_member_has_at_most_one_head_of_state(gaz: Gazetteer) -> None:
    wrong = []
    for when in SAMPLE_DATES:
        for iso3 in _covered(gaz, when):
            heads = _holders(gaz, iso3, when, _level(gaz, "head_of_state"))
            if len(heads) > 1:
                wrong.append((iso3, when.isoformat(), sorted(heads)))
    assert wrong == []


def test_one_person_never_holds_the_same_office_twice_at_once(gaz: Gazetteer) -> None:
    tenures: dict[tuple, list[Actor]] = defaultdict(list)
    for actor in gaz.actors:
        if actor.type == "person":
            tenures[(actor.name, actor.role, actor.org, actor.country)].append(actor)
    overlapping = []
    for key, rows in tenures.items():
        rows = sorted(rows, key=lambda a: a.start or date.min)
        for earlier, later in pairwise(rows):
            if earlier.end is None or later.start is None or earlier.end >= later.start:
                overlapping.append(key)
    assert overlapping == []


def test_every_row_names_a_known_country_organisation_and_role(gaz: Gazetteer) -> None:
    orgs = {a.name for a in gaz.actors if a.type == "organization"}
    bad = []
    for actor in gaz.actors:
        if actor.type not in ("person", "organization"):
            bad.append((actor.name, "type", actor.type))
        if actor.country is not None and actor.country not in gaz.countries:
            bad.append((actor.name, "country", actor.country))
        if actor.org is not None and actor.org not in orgs:
            bad.append((actor.name, "org", actor.org))
        if actor.type == "person" and actor.role not in gaz.roles:
            bad.append((actor.name, "role", actor.role))
        if actor.type == "person" and actor.start is None:
            bad.append((actor.name, "start", None))
        if actor.type == "organization" and (actor.role or actor.start or actor.end):
            bad.append((actor.name, "organisation with a tenure", actor.role))
    assert bad == []


def test_every_tenure_starts_before_it_ends(gaz: Gazetteer) -> None:
    backwards = [
        (a.name, a.role, a.start, a.end) for a in gaz.actors if a.start and a.end and a.start > a.end
    ]
    assert backwards == []


def test_every_person_has_a_country_or_an_organisation(gaz: Gazetteer) -> None:
    stateless = [(a.name, a.role) for a in gaz.actors if a.type == "person" and not (a.country or a.org)]
    assert stateless == []


def test_office_holders_resolve_by_full_name_at_the_sample_dates(gaz: Gazetteer) -> None:
    unresolved = []
    for when in SAMPLE_DATES:
        for iso3 in _covered(gaz, when):
            for name in _holders(
                gaz, iso3, when, lambda a: gaz.role_level(a.role) in {"head_of_government", "minister"}
            ):
                found = gaz.find_actor(name, when)
                if found is None or found.name != name:
                    unresolved.append((name, when.isoformat()))
    assert unresolved == []


def test_every_organisation_is_found_by_its_name_and_aliases(gaz: Gazetteer) -> None:
    lost = []
    for actor in gaz.actors:
        if actor.type != "organization":
            continue
        for form in (actor.name, *gaz.aliases(actor.name)):
            if form.casefold().startswith("the "):
                continue  # a mention's leading "the" is dropped before the look-up
            found = gaz.find_org(form)
            if found is None or found.name != actor.name:
                lost.append((form, actor.name, found.name if found else None))
    assert lost == []


def test_an_organisation_named_like_a_country_metonym_belongs_to_that_country(gaz: Gazetteer) -> None:
    # "the Kremlin", "the Bundestag", "Downing Street" are both organisations and metonyms of their country
    mismatched = []
    for actor in gaz.actors:
        if actor.type != "organization":
            continue
        for form in (actor.name, *gaz.aliases(actor.name)):
            iso3 = gaz.country_code(form)
            if iso3 is not None and iso3 != actor.country:
                mismatched.append((form, actor.name, actor.country, iso3))
    assert mismatched == []
