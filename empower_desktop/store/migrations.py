"""Schema migrations, keyed on PRAGMA user_version: migration N brings the schema to version N.

A migration is frozen once released: to change the schema, append a new one.
"""

from __future__ import annotations

MIGRATION_1 = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE skills (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    target_level INTEGER,
    notes TEXT NOT NULL
) STRICT;

CREATE TABLE skill_ratings (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    skill_id TEXT NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    rated_on TEXT NOT NULL,
    level INTEGER NOT NULL,
    evidence TEXT NOT NULL
) STRICT;
CREATE INDEX skill_ratings_skill ON skill_ratings(skill_id, rated_on);

CREATE TABLE assessment_entries (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    position INTEGER NOT NULL,
    skill_ids TEXT NOT NULL
) STRICT;

CREATE TABLE satisfaction_checkins (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    checked_on TEXT NOT NULL,
    overall INTEGER NOT NULL,
    aspects TEXT NOT NULL,
    note TEXT NOT NULL
) STRICT;

CREATE TABLE career_visions (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    revised_on TEXT NOT NULL,
    one_year TEXT NOT NULL,
    three_years TEXT NOT NULL,
    five_years TEXT NOT NULL,
    success_means TEXT NOT NULL
) STRICT;

CREATE TABLE goals (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    title TEXT NOT NULL,
    specific TEXT NOT NULL,
    metric TEXT NOT NULL,
    unit TEXT NOT NULL,
    baseline REAL,
    target REAL,
    current REAL,
    achievable TEXT NOT NULL,
    relevant TEXT NOT NULL,
    start TEXT,
    deadline TEXT,
    status TEXT NOT NULL,
    milestones TEXT NOT NULL,
    required_skills TEXT NOT NULL,
    progress TEXT NOT NULL
) STRICT;

CREATE TABLE learning_items (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    provider TEXT NOT NULL,
    link TEXT NOT NULL,
    cost REAL,
    estimated_hours REAL,
    skill_ids TEXT NOT NULL,
    goal_id TEXT REFERENCES goals(id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    start TEXT,
    finish TEXT,
    earned_on TEXT,
    expires_on TEXT,
    notes TEXT NOT NULL
) STRICT;
CREATE INDEX learning_items_goal ON learning_items(goal_id);

CREATE TABLE learning_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    item_id TEXT NOT NULL REFERENCES learning_items(id) ON DELETE CASCADE,
    start_utc TEXT NOT NULL,
    start_tz TEXT NOT NULL,
    end_utc TEXT NOT NULL,
    end_tz TEXT NOT NULL,
    rrule TEXT NOT NULL,
    exdates TEXT NOT NULL,
    reminder_minutes INTEGER,
    state TEXT NOT NULL,
    minutes_spent INTEGER,
    takeaway TEXT NOT NULL
) STRICT;
CREATE INDEX learning_sessions_item ON learning_sessions(item_id);
CREATE INDEX learning_sessions_start ON learning_sessions(start_utc);

CREATE TABLE contacts (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL,
    role TEXT NOT NULL,
    email TEXT NOT NULL,
    how_we_met TEXT NOT NULL,
    cadence_days INTEGER,
    tags TEXT NOT NULL,
    notes TEXT NOT NULL
) STRICT;

CREATE TABLE interactions (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    happened_on TEXT NOT NULL,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL
) STRICT;
CREATE INDEX interactions_contact ON interactions(contact_id, happened_on);

CREATE TABLE mentorships (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    focus TEXT NOT NULL,
    started_on TEXT,
    active INTEGER NOT NULL
) STRICT;
CREATE INDEX mentorships_contact ON mentorships(contact_id);

CREATE TABLE meetings (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    mentorship_id TEXT NOT NULL REFERENCES mentorships(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    start_utc TEXT NOT NULL,
    start_tz TEXT NOT NULL,
    end_utc TEXT NOT NULL,
    end_tz TEXT NOT NULL,
    location TEXT NOT NULL,
    agenda TEXT NOT NULL,
    notes TEXT NOT NULL,
    action_items TEXT NOT NULL,
    state TEXT NOT NULL
) STRICT;
CREATE INDEX meetings_mentorship ON meetings(mentorship_id);

CREATE TABLE initiatives (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    started_on TEXT,
    follow_up_on TEXT,
    goal_id TEXT REFERENCES goals(id) ON DELETE SET NULL
) STRICT;

CREATE TABLE achievements (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    title TEXT NOT NULL,
    achieved_on TEXT NOT NULL,
    impact TEXT NOT NULL,
    metric TEXT NOT NULL,
    skill_ids TEXT NOT NULL,
    goal_id TEXT REFERENCES goals(id) ON DELETE SET NULL,
    initiative_id TEXT REFERENCES initiatives(id) ON DELETE SET NULL
) STRICT;

CREATE TABLE conversation_preps (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    title TEXT NOT NULL,
    audience TEXT NOT NULL,
    planned_on TEXT,
    ask TEXT NOT NULL,
    talking_points TEXT NOT NULL,
    achievement_ids TEXT NOT NULL,
    outcome TEXT NOT NULL
) STRICT;

CREATE TABLE reviews (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    done TEXT NOT NULL,
    slipped TEXT NOT NULL,
    adapt TEXT NOT NULL,
    goal_ids_adjusted TEXT NOT NULL,
    completed INTEGER NOT NULL
) STRICT;
"""

# Calendar sync: targets (accounts), what was last synced per item, and what needs the person.
MIGRATION_2 = """
ALTER TABLE learning_sessions ADD COLUMN location TEXT NOT NULL DEFAULT '';

CREATE TABLE sync_targets (
    name TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    config TEXT NOT NULL,
    created TEXT NOT NULL
) STRICT;

CREATE TABLE sync_state (
    target TEXT PRIMARY KEY NOT NULL REFERENCES sync_targets(name) ON DELETE CASCADE,
    token TEXT,
    last_sync TEXT,
    last_result TEXT
) STRICT;

CREATE TABLE sync_status (
    target TEXT NOT NULL REFERENCES sync_targets(name) ON DELETE CASCADE,
    uid TEXT NOT NULL,
    href TEXT,
    etag TEXT,
    local_hash TEXT NOT NULL,
    fields TEXT NOT NULL,
    removed_remotely INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (target, uid)
) STRICT;

CREATE TABLE sync_foreign (
    target TEXT NOT NULL REFERENCES sync_targets(name) ON DELETE CASCADE,
    href TEXT NOT NULL,
    etag TEXT NOT NULL,
    PRIMARY KEY (target, href)
) STRICT;

CREATE TABLE sync_issues (
    id TEXT PRIMARY KEY NOT NULL,
    target TEXT NOT NULL REFERENCES sync_targets(name) ON DELETE CASCADE,
    uid TEXT NOT NULL,
    kind TEXT NOT NULL,
    field TEXT NOT NULL,
    local_value TEXT NOT NULL,
    remote_value TEXT NOT NULL,
    detail TEXT NOT NULL,
    created TEXT NOT NULL
) STRICT;
CREATE INDEX sync_issues_target ON sync_issues(target, uid);
"""

# What the app last sent for an item before the answer came: if the answer is lost, the next run
# recognises its own write in the calendar instead of taking it for someone else's edit.
MIGRATION_3 = """
ALTER TABLE sync_status ADD COLUMN written TEXT;
"""

# Step 2: what happened to each occurrence of a learning session (done with minutes and a
# takeaway, or skipped), and the dated notes of the "what I learned" log.
MIGRATION_4 = """
CREATE TABLE occurrence_logs (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    session_id TEXT NOT NULL REFERENCES learning_sessions(id) ON DELETE CASCADE,
    occurrence TEXT NOT NULL,
    state TEXT NOT NULL,
    minutes_spent INTEGER,
    takeaway TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX occurrence_logs_occurrence ON occurrence_logs(session_id, occurrence);

CREATE TABLE learning_notes (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    written_on TEXT NOT NULL,
    text TEXT NOT NULL,
    item_id TEXT REFERENCES learning_items(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX learning_notes_written ON learning_notes(written_on);
CREATE INDEX learning_notes_item ON learning_notes(item_id);
"""

# Importing a schedule (.ics): what came with an event (its description, link) is kept on the
# session, and the event it came from (and how it read then), so importing the same file again
# updates what the file changed instead of adding, and leaves the person's own edits alone.
# Step 3: a contact's relationship, phone, profile link and a reach-out put off; an interaction's
# follow-up date; a stay-in-touch rhythm per tag. A mentorship's status, linked goals and skills,
# meeting rhythm and "what changed"; a meeting's calendar mark kept apart from its own state (a
# removal in the calendar no longer overwrites "held"), its series, and agenda topics that can be
# covered or carried over (they were plain texts).
MIGRATION_5 = """
ALTER TABLE learning_sessions ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE learning_sessions ADD COLUMN import_key TEXT NOT NULL DEFAULT '';
ALTER TABLE learning_sessions ADD COLUMN import_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX learning_sessions_import ON learning_sessions(item_id, import_key) WHERE import_key <> '';

ALTER TABLE contacts ADD COLUMN relationship TEXT NOT NULL DEFAULT 'other';
ALTER TABLE contacts ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN link TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN snoozed_until TEXT;
ALTER TABLE interactions ADD COLUMN follow_up TEXT;
CREATE TABLE tag_rhythms (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    tag TEXT NOT NULL UNIQUE,
    cadence_days INTEGER NOT NULL
) STRICT;

ALTER TABLE mentorships ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
UPDATE mentorships SET status = CASE active WHEN 1 THEN 'active' ELSE 'ended' END;
ALTER TABLE mentorships DROP COLUMN active;
ALTER TABLE mentorships ADD COLUMN goal_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE mentorships ADD COLUMN skill_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE mentorships ADD COLUMN cadence_days INTEGER;
ALTER TABLE mentorships ADD COLUMN what_changed TEXT NOT NULL DEFAULT '';

ALTER TABLE meetings ADD COLUMN removed_from_calendar INTEGER NOT NULL DEFAULT 0;
UPDATE meetings SET removed_from_calendar = 1, state = 'planned' WHERE state = 'removed_from_calendar';
ALTER TABLE meetings ADD COLUMN series_id TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN rrule TEXT NOT NULL DEFAULT '';
UPDATE meetings SET agenda = (
    SELECT json_group_array(json_object(
        'text', value, 'covered', json('false'), 'carried', json('false'), 'id', meetings.id || '-' || key
    ))
    FROM json_each(meetings.agenda)
);
"""

# Step 4: an initiative's pipeline (who it was proposed to, the case made, the outcome, the day
# each stage was reached, linked goals and skills; its single goal becomes a list, and the old
# column stays, unused, as SQLite cannot drop a column that references another table). An
# achievement's impact as a number and unit, its evidence, who noticed, and whether it can be
# shared. Opportunities with a dated next step. A conversation prep's period, the sections the
# person writes, what was left out, and what came out of it. The suggestions of achievements
# decided, so none is offered twice; events from before this version are marked so that an
# upgrade does not greet the person with a suggestion for every goal ever achieved.
MIGRATION_6 = """
ALTER TABLE initiatives ADD COLUMN proposed_to TEXT NOT NULL DEFAULT '';
ALTER TABLE initiatives ADD COLUMN case_made TEXT NOT NULL DEFAULT '';
ALTER TABLE initiatives ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE initiatives ADD COLUMN proposed_on TEXT;
ALTER TABLE initiatives ADD COLUMN decided_on TEXT;
ALTER TABLE initiatives ADD COLUMN delivered_on TEXT;
ALTER TABLE initiatives ADD COLUMN goal_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE initiatives ADD COLUMN skill_ids TEXT NOT NULL DEFAULT '[]';
UPDATE initiatives SET goal_ids = json_array(goal_id) WHERE goal_id IS NOT NULL;
UPDATE initiatives SET goal_id = NULL;

ALTER TABLE achievements ADD COLUMN impact_value REAL;
ALTER TABLE achievements ADD COLUMN impact_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE achievements ADD COLUMN evidence_link TEXT NOT NULL DEFAULT '';
ALTER TABLE achievements ADD COLUMN noticed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE achievements ADD COLUMN visibility TEXT NOT NULL DEFAULT 'shareable';
ALTER TABLE achievements ADD COLUMN source TEXT NOT NULL DEFAULT '';

CREATE TABLE opportunities (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    next_step TEXT NOT NULL,
    next_step_on TEXT,
    notes TEXT NOT NULL,
    goal_ids TEXT NOT NULL
) STRICT;

ALTER TABLE conversation_preps ADD COLUMN period_start TEXT;
ALTER TABLE conversation_preps ADD COLUMN period_end TEXT;
ALTER TABLE conversation_preps ADD COLUMN aspirations TEXT NOT NULL DEFAULT '';
ALTER TABLE conversation_preps ADD COLUMN needs TEXT NOT NULL DEFAULT '';
ALTER TABLE conversation_preps ADD COLUMN excluded_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE conversation_preps ADD COLUMN held_on TEXT;
ALTER TABLE conversation_preps ADD COLUMN my_commitments TEXT NOT NULL DEFAULT '';
ALTER TABLE conversation_preps ADD COLUMN their_commitments TEXT NOT NULL DEFAULT '';
ALTER TABLE conversation_preps ADD COLUMN follow_ups TEXT NOT NULL DEFAULT '[]';

CREATE TABLE suggestion_marks (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    decision TEXT NOT NULL
) STRICT;
CREATE TEMP TABLE before_marks (key TEXT NOT NULL);
INSERT INTO before_marks SELECT 'goal-achieved:' || id FROM goals WHERE status = 'achieved';
INSERT INTO before_marks
    SELECT 'milestone:' || goals.id || ':' || json_extract(m.value, '$.id')
    FROM goals, json_each(goals.milestones) AS m
    WHERE json_extract(m.value, '$.done') AND json_extract(m.value, '$.id') IS NOT NULL;
INSERT INTO before_marks
    SELECT 'certification:' || id FROM learning_items WHERE kind = 'certification' AND earned_on IS NOT NULL;
INSERT INTO before_marks SELECT 'initiative-delivered:' || id FROM initiatives WHERE status = 'done';
INSERT INTO suggestion_marks (id, created, updated, key, decision)
    SELECT lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'),
           strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), key, 'before'
    FROM (SELECT DISTINCT key FROM before_marks);
DROP TABLE before_marks;
"""

# Columns kept in the schema but no longer read or written: SQLite cannot drop a column that a
# foreign key names, so migration 6 empties the initiatives' single goal link and leaves it.
RETIRED_COLUMNS: dict[str, tuple[str, ...]] = {"initiatives": ("goal_id",)}

# The review ritual: a weekly or quarterly review made of pages, resumable, with what it decided.
MIGRATION_7 = """
ALTER TABLE reviews ADD COLUMN kind TEXT NOT NULL DEFAULT 'weekly';
ALTER TABLE reviews ADD COLUMN page TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN rerated_skill_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE reviews ADD COLUMN goal_decisions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE reviews ADD COLUMN learned TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN focus TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN last_focus_kept INTEGER;
ALTER TABLE reviews ADD COLUMN satisfaction_id TEXT;
ALTER TABLE reviews ADD COLUMN vision_seen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN finished_on TEXT;
UPDATE reviews SET finished_on = period_end WHERE completed = 1;
"""

# Find time: the calendars whose events count as busy, the busy time last read from each (kept, so
# planning works offline), and the collisions the person chose to leave as they are.
MIGRATION_8 = """
CREATE TABLE busy_sources (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    location TEXT NOT NULL,
    account TEXT REFERENCES sync_targets(name) ON DELETE CASCADE,
    method TEXT NOT NULL DEFAULT '',
    validator TEXT NOT NULL DEFAULT '',
    read_at TEXT,
    read_from TEXT,
    read_until TEXT,
    problem TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE busy_times (
    source_id TEXT NOT NULL REFERENCES busy_sources(id) ON DELETE CASCADE,
    start_at INTEGER NOT NULL,
    end_at INTEGER NOT NULL,
    label TEXT NOT NULL,
    all_day INTEGER NOT NULL
) STRICT;
CREATE INDEX busy_times_source ON busy_times(source_id, start_at);

CREATE TABLE collisions_kept (
    occurrence TEXT NOT NULL,
    start_at INTEGER NOT NULL,
    end_at INTEGER NOT NULL,
    kept_on TEXT NOT NULL,
    PRIMARY KEY (occurrence, start_at, end_at)
) STRICT;
"""

MIGRATIONS: tuple[str, ...] = (
    MIGRATION_1,
    MIGRATION_2,
    MIGRATION_3,
    MIGRATION_4,
    MIGRATION_5,
    MIGRATION_6,
    MIGRATION_7,
    MIGRATION_8,
)
LATEST_VERSION = len(MIGRATIONS)
