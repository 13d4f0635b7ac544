"""Every user-facing error and warning, with a code and what to do next.

The library never prints; the CLI turns these into messages. Codes are stable: W1xx are
per-document skips (the batch goes on), E0xx stop the command.
"""


class ErrorsWithCodes(type):
    def __getattribute__(cls, code: str) -> str:
        msg = super().__getattribute__(code)
        if code.startswith("__"):
            return msg
        return f"[{code}] {msg}"


class Warnings(metaclass=ErrorsWithCodes):
    W101 = "File is empty."
    W102 = "File is not valid UTF-8 text (byte {position}); convert it to UTF-8 or pass it as HTML."
    W103 = "File looks binary (contains NUL bytes); only text, HTML and JSONL are read."
    W104 = "JSONL line is not valid JSON ({detail})."
    W105 = "JSONL record has neither a non-empty 'text' nor 'html' field."
    W106 = "HTML page has no extractable article text."
    W107 = "Unsupported file extension '{ext}'; use .txt, .html/.htm or .jsonl, or pipe text to '-'."
    W108 = "Document has no text after cleaning (only whitespace)."
    W109 = "JSONL record field '{field}' has the wrong type (expected {expected})."
    W110 = "Invalid date '{value}' ignored; dates are YYYY-MM-DD."
    W111 = "Could not read file: {detail}."
    W112 = "Document failed in the NLP pipeline: {detail}. Please report this with the document."
    W113 = "JSONL line is a JSON {kind}, not an object; write one document object per line."


class Errors(metaclass=ErrorsWithCodes):
    E001 = (
        "No spaCy English pipeline found (tried {tried}). Install Whimbrel with its dependencies "
        "(pip install whimbrel) or name an installed pipeline with --model."
    )
    E002 = "spaCy pipeline '{name}' is not installed. Install it with pip, or pick another with --model."
    E003 = "Path does not exist: {path}"
    E004 = "Invalid date '{value}': use YYYY-MM-DD."
    E005 = "Actor file {path} could not be read: {detail}"
    E006 = "Store {path} was written by a newer Whimbrel (schema {found} > {supported}); upgrade Whimbrel."
    E007 = "Unknown output format '{value}': choose one of {choices}."
    E008 = "The text is empty; there is nothing to code."
    E009 = "Store {path} could not be opened: {detail}. If another Whimbrel is using it, wait for it to finish."
    E010 = "No stored event has the id '{event_id}'; list ids with: whimbrel events --format jsonl."


class WhimbrelError(Exception):
    """An error a user can act on; its message carries a code from the catalogue above."""


class WhimbrelWarning(UserWarning):
    """A problem that does not stop a document (e.g. a bad date that is ignored); carries a W1xx code."""
