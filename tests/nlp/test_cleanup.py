"""Web leftovers are blanked before parsing without moving any offset (dashboard/nlp/cleanup.py)."""

from __future__ import annotations

import pytest

from dashboard.nlp.cleanup import mask_web_leftovers

CASES = [
    # (text, what must be gone, what must stay)
    (
        "The minister [told reporters](https://example.com/news/2024/06/item-123) that spending would rise.",
        ["https", "](", "["],
        ["told reporters", "spending would rise."],
    ),
    (
        "Read the statement at https://www.example.org/docs/statement.pdf. It is short.",
        ["https"],
        ["It is short."],
    ),
    (
        "Media playback is unsupported on your device Media caption The minister visits a base\n\nShe said",
        ["Media playback", "Media caption"],
        ["The minister visits a base", "She said"],
    ),
    (
        "Troops left.\n\nImage copyright Agency X Image caption Soldiers at a drill\n\nHe added more.",
        ["Image copyright", "Agency X", "Image caption"],
        ["Soldiers at a drill", "He added more."],
    ),
    (
        "The talks ended.\n\nSign up for Daily Newsletters Manage Newsletters\n\nCopyright © 2020 Example.",
        ["Sign up", "Copyright"],
        ["The talks ended."],
    ),
    (
        "ADVERTISEMENT\nPhoto: Example Agency\nThe budget passed.",
        ["ADVERTISEMENT", "Photo:"],
        ["The budget passed."],
    ),
    (
        "The summit opened.\nJUST WATCHED Minister: we will pay more Replay More Videos ... "
        "MUST WATCH Minister: we will pay more 02:14\nShe said the plan was ready.",
        ["JUST WATCHED", "we will pay more", "02:14"],
        ["The summit opened.", "She said the plan was ready."],
    ),
    (
        "Photos: Leaders meet Photos: Leaders meet A leader arrives on May 3. Hide Caption 1 of 2 "
        "Photos: Leaders meet Ministers pose. Hide Caption 2 of 2\nThe talks went on.",
        ["Hide Caption"],
        ["A leader arrives on May 3.", "Ministers pose.", "The talks went on."],
    ),
    (
        "Enlarge this image toggle caption A. Person/Agency A. Person/Agency\nThe vote was close.",
        ["toggle caption", "Agency"],
        ["The vote was close."],
    ),
    (
        "Spending will rise.\nAdvertisement\nHide AdAdvertisement\nHide AdHe said he wants 3 per cent.",
        ["Advertisement", "Hide Ad"],
        ["Spending will rise.", "He said he wants 3 per cent."],
    ),
    (
        "Kyiv asks for more air defence\n• 21924 views\n4 min read\n100% Font Size\nThe request came today.",
        ["21924 views", "min read", "Font Size", "100%"],
        ["Kyiv asks for more air defence", "The request came today."],
    ),
    (  # a sentence with a count of views is not a counter
        "The video had 21,924 views by Monday.\nIt drew 300 comments from readers.",
        [],
        ["The video had 21,924 views by Monday.", "It drew 300 comments from readers."],
    ),
    (
        "She told the story of a caption contest: the photos won. Hide nothing, she said.",
        [],
        ["caption contest", "Hide nothing"],
    ),
]


@pytest.mark.parametrize(("text", "gone", "kept"), CASES)
def test_leftovers_are_blanked_and_offsets_kept(text: str, gone: list[str], kept: list[str]) -> None:
    masked = mask_web_leftovers(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    for piece in gone:
        assert piece not in masked
    for piece in kept:
        assert masked.index(piece) == text.index(piece)  # the words stay where they were


def test_related_story_runs_glued_into_a_name_are_blanked() -> None:
    text = (
        "Senator Jane Roe Jane Quinn RoeCity council backs bridge plan Storm closes schools MORE (R-Ohio) "
        "said the bill would pass, and Rep. Tom Poe Thomas Poe2024 race heats up MORE (Vt.) agreed."
    )
    masked = mask_web_leftovers(text)
    assert len(masked) == len(text)
    assert (
        " ".join(masked.split())
        == "Senator Jane Roe (R-Ohio) said the bill would pass, and Rep. Tom Poe (Vt.) agreed."
    )


def test_related_story_runs_after_a_spaced_full_name_are_blanked() -> None:
    text = (
        "Speaker Jon Rowe Jonathan Peter Rowe Voters weigh the bridge plan Storm closes schools "
        "MORE (R-Wis.) warned that Russia remains hostile. Rowe said Rowe Street would stay open."
    )
    masked = mask_web_leftovers(text)
    assert len(masked) == len(text)
    assert " ".join(masked.split()) == (
        "Speaker Jon Rowe (R-Wis.) warned that Russia remains hostile. Rowe said Rowe Street would stay open."
    )


def test_hover_cards_glued_into_a_name_without_a_party_tag_are_blanked() -> None:
    # the card repeats the name in full and runs into headlines up to "MORE", then the sentence goes on
    text = (
        "Senator Ann Lind said President RoeJonathan Paul RoeCity council backs bridge plan Storm closes "
        "schools MORE shows no grasp of strategy, and leader DoeMary Doe2024 race heats up MORE \u201cis "
        "reckless.\u201d MOREover, Doe said nothing."
    )
    masked = mask_web_leftovers(text)
    assert len(masked) == len(text)
    assert " ".join(masked.split()) == (
        "Senator Ann Lind said President Roe shows no grasp of strategy, and leader Doe \u201cis "
        "reckless.\u201d MOREover, Doe said nothing."
    )


def test_a_possessive_before_a_read_more_link_is_no_hover_card() -> None:
    text = "Roe's plan was welcomed, and Roe said so on Monday. READ MORE: a story about the plan"
    assert mask_web_leftovers(text).startswith("Roe's plan was welcomed, and Roe said so on Monday.")


def test_prose_about_newsletters_and_links_in_brackets_is_left_alone() -> None:
    text = (
        "The editor of a defence newsletter said allies would subscribe to the plan [in principle].\n"
        "Read more than the headline: the budget rises by 3% (see table). McDonald said MORE (troops) came."
    )
    assert mask_web_leftovers(text) == text


@pytest.fixture(scope="module")
def nlp():
    from dashboard.nlp.pipeline import load_model

    return load_model()


def test_a_statement_behind_a_link_is_still_found(nlp) -> None:
    from dashboard.nlp.pipeline import statements_for_doc

    text = (
        "Defence Secretary Jane Doe [said on Friday](https://example.com/a/b/c?x=1) that the country "
        "would raise its defence budget next year."
    )
    statements = statements_for_doc(nlp(mask_web_leftovers(text)))
    assert len(statements) == 1
    content = statements[0].content
    assert content.text.startswith("the country would raise its defence budget")
    assert text[content.start : content.end] == content.text  # offsets index the stored text


def test_a_hyphen_typed_for_a_dash_is_read_as_one(nlp) -> None:
    from dashboard.nlp.pipeline import statements_for_doc

    text = "ERBIL, Kurdistan Region - Sweden said on Thursday that it was ready to join NATO."
    masked = mask_web_leftovers(text)
    assert len(masked) == len(text) and "\u2014" in masked
    assert mask_web_leftovers("from 2014 - 2024, a 1 - 0 win") == "from 2014 - 2024, a 1 - 0 win"
    statements = statements_for_doc(nlp(masked))
    assert [s.speaker for s in statements] == ["Sweden"]
