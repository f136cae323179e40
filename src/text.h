/* text.h - the text stages (normalize, tokens, sentences, langid, stems),
 * shared by the coder and by the lexicon compiler, which must key
 * dictionary phrases exactly as it keys running text (internal). */
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H
#include <stddef.h>
#include <stdint.h>
#include "dyad.h"
#include "arena.h"

/* normalize.c ------------------------------------------------------------ */

/* Decode one code point at s[*i] (n bytes in all) and advance *i. Returns
 * the code point, or -1 for an invalid or truncated sequence (then *i
 * advances by exactly one byte). */
int32_t dyadi_utf8_next(const char *s, size_t n, size_t *i);

/* The normalised key of a byte slice: NFC, case-folded (accents kept),
 * typographic apostrophes (’ ʼ ‘) mapped to ', invalid bytes to U+FFFD.
 * The result is NUL-terminated, allocated in a; NULL on failure. */
char *dyadi_norm_key(dyadi_arena *a, const char *s, size_t n);

/* tokens.c --------------------------------------------------------------- */

/* Tokenize text into tokens with byte spans, kind and flags (norm and stem
 * left NULL). lang ("fr", "en", "und") selects elision rules. Invalid UTF-8
 * and NUL bytes are reported once each into warnings (dyad_warning).
 * Returns DYAD_ERR_NOMEM when a cap is reached. */
dyad_status dyadi_tokenize(const char *text, size_t len, const char *lang,
                           dyadi_vec *tokens, dyadi_vec *warnings);

/* stem.c ----------------------------------------------------------------- */

typedef struct dyadi_stemmer dyadi_stemmer;
dyadi_stemmer *dyadi_stemmer_new(void);
void dyadi_stemmer_free(dyadi_stemmer *st);
/* The stem/lemma key of a norm key for a language ("fr", "en"; other
 * languages return norm itself): the irregular-form exception table first,
 * then Snowball. The result is borrowed from the arena or is norm. */
const char *dyadi_stem_key(dyadi_stemmer *st, dyadi_arena *a, const char *lang,
                           const char *norm);

/* sentences.c ------------------------------------------------------------ */

/* Split the tokens into sentences (dyad_sentence, appended to sents). */
dyad_status dyadi_segment(const char *text, size_t len, const char *lang,
                          const dyad_token *tokens, size_t ntok, dyadi_vec *sents);

/* langid.c --------------------------------------------------------------- */

/* "fr", "en" or "und" from the tokens' norm keys; static storage. */
const char *dyadi_langid(const dyad_token *tokens, size_t ntok);
#endif
