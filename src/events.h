/* events.h - the event coder's per-sentence structures and the functions
 * its modules share: events.c (the sentence pass that drives them),
 * triggers.c, cues.c, tree.c (roles from the dependency tree), roles.c
 * (roles by word order), roles_tabari.c (TABARI and PETRARCH conventions),
 * scope.c and docpass.c. Internal. */
#ifndef DYAD_EVENTS_H
#define DYAD_EVENTS_H
#include "coder.h"
#include "lex.h"

#include <string.h>

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
    const char *roles_by;  /* how its roles were found (dyad_event.roles_by) */
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
    int posted;            /* no location: a place inside an official's phrase, a
                              topic ("sovereignty over Kashmir"), a range's end */
    int coref;             /* resolved by coreference or a first-person word */
    double lat, lon;
    const char *entry, *how, *ptype;   /* the mention's entry, rule, place type */
    int governed;          /* preceded by a preposition (after determiners) */
    const char *prep;      /* that preposition's norm key */
} cand;

#define MAX_CANDS 256
#define MAX_CUES 256
#define MAX_TRIGS 128

typedef struct dyadi_tree dyadi_tree;   /* tree.h */

/* ---- small token views, used by every module of the coder */
/* An entry of language elang applies to a document in dlang ("*" and an
 * undetermined document match everything); two-letter tags, no strcmp. */
static inline int same_lang(const char *elang, const char *dlang)
{
    if (elang[0] == '*' || (dlang[0] == 'u' && dlang[1] == 'n' && dlang[2] == 'd'))
        return 1;
    return elang[0] == dlang[0] && elang[0] && elang[1] == dlang[1] &&
           (elang[1] == '\0' || elang[2] == dlang[2]);
}

static inline int stem_is(const dyad_coder *c, uint32_t i, const char *stem)
{
    return i < c->tokens.len && dyadi_tok(c, i)->stem && strcmp(dyadi_tok(c, i)->stem, stem) == 0;
}

static inline int has_class(const dyad_coder *c, uint32_t i, uint32_t cls)
{
    return i < c->wclass.len && (DYADI_VEC_AT(&c->wclass, uint32_t, i) & cls) != 0;
}

/* ---- function-word classes ---------------------------------------------
 * The clause rules ask "is this token a determiner, a preposition, a
 * boundary...?" many times per token. Each token's class is looked up once
 * per document in a small hash table of the function words (built once per
 * process), and the rules test bits. */

enum {
    W_DET = 1u << 0, W_PREP = 1u << 1, W_BOUND = 1u << 2, W_COMP = 1u << 3,
    W_REL = 1u << 4, W_AND = 1u << 5, W_QOPEN = 1u << 6, W_QCLOSE = 1u << 7,
    W_QSTRAIGHT = 1u << 8, W_TIME = 1u << 9, W_MONTH = 1u << 10, /* month number in bits 16-19 */
    W_FIRST = 1u << 11, W_NDET_EN = 1u << 12, W_NDET_FR = 1u << 13 /* never before a verb */
};

/* The longest trie match from a start token (triggers.c). */

typedef struct hit {
    uint32_t end;          /* exclusive */
    dyadi_node node;
    int words;             /* words of the pattern (TABARI: longer patterns first) */
    unsigned steps;        /* trie steps taken (TABARI gaps: bounded work) */
    int tabari;            /* set by the caller: TABARI word matching */
    uint32_t pos[MAX_DEPTH];   /* token of each pattern word (gaps not counted) */
    uint32_t npos;
} hit;

/* ---- quotations --------------------------------------------------------- */

typedef struct quote {
    uint32_t open, close;  /* token indices of the marks */
    const char *speaker;   /* actor code or NULL */
    dyad_span speaker_span;
} quote;

#define MAX_QUOTES 2048  /* per document; qs holds one more, to see it passed */

/* TABARI's comma-delimited clauses per sentence (roles_tabari.c) */
#define MAX_HIDDEN 32

/* ---- triggers.c: the trie walk and the triggers of a sentence */
void dyadi_trie_walk_plain(const dyad_coder *c, int trie, int use_stem, dyadi_node node, uint32_t j,
                       uint32_t end, int depth, hit *best);
void dyadi_trie_walk(const dyad_coder *c, int trie, int use_stem, dyadi_node node, uint32_t j,
                 uint32_t end, int depth, int nw, hit *best, uint32_t *path);
int dyadi_noun_suffix(const char *w);
/* Is country (an actor's country field) a nation's code, not an
 * organisation's (IGO, NGO, MNC, IMG) or a region's or bloc's (WST, AFR...)? */
int dyadi_nation_code(const char *country);
/* May word w (a norm key) be verb lemma's form or a noun made from it, in
 * lang? 0 for another word of its stem ("authorities" for "authorize"). */
int dyadi_form_of_verb(const char *w, const char *lemma, const char *lang);
size_t dyadi_find_triggers(dyad_coder *c, const dyadi_tree *tree, uint32_t sfirst, uint32_t send,
                            trig *out, size_t max);
/* Is trigger t a one-word verb pattern of dyad's own, the kind a word's
 * tag can rule out? */
int dyadi_trigger_taggable(const dyad_coder *c, const trig *t);
/* A sentence with no tree: drop the one-word verb patterns met on a word
 * its tags call a noun, a name, a number, a pronoun, a determiner or an
 * adposition ("in tears", "à plusieurs reprises", "purchase restrictions").
 * upos[i] is token lo + i's tag as dyadi_coder_tags gives it, for the
 * tokens [lo, hi). The number of triggers kept, in order. */
size_t dyadi_triggers_on_tags(const dyad_coder *c, const uint8_t *upos, uint32_t lo, uint32_t hi,
                              trig *ts, size_t n);

/* ---- cues.c: cue words and quotations */
size_t dyadi_find_cues(dyad_coder *c, uint32_t sfirst, uint32_t send, cue *out, size_t max);
size_t dyadi_find_quotes(dyad_coder *c, quote *qs, const uint8_t *speech);
const quote *dyadi_quote_of(const quote *qs, size_t nq, uint32_t i);

/* ---- roles.c: roles by word order */
const char *dyadi_governing_prep(const dyad_coder *c, uint32_t first, uint32_t sfirst);
/* The same preposition's token, UINT32_MAX when none. */
uint32_t dyadi_governing_prep_at(const dyad_coder *c, uint32_t first, uint32_t sfirst);
int dyadi_in_list(const char *word, const char *list);
int dyadi_prep_matches(const char *prep, const char *list);
int dyadi_boundary_between(const dyad_coder *c, uint32_t a, uint32_t b);
void dyadi_fill_roles(dyad_coder *c, cand *cs, size_t nc, const trig *t, int *src, int *tgt);
int dyadi_between_pair(const dyad_coder *c, const cand *cs, size_t nc, uint32_t tend,
                        int *src, int *tgt);
int dyadi_is_refusal_head(const dyad_coder *c, const cue *cues, size_t ncu, const trig *t);
int dyadi_coordinated(const dyad_coder *c, const cand *cs, size_t nc, uint32_t from,
                       uint32_t to);
int dyadi_find_source(const dyad_coder *c, const cand *cs, size_t nc, uint32_t sfirst,
                       uint32_t tfirst, const uint8_t *attrib_tok);
int dyadi_find_target(const dyad_coder *c, const cand *cs, size_t nc, uint32_t tend,
                       const dyadi_trigger *e, int src, const uint8_t *attrib_tok,
                       int want_passive_agent);
int dyadi_stance_of_speaker(const dyadi_trigger *e, int attr_cand, uint32_t attr_from,
                             uint32_t sfirst, const trig *t);

/* ---- roles_tabari.c: TABARI and PETRARCH conventions */
int dyadi_code_by(const dyad_coder *c, int one_verb);
int dyadi_tabari_noun(const dyad_coder *c, uint32_t i, uint32_t sfirst);
int dyadi_sentence_vetoed(const dyad_coder *c, uint32_t s, uint32_t sfirst, uint32_t send);
size_t dyadi_comma_clauses(const dyad_coder *c, const cand *cs, size_t nc, uint32_t sfirst,
                            uint32_t send, uint32_t *lo, uint32_t *hi);
int dyadi_hidden_at(const uint32_t *lo, const uint32_t *hi, size_t n, uint32_t i);
int dyadi_compound_next(const dyad_coder *c, const cand *cs, size_t nc, size_t k);
int dyadi_too_complex(const dyad_coder *c, const cand *cs, size_t nc, const trig *ts, size_t ntr,
                       uint32_t sfirst, uint32_t send);
void dyadi_tabari_roles(const dyad_coder *c, const cand *cs, size_t nc, uint32_t cfirst,
                         const trig *t, int passive, int prev_src, int *src, int *tgt);
int dyadi_new_clause(const dyad_coder *c, const cand *cs, size_t nc, uint32_t from,
                      uint32_t trig_first, uint32_t *start);
int dyadi_petr_noun_phrase(const dyad_coder *c, const cand *cs, size_t nc, uint32_t sfirst,
                            uint32_t vfirst);

/* ---- scope.c: codes from scope */
const char *dyadi_intent_code(const char *code);
const char *dyadi_demand_code(const char *code);
const char *dyadi_appeal_code(dyad_coder *c, const char *code);
const char *dyadi_threat_code(const char *code);
int dyadi_complement_of(const dyad_coder *c, const trig *ts, size_t ntr, size_t ti);
const char *dyadi_refusal_code(const char *code);
const char *dyadi_refusal_subcode(const char *code);
int dyadi_complement_tree(const dyadi_tree *tr, const trig *ts, size_t ntr, size_t ti,
                          size_t from);
const char *dyadi_protest_code(dyad_coder *c, const char *code, const char *purpose);
/* The target an expression's inner words name when its frame found none:
 * an actor that is the object, or in an oblique with/to/against/on/from/
 * into (in: a place, last), of a pattern word after the first ("threatened
 * to break relations with Russia"); a candidate index or -1. */
int dyadi_inner_target(const dyadi_tree *tr, const cand *cs, size_t nc, const trig *t, int src);
/* The maker of what a rejection expression rejects, when its frame found
 * no target: an actor that qualifies a noun among the expression's words
 * as compound, adjective or possessor, or in a by/from/of modifier ("rejected
 * a U.S. request", "rejected calls by Kofi Annan"); a candidate index or -1. */
int dyadi_rejected_maker(const dyadi_tree *tr, const cand *cs, size_t nc, const trig *t, int src);
/* CAMEO 19x ("use conventional military force") is the armed forces' and
 * armed groups' violence; the same act by civilians, protesters,
 * criminals or any other unarmed sector ("a mob killed", "a man stabbed",
 * "protesters attacked the police") is 18x, unconventional violence: 180.
 * code unchanged otherwise. */
const char *dyadi_violence_code(const char *code, const char *source_code);

/* ---- docpass.c: events appended and merged, dates, FORWARD */
const char *dyadi_date_str(dyad_coder *c, uint32_t ymd);
uint32_t dyadi_coder_sentence_date(const dyad_coder *c, uint32_t sfirst, uint32_t send);
const char *dyadi_event_date(dyad_coder *c, const char *sdate_str, uint32_t sfirst,
                              uint32_t trig_first);
int dyadi_distinct_same_code(const dyad_coder *c, const cand *a, const cand *b);
void dyadi_forward_story(dyad_coder *c);
void dyadi_forward_update(dyad_coder *c, size_t events_before);
int dyadi_push_event(dyad_coder *c, uint32_t sent, const trig *t, const cand *src,
                      const cand *tgt, const char *code, int polarity, int modality,
                      const char *attr_text, const char *attr_code, const cand *loc,
                      const char *edate, const char *rule);


#endif
