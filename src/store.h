/* store.h - the event store's internal entry points (store.c). Internal:
 * the public face is the "Event store" section of dyad.h. */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H
#include "dyad.h"

/* Latest schema version this build writes (PRAGMA user_version). */
#define DYADI_STORE_SCHEMA 5

/* The SQL that takes a store from schema version v to v + 1 (0 <= v <
 * DYADI_STORE_SCHEMA), or NULL: for tests that build an older store. */
const char *dyadi_store_migration(int v);

/* What the coder found in one document, as plain arrays, so that tests
 * (and a future importer of `dyad code` output) can store events without
 * running the coder. Every pointer is borrowed for the call. */
typedef struct dyadi_store_results {
    const char *lang;                 /* language used, or NULL for doc->lang */
    const dyad_sentence *sents;
    size_t n_sents;
    const dyad_mention *mentions;
    size_t n_mentions;
    const dyad_event *events;
    size_t n_events;
    const dyad_quote *quotes;         /* may be NULL */
    size_t n_quotes;
} dyadi_store_results;

/* Store one document with its results atomically (a savepoint). replace 0:
 * DYAD_DONE when a document with the same id or content hash is stored
 * already (nothing changes). replace 1: a stored document with doc->id has
 * its mentions and events replaced and the counts of the events it touched
 * recomputed. */
dyad_status dyadi_store_put(dyad_store *s, const dyad_doc *doc, const dyadi_store_results *r,
                            int replace);

/* One document of a batch: copies of it and of what the coder found. */
typedef struct dyadi_store_item {
    dyad_doc doc;
    dyadi_store_results r;
    int replace;
} dyadi_store_item;

/* Copy the documents of src to the end of dst (as dyad_store_batch_add
 * copied them from their coders) and empty src, whatever the status:
 * DYAD_OK, or DYAD_ERR_NOMEM (the documents not copied are lost). A batch
 * filled on the thread that coded its document, moved into the writer's
 * in input order (cmd_ingest.c), frees the coder at once. */
dyad_status dyadi_store_batch_move(dyad_store_batch *dst, dyad_store_batch *src);
/* Forget the documents of b. */
void dyadi_store_batch_clear(dyad_store_batch *b);

/* The key an actor mention's form is interned on (kind, words, code,
 * country, entry, resolved_by, coordinates): written to k, which must hold
 * dyadi_store_form_key_cap(m, n) bytes; its length. text is the mention's
 * n bytes, or NULL. Shared by both stores so that they intern alike. */
size_t dyadi_store_form_key_cap(const dyad_mention *m, size_t n);
size_t dyadi_store_form_key(const dyad_mention *m, const char *text, size_t n, char *k);

/* The string columns of the event_mentions view, read through m, a row
 * of store_sightings: shared by both stores' schemas. */
#define DYADI_SQL_SIGHTING_COLUMNS \
    "  (SELECT s FROM store_strings WHERE id = m.trigger_text) AS trigger_text,\n" \
    "  m.trigger_start, m.trigger_end,\n" \
    "  (SELECT s FROM store_strings WHERE id = m.source_text) AS source_text,\n" \
    "  m.source_start, m.source_end,\n" \
    "  (SELECT s FROM store_strings WHERE id = m.target_text) AS target_text,\n" \
    "  m.target_start, m.target_end,\n" \
    "  (SELECT s FROM store_strings WHERE id = m.attribution_text) AS attribution_text,\n" \
    "  (SELECT s FROM store_strings WHERE id = m.attribution_code) AS attribution_code,\n" \
    "  (SELECT s FROM store_strings WHERE id = m.rule) AS rule,\n" \
    "  (SELECT s FROM store_strings WHERE id = m.polarity) AS polarity,\n" \
    "  (SELECT s FROM store_strings WHERE id = m.modality) AS modality,\n" \
    "  m.doc_mentions FROM store_sightings m"

/* *buf (of *cap bytes, realloc'd) with room for n bytes, or NULL when out
 * of memory (then *buf is kept). */
char *dyadi_store_grow(char **buf, size_t *cap, size_t n);

/* The PostgreSQL store (store_pg.c): the write path of dyad_store_open
 * on a postgresql:// or postgres:// URI. dyad_store dispatches to it. */
typedef struct dyadi_pg dyadi_pg;
/* 1 when path is a PostgreSQL connection URI. */
int dyadi_pg_uri(const char *path);
/* Connect and create the schema when the database has none (several
 * processes may do so at once). DYAD_ERR_IO when the server cannot be
 * reached or refuses us, DYAD_ERR_VERSION for a store of a newer dyad,
 * DYAD_ERR_FORMAT for a database holding other tables of these names.
 * The message goes to errbuf. Caller frees with dyadi_pg_free. */
dyad_status dyadi_pg_open(const char *uri, int readonly, dyadi_pg **out, char *errbuf,
                          size_t errlen);
/* readonly 1 (the reading commands): nothing is created; a database
 * without a store is DYAD_ERR_NOTFOUND, another schema version
 * DYAD_ERR_VERSION; the session's transactions are read-only. */
/* The connection, borrowed until dyadi_pg_free. */
struct pg_conn *dyadi_pg_conn(dyadi_pg *p);
void dyadi_pg_free(dyadi_pg *p);
const char *dyadi_pg_errmsg(const dyadi_pg *p);
dyad_status dyadi_pg_has_doc(dyadi_pg *p, const char *id, const char *content_hash, int *found);
/* Write n documents in one transaction, as dyad_store_batch_write. */
dyad_status dyadi_pg_write(dyadi_pg *p, const dyadi_store_item *items, size_t n,
                           dyad_store_counts *counts);
/* Set the message for an operation the PostgreSQL store does not do yet;
 * DYAD_ERR_ARG. */
dyad_status dyadi_pg_unsupported(dyadi_pg *p, const char *what);
/* The store's row reader (sqlrows.h), over SQLite or PostgreSQL, for the
 * reading commands: borrowed, valid until dyad_store_free. NULL when out
 * of memory. */
struct dyadi_sqldb;
struct dyadi_sqldb *dyadi_store_sqldb(dyad_store *s);
#endif
