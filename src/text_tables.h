/* text_tables.h - the generated word lists of the text pipeline (internal).
 * The data lives in data/text/ and is compiled into text_tables.c by
 * tools/gen_text_tables.py, so the text stages need no lexicon. Every array
 * is sorted by bytes (strcmp order). */
#ifndef DYAD_TEXT_TABLES_H
#define DYAD_TEXT_TABLES_H
#include <stddef.h>
#include <stdint.h>

/* Language bits of a table entry. */
#define DYADI_L_FR 0x01u
#define DYADI_L_EN 0x02u
#define DYADI_L_ES 0x04u
#define DYADI_L_DE 0x08u

typedef struct dyadi_abbrev {
    const char *s;          /* exact text, ends with '.' ("U.S.", "M.") */
    uint8_t langs;          /* DYADI_L_* */
    uint8_t title;          /* 1: a title/prefix that never ends a sentence */
} dyadi_abbrev;

typedef struct dyadi_wordmask {
    const char *s;          /* norm key */
    uint8_t langs;          /* DYADI_L_* */
} dyadi_wordmask;

typedef struct dyadi_lemma {
    const char *form, *lemma;   /* norm keys */
} dyadi_lemma;

extern const dyadi_abbrev dyadi_abbrevs[];
extern const size_t dyadi_n_abbrevs;
extern const dyadi_wordmask dyadi_stopwords[];
extern const size_t dyadi_n_stopwords;
extern const dyadi_lemma dyadi_lemmas_fr[];
extern const size_t dyadi_n_lemmas_fr;
extern const dyadi_lemma dyadi_lemmas_en[];
extern const size_t dyadi_n_lemmas_en;
extern const char *const dyadi_elisions_fr[];   /* without the apostrophe: "l", "qu" */
extern const size_t dyadi_n_elisions_fr;
extern const char *const dyadi_inversions_fr[]; /* "il", "elle", "on" ... */
extern const size_t dyadi_n_inversions_fr;
extern const char *const dyadi_clitics_en[];    /* "n't", "'s" ... (ASCII apostrophe) */
extern const size_t dyadi_n_clitics_en;

/* The abbreviation spelled exactly by s[0,n), or NULL (tokens.c). */
const dyadi_abbrev *dyadi_abbrev_find(const char *s, size_t n);
/* The DYADI_L_* mask of the languages whose stopword list has the
 * NUL-terminated norm key, 0 when none (langid.c). */
unsigned dyadi_stopword_langs(const char *key);
#endif
