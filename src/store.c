/* store.c - the event store: the last stage of the pipeline, where coded
 * documents land in an SQLite database that users query with `dyad query`,
 * `dyad relations`, `dyad graph`, `dyad export` or sqlite3 itself.
 *
 * docs/store.md is the schema's one description; keep the two in step (a
 * test compares `sqlite3 .schema` with it). The choices that matter:
 *  - SQLite through prepared statements only (prepared once per handle,
 *    SQLITE_PREPARE_PERSISTENT), WAL so that readers run while an ingest
 *    writes, synchronous=NORMAL (a power cut may lose the last committed
 *    batch, never corrupt the file; a killed process loses nothing committed);
 *  - each document is written inside a savepoint, so a document and its
 *    events are stored together or not at all, whether the caller batches
 *    documents in one transaction (dyad_store_begin/commit) or not;
 *  - events are de-duplicated across articles on (event_date, source,
 *    target, code, location, polarity, modality) with '' for an absent
 *    value (SQLite's UNIQUE treats NULLs as distinct, which would defeat
 *    the key); every sighting is a row of event_mentions. Adding one bumps
 *    the event's counts after two index probes (source seen? document
 *    seen?), so a popular event costs no more than a rare one; removing a
 *    document's sightings (re-coding) recomputes the counts from what is
 *    left;
 *  - the schema version is PRAGMA user_version; older stores are migrated
 *    forward on open, newer ones refused.
 * A path that is a postgresql:// or postgres:// URI opens the PostgreSQL
 * store instead (store_pg.c): the public functions below hand it over.
 */
#include "store.h"
#include "arena.h"
#include "repeats.h"
#include "storepack.h"
#include "sqlrows.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sqlite3.h>

/* Forward migrations: migrations[v] takes a store from version v to v+1.
 * Version 0 is an empty database. Never edit a released step; append. */
static const char *const migrations[DYADI_STORE_SCHEMA] = {
    "CREATE TABLE documents(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  date TEXT,\n"
    "  lang TEXT,\n"
    "  title TEXT,\n"
    "  url TEXT,\n"
    "  source TEXT,\n"
    "  content_hash TEXT NOT NULL UNIQUE,\n"
    "  text TEXT NOT NULL,\n"
    "  coded_at TEXT NOT NULL,\n"
    "  coded_with TEXT NOT NULL,\n"
    "  n_events INTEGER NOT NULL DEFAULT 0\n"
    ");\n"
    "CREATE TABLE mentions_actor(\n"
    "  doc_id TEXT NOT NULL REFERENCES documents(id),\n"
    "  sent INTEGER NOT NULL,\n"
    "  span_start INTEGER NOT NULL,\n"
    "  span_end INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL,\n"
    "  text TEXT,\n"
    "  code TEXT,\n"
    "  country TEXT,\n"
    "  entry TEXT,\n"
    "  resolved_by TEXT,\n"
    "  lat REAL,\n"
    "  lon REAL\n"
    ");\n"
    "CREATE INDEX mentions_actor_doc ON mentions_actor(doc_id);\n"
    "CREATE TABLE events(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  event_date TEXT NOT NULL,\n"
    "  source TEXT NOT NULL,\n"
    "  source_country TEXT,\n"
    "  target TEXT NOT NULL,\n"
    "  target_country TEXT,\n"
    "  code TEXT NOT NULL,\n"
    "  root TEXT,\n"
    "  quad INTEGER,\n"
    "  goldstein REAL,\n"
    "  plover TEXT,\n"
    "  location TEXT NOT NULL,\n"
    "  location_country TEXT,\n"
    "  lat REAL,\n"
    "  lon REAL,\n"
    "  polarity TEXT NOT NULL,\n"
    "  modality TEXT NOT NULL,\n"
    "  num_mentions INTEGER NOT NULL DEFAULT 0,\n"
    "  num_sources INTEGER NOT NULL DEFAULT 0,\n"
    "  num_articles INTEGER NOT NULL DEFAULT 0,\n"
    "  first_seen TEXT NOT NULL,\n"
    "  UNIQUE(event_date, source, target, code, location, polarity, modality)\n"
    ");\n"
    "CREATE INDEX events_source ON events(source);\n"
    "CREATE INDEX events_target ON events(target);\n"
    "CREATE INDEX events_code ON events(code);\n"
    "CREATE TABLE event_mentions(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  event_id INTEGER NOT NULL REFERENCES events(id),\n"
    "  doc_id TEXT NOT NULL REFERENCES documents(id),\n"
    "  doc_source TEXT NOT NULL,\n"
    "  sent INTEGER NOT NULL,\n"
    "  sentence TEXT,\n"
    "  sentence_start INTEGER,\n"
    "  trigger_text TEXT,\n"
    "  trigger_start INTEGER,\n"
    "  trigger_end INTEGER,\n"
    "  source_text TEXT,\n"
    "  source_start INTEGER,\n"
    "  source_end INTEGER,\n"
    "  target_text TEXT,\n"
    "  target_start INTEGER,\n"
    "  target_end INTEGER,\n"
    "  attribution_text TEXT,\n"
    "  attribution_code TEXT,\n"
    "  rule TEXT,\n"
    "  polarity TEXT NOT NULL,\n"
    "  modality TEXT NOT NULL,\n"
    "  doc_mentions INTEGER NOT NULL DEFAULT 1\n"
    ");\n"
    "CREATE INDEX event_mentions_event ON event_mentions(event_id, doc_source, doc_id);\n"
    "CREATE INDEX event_mentions_doc ON event_mentions(doc_id);\n"
    "CREATE TABLE quotes(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc_id TEXT NOT NULL REFERENCES documents(id),\n"
    "  sent INTEGER,\n"
    "  speaker_code TEXT,\n"
    "  speaker_text TEXT,\n"
    "  quote_start INTEGER,\n"
    "  quote_end INTEGER,\n"
    "  text TEXT\n"
    ");\n"
    "CREATE INDEX quotes_doc ON quotes(doc_id);\n",
    /* 1 -> 2: text keeps the input whole (a seed file's date header too),
     * so that spans slice the input file; body_start is where the coded
     * article starts (dyad_doc.body). Older rows hold the article alone:
     * 0 is right for them. */
    "ALTER TABLE documents ADD COLUMN body_start INTEGER NOT NULL DEFAULT 0;\n",
    /* 2 -> 3: a compact store (issue 18: the store was 2.8x its input).
     * The four tables become views of the same name and columns over
     * store_* tables: document text deflated (storepack.c), sentences and
     * quotes cut from it instead of kept again, an actor mention a row of
     * integers pointing at its form (kind, text, code ... shared by every
     * mention that reads the same), repeated strings of sightings and
     * quotes interned once. The views are what every reader and sqlite3
     * user sees; INSTEAD OF triggers let hand-made rows go in as before. */
    "CREATE TABLE store_documents(\n"
    "  n INTEGER PRIMARY KEY,\n"
    "  id TEXT NOT NULL UNIQUE,\n"
    "  date TEXT,\n"
    "  lang TEXT,\n"
    "  title TEXT,\n"
    "  url TEXT,\n"
    "  source TEXT,\n"
    "  content_hash BLOB NOT NULL UNIQUE,\n"
    "  text_z BLOB NOT NULL,\n"
    "  text_len INTEGER NOT NULL,\n"
    "  coded_at TEXT NOT NULL,\n"
    "  coded_with TEXT NOT NULL,\n"
    "  n_events INTEGER NOT NULL DEFAULT 0,\n"
    "  body_start INTEGER NOT NULL DEFAULT 0\n"
    ");\n"
    "CREATE TABLE store_strings(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  s TEXT NOT NULL UNIQUE\n"
    ");\n"
    "CREATE TABLE store_actor_forms(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  kind TEXT NOT NULL,\n"
    "  text TEXT,\n"
    "  code TEXT,\n"
    "  country TEXT,\n"
    "  entry TEXT,\n"
    "  resolved_by TEXT,\n"
    "  lat REAL,\n"
    "  lon REAL\n"
    ");\n"
    "CREATE INDEX store_actor_forms_text ON store_actor_forms(text, code);\n"
    "CREATE TABLE store_mentions(\n"
    "  doc INTEGER NOT NULL,\n"
    "  i INTEGER NOT NULL,\n"
    "  sent INTEGER NOT NULL,\n"
    "  span_start INTEGER NOT NULL,\n"
    "  span_len INTEGER NOT NULL,\n"
    "  form INTEGER NOT NULL,\n"
    "  PRIMARY KEY(doc, i)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE store_sightings(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  event_id INTEGER NOT NULL,\n"
    "  doc INTEGER NOT NULL,\n"
    "  doc_source INTEGER NOT NULL,\n"
    "  sent INTEGER NOT NULL,\n"
    "  sentence_start INTEGER,\n"
    "  sentence_len INTEGER,\n"
    "  trigger_text INTEGER,\n"
    "  trigger_start INTEGER,\n"
    "  trigger_end INTEGER,\n"
    "  source_text INTEGER,\n"
    "  source_start INTEGER,\n"
    "  source_end INTEGER,\n"
    "  target_text INTEGER,\n"
    "  target_start INTEGER,\n"
    "  target_end INTEGER,\n"
    "  attribution_text INTEGER,\n"
    "  attribution_code INTEGER,\n"
    "  rule INTEGER,\n"
    "  polarity INTEGER NOT NULL,\n"
    "  modality INTEGER NOT NULL,\n"
    "  doc_mentions INTEGER NOT NULL DEFAULT 1,\n"
    "  sentence_key INTEGER\n"
    ");\n"
    "CREATE TABLE store_quotes(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc INTEGER NOT NULL,\n"
    "  sent INTEGER,\n"
    "  speaker_code INTEGER,\n"
    "  speaker_text INTEGER,\n"
    "  quote_start INTEGER,\n"
    "  quote_end INTEGER\n"
    ");\n"
    /* the old rows, moved */
    "INSERT INTO store_documents(n, id, date, lang, title, url, source, content_hash, text_z,"
    " text_len, coded_at, coded_with, n_events, body_start)"
    " SELECT rowid, id, date, lang, title, url, source, dyad_hash_blob(content_hash),"
    " sqlar_compress(CAST(text AS BLOB)), length(CAST(text AS BLOB)), coded_at, coded_with,"
    " n_events, body_start FROM documents ORDER BY rowid;\n"
    "INSERT INTO store_actor_forms(kind, text, code, country, entry, resolved_by, lat, lon)"
    " SELECT DISTINCT kind, text, code, country, entry, resolved_by, lat, lon FROM mentions_actor;\n"
    "INSERT INTO store_mentions(doc, i, sent, span_start, span_len, form)"
    " SELECT d.n, row_number() OVER (PARTITION BY d.n ORDER BY m.rowid) - 1, m.sent,"
    " m.span_start, m.span_end - m.span_start,"
    " (SELECT f.id FROM store_actor_forms f WHERE f.kind IS m.kind AND f.text IS m.text"
    "  AND f.code IS m.code AND f.country IS m.country AND f.entry IS m.entry"
    "  AND f.resolved_by IS m.resolved_by AND f.lat IS m.lat AND f.lon IS m.lon LIMIT 1)"
    " FROM mentions_actor m JOIN store_documents d ON d.id = m.doc_id;\n"
    "INSERT OR IGNORE INTO store_strings(s)"
    " SELECT trigger_text FROM event_mentions UNION SELECT source_text FROM event_mentions"
    " UNION SELECT target_text FROM event_mentions UNION SELECT attribution_text FROM event_mentions"
    " UNION SELECT attribution_code FROM event_mentions UNION SELECT rule FROM event_mentions"
    " UNION SELECT polarity FROM event_mentions UNION SELECT modality FROM event_mentions"
    " UNION SELECT doc_source FROM event_mentions"
    " UNION SELECT speaker_code FROM quotes UNION SELECT speaker_text FROM quotes;\n"
    "INSERT INTO store_sightings(id, event_id, doc, doc_source, sent, sentence_start,"
    " sentence_len, trigger_text, trigger_start, trigger_end, source_text, source_start,"
    " source_end, target_text, target_start, target_end, attribution_text, attribution_code,"
    " rule, polarity, modality, doc_mentions, sentence_key)"
    " SELECT id, event_id, (SELECT n FROM store_documents WHERE id = doc_id),"
    " (SELECT id FROM store_strings WHERE s = doc_source), sent, sentence_start,"
    " length(CAST(sentence AS BLOB)),"
    " (SELECT id FROM store_strings WHERE s = trigger_text), trigger_start, trigger_end,"
    " (SELECT id FROM store_strings WHERE s = source_text), source_start, source_end,"
    " (SELECT id FROM store_strings WHERE s = target_text), target_start, target_end,"
    " (SELECT id FROM store_strings WHERE s = attribution_text),"
    " (SELECT id FROM store_strings WHERE s = attribution_code),"
    " (SELECT id FROM store_strings WHERE s = rule),"
    " (SELECT id FROM store_strings WHERE s = polarity),"
    " (SELECT id FROM store_strings WHERE s = modality), doc_mentions,"
    " dyad_sentence_hash(sentence) FROM event_mentions;\n"
    "INSERT INTO store_quotes(id, doc, sent, speaker_code, speaker_text, quote_start, quote_end)"
    " SELECT id, (SELECT n FROM store_documents WHERE id = doc_id), sent, (SELECT id FROM store_strings WHERE s = speaker_code),"
    " (SELECT id FROM store_strings WHERE s = speaker_text), quote_start, quote_end FROM quotes;\n"
    "DROP TABLE documents;\n"
    "DROP TABLE mentions_actor;\n"
    "DROP TABLE event_mentions;\n"
    "DROP TABLE quotes;\n"
    /* indexes once the rows are in: the queries that use them are named in
     * docs/store.md */
    "CREATE INDEX store_sightings_event ON store_sightings(event_id, doc_source);\n"
    "CREATE INDEX store_sightings_doc ON store_sightings(doc);\n"
    "CREATE INDEX store_quotes_doc ON store_quotes(doc);\n"
    /* what readers see: the version 2 tables, column for column */
    "CREATE VIEW documents AS SELECT id, date, lang, title, url, source,\n"
    "  CASE typeof(content_hash) WHEN 'blob' THEN lower(hex(content_hash))\n"
    "  ELSE content_hash END AS content_hash,\n"
    "  CAST(sqlar_uncompress(text_z, text_len) AS TEXT) AS text, coded_at, coded_with,\n"
    "  n_events, body_start FROM store_documents;\n"
    "CREATE VIEW mentions_actor AS SELECT d.id AS doc_id, m.sent, m.span_start,\n"
    "  m.span_start + m.span_len AS span_end, f.kind, f.text, f.code, f.country, f.entry,\n"
    "  f.resolved_by, f.lat, f.lon\n"
    "  FROM store_mentions m JOIN store_documents d ON d.n = m.doc\n"
    "  JOIN store_actor_forms f ON f.id = m.form;\n"
    "CREATE VIEW event_mentions AS SELECT m.id, m.event_id,\n"
    "  (SELECT id FROM store_documents WHERE n = m.doc) AS doc_id,\n"
    "  (SELECT s FROM store_strings WHERE id = m.doc_source) AS doc_source, m.sent,\n"
    "  (SELECT CAST(substr(sqlar_uncompress(d.text_z, d.text_len), m.sentence_start + 1,\n"
    "    m.sentence_len) AS TEXT) FROM store_documents d WHERE d.n = m.doc) AS sentence,\n"
    "  m.sentence_start,\n"
    DYADI_SQL_SIGHTING_COLUMNS ";\n"
    "CREATE VIEW quotes AS SELECT q.id,\n"
    "  (SELECT id FROM store_documents WHERE n = q.doc) AS doc_id, q.sent,\n"
    "  (SELECT s FROM store_strings WHERE id = q.speaker_code) AS speaker_code,\n"
    "  (SELECT s FROM store_strings WHERE id = q.speaker_text) AS speaker_text,\n"
    "  q.quote_start, q.quote_end,\n"
    "  (SELECT CAST(substr(sqlar_uncompress(d.text_z, d.text_len), q.quote_start + 1,\n"
    "    q.quote_end - q.quote_start) AS TEXT) FROM store_documents d WHERE d.n = q.doc)\n"
    "  AS text FROM store_quotes q;\n"
    /* rows written by hand (tests, fixtures) go in as before */
    "CREATE TRIGGER documents_insert INSTEAD OF INSERT ON documents BEGIN\n"
    "  INSERT INTO store_documents(id, date, lang, title, url, source, content_hash, text_z,\n"
    "    text_len, coded_at, coded_with, n_events, body_start)\n"
    "  VALUES(NEW.id, NEW.date, NEW.lang, NEW.title, NEW.url, NEW.source, NEW.content_hash,\n"
    "    sqlar_compress(CAST(NEW.text AS BLOB)), length(CAST(NEW.text AS BLOB)), NEW.coded_at,\n"
    "    NEW.coded_with, coalesce(NEW.n_events, 0), coalesce(NEW.body_start, 0));\n"
    "END;\n"
    "CREATE TRIGGER mentions_actor_insert INSTEAD OF INSERT ON mentions_actor BEGIN\n"
    "  INSERT INTO store_actor_forms(kind, text, code, country, entry, resolved_by, lat, lon)\n"
    "  SELECT NEW.kind, NEW.text, NEW.code, NEW.country, NEW.entry, NEW.resolved_by, NEW.lat,\n"
    "    NEW.lon WHERE NOT EXISTS (SELECT 1 FROM store_actor_forms WHERE kind IS NEW.kind\n"
    "    AND text IS NEW.text AND code IS NEW.code AND country IS NEW.country\n"
    "    AND entry IS NEW.entry AND resolved_by IS NEW.resolved_by AND lat IS NEW.lat\n"
    "    AND lon IS NEW.lon);\n"
    "  INSERT INTO store_mentions(doc, i, sent, span_start, span_len, form)\n"
    "  SELECT d.n, (SELECT coalesce(max(i) + 1, 0) FROM store_mentions WHERE doc = d.n),\n"
    "    NEW.sent, NEW.span_start, NEW.span_end - NEW.span_start,\n"
    "    (SELECT id FROM store_actor_forms WHERE kind IS NEW.kind AND text IS NEW.text\n"
    "     AND code IS NEW.code AND country IS NEW.country AND entry IS NEW.entry\n"
    "     AND resolved_by IS NEW.resolved_by AND lat IS NEW.lat AND lon IS NEW.lon LIMIT 1)\n"
    "  FROM store_documents d WHERE d.id = NEW.doc_id;\n"
    "END;\n"
    "CREATE TRIGGER event_mentions_insert INSTEAD OF INSERT ON event_mentions BEGIN\n"
    "  INSERT OR IGNORE INTO store_strings(s) VALUES(NEW.trigger_text), (NEW.source_text),\n"
    "    (NEW.target_text), (NEW.attribution_text), (NEW.attribution_code), (NEW.rule),\n"
    "    (NEW.polarity), (NEW.modality), (NEW.doc_source);\n"
    "  INSERT INTO store_sightings(id, event_id, doc, doc_source, sent, sentence_start,\n"
    "    sentence_len, trigger_text, trigger_start, trigger_end, source_text, source_start,\n"
    "    source_end, target_text, target_start, target_end, attribution_text,\n"
    "    attribution_code, rule, polarity, modality, doc_mentions)\n"
    "  VALUES(NEW.id, NEW.event_id, (SELECT n FROM store_documents WHERE id = NEW.doc_id),\n"
    "    (SELECT id FROM store_strings WHERE s = NEW.doc_source), NEW.sent, NEW.sentence_start,\n"
    "    length(CAST(NEW.sentence AS BLOB)),\n"
    "    (SELECT id FROM store_strings WHERE s = NEW.trigger_text), NEW.trigger_start,\n"
    "    NEW.trigger_end, (SELECT id FROM store_strings WHERE s = NEW.source_text),\n"
    "    NEW.source_start, NEW.source_end,\n"
    "    (SELECT id FROM store_strings WHERE s = NEW.target_text), NEW.target_start,\n"
    "    NEW.target_end, (SELECT id FROM store_strings WHERE s = NEW.attribution_text),\n"
    "    (SELECT id FROM store_strings WHERE s = NEW.attribution_code),\n"
    "    (SELECT id FROM store_strings WHERE s = NEW.rule),\n"
    "    (SELECT id FROM store_strings WHERE s = NEW.polarity),\n"
    "    (SELECT id FROM store_strings WHERE s = NEW.modality), coalesce(NEW.doc_mentions, 1));\n"
    "END;\n"
    "CREATE TRIGGER quotes_insert INSTEAD OF INSERT ON quotes BEGIN\n"
    "  INSERT OR IGNORE INTO store_strings(s) VALUES(NEW.speaker_code), (NEW.speaker_text);\n"
    "  INSERT INTO store_quotes(id, doc, sent, speaker_code, speaker_text, quote_start,\n"
    "    quote_end)\n"
    "  VALUES(NEW.id, (SELECT n FROM store_documents WHERE id = NEW.doc_id), NEW.sent,\n"
    "    (SELECT id FROM store_strings WHERE s = NEW.speaker_code),\n"
    "    (SELECT id FROM store_strings WHERE s = NEW.speaker_text), NEW.quote_start,\n"
    "    NEW.quote_end);\n"
    "END;\n",
    /* 3 -> 4: the target index also holds the source and the date, so a
     * dyad filter and its date order are read from the index alone (one
     * row read per event printed, not per event of the target). */
    ("DROP INDEX events_target;\n"
     "CREATE INDEX events_target_source ON events(target, source, event_date);\n"),
    /* 4 -> 5: the code index also holds QuadClass and Goldstein, so that
     * `dyad relations` takes them once per code (its first and last
     * entries) instead of reading every event's row. */
    ("DROP INDEX events_code;\n"
     "CREATE INDEX events_code ON events(code, quad, goldstein);\n"),
};

const char *dyadi_store_migration(int v)
{
    return v >= 0 && v < DYADI_STORE_SCHEMA ? migrations[v] : NULL;
}

enum {
    Q_HAS_DOC,
    Q_INS_DOC,
    Q_UPD_DOC,
    Q_DOC_EVENTS,
    Q_DEL_DOC_MENTIONS,
    Q_DEL_DOC_SIGHTINGS,
    Q_DEL_DOC_QUOTES,
    Q_INS_MENTION,
    Q_INS_QUOTE,
    Q_INS_EVENT,
    Q_FIND_EVENT,
    Q_INS_SIGHTING,
    Q_SEEN,
    Q_ADD_COUNTS,
    Q_RECOUNT,
    Q_DEL_EMPTY_EVENT,
    Q_NEXT_DOC,
    Q_FIND_REPEAT,
    Q_DOC_N,
    Q_FIND_STRING,
    Q_INS_STRING,
    Q_FIND_FORM,
    Q_INS_FORM,
    Q_SAVEPOINT,
    Q_RELEASE,
    Q_COUNT
};

static const char *const sql[Q_COUNT] = {
    [Q_HAS_DOC] = "SELECT 1 FROM store_documents WHERE id = ?1 OR content_hash = ?2 LIMIT 1",
    /* content_hash: the 16 bytes of dyad_content_hash's 32 hex digits */
    [Q_INS_DOC] = "INSERT INTO store_documents(id, date, lang, title, url, source, content_hash,"
                  " text_z, coded_at, coded_with, n_events, body_start, text_len)"
                  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
    [Q_UPD_DOC] = "UPDATE store_documents SET date=?2, lang=?3, title=?4, url=?5, source=?6,"
                  " content_hash=?7, text_z=?8, coded_at=?9, coded_with=?10, n_events=?11,"
                  " body_start=?12, text_len=?13 WHERE id=?1",
    [Q_DOC_EVENTS] = "SELECT DISTINCT event_id FROM store_sightings"
                     " WHERE doc = (SELECT n FROM store_documents WHERE id = ?1)",
    [Q_DEL_DOC_MENTIONS] = "DELETE FROM store_mentions"
                           " WHERE doc = (SELECT n FROM store_documents WHERE id = ?1)",
    [Q_DEL_DOC_SIGHTINGS] = "DELETE FROM store_sightings"
                            " WHERE doc = (SELECT n FROM store_documents WHERE id = ?1)",
    [Q_DEL_DOC_QUOTES] = "DELETE FROM store_quotes"
                         " WHERE doc = (SELECT n FROM store_documents WHERE id = ?1)",
    [Q_INS_QUOTE] = "INSERT INTO store_quotes(doc, sent, speaker_code, speaker_text,"
                    " quote_start, quote_end) VALUES(?1,?2,?3,?4,?5,?6)",
    [Q_INS_MENTION] = "INSERT INTO store_mentions(doc, i, sent, span_start, span_len, form)"
                      " VALUES(?1,?2,?3,?4,?5,?6)",
    [Q_INS_EVENT] = "INSERT INTO events(event_date, source, source_country, target, target_country,"
                    " code, root, quad, goldstein, plover, location, location_country, lat, lon,"
                    " polarity, modality, first_seen)"
                    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)"
                    " ON CONFLICT DO NOTHING",
    [Q_FIND_EVENT] = "SELECT id FROM events WHERE event_date=?1 AND source=?2 AND target=?3"
                     " AND code=?4 AND location=?5 AND polarity=?6 AND modality=?7",
    [Q_INS_SIGHTING] = "INSERT INTO store_sightings(event_id, doc, sent, sentence_start,"
                       " sentence_len, trigger_text, trigger_start, trigger_end, source_text,"
                       " source_start, source_end, target_text, target_start, target_end,"
                       " attribution_text, attribution_code, rule, polarity, modality,"
                       " doc_mentions, doc_source, sentence_key)"
                       " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,"
                       "?19,?20,?21,?22)",
    /* Has the event been seen from this source, and in this document?
     * Answered by the (event_id, doc_source) and (doc) indexes, so adding
     * a sighting costs the same however popular the event is. */
    [Q_SEEN] = "SELECT EXISTS(SELECT 1 FROM store_sightings WHERE event_id = ?1 AND doc_source = ?2),"
               " EXISTS(SELECT 1 FROM store_sightings WHERE doc = ?3 AND event_id = ?1)",
    [Q_ADD_COUNTS] = "UPDATE events SET num_mentions = num_mentions + ?2,"
                     " num_sources = num_sources + ?3, num_articles = num_articles + ?4"
                     " WHERE id = ?1",
    [Q_RECOUNT] = "UPDATE events SET"
                  " num_mentions = (SELECT coalesce(sum(max(doc_mentions, 1)), 0)"
                  "   FROM store_sightings WHERE event_id = ?1),"
                  " num_articles = (SELECT count(DISTINCT doc) FROM store_sightings"
                  "   WHERE event_id = ?1),"
                  " num_sources = (SELECT count(DISTINCT doc_source) FROM store_sightings"
                  "   WHERE event_id = ?1)"
                  " WHERE id = ?1",
    [Q_DEL_EMPTY_EVENT] = "DELETE FROM events WHERE id = ?1 AND num_articles = 0",
    [Q_NEXT_DOC] = "SELECT n, id, date, lang, title, url, source,"
                   " CAST(sqlar_uncompress(text_z, text_len) AS TEXT), body_start"
                   " FROM store_documents WHERE n > ?1 ORDER BY n LIMIT 1",
    [Q_FIND_REPEAT] = DYADI_SQL_FIND_REPEAT,
    [Q_DOC_N] = "SELECT n FROM store_documents WHERE id = ?1",
    [Q_FIND_STRING] = "SELECT id FROM store_strings WHERE s = ?1",
    [Q_INS_STRING] = "INSERT INTO store_strings(s) VALUES(?1)",
    [Q_FIND_FORM] = "SELECT id FROM store_actor_forms WHERE text IS ?2 AND code IS ?3 AND kind = ?1"
                    " AND country IS ?4 AND entry IS ?5 AND resolved_by IS ?6 AND lat IS ?7"
                    " AND lon IS ?8 LIMIT 1",
    [Q_INS_FORM] = "INSERT INTO store_actor_forms(kind, text, code, country, entry, resolved_by,"
                   " lat, lon) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)",
    /* prepared once: sqlite3_exec parsed them again for every document */
    [Q_SAVEPOINT] = "SAVEPOINT dyad_doc",
    [Q_RELEASE] = "RELEASE dyad_doc",
};

/* Strings of the document returned by dyad_store_next_doc. */
enum { D_ID, D_DATE, D_LANG, D_TITLE, D_URL, D_SOURCE, D_TEXT, D_COUNT };

struct dyad_store {
    dyadi_pg *pg;               /* a PostgreSQL store (store_pg.c): the rest is unused */
    sqlite3 *db;
    dyadi_sqldb *rows;          /* the row reader over db or pg, made when asked for */
    sqlite3_stmt *q[Q_COUNT];
    int in_tx;                  /* inside dyad_store_begin .. commit */
    int batching;               /* inside dyad_store_batch_write: no savepoints */
    int readonly;
    int busy;                   /* the last open_error was a lock held elsewhere */
    char now[32];               /* UTC time of the document being stored */
    dyadi_intern *intern;       /* string and actor form ids written so far */
    dyadi_packer *pack;         /* deflates the documents' text */
    char *key;                  /* scratch: an actor form's intern key */
    size_t key_cap;
    int64_t *ids;               /* scratch: event ids a document touched */
    size_t n_ids, cap_ids;
    char *doc[D_COUNT];         /* dyad_store_next_doc's copies */
    char errmsg[512];
};


/* Most ids a document may touch; far above anything a coder produces. */
#define MAX_TOUCHED (1u << 20)

/* SQLite's message for the last error; for a failed write, its cause
 * ("disk I/O error" says nothing of a full disk or a file-size limit). */
static int write_failed(int rc)
{
    return (rc & 0xff) == SQLITE_FULL || rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC ||
           rc == SQLITE_IOERR_TRUNCATE;
}

static const char *db_why(dyad_store *s, char *buf, size_t len)
{
    if (!s->db)
        return "no db";
    int rc = sqlite3_extended_errcode(s->db), sys = sqlite3_system_errno(s->db);
    if (write_failed(rc)) {
        snprintf(buf, len, "cannot write: %s",
                 sys ? strerror(sys) : "disk full or over the file-size limit");
        return buf;
    }
    return sqlite3_errmsg(s->db);
}

static dyad_status db_fail(dyad_store *s, const char *what)
{
    char buf[128];
    snprintf(s->errmsg, sizeof s->errmsg, "%s: %s", what, db_why(s, buf, sizeof buf));
    return DYAD_ERR_DB;
}

static dyad_status exec(dyad_store *s, const char *stmt, const char *what)
{
    char *err = NULL;
    if (sqlite3_exec(s->db, stmt, NULL, NULL, &err) != SQLITE_OK) {
        char buf[128];
        int rc = sqlite3_extended_errcode(s->db);
        int io = (rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR;
        snprintf(s->errmsg, sizeof s->errmsg, "%s: %s", what,
                 io || !err ? db_why(s, buf, sizeof buf) : err);
        sqlite3_free(err);
        return DYAD_ERR_DB;
    }
    return DYAD_OK;
}

static int user_version(sqlite3 *db, int *v)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *v = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

static int table_count(sqlite3 *db, int *n)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'", -1,
                                &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *n = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

static dyad_status open_error(dyad_store *s, const char *path);

/* Is the folder holding path writable by this process? 0 with errno set
 * when not. */
static int folder_writable(const char *path, char *dir, size_t dirlen)
{
    const char *slash = strrchr(path, '/');
    int n = slash ? snprintf(dir, dirlen, "%.*s", (int)(slash - path), path)
                  : snprintf(dir, dirlen, ".");
    if (n < 0 || (size_t)n >= dirlen)
        return 1;
    if (n == 0)
        snprintf(dir, dirlen, "/");
    return access(dir, W_OK) == 0;
}

/* Bring the schema to DYADI_STORE_SCHEMA in one transaction, or refuse. */
static dyad_status migrate(dyad_store *s, const char *path)
{
    int v = 0, ntables = 0;
    /* both reads in one read transaction: read apart, a store another
     * ingest is creating can show its tables before its version */
    if (exec(s, "BEGIN", "migrate") != DYAD_OK)
        return open_error(s, path);
    if (user_version(s->db, &v) != SQLITE_OK || table_count(s->db, &ntables) != SQLITE_OK) {
        dyad_status st = open_error(s, path);
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    if (exec(s, "COMMIT", "migrate") != DYAD_OK)
        return open_error(s, path);
    if (v > DYADI_STORE_SCHEMA) {
        snprintf(s->errmsg, sizeof s->errmsg,
                 "%s: store schema version %d is newer than this dyad %s understands (%d); "
                 "use a newer dyad",
                 path, v, dyad_version(), DYADI_STORE_SCHEMA);
        return DYAD_ERR_VERSION;
    }
    if (v == 0 && ntables > 0) {
        snprintf(s->errmsg, sizeof s->errmsg,
                 "%s: not a dyad store (an SQLite database with tables but no dyad schema "
                 "version)", path);
        return DYAD_ERR_FORMAT;
    }
    if (v == DYADI_STORE_SCHEMA)
        return DYAD_OK;
    if (s->readonly) {
        snprintf(s->errmsg, sizeof s->errmsg,
                 "%s: store schema version %d is older than %d (or empty); run `dyad ingest "
                 "--db %s` to migrate it",
                 path, v, DYADI_STORE_SCHEMA, path);
        return DYAD_ERR_VERSION;
    }
    if (exec(s, "BEGIN IMMEDIATE", "migrate") != DYAD_OK)
        return open_error(s, path);
    /* Another process may have migrated the store between the reads above
     * and the write lock (two ingests creating the same store): read the
     * version again under the lock. */
    if (user_version(s->db, &v) != SQLITE_OK || table_count(s->db, &ntables) != SQLITE_OK) {
        snprintf(s->errmsg, sizeof s->errmsg, "migrate: %s", sqlite3_errmsg(s->db));
        goto fail;
    }
    if (v == DYADI_STORE_SCHEMA)
        return exec(s, "COMMIT", "migrate") == DYAD_OK ? DYAD_OK : DYAD_ERR_DB;
    if (v > DYADI_STORE_SCHEMA || (v == 0 && ntables > 0)) {
        snprintf(s->errmsg, sizeof s->errmsg, "%s: changed by another process while opening "
                 "(schema version %d); not a store this dyad can use", path, v);
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return DYAD_ERR_FORMAT;
    }
    for (int k = v; k < DYADI_STORE_SCHEMA; k++)
        if (exec(s, migrations[k], "migrate") != DYAD_OK)
            goto fail;
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", DYADI_STORE_SCHEMA);
    if (exec(s, pragma, "migrate") != DYAD_OK || exec(s, "COMMIT", "migrate") != DYAD_OK)
        goto fail;
    /* A store moved to version 3 leaves the old tables' pages free: give
     * them back to the file system. Another process reading may stop it;
     * the store is whole either way. */
    if (v >= 1 && v < 3)
        sqlite3_exec(s->db, "VACUUM", NULL, NULL, NULL);
    return DYAD_OK;
fail:;
    dyad_status st = open_error(s, path);   /* before ROLLBACK changes the error code */
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

/* The real cause of a failure to open or set up the store at path: a full
 * disk or file-size limit, a folder or file that cannot be written, a lock,
 * or a file that is not a database. Never "not a dyad store" for an I/O
 * error. */
static dyad_status open_error(dyad_store *s, const char *path)
{
    if (!s->db) {
        snprintf(s->errmsg, sizeof s->errmsg, "%s: out of memory", path);
        return DYAD_ERR_NOMEM;
    }
    int rc = sqlite3_extended_errcode(s->db), sys = sqlite3_system_errno(s->db);
    const char *why = sys ? strerror(sys) : sqlite3_errmsg(s->db);
    if (write_failed(rc)) {
        char buf[128];
        snprintf(s->errmsg, sizeof s->errmsg, "%s: %s", path, db_why(s, buf, sizeof buf));
        return DYAD_ERR_IO;
    }
    if (!s->readonly && ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY)) {
        /* SQLite's errno is that of its last probe; ask the folder itself */
        char dir[4096];
        if (!folder_writable(path, dir, sizeof dir)) {
            snprintf(s->errmsg, sizeof s->errmsg, "%.200s: cannot create or write files in "
                     "%.200s: %s", path, dir, strerror(errno));
            return DYAD_ERR_IO;
        }
        if (access(path, F_OK) == 0 && access(path, W_OK) != 0) {
            snprintf(s->errmsg, sizeof s->errmsg, "%s: cannot open for writing: %s", path,
                     strerror(errno));
            return DYAD_ERR_IO;
        }
    }
    switch (rc & 0xff) {
    case SQLITE_NOTADB:
        snprintf(s->errmsg, sizeof s->errmsg, "%s: not a dyad store (not an SQLite database)",
                 path);
        return DYAD_ERR_FORMAT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        s->busy = 1;
        snprintf(s->errmsg, sizeof s->errmsg, "%s: locked by another process: %s", path,
                 sqlite3_errmsg(s->db));
        return DYAD_ERR_DB;
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_IOERR:
    case SQLITE_AUTH:
        snprintf(s->errmsg, sizeof s->errmsg, "%s: cannot %s: %s", path,
                 s->readonly ? "read" : "open for writing", why);
        return DYAD_ERR_IO;
    default:
        snprintf(s->errmsg, sizeof s->errmsg, "%s: %s", path, sqlite3_errmsg(s->db));
        return DYAD_ERR_DB;
    }
}

/* A read-only open of a WAL store needs its -shm file, which SQLite cannot
 * create in a folder it cannot write: open it then as an immutable file
 * (nothing can change it there anyway). NULL when the URI does not fit. */
static char *immutable_uri(const char *path)
{
    size_t n = strlen(path);
    if (n > 4000)
        return NULL;
    char *u = malloc(3 * n + 32);
    if (!u)
        return NULL;
    size_t k = (size_t)snprintf(u, 3 * n + 32, "file:");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        if (c == '%' || c == '?' || c == '#' || c < 0x20)
            k += (size_t)snprintf(u + k, 4, "%%%02X", c);
        else
            u[k++] = (char)c;
    }
    snprintf(u + k, 3 * n + 32 - k, "?immutable=1");
    return u;
}

static dyad_status setup(dyad_store *s, const char *path, int readonly, int immutable)
{
    dyad_status st;
    /* One handle per thread (dyad.h; dyad serve takes a connection from
     * its pool for one request at a time): no mutex of SQLite's own around
     * every bind, step and column read. It cost the writer 4% of its time
     * (docs/BENCHMARKS.md, "Store size and ingest speed") and a
     * million-event export 30 million locks and unlocks ("GDELT export"). */
    int flags = readonly ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
                         : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    char *uri = NULL;
    if (immutable) {
        if (!(uri = immutable_uri(path))) {
            snprintf(s->errmsg, sizeof s->errmsg, "%s: path too long", path);
            return DYAD_ERR_ARG;
        }
        flags |= SQLITE_OPEN_URI;
    }
    int rc = sqlite3_open_v2(uri ? uri : path, &s->db, flags, NULL);
    free(uri);
    if (rc != SQLITE_OK) {
        st = open_error(s, path);
        return readonly && st == DYAD_ERR_IO && access(path, F_OK) != 0 ? DYAD_ERR_NOTFOUND : st;
    }
    /* Another process (a query during an ingest) may hold the lock briefly;
     * several ingests into one store take turns for each batch, and on a
     * loaded machine four of them (tests/cli/faults.sh under ASan, load
     * average 8) waited more than the 10 s this was. */
    sqlite3_busy_timeout(s->db, 60000);
    /* the views read the text through these, and migration 2 -> 3 needs them */
    if (dyadi_pack_register(s->db) != SQLITE_OK)
        return db_fail(s, "register functions");
    if (!readonly) {
        /* WAL lets readers run during an ingest; NORMAL syncs at checkpoints
         * only, which in WAL mode still never corrupts the file. A 32 MiB
         * page cache keeps the indexes of a large store in memory instead
         * of re-reading pages from the file for every insert. A checkpoint
         * every 4096 pages (64 MiB of WAL) bounds the disk a long ingest
         * holds beyond the store. 16 KiB pages: a document's deflated text
         * (about 1 KB) leaves less of each page unused than with 4 KiB
         * (measured: 12% of the documents' pages). Only a new file takes
         * the page size. */
        if (exec(s, "PRAGMA page_size = 16384", path) != DYAD_OK ||
            exec(s, "PRAGMA journal_mode = WAL", path) != DYAD_OK ||
            exec(s, "PRAGMA synchronous = NORMAL", path) != DYAD_OK ||
            exec(s, "PRAGMA cache_size = -32768", path) != DYAD_OK ||
            exec(s, "PRAGMA wal_autocheckpoint = 4096", path) != DYAD_OK ||
            exec(s, "PRAGMA temp_store = MEMORY", path) != DYAD_OK)
            return open_error(s, path);
    }
    /* migration 2 -> 3 hashes the stored sentences */
    if (!readonly && dyadi_repeats_register(s->db) != SQLITE_OK)
        return db_fail(s, "register functions");
    if ((st = migrate(s, path)) != DYAD_OK)
        return st;
    if (!readonly) {
        for (int i = 0; i < Q_COUNT; i++)
            if (sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->q[i], NULL) !=
                SQLITE_OK)
                return db_fail(s, "prepare");
    }
    return DYAD_OK;
}

/* Remove the empty files a failed creation left (a full disk before the
 * first page was written): only files that did not exist before and are
 * still empty, so nothing another process wrote is touched. */
static void remove_empty(const char *path)
{
    static const char *const sfx[] = {"", "-journal", "-wal", "-shm"};
    char p[4096];
    struct stat sb;
    if (stat(path, &sb) != 0 || sb.st_size != 0)
        return;
    for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++) {
        int n = snprintf(p, sizeof p, "%s%s", path, sfx[i]);
        if (n > 0 && (size_t)n < sizeof p && stat(p, &sb) == 0 && sb.st_size == 0)
            unlink(p);
    }
}

/* Setups stopped by another process's lock tried again, 50 ms apart. */
#define OPEN_RETRIES 40

static dyad_status open_store(const char *path, int readonly, dyad_store **out, char *errbuf,
                              size_t errlen)
{
    dyad_status st = DYAD_ERR_NOMEM;
    int existed = 1;
    *out = NULL;
    if (errbuf && errlen)
        errbuf[0] = '\0';
    dyad_store *s = calloc(1, sizeof *s);
    if (!s)
        goto fail;
    if (!(s->intern = dyadi_intern_new()) || !(s->pack = dyadi_packer_new())) {
        snprintf(s->errmsg, sizeof s->errmsg, "out of memory");
        goto fail;
    }
    s->readonly = readonly;
    st = DYAD_ERR_ARG;
    if (!path) {
        snprintf(s->errmsg, sizeof s->errmsg, "no database path");
        goto fail;
    }
    existed = access(path, F_OK) == 0;
    /* Two ingests creating or migrating the same store at once: some of
     * SQLite's lock steps (the switch to WAL mode) fail at once instead of
     * waiting for the busy timeout, so a setup stopped by a lock held
     * elsewhere is tried again, a bounded number of times. */
    for (int attempt = 0;; attempt++) {
        s->busy = 0;
        st = setup(s, path, readonly, 0);
        if (st == DYAD_OK || !s->busy || attempt == OPEN_RETRIES)
            break;
        for (int i = 0; i < Q_COUNT; i++) {
            sqlite3_finalize(s->q[i]);
            s->q[i] = NULL;
        }
        sqlite3_close(s->db);
        s->db = NULL;
        struct timespec pause = {0, 50L * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    char dir[4096];
    if (st == DYAD_ERR_IO && readonly && existed && !folder_writable(path, dir, sizeof dir)) {
        /* a WAL store in a folder this process cannot write */
        sqlite3_close(s->db);
        s->db = NULL;
        st = setup(s, path, readonly, 1);
    }
    if (st != DYAD_OK)
        goto fail;
    *out = s;
    return DYAD_OK;
fail:
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", s ? s->errmsg : "out of memory");
    dyad_store_free(s);
    if (!readonly && path && !existed && st == DYAD_ERR_IO)
        remove_empty(path);
    return st;
}

dyad_status dyad_store_open(const char *path, dyad_store **out, char *errbuf, size_t errlen)
{
    if (!path || !dyadi_pg_uri(path))
        return open_store(path, 0, out, errbuf, errlen);
    *out = NULL;
    dyad_store *s = calloc(1, sizeof *s);
    if (!s) {
        if (errbuf && errlen)
            snprintf(errbuf, errlen, "out of memory");
        return DYAD_ERR_NOMEM;
    }
    dyad_status st = dyadi_pg_open(path, 0, &s->pg, errbuf, errlen);
    if (st != DYAD_OK) {
        free(s);
        return st;
    }
    *out = s;
    return DYAD_OK;
}

dyad_status dyad_store_open_readonly(const char *path, dyad_store **out, char *errbuf,
                                     size_t errlen)
{
    if (path && dyadi_pg_uri(path)) {
        /* the reading commands read it through dyadi_store_sqldb */
        *out = NULL;
        dyad_store *s = calloc(1, sizeof *s);
        if (!s) {
            if (errbuf && errlen)
                snprintf(errbuf, errlen, "out of memory");
            return DYAD_ERR_NOMEM;
        }
        s->readonly = 1;
        dyad_status st = dyadi_pg_open(path, 1, &s->pg, errbuf, errlen);
        if (st != DYAD_OK) {
            free(s);
            return st;
        }
        *out = s;
        return DYAD_OK;
    }
    return open_store(path, 1, out, errbuf, errlen);
}

void dyad_store_free(dyad_store *s)
{
    if (!s)
        return;
    dyadi_sqldb_free(s->rows);
    dyadi_pg_free(s->pg);
    if (s->in_tx && s->db)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(s->q[i]);
    sqlite3_close(s->db);
    for (int i = 0; i < D_COUNT; i++)
        free(s->doc[i]);
    dyadi_intern_free(s->intern);
    dyadi_packer_free(s->pack);
    free(s->key);
    free(s->ids);
    free(s);
}

const char *dyad_store_errmsg(const dyad_store *s)
{
    if (s && s->pg)
        return dyadi_pg_errmsg(s->pg);
    return s ? s->errmsg : "no store";
}

struct sqlite3 *dyad_store_sqlite(dyad_store *s)
{
    return s ? s->db : NULL;
}

dyadi_sqldb *dyadi_store_sqldb(dyad_store *s)
{
    if (s && !s->rows && (s->db || s->pg))
        s->rows = dyadi_sqldb_new(s->db, dyadi_pg_conn(s->pg));
    return s ? s->rows : NULL;
}

void dyad_content_hash(const char *text, size_t n, char out[DYAD_CONTENT_HASH_LEN])
{
    /* Two independent 64-bit hashes (FNV-1a, and a multiply-rotate hash
     * seeded with the length): 128 bits make an accidental collision
     * between two different articles negligible at any corpus size. Not
     * cryptographic: it finds duplicates, it does not resist forgery. */
    uint64_t a = 0xcbf29ce484222325ULL;
    uint64_t b = 0x9e3779b97f4a7c15ULL ^ (uint64_t)n;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        a = (a ^ c) * 0x100000001b3ULL;
        b = (b ^ c) * 0xbf58476d1ce4e5b9ULL;
        b = (b << 31) | (b >> 33);
    }
    b ^= b >> 29;
    b *= 0x94d049bb133111ebULL;
    b ^= b >> 32;
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        out[15 - i] = hex[(a >> (4 * i)) & 0xF];
        out[31 - i] = hex[(b >> (4 * i)) & 0xF];
    }
    out[32] = '\0';
}

static int bind_text(sqlite3_stmt *st, int i, const char *v)
{
    return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

/* Key columns use '' for "absent" so that UNIQUE compares them. */
static int bind_key(sqlite3_stmt *st, int i, const char *v)
{
    return sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_STATIC);
}

static int bind_real(sqlite3_stmt *st, int i, double v)
{
    return isfinite(v) ? sqlite3_bind_double(st, i, v) : sqlite3_bind_null(st, i);
}

/* Run a statement that returns no rows; reset it whatever happens. */
static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

dyad_status dyad_store_has_doc(dyad_store *s, const char *id, const char *content_hash,
                               int *found)
{
    *found = 0;
    if (s && s->pg)
        return dyadi_pg_has_doc(s->pg, id, content_hash, found);
    if (!s || !s->q[Q_HAS_DOC])
        return DYAD_ERR_ARG;
    sqlite3_stmt *st = s->q[Q_HAS_DOC];
    bind_text(st, 1, id);
    unsigned char hb[DYAD_CONTENT_HASH_LEN / 2];
    size_t hn = content_hash ? dyadi_pack_hash(content_hash, hb) : 0;
    if (hn)
        sqlite3_bind_blob(st, 2, hb, (int)hn, SQLITE_TRANSIENT);
    else
        bind_text(st, 2, content_hash);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *found = 1;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(s, "has_doc");
    return DYAD_OK;
}

dyad_status dyad_store_begin(dyad_store *s)
{
    if (s && s->pg)
        return dyadi_pg_unsupported(s->pg, "dyad_store_begin (use dyad_store_batch_write)");
    if (!s || s->readonly || s->in_tx)
        return DYAD_ERR_ARG;
    /* IMMEDIATE takes the write lock now rather than failing half-way. */
    if (exec(s, "BEGIN IMMEDIATE", "begin") != DYAD_OK)
        return DYAD_ERR_DB;
    s->in_tx = 1;
    return DYAD_OK;
}

dyad_status dyad_store_commit(dyad_store *s)
{
    if (s && s->pg)
        return dyadi_pg_unsupported(s->pg, "dyad_store_commit (use dyad_store_batch_write)");
    if (!s || !s->in_tx)
        return DYAD_ERR_ARG;
    s->in_tx = 0;
    if (exec(s, "COMMIT", "commit") != DYAD_OK) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        dyadi_intern_clear(s->intern);
        return DYAD_ERR_DB;
    }
    return DYAD_OK;
}

static int push_id(dyad_store *s, int64_t id)
{
    if (s->n_ids == s->cap_ids) {
        size_t cap = s->cap_ids ? s->cap_ids * 2 : 64;
        if (cap > MAX_TOUCHED)
            return -1;
        int64_t *p = realloc(s->ids, cap * sizeof *p);
        if (!p)
            return -1;
        s->ids = p;
        s->cap_ids = cap;
    }
    s->ids[s->n_ids++] = id;
    return 0;
}

static int cmp_id(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* Remove what a stored document contributed, remembering the events it
 * touched so that their counts are recomputed afterwards. */
static dyad_status forget_doc(dyad_store *s, const char *id)
{
    sqlite3_stmt *st = s->q[Q_DOC_EVENTS];
    bind_text(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (push_id(s, sqlite3_column_int64(st, 0)) != 0) {
            sqlite3_reset(st);
            snprintf(s->errmsg, sizeof s->errmsg, "doc %s: too many events", id);
            return DYAD_ERR_NOMEM;
        }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_fail(s, "forget");
    const int del[] = {Q_DEL_DOC_MENTIONS, Q_DEL_DOC_SIGHTINGS, Q_DEL_DOC_QUOTES};
    for (size_t i = 0; i < sizeof del / sizeof del[0]; i++) {
        bind_text(s->q[del[i]], 1, id);
        if (step_done(s->q[del[i]]) != SQLITE_OK)
            return db_fail(s, "forget");
    }
    return DYAD_OK;
}

/* The id of an interned string (store_strings) in *id: from the map, the
 * table, or a new row. */
static dyad_status intern_key(dyad_store *s, const char *key, size_t n, int64_t *id)
{
    *id = dyadi_intern_get(s->intern, key, n);
    if (*id >= 0)
        return DYAD_OK;
    /* the map keys strings with a leading 's', actor forms with 'f' */
    sqlite3_stmt *st = s->q[Q_FIND_STRING];
    sqlite3_bind_text(st, 1, key + 1, (int)(n - 1), SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(s, "find string");
    if (rc == SQLITE_DONE) {
        st = s->q[Q_INS_STRING];
        sqlite3_bind_text(st, 1, key + 1, (int)(n - 1), SQLITE_STATIC);
        if (step_done(st) != SQLITE_OK)
            return db_fail(s, "store string");
        *id = sqlite3_last_insert_rowid(s->db);
    }
    dyadi_intern_put(s->intern, key, n, *id);
    return DYAD_OK;
}

char *dyadi_store_grow(char **buf, size_t *cap, size_t n)
{
    if (n > *cap) {
        char *k = realloc(*buf, n);
        if (!k)
            return NULL;
        *buf = k;
        *cap = n;
    }
    return *buf;
}

/* Make room for n bytes of intern key. */
static char *key_buf(dyad_store *s, size_t n)
{
    return dyadi_store_grow(&s->key, &s->key_cap, n);
}

/* The id of string str (n bytes) in *id, stored when new. */
static dyad_status string_id(dyad_store *s, const char *str, size_t n, int64_t *id)
{
    char *k = key_buf(s, n + 1);
    if (!k) {
        snprintf(s->errmsg, sizeof s->errmsg, "out of memory");
        return DYAD_ERR_NOMEM;
    }
    k[0] = 's';
    memcpy(k + 1, str, n);
    return intern_key(s, k, n + 1, id);
}

/* Bind column i to the id of string str (n bytes), or NULL for no string. */
static dyad_status bind_string(dyad_store *s, sqlite3_stmt *st, int i, const char *str, size_t n)
{
    if (!str) {
        sqlite3_bind_null(st, i);
        return DYAD_OK;
    }
    int64_t id;
    dyad_status r = string_id(s, str, n, &id);
    if (r == DYAD_OK)
        sqlite3_bind_int64(st, i, id);
    return r;
}

static dyad_status bind_cstring(dyad_store *s, sqlite3_stmt *st, int i, const char *str)
{
    return bind_string(s, st, i, str, str ? strlen(str) : 0);
}

static dyad_status put_doc_row(dyad_store *s, const dyad_doc *doc, const char *lang,
                               const char *hash, size_t n_events, int update, int64_t *n)
{
    sqlite3_stmt *st = s->q[update ? Q_UPD_DOC : Q_INS_DOC];
    const unsigned char *z = NULL;
    size_t zn = 0;
    if (dyadi_packer_pack(s->pack, doc->text ? doc->text : "", doc->text_len, &z, &zn) != 0) {
        snprintf(s->errmsg, sizeof s->errmsg, "doc %.100s: out of memory", doc->id);
        return DYAD_ERR_NOMEM;
    }
    bind_text(st, 1, doc->id);
    bind_text(st, 2, doc->date);
    bind_text(st, 3, lang);
    bind_text(st, 4, doc->title);
    bind_text(st, 5, doc->url);
    bind_text(st, 6, doc->source);
    unsigned char hb[DYAD_CONTENT_HASH_LEN / 2];
    size_t hn = dyadi_pack_hash(hash, hb);
    if (hn)
        sqlite3_bind_blob(st, 7, hb, (int)hn, SQLITE_TRANSIENT);
    else
        bind_text(st, 7, hash);
    /* deflated, or the text itself when deflating does not shorten it */
    sqlite3_bind_blob(st, 8, z ? (const void *)z : (const void *)(doc->text ? doc->text : ""),
                      (int)zn, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, s->now, -1, SQLITE_STATIC);
    bind_text(st, 10, dyad_version());
    sqlite3_bind_int64(st, 11, (sqlite3_int64)n_events);
    sqlite3_bind_int64(st, 12, (sqlite3_int64)doc->body);
    sqlite3_bind_int64(st, 13, (sqlite3_int64)doc->text_len);
    int rc = step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(s, "store document");
    if (!update) {
        *n = sqlite3_last_insert_rowid(s->db);
        return DYAD_OK;
    }
    st = s->q[Q_DOC_N];
    bind_text(st, 1, doc->id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_ROW ? DYAD_OK : db_fail(s, "store document");
}

/* Append a field of an actor form's key: 0 for none, else 1, the bytes
 * and a 0 (no field holds a 0 byte: they are C strings). */
static size_t key_field(char *k, const char *v)
{
    if (!v) {
        k[0] = 0;
        return 1;
    }
    size_t n = strlen(v);
    k[0] = 1;
    memcpy(k + 1, v, n);
    k[n + 1] = 0;
    return n + 2;
}

static size_t key_real(char *k, double v)
{
    if (!isfinite(v)) {
        k[0] = 0;
        return 1;
    }
    k[0] = 1;
    memcpy(k + 1, &v, sizeof v);
    return 1 + sizeof v;
}

static size_t len_or0(const char *v)
{
    return v ? strlen(v) : 0;
}

size_t dyadi_store_form_key_cap(const dyad_mention *m, size_t n)
{
    return 1 + 8 + (n + 2) + len_or0(m->code) + len_or0(m->country) + len_or0(m->entry) +
           len_or0(m->resolved_by) + 4 * 2 + 2 * (1 + sizeof(double));
}

size_t dyadi_store_form_key(const dyad_mention *m, const char *text, size_t n, char *k)
{
    const char *kind = m->kind == DYAD_MENTION_PLACE ? "place" : "actor";
    size_t at = 0;
    k[at++] = 'f';
    at += key_field(k + at, kind);
    if (text) {
        k[at++] = 1;
        memcpy(k + at, text, n);
        at += n;
        k[at++] = 0;
    } else {
        k[at++] = 0;
    }
    at += key_field(k + at, m->code);
    at += key_field(k + at, m->country);
    at += key_field(k + at, m->entry);
    at += key_field(k + at, m->resolved_by);
    at += key_real(k + at, m->lat);
    at += key_real(k + at, m->lon);
    return at;
}

/* The id of a mention's form (kind, text, code, country, entry, resolved_by,
 * lat, lon) in *id, stored when new. text is n bytes, or NULL. */
static dyad_status form_id(dyad_store *s, const dyad_mention *m, const char *text, size_t n,
                           int64_t *id)
{
    const char *kind = m->kind == DYAD_MENTION_PLACE ? "place" : "actor";
    char *k = key_buf(s, dyadi_store_form_key_cap(m, n));
    if (!k)
        return DYAD_ERR_NOMEM;
    size_t at = dyadi_store_form_key(m, text, n, k);
    *id = dyadi_intern_get(s->intern, k, at);
    if (*id >= 0)
        return DYAD_OK;
    sqlite3_stmt *st = s->q[Q_FIND_FORM];
    for (int pass = 0; pass < 2; pass++) {
        bind_text(st, 1, kind);
        if (text)
            sqlite3_bind_text(st, 2, text, (int)n, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 2);
        bind_text(st, 3, m->code);
        bind_text(st, 4, m->country);
        bind_text(st, 5, m->entry);
        bind_text(st, 6, m->resolved_by);
        bind_real(st, 7, m->lat);
        bind_real(st, 8, m->lon);
        if (pass == 0) {
            int rc = sqlite3_step(st);
            if (rc == SQLITE_ROW)
                *id = sqlite3_column_int64(st, 0);
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                return db_fail(s, "find actor form");
            if (rc == SQLITE_ROW)
                break;
            st = s->q[Q_INS_FORM];
            continue;
        }
        if (step_done(st) != SQLITE_OK)
            return db_fail(s, "store actor form");
        *id = sqlite3_last_insert_rowid(s->db);
    }
    dyadi_intern_put(s->intern, k, at, *id);
    return DYAD_OK;
}

static dyad_status put_mentions(dyad_store *s, const dyad_doc *doc, const dyadi_store_results *r,
                                int64_t n)
{
    sqlite3_stmt *st = s->q[Q_INS_MENTION];
    for (size_t i = 0; i < r->n_mentions; i++) {
        const dyad_mention *m = &r->mentions[i];
        int sliced = m->span.start <= m->span.end && m->span.end <= doc->text_len;
        int64_t form = 0;
        dyad_status fs = form_id(s, m, sliced ? doc->text + m->span.start : NULL,
                                 sliced ? m->span.end - m->span.start : 0, &form);
        if (fs != DYAD_OK)
            return fs;
        sqlite3_bind_int64(st, 1, n);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, m->sent);
        sqlite3_bind_int64(st, 4, m->span.start);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)m->span.end - (sqlite3_int64)m->span.start);
        sqlite3_bind_int64(st, 6, form);
        if (step_done(st) != SQLITE_OK)
            return db_fail(s, "store mention");
    }
    return DYAD_OK;
}

static dyad_status put_quotes(dyad_store *s, const dyad_doc *doc, const dyadi_store_results *r,
                              int64_t n)
{
    sqlite3_stmt *st = s->q[Q_INS_QUOTE];
    for (size_t i = 0; i < r->n_quotes; i++) {
        const dyad_quote *q = &r->quotes[i];
        if (q->span.start > q->span.end || q->span.end > doc->text_len)
            continue;
        /* the quote's text is cut from the document's when read (the view) */
        sqlite3_bind_int64(st, 1, n);
        sqlite3_bind_int64(st, 2, q->sent);
        dyad_status bs = bind_cstring(s, st, 3, q->speaker);
        if (bs == DYAD_OK) {
            if (q->speaker && q->speaker_span.start <= q->speaker_span.end &&
                q->speaker_span.end <= doc->text_len)
                bs = bind_string(s, st, 4, doc->text + q->speaker_span.start,
                                 q->speaker_span.end - q->speaker_span.start);
            else
                sqlite3_bind_null(st, 4);
        }
        if (bs != DYAD_OK) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            return bs;
        }
        sqlite3_bind_int64(st, 5, q->span.start);
        sqlite3_bind_int64(st, 6, q->span.end);
        if (step_done(st) != SQLITE_OK)
            return db_fail(s, "store quote");
    }
    return DYAD_OK;
}

/* Find or create the de-duplicated event for e; its id in *id. */
static dyad_status event_id(dyad_store *s, const dyad_doc *doc, const dyad_event *e, int64_t *id)
{
    const char *date = e->event_date ? e->event_date : doc->date;
    const char *pol = dyad_polarity_name(e->polarity);
    const char *mod = dyad_modality_name(e->modality);
    const char *tcode = e->target.code;
    sqlite3_stmt *st = s->q[Q_INS_EVENT];
    bind_key(st, 1, date);
    bind_key(st, 2, e->source.code);
    bind_text(st, 3, e->source.country);
    bind_key(st, 4, tcode);
    bind_text(st, 5, tcode ? e->target.country : NULL);
    bind_key(st, 6, e->code);
    bind_text(st, 7, e->root);
    sqlite3_bind_int(st, 8, e->quad);
    bind_real(st, 9, e->goldstein);
    bind_text(st, 10, e->plover);
    bind_key(st, 11, e->location);
    bind_text(st, 12, e->location_country);
    bind_real(st, 13, e->lat);
    bind_real(st, 14, e->lon);
    bind_text(st, 15, pol);
    bind_text(st, 16, mod);
    sqlite3_bind_text(st, 17, s->now, -1, SQLITE_STATIC);
    if (step_done(st) != SQLITE_OK)
        return db_fail(s, "store event");
    if (sqlite3_changes(s->db) == 1) {
        *id = sqlite3_last_insert_rowid(s->db);
        return DYAD_OK;
    }
    st = s->q[Q_FIND_EVENT];
    bind_key(st, 1, date);
    bind_key(st, 2, e->source.code);
    bind_key(st, 3, tcode);
    bind_key(st, 4, e->code);
    bind_key(st, 5, e->location);
    bind_text(st, 6, pol);
    bind_text(st, 7, mod);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_ROW)
        return db_fail(s, "find event");
    return DYAD_OK;
}

static dyad_status bind_span(dyad_store *s, sqlite3_stmt *st, int i, const char *text,
                             dyad_span sp, int present)
{
    if (!present) {
        sqlite3_bind_null(st, i);
        sqlite3_bind_null(st, i + 1);
        sqlite3_bind_null(st, i + 2);
        return DYAD_OK;
    }
    sqlite3_bind_int64(st, i + 1, sp.start);
    sqlite3_bind_int64(st, i + 2, sp.end);
    return bind_cstring(s, st, i, text);
}

/* Add one sighting to the counts of event id, before it is inserted. */
static dyad_status add_counts(dyad_store *s, int64_t id, int64_t doc, int64_t doc_source,
                              int64_t mentions)
{
    sqlite3_stmt *q = s->q[Q_SEEN];
    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_int64(q, 2, doc_source);
    sqlite3_bind_int64(q, 3, doc);
    int rc = sqlite3_step(q);
    int source_seen = rc == SQLITE_ROW && sqlite3_column_int(q, 0);
    int doc_seen = rc == SQLITE_ROW && sqlite3_column_int(q, 1);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_ROW)
        return db_fail(s, "count sighting");
    q = s->q[Q_ADD_COUNTS];
    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_int64(q, 2, mentions);
    sqlite3_bind_int(q, 3, !source_seen);
    sqlite3_bind_int(q, 4, !doc_seen);
    if (step_done(q) != SQLITE_OK)
        return db_fail(s, "count sighting");
    return DYAD_OK;
}

static dyad_status put_events(dyad_store *s, const dyad_doc *doc, const dyadi_store_results *r,
                              int64_t n)
{
    /* A document with no source name cannot be shown to share a source
     * with another, so it counts as a source of its own. */
    char own[256];
    const char *doc_source = doc->source && doc->source[0] ? doc->source : own;
    snprintf(own, sizeof own, "doc:%s", doc->id);
    int64_t source_id = 0;
    if (r->n_events) {
        dyad_status ss = string_id(s, doc_source, strlen(doc_source), &source_id);
        if (ss != DYAD_OK)
            return ss;
    }
    for (size_t i = 0; i < r->n_events; i++) {
        const dyad_event *e = &r->events[i];
        int64_t id = 0;
        int64_t mentions = e->mentions ? e->mentions : 1;
        const char *sentence = NULL;
        dyad_span sp = {0, 0};
        if (e->sent < r->n_sents && r->sents[e->sent].span.start <= r->sents[e->sent].span.end &&
            r->sents[e->sent].span.end <= doc->text_len) {
            sp = r->sents[e->sent].span;
            sentence = doc->text + sp.start;
        }
        /* Boilerplate: the same sentence from the same source in another
         * document is a repeat of the event it gave there (repeats.c). */
        int repeat = dyadi_repeat_find(s->q[Q_FIND_REPEAT], e, doc->id, doc_source, sentence,
                                       sp.end - sp.start, &id);
        if (repeat < 0)
            return db_fail(s, "find repeat");
        dyad_status st = repeat ? DYAD_OK : event_id(s, doc, e, &id);
        if (st == DYAD_OK)
            st = add_counts(s, id, n, source_id, mentions);
        if (st != DYAD_OK)
            return st;
        sqlite3_stmt *q = s->q[Q_INS_SIGHTING];
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_int64(q, 2, n);
        sqlite3_bind_int64(q, 3, e->sent);
        /* the sentence is cut from the document's text when read (the view):
         * evidence survives without the coder, stored once */
        if (sentence) {
            sqlite3_bind_int64(q, 4, sp.start);
            sqlite3_bind_int64(q, 5, (sqlite3_int64)(sp.end - sp.start));
            sqlite3_bind_int64(q, 22, dyadi_sentence_hash62(sentence, sp.end - sp.start));
        } else {
            sqlite3_bind_null(q, 4);
            sqlite3_bind_null(q, 5);
        }
        char rule[256];
        if (repeat)
            snprintf(rule, sizeof rule, "%s%s", DYADI_REPEAT_RULE, e->rule ? e->rule : "");
        if ((st = bind_span(s, q, 6, e->trigger_text, e->trigger, 1)) != DYAD_OK ||
            (st = bind_span(s, q, 9, e->source.text, e->source.span, 1)) != DYAD_OK ||
            (st = bind_span(s, q, 12, e->target.text, e->target.span, e->target.code != NULL)) !=
                DYAD_OK ||
            (st = bind_cstring(s, q, 15, e->attribution_text)) != DYAD_OK ||
            (st = bind_cstring(s, q, 16, e->attribution_code)) != DYAD_OK ||
            (st = bind_cstring(s, q, 17, repeat ? rule : e->rule)) != DYAD_OK ||
            (st = bind_cstring(s, q, 18, dyad_polarity_name(e->polarity))) !=
                DYAD_OK ||
            (st = bind_cstring(s, q, 19, dyad_modality_name(e->modality))) !=
                DYAD_OK) {
            sqlite3_reset(q);
            sqlite3_clear_bindings(q);
            return st;
        }
        sqlite3_bind_int64(q, 20, mentions);
        sqlite3_bind_int64(q, 21, source_id);
        if (step_done(q) != SQLITE_OK)
            return db_fail(s, "store sighting");
    }
    return DYAD_OK;
}

/* Recompute from their sightings the counts of the events a forgotten
 * document touched; drop those left with none (a re-coded document no
 * longer reports them). */
static dyad_status recount(dyad_store *s)
{
    if (s->n_ids > 1)
        qsort(s->ids, s->n_ids, sizeof *s->ids, cmp_id);
    for (size_t i = 0; i < s->n_ids; i++) {
        if (i > 0 && s->ids[i] == s->ids[i - 1])
            continue;
        sqlite3_bind_int64(s->q[Q_RECOUNT], 1, s->ids[i]);
        if (step_done(s->q[Q_RECOUNT]) != SQLITE_OK)
            return db_fail(s, "recount");
        sqlite3_bind_int64(s->q[Q_DEL_EMPTY_EVENT], 1, s->ids[i]);
        if (step_done(s->q[Q_DEL_EMPTY_EVENT]) != SQLITE_OK)
            return db_fail(s, "recount");
    }
    return DYAD_OK;
}

dyad_status dyadi_store_put(dyad_store *s, const dyad_doc *doc, const dyadi_store_results *r,
                            int replace)
{
    if (s && s->pg) {
        /* one document, one transaction */
        if (!doc || !doc->id || !r || doc->body > doc->text_len)
            return DYAD_ERR_ARG;
        dyadi_store_item it = {*doc, *r, replace};
        dyad_store_counts n;
        dyad_status st = dyadi_pg_write(s->pg, &it, 1, &n);
        return st == DYAD_OK && n.present ? DYAD_DONE : st;
    }
    if (!s || !doc || !doc->id || !r || s->readonly || !s->q[0] || doc->body > doc->text_len)
        return DYAD_ERR_ARG;
    /* the article's hash, header left out: the same article under another
     * date header is the same document, as it was before headers were kept */
    char hash[DYAD_CONTENT_HASH_LEN];
    dyad_content_hash(doc->text ? doc->text + doc->body : "", doc->text_len - doc->body, hash);
    int found = 0;
    dyad_status st = dyad_store_has_doc(s, doc->id, replace ? NULL : hash, &found);
    if (st != DYAD_OK)
        return st;
    if (found && !replace)
        return DYAD_DONE;
    s->n_ids = 0;
    time_t t = time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(s->now, sizeof s->now, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(s->now, sizeof s->now, "1970-01-01T00:00:00Z");
    /* A batch is undone whole when a document fails (dyad_store_batch_write),
     * so its documents need no savepoint of their own: two statements and a
     * sub-journal less per document. */
    if (!s->batching && step_done(s->q[Q_SAVEPOINT]) != SQLITE_OK)
        return db_fail(s, "savepoint");
    if (found && ((st = forget_doc(s, doc->id)) != DYAD_OK || (st = recount(s)) != DYAD_OK))
        goto fail;
    int64_t n = 0;
    st = put_doc_row(s, doc, r->lang ? r->lang : doc->lang, hash, r->n_events, found, &n);
    if (st != DYAD_OK)
        goto fail;
    if ((st = put_mentions(s, doc, r, n)) != DYAD_OK || (st = put_events(s, doc, r, n)) != DYAD_OK ||
        (st = put_quotes(s, doc, r, n)) != DYAD_OK)
        goto fail;
    if (!s->batching && step_done(s->q[Q_RELEASE]) != SQLITE_OK) {
        st = db_fail(s, "release");
        goto fail;
    }
    return DYAD_OK;
fail:
    /* Undo this document only; earlier documents of the batch stay. The
     * ids it interned are gone with it. */
    dyadi_intern_clear(s->intern);
    if (!s->batching) {
        sqlite3_exec(s->db, "ROLLBACK TO dyad_doc", NULL, NULL, NULL);
        sqlite3_exec(s->db, "RELEASE dyad_doc", NULL, NULL, NULL);
    }
    return st;
}

static void results_of(const dyad_coder *c, dyadi_store_results *r)
{
    memset(r, 0, sizeof *r);
    r->lang = dyad_coder_lang(c);
    r->sents = dyad_coder_sentences(c, &r->n_sents);
    r->mentions = dyad_coder_mentions(c, &r->n_mentions);
    r->events = dyad_coder_events(c, &r->n_events);
    r->quotes = dyad_coder_quotes(c, &r->n_quotes);
    if (!r->quotes)
        r->n_quotes = 0;
    if (!r->sents)
        r->n_sents = 0;
    if (!r->mentions)
        r->n_mentions = 0;
    if (!r->events)
        r->n_events = 0;
}

dyad_status dyad_store_add_doc(dyad_store *s, const dyad_doc *doc, const dyad_coder *c)
{
    if (!c)
        return DYAD_ERR_ARG;
    dyadi_store_results r;
    results_of(c, &r);
    return dyadi_store_put(s, doc, &r, 0);
}

dyad_status dyad_store_replace_doc(dyad_store *s, const dyad_doc *doc, const dyad_coder *c)
{
    if (!c)
        return DYAD_ERR_ARG;
    dyadi_store_results r;
    results_of(c, &r);
    return dyadi_store_put(s, doc, &r, 1);
}

static char *dup_col(sqlite3_stmt *st, int i, size_t *len)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    size_t n = (size_t)sqlite3_column_bytes(st, i);
    if (len)
        *len = n;
    if (!v)
        return NULL;
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, v, n);
        p[n] = '\0';
    }
    return p;
}

dyad_status dyad_store_next_doc(dyad_store *s, int64_t *pos, dyad_doc *doc)
{
    if (s && s->pg)
        return dyadi_pg_unsupported(s->pg, "reading the stored documents back (--recode)");
    if (!s || !pos || !doc || !s->q[Q_NEXT_DOC])
        return DYAD_ERR_ARG;
    memset(doc, 0, sizeof *doc);
    for (int i = 0; i < D_COUNT; i++) {
        free(s->doc[i]);
        s->doc[i] = NULL;
    }
    sqlite3_stmt *st = s->q[Q_NEXT_DOC];
    sqlite3_bind_int64(st, 1, *pos);
    int rc = sqlite3_step(st);
    dyad_status ret = DYAD_DONE;
    if (rc == SQLITE_ROW) {
        ret = DYAD_OK;
        *pos = sqlite3_column_int64(st, 0);
        size_t tlen = 0;
        for (int i = 0; i < D_COUNT; i++) {
            int null = sqlite3_column_type(st, i + 1) == SQLITE_NULL;
            s->doc[i] = dup_col(st, i + 1, i == D_TEXT ? &tlen : NULL);
            if (!null && !s->doc[i])
                ret = DYAD_ERR_NOMEM;
        }
        doc->id = s->doc[D_ID];
        doc->date = s->doc[D_DATE];
        doc->lang = s->doc[D_LANG];
        doc->title = s->doc[D_TITLE];
        doc->url = s->doc[D_URL];
        doc->source = s->doc[D_SOURCE];
        doc->text = s->doc[D_TEXT] ? s->doc[D_TEXT] : "";
        doc->text_len = s->doc[D_TEXT] ? tlen : 0;
        sqlite3_int64 body = sqlite3_column_int64(st, D_COUNT + 1);
        doc->body = body > 0 && (uint64_t)body <= doc->text_len ? (size_t)body : 0;
    } else if (rc != SQLITE_DONE) {
        ret = db_fail(s, "read documents");
    }
    sqlite3_reset(st);
    return ret;
}

/* ------------------------------------------------------------------------
 * Batches: copies of coded documents, written in one transaction
 * ------------------------------------------------------------------------ */

typedef dyadi_store_item batch_item;

struct dyad_store_batch {
    dyadi_arena mem;            /* every copy; reset when the batch is written */
    dyadi_vec items;            /* batch_item */
};

/* Documents per batch are the caller's choice; this only bounds a runaway. */
#define BATCH_MAX_DOCS ((size_t)1 << 20)

dyad_store_batch *dyad_store_batch_new(void)
{
    dyad_store_batch *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    dyadi_arena_init(&b->mem, 0);
    dyadi_vec_init(&b->items, sizeof(batch_item), BATCH_MAX_DOCS);
    return b;
}

void dyad_store_batch_free(dyad_store_batch *b)
{
    if (!b)
        return;
    dyadi_arena_free(&b->mem);
    dyadi_vec_free(&b->items);
    free(b);
}

size_t dyad_store_batch_docs(const dyad_store_batch *b)
{
    return b ? b->items.len : 0;
}

size_t dyad_store_batch_bytes(const dyad_store_batch *b)
{
    return b ? b->mem.used_total + b->items.len * sizeof(batch_item) : 0;
}

/* A copy of s in the batch; *ok cleared when out of memory. */
static const char *bstr(dyad_store_batch *b, const char *s, int *ok)
{
    if (!s)
        return NULL;
    char *p = dyadi_arena_strndup(&b->mem, s, strlen(s));
    if (!p)
        *ok = 0;
    return p;
}

static void *bcopy_arr(dyad_store_batch *b, const void *src, size_t n, size_t elem, int *ok)
{
    if (!n || !src)
        return NULL;
    if (n > SIZE_MAX / elem) {
        *ok = 0;
        return NULL;
    }
    void *p = dyadi_arena_alloc(&b->mem, n * elem);
    if (!p) {
        *ok = 0;
        return NULL;
    }
    memcpy(p, src, n * elem);
    return p;
}

static void copy_actor(dyad_store_batch *b, dyad_event_actor *a, int *ok)
{
    a->code = bstr(b, a->code, ok);
    a->country = bstr(b, a->country, ok);
    a->text = bstr(b, a->text, ok);
}

/* Copy doc and the results r into the batch. */
static dyad_status add_results(dyad_store_batch *b, const dyad_doc *doc,
                               const dyadi_store_results *rp, int replace)
{
    dyadi_store_results r = *rp;
    int ok = 1;
    batch_item it;
    memset(&it, 0, sizeof it);
    it.replace = replace;
    it.doc.id = bstr(b, doc->id, &ok);
    it.doc.date = bstr(b, doc->date, &ok);
    it.doc.lang = bstr(b, doc->lang, &ok);
    it.doc.title = bstr(b, doc->title, &ok);
    it.doc.url = bstr(b, doc->url, &ok);
    it.doc.source = bstr(b, doc->source, &ok);
    char *text = dyadi_arena_strndup(&b->mem, doc->text ? doc->text : "", doc->text_len);
    if (!text)
        ok = 0;
    it.doc.text = text;
    it.doc.text_len = doc->text_len;
    it.doc.body = doc->body;
    it.r.lang = bstr(b, r.lang, &ok);
    it.r.n_sents = r.n_sents;
    it.r.sents = bcopy_arr(b, r.sents, r.n_sents, sizeof *r.sents, &ok);
    /* every string of every struct is copied: the coder's arena is reset by
     * its next document (a field added to dyad.h is copied here too) */
    dyad_mention *m = bcopy_arr(b, r.mentions, r.n_mentions, sizeof *r.mentions, &ok);
    it.r.mentions = m;
    it.r.n_mentions = r.n_mentions;
    for (size_t i = 0; m && i < r.n_mentions; i++) {
        m[i].code = bstr(b, m[i].code, &ok);
        m[i].country = bstr(b, m[i].country, &ok);
        m[i].entry = bstr(b, m[i].entry, &ok);
        m[i].resolved_by = bstr(b, m[i].resolved_by, &ok);
        m[i].place_type = bstr(b, m[i].place_type, &ok);
    }
    dyad_event *e = bcopy_arr(b, r.events, r.n_events, sizeof *r.events, &ok);
    it.r.events = e;
    it.r.n_events = r.n_events;
    for (size_t i = 0; e && i < r.n_events; i++) {
        e[i].code = bstr(b, e[i].code, &ok);
        e[i].root = bstr(b, e[i].root, &ok);
        e[i].plover = bstr(b, e[i].plover, &ok);
        copy_actor(b, &e[i].source, &ok);
        copy_actor(b, &e[i].target, &ok);
        e[i].attribution_text = bstr(b, e[i].attribution_text, &ok);
        e[i].attribution_code = bstr(b, e[i].attribution_code, &ok);
        e[i].location = bstr(b, e[i].location, &ok);
        e[i].location_country = bstr(b, e[i].location_country, &ok);
        e[i].event_date = bstr(b, e[i].event_date, &ok);
        e[i].trigger_text = bstr(b, e[i].trigger_text, &ok);
        e[i].rule = bstr(b, e[i].rule, &ok);
        e[i].location_id = bstr(b, e[i].location_id, &ok);
        e[i].location_type = bstr(b, e[i].location_type, &ok);
        e[i].location_rule = bstr(b, e[i].location_rule, &ok);
    }
    dyad_quote *q = bcopy_arr(b, r.quotes, r.n_quotes, sizeof *r.quotes, &ok);
    it.r.quotes = q;
    it.r.n_quotes = r.n_quotes;
    for (size_t i = 0; q && i < r.n_quotes; i++)
        q[i].speaker = bstr(b, q[i].speaker, &ok);
    batch_item *slot = ok ? dyadi_vec_push(&b->items) : NULL;
    if (!slot)
        return DYAD_ERR_NOMEM; /* the copies stay in the arena until the batch is written */
    *slot = it;
    return DYAD_OK;
}

dyad_status dyad_store_batch_add(dyad_store_batch *b, const dyad_doc *doc, const dyad_coder *c,
                                 int replace)
{
    if (!b || !doc || !doc->id || !c || (!doc->text && doc->text_len))
        return DYAD_ERR_ARG;
    dyadi_store_results r;
    results_of(c, &r);
    return add_results(b, doc, &r, replace);
}

static void batch_empty(dyad_store_batch *b)
{
    b->items.len = 0;
    dyadi_arena_reset(&b->mem);
}

dyad_status dyadi_store_batch_move(dyad_store_batch *dst, dyad_store_batch *src)
{
    if (!dst || !src)
        return DYAD_ERR_ARG;
    dyad_status st = DYAD_OK;
    for (size_t i = 0; i < src->items.len && st == DYAD_OK; i++) {
        const batch_item *it = &DYADI_VEC_AT(&src->items, batch_item, i);
        st = add_results(dst, &it->doc, &it->r, it->replace);
    }
    batch_empty(src);
    return st;
}

void dyadi_store_batch_clear(dyad_store_batch *b)
{
    if (b)
        batch_empty(b);
}

dyad_status dyad_store_batch_write(dyad_store *s, dyad_store_batch *b, dyad_store_counts *counts)
{
    dyad_store_counts n = {0, 0, 0, 0};
    if (counts)
        *counts = n;
    if (!s || !b || s->readonly || s->in_tx)
        return DYAD_ERR_ARG;
    if (b->items.len == 0)
        return DYAD_OK;
    if (s->pg) {
        dyad_status ps = dyadi_pg_write(s->pg, b->items.data, b->items.len, counts);
        batch_empty(b);
        return ps;
    }
    dyad_status st = dyad_store_begin(s);
    if (st != DYAD_OK)
        goto done;
    s->batching = 1;
    for (size_t i = 0; i < b->items.len; i++) {
        const batch_item *it = &DYADI_VEC_AT(&b->items, batch_item, i);
        st = dyadi_store_put(s, &it->doc, &it->r, it->replace);
        if (st == DYAD_DONE) {
            n.present++;
            continue;
        }
        if (st != DYAD_OK) {
            /* the store failed, not the document: keep the message, undo the batch */
            char why[sizeof s->errmsg];
            memcpy(why, s->errmsg, sizeof why);
            int w = snprintf(s->errmsg, sizeof s->errmsg, "doc %.100s: ", it->doc.id);
            if (w > 0 && (size_t)w < sizeof s->errmsg)
                snprintf(s->errmsg + w, sizeof s->errmsg - (size_t)w, "%.400s", why);
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            dyadi_intern_clear(s->intern);
            s->in_tx = 0;
            goto done;
        }
        if (it->replace)
            n.replaced++;
        else
            n.added++;
        n.events += it->r.n_events;
    }
    st = dyad_store_commit(s);
    if (st == DYAD_OK && counts)
        *counts = n;
done:
    s->batching = 0;
    batch_empty(b);
    return st;
}
