"""What a file really is, from its bytes, whatever its name says (see docs/adr/0008).

puremagic names the format from its signature; two containers need a look inside, which it
does not take: a ZIP is a Word document only with `word/document.xml`, and an OLE compound file
is a Word 97-2003 document or an Outlook message according to the streams it holds.
"""

import email.parser
import email.policy
import io
import re
import zipfile
from dataclasses import dataclass
from typing import IO

import puremagic
from django.core.files import File


@dataclass(frozen=True)
class FileType:
    extensions: tuple[str, ...]
    content_type: str
    label: str


PDF = FileType((".pdf",), "application/pdf", "PDF")
DOC = FileType((".doc",), "application/msword", "Word document")
DOCX = FileType((".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document")
JPEG = FileType((".jpg", ".jpeg"), "image/jpeg", "JPEG image")
PNG = FileType((".png",), "image/png", "PNG image")
GIF = FileType((".gif",), "image/gif", "GIF image")
TIFF = FileType((".tif", ".tiff"), "image/tiff", "TIFF image")
EML = FileType((".eml",), "message/rfc822", "email")
MSG = FileType((".msg",), "application/vnd.ms-outlook", "Outlook email")

# What puremagic calls each accepted signature (it offers every extension sharing one).
_BY_SIGNATURE = {".pdf": PDF, ".png": PNG, ".gif": GIF, ".tiff": TIFF, ".tif": TIFF, ".jpg": JPEG, ".jfif": JPEG}
ALLOWED_DESCRIPTION = "a PDF, a Word document, an image (JPEG, PNG, GIF or TIFF) or an email (.eml or .msg)"

_OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_OUTLOOK_STREAM = "__substg1.0_".encode("utf-16-le")
_HEADER_LINE = re.compile(rb"^[\x21-\x39\x3b-\x7e]+:")
_SNIFF_BYTES = 64 * 1024


def _signatures(head: bytes) -> set[str]:
    try:
        return {m.extension for m in puremagic.magic_string(head)}
    except puremagic.PureError:
        return set()


def _is_docx(stream: IO[bytes]) -> bool:
    try:
        with zipfile.ZipFile(stream) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _ole_kind(data: bytes) -> FileType | None:
    # Stream names live in the compound file's directory, in UTF-16; Word's main stream and
    # Outlook's property streams have names no other format uses.
    if _WORD_STREAM in data:
        return DOC
    if _OUTLOOK_STREAM in data:
        return MSG
    return None


def _is_email(head: bytes) -> bool:
    """An RFC 5322 message: a block of headers with a sender and a date, subject or route."""
    if not _HEADER_LINE.match(head):
        return False
    headers = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(head)
    names = {k.lower() for k in headers.keys()}
    return "from" in names and bool(names & {"date", "subject", "received", "message-id"})


def identify(stream: IO[bytes] | File) -> FileType | None:
    """The accepted type the bytes are, or None. Reads the stream (an upload of bounded size)."""
    stream.seek(0)
    head = stream.read(_SNIFF_BYTES)
    signatures = _signatures(head)
    found = next((kind for ext, kind in _BY_SIGNATURE.items() if ext in signatures), None)
    if found is None and ".docx" in signatures:
        stream.seek(0)
        found = DOCX if _is_docx(io.BytesIO(stream.read())) else None
    if found is None and head.startswith(_OLE_SIGNATURE):
        stream.seek(0)
        found = _ole_kind(stream.read())
    if found is None and _is_email(head):
        found = EML
    stream.seek(0)
    return found
