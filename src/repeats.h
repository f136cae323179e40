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
 * document, in a sentence with the same key (dyad_sentence_key). Read
 * from the store's tables (schema version 3, docs/store.md) rather than
 * the event_mentions view, whose doc_source and doc_id are looked up per
 * row. store_sightings.sentence_key holds the 62-bit hash of the key
 * (dyadi_sentence_hash62) for the rows dyad writes now, and equal hashes
 * are equal keys; rows written before hold the 31-bit hash
 * (dyadi_sentence_hash), rows written by hand NULL: their sentence is
 * inflated from its document and compared, for the 31-bit rows only when
 * the hashes agree. Bound by dyadi_repeat_find: ?1 source, ?2 target, ?3
 * code, ?4 location, ?5 polarity, ?6 modality, ?7 doc_source, ?8 doc_id,
 * ?9 sentence, ?10 and ?11 its two hashes. The events by source index,
 * then each one's sightings by (event_id, doc_source). */
#define DYADI_SQL_FIND_REPEAT                                                          \
    "SELECT e.id FROM events e WHERE e.source = ?1 AND e.target = ?2 AND e.code = ?3"  \
    " AND e.location = ?4 AND e.polarity = ?5 AND e.modality = ?6 AND EXISTS("         \
    "SELECT 1 FROM store_sightings m WHERE m.event_id = e.id"                          \
    " AND m.doc_source = (SELECT id FROM store_strings WHERE s = ?7)"                  \
    " AND m.doc <> coalesce((SELECT n FROM store_documents WHERE id = ?8), -1)"        \
    " AND (m.sentence_key = ?11 OR ((m.sentence_key = ?10 OR m.sentence_key IS NULL)" \
    " AND dyad_sentence_key((SELECT CAST(substr(sqlar_uncompress(d.text_z, d.text_len),"  \
    " m.sentence_start + 1, m.sentence_len) AS TEXT) FROM store_documents d"           \
    " WHERE d.n = m.doc)) = dyad_sentence_key(?9))))"                                  \
    " ORDER BY e.id LIMIT 1"

/* The prefix of a repeat sighting's rule: "repeat:" + the coder's rule. */
#define DYADI_REPEAT_RULE "repeat:"

/* The key of sentence s (n bytes), as dyad_sentence_key below, in out (at
 * most cap bytes, cap <= DYADI_SENTENCE_KEY_MAX); its length. */
#define DYADI_SENTENCE_KEY_MAX 4096
size_t dyadi_sentence_key(const char *s, size_t n, char *out, size_t cap);

/* A 31-bit hash of dyad_sentence_key of s (n bytes): equal keys, equal
 * hashes. */
int64_t dyadi_sentence_hash(const char *s, size_t n);

/* A 62-bit hash of the same key (bits of dyad_content_hash), with bit 62
 * set so that it never equals a 31-bit one: what the store writes in
 * store_sightings.sentence_key, and trusts as the key itself (two
 * different sentences of one event and one news source would have to
 * collide on 62 bits). */
#define DYADI_SENTENCE_HASH62_MASK ((UINT64_C(1) << 62) - 1)
int64_t dyadi_sentence_hash62(const char *s, size_t n);

/* Register dyad_sentence_key(text) and dyad_sentence_hash(text) on db:
 * the sentence with ASCII letters
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
