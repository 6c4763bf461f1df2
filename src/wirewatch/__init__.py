"""wirewatch: read the news and turn it into facts people can follow.

>>> import wirewatch
>>> record = wirewatch.analyze(open("article.txt").read(), published="2025-10-21")  # doctest: +SKIP
>>> record.to_dict()["events"]  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["analyze", "__version__"]

if TYPE_CHECKING:
    from wirewatch.record import Record


def analyze(text: str, **kwargs: Any) -> Record:
    """Analyse one article; see :func:`wirewatch.article.analyze` for the options."""
    from wirewatch.article import analyze as _analyze

    return _analyze(text, **kwargs)
