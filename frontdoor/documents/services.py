"""Writes for documents: attach one to a contact, and record each download."""

import hashlib
from pathlib import PurePath

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from frontdoor.access.permissions import service
from frontdoor.accounts.models import User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.contacts.models import Contact
from frontdoor.core.errors import ServiceError

from .filetypes import ALLOWED_DESCRIPTION, FileType, identify
from .models import ContactDocument, DocumentKind


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def _check_upload(upload: UploadedFile | None) -> tuple[UploadedFile, FileType]:
    """Refuse a missing, empty, too big or unaccepted file, with a reason the sender can act on."""
    if upload is None:
        raise ServiceError("Select a file", field="file")
    limit = settings.FRONTDOOR_DOCUMENT_MAX_BYTES
    if not upload.size:
        raise ServiceError("The selected file is empty", field="file")
    if upload.size > limit:
        raise ServiceError(f"The selected file must be smaller than {_megabytes(limit)}", field="file")
    found = identify(upload)
    if found is None:
        raise ServiceError(f"The selected file must be {ALLOWED_DESCRIPTION}", field="file")
    return upload, found


def _file_name(name: str, found: FileType) -> str:
    """The sender's name without any folder, ending as what it really is."""
    path = PurePath(name.replace("\\", "/")).name.strip() or "document"
    stem, suffix = PurePath(path).stem, PurePath(path).suffix.lower()
    return (path if suffix in found.extensions else f"{stem}{found.extensions[0]}")[-200:]


def _sha256(stream: UploadedFile) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


@service
def document_attach(
    *, contact: Contact, by: User, kind: str, upload: UploadedFile | None, description: str = ""
) -> ContactDocument:
    """Attach a document to a contact; a DASH marks the contact's DASH as attached (R-INT-5)."""
    if kind not in DocumentKind.values:
        raise ServiceError("Select what kind of document this is", field="kind")
    upload, found = _check_upload(upload)
    with transaction.atomic():
        contact = Contact.objects.select_for_update().get(pk=contact.pk)
        document = ContactDocument(
            contact=contact,
            kind=kind,
            name=_file_name(upload.name or "", found),
            content_type=found.content_type,
            size=upload.size or 0,
            sha256=_sha256(upload),
            description=description.strip(),
            created_by=by,
            updated_by=by,
        )
        document.file.save(document.name, upload, save=False)
        try:
            document.full_clean()
            document.save()
            dash_marked = kind == DocumentKind.DASH and not contact.dash_attached
            if dash_marked:
                contact.dash_attached = True
                contact.version += 1
                contact.updated_by = by
                contact.full_clean()
                contact.save()
            audit_record(
                actor=by,
                action=AuditAction.CONTACT_DOCUMENT_ATTACHED,
                obj=contact,
                detail={
                    "document": document.pk,
                    "kind": kind,
                    "name": document.name,
                    "size": document.size,
                    "sha256": document.sha256,
                    "dash_marked_attached": dash_marked,
                },
            )
        except Exception:
            document.file.delete(save=False)  # the row is rolled back: leave no file behind
            raise
    return document


@service
@transaction.atomic
def document_download_record(*, document: ContactDocument, by: User) -> File:
    """Open a document for download and record who took a copy (R-ACC-1)."""
    audit_record(
        actor=by,
        action=AuditAction.CONTACT_DOCUMENT_DOWNLOADED,
        obj=document.contact,
        detail={"document": document.pk, "name": document.name, "sha256": document.sha256},
    )
    return document.file.open("rb")
