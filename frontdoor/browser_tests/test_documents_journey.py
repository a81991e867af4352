"""In Chromium: a duty worker attaches a referral form to a contact, a wrong file is refused with
the reason and the rest of the form kept, and the document downloads with the same bytes.
Every page is checked with axe-core."""

from pathlib import Path

import pytest

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def test_r_rec_1_a_document_is_attached_refused_and_downloaded(
    page, live_server, officer, record, settings, tmp_path
) -> None:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path / "media"
    officer.set_password(PASSWORD)
    officer.save()
    contact = record()
    base = live_server.url
    sign_in(page, base, officer.username, PASSWORD)
    page.goto(f"{base}/contacts/{contact.reference}/")
    assert "No documents attached." in page.content()
    assert axe_violations(page) == []

    page.click("a:has-text('Attach a document')")
    assert axe_violations(page) == []
    page.check("input[name='kind'][value='referral_form']")
    page.fill("#id_description", "Referral form from Oak School")
    page.set_input_files("#id_file", files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"plain text"}])
    page.click("button:has-text('Attach document')")
    page.wait_for_selector("text=There is a problem")
    assert "The selected file must be a PDF" in page.locator("#id_file-error").inner_text()
    assert page.input_value("#id_description") == "Referral form from Oak School"
    assert page.is_checked("input[name='kind'][value='referral_form']")
    assert axe_violations(page) == []

    page.set_input_files("#id_file", files=[{"name": "referral.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.click("button:has-text('Attach document')")
    page.wait_for_selector("text=Document attached")
    row = page.locator("tr", has_text="referral.pdf")
    assert "Referral form" in row.inner_text()
    assert officer.display_name in row.inner_text()
    assert axe_violations(page) == []

    with page.expect_download() as caught:
        page.click("a:has-text('referral.pdf')")
    download = caught.value
    assert download.suggested_filename == "referral.pdf"
    assert Path(download.path()).read_bytes() == PDF
