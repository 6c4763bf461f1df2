"""Captions, bylines, datelines and dates, one line at a time."""

from __future__ import annotations

import pytest

from wirewatch.clean.dates import find_date, to_iso
from wirewatch.clean.meta import (
    dateline_date,
    parse_byline,
    split_caption,
    strip_dataset_prefix,
    strip_wire_dateline,
)


@pytest.mark.parametrize(("line", "caption", "credit"), [
    ("Rescue workers search the rubble in Antakya on Monday. (Photo by Maria Lopez/Getty Images)",
     "Rescue workers search the rubble in Antakya on Monday.", "Maria Lopez/Getty Images"),
    ("The prime minister waves outside Downing Street. (AP Photo/Kirsty Wiggins)",
     "The prime minister waves outside Downing Street.", "AP Photo/Kirsty Wiggins"),
    ("Farmers block a motorway near Lyon, France, January 24, 2024. REUTERS/Pierre Martin",
     "Farmers block a motorway near Lyon, France, January 24, 2024.", "REUTERS/Pierre Martin"),
    ("Troops patrol the border crossing. Tom Berg/AFP via Getty Images",
     "Troops patrol the border crossing.", "Tom Berg/AFP via Getty Images"),
    ("Photo: Reuters", "", "Reuters"),
    ("Credit: Ann Smith for The Daily Courier", "", "Ann Smith for The Daily Courier"),
])
def test_caption_credits(line: str, caption: str, credit: str) -> None:
    assert split_caption(line) == (caption, credit)


@pytest.mark.parametrize("line", [
    "The ministry said the U.S./Canada talks would resume on Friday.",
    "Turnout was 3/4 of the registered voters, officials said.",
    "Police said the photo was taken by a passer-by.",
    "Officials met before the US/EU trade talks.",
    "He pointed to the photos: they show a crowd",
])
def test_prose_is_not_a_caption(line: str) -> None:
    assert split_caption(line) is None


@pytest.mark.parametrize(("line", "authors", "outlet"), [
    ("By Jane Doe", ["Jane Doe"], None),
    ("By Jane Doe and John Roe, Reuters", ["Jane Doe", "John Roe"], "Reuters"),
    ("WNN Staff Carla Mendes", ["Carla Mendes"], "WNN"),
    ("By Omar Haddad | CNN", ["Omar Haddad"], "CNN"),
    ("Written by Lena Fischer", ["Lena Fischer"], None),
])
def test_bylines(line: str, authors: list[str], outlet: str | None) -> None:
    b = parse_byline(line)
    assert b is not None
    assert (b.authors, b.outlet) == (authors, outlet)


def test_bare_byline_only_in_the_header() -> None:
    assert parse_byline("Jane Doe and John Roe, Reuters") is None
    b = parse_byline("Jane Doe and John Roe, Reuters", header=True)
    assert b is not None and b.authors == ["Jane Doe", "John Roe"] and b.outlet == "Reuters"


def test_byline_with_date() -> None:
    b = parse_byline("Posted by Sam Okafor on March 3, 2024, 9:15 AM EST")
    assert b is not None and b.authors == ["Sam Okafor"] and b.published == "2024-03-03"


@pytest.mark.parametrize("line", [
    "By the end of the week, prices had doubled.",
    "By 2030 the plant will run on solar power alone.",
    "By Monday.",
    "By Tuesday, the storm had passed.",
])
def test_sentences_starting_with_by_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(("line", "iso"), [
    ("9:45 PM – Monday, March 2, 2026", "2026-03-02"),
    ("Updated Oct. 21, 2025 3:04 p.m. ET", "2025-10-21"),
    ("Published 4 March 2024", "2024-03-04"),
    ("2024-03-04 08:15 GMT", "2024-03-04"),
])
def test_datelines(line: str, iso: str) -> None:
    assert dateline_date(line) == iso


def test_a_sentence_with_a_date_is_not_a_dateline() -> None:
    assert dateline_date("The ceasefire took effect on October 21, 2025, officials said.") is None


@pytest.mark.parametrize(("para", "rest", "outlet"), [
    ("WASHINGTON (Reuters) - The Senate passed the bill on Friday.", "The Senate passed the bill on Friday.",
     "Reuters"),
    ("KYIV, Ukraine (AP) — Air raid sirens sounded overnight.", "Air raid sirens sounded overnight.", "AP"),
    ("NAIROBI -- Floods have displaced thousands.", "Floods have displaced thousands.", None),
    ("LONDON, March 3 (Reuters) - Shares rose.", "Shares rose.", "Reuters"),
])
def test_wire_datelines(para: str, rest: str, outlet: str | None) -> None:
    got, wire, removed = strip_wire_dateline(para)
    assert (got, wire) == (rest, outlet)
    assert removed


def test_ordinary_paragraph_keeps_its_start() -> None:
    para = "The U.S. - and its allies - rejected the plan."
    assert strip_wire_dateline(para)[0] == para


def test_dataset_prefix() -> None:
    rest, iso, removed = strip_dataset_prefix(" date 2024-05-01 Text starts here.")
    assert (rest, iso, removed) == ("Text starts here.", "2024-05-01", "date 2024-05-01")
    assert strip_dataset_prefix("A date 2024-05-01 mid-text")[1] is None


def test_dates() -> None:
    assert find_date("Sept. 3, 2019")[0] == "2019-09-03"  # type: ignore[index]
    assert find_date("3rd of March 2020")[0] == "2020-03-03"  # type: ignore[index]
    assert find_date("Feb 30, 2020") is None
    assert to_iso("2019-11-20T06:21:00+00:00") == "2019-11-20"
    assert to_iso(None) is None and to_iso("yesterday") is None


def test_caption_labels_and_openers() -> None:
    assert split_caption("Image caption Firefighters work through the night in the hills") == (
        "Firefighters work through the night in the hills", None)
    line = "In this March 3, 2021, file photo, a worker inspects solar panels in Nevada."
    assert split_caption(line) == (line, None)
    assert split_caption("Flood waters cover the road.Credit: City Council") == (
        "Flood waters cover the road.", "City Council")


def test_name_and_date_bylines() -> None:
    b = parse_byline("Maya Singh - Nov 19, 2019, 10:31 pm CST")
    assert b is not None and b.authors == ["Maya Singh"] and b.published == "2019-11-19"
    b = parse_byline("Wire Services March 4, 2026, 7:15 AM")
    assert b is not None and b.outlet == "Wire Services" and not b.authors


def test_byline_credentials_and_domains() -> None:
    b = parse_byline("By Rachael Moss, MS, RD")
    assert b is not None and (b.authors, b.outlet) == (["Rachael Moss"], None)
    b = parse_byline("By Troy Smith, cleveland.com")
    assert b is not None and (b.authors, b.outlet) == (["Troy Smith"], "cleveland.com")
    b = parse_byline("By Jane Doe | UPDATED: Nov 19")
    assert b is not None and (b.authors, b.outlet) == (["Jane Doe"], None)


def test_outlet_then_role_then_name_and_any_time_zone() -> None:
    b = parse_byline("Coastal Herald — Staff reporter Ana Pereira")
    assert b is not None and (b.authors, b.outlet) == (["Ana Pereira"], "Coastal Herald")
    assert dateline_date("Tuesday, 25 August 2026, 09:14 EAT") == "2026-08-25"


def test_header_outlet_lines() -> None:
    b = parse_byline("Harbour Ledger | Marco Ruiz", header=True)
    assert b is not None and (b.authors, b.outlet) == (["Marco Ruiz"], "Harbour Ledger")
    b = parse_byline("Continental News Service", header=True)
    assert b is not None and (b.authors, b.outlet) == ([], "Continental News Service")
    assert parse_byline("Continental News Service") is None
    assert parse_byline("Markets Rally Today", header=True) is None
