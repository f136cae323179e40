/* events.h - the event coder's per-sentence structures, shared by its
 * modules: events.c (the sentence pass: cues, triggers, word-order roles,
 * scope) and tree.c (roles read from the dependency tree). Internal. */
#ifndef DYAD_EVENTS_H
#define DYAD_EVENTS_H
#include "coder.h"
#include "lex.h"

#define MAX_GAP 4
#define MAX_DEPTH 12

enum cue_kind {
    CUE_NEG = 1, CUE_REFUSE, CUE_MODAL, CUE_ATTRIB, CUE_SPEECH, CUE_TIME, CUE_OTHER
};

typedef struct cue {
    uint32_t first, end;
    int kind;
    const dyadi_cue *e;
} cue;

typedef struct trig {
    uint32_t first, end;
    const dyadi_trigger *e;
    int src, tgt;          /* indices into the candidate list, -1 none */
    uint32_t pos[MAX_DEPTH];   /* token of each pattern word */
    uint32_t npos;
    int alone;             /* PETRARCH's speech verb: an agent of no country may
                              speak with no target ("a senior official said") */
    const dyadi_trigger *among_e;  /* PETRARCH '% *' entry on the same words, for a
                                      compound source with no target, or NULL */
    int as_noun;           /* a verb pattern met on its noun (tree.c): coded as a
                              nominal event, from the tree only */
} trig;

/* An actor candidate in a sentence: a mention or a first-person pronoun
 * inside a quotation (which stands for the speaker's side). */
typedef struct cand {
    uint32_t first, end;
    const char *code, *country;
    dyad_span span;
    int place;             /* a place mention: a location, never an actor */
    int adj;               /* an adjective of nationality ("iraniens") */
    int capital;           /* a capital or country that may also be a location */
    int posted;            /* a place inside an official's phrase: not a location */
    int coref;             /* resolved by coreference or a first-person word */
    double lat, lon;
    const char *entry, *how, *ptype;   /* the mention's entry, rule, place type */
    int governed;          /* preceded by a preposition (after determiners) */
    const char *prep;      /* that preposition's norm key */
} cand;

#define MAX_CANDS 256
#define MAX_CUES 256
#define MAX_TRIGS 128

/* Is word in the comma-separated list of norm keys? */
int dyadi_in_list(const char *word, const char *list);
/* Does preposition prep match one of the frame's list? "au"/"aux" count as
 * "à", "du"/"des"/"d'" as "de". */
int dyadi_prep_matches(const char *prep, const char *list);

#endif
