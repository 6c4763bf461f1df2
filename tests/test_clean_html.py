"""clean_html on small pages written for these tests."""

from __future__ import annotations

from wirewatch.clean import clean_html

PARAS = [
    "Foreign ministers from the two countries met on Tuesday for talks on a ceasefire, officials said, "
    "the first such meeting in more than a year.",
    "The talks lasted three hours and will resume next week, a spokesman for the ministry told reporters "
    "outside the venue.",
    "Neither side gave details of the proposals discussed, but both described the atmosphere as "
    "constructive and businesslike.",
]

PAGE = """<html><head><title>Ministers meet in Geneva - Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe; John Roe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Ministers meet in Geneva</h1><figure><img src="a.jpg">
<figcaption>Delegates arrive at the talks. (Photo by Ana Ruiz/Example News)</figcaption></figure>{paras}</article>
<aside><h3>Most read</h3><ul><li><a href="/x">Storm batters coast</a></li></ul></aside>
<footer>Copyright 2024 Example News</footer></body></html>"""


def test_article_and_metadata() -> None:
    html = PAGE.format(paras="".join(f"<p>{p}</p>" for p in PARAS))
    c = clean_html(html, url="https://news.example.com/geneva")
    assert c.text.split("\n\n") == PARAS
    assert c.published == "2024-03-05"
    assert c.title == "Ministers meet in Geneva"
    assert c.outlet == "Example News"
    assert c.authors == ["Jane Doe", "John Roe"]
    assert c.url == "https://news.example.com/geneva"
    assert [(x.text, x.credit) for x in c.captions] == [
        ("Delegates arrive at the talks.", "Ana Ruiz/Example News")]


def test_page_without_article_gives_empty_text() -> None:
    c = clean_html("<html><body><ul><li><a href='/'>Home</a></li><li>News</li></ul></body></html>")
    assert c.text == ""


def test_cookie_banner_is_not_an_article() -> None:
    html = ("<html><body><div class='banner'><p>We value your privacy. We and our partners use cookies to "
            "store and access information on your\ndevice, for personalised advertising and content.</p>"
            "<button>Accept all</button></div><nav><a href='/'>News</a> <a href='/s'>Sport</a></nav>"
            "<footer><p>&copy; 2026 The Example Gazette. All rights reserved.</p></footer></body></html>")
    c = clean_html(html)
    assert c.text == ""
    assert any(r.reason == "cookies" for r in c.removed)


def test_lines_wrapped_inside_a_paragraph_are_joined() -> None:
    wrapped = PARAS[0].replace("officials said,", "officials said,\n")
    html = PAGE.format(paras=f"<p>{wrapped}</p>" + "".join(f"<p>{p}</p>" for p in PARAS[1:]))
    assert clean_html(html).text.split("\n\n") == PARAS


def test_odd_inputs_do_not_crash() -> None:
    for html in ["", "   ", "\x00\x01", "<html>", "<<<>>>", "plain words, no markup"]:
        assert isinstance(clean_html(html).text, str)
