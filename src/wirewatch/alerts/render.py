"""Alerts as words: one subject, a plain-text body and an HTML body.

Email uses all three; the Atom feed uses the subject and HTML as entry title
and content. Everything from an article is untrusted text: the HTML escapes
every value, and a link is only made a link when it is http(s).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from wirewatch.alerts.notify import Alert

# XML 1.0 forbids these characters; lxml and email headers refuse them, so they
# are dropped rather than allowed to turn one odd article into a dead alert.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"\s+")
SUBJECT_MAX = 160


def clean(text: str | None) -> str:
    """Text with characters that cannot travel in XML or mail removed."""
    return _CONTROL.sub("", text or "")


def one_line(text: str | None, limit: int | None = None) -> str:
    """Collapsed to one line (a newline in a header would start a new header), cut at ``limit``."""
    line = _SPACE.sub(" ", clean(text)).strip()
    if limit is not None and len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL, else None (no javascript: links in a mail)."""
    url = one_line(url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in {"http", "https"} and parts.netloc else None


def subject(alert: Alert) -> str:
    return one_line(alert.title, SUBJECT_MAX) or one_line(alert.change, SUBJECT_MAX) or "wirewatch alert"


def digest_subject(alerts: Sequence[Alert]) -> str:
    if len(alerts) == 1:
        return subject(alerts[0])
    return one_line(f"wirewatch: {len(alerts)} alerts — {subject(alerts[0])}", SUBJECT_MAX)


def credit(alert: Alert) -> str:
    """"OAN, 2026-03-01": who said it and when, whatever of that is known."""
    return ", ".join(x for x in (one_line(alert.outlet), one_line(alert.published)) if x)


def plain(alert: Alert) -> str:
    """The alert as readable plain text (no markup, short lines where the content allows)."""
    lines = [one_line(alert.change) or subject(alert), ""]
    if one_line(alert.evidence):
        lines.append(f"“{one_line(alert.evidence)}”")
    if credit(alert):
        lines.append(f"— {credit(alert)}")
    url = safe_url(alert.source_url)
    if url:
        lines.append(url)
    if one_line(alert.reason):
        lines += ["", f"Why you get this: {one_line(alert.reason)}"]
    return "\n".join(lines).strip() + "\n"


def html_fragment(alert: Alert) -> str:
    """The alert as an HTML fragment (every value escaped)."""
    e = html.escape
    parts = [f"<p><strong>{e(one_line(alert.change) or subject(alert))}</strong></p>"]
    if one_line(alert.evidence):
        parts.append(f"<blockquote>{e(one_line(alert.evidence))}</blockquote>")
    url = safe_url(alert.source_url)
    source = e(credit(alert))
    if url:
        source = f'<a href="{e(url, quote=True)}">{source or e(url)}</a>'
    if source:
        parts.append(f"<p>— {source}</p>")
    if one_line(alert.reason):
        parts.append(f"<p><small>Why you get this: {e(one_line(alert.reason))}</small></p>")
    return "\n".join(parts)


def plain_digest(alerts: Sequence[Alert]) -> str:
    blocks = [f"{len(alerts)} alert{'s' if len(alerts) != 1 else ''} from wirewatch", ""]
    for i, alert in enumerate(alerts, 1):
        blocks.append(f"{i}. {subject(alert)}")
        blocks.append(plain(alert))
    return "\n".join(blocks).strip() + "\n"


def html_digest(alerts: Sequence[Alert]) -> str:
    items = "\n".join(
        f"<li><h3>{html.escape(subject(a))}</h3>\n{html_fragment(a)}</li>" for a in alerts)
    return f"<ol>\n{items}\n</ol>"


def html_page(title: str, body: str, footer: str = "") -> str:
    """A whole HTML document around a fragment, for the HTML part of a mail."""
    foot = f'\n<hr>\n<p><small>{footer}</small></p>' if footer else ""
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title></head>\n<body>\n{body}{foot}\n</body></html>\n"
    )
