"""Errors that name what went wrong with one document; the batch records them and goes on."""


class DocumentError(Exception):
    """A document that cannot be read or understood; the message says why."""


class UnsupportedFormat(DocumentError):
    """The file is not a format any reader handles."""


class NeedsOCR(DocumentError):
    """The file has no text layer (a scan)."""
