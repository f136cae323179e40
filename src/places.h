/* places.h - place resolution among same-name candidates (places.c).
 * Internal; called by actors.c once a document's dictionary matches are
 * known. */
#ifndef DYAD_PLACES_H
#define DYAD_PLACES_H
#include "coder.h"
#include "lex.h"

/* What the document says about places: the countries its other mentions
 * name (with counts) and the words it uses as parts of persons' names. */
#define DYADI_PLACES_MAX_COUNTRIES 64
#define DYADI_PLACES_MAX_NAMES 256
#define DYADI_PLACES_MAX_SEEN 64
#define DYADI_PLACES_MAX_CAPS 4096
typedef struct dyadi_places {
    struct { const char *code; uint32_t n; } country[DYADI_PLACES_MAX_COUNTRIES];
    size_t ncountry;
    const char *name_word[DYADI_PLACES_MAX_NAMES];   /* norm keys, borrowed from tokens */
    size_t nname;
    struct { dyadi_node node; uint32_t n; } seen[DYADI_PLACES_MAX_SEEN];  /* occurrences of a name */
    size_t nseen;
    uint32_t cap[DYADI_PLACES_MAX_CAPS];   /* the capitalised tokens (all of them when ncap <= max) */
    size_t ncap;
} dyadi_places;

void dyadi_places_init(dyadi_places *p);
/* Count a mention's country (3-letter prefix of its code; a place's as
 * actors.c first read it). */
void dyadi_places_note_country(dyadi_places *p, const char *code);
/* Read the document's tokens for words used in persons' names: a
 * capitalised word right after another capitalised word or an initial
 * ("John R. Bolton" -> "bolton"). Call once per document. */
void dyadi_places_scan_names(dyadi_places *p, const dyad_coder *c);

/* 1 when the place of n tokens at ti is no place here: a one-word place
 * that is part of a person's name (a surname elsewhere in the document,
 * or followed by an initial or a capitalised word that begins no place,
 * title or organisation: "Ali Soufan", "Kanye West"; a town that speaks,
 * "Mary said", or after a kinship word, "his wife Mary"), or any place inside
 * the name of a street, station, landmark or law ("rue Saint-Lazare",
 * "Hyde Park Corner", "the Logan Act"). */
int dyadi_place_drop(const dyadi_places *p, const dyad_coder *c, uint32_t ti, uint32_t n,
                     uint32_t sent_end);

/* Among the city and region entries at the trie node, the one with the
 * largest population (a region's is the sum of its cities'), a candidate
 * whose country the document names counting a hundred times (the name's
 * own occurrences aside), before ", Region" the candidate of the region's
 * country nearest to it ("Portland, Maine"), and in
 * French only the cities after "à" or the regions after an article when
 * the name has one; a region named after its main city (a quarter of
 * its people, within a degree of its centre) is that city unless a region
 * word comes with the name ("in Raqqa", not "Raqqa province"); cur when
 * no candidate applies; NULL when the winner
 * is a small town in a country the document never names while it is
 * about another (the mention is then no place). *rule says why
 * ("place:context" when the winner's country is named,
 * "place:population", "place:region", "place:article", "place:namesake",
 * "place:only", "place:foreign"). */
const dyadi_actor *dyadi_place_choose(dyadi_places *p, const dyad_coder *c,
                                      dyadi_node node, const dyadi_actor *cur,
                                      const dyad_token *first, const char **rule);

/* Localities the gazetteer lacks, named with a place it knows ("the
 * village of Abu Allaj in western Raqqa", "the Bardo Museum in Tunis"):
 * place mentions of type "locality" appended to c->mentions (*added of
 * them, out of text order: the caller sorts), in the known place's
 * country and at its coordinates, resolved_by "place:locality". */
dyad_status dyadi_places_localities(dyad_coder *c, size_t *added);
/* 1 when tokens [a, b) of the coded document are one place phrase: known
 * places and localities, nationality adjectives and a few place words
 * ("in", "near", "western", "countryside", "près de la"...) between them. */
int dyadi_place_phrase(const dyad_coder *c, uint32_t a, uint32_t b);
#endif
