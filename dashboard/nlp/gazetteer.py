"""Actor and country gazetteer: resolves country, speaker, title and organisation mentions to canonical rows.
Pure lookups over data/gazetteer/*.csv (and data/lexicons/honorifics.csv) loaded once; must not import spaCy,
read files per call or mutate data."""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.nlp.lexicons import honorifics, word_set

if TYPE_CHECKING:
    from spacy.tokens import Span

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "gazetteer"

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_FOLD_EXTRA = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"}
)
# How English text often writes letters that folding drops to a bare vowel ("Stoere", "Mueller")
_TRANSLITERATION = str.maketrans(
    {
        "ø": "oe",
        "Ø": "Oe",
        "ö": "oe",
        "Ö": "Oe",
        "ü": "ue",
        "Ü": "Ue",
        "ä": "ae",
        "Ä": "Ae",
        "å": "aa",
        "Å": "Aa",
    }
)
_POSSESSIVE = re.compile(r"(?<=\w)'s?$|(?<=s)'$")
_INNER_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# middle initials, dropped when a name is not known with them ("John A. Boehner"; "George W. Bush" is)
_MIDDLE_INITIALS = re.compile(r"(?<=\w)\s+(?:[A-Z]\.\s+)+(?=[A-Z])")
_TOKEN = re.compile(r"[^\s,;:()\[\]\"]+")
_TRAILING_JUNK = re.compile(r"[\s,;:!?()\[\]\"]+$")
_LEADING_JUNK = re.compile(r"^[\s,;:!?()\[\]\"]+")

_LEVEL_RANK = {
    "head_of_state": 0,
    "head_of_government": 1,
    "minister": 2,
    "official": 3,
    "military": 4,
    "diplomat": 5,
    "legislator": 6,
    "spokesperson": 7,
    "other": 8,
}


@dataclass(frozen=True)
class Actor:
    """One person in one role tenure, or one organisation (role/start/end empty)."""

    name: str
    type: str  # "person" | "organization"
    country: str | None
    org: str | None
    role: str | None
    start: date | None
    end: date | None

    def in_office(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    metonyms: tuple[str, ...]
    nato_member_since: int | None
    eu_member_since: int | None


@dataclass(frozen=True)
class Role:
    role: str
    patterns: tuple[str, ...]
    level: str
    country: str | None
    org: str | None
    equivalent: str | None
    single: bool = False  # one holder per country or organisation at a time (a title names them)


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Løkke' -> 'lokke', 'Élysée' -> 'elysee', quotes straightened."""
    text = text.translate(_APOSTROPHES).translate(_FOLD_EXTRA)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip().casefold()


def _is_acronym(form: str) -> bool:
    """Short all-capital forms ("US", "U.S.", "UK", "EU", "UN") match case-sensitively only."""
    letters = [ch for ch in form if ch.isalpha()]
    return bool(letters) and len(letters) <= 5 and all(ch.isupper() for ch in letters)


def _clean_mention(text: str) -> str:
    """Straighten apostrophes, trim punctuation, drop a possessive and a leading 'the'."""
    text = re.sub(r"\s+", " ", text.translate(_APOSTROPHES))
    text = _TRAILING_JUNK.sub("", _LEADING_JUNK.sub("", text))
    text = _POSSESSIVE.sub("", text)
    return _LEADING_THE.sub("", text).strip()


def _split(field: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (field or "").split(";") if part.strip())


def parse_date(value: str, *, end: bool) -> date | None:
    """Gazetteer date: YYYY-MM-DD, YYYY-MM or YYYY (a bare year/month is its first day, its last if `end`)."""
    value = value.strip()
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    if len(parts) == 2:
        if not end:
            return date(parts[0], parts[1], 1)
        nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date(parts[0], parts[1], parts[2])


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _form_regex(forms: Iterable[tuple[str, bool]]) -> re.Pattern[str]:
    """One alternation, longest form first, word-bounded; each form case-insensitive unless flagged strict."""
    unique = sorted(set(forms), key=lambda item: (-len(item[0]), item[0]))
    parts = [re.escape(form) if strict else f"(?i:{re.escape(form)})" for form, strict in unique]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?![\w])")


def _trie_regex(forms: Iterable[str]) -> re.Pattern[str]:
    """Case-sensitive, word-bounded regex for many literal forms, built as a character trie (fast).

    Optional branches are greedy, so the longest form that ends on a word boundary wins ("Papua New Guinea"
    over "Guinea", "Latin America" over "America").
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return re.compile(r"(?<!\w)" + build(trie) + r"(?!\w)")


class Gazetteer:
    """Countries, actors (persons per role tenure and organisations) and role titles, with lookups."""

    def __init__(
        self,
        countries: list[Country],
        actors: list[Actor],
        aliases: dict[str, tuple[str, ...]],
        roles: list[Role],
        not_countries: list[str],
        places: dict[str, str] | None = None,
    ) -> None:
        self.countries: dict[str, Country] = {c.iso3: c for c in countries}
        self.actors: tuple[Actor, ...] = tuple(actors)
        self.roles: dict[str, Role] = {r.role: r for r in roles}
        self.role_words = frozenset(w for r in self.roles for w in r.lower().split())  # "prime", "defence"
        self._aliases = aliases
        self._places = {fold(name): iso3 for name, iso3 in (places or {}).items()}
        self.place_names = tuple(places or ())

        # Countries: exact forms and folded (non-acronym) forms.
        self._country_exact: dict[str, str] = {}
        self._country_folded: dict[str, str] = {}
        self._country_name_exact: set[str] = set()
        self._country_name_folded: set[str] = set()
        text_forms: dict[str, str | None] = {}
        for c in countries:
            names = (c.name, *c.aliases)
            for form in (*names, *c.adjectives, *c.demonyms, *c.metonyms):
                key = _LEADING_THE.sub("", form)
                self._country_exact.setdefault(key, c.iso3)
                text_forms.setdefault(form, c.iso3)
                if not _is_acronym(key):
                    self._country_folded.setdefault(fold(key), c.iso3)
            for form in names:
                key = _LEADING_THE.sub("", form)
                self._country_name_exact.add(key)
                if not _is_acronym(key):
                    self._country_name_folded.add(fold(key))
        for phrase in not_countries:
            text_forms[phrase] = None
        self._text_forms = text_forms
        self._text_forms_folded = {fold(f): iso for f, iso in text_forms.items()}
        self._countries_re = _trie_regex(text_forms)
        self._countries_loose_re = _form_regex((form, _is_acronym(form)) for form in text_forms)

        # Organisations.
        self._orgs: dict[str, Actor] = {}
        self._org_exact: dict[str, Actor] = {}
        self._org_folded: dict[str, Actor] = {}
        org_forms: list[tuple[str, bool]] = []
        for actor in actors:
            if actor.type != "organization":
                continue
            self._orgs.setdefault(actor.name, actor)
            for form in (actor.name, *aliases.get(actor.name, ())):
                self._org_exact.setdefault(form, actor)
                org_forms.append((form, _is_acronym(form)))
                if not _is_acronym(form):
                    self._org_folded.setdefault(fold(form), actor)
        self._orgs_re = _form_regex(org_forms)

        # Persons: folded full names, aliases and surnames -> canonical names.
        self._person_keys: dict[str, set[str]] = {}
        self._tenures: dict[str, list[Actor]] = {}
        for actor in actors:
            if actor.type != "person":
                continue
            self._tenures.setdefault(actor.name, []).append(actor)
            for key in (actor.name, *aliases.get(actor.name, ())):
                for form in {key, key.translate(_TRANSLITERATION)}:  # "Støre" is also written "Stoere"
                    self._person_keys.setdefault(fold(form), set()).add(actor.name)

        # Roles: pattern -> role, one regex over lower-cased title phrases.
        self._role_by_pattern: dict[str, Role] = {}
        for role in roles:
            for pattern in role.patterns:
                self._role_by_pattern.setdefault(pattern, role)
        alternation = "|".join(
            re.escape(p) for p in sorted(self._role_by_pattern, key=lambda p: (-len(p), p))
        )
        self._roles_re = re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])")

        # Lookups are pure functions of their arguments and run for every mention: memoise them per instance.
        for name in ("country_code", "is_country_name", "find_org", "parse_title", "find_actor"):
            setattr(self, name, functools.lru_cache(maxsize=1 << 16)(getattr(self, name)))

    # ----------------------------------------------------------------- loading
    @classmethod
    def load(cls, data_dir: Path | None = None) -> Gazetteer:
        """The gazetteer for `data_dir` (default data/gazetteer), read once per directory and cached."""
        return _load(Path(data_dir or DEFAULT_DATA_DIR).resolve())

    @classmethod
    def from_dir(cls, data_dir: Path) -> Gazetteer:
        """Read the CSV files without caching (use `load` in application code)."""
        countries = [
            Country(
                iso3=row["iso3"],
                name=row["name"],
                aliases=_split(row["aliases"]),
                adjectives=_split(row["adjectives"]),
                demonyms=_split(row["demonyms"]),
                capital=row["capital"] or None,
                metonyms=_split(row["metonyms"]),
                nato_member_since=int(row["nato_member_since"]) if row["nato_member_since"] else None,
                eu_member_since=int(row["eu_member_since"]) if row["eu_member_since"] else None,
            )
            for row in _read_csv(data_dir / "countries.csv")
        ]
        actors: list[Actor] = []
        aliases: dict[str, tuple[str, ...]] = {}
        for row in _read_csv(data_dir / "actors.csv"):
            actors.append(
                Actor(
                    name=row["name"],
                    type=row["type"],
                    country=row["country"] or None,
                    org=row["org"] or None,
                    role=row["role"] or None,
                    start=parse_date(row["start"], end=False),
                    end=parse_date(row["end"], end=True),
                )
            )
            merged = dict.fromkeys((*aliases.get(row["name"], ()), *_split(row["aliases"])))
            aliases[row["name"]] = tuple(merged)
        roles = [
            Role(
                role=row["role"],
                patterns=_split(row["patterns"]),
                level=row["level"],
                country=row["country"] or None,
                org=row["org"] or None,
                equivalent=row["equivalent"] or None,
                single=row.get("single", "") == "yes",
            )
            for row in _read_csv(data_dir / "roles.csv")
        ]
        not_countries = [row["phrase"] for row in _read_csv(data_dir / "not_countries.csv")]
        places_file = data_dir / "places.csv"  # optional
        places = {r["name"]: r["country"] for r in _read_csv(places_file)} if places_file.exists() else {}
        return cls(countries, actors, aliases, roles, not_countries, places)

    # --------------------------------------------------------------- countries
    def country_code(self, text: str) -> str | None:
        """ISO3 for a country name, alias, adjective, demonym or metonym ("the French", "U.S.", "Kremlin")."""
        if not text:
            return None
        cleaned = _clean_mention(text)
        for candidate in dict.fromkeys((cleaned, cleaned.rstrip("."))):
            if not candidate:
                continue
            if candidate in self._country_exact:
                return self._country_exact[candidate]
            if not _is_acronym(candidate) and fold(candidate) in self._country_folded:
                return self._country_folded[fold(candidate)]
        return None

    def place_country(self, text: str) -> str | None:
        """ISO3 of the country a city or region is in (places.csv: "Donetsk", "Basra"); countries aside."""
        return self._places.get(fold(_clean_mention(text))) if text else None

    def country_name(self, iso3: str) -> str | None:
        """English short name for an ISO3 code ("DEU" -> "Germany")."""
        country = self.countries.get((iso3 or "").upper())
        return country.name if country else None

    def is_country_name(self, text: str) -> bool:
        """True when the text is a country's name or alias (not an adjective or demonym): "Germany", "UK"."""
        cleaned = _clean_mention(text or "")
        if cleaned in self._country_name_exact:
            return True
        return not _is_acronym(cleaned) and fold(cleaned) in self._country_name_folded

    def countries_in(self, text: str) -> list[str]:
        """ISO3 codes of countries mentioned in `text`, in order of first mention, without repeats.

        Case-sensitive word-bounded matching of names, aliases, adjectives, demonyms and metonyms
        (so "us" and "turkey" are not countries); listed false friends ("Latin America") are skipped.
        """
        seen: dict[str, None] = {}
        for match in self._countries_re.finditer(text.translate(_APOSTROPHES)):
            iso3 = self._text_forms.get(match.group(0))
            if iso3:
                seen.setdefault(iso3, None)
        return list(seen)

    def _countries_in_loose(self, text: str) -> list[tuple[str, int, int]]:
        found = []
        for match in self._countries_loose_re.finditer(text):
            form = match.group(0)
            iso3 = self._text_forms.get(form, self._text_forms_folded.get(fold(form)))
            if iso3:
                found.append((iso3, match.start(), match.end()))
        return found

    # ------------------------------------------------------------------- orgs
    def find_org(self, text: str) -> Actor | None:
        """The organisation named by `text` ("the White House", "Nato", "European Commission"), if listed."""
        if not text:
            return None
        cleaned = _clean_mention(text)
        if cleaned in self._org_exact:
            return self._org_exact[cleaned]
        if not _is_acronym(cleaned):
            return self._org_folded.get(fold(cleaned))
        return None

    @staticmethod
    def is_generic_org(text: str) -> bool:
        """Whether `text` names a body every country has ("the Ministry of Defence", generic_org_names)."""
        return _clean_mention(text).lower() in word_set("generic_org_names")

    def home_org(self, ent: Span, home: str | None) -> Actor | None:
        """A body every country has, named without its country ("the Ministry of Defence", "the MoD",
        lexicon generic_org_names.txt), which the gazetteer lists for a country the article never names: the
        article's home country's (its gazetteer entry, else "<adjective> <name>"). A chamber several countries
        have (chamber_names.txt: "the Senate") only by its gazetteer entry. None otherwise."""
        name = _LEADING_THE.sub("", _clean_mention(ent.text))
        chamber = name.lower() in word_set("chamber_names")  # the home country's only if the gazetteer has it
        if home is None or not (chamber or name.lower() in word_set("generic_org_names")):
            return None
        listed = self.find_org(name)
        if listed is None or listed.country in {None, home}:
            return None
        if any(
            self.country_code(e.text) == listed.country for e in ent.doc.ents if e.label_ in {"GPE", "NORP"}
        ):
            return None  # "the MoD" in an article that names Britain is Britain's
        country = self.countries.get(home)
        adjective = country.adjectives[0] if country and country.adjectives else self.country_name(home)
        same = [g for g in sorted(word_set("generic_org_names")) if self.find_org(g) == listed]
        # "the MoD" in a Russian article: the "Russian Ministry of Defence" the gazetteer lists
        found = next((a for a in (self.find_org(f"{adjective} {g}") for g in [name, *same]) if a), None)
        if found or chamber:
            return found
        return Actor(f"{adjective} {name}", "organization", home, None, None, None, None)

    # ------------------------------------------------------------------ titles
    def parse_title(self, text: str) -> tuple[str | None, str | None, str | None]:
        """(role, iso3, org) from a title; "Spain's Prime Minister" -> ("Prime Minister", "ESP", None)"""
        if not text:
            return (None, None, None)
        phrase = _INNER_POSSESSIVE.sub("", re.sub(r"\s+", " ", text.translate(_APOSTROPHES))).strip()
        phrase = _LEADING_THE.sub("", phrase)
        lowered = phrase.lower()

        role: Role | None = None
        role_span = (0, 0)
        for match in self._roles_re.finditer(lowered):
            candidate = self._role_by_pattern[match.group(0)]
            if role is None or len(match.group(0)) > role_span[1] - role_span[0]:
                role, role_span = candidate, match.span()

        org: Actor | None = None
        org_spans: list[tuple[int, int]] = []
        generic = False  # the org is named by a name every country's body has ("Security Council")
        for match in self._orgs_re.finditer(phrase):
            found = self.find_org(match.group(0))
            if found is not None:
                org_spans.append(match.span())
                if org is None:
                    org, generic = found, self.is_generic_org(match.group(0))

        country: str | None = None
        for iso3, start, end in self._countries_in_loose(phrase):
            inside_org = any(s <= start and end <= e for s, e in org_spans)
            inside_role = role_span[0] <= start and end <= role_span[1]
            if not inside_org and not inside_role and not _after_topic_prep(phrase, start):
                country = iso3
                break
        if country is None and org is not None:
            country = org.country
        elif generic and org is not None and org.country != country:
            org = None  # "Russia's Security Council deputy chairman": Russia's council, not the UN's

        role_name: str | None = None
        org_name = org.name if org is not None else None
        if role is not None:
            role = self._specific_role(role, country, org_name)
            role_name = role.role
            if country is None and role.country:
                country = role.country
            if org_name is None and role.org:
                org_name = role.org
        return (role_name, country, org_name)

    def _specific_role(self, role: Role, country: str | None, org: str | None) -> Role:
        """National/institutional form of a generic title: US "Defence Minister" -> "Secretary of Defense"."""
        for other in self.roles.values():
            if other.equivalent != role.role:
                continue
            if (country and other.country == country) or (org and other.org == org):
                return other
        return role

    def role_level(self, role: str | None) -> str | None:
        """Level of a canonical role ("Prime Minister" -> "head_of_government")."""
        found = self.roles.get(role or "")
        return found.level if found else None

    # ------------------------------------------------------------------ actors
    def find_actor(self, mention: str, when: date | None = None) -> Actor | None:
        """The person (one role tenure) or organisation a speaker mention names, or None if unknown/ambiguous.

        Honorifics and titles before the name are ignored but used as hints ("Danish Foreign Minister
        Rasmussen"); a surname shared by several people resolves only if exactly one is in office at `when`.
        """
        if not mention:
            return None
        for part in mention.translate(_APOSTROPHES).split(","):
            found = self._find_person(part, when)
            if found is None and _MIDDLE_INITIALS.search(part):
                found = self._find_person(_MIDDLE_INITIALS.sub(" ", part), when)  # "John A. Boehner"
            if found is not None:
                return found
        return self.find_org(mention.split(",")[0])

    def _find_person(self, mention: str, when: date | None) -> Actor | None:
        tokens = _TOKEN.findall(_clean_mention(mention))
        if tokens:
            tokens[-1] = _POSSESSIVE.sub("", tokens[-1])
        for i in range(len(tokens)):
            key = fold(" ".join(tokens[i:]))
            names = self._person_keys.get(key)
            if not names:
                continue
            # titles of address are dropped ("Mr Macron", "Dr Merkel")
            prefix = [t for t in tokens[:i] if t.casefold() not in honorifics()]
            if prefix and prefix[-1][:1].isupper() and self.parse_title(prefix[-1]) == (None, None, None):
                return None  # another given name: "Mike Johnson" is not Boris Johnson
            hint_role, hint_country, hint_org = self.parse_title(" ".join(prefix)) if prefix else (None,) * 3
            return self._resolve(sorted(names), when, hint_role, hint_country, hint_org)
        return None

    def _resolve(
        self,
        names: list[str],
        when: date | None,
        hint_role: str | None,
        hint_country: str | None,
        hint_org: str | None,
    ) -> Actor | None:
        if len(names) > 1 and (hint_country or hint_org):
            narrowed = [
                n
                for n in names
                if any(
                    (hint_country and t.country == hint_country) or (hint_org and t.org == hint_org)
                    for t in self._tenures[n]
                )
            ]
            names = narrowed or names
        if len(names) > 1 and hint_role:
            narrowed = [n for n in names if any(self._role_matches(t, hint_role) for t in self._tenures[n])]
            names = narrowed or names
        if len(names) > 1:
            if when is None:
                return None
            in_office = [n for n in names if any(t.in_office(when) for t in self._tenures[n])]
            if len(in_office) != 1:
                return None
            names = in_office
        return self._pick_tenure(self._tenures[names[0]], when, hint_role)

    def _role_matches(self, tenure: Actor, role: str) -> bool:
        if tenure.role == role:
            return True
        found = self.roles.get(tenure.role or "")
        return bool(found and found.equivalent == role)

    def _pick_tenure(self, tenures: list[Actor], when: date | None, hint_role: str | None) -> Actor:
        if hint_role:
            matching = [t for t in tenures if self._role_matches(t, hint_role)]
            tenures = matching or tenures

        def rank(t: Actor) -> int:
            return _LEVEL_RANK.get(self.role_level(t.role) or "other", 9)

        if when is None:
            current = [t for t in tenures if t.end is None]
            pool = current or tenures
            return max(pool, key=lambda t: (t.start or date.min, -rank(t)))
        containing = [t for t in tenures if t.in_office(when)]
        if containing:
            return min(containing, key=lambda t: (rank(t), -(t.start or date.min).toordinal()))

        def distance(t: Actor) -> int:
            if t.start and when < t.start:
                return (t.start - when).days
            if t.end and when > t.end:
                return (when - t.end).days
            return 0

        nearest = min(tenures, key=lambda t: (distance(t), rank(t)))
        national = [t for t in tenures if t.country]
        if nearest.country is None and nearest.end and when > nearest.end and national:
            # out of an international office ("a former NATO secretary general") one speaks for one's own
            # country: that of one's national offices
            return replace(nearest, country=max(national, key=lambda t: t.start or date.min).country)
        return nearest

    def holders(
        self,
        roles: Iterable[str],
        when: date | None,
        country: str | None = None,
        org: str | None = None,
    ) -> list[Actor]:
        """The people in one of `roles` (or a national form of one) at `when`, for `country` and/or `org`
        when given: "Denmark's defence minister" in 2024, "the Kremlin spokesman". One tenure per person,
        in file order; empty without a date."""
        if when is None:
            return []
        wanted = set(roles)
        found: dict[str, Actor] = {}
        for name, tenures in self._tenures.items():
            for t in tenures:
                if not t.in_office(when) or t.start is None:
                    continue
                if not any(self._role_matches(t, role) for role in wanted):
                    continue
                if (country and t.country != country) or (org and t.org != org):
                    continue
                found.setdefault(name, t)
        return list(found.values())

    def ever_held(
        self, name: str, roles: Iterable[str], country: str | None = None, org: str | None = None
    ) -> Actor | None:
        """A tenure in which `name` held one of `roles` (for `country` and/or `org` when given), at any
        time: for an undated article's bare titles."""
        wanted = set(roles)
        return next(
            (
                t
                for t in self._tenures.get(name, ())
                if any(self._role_matches(t, role) for role in wanted)
                and not (country and t.country != country)
                and not (org and t.org != org)
            ),
            None,
        )

    def is_single(self, role: str | None) -> bool:
        """Whether one person at a time holds `role` in a country or organisation ("Prime Minister")."""
        found = self.roles.get(role or "")
        return bool(found and found.single)

    def roles_at_level(self, *levels: str) -> list[str]:
        """Canonical roles of the given levels ("head_of_state", "head_of_government")."""
        return [r.role for r in self.roles.values() if r.level in levels]

    @functools.cached_property
    def party_bodies(self) -> frozenset[str]:
        """Organisations with party leaders: parties, and chambers whose party leaders are named ("Labour
        Party", "US Senate"). A country's leader does not speak for them."""
        return frozenset(a.org for a in self.actors if a.role == "Party Leader" and a.org)

    def aliases(self, name: str) -> tuple[str, ...]:
        """The other forms under which the actor `name` appears in text (surnames, spellings)."""
        return self._aliases.get(name, ())

    def tenures(self, name: str) -> list[Actor]:
        """All role tenures of one canonical person name, in file order."""
        return list(self._tenures.get(name, []))


_LAST_WORD = re.compile(r"(\w+)\s+(?:the\s+)?$")


def _after_topic_prep(phrase: str, start: int) -> bool:
    """Whether the country at `start` follows "to", "on", ... : "ambassador to Ukraine", "expert on Russia"
    name a posting or a subject, not the person's own country."""
    m = _LAST_WORD.search(phrase, 0, start)
    return bool(m) and m.group(1).lower() in word_set("speaker_topic_preps")


@functools.cache
def _load(data_dir: Path) -> Gazetteer:
    return Gazetteer.from_dir(data_dir)
