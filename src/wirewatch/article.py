"""One document -> one article record: clean, check the language, analyse.

This is the library face of ``wirewatch analyze``: :func:`analyze` for a text,
:func:`analyze_documents` for a stream of documents (one record per input, in
order, failures included as records with an ``error``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from wirewatch.analyse.language import language_of
from wirewatch.analyse.pipeline import Analysis, AnalysisError, analyse_many, load_pipeline
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


def _admit(doc: Document, settings: Settings, keep_text: bool) -> Cleaned | Outcome:
    """The cleaned document ready for analysis, or the outcome of its rejection."""
    prepared = prepare(doc, keep_text=keep_text)
    if isinstance(prepared, Rejected):
        return Outcome(failed_record(prepared), prepared)
    source = doc.source or doc.id
    lang = language_of(prepared.text, min_chars=settings.language_min_chars)
    allowed = settings.language_set()
    if lang is not None and lang in allowed:
        prepared.language = lang
    elif len(allowed) == 1:
        # Too short (or too mixed) to tell: the one language analysed is the best guess.
        prepared.language = next(iter(allowed))
    if lang is not None and lang not in allowed:
        rej = Rejected(doc.id, source, "not-english",
                       f"{source}: the article is in language {lang!r}, not one wirewatch analyses "
                       f"({settings.languages}): skipped", text=prepared.text)
        rec = failed_record(rej)
        rec.language = lang
        return Outcome(rec, rej)
    return prepared


def _record(doc: Document, prepared: Cleaned, result: Analysis | AnalysisError,
            settings: Settings) -> Outcome:
    if isinstance(result, AnalysisError):
        source = doc.source or doc.id
        rej = Rejected(doc.id, source, "analysis-failed", f"{source}: {result}", text=prepared.text)
        return Outcome(failed_record(rej), rej)
    record = Record(
        id=doc.id, text=prepared.text, published=prepared.published, title=prepared.title,
        outlet=prepared.outlet, url=prepared.url, authors=list(prepared.authors),
        captions=list(prepared.captions), removed=list(prepared.removed),
        entities=result.entities, quotes=result.quotes, times=result.times, events=result.events,
        language=prepared.language,
    )
    return Outcome(record)


def _date_part(published: str | None) -> str | None:
    return published[:10] if published else None


def _analyse_batch(batch: list[tuple[Document, Cleaned]], nlp: Language, settings: Settings) -> list[Outcome]:
    results = analyse_many([(d.id, c.text, _date_part(c.published), c.captions) for d, c in batch],
                           nlp=nlp, batch_size=settings.batch_size)
    return [_record(d, c, r, settings) for (d, c), r in zip(batch, results, strict=True)]


def analyze_document(doc: Document, *, settings: Settings | None = None, keep_text: bool = False,
                     nlp: Language | None = None) -> Outcome:
    """The record of one document; never raises for a bad document."""
    settings = settings or Settings()
    admitted = _admit(doc, settings, keep_text)
    if isinstance(admitted, Outcome):
        return admitted
    return _analyse_batch([(doc, admitted)], nlp or load_pipeline(settings.model), settings)[0]


def analyze_documents(items: Iterable[Document | Rejected], *, settings: Settings | None = None,
                      keep_text: bool = False) -> Iterator[Outcome]:
    """One outcome per item, in input order, analysed in batches of ``settings.batch_size``.

    The pipeline is loaded once, on the first document that needs it.
    """
    settings = settings or Settings()
    nlp: Language | None = None
    # Outcomes wait here until every earlier item's outcome is known, to keep input order.
    queue: list[Outcome | tuple[Document, Cleaned]] = []

    def flush() -> Iterator[Outcome]:
        nonlocal nlp
        todo = [q for q in queue if isinstance(q, tuple)]
        if todo:
            nlp = nlp or load_pipeline(settings.model)
            done = iter(_analyse_batch(todo, nlp, settings))
        for q in queue:
            yield next(done) if isinstance(q, tuple) else q
        queue.clear()

    for item in items:
        if isinstance(item, Rejected):
            queue.append(Outcome(failed_record(item), item))
        else:
            admitted = _admit(item, settings, keep_text)
            queue.append(admitted if isinstance(admitted, Outcome) else (item, admitted))
        if sum(isinstance(q, tuple) for q in queue) >= max(settings.batch_size, 1):
            yield from flush()
    yield from flush()


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
