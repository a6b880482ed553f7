"""Opening tab 3 (Network & Mentor) on 1,500 contacts and 3,000 interactions, against the same tab
on an empty data folder.

Both data folders are made here through the store (a fixed clock, as the tests use): the large
one with 1,500 contacts, 3,000 interactions, four tag rhythms, 20 mentorships and 100 mentor
meetings (half of them with an action item). The page is the app's own (its reads run on a
worker thread, as in the window) and is opened, alternating, on each folder; medians of the runs
are printed, with the ratio large/empty:

- the services' read: `contact_rows()` alone, and every section's `fetch` (together, what the
  page's worker runs once every sub-tab is built);
- the page built, shown, read and painted with "Reach out" in front; then each of the other
  sub-tabs brought to the front in turn until filled and painted (each is built and read when
  first shown); then the whole tab read again, as after any change to the network;
- on the large folder only, sorting the Contacts table by each column (against the same sort of
  a plain Qt model holding the same texts), and typing into the page's filter line (keystroke by
  keystroke, against the empty folder). Goal: the tab filled within 1 s, a sort and a keystroke
  within 100 ms.

    python benchmarks/network_tab.py [--runs N] [--contacts N] [--interactions N]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from pages import NOW, TZ, close, ms, open_folder, quiet_offscreen, show, timed, wait_for
from PySide6.QtCore import QSortFilterProxyModel, Qt, qInstallMessageHandler
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from empower_desktop.app import make_application
from empower_desktop.domain import Contact, Interaction, Meeting, Mentorship, ZonedDateTime
from empower_desktop.domain.network import ActionItem, InteractionKind, MeetingState, MentorRole, Relationship
from empower_desktop.services import Services
from empower_desktop.ui.step3.contacts import ContactsSection
from empower_desktop.ui.step3.page import NetworkPage
from empower_desktop.ui.widgets.table_model import SORT_ROLE
from empower_desktop.ui.workers import ThreadPoolRunner

TYPED = "north"  # typed into the filter line, one key at a time (an organisation, part of some notes)

FIRST = ["Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances", "Alan", "Radia"]
FIRST += ["Edsger", "Sophie", "Tim", "Hedy", "Guido", "Katherine", "Bjarne", "Anita", "Donald", "Shafi"]
LAST = ["Lovelace", "Hopper", "Torvalds", "Liskov", "Thompson", "Hamilton", "Ritchie", "Allen", "Kay", "Perlman"]
LAST += ["Dijkstra", "Wilson", "Berners-Lee", "Lamarr", "van Rossum", "Johnson", "Stroustrup", "Borg", "Knuth"]
ORGS = ["Northwind", "Initech", "Globex", "Umbrella Labs", "Hooli", "Stark Industries", "Wayne Tech", "Acme"]
ORGS += ["Cyberdyne", "Soylent", "Tyrell", "", "", "Freelance"]
ROLES = ["Staff engineer", "Engineering manager", "Recruiter", "CTO", "Product manager", "SRE", "Designer", ""]
TAGS = ["peer", "mentor", "recruiter", "alumni", "conference", "former team", "open source", "meetup"]
RHYTHMS = {"peer": 60, "mentor": 30, "recruiter": 120, "alumni": 180}
SUMMARIES = [
    "Coffee chat about platform teams",
    "Shared the talk draft for feedback",
    "Congratulated on the new role",
    "Asked about their promotion packet",
    "Intro to their team's SRE lead",
    "Met at the North meetup, talked about on-call",
    "",
]


def fill_network(services: Services, contacts: int, interactions: int, seed: int = 3) -> None:
    """The network of the large folder, in one transaction (repositories' add_many, rhythms through
    the services); the same data for the same seed."""
    rnd = random.Random(seed)
    today = services.today()
    store = services.store
    people = [
        Contact(
            name=f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
            + (f" ({i // (len(FIRST) * len(LAST)) + 1})" if i >= len(FIRST) * len(LAST) else ""),
            organisation=rnd.choice(ORGS),
            role=rnd.choice(ROLES),
            email=f"person{i}@example.org" if i % 3 else "",
            cadence_days=rnd.choice([None, None, None, 30, 45, 90, 180]),
            tags=rnd.sample(TAGS, k=rnd.choice([0, 1, 1, 2, 3])),
            notes=rnd.choice(["", "", "Knows everyone in the Northern data community", "Prefers email"]),
            relationship=rnd.choice(list(Relationship)),
            snoozed_until=today + timedelta(days=rnd.randint(1, 30)) if i % 20 == 0 else None,
            created=NOW - timedelta(days=rnd.randint(30, 900)),
        )
        for i in range(contacts)
    ]
    in_touch = people[: contacts * 4 // 5]  # a fifth were never contacted
    logged = []
    for _ in range(interactions):
        day = today - timedelta(days=rnd.randint(0, 720))
        logged.append(
            Interaction(
                contact_id=rnd.choice(in_touch).id,
                happened_on=day,
                kind=rnd.choice(list(InteractionKind)),
                summary=rnd.choice(SUMMARIES),
                follow_up=day + timedelta(days=14) if rnd.random() < 0.1 else None,
            )
        )
    ships = [
        Mentorship(
            contact_id=people[k * 7].id,
            role=rnd.choice(list(MentorRole)),
            focus=rnd.choice(["Path to staff engineer", "Negotiation and presence", "First year as a lead"]),
            started_on=today - timedelta(days=rnd.randint(60, 600)),
        )
        for k in range(20)
    ]
    meetings = []
    for k in range(100):
        ship = ships[k % len(ships)]
        day = today + timedelta(days=7 * (k // 4) - 560 + rnd.randint(0, 6))  # the last 80 weeks and 5 ahead
        start = ZonedDateTime.at(datetime(day.year, day.month, day.day, 12, 30), TZ)
        past = day < today
        meetings.append(
            Meeting(
                mentorship_id=ship.id,
                title=f"{ship.role.label} session: {ship.focus}",
                start=start,
                end=start + timedelta(minutes=45),
                location="Video call" if k % 2 else "Café Einstein",
                notes="Talked through the promotion packet." if past else "",
                action_items=[ActionItem(text="Send the draft", due=day + timedelta(days=7), done=k % 4 == 0)]
                if k % 2
                else [],
                state=(MeetingState.CANCELLED if k % 9 == 0 else MeetingState.HELD) if past else MeetingState.PLANNED,
            )
        )
    with store.db.transaction():
        store.contacts.add_many(people)
        store.interactions.add_many(logged)
        store.mentorships.add_many(ships)
        store.meetings.add_many(meetings)
        for tag, days in RHYTHMS.items():
            services.network.set_tag_rhythm(tag, days)


def open_tab(services: Services) -> tuple[dict[str, float], NetworkPage]:
    """Open the tab (Reach out in front), then each other sub-tab, then read it all again."""
    began = time.perf_counter()
    page = NetworkPage(services, ThreadPoolRunner())

    times = {page.SECTIONS[0].title: wait_for(page, show(page), began)}
    for index in range(1, len(page.SECTIONS)):
        times[page.SECTIONS[index].title] = wait_for(page, partial(page.section_tabs.setCurrentIndex, index))
    times["all again"] = wait_for(page, page.reload)
    return times, page


def service_reads(services: Services, page: NetworkPage, runs: int) -> dict[str, float]:
    reads = {"contact_rows()": timed(services.network.contact_rows, runs)}
    for section in page.sections:
        reads[f"{section.title} fetch"] = timed(section.fetch, runs)
    reads["the tab's read"] = timed(lambda: [section.fetch() for section in page.sections], runs)
    return reads


def sort_times(page: NetworkPage, runs: int) -> list[tuple[str, float, float]]:
    """Per column of the Contacts table: the median sort (and paint) of the page's model+proxy, and
    of a plain Qt model holding the same texts and sort keys, shown the same way."""
    panel = page.show_section(ContactsSection).contacts
    QApplication.processEvents()
    columns = panel.model.columns
    plain = QStandardItemModel(panel.model.rowCount(), len(columns))
    for r in range(panel.model.rowCount()):
        row = panel.model.row_at(r)
        for c, column in enumerate(columns):
            item = QStandardItem(column.text(row))
            key = panel.model.data(panel.model.index(r, c), SORT_ROLE)
            if key is not None:
                item.setData(key, SORT_ROLE)
            plain.setItem(r, c, item)
    proxy = QSortFilterProxyModel()
    proxy.setSortRole(SORT_ROLE)
    proxy.setSourceModel(plain)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.resize(panel.table.size())
    view.show()
    QApplication.processEvents()
    results = []
    for c, column in enumerate(columns):
        took: dict[str, list[float]] = {"app": [], "plain": []}
        for _ in range(runs):
            for what, table in (("app", panel.table), ("plain", view)):
                for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                    began = time.perf_counter()
                    table.sortByColumn(c, order)
                    table.repaint()
                    took[what].append(time.perf_counter() - began)
        results.append((column.title, statistics.median(took["app"]), statistics.median(took["plain"])))
    panel.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # back to the services' order
    view.close()
    return results


def keystrokes(page: NetworkPage, runs: int) -> list[float]:
    """The median time of each keystroke typing TYPED into the filter line (filter and paint), then
    of clearing it, with Contacts in front."""
    page.show_section(ContactsSection)
    QApplication.processEvents()
    took: list[list[float]] = [[] for _ in range(len(TYPED) + 1)]
    for _ in range(runs):
        for k in range(len(TYPED) + 1):
            text = TYPED[: k + 1] if k < len(TYPED) else ""
            began = time.perf_counter()
            page.filter_edit.setText(text)
            page.repaint()
            took[k].append(time.perf_counter() - began)
    return [statistics.median(t) for t in took]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--contacts", type=int, default=1500)
    parser.add_argument("--interactions", type=int, default=3000)
    args = parser.parse_args()
    qInstallMessageHandler(quiet_offscreen)
    app = make_application()
    scratch = Path(tempfile.mkdtemp(prefix="empower-bench-network-"))
    empty, large = open_folder(scratch / "empty"), open_folder(scratch / "large")
    try:
        fill_network(large, args.contacts, args.interactions)
        counts = large.store.counts()
        print("large data set: " + ", ".join(f"{n:,} {t}" for t, n in counts.items() if n))

        for services in (empty, large):  # warm up: imports, the file cache, Qt's first paint
            close(open_tab(services)[1])
        opened: dict[str, list[dict[str, float]]] = {"empty": [], "large": []}
        for run in range(args.runs):
            order = [("empty", empty), ("large", large)]
            for name, services in order if run % 2 == 0 else reversed(order):
                times, page = open_tab(services)
                opened[name].append(times)
                close(page)

        reads: dict[str, dict[str, float]] = {}
        for name, services in (("empty", empty), ("large", large)):
            _times, page = open_tab(services)
            reads[name] = service_reads(services, page, args.runs)
            if name == "large":
                shown = {section.title: sum(p.total_rows() for p in section.panels()) for section in page.sections}
                print("rows shown: " + ", ".join(f"{title} {n:,}" for title, n in shown.items()))
                sorts = sort_times(page, args.runs)
                keys_large = keystrokes(page, args.runs)
            else:
                keys_empty = keystrokes(page, args.runs)
            close(page)
    finally:
        empty.close()
        large.close()
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"\nservices' read, median of {args.runs} (on the GUI thread):")
    for what in reads["large"]:
        e, g = reads["empty"][what], reads["large"][what]
        print(f"  {what:<22} empty {ms(e):>9}, large {ms(g):>9}  ({g / e:.0f}x)")

    print(f"\ntab 3 opened, median of {args.runs} (built, read on the worker thread, filled and painted):")
    steps = list(opened["large"][0])
    labels = {"Reach out": "opened on Reach out", "all again": "all sub-tabs again"}
    for step in steps:
        e = statistics.median(t[step] for t in opened["empty"])
        g = statistics.median(t[step] for t in opened["large"])
        label = labels.get(step, f"then {step}")
        print(f"  {label:<22} empty {ms(e):>9}, large {ms(g):>9}  ({g / e:.2f}x)")
    first = statistics.median(t["Reach out"] for t in opened["large"])
    every = statistics.median(sum(t[s] for s in steps if s != "all again") for t in opened["large"])

    print(f"\nsorting Contacts ({args.contacts:,} rows), median of {2 * args.runs} (sort and paint):")
    for title, app_t, plain_t in sorts:
        print(f"  by {title:<19} app {ms(app_t):>9}, plain Qt model {ms(plain_t):>9}  ({app_t / plain_t:.1f}x)")
    slowest_sort = max(s[1] for s in sorts)

    print(f"\ntyping “{TYPED}” into the filter line, median of {args.runs} per key (filter and paint):")
    for k, (e, g) in enumerate(zip(keys_empty, keys_large, strict=True)):
        key = f"“{TYPED[: k + 1]}”" if k < len(TYPED) else "cleared"
        print(f"  {key:<22} empty {ms(e):>9}, large {ms(g):>9}  ({g / e:.1f}x)")
    slowest_key = max(keys_large)

    print(
        f"\ntab 3 filled (Reach out): {ms(first)} on the large set; every sub-tab shown in turn: {ms(every)} "
        "(goal: within 1 s)"
    )
    print(f"slowest sort {ms(slowest_sort)}, slowest keystroke {ms(slowest_key)} (goal: within 100 ms)")
    app.quit()


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: finalising Qt objects after the app is gone can crash it
