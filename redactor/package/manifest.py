"""``manifest.json``: every file of a package with its role, SHA-256, size and page count."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import pymupdf

from .. import __version__

FORMAT = "redactor-package/1"
MANIFEST = "manifest.json"
ROLES = ("public", "highlighted", "table", "log", "reference_list", "draft", "index")


@dataclass(frozen=True)
class FileEntry:
    path: str  # relative to the package folder
    role: str
    sha256: str
    bytes: int
    pages: int | None
    exhibit: str | None = None  # "Exhibit 1"
    part: str | None = None  # "2 of 3" when a document is split
    sealed: bool = False  # holds unredacted content or values: never file publicly
    action: str = ""  # what to do with it, from the court profile
    preflight: str = ""  # a public copy's e-filing pre-flight: "ready", or what fails

    @classmethod
    def of(cls, path: str, role: str, data: bytes, **kw: Any) -> FileEntry:
        return cls(
            path=path,
            role=role,
            sha256=sha256(data),
            bytes=len(data),
            pages=pdf_pages(path, data),
            **kw,
        )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pdf_pages(path: str, data: bytes) -> int | None:
    if not path.lower().endswith(".pdf"):
        return None
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return doc.page_count


def manifest_json(
    entries: list[FileEntry], *, court: str, in_camera: bool, warnings: list[str] | None = None
) -> bytes:
    body = {
        "format": FORMAT,
        "tool": {"name": "redactor", "version": __version__},
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "court": court,
        "in_camera": in_camera,
        "warnings": list(warnings or []),
        "files": [asdict(e) for e in entries],
    }
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def read_manifest(data: bytes) -> tuple[dict[str, Any], list[FileEntry]]:
    """The manifest's header and its entries; ValueError when it is not one."""
    body = json.loads(data.decode("utf-8"))
    if (
        not isinstance(body, dict)
        or body.get("format") != FORMAT
        or not isinstance(body.get("files"), list)
    ):
        raise ValueError(f"not a {FORMAT} manifest")
    entries = []
    for i, e in enumerate(body["files"]):
        if not isinstance(e, dict) or not {"path", "role", "sha256", "bytes"} <= e.keys():
            raise ValueError(f"files[{i}] is not a file entry")
        known = {k: e.get(k) for k in FileEntry.__dataclass_fields__}
        entries.append(FileEntry(**known))
    return body, entries
