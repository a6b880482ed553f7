"""Adding only the vCards a person chose from the preview: exactly those (a duplicate too, when
chosen), all or nothing, and never twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from empower_desktop.domain import Contact, DomainError
from empower_desktop.services import Services

SAMPLES = Path(__file__).parents[2] / "data" / "vcf"


def names(services: Services) -> list[str]:
    return sorted(c.name for c in services.store.contacts.all())


def test_only_the_chosen_cards_are_added(services: Services) -> None:
    services.network.save_contact(Contact(name="G. Hopper", email="grace@navy.example"))
    jurgen, grace = services.network.preview_vcards(SAMPLES / "apple_3.0.vcf")
    assert grace.duplicate_of == "G. Hopper"
    added = services.network.add_cards([jurgen])
    assert [c.name for c in added] == ["Jürgen Müller"]
    assert names(services) == ["G. Hopper", "Jürgen Müller"]
    saved = services.store.contacts.get(added[0].id)
    assert (saved.organisation, saved.email) == ("Börse Stuttgart", "juergen.mueller@example.de")


def test_a_duplicate_the_person_chose_is_added_and_nothing_is_added_twice(services: Services) -> None:
    services.network.save_contact(Contact(name="G. Hopper", email="grace@navy.example"))
    cards = services.network.preview_vcards(SAMPLES / "apple_3.0.vcf")
    assert len(services.network.add_cards(cards)) == 2
    assert services.network.add_cards(cards) == []  # the same choice again
    assert services.network.add_cards([cards[0], cards[0]]) == []
    assert names(services) == ["G. Hopper", "Grace Hopper", "Jürgen Müller"]


def test_cards_that_cannot_be_a_contact_are_passed_over(services: Services) -> None:
    cards = services.network.preview_vcards(SAMPLES / "nextcloud_4.0.vcf")
    assert [c.contact is None for c in cards] == [False, True, True]
    assert [c.name for c in services.network.add_cards(cards)] == ["Zoë Ōkubo"]
    assert services.network.add_cards([]) == []
    assert names(services) == ["Zoë Ōkubo"]


def test_one_refused_card_adds_none(services: Services) -> None:
    jurgen, grace = services.network.preview_vcards(SAMPLES / "apple_3.0.vcf")
    assert grace.contact is not None
    grace.contact.email = "grace at navy"  # changed after the preview: checked again on the way in
    with pytest.raises(DomainError, match="not an email address"):
        services.network.add_cards([jurgen, grace])
    assert services.store.contacts.count() == 0


def test_a_store_failure_halfway_leaves_nothing_half_saved(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    from empower_desktop.store.errors import DiskFullError

    cards = services.network.preview_vcards(SAMPLES / "apple_3.0.vcf")
    contacts = services.store.contacts
    real_add_many = contacts.add_many

    def add_then_fail(records: object) -> int:
        real_add_many(records)  # type: ignore[arg-type]
        raise DiskFullError("The disk is full; free some space and try again. Nothing was saved.")

    monkeypatch.setattr(contacts, "add_many", add_then_fail)
    with pytest.raises(DiskFullError):
        services.network.add_cards(cards)
    monkeypatch.undo()
    assert services.store.contacts.count() == 0
