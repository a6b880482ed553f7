"""Contacts to and from vCard files (3.0 and 4.0, as phones and mail programs export them), with
vobject, the library Radicale uses; no hand-written parser.

Reading gives one candidate per card: the contact it would become, whether it duplicates one
already in the app (the same email, or the same name and organisation), or why it cannot be one.
The import adds the candidates the person keeps; nothing is written when the file cannot be read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain import Contact, DomainError
from ..errors import ActionableError, os_error_text

MAX_BYTES = 20 * 1024 * 1024  # a whole address book with photos fits; anything larger is no vCard file


class VCardError(ActionableError):
    """The file cannot be read as vCards; the message says why. Nothing was imported."""


@dataclass(frozen=True)
class CardCandidate:
    contact: Contact | None  # None: the card cannot be a contact (see `problem`)
    name: str
    duplicate_of: str = ""  # the name of the contact it duplicates, if any
    problem: str = ""


def read_cards(path: Path, existing: list[Contact]) -> list[CardCandidate]:
    import vobject

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise VCardError(f"{path.name} is {size / 1e6:.0f} MB: too large for a vCard file (at most 20 MB).")
        data = path.read_bytes()
    except OSError as exc:
        raise VCardError(f"The vCard file could not be read. {os_error_text(exc, path)}") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        text = data.decode("utf-8-sig", errors="replace")
    if "BEGIN:VCARD" not in text.upper():
        raise VCardError(f"{path.name} is not a vCard file: it holds no BEGIN:VCARD. Export the contacts as .vcf.")
    try:
        cards = list(vobject.readComponents(text, ignoreUnreadable=True))
    except Exception as exc:
        raise VCardError(f"{path.name} is damaged and cannot be read to the end; export it again.") from exc
    by_email = {c.email.casefold(): c.name for c in existing if c.email}
    by_name = {(c.name.casefold(), c.organisation.casefold()): c.name for c in existing}
    found: list[CardCandidate] = []
    for card in cards:
        if getattr(card, "name", "").upper() != "VCARD":
            continue
        candidate = _candidate(card)
        if candidate.contact is not None:
            contact = candidate.contact
            twin = by_email.get(contact.email.casefold()) if contact.email else None
            twin = twin or by_name.get((contact.name.casefold(), contact.organisation.casefold()))
            if twin:
                candidate = CardCandidate(contact, candidate.name, duplicate_of=twin)
            else:
                if contact.email:
                    by_email[contact.email.casefold()] = contact.name
                by_name[(contact.name.casefold(), contact.organisation.casefold())] = contact.name
        found.append(candidate)
    if not found:
        raise VCardError(f"{path.name} holds no contact card.")
    return found


def cards_to_add(cards: list[CardCandidate], *, duplicates: bool) -> list[CardCandidate]:
    """The cards an import adds: every one that can be a contact, duplicates only if asked."""
    return [c for c in cards if c.contact is not None and (duplicates or not c.duplicate_of)]


def _value(card: Any, name: str) -> str:
    item = getattr(card, name, None)
    value = getattr(item, "value", "") if item is not None else ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return str(value).strip()


def _candidate(card: Any) -> CardCandidate:
    name = _value(card, "fn")
    if not name and hasattr(card, "n"):
        n = card.n.value
        name = " ".join(p for p in (getattr(n, "given", ""), getattr(n, "family", "")) if p).strip()
    organisation = ""
    if hasattr(card, "org"):
        org = card.org.value
        organisation = (org[0] if isinstance(org, list) and org else str(org)).strip()
    emails = [str(e.value).strip() for e in card.contents.get("email", [])]
    phones = [str(t.value).strip().removeprefix("tel:") for t in card.contents.get("tel", [])]
    links = [str(u.value).strip() for u in card.contents.get("url", [])]
    notes = _value(card, "note")
    if len(phones) > 1:  # the app keeps one number; the others stay in the notes
        notes = "\n".join(filter(None, [notes, "Other numbers: " + ", ".join(phones[1:])]))
    try:
        contact = Contact(
            name=name,
            organisation=organisation,
            role=_value(card, "title"),
            email=emails[0] if emails else "",
            phone=(phones[0] if phones else "")[:60],
            link=links[0] if links else "",
            notes=notes,
        )
    except DomainError as exc:
        return CardCandidate(None, name or "(no name)", problem=str(exc))
    return CardCandidate(contact, name)


def write_cards(path: Path, contacts: list[Contact]) -> int:
    """Write the contacts as vCard 3.0, atomically; returns how many."""
    import os
    import tempfile

    import vobject

    parts = []
    for contact in contacts:
        card = vobject.vCard()
        card.add("fn").value = contact.name
        given, _, family = contact.name.rpartition(" ")
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if contact.organisation:
            card.add("org").value = [contact.organisation]
        if contact.role:
            card.add("title").value = contact.role
        if contact.email:
            email = card.add("email")
            email.value = contact.email
            email.type_param = "INTERNET"
        if contact.phone:
            card.add("tel").value = contact.phone
        if contact.link:
            card.add("url").value = contact.link
        if contact.notes:
            card.add("note").value = contact.notes
        parts.append(card.serialize())
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write("".join(parts))
        os.replace(tmp, path)
    except OSError as exc:
        raise VCardError(f"The vCard file could not be written. {os_error_text(exc, path)}") from exc
    return len(parts)
