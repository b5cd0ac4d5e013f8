"""JSON, JSON Lines, CSV and Parquet: field aliases, positions, one output per record."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pandas as pd
import pytest
from conftest import EN, jsonl, only, read

from dashboard.records import Article, Rejected

NO_TEXT = "no text field (expected one of text, body, content, article)"
AUG27 = datetime(2018, 8, 27, tzinfo=UTC)


@pytest.mark.parametrize(
    ("record", "field_name", "expected"),
    [
        ({"text": EN}, "text", EN),
        ({"body": EN}, "text", EN),
        ({"content": EN}, "text", EN),
        ({"article": EN}, "text", EN),
        ({"TEXT": EN}, "text", EN),
        ({"Body": EN}, "text", EN),
        ({"text": "", "body": EN}, "text", EN),  # first non-empty alias wins
        ({"text": EN, "title": "T"}, "title", "T"),
        ({"text": EN, "headline": "H"}, "title", "H"),
        ({"text": EN, "Headline": " spaced "}, "title", "spaced"),
        ({"text": EN, "published": "2018-08-27"}, "published", AUG27),
        ({"text": EN, "date": "2018-08-27T00:00:00Z"}, "published", AUG27),
        ({"text": EN, "publish_date": "2018-08-27T02:00:00+02:00"}, "published", AUG27),
        ({"text": EN, "timestamp": 1535328000}, "published", AUG27),
        ({"text": EN, "timestamp": 1535328000000}, "published", AUG27),
        ({"text": EN, "Date": "1535328000"}, "published", AUG27),
        ({"text": EN, "date": "27 August 2018"}, "published", AUG27),
        ({"text": EN, "date": "yesterday-ish"}, "published", None),
        ({"text": EN, "date": ""}, "published", None),
        ({"text": EN, "date": None}, "published", None),
        ({"text": EN, "source": "Reuters"}, "source", "Reuters"),
        ({"text": EN, "outlet": "BBC"}, "source", "BBC"),
        ({"text": EN, "publisher": "Le Monde"}, "source", "Le Monde"),
        ({"text": EN, "domain": "spiegel.de"}, "source", "spiegel.de"),
        ({"text": EN, "url": "https://a.test/1"}, "url", "https://a.test/1"),
        ({"text": EN, "LINK": "https://a.test/2"}, "url", "https://a.test/2"),
        ({"text": EN, "id": 17}, "record_id", "17"),
        ({"text": EN, "ID": "a-17"}, "record_id", "a-17"),
        ({"text": EN}, "record_id", None),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "parquet"])
def test_field_aliases_in_every_record_format(write, tmp_path, fmt, record, field_name, expected):
    if fmt == "json":
        path = write("r.json", json.dumps(record))
    elif fmt == "jsonl":
        path = write("r.jsonl", jsonl(record))
    elif fmt == "csv":
        path = tmp_path / "r.csv"
        pd.DataFrame([record]).to_csv(path, index=False)
    else:
        path = tmp_path / "r.parquet"
        pd.DataFrame([record]).to_parquet(path)
    article = only(read(path))
    assert isinstance(article, Article), article
    assert getattr(article, field_name) == expected
    assert article.text == EN
    assert article.origin == (
        str(path) if fmt == "json" else f"{path}#{'line' if fmt == 'jsonl' else 'row'} 1"
    )


def test_json_list_gives_one_output_per_item(write):
    items = [
        {"text": "first", "title": "A"},
        {"headline": "no text"},
        "a string",
        {"body": "  "},
        {"body": "last"},
    ]
    path = write("list.json", json.dumps(items))
    assert read(path) == [
        Article(text="first", origin=f"{path}#item 1", title="A"),
        Rejected(str(path), "item 2", NO_TEXT),
        Rejected(str(path), "item 3", "expected a JSON object, got a string"),
        Rejected(str(path), "item 4", "empty text"),
        Article(text="last", origin=f"{path}#item 5"),
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("42", "JSON must be an object or a list of objects, got a number"),
        ('"text"', "JSON must be an object or a list of objects, got a string"),
        ("null", "JSON must be an object or a list of objects, got null"),
        ("[]", "no records: the JSON list is empty"),
        ('{"title": "x"}', NO_TEXT),
        ('{"text": ""}', "empty text"),
        ('{"text": ["a", "b"]}', "text field is a list, not a string"),
    ],
)
def test_json_whole_file_rejections(write, content, reason):
    path = write("bad.json", content)
    assert read(path) == [Rejected(str(path), "", reason)]


def test_malformed_json_file_is_rejected_with_location(write):
    path = write("bad.json", '{"text": "x",\n "title": }')
    rejected = only(read(path))
    assert rejected.path == str(path)
    assert rejected.position == ""
    assert rejected.reason.startswith("invalid JSON: Expecting value: line 2 column")


def test_jsonl_rejections_keep_line_numbers_and_other_lines(write):
    content = (
        '{"text": "one", "id": 1}\n'
        "\n"  # blank lines are not records
        '{"text": "three"}\n'
        '["a list"]\n'
        '{"title": "no text"}\n'
        '{"text": "   "}\n'
        '{"text": "broken\n'
        '{"text": "eight", "date": 1535328000}\r\n'
    )
    path = write("a.jsonl", content)
    out = read(path)
    assert out[:5] == [
        Article(text="one", origin=f"{path}#line 1", record_id="1"),
        Article(text="three", origin=f"{path}#line 3"),
        Rejected(str(path), "line 4", "expected a JSON object, got a list"),
        Rejected(str(path), "line 5", NO_TEXT),
        Rejected(str(path), "line 6", "empty text"),
    ]
    assert out[5].position == "line 7"
    assert out[5].reason.startswith("invalid JSON: ")
    assert out[6] == Article(text="eight", origin=f"{path}#line 8", published=AUG27)
    assert len(out) == 7


def test_jsonl_keeps_unicode_line_separators_inside_strings(write):
    text = "before\u2028after\u0085end"
    path = write("u.jsonl", json.dumps({"text": text}, ensure_ascii=False) + "\n")
    assert only(read(path)).text == text


def test_csv_every_row_gives_exactly_one_output(write):
    content = (
        "id,Title,Body,Date,Outlet,Link\n"
        '1,First,"Line one\nline two, with comma",2018-08-27,BBC,https://a.test/1\n'
        "2,Second,,2018-08-27,BBC,\n"
        '3,Third,"  ""quoted""  ",not a date,,\n'
        "4,Fourth,   ,,,\n"
        "\n"  # an empty line is not a record
        "5,Fifth,plain,1535328000000,,\n"
        ",,,,,\n"  # a row of empty cells is a record without text
    )
    path = write("a.csv", content)
    assert read(path) == [
        Article(
            text="Line one\nline two, with comma",
            origin=f"{path}#row 1",
            title="First",
            source="BBC",
            url="https://a.test/1",
            published=AUG27,
            record_id="1",
        ),
        Rejected(str(path), "row 2", "empty text"),
        Article(text='  "quoted"  ', origin=f"{path}#row 3", title="Third", record_id="3"),
        Rejected(str(path), "row 4", "empty text"),
        Article(text="plain", origin=f"{path}#row 5", title="Fifth", published=AUG27, record_id="5"),
        Rejected(str(path), "row 6", "empty text"),
    ]


def test_csv_without_text_column_rejects_each_row(write):
    path = write("a.csv", "title,date\nA,2018-01-01\nB,2018-01-02\nC,\n")
    assert read(path) == [Rejected(str(path), f"row {n}", NO_TEXT) for n in (1, 2, 3)]


def test_csv_ragged_rows(write):
    content = (
        "title,text,date\n"
        "Full,Defence spending rose,2018-08-27\n"
        "Unquoted,Poland, Germany and France agree,2018-08-27\n"  # the comma in the text splits it
        "Trailing,Kept despite empty extra cells,2018-08-27,,\n"
        "Short,Only two cells\n"
        "Shorter\n"
    )
    path = write("a.csv", content)
    assert read(path) == [
        Article(text="Defence spending rose", origin=f"{path}#row 1", title="Full", published=AUG27),
        Rejected(str(path), "row 2", "malformed CSV row: 4 cells for 3 columns"),
        Article(
            text="Kept despite empty extra cells", origin=f"{path}#row 3", title="Trailing", published=AUG27
        ),
        Article(text="Only two cells", origin=f"{path}#row 4", title="Short"),
        Rejected(str(path), "row 5", NO_TEXT),
    ]


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_csv_other_delimiters(write, delimiter):
    path = write("a.csv", f"title{delimiter}text\nT{delimiter}Hello, world\n")
    assert read(path) == [Article(text="Hello, world", origin=f"{path}#row 1", title="T")]


@pytest.mark.parametrize(
    ("content", "reason"),
    [("title,text\n", "no records: the CSV has a header row but no data rows"), ("\n\n", "empty file")],
)
def test_csv_without_rows_is_rejected(write, content, reason):
    path = write("a.csv", content)
    assert read(path) == [Rejected(str(path), "", reason)]


def test_parquet_rows_with_native_types(tmp_path):
    frame = pd.DataFrame(
        {
            "ID": [10, 11, 12],
            "headline": ["A", None, "C"],
            "content": [EN, None, "third"],
            "publish_date": pd.to_datetime(
                ["2018-08-27", None, "2018-08-27T02:00:00+02:00"], utc=True, format="ISO8601"
            ),
        }
    )
    path = tmp_path / "t.parquet"
    frame.to_parquet(path)
    assert read(path) == [
        Article(text=EN, origin=f"{path}#row 1", title="A", published=AUG27, record_id="10"),
        Rejected(str(path), "row 2", "empty text"),
        Article(text="third", origin=f"{path}#row 3", title="C", published=AUG27, record_id="12"),
    ]


@pytest.mark.parametrize(
    ("content", "reason_start"),
    [
        (b"PAR1 this is not parquet PAR1", "unreadable Parquet file: "),
        (b"hello", "unreadable Parquet file: "),
    ],
)
def test_corrupt_parquet_is_rejected(write, content, reason_start):
    path = write("bad.parquet", content)
    rejected = only(read(path))
    assert (rejected.path, rejected.position) == (str(path), "")
    assert rejected.reason.startswith(reason_start)


def test_json_lone_surrogates_become_replacement_characters(write):
    path = write(
        "s.jsonl", '{"title": "T\\ud800", "text": "ab\\udc00cd"}\n{"text": "pair \\ud83d\\ude00 kept"}\n'
    )
    assert read(path) == [
        Article(text="ab\ufffdcd", origin=f"{path}#line 1", title="T\ufffd"),
        Article(text="pair \U0001f600 kept", origin=f"{path}#line 2"),
    ]
