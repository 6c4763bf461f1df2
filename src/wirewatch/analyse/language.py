"""Which language an article is in (py3langid: its model ships inside the PyPI package)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the text's language."""
    lang, prob = _identifier().classify(text[:5000])
    return str(lang), float(prob)


def language_of(text: str, *, min_chars: int = 200, min_prob: float = 0.9) -> str | None:
    """The text's language code when it is long enough to tell and the identifier is confident,
    else None."""
    if len(text.strip()) < min_chars:
        return None
    lang, prob = identify(text)
    return lang if prob >= min_prob else None


def foreign_language(text: str, allowed: frozenset[str], *, min_chars: int = 200,
                     min_prob: float = 0.9) -> str | None:
    """The language code when the text is confidently in a language not allowed, else None."""
    lang = language_of(text, min_chars=min_chars, min_prob=min_prob)
    return lang if lang is not None and lang not in allowed else None
