"""The bad-input fixtures: reproducible from their script, and bad in exactly the intended way."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD = FIXTURES / "bad"
SCRIPT = FIXTURES / "make_bad_fixtures.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_bad_fixtures", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make = _load_script()
EXPECTED: dict[str, bytes] = make.build()


def _bytes(name: str) -> bytes:
    return (BAD / name).read_bytes()


def test_committed_files_are_exactly_what_the_script_builds() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)
    for name, data in EXPECTED.items():
        assert _bytes(name) == data, f"{name} differs: run {SCRIPT.name} and commit the result"


def test_script_is_deterministic_from_the_command_line(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)], check=True, capture_output=True)
    for name in EXPECTED:
        assert (tmp_path / name).read_bytes() == _bytes(name), name


def test_every_fixture_is_small() -> None:
    for p in BAD.iterdir():
        assert p.stat().st_size < 100_000, p.name


def test_empty_and_blank() -> None:
    assert _bytes("empty.txt") == b""
    blank = _bytes("blank.txt").decode("utf-8")
    assert blank and blank.strip() == ""
    assert "\u00a0" in blank and "\r\n" in blank


def test_binary_is_not_text() -> None:
    data = _bytes("binary.bin")
    assert len(data) > 4000 and data.count(b"\x00") > 50
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_latin1_is_not_utf8_but_decodes_as_latin1() -> None:
    data = _bytes("latin1.txt")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("latin-1")
    for word in ("Zürich", "café", "Genève", "naïve"):
        assert word in text
    assert len(text) > 800


def test_utf16_has_a_bom_and_decodes() -> None:
    data = _bytes("utf16.txt")
    assert data.startswith(b"\xff\xfe") and b"\x00" in data
    text = data.decode("utf-16")
    assert text.startswith("OSLO") and "€" in text and "“" in text


def test_no_article_html_has_only_page_furniture() -> None:
    html = _bytes("no_article.html").decode("utf-8")
    assert "<title>" in html and "<nav>" in html and "cookie" in html
    assert "<article" not in html and "<p>" in html


def test_one_bad_line_jsonl() -> None:
    lines = _bytes("one_bad_line.jsonl").decode("utf-8").splitlines()
    assert len(lines) == 5
    parsed: list[object] = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError:
            parsed.append(None)
    assert parsed[2] is None, "line 3 is the malformed one"
    for i in (0, 1, 3):
        row = parsed[i]
        assert isinstance(row, dict) and row["text"], f"line {i + 1} is a valid document"
    assert isinstance(parsed[4], dict) and "text" not in parsed[4]


def test_unknown_date_jsonl() -> None:
    rows = [json.loads(line) for line in _bytes("unknown_date.jsonl").decode("utf-8").splitlines()]
    assert rows[0]["published"] == "sometime last spring"
    assert rows[1]["published"] == "2026-05-06"
    assert all(r["text"] for r in rows)


@pytest.mark.parametrize(("name", "words"), [
    ("french.txt", ("grève", "syndicale", "les", "« ")),
    ("german.txt", ("Behörden", "die", "Euro", "„")),
])
def test_foreign_language_articles(name: str, words: tuple[str, ...]) -> None:
    text = _bytes(name).decode("utf-8")
    assert len(text) > 500
    for w in words:
        assert w in text


def test_unbalanced_quotes_really_are_unbalanced() -> None:
    text = _bytes("unbalanced_quotes.txt").decode("utf-8")
    assert text.count("“") != text.count("”")
    opened = [p for p in text.split("\n\n") if p.count("“") > p.count("”")]
    assert opened, "a paragraph opens a quotation that it never closes"
    assert any(p.count('"') % 2 for p in text.split("\n\n")), "a straight quotation mark left open"


def test_huge_text_is_generated_at_run_time(tmp_path: Path) -> None:
    path = make.write_huge_text(tmp_path / "huge.txt")
    assert path.stat().st_size == make.HUGE_SIZE == 50 * 1024 * 1024
    with open(path, "rb") as f:
        head = f.read(4096)
    assert head.decode("utf-8").startswith("The committee met")
    small = make.write_huge_text(tmp_path / "small.txt", size=1001)
    assert small.stat().st_size == 1001
