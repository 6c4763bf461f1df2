"""One document -> one article record: clean, check the language, analyse.

This is the library face of ``wirewatch analyze``: :func:`analyze` for a text,
:func:`analyze_documents` for a stream of documents (one record per input, in
order, failures included as records with an ``error``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from wirewatch.analyse.language import foreign_language
from wirewatch.analyse.pipeline import AnalysisError, analyse, load_pipeline
from wirewatch.record import Cleaned, Document, Record, Rejected
from wirewatch.settings import Settings
from wirewatch.sources.dates import normalise_published


@dataclass
class Outcome:
    """A record, and the rejection behind it when the document could not be analysed."""

    record: Record
    rejected: Rejected | None = None


def prepare(doc: Document, *, keep_text: bool = False) -> Cleaned | Rejected:
    """Clean a document (or keep its text as given) and merge what the source already knew."""
    try:
        return _prepare(doc, keep_text=keep_text)
    except Exception as exc:  # a cleaning bug on one page must not stop a batch
        source = doc.source or doc.id
        return Rejected(doc.id, source, "clean-failed",
                        f"{source}: cleaning failed ({type(exc).__name__}: {exc}): please report this "
                        "page; pass --keep-text to analyse the text unchanged", text=doc.text)


def _prepare(doc: Document, *, keep_text: bool) -> Cleaned | Rejected:
    source = doc.source or doc.id
    if doc.kind == "html":
        from wirewatch.clean import clean_html

        if keep_text:
            return Rejected(doc.id, source, "keep-text-html",
                            f"{source}: --keep-text cannot be used with HTML (there is no given text to "
                            "keep): drop --keep-text, or give the article's plain text")
        cleaned = clean_html(doc.html or "", url=doc.url)
        if not cleaned.text.strip():
            return Rejected(doc.id, source, "no-article",
                            f"{source}: no article text found in the HTML page: check that it is an "
                            "article page (not an index, login or error page)")
    elif keep_text:
        cleaned = Cleaned(text=doc.text)
    else:
        from wirewatch.clean import clean_text

        cleaned = clean_text(doc.text, published=doc.published)
        if not cleaned.text.strip():
            return Rejected(doc.id, source, "empty",
                            f"{source}: no article text left after removing page furniture: check that "
                            "it is an article, or pass --keep-text to analyse it unchanged", text=doc.text)
    # What the source said about the document wins over what cleaning guessed from the page.
    cleaned.published = doc.published or cleaned.published
    cleaned.outlet = doc.outlet or cleaned.outlet
    cleaned.title = doc.title or cleaned.title
    cleaned.url = doc.url or cleaned.url
    cleaned.authors = doc.authors or cleaned.authors
    return cleaned


def failed_record(rejected: Rejected) -> Record:
    return Record(id=rejected.id, text=rejected.text, error=rejected.message)


def analyze_document(doc: Document, *, settings: Settings | None = None, keep_text: bool = False,
                     nlp: Language | None = None) -> Outcome:
    """The record of one document; never raises for a bad document."""
    settings = settings or Settings()
    prepared = prepare(doc, keep_text=keep_text)
    if isinstance(prepared, Rejected):
        return Outcome(failed_record(prepared), prepared)
    source = doc.source or doc.id
    lang = foreign_language(prepared.text, settings.language_set(), min_chars=settings.language_min_chars)
    if lang is not None:
        rej = Rejected(doc.id, source, "not-english",
                       f"{source}: the article is in language {lang!r}, not one wirewatch analyses "
                       f"({settings.languages}): skipped", text=prepared.text)
        rec = failed_record(rej)
        rec.language = lang
        return Outcome(rec, rej)
    try:
        result = analyse(prepared.text, published=_date_part(prepared.published),
                         captions=prepared.captions, doc_id=doc.id,
                         nlp=nlp or load_pipeline(settings.model))
    except AnalysisError as exc:
        rej = Rejected(doc.id, source, "analysis-failed", f"{source}: {exc}", text=prepared.text)
        return Outcome(failed_record(rej), rej)
    record = Record(
        id=doc.id, text=prepared.text, published=prepared.published, title=prepared.title,
        outlet=prepared.outlet, url=prepared.url, authors=list(prepared.authors),
        captions=list(prepared.captions), removed=list(prepared.removed),
        entities=result.entities, quotes=result.quotes, times=result.times, events=result.events,
        language=sorted(settings.language_set())[0] if len(settings.language_set()) == 1 else None,
    )
    return Outcome(record)


def _date_part(published: str | None) -> str | None:
    return published[:10] if published else None


def analyze_documents(items: Iterable[Document | Rejected], *, settings: Settings | None = None,
                      keep_text: bool = False) -> Iterator[Outcome]:
    """One outcome per item, in order; the pipeline is loaded once, on the first document."""
    settings = settings or Settings()
    nlp: Language | None = None
    for item in items:
        if isinstance(item, Rejected):
            yield Outcome(failed_record(item), item)
            continue
        if nlp is None:
            nlp = load_pipeline(settings.model)
        yield analyze_document(item, settings=settings, keep_text=keep_text, nlp=nlp)


def analyze(text: str, *, published: str | None = None, id: str = "doc", keep_text: bool = False,
            html: bool = False, settings: Settings | None = None) -> Record:
    """Analyse one article and return its record.

    >>> rec = analyze("Trump met Putin in Anchorage on Friday.", published="2025-08-17", keep_text=True)
    >>> rec.text
    'Trump met Putin in Anchorage on Friday.'
    """
    doc = Document(id=id, text="" if html else text, html=text if html else None,
                   kind="html" if html else "text", published=normalise_published(published),
                   source=id)
    return analyze_document(doc, settings=settings, keep_text=keep_text).record
