"""Page furniture recognised by its shape: ads, share bars, newsletter calls, menus.

Patterns describe kinds of furniture found on any news site (the words a
share bar or a cookie notice is made of), never one site's strings.
``furniture_reason(line)`` names the kind, or returns None for a line that
may be article text.
"""

from __future__ import annotations

import re

from wirewatch.clean.lines import Line

_SOCIAL = (
    r"facebook|twitter|x|linkedin|pinterest|reddit|whatsapp|telegram|tumblr|flipboard|mix|email|e-mail"
    r"|print|sms|messenger|copy(?: link)?|link|google\+?|google plus|instagram|youtube|tiktok|snapchat"
    r"|share|tweet|pin|comments?|more|threads|bluesky|mastodon|rss"
)

_WHOLE_LINE: list[tuple[str, re.Pattern[str]]] = [
    ("advertisement", re.compile(
        r"^(?:advertisement|advertising|advert|ad|ads|sponsored(?: content| links| stories)?(?: below)?"
        r"|(?:story|article) continues below(?: advertisement)?|continue reading(?: below)?(?: the main story)?"
        r"|paid (?:content|partner content|post)|promoted(?: content| stories)?|partner content"
        r"|ad choices|adchoices|report (?:this )?ad|skip ad|close ad|from our partners|recommended by \w+)"
        r"[.!:]?$", re.IGNORECASE)),
    ("share", re.compile(
        rf"^(?:(?:share|sharing) (?:this|the) (?:post|article|story|page|video)!?|share(?: on| via)? ?(?:{_SOCIAL})?"
        rf"|sharing is caring!?|\d+\s*shares?|shares?|(?:(?:{_SOCIAL})[\s|,·•/]*){{1,12}}"
        rf"|click to (?:share|email|print)\b.*|(?:like|follow) us on .{{0,40}}|follow \w+ on .{{0,40}})$",
        re.IGNORECASE)),
    ("navigation", re.compile(
        r"^(?:home|menu|search|sections?|navigation|skip to (?:main )?content|skip navigation|back to top"
        r"|top|log ?in|sign ?in|sign ?up|register|log ?out|my account|close|open|toggle navigation"
        r"|read more|more|see more|show more|load more|view more|view all|see all|show all|more news"
        r"|related(?: articles| stories| posts| content| coverage| news| topics)?|you (?:may|might) also like"
        r"|recommended(?: for you| stories| articles)?|most (?:popular|read|viewed|shared|emailed)"
        r"|trending(?: now| stories)?|top stories|latest(?: news| stories)?|editor'?s? picks?|more from .{1,40}"
        r"|more (?:stories|articles|news|videos) (?:from|on|about) .{1,40}|previous(?: post| article| story)?"
        r"|next(?: post| article| story)?|prev|back to gallery|caption|image \d+ of \d+|image \d+ of / \d+"
        r"|\d+ of \d+|\d+ ?/ ?\d+|photos?|videos?|gallery|watch|listen|play|pause|loading\.*"
        r"|tags?\s*:.*|topics?:|categories:?|advertise with us|contact us"
        r"|about us|privacy policy|terms of (?:use|service)|cookie policy|site ?map|careers|faqs?"
        r"|terms (?:and|&) conditions|accessibility|all rights reserved\.?|go|submit|cancel|ok|yes|no"
        r"|print this (?:page|article)|font size|a a a|text size|listen to (?:this )?article"
        r"|explore further|read later|save (?:for later|article)|view all(?: \(\d+\))?|related links"
        r"|related (?:coverage|reading|content) (?:from|on|about) .{1,60}|most read stories|trending news"
        r"|don'?t miss|see more:.*|also read:.*|read also:.*|report|this slideshow requires javascript\.?"
        r"|(?:\w+ )?click here\b.{0,60}|(?:get|download) (?:the|our) .{1,30} app\b.{0,30})"
        r"[.:!…]*$", re.IGNORECASE)),
    ("comments", re.compile(
        r"^(?:\d+\s+)?(?:comments?|responses?|replies|reply|leave a (?:comment|reply)|post a comment"
        r"|add a comment|join the (?:discussion|conversation)|show comments|view comments|comment policy"
        r"|you must be logged in to .*|notify me of .*|save my name, email.*|cancel reply"
        r"|leave a comment cancel reply|this site uses akismet.*|\d+ responses? to .*|\d+ comments? on .*"
        r"|\d+ thoughts? on .*|comments are closed\.?|be the first to comment\.?)[.!:]?$", re.IGNORECASE)),
    ("copyright", re.compile(r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}|by\b)).{0,300}$", re.IGNORECASE)),
]

# Furniture that can appear anywhere in a line, so the line must also be short.
_IN_SHORT_LINE: list[tuple[str, re.Pattern[str], int]] = [
    # Calls to action speak to the reader; an article *about* newsletters or cookies does not.
    ("newsletter", re.compile(
        r"\bsubscribe (?:here|now|today|for free|to (?:our|get|receive))\b|\bsign up (?:here|now|today|for"
        r" (?:our|free|breaking)|to (?:receive|get|our))\b|\b(?:our|free|daily|weekly) newsletters?\b"
        r"|\bnewsletter\b.{0,60}\b(?:sign up|subscribe|your inbox|your email)|\b(?:delivered|straight|directly)"
        r" (?:straight |directly )?to your inbox\b|\b(?:get|receive|sign up for|subscribe to) (?:our |free )?"
        r"(?:breaking news|e-?mail|news) alerts\b|^stay (?:informed|connected|up to date)\b"
        r"|^(?:subscribe|newsletters?|get our newsletter)\b|\bunsubscribe at any time\b|\bno spam\b",
        re.IGNORECASE), 45),
    ("cookies", re.compile(
        r"\b(?:we|this (?:site|website)|our (?:site|website|partners))\b.{0,60}\bcookies\b"
        r"|\bcookies\b.{0,80}\byour?\b.{0,40}\b(?:experience|browsing|consent|accept|settings)\b"
        r"|\baccept (?:all )?cookies\b|\bcookie (?:settings|preferences|policy|notice)\b", re.IGNORECASE), 80),
    ("contact", re.compile(r"\b(?:telephone|phone|fax|e-?mail|call us|contact(?:ed)?)\b.{0,120}"
                           r"(?:\b[\w.+-]+@[\w-]+\.[\w.]+\b|\+?\d[\d\s().-]{6,}\d)", re.IGNORECASE), 80),
    ("legal", re.compile(
        r"\b(?:are|is a) (?:registered )?trademarks? of\b|\bmay not be (?:reproduced|republished|redistributed)"
        r"|\bsubject to copyright\b|\bwithout (?:the )?(?:prior |express )?written permission\b"
        r"|\bnot (?:been )?evaluated by the food and drug\b|\bnot intended to (?:diagnose|replace)\b"
        r"|\bconsult (?:your|a) (?:physician|doctor)\b.*\bbefore\b"
        r"|^\W*(?:individual )?results (?:may )?vary (?:depending|based|from person)\b"
        r"|\bfor (?:informational|educational) purposes only\b"
        r"|\bthis (?:site|website) is protected by recaptcha\b|\bby (?:using|continuing to use) this (?:site|website)\b"
        r"|^citation:", re.IGNORECASE), 90),
    ("credits", re.compile(
        r"^\(?(?:additional )?(?:reporting|writing|editing|compiled|research|graphics?|produced) by\b"
        r"|\bcontributed (?:reporting )?(?:to )?(?:this|the) (?:report|story|article)\b"
        r"|^our standards:|\btrust principles\b", re.IGNORECASE), 50),
    ("bio", re.compile(
        r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} (?:is|was) (?:a|an|the) (?:[\w-]+ ){0,4}(?:writer|reporter"
        r"|journalist|editor|correspondent|columnist|contributor|author|producer|photographer|blogger)\b"
        r".{0,120}\b(?:based in|who covers|covering|(?:his|her|their) work|has written for|has appeared"
        r"|is the author of)\b"
        r"|\b(?:may|can) be reached at\b|\bfollow (?:him|her|them|me|us) on (?:twitter|facebook|instagram)\b"
        r"|^have a (?:news )?tip\?", re.IGNORECASE), 60),
    ("copyright", re.compile(r"©.*(?:\d{4}|\brights\b|\b(?:ltd|inc|llc|gmbh|plc|corp)\b)|\ball rights reserved\b"
                             r"|\bcopyright \d{4}\b", re.IGNORECASE), 40),
    ("navigation", re.compile(
        r"^(?:read (?:more|also|next)|related|see also|more on this|recommended|also read|watch|listen)\b"
        r"\s*[:|>»\-–—]", re.IGNORECASE), 30),
    ("share", re.compile(r"^(?:share|follow|like) (?:this|us|on)\b", re.IGNORECASE), 12),
    ("navigation", re.compile(r"^(?:tags|filed under|posted in|categories|topics)\b(?!.*[.!?][\"”’]?$)",
                              re.IGNORECASE), 25),
    ("navigation", re.compile(r"\bjavascript\b.*\b(?:enable|disabled|browser)\b|\bbrowser\b.*\bsupport\b",
                              re.IGNORECASE), 40),
    ("comments", re.compile(r"^\d+\s+(?:comments?|responses?|replies)\s+(?:to|on)\b|"
                            r"\bcommenting (?:policy|guidelines)\b|\bcomment(?:s)? (?:below|section)\b",
                            re.IGNORECASE), 25),
]

# Furniture glued to the end of a paragraph by the scraper ("... the leaders. Advertisement").
TRAILING = re.compile(
    r"(?<=[.!?\"”’)\]])\s*(?:advertisement|advertising|sponsored content(?: below)?|story continues below"
    r"(?: advertisement)?|continue reading(?: below)?|ad|read more|share this (?:post|article|story)!?"
    r"|click to tweet)"
    r"[.!:]?\s*$",
    re.IGNORECASE,
)

# The line opens a comment section: nothing after it is the article.
COMMENTS_START = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies)(?:\s*\(\d+\))?\s*[:.]?$"
    r"|^\d+\s+(?:comments?|responses?|thoughts?|replies)\s+(?:to|on)\s+.+$"
    r"|^(?:leave|post|add|write) a (?:comment|reply)\b|^join the (?:discussion|conversation)\b"
    r"|^you must be logged in to (?:post|leave) a comment",
    re.IGNORECASE,
)

_CJK_OR_LETTER = re.compile(r"[^\W\d_]")
_SHOUTED = re.compile(r"[A-Z]{2}")
_LOWER = re.compile(r"[a-z\u00df-\u00ff]")


def furniture_reason(line: Line) -> str | None:
    """The kind of furniture this line is, or None."""
    text = line.text
    for reason, pattern in _WHOLE_LINE:
        if pattern.match(text):
            return reason
    for reason, pattern, max_words in _IN_SHORT_LINE:
        if line.words <= max_words and pattern.search(text):
            return reason
    if line.glued >= 6 and line.glued >= 0.06 * line.words:
        return "links"
    pipes = text.count(" | ") + text.count(" • ")
    if pipes >= 3 and pipes * 20 >= line.words:
        # "Home | News | Sport | ...", or a run of headlines joined by bars.
        return "links"
    if line.has_url and line.words <= 3:
        return "link"
    if line.words >= 8 and _SHOUTED.search(text) and not _LOWER.search(text) and not line.ends_sentence:
        # "SENATOR'S WIFE OPENS UP ABOUT HER ILLNESS": a teaser for another story; subheadings are short.
        return "teaser"
    if not line.words and not _CJK_OR_LETTER.search(text):
        # Counters, badges and separators: "6", "1 / 23", "* * *".
        return "symbols"
    return None


def strip_trailing(text: str) -> tuple[str, str | None]:
    """Remove furniture glued to the end of a paragraph; returns (text, what was removed)."""
    m = TRAILING.search(text)
    if not m:
        return text, None
    return text[: m.start()].rstrip(), m.group(0).strip()
