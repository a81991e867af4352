"""R-CON-7: which addresses Front Door may email, and why a message is held instead."""

from email.utils import parseaddr

from frontdoor.procedures.loader import get_profile


def address_domain(address: str) -> str:
    """The domain of a plain address, lower case; "" when it is not an address."""
    _, plain = parseaddr(address)
    if plain != address.strip() or plain.count("@") != 1:
        return ""
    local, domain = plain.split("@")
    return domain.lower().rstrip(".") if local and "." in domain else ""


def is_secure_domain(domain: str) -> bool:
    """R-CON-7: one of the profile's `secure_mail_domains`, or a subdomain of one
    (Leeds.gcsx.gov.uk is within gcsx.gov.uk)."""
    domain = domain.lower()
    return any(domain == d.lower() or domain.endswith("." + d.lower()) for d in get_profile().secure_mail_domains)


def hold_reason(address: str, who: str = "") -> str:
    """Why a message to `address` may not be emailed, in plain words; "" when it may."""
    if not address.strip():
        name = who or "This person"
        return f"{name} has no email address in Front Door: send it another way"
    domain = address_domain(address)
    if not domain:
        return f"{address} is not a valid email address: send it another way"
    if not is_secure_domain(domain):
        return f"{domain} is not a secure address for this authority: send it another way"
    return ""
