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


def foreign_language(text: str, allowed: frozenset[str], *, min_chars: int = 200,
                     min_prob: float = 0.9) -> str | None:
    """The language code when the text is confidently in a language not allowed, else None."""
    if len(text.strip()) < min_chars:
        return None
    lang, prob = identify(text)
    if lang not in allowed and prob >= min_prob:
        return lang
    return None
