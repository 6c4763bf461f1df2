"""Sources: files, folders, standard input, HTML and JSON Lines -> documents."""

from wirewatch.sources.files import document_id, read_inputs, read_path

__all__ = ["document_id", "read_inputs", "read_path"]
