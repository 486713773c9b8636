"""The canonical form of an interchange document, and its hash, for sign-off evidence."""

import hashlib
import json


def canonical_json(doc: object) -> bytes:
    """Return the bytes that identify a document: sorted keys, no spaces, UTF-8 (for hashing)."""
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def sha256_of(doc: object) -> str:
    """Return the SHA-256, in hex, of the document's canonical JSON."""
    return hashlib.sha256(canonical_json(doc)).hexdigest()
