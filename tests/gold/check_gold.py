"""Check the hand-annotated gold files in tests/gold against the sample articles they describe.

Stdlib only; run as `python tests/gold/check_gold.py`. It reads files and reports problems, never edits.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent
REPO_ROOT = GOLD_DIR.parent.parent

STATEMENT_KINDS = {"direct", "partial", "indirect"}
SPEAKER_TYPES = {"person", "organization", "country", "anonymous", "unknown"}
NUMBER_UNITS = {"percent_of_gdp", "percent", "money", "count"}
NUMBER_KINDS = {"reported", "target", "other"}
QUALIFIERS = {None, "about", "at least", "more than", "less than", "up to", "at most"}
STANCE_TARGETS = {
    "defence_spending_increase",
    "european_defence_cooperation",
    "nato_alliance",
    "dialogue_with_russia",
    "military_aid_to_ukraine",
}
POLARITIES = {"support", "oppose", "neutral"}
with open(REPO_ROOT / "data" / "topics.toml", "rb") as _fh:
    TOPICS = frozenset(tomllib.load(_fh))  # gold topics must be topics of the taxonomy
ISO3 = re.compile(r"^[A-Z]{3}$")
STATEMENT_KEYS = {"content", "speaker", "speaker_type", "speaker_country", "speaker_role", "kind"}
NUMBER_KEYS = {"text", "value", "unit", "currency", "qualifier", "country", "year", "kind", "total"}
STANCE_KEYS = {"actor", "target", "polarity"}


def article_body(text: str) -> str:
    """The article text after a leading `---` front-matter block (the whole text when there is none)."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                return "".join(lines[i + 1 :])
    return text


def _check_iso(value: object, where: str, problems: list[str]) -> None:
    if value is not None and not (isinstance(value, str) and ISO3.match(value)):
        problems.append(f"{where}: {value!r} is not an ISO 3166-1 alpha-3 code")


def check_statement(st: dict, body: str, where: str) -> list[str]:
    problems: list[str] = []
    keys = set(st)
    if "start" in keys:  # the seed article lives outside the repository: offsets instead of copied text
        keys = keys - {"start", "end"} | {"content"}
        if not (isinstance(st["start"], int) and isinstance(st["end"], int) and 0 <= st["start"] < st["end"]):
            problems.append(f"{where}: bad offsets {st.get('start')!r}..{st.get('end')!r}")
        elif st["end"] > len(body):
            problems.append(f"{where}: offsets beyond the article's end")
    if keys != STATEMENT_KEYS:
        problems.append(f"{where}: keys {sorted(st)} != {sorted(STATEMENT_KEYS)}")
        return problems
    content = st["content"] if "content" in st else body[st["start"] : st["end"]]
    if not isinstance(content, str) or not content.strip():
        problems.append(f"{where}: empty content")
    elif content not in body:
        problems.append(f"{where}: content not found in article body: {content!r}")
    if st["kind"] not in STATEMENT_KINDS:
        problems.append(f"{where}: kind {st['kind']!r} not in {sorted(STATEMENT_KINDS)}")
    if st["speaker_type"] not in SPEAKER_TYPES:
        problems.append(f"{where}: speaker_type {st['speaker_type']!r} not in {sorted(SPEAKER_TYPES)}")
    if st["speaker_type"] == "anonymous" and st["speaker"] is not None:
        problems.append(f"{where}: anonymous speaker must have speaker null")
    if st["speaker_type"] in {"person", "organization", "country"} and not st["speaker"]:
        problems.append(f"{where}: {st['speaker_type']} speaker needs a name")
    if st["kind"] == "direct" and isinstance(content, str) and (content[:1] + content[-1:]).count('"'):
        problems.append(f"{where}: direct content should not start or end with a quotation mark")
    _check_iso(st["speaker_country"], f"{where}.speaker_country", problems)
    return problems


def check_number(num: dict, body: str, where: str) -> list[str]:
    problems: list[str] = []
    if set(num) != NUMBER_KEYS:
        problems.append(f"{where}: keys {sorted(num)} != {sorted(NUMBER_KEYS)}")
        return problems
    if not isinstance(num["text"], str) or num["text"] not in body:
        problems.append(f"{where}: text not found in article body: {num['text']!r}")
    if isinstance(num["value"], bool) or not isinstance(num["value"], int | float):
        problems.append(f"{where}: value {num['value']!r} is not a number")
    if num["unit"] not in NUMBER_UNITS:
        problems.append(f"{where}: unit {num['unit']!r} not in {sorted(NUMBER_UNITS)}")
    if num["kind"] not in NUMBER_KINDS:
        problems.append(f"{where}: kind {num['kind']!r} not in {sorted(NUMBER_KINDS)}")
    if num["qualifier"] not in QUALIFIERS:
        problems.append(f"{where}: qualifier {num['qualifier']!r} not allowed")
    currency = num["currency"]
    if num["unit"] == "money":
        if not (isinstance(currency, str) and re.fullmatch(r"[A-Z]{3}", currency)):
            problems.append(f"{where}: money needs an ISO 4217 currency, got {currency!r}")
    elif currency is not None:
        problems.append(f"{where}: currency must be null for unit {num['unit']!r}")
    _check_iso(num["country"], f"{where}.country", problems)
    year = num["year"]
    if year is not None and not (isinstance(year, int) and 1940 <= year <= 2050):
        problems.append(f"{where}: year {year!r} is not a plausible year")
    total = num["total"]
    if total is not None and (isinstance(total, bool) or not isinstance(total, int | float)):
        problems.append(f"{where}: total {total!r} is not a number")
    return problems


def check_stance(stance: dict, where: str) -> list[str]:
    problems: list[str] = []
    if set(stance) != STANCE_KEYS:
        return [f"{where}: keys {sorted(stance)} != {sorted(STANCE_KEYS)}"]
    if not isinstance(stance["actor"], str) or not stance["actor"]:
        problems.append(f"{where}: actor must be a non-empty string")
    if stance["target"] not in STANCE_TARGETS:
        problems.append(f"{where}: target {stance['target']!r} not in {sorted(STANCE_TARGETS)}")
    if stance["polarity"] not in POLARITIES:
        problems.append(f"{where}: polarity {stance['polarity']!r} not in {sorted(POLARITIES)}")
    return problems


def check_gold_file(path: Path, root: Path = REPO_ROOT) -> list[str]:
    """All problems found in one gold file (an empty list when it is sound)."""
    name = path.name
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"{name}: invalid JSON: {exc}"]
    missing = {"file", "statements", "numbers", "stances", "topics"} - set(gold)
    if missing:
        return [f"{name}: missing keys {sorted(missing)}"]
    article = root / gold["file"]
    if not article.is_file():
        return [f"{name}: article {gold['file']} does not exist"]
    if Path(gold["file"]).stem != path.stem.removeprefix("seed_"):
        return [f"{name}: file stem does not match article {gold['file']}"]
    body = article_body(article.read_text(encoding="utf-8"))
    problems: list[str] = []
    for i, st in enumerate(gold["statements"]):
        problems += check_statement(st, body, f"{name}.statements[{i}]")
    for i, num in enumerate(gold["numbers"]):
        problems += check_number(num, body, f"{name}.numbers[{i}]")
    for i, stance in enumerate(gold["stances"]):
        problems += check_stance(stance, f"{name}.stances[{i}]")
    for topic in gold["topics"]:
        if topic not in TOPICS:
            problems.append(f"{name}: topic {topic!r} not in the topic list")
    if len(set(gold["topics"])) != len(gold["topics"]):
        problems.append(f"{name}: duplicate topics")
    return problems


def gold_files(gold_dir: Path = GOLD_DIR) -> list[Path]:
    return sorted(gold_dir.glob("*.json"))


def main() -> int:
    files = gold_files()
    problems: list[str] = []
    n_statements = n_numbers = 0
    for path in files:
        problems += check_gold_file(path)
        gold = json.loads(path.read_text(encoding="utf-8"))
        n_statements += len(gold.get("statements", []))
        n_numbers += len(gold.get("numbers", []))
    for problem in problems:
        print(problem)
    print(
        f"{len(files)} gold files, {n_statements} statements, {n_numbers} numbers, {len(problems)} problems"
    )
    return 1 if problems or not files else 0


if __name__ == "__main__":
    sys.exit(main())
