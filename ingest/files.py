"""Which files a batch holds and which of them need parsing: found in folders, settled without parsing (empty,
unreadable, identical copies), or already in the warehouse with the same bytes and parser. No parsing here, and
nothing heavy imported, so a run with little to do starts fast."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ingest.metadata import METADATA_FILE, MetadataError, Rule, StatedFacts, parse_rules, stated_for
from ingest.result import DocumentResult, StoredDocument

# What sits beside documents without being one: READMEs, checksum lists (SHA256SUMS), .DS_Store, the facts file.
IGNORED_NAMES = frozenset(
    {"README.md", "readme.md", ".DS_Store", METADATA_FILE, "SHA256SUMS", "SHA512SUMS", "SHA1SUMS", "MD5SUMS"}
)


@dataclass(frozen=True)
class Plan:
    """What a batch holds: the files to parse (one per distinct content), files settled without parsing, and files
    whose content the warehouse already holds, parsed by this parser (skipped: not parsed, often not even read)."""

    to_parse: list[Path]
    settled: list[DocumentResult]
    unchanged: list[StoredDocument] = field(default_factory=list)
    modified_ns: dict[str, int | None] = field(default_factory=dict)  # by source path: the time to record
    not_read: int = 0  # unchanged files recognised by path, size and time alone
    digests: dict[str, str] = field(default_factory=dict)  # by source path: the SHA-256 of each file to parse


# A file's time is trusted to tell it unchanged only when it is older than this when looked at: a file written
# again within the same tick of a coarse clock (FAT 2 s, some network file systems 1 s) keeps its time, so a
# recent file is read and hashed again next time (git's "racily clean" rule).
TRUSTED_AGE_NS = 2_000_000_000
# What decides the records a file gives: code and data whose change means every document is parsed again.
_PARSER_PARTS = ("readers", "layouts", "records.py", "result.py", "raw.py", "document.py", "pipeline.py",
                 "vocabulary.csv")  # fmt: skip
_PARSER_LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "rapidocr-onnxruntime", "python-docx", "openpyxl",
                     "xlrd")  # fmt: skip


def parser_version() -> str:
    """A fingerprint of what parses a file: the readers, layouts, records, vocabularies in force and the versions
    of the libraries that read files. A document parsed by another version is parsed again."""
    from importlib import metadata as package_metadata

    from ingest.layouts.labels import VOCABULARY_ENV

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = []
    for part in _PARSER_PARTS:
        path = root / part
        files.extend(sorted(path.rglob("*.py")) + sorted(path.rglob("*.csv")) if path.is_dir() else [path])
    files.extend(Path(part) for part in os.environ.get(VOCABULARY_ENV, "").split(os.pathsep) if part)
    for path in files:
        digest.update(str(path.relative_to(root) if path.is_relative_to(root) else path).encode())
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    for library in _PARSER_LIBRARIES:
        with contextlib.suppress(package_metadata.PackageNotFoundError):
            digest.update(f"{library}=={package_metadata.version(library)}".encode())
    return digest.hexdigest()[:16]


def source_of(path: Path) -> str:
    """A file's source path: its real path (links followed), or, where links go round in a loop, the link's own
    absolute path (Path.resolve raises on a loop)."""
    try:
        return str(path.resolve())
    except (RuntimeError, OSError):
        return os.path.abspath(path)


def link_trouble(path: Path) -> str | None:
    """Why a symbolic link cannot be read: a loop (a.pdf -> b.pdf -> a.pdf) or a missing target; None for any
    other path."""
    if not path.is_symlink():
        return None
    chain, current, seen = [path.name], path, {os.path.abspath(path)}
    while current.is_symlink():
        target = Path(os.readlink(current))
        current = target if target.is_absolute() else current.parent / target
        chain.append(str(target))
        where = os.path.abspath(current)
        if where in seen or len(chain) > 40:
            return f"symbolic link loop ({' -> '.join(chain)}), not read"
        seen.add(where)
    if not current.exists():
        return f"symbolic link to a missing file ({' -> '.join(chain)}), not read"
    return None


def path_id(kind: str, source: str) -> str:
    """An id for something that has no bytes to hash (an empty or unreadable file, a folder)."""
    return hashlib.sha256(f"{kind}:{source}".encode()).hexdigest()


@dataclass(frozen=True)
class Found:
    """The files of a batch, a failed result per folder that could not be read, what documents.csv states, and the
    linked folders not followed (each with the reason)."""

    files: list[Path]
    unreadable: list[DocumentResult]
    stated: dict[str, StatedFacts]  # by resolved source path
    not_followed: list[str] = field(default_factory=list)


def discover(paths: Sequence[str | Path]) -> Found:
    """Files named, and every file under folders named (hidden files, READMEs, checksum lists and documents.csv left
    out), sorted; a failed result for each folder that could not be read, so nothing is skipped without a word; and
    the facts each folder's documents.csv states (MetadataError if one cannot be used).

    Linked folders are followed, but never into a folder the search covers already (a link to a folder above is a
    cycle): such a link is named in `not_followed` with the reason. A link to a file that loops or points nowhere is
    a file like the others (plan() gives it its failed row)."""
    found: list[Path] = []
    unreadable: list[DocumentResult] = []
    rules: dict[Path, list[Rule]] = {}
    not_followed: list[str] = []
    searched = [os.path.realpath(raw) for raw in paths if Path(raw).is_dir()]

    def folder_error(error: OSError) -> None:
        folder = Path(error.filename)
        source = str(folder.resolve())
        unreadable.append(
            DocumentResult(
                document_id=path_id("folder", source),
                file_name=folder.name + "/",
                source_path=source,
                size_bytes=0,
                format="folder",
                status="failed",
                error=f"{folder.name}/: cannot read folder ({error.strerror}); files in it are not ingested",
            )
        )

    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            found.append(path)
            _read_rules(path.parent, rules)
            continue
        under: list[Path] = []
        walked: set[str] = set()  # real paths of the linked folders followed, so that none is walked twice
        for folder, dirs, names in os.walk(path, onerror=folder_error, followlinks=True):
            dirs[:] = [name for name in sorted(dirs) if not name.startswith(".")]  # sorted: the first link is followed
            dirs[:] = [name for name in dirs if _follow(Path(folder) / name, searched, walked, not_followed)]
            if METADATA_FILE in names:
                _read_rules(Path(folder), rules)
            under.extend(
                Path(folder) / name for name in names if not name.startswith(".") and name not in IGNORED_NAMES
            )
        found.extend(sorted(under))
    stated = {}
    for path in found:
        facts = StatedFacts()
        for folder in sorted(rules, key=lambda folder: len(folder.parts)):  # a deeper documents.csv wins
            if folder in path.parents:
                facts = stated_for(path.relative_to(folder), rules[folder]).over(facts)
        if not facts.is_empty:
            stated[source_of(path)] = facts
    return Found(found, unreadable, stated, not_followed)


def _follow(folder: Path, searched: list[str], walked: set[str], not_followed: list[str]) -> bool:
    """Whether to walk into a subfolder: always a real one; a linked one unless the search covers its target
    already (a link to a folder above, or into a folder searched) or it was followed once."""
    if not folder.is_symlink():
        return True
    target = os.path.realpath(folder)
    covered = any(target == root or target.startswith(root + os.sep) for root in searched)
    if covered or target in walked:
        not_followed.append(f"{folder}: a link to {target}, a folder this search covers already; not followed")
        return False
    walked.add(target)
    return True


def _read_rules(folder: Path, rules: dict[Path, list[Rule]]) -> None:
    metadata = folder / METADATA_FILE
    if folder in rules or not metadata.is_file():
        return
    try:
        text = metadata.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise MetadataError(f"{metadata}: cannot be read as UTF-8 CSV ({error})") from error
    rules[folder] = parse_rules(text, str(metadata))


def plan(
    files: Sequence[Path],
    stored: dict[str, StoredDocument] | None = None,
    version: str | None = None,
    reparse: bool = False,
) -> Plan:
    """Settle what needs no parsing: unreadable, not regular, empty files, identical copies of a file before, and
    files the warehouse (`stored`, by source path) already holds with the same bytes parsed by this `version`.

    A stored file of the same size and time (trusted: see TRUSTED_AGE_NS) is not even read; any other is hashed, and
    skipped if its SHA-256 is the stored document_id. `reparse` parses every file again.
    """
    stored = {} if reparse else (stored or {})
    to_parse: list[Path] = []
    settled: list[DocumentResult] = []
    unchanged: list[StoredDocument] = []
    modified: dict[str, int | None] = {}
    not_read: set[str] = set()
    digests: dict[str, str] = {}
    first_with: dict[str, str] = {}
    now = time.time_ns()
    for path in files:
        source = source_of(path)

        def failed(kind: str, reason: str, size: int = 0, path=path, source=source) -> None:
            result = failed_result(path, reason, document_id=path_id(kind, source), size_bytes=size)
            known = stored.get(source)
            if known is not None and (known.document_id, known.error) == (result.document_id, result.error):
                unchanged.append(known)  # the same failure, stored already
            else:
                settled.append(result)

        trouble = link_trouble(path)
        if trouble is not None:
            failed("link", trouble)
            continue
        try:
            info = path.stat()
        except OSError as error:
            failed("unreadable", f"cannot read file ({error.strerror or error})")
            continue
        if not stat.S_ISREG(info.st_mode):
            failed("special", f"not a regular file ({_file_kind(info.st_mode)}), not read")
            continue
        if info.st_size == 0:
            failed("empty", "the file is empty")
            continue
        modified[source] = info.st_mtime_ns if now - info.st_mtime_ns > TRUSTED_AGE_NS else None
        known = stored.get(source)
        if known is not None and known.parser_version != version:
            known = None
        if (
            known is not None
            and known.content_sha256
            and known.file_modified_ns is not None
            and (known.size_bytes, known.file_modified_ns) == (info.st_size, info.st_mtime_ns)
        ):
            digest = known.content_sha256
            not_read.add(source)
        else:
            try:
                with path.open("rb") as handle:
                    digest = hashlib.file_digest(handle, "sha256").hexdigest()
            except OSError as error:
                failed("unreadable", f"cannot read file ({error.strerror or error})", info.st_size)
                continue
        if digest in first_with:
            copy_id = path_id(digest, source)
            if known is not None and (known.document_id, known.copy_of_document_id) == (copy_id, first_with[digest]):
                unchanged.append(known)
                continue
            settled.append(
                DocumentResult(
                    document_id=copy_id,
                    file_name=path.name,
                    source_path=source,
                    size_bytes=info.st_size,
                    format=None,
                    status="copy",
                    copy_of=first_with[digest],
                    content_sha256=digest,
                )
            )
            continue
        first_with[digest] = digest
        if known is not None and known.document_id == digest:
            unchanged.append(known)
        else:
            to_parse.append(path)
            digests[source] = digest
    return Plan(
        to_parse=to_parse,
        settled=settled,
        unchanged=unchanged,
        modified_ns=modified,
        digests=digests,
        not_read=sum(1 for known in unchanged if known.source_path in not_read),
    )


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def failed_result(path: Path, reason: str, document_id: str | None = None, size_bytes: int = 0) -> DocumentResult:
    """A failed result for a file, identified by its bytes where they can be read (or the id given)."""
    source = source_of(path)
    content = None
    if document_id is None:
        try:
            data = path.read_bytes()
            document_id = content = hashlib.sha256(data).hexdigest()
            size_bytes = len(data)
        except OSError:
            document_id = path_id("unreadable", source)
    return DocumentResult(
        document_id=document_id,
        file_name=path.name,
        source_path=source,
        size_bytes=size_bytes,
        format=None,
        status="failed",
        error=f"{path.name}: {reason}",
        content_sha256=content,
    )
