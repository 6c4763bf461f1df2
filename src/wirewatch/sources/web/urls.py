"""URLs: a canonical form, and a short stable id for the document found there."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that say how a reader arrived, not what they read: two links differing only in
# these lead to the same article.
_TRACKING_PREFIXES = ("utm_", "mc_", "_hs")
_TRACKING = {"fbclid", "gclid", "dclid", "msclkid", "igshid", "ocid", "cmpid", "smid", "ref", "ref_src"}


def canonical_url(url: str) -> str:
    """Scheme and host lower-cased, default port, fragment and tracking parameters dropped."""
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url.strip()
    netloc = host
    if port is not None and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def url_id(url: str) -> str:
    """16 hex digits from the canonical URL: the same article gets the same id wherever it is found."""
    return short_hash(canonical_url(url))


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def same_site(a: str, b: str) -> bool:
    """Same host, ignoring ``www.``, or one a subdomain of the other (``edition.cnn.com``/``cnn.com``)."""
    ha = _host(a)
    hb = _host(b)
    if not ha or not hb:
        return False
    return ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha)


def _host(url: str) -> str:
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host
