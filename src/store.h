/* store.h - the event store's internal entry points (store.c). Internal:
 * the public face is the "Event store" section of dyad.h. */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H
#include "dyad.h"

/* Latest schema version this build writes (PRAGMA user_version). */
#define DYADI_STORE_SCHEMA 3

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
#endif
