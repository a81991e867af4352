"""Documents on a contact (R-REC-1, R-INT-5, R-ACC-1): checked by content and size, stored through
Django's storage, listed with who added them, and every download audited."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import AgencyCheck
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.documents import filetypes
from frontdoor.documents.models import ContactDocument
from frontdoor.documents.services import document_attach

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
EML = (
    b"From: Police <mash@police.example>\r\nTo: mash@council.example\r\nSubject: PPN\r\n"
    b"Date: Mon, 30 Nov 2026 10:00:00 +0000\r\n\r\nNotification.\r\n"
)
OLE = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504


def docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def plain_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("notes.txt", "x")
    return buf.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Path:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FRONTDOOR_DOCUMENT_MAX_BYTES = 1024 * 1024
    return settings.MEDIA_ROOT


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF, filetypes.PDF),
        (PNG, filetypes.PNG),
        (JPEG, filetypes.JPEG),
        (EML, filetypes.EML),
        (docx(), filetypes.DOCX),
        (OLE + "WordDocument".encode("utf-16-le"), filetypes.DOC),
        (OLE + "__substg1.0_0037001F".encode("utf-16-le"), filetypes.MSG),
        (OLE + "Workbook".encode("utf-16-le"), None),
        (plain_zip(), None),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),
        (b"From the desk of the head teacher: not an email.", None),
        (b"<html><script>alert(1)</script></html>", None),
    ],
)
def test_r_rec_1_a_document_is_what_its_bytes_say(content: bytes, expected: filetypes.FileType | None) -> None:
    assert filetypes.identify(io.BytesIO(content)) == expected


def test_r_rec_1_a_document_is_stored_and_listed_with_who_added_it(record, officer, client, media) -> None:  # noqa: ANN001
    contact = record()
    document = document_attach(
        contact=contact,
        by=officer,
        kind="referral_form",
        upload=SimpleUploadedFile("C:\\Users\\sam\\referral form.PDF", PDF, content_type="text/plain"),
    )
    assert (document.name, document.content_type, document.size) == ("referral form.PDF", "application/pdf", len(PDF))
    stored = Path(document.file.path)
    assert stored.is_relative_to(media)
    assert stored.read_bytes() == PDF
    assert "referral" not in stored.name  # the sender's name is never part of the stored path
    assert AuditEvent.objects.filter(action="contact.document_attached", object_id=str(contact.pk)).count() == 1

    client.force_login(officer)
    page = client.get(reverse("contacts:detail", args=[contact.reference])).content.decode()
    assert "referral form.PDF" in page
    assert "Referral form" in page
    assert officer.display_name in page


def test_r_rec_1_a_file_named_as_something_else_is_named_as_what_it_is(record, officer) -> None:  # noqa: ANN001
    document = document_attach(contact=record(), by=officer, kind="other", upload=SimpleUploadedFile("photo.pdf", PNG))
    assert (document.name, document.content_type) == ("photo.png", "image/png")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "Select a file"),
        (SimpleUploadedFile("empty.pdf", b""), "The selected file is empty"),
        (SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024)), "The selected file must be smaller than 1 MB"),
        (SimpleUploadedFile("run.exe", b"MZ\x90\x00" + b"\0" * 64), "The selected file must be a PDF, a Word"),
        (SimpleUploadedFile("notes.docx", plain_zip()), "The selected file must be a PDF, a Word"),
    ],
)
def test_r_rec_1_a_missing_empty_too_big_or_other_file_is_refused(record, officer, upload, message) -> None:  # noqa: ANN001
    with pytest.raises(ServiceError, match=message) as caught:
        document_attach(contact=record(), by=officer, kind="other", upload=upload)
    assert caught.value.field == "file"
    assert not ContactDocument.objects.exists()


def test_r_rec_1_only_front_door_workers_attach(record, make_user) -> None:  # noqa: ANN001
    partner = make_user(Role.MASH_PARTNER, agency="police")
    with pytest.raises(PermissionDenied):
        document_attach(contact=record(), by=partner, kind="other", upload=SimpleUploadedFile("a.pdf", PDF))


def test_r_int_5_attaching_a_dash_marks_the_dash_attached(record, officer) -> None:  # noqa: ANN001
    contact = record(channel="police_notification", domestic_abuse=True)
    assert contact.dash_missing
    document_attach(contact=contact, by=officer, kind="dash", upload=SimpleUploadedFile("dash.pdf", PDF))
    contact.refresh_from_db()
    assert contact.dash_attached
    assert not contact.dash_missing
    event = AuditEvent.objects.get(action="contact.document_attached")
    assert event.detail["dash_marked_attached"] is True


def test_r_acc_1_each_download_goes_through_access_and_is_audited(record, officer, make_user, client) -> None:  # noqa: ANN001
    contact = record()
    document = document_attach(
        contact=contact, by=officer, kind="police_notification", upload=SimpleUploadedFile("ppn.eml", EML)
    )
    url = reverse("documents:download", args=[contact.reference, document.pk])
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == EML
    assert response["Content-Type"] == "message/rfc822"
    assert 'attachment; filename="ppn.eml"' in response["Content-Disposition"]
    client.get(url)
    downloads = AuditEvent.objects.filter(action="contact.document_downloaded", object_id=str(contact.pk))
    assert downloads.count() == 2
    assert downloads.first().actor == officer

    # A partner agency with a check on the contact still cannot take the documents (R-ROUTE-3).
    partner = make_user(Role.MASH_PARTNER, agency="police")
    AgencyCheck.objects.create(contact=contact, agency="police", due_at=timezone.now())
    client.force_login(partner)
    assert client.get(reverse("contacts:detail", args=[contact.reference])).status_code == 404
    assert client.get(url).status_code == 404
    other = record()
    client.force_login(officer)
    assert client.get(reverse("documents:download", args=[other.reference, document.pk])).status_code == 404


def test_r_rec_1_a_refused_file_keeps_the_rest_of_the_form(record, officer, client) -> None:  # noqa: ANN001
    contact = record()
    client.force_login(officer)
    response = client.post(
        reverse("documents:new", args=[contact.reference]),
        {"kind": "dash", "description": "From the police", "file": SimpleUploadedFile("x.txt", b"just text")},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The selected file must be a PDF" in page
    assert 'id="id_file-error"' in page
    assert 'value="From the police"' in page
    assert 'value="dash" checked' in page
    assert not ContactDocument.objects.exists()
