/* words.h - function-word lists shared by the actor recogniser and the
 * event coder (internal). Norm keys: lower case, accents kept. */
#ifndef DYAD_WORDS_H
#define DYAD_WORDS_H
/* Prepositions of French and English: a phrase after one of them (and its
 * determiners) is governed, so not a subject. NULL-terminated. */
extern const char *const dyadi_prepositions[];
#endif
