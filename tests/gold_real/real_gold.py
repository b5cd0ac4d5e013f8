"""The gold set of real outlet articles: offsets and labels only, with the article id; the texts stay in
../shared/eval/real_dev/articles.jsonl and are read at run time. Stdlib only; it never writes article text.

    python tests/gold_real/real_gold.py verify WORKDIR [ID ...]  # annotators' files: anchors and values
    python tests/gold_real/real_gold.py build WORKDIR [ID ...]   # annotators' files (text anchors) -> gold
    python tests/gold_real/real_gold.py check                    # every gold file against its article
    python tests/gold_real/real_gold.py show ID                  # a gold file with its spans (to a terminal)
    python tests/gold_real/real_gold.py agreement DIR_A DIR_B    # stance agreement of two blind passes

See docs/real_gold_guideline.md for what is annotated and the working-file format."""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
ARTICLES = REPO_ROOT.parent / "shared" / "eval" / "real_dev" / "articles.jsonl"
SPLITS = ("dev", "test")
GAZETTEER = REPO_ROOT / "data" / "gazetteer"

sys.path.insert(0, str(HERE.parent / "gold"))
import check_gold  # noqa: E402  (the sample gold's checker: allowed values and number fields)

STATEMENT_KEYS = {"start", "end", "speaker", "speaker_type", "speaker_country", "kind"}
NUMBER_KEYS = {"start", "end", "value", "unit", "currency", "qualifier", "country", "year", "kind"}
STANCE_KEYS = {"actor", "actor_type", "actor_country", "target", "polarity", "evidence_start", "evidence_end"}


@cache
def articles() -> dict[str, dict]:
    """The real development pool by id (raises FileNotFoundError where ../shared is absent)."""
    with open(ARTICLES, encoding="utf-8") as fh:
        return {row["id"]: row for row in map(json.loads, fh)}


@cache
def split() -> dict[str, list[str]]:
    return json.loads((HERE / "split.json").read_text(encoding="utf-8"))


def split_of(article_id: str) -> str:
    for name in SPLITS:
        if article_id in split()[name]:
            return name
    raise KeyError(f"{article_id} is in neither the dev nor the test split (tests/gold_real/split.json)")


def gold_files(name: str) -> list[Path]:
    """The gold files of split `name` ("dev" or "test")."""
    return sorted((HERE / name).glob("*.json"))


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def locate(text: str, quote: str, occurrence: int = 1, context: str | None = None) -> tuple[int, int]:
    """(start, end) of the `occurrence`-th `quote` in `text` (inside the first `context` when given)."""
    base = 0
    if context:
        base = text.find(context)
        if base < 0:
            raise ValueError(f"context not found: {context[:60]!r}")
        if quote not in context:
            raise ValueError(f"quote {quote[:40]!r} not inside its context")
        text = context
    pos = -1
    for _ in range(max(1, occurrence)):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            raise ValueError(f"quote not found (occurrence {occurrence}): {quote[:60]!r}")
    return base + pos, base + pos + len(quote)


@cache
def canonical_names() -> dict[str, str]:
    """Lower-cased name or alias -> the gazetteer's name ("Britain" -> "United Kingdom", "Volodymyr
    Zelenskyy" -> "Volodymyr Zelensky"), for the forms that stand for one entry only: how annotators'
    spellings are made uniform. A person's one-word alias (a bare surname) is not mapped: it may be someone
    else, and annotators write full names."""
    forms: dict[str, set[str]] = {}
    for name in ("countries.csv", "actors.csv"):
        with open(GAZETTEER / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                person = row.get("type") == "person"
                for form in [row["name"], *(row["aliases"] or "").split(";")]:
                    if form.strip() and not (person and " " not in form.strip()):
                        forms.setdefault(form.strip().lower(), set()).add(row["name"])
    return {form: next(iter(names)) for form, names in forms.items() if len(names) == 1}


def canonical(name: str | None) -> str | None:
    return canonical_names().get(name.strip().lower(), name.strip()) if name else name


def build(work: dict, text: str) -> dict:
    """An annotator's working file (text anchors) -> the gold record (offsets and labels only)."""
    problems, out = [], {"id": work["id"], "text_sha256": text_digest(text)}
    statements, numbers, stances = [], [], []
    for i, st in enumerate(work.get("statements", [])):
        try:
            start, end = locate(text, st["quote"], st.get("occurrence", 1), st.get("context"))
        except ValueError as exc:
            problems.append(f"statements[{i}]: {exc}")
            continue
        labels = {k: st.get(k) for k in sorted(STATEMENT_KEYS - {"start", "end"})}
        statements.append({"start": start, "end": end, **labels, "speaker": canonical(labels["speaker"])})
    for i, num in enumerate(work.get("numbers", [])):
        try:
            start, end = locate(text, num["quote"], num.get("occurrence", 1), num.get("context"))
        except ValueError as exc:
            problems.append(f"numbers[{i}]: {exc}")
            continue
        numbers.append(
            {"start": start, "end": end, **{k: num.get(k) for k in sorted(NUMBER_KEYS - {"start", "end"})}}
        )
    for i, stance in enumerate(work.get("stances", [])):
        try:
            start, end = locate(text, stance["evidence"], stance.get("occurrence", 1), stance.get("context"))
        except ValueError as exc:
            problems.append(f"stances[{i}]: {exc}")
            continue
        keys = sorted(STANCE_KEYS - {"evidence_start", "evidence_end"})
        labels = {k: stance.get(k) for k in keys} | {"actor": canonical(stance.get("actor"))}
        stances.append({**labels, "evidence_start": start, "evidence_end": end})
    if problems:
        raise ValueError(f"{work['id']}: " + "; ".join(problems))
    out.update(statements=statements, numbers=numbers, stances=stances)
    return out


def check(gold: dict, text: str) -> list[str]:
    """Everything wrong with one gold record against its article text (an empty list when sound)."""
    name, problems = gold.get("id", "?"), []
    if gold.get("text_sha256") != text_digest(text):
        problems.append(f"{name}: the article's text changed since it was annotated")

    def span(item: dict, where: str, start: str = "start", end: str = "end") -> None:
        a, b = item.get(start), item.get(end)
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(text)):
            problems.append(f"{where}: bad offsets {a!r}..{b!r}")

    for i, st in enumerate(gold.get("statements", [])):
        where = f"{name}.statements[{i}]"
        if set(st) != STATEMENT_KEYS:
            problems.append(f"{where}: keys {sorted(st)}")
            continue
        span(st, where)
        if st["kind"] not in check_gold.STATEMENT_KINDS or st["speaker_type"] not in check_gold.SPEAKER_TYPES:
            problems.append(f"{where}: kind {st['kind']!r} / speaker_type {st['speaker_type']!r}")
        if (st["speaker"] is None) != (st["speaker_type"] in {"anonymous", "unknown"}):
            problems.append(f"{where}: speaker {st['speaker']!r} with type {st['speaker_type']!r}")
        check_gold._check_iso(st["speaker_country"], f"{where}.speaker_country", problems)
    for i, num in enumerate(gold.get("numbers", [])):
        where = f"{name}.numbers[{i}]"
        if set(num) != NUMBER_KEYS:
            problems.append(f"{where}: keys {sorted(num)}")
            continue
        span(num, where)
        as_sample = {**{k: num[k] for k in NUMBER_KEYS - {"start", "end"}}, "total": None}
        as_sample["text"] = text[num["start"] : num["end"]]
        problems += check_gold.check_number(as_sample, text, where)
    for i, stance in enumerate(gold.get("stances", [])):
        where = f"{name}.stances[{i}]"
        if set(stance) != STANCE_KEYS:
            problems.append(f"{where}: keys {sorted(stance)}")
            continue
        span(stance, where, "evidence_start", "evidence_end")
        problems += check_gold.check_stance({k: stance[k] for k in ("actor", "target", "polarity")}, where)
        check_gold._check_iso(stance["actor_country"], f"{where}.actor_country", problems)
    pairs = [(s["actor"], s["target"]) for s in gold.get("stances", []) if isinstance(s, dict)]
    if len(pairs) != len(set(pairs)):
        problems.append(f"{name}: more than one stance row for an (actor, target)")
    return problems


def _triples(work: dict) -> set[tuple[str, str, str]]:
    return {(canonical(s["actor"]), s["target"], s["polarity"]) for s in work["stances"]}


def stance_agreement(dir_a: Path, dir_b: Path) -> dict[str, float]:
    """Exact (actor, target, polarity) agreement of two passes over the articles both annotated."""
    both = sorted({p.name for p in dir_a.glob("*.json")} & {p.name for p in dir_b.glob("*.json")})
    a_n = b_n = common = 0
    for name in both:
        a = _triples(json.loads((dir_a / name).read_text(encoding="utf-8")))
        b = _triples(json.loads((dir_b / name).read_text(encoding="utf-8")))
        a_n, b_n, common = a_n + len(a), b_n + len(b), common + len(a & b)
    p = common / b_n if b_n else 0.0
    r = common / a_n if a_n else 0.0
    return {
        "articles": len(both),
        "a": a_n,
        "b": b_n,
        "both": common,
        "p_b_vs_a": p,
        "r_b_vs_a": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
    }


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("check", [])
    if command in ("build", "verify"):
        workdir, only = Path(args[0]), set(args[1:])
        failed = 0
        for path in sorted(workdir.glob("*.json")):
            work = json.loads(path.read_text(encoding="utf-8"))
            if only and work["id"] not in only:
                continue
            try:
                text = articles()[work["id"]]["text"]
                gold = build(work, text)
            except (ValueError, KeyError) as exc:
                print(f"error: {exc}")
                failed += 1
                continue
            if command == "verify":
                problems = check(gold, text)
                failed += bool(problems)
                print("\n".join(problems) or f"{work['id']}: sound")
                continue
            out = HERE / split_of(work["id"]) / f"{work['id']}.json"
            out.parent.mkdir(exist_ok=True)
            out.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(
                f"{out.relative_to(REPO_ROOT)}: {len(gold['statements'])} statements, "
                f"{len(gold['numbers'])} numbers, {len(gold['stances'])} stances"
            )
        return 1 if failed else 0
    if command == "check":
        problems = []
        for name in SPLITS:
            for path in gold_files(name):
                gold = json.loads(path.read_text(encoding="utf-8"))
                problems += check(gold, articles()[gold["id"]]["text"])
        print("\n".join(problems) or "all gold files sound")
        return 1 if problems else 0
    if command == "show":
        gold = json.loads((HERE / split_of(args[0]) / f"{args[0]}.json").read_text(encoding="utf-8"))
        text = articles()[args[0]]["text"]
        for st in gold["statements"]:
            labels = f"{st['speaker']} | {st['speaker_country']} | {st['kind']}"
            print(f"S [{labels}] {text[st['start'] : st['end']]!r}")
        for num in gold["numbers"]:
            labels = " ".join(str(num[k]) for k in ("value", "unit", "country", "year", "kind"))
            print(f"N {text[num['start'] : num['end']]!r} {labels}")
        for s in gold["stances"]:
            evidence = text[s["evidence_start"] : s["evidence_end"]]
            print(f"P {s['actor']} {s['target']} {s['polarity']}: {evidence!r}")
        return 0
    if command == "agreement":
        print(json.dumps(stance_agreement(Path(args[0]), Path(args[1])), indent=1))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
