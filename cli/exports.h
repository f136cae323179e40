/* exports.h - pieces of `dyad export` beyond cmd_export.c: the kind of a
 * named place (GDELT's Geo_Type) and the PLOVER writer (export_plover.c). */
#ifndef DYAD_CLI_EXPORTS_H
#define DYAD_CLI_EXPORTS_H
#include "dbopts.h"

/* Every event e with its first sighting m (lowest event_mentions.id: the
 * article that reported it first) and that sighting's document d. */
#define SQL_FROM_EVENTS_FIRST_SIGHTING                                               \
    " FROM events e"                                                                 \
    " LEFT JOIN event_mentions m ON m.id = (SELECT min(id) FROM event_mentions"      \
    "   WHERE event_id = e.id)"                                                      \
    " LEFT JOIN documents d ON d.id = m.doc_id ORDER BY e.id"

/* Place entry ids of the lexicon with their kind, for GDELT's Geo_Type. */
typedef struct place_kinds {
    struct place_kind { const char *id; int kind; } *v;  /* sorted by id */
    size_t n;
} place_kinds;

/* Collect the lexicon's place entries (lex may be NULL: none). 0, or -1
 * when out of memory. Free with place_kinds_free. */
int place_kinds_load(place_kinds *pk, const dyad_lexicon *lex);
void place_kinds_free(place_kinds *pk);

/* GDELT Geo_Type of a named place: 1 country, 2 US state, 3 US city, 4
 * world city, 5 world state (an admin-1 region); entry is the place's
 * lexicon entry id (NULL when unknown), country its ISO3 country. A place
 * the lexicon cannot type is a country when its entry is its country code,
 * else a world city (docs/store.md). 0 when nothing is named. */
int gdelt_geo_type(const place_kinds *pk, const char *name, const char *entry,
                   const char *country);

/* Write the store's events that have a PLOVER event type as PLOVER JSON
 * Lines (docs/formats.md); *left_out counts the others (CAMEO root 01 has
 * no PLOVER type). 0 or EXIT_FAIL (reported). */
int export_plover(dyadi_sqldb *h, const dyad_lexicon *lex, FILE *f, unsigned long long *left_out);
#endif
