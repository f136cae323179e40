/* repeats.h - boilerplate: a sentence one source repeats verbatim in
 * several documents is one event, its later sightings repeats (repeats.c).
 * Internal; used by store.c. */
#ifndef DYAD_REPEATS_H
#define DYAD_REPEATS_H
#include "dyad.h"

#include <sqlite3.h>
#include <stdint.h>

/* The earlier event a sighting repeats: same source, target, code, place,
 * polarity and modality, seen from the same news source in another
 * document, in a sentence with the same key (dyad_sentence_key). Bound by
 * dyadi_repeat_find: ?1 source, ?2 target, ?3 code, ?4 location, ?5
 * polarity, ?6 modality, ?7 doc_source, ?8 doc_id, ?9 sentence. The events
 * by source index, then each one's sightings by (event_id, doc_source). */
#define DYADI_SQL_FIND_REPEAT                                                          \
    "SELECT e.id FROM events e WHERE e.source = ?1 AND e.target = ?2 AND e.code = ?3"  \
    " AND e.location = ?4 AND e.polarity = ?5 AND e.modality = ?6 AND EXISTS("         \
    "SELECT 1 FROM event_mentions m WHERE m.event_id = e.id AND m.doc_source = ?7"     \
    " AND m.doc_id <> ?8 AND dyad_sentence_key(m.sentence) = dyad_sentence_key(?9))"   \
    " ORDER BY e.id LIMIT 1"

/* The prefix of a repeat sighting's rule: "repeat:" + the coder's rule. */
#define DYADI_REPEAT_RULE "repeat:"

/* Register dyad_sentence_key(text) on db: the sentence with ASCII letters
 * lower-cased, typographic apostrophes and quotes folded, and every run of
 * white space one space, trimmed. SQLITE_OK or an SQLite error code. */
int dyadi_repeats_register(sqlite3 *db);

/* Bind and step q (prepared from DYADI_SQL_FIND_REPEAT). 1 with *id set
 * when the sighting repeats an earlier event, 0 when not, -1 on an SQLite
 * error. location "" and a NULL target are written as the store writes
 * them. */
int dyadi_repeat_find(sqlite3_stmt *q, const dyad_event *e, const char *doc_id,
                      const char *doc_source, const char *sentence, size_t len, int64_t *id);
#endif
