"""Reads for documents: which a user may see on a contact they can already see."""

from django.db.models import QuerySet
from django.http import Http404

from frontdoor.access.policy import Can, can, can_authorise
from frontdoor.accounts.models import User
from frontdoor.contacts.models import Contact

from .models import ContactDocument


def documents_readable_by(user: User) -> bool:
    """The front door's own workers and managers. Partner agencies see a contact through their
    check only: a referral form names its referrer, whom R-CON-8 keeps from other agencies."""
    return can(user, Can.SCREEN_CONTACT) or can_authorise(user)


def contact_documents(*, user: User, contact: Contact) -> QuerySet[ContactDocument]:
    """The documents on `contact`, fetched through access_contact by the caller."""
    if not documents_readable_by(user):
        return ContactDocument.objects.none()
    return contact.documents.select_related("created_by")


def access_document(*, user: User, contact: Contact, document_id: int) -> ContactDocument:
    try:
        return contact_documents(user=user, contact=contact).get(pk=document_id)
    except ContactDocument.DoesNotExist:
        raise Http404("No such document.") from None
