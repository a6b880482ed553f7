"""Why a CalDAV server refused a write, told from the DAV:error bodies servers send."""

from __future__ import annotations

from collections import Counter

import pytest

from empower_desktop.sync.targets.refusals import Refusal, known_causes, preconditions_of, refusal

CALDAV_NS = "urn:ietf:params:xml:ns:caldav"


def error_body(*elements: str, extra_ns: str = "") -> bytes:
    """A DAV:error body as servers send it, holding *elements* (written with the D: and C: prefixes)."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<D:error xmlns:D="DAV:" xmlns:C="{CALDAV_NS}"{extra_ns}>' + "".join(elements) + "</D:error>"
    ).encode()


def refused(status: int, body: bytes, doing: str = "") -> Refusal:
    return refusal(status, preconditions_of(body), doing)


# -- CalDAV (RFC 4791) -----------------------------------------------------------------------------


def test_a_uid_taken_elsewhere_on_the_account_says_to_remove_the_old_copy() -> None:
    body = error_body("<C:no-uid-conflict><D:href>/cal/other/abc.ics</D:href></C:no-uid-conflict>")

    found = refused(409, body, "creating /cal/work/abc.ics")

    assert found.cause == "no-uid-conflict"
    assert "UID" in found.meaning
    assert "another calendar" in found.advice and "sync again" in found.advice


def test_a_calendar_for_tasks_only_says_to_choose_another_calendar() -> None:
    found = refused(403, error_body("<C:supported-calendar-component/>"))

    assert found.cause == "supported-calendar-component"
    assert "does not take events" in found.meaning
    assert found.advice.startswith("Choose a calendar")


@pytest.mark.parametrize(
    ("element", "cause", "advice"),
    [
        ("supported-calendar-data", "supported-calendar-data", "Choose a calendar"),
        ("valid-calendar-data", "valid-calendar-data", "report it"),
        ("valid-calendar-object-resource", "valid-calendar-object-resource", "report it"),
        ("calendar-collection-location-ok", "calendar-collection-location-ok", "existing calendar"),
    ],
)
def test_calendar_data_and_location(element: str, cause: str, advice: str) -> None:
    found = refused(403, error_body(f"<C:{element}/>"))

    assert found.cause == cause
    assert advice in found.advice


@pytest.mark.parametrize(
    ("element", "cause", "meaning", "advice"),
    [
        ("max-resource-size", "max-resource-size", "large", "Shorten"),
        ("min-date-time", "min-date-time", "in the past", "later date"),
        ("max-date-time", "max-date-time", "in the future", "earlier date"),
        ("max-instances", "max-instances", "occurrences", "end date"),
        ("max-attendees-per-instance", "max-attendees-per-instance", "participants", "Remove some participants"),
    ],
)
def test_the_limits_a_calendar_sets(element: str, cause: str, meaning: str, advice: str) -> None:
    found = refused(403, error_body(f"<C:{element}/>"))

    assert found.cause == cause
    assert meaning in found.meaning
    assert advice in found.advice


def test_a_server_that_answers_413_with_the_precondition_says_the_same() -> None:
    assert refused(413, error_body("<C:max-resource-size/>")) == refused(403, error_body("<C:max-resource-size/>"))


# -- scheduling (RFC 6638) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("element", "advice"),
    [
        ("unique-scheduling-object-resource", "Delete the other copy"),
        ("same-organizer-in-all-components", "one organizer"),
        ("allowed-organizer-scheduling-object-change", "Undo the change"),
        ("allowed-attendee-scheduling-object-change", "Ask the organizer"),
        ("valid-scheduling-message", "e-mail addresses"),
        ("valid-organizer", "organizer"),
    ],
)
def test_scheduling_rules(element: str, advice: str) -> None:
    found = refused(403, error_body(f"<C:{element}/>"))

    assert found.cause == element
    assert advice in found.advice


# -- access, protected details, locks, storage (RFC 3744, RFC 4918, RFC 4331) --------------------


def test_no_write_rights_says_the_calendar_is_read_only_and_what_to_do() -> None:
    body = error_body(
        "<D:need-privileges><D:resource><D:href>/cal/shared/</D:href>"
        "<D:privilege><D:write-content/></D:privilege></D:resource></D:need-privileges>"
    )

    found = refused(403, body, "creating /cal/shared/a.ics")

    assert found.cause == "need-privileges"
    assert "add events to this calendar" in found.meaning and "read-only" in found.meaning
    assert "write access" in found.advice


def test_no_write_rights_names_the_kind_of_write_but_never_the_href() -> None:
    body = error_body("<D:need-privileges/>")

    deleting = refused(403, body, "deleting /cal/shared/a.ics")
    changing = refused(403, body, "changing /cal/shared/b.ics")

    assert "delete events" in deleting.meaning and "change events" in changing.meaning
    assert deleting.cause == changing.cause == "need-privileges"
    assert "/cal/" not in deleting.sentence() + changing.sentence()
    # Refusals of the same kind of write are equal whatever the href
    assert refused(403, body, "deleting /cal/shared/c.ics") == deleting


def test_the_misspelling_from_rfc_4791_means_the_same() -> None:
    assert refused(403, error_body("<D:needs-privilege/>")) == refused(403, error_body("<D:need-privileges/>"))


@pytest.mark.parametrize(
    ("status", "element", "meaning", "advice"),
    [
        (403, "cannot-modify-protected-property", "change this detail", "server's own app"),
        (423, "lock-token-submitted", "locked", "Wait"),
        (423, "no-conflicting-lock", "locked", "Wait"),
        (507, "quota-not-exceeded", "storage space", "more space"),
        (507, "sufficient-disk-space", "disk is full", "Try again later"),
        (403, "no-external-entities", "unsafe", "report it"),
        (403, "valid-sync-token", "last sync", "Sync again"),
        (409, "resource-must-be-null", "already exists", "Sync again"),
    ],
)
def test_the_calendar_the_account_and_the_request(status: int, element: str, meaning: str, advice: str) -> None:
    found = refused(status, error_body(f"<D:{element}/>"))

    assert found.cause == element
    assert meaning in found.meaning
    assert advice in found.advice


# -- several, unknown and vendor preconditions -----------------------------------------------------


def test_of_several_preconditions_the_most_specific_wins() -> None:
    # A generic "not valid" beside the rule that was actually broken, in either order
    body = error_body("<C:valid-calendar-object-resource/>", "<C:max-instances/>")
    assert refused(403, body).cause == "max-instances"
    body = error_body("<C:max-attendees-per-instance/>", "<C:valid-calendar-data/>")
    assert refused(403, body).cause == "max-attendees-per-instance"
    # A known precondition wins over one the app does not know, wherever it stands
    body = error_body("<X:frobnicated/>", "<C:no-uid-conflict/>", extra_ns=' xmlns:X="http://example.com/ns"')
    assert refused(409, body).cause == "no-uid-conflict"


def test_the_order_puts_what_the_events_break_before_the_calendar_and_the_request() -> None:
    order = known_causes()

    assert order.index("supported-calendar-component") < order.index("no-uid-conflict")
    assert order.index("no-uid-conflict") < order.index("valid-calendar-data")
    assert order.index("valid-calendar-data") < order.index("need-privileges")
    assert order.index("need-privileges") < order.index("valid-sync-token")


def test_an_unknown_precondition_is_named_readably_with_advice_to_ask_the_administrator() -> None:
    found = refused(403, error_body("<C:frobnicate-the-calendar/>"))

    assert found.cause == "frobnicate-the-calendar"
    assert found.meaning == "the server's rule “frobnicate-the-calendar” was not met"
    assert "administrator" in found.advice
    assert "{" not in found.sentence() and "urn:" not in found.sentence()


def test_a_vendor_precondition_uses_its_local_name() -> None:
    body = error_body("<CS:max-resources/>", extra_ns=' xmlns:CS="http://calendarserver.org/ns/"')

    found = refused(403, body)

    assert found.cause == "max-resources"
    assert "“max-resources”" in found.meaning and "http://" not in found.meaning


def test_a_standard_name_in_a_vendor_namespace_is_understood() -> None:
    body = error_body("<V:max-resource-size/>", extra_ns=' xmlns:V="http://example.com/ns"')

    assert refused(403, body).cause == "max-resource-size"


def test_prefixed_names_are_understood_too() -> None:
    assert refusal(403, ["DAV:need-privileges"]).cause == "need-privileges"
    assert refusal(403, ["CALDAV:no-uid-conflict"]).cause == "no-uid-conflict"


def test_descriptions_beside_the_precondition_are_not_taken_for_one() -> None:
    # Xandikos and Cyrus add a DAV:responsedescription
    body = error_body("<C:no-uid-conflict/>", "<D:responsedescription>UID already in use</D:responsedescription>")
    assert preconditions_of(body) == [f"{{{CALDAV_NS}}}no-uid-conflict"]
    assert refused(412, body).cause == "no-uid-conflict"
    # The caller may pass what it extracted itself, description included
    assert refusal(403, ["{DAV:}responsedescription"]).cause == "http-403"


def test_sabredav_exception_details_are_not_preconditions() -> None:
    sabre = ' xmlns:s="http://sabredav.org/ns"'
    details = (
        "<s:sabredav-version>4.6.0</s:sabredav-version>"
        "<s:exception>Sabre\\DAV\\Exception\\Forbidden</s:exception>"
        "<s:message>Permission denied to write-content</s:message>"
    )

    assert refused(403, error_body(details, extra_ns=sabre)).cause == "http-403"
    body = error_body(details, "<D:need-privileges/>", extra_ns=sabre)
    assert refused(403, body).cause == "need-privileges"
    assert "Sabre" not in refused(403, body).sentence()


# -- bodies that say nothing, and the status alone -------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<D:error xmlns:D='DAV:'><D:need-privileges>",  # cut off
        b"Forbidden",  # plain text
        b"<html><body><h1>403 Forbidden</h1></body></html>",
        b"<?xml version='1.0'?><D:multistatus xmlns:D='DAV:'/>",  # XML, but no DAV:error
        b"<?xml version='1.0'?><D:error xmlns:D='DAV:'/>",  # a DAV:error naming nothing
        b'<?xml version="1.0"?><!DOCTYPE e [<!ENTITY a "aaaa">]>'
        b"<D:error xmlns:D='DAV:'><D:need-privileges>&a;</D:need-privileges></D:error>",
        b"\xff\xfe\x00garbage",
    ],
)
def test_a_body_that_names_no_precondition_leaves_the_status_to_speak(body: bytes) -> None:
    assert preconditions_of(body) == []
    assert refused(403, body).cause == "http-403"


def test_a_missing_body_names_no_precondition() -> None:
    assert preconditions_of(None) == []


def test_a_body_given_as_text_is_read_too() -> None:
    text = error_body("<C:no-uid-conflict/>").decode()

    assert refusal(409, preconditions_of(text)).cause == "no-uid-conflict"


@pytest.mark.parametrize(
    ("status", "meaning", "advice"),
    [
        (403, "read-only or belong to someone else", "write access"),
        (405, "does not allow", "points at a calendar"),
        (409, "conflict", "Sync again"),
        (412, "changed on the server", "Sync again"),
        (413, "large", "Shorten"),
        (415, "does not take calendar data", "points at a calendar"),
        (423, "locked", "Wait"),
        (507, "storage", "more space"),
    ],
)
def test_the_status_alone(status: int, meaning: str, advice: str) -> None:
    found = refusal(status, [])

    assert found.cause == f"http-{status}"
    assert meaning in found.meaning and f"(HTTP {status})" in found.meaning
    assert advice in found.advice


def test_405_names_the_kind_of_write() -> None:
    assert "deleting events" in refusal(405, [], "deleting /cal/a.ics").meaning
    assert "adding events" in refusal(405, [], "creating /cal/a.ics").meaning


@pytest.mark.parametrize(("status", "advice"), [(500, "Try again later"), (418, "administrator")])
def test_a_status_with_nothing_to_say_still_gives_advice(status: int, advice: str) -> None:
    found = refusal(status, [])

    assert found.cause == f"http-{status}"
    assert advice in found.advice


# -- the sentence, and grouping ----------------------------------------------------------------------


def test_the_sentence_counts_events_in_singular_and_plural() -> None:
    found = refused(409, error_body("<C:no-uid-conflict/>"))

    assert found.sentence().startswith("1 event was refused: ")
    assert found.sentence(1) == found.sentence()
    assert found.sentence(70).startswith("70 events were refused: ")
    assert found.sentence(70).endswith(f"{found.meaning}. {found.advice}.")


def test_refusals_for_the_same_reason_are_equal_so_a_sync_reports_each_reason_once() -> None:
    bodies = [
        error_body(f"<C:no-uid-conflict><D:href>/cal/old/{n}.ics</D:href></C:no-uid-conflict>") for n in range(70)
    ]
    refusals = [refused(409, body, f"creating /cal/new/{n}.ics") for n, body in enumerate(bodies)]
    refusals.append(refusal(403, [], "creating /cal/new/x.ics"))

    counted = Counter(refusals)

    assert len(counted) == 2
    lines = [reason.sentence(count) for reason, count in counted.items()]
    assert lines[0].startswith("70 events were refused: another event")
    assert lines[1].startswith("1 event was refused: ")
    assert {r.cause for r in refusals} == {"no-uid-conflict", "http-403"}


def everything() -> list[Refusal]:
    statuses = [400, 401, 403, 404, 405, 409, 410, 412, 413, 415, 418, 423, 429, 500, 503, 507]
    doings = ["", "creating /a.ics", "changing /a.ics", "deleting /a.ics"]
    found = [refusal(403, ["{DAV:}" + cause], doing) for cause in known_causes() for doing in doings]
    found += [refusal(status, [], doing) for status in statuses for doing in doings]
    found.append(refusal(403, ["{http://example.com/ns}some-vendor-rule"]))
    return found


def test_every_cause_is_worded_alike_and_briefly() -> None:
    for found in everything():
        assert found.meaning[0].islower() and not found.meaning.endswith("."), found
        assert found.advice[0].isupper() and not found.advice.endswith("."), found
        assert len(found.meaning) <= 90, found
        assert len(found.advice) <= 110, found
        if not found.cause.startswith("http-"):
            assert "HTTP" not in found.meaning, found
        for jargon in ("Exception", "Error", "precondition", "{", "}"):
            assert jargon not in found.sentence(2), found


def test_every_known_precondition_has_its_own_cause_key() -> None:
    causes = known_causes()

    assert len(set(causes)) == len(causes)
    assert all(refusal(403, ["{DAV:}" + cause]).cause == cause for cause in causes)
