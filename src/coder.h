/* coder.h - the coder handle's state, shared by the pipeline stages
 * (coder.c drives them; actors.c and events.c read the text stages' arrays
 * and append their own). Internal. */
#ifndef DYAD_CODER_H
#define DYAD_CODER_H
#include "dyad.h"
#include "arena.h"
#include "text.h"
#include "options.h"
#include "lex.h"
#include "syntax/syntax.h"

#include <string.h>

/* The lexicon's prefix keys matching a token (TABARI word matching),
 * longest first, 0 after the last. */
#define DYADI_MAX_PFX 4
typedef struct dyadi_pfx {
    uint32_t id[DYADI_MAX_PFX];
} dyadi_pfx;

struct dyad_coder {
    const dyad_lexicon *lex;    /* borrowed, may be NULL */
    dyadi_stemmer *stemmer;
    dyadi_arena arena;          /* per-document strings; reset per document */
    dyadi_vec tokens;           /* dyad_token */
    dyadi_vec sents;            /* dyad_sentence */
    dyadi_vec warnings;         /* dyad_warning */
    dyadi_vec mentions;         /* dyad_mention (actors.c) */
    dyadi_vec events;           /* dyad_event (events.c) */
    dyadi_vec quotes;           /* dyad_quote (events.c) */
    dyadi_vec vetoes;           /* uint32_t sentence indices holding a TABARI discard [###]
                                   or complex [+++] actor (actors.c): nothing is coded there */
    const dyad_doc *doc;        /* borrowed for the duration of dyad_coder_run */
    const char *lang;           /* "fr", "en", "und" (static storage) */
    uint32_t date;              /* document date as YYYYMMDD (YYYYMM00 for a month), 0 unknown */
    dyadi_vec wclass;           /* uint32_t per token: function-word classes (events.c) */
    dyadi_vec pfx;              /* dyadi_pfx per token, for DYADI_LEX_WORDS lexicons only */
    dyadi_options opts;         /* TABARI-compatible settings (options.c), read by events.c */
    dyadi_forward fwd;          /* FORWARD: the story's sources across documents */
    const dyad_model *model_fr, *model_en;  /* borrowed syntax models, may be NULL */
    dyadi_vec words;            /* dyad_word (syntax/stage.c) */
    int syntax_mode;            /* dyad_syntax_mode */
    const dyad_model *lazy_model;   /* DYAD_SYNTAX_EVENTS: this document's model, for
                                       dyadi_coder_parse; NULL otherwise */
    dyadi_scratch syn;          /* the syntax stage's scratch memory */
    size_t max_matches;         /* cap on actor phrase matches per document (actors.c) */
    char errmsg[512];
};

/* The coder's token i, and whether its norm key is one of words (a NULL-
 * terminated list); shared by the actor and event stages. */
static inline const dyad_token *dyadi_tok(const dyad_coder *c, uint32_t i)
{
    return &DYADI_VEC_AT(&c->tokens, dyad_token, i);
}

static inline int dyadi_norm_in(const dyad_coder *c, uint32_t i, const char *const *words)
{
    if (i >= c->tokens.len)
        return 0;
    const char *k = dyadi_tok(c, i)->norm;
    if (!k)
        return 0;
    for (; *words; words++)
        if (strcmp(k, *words) == 0)
            return 1;
    return 0;
}

/* The actor-trie node of the phrase on tokens [first, first + n): 0 when
 * a token has no key or the lexicon has no such phrase. Its entries are
 * dyadi_lex_entries(c->lex, DYADI_TRIE_ACTOR, node, ...). */
static inline dyadi_node dyadi_actor_phrase(const dyad_coder *c, uint32_t first, uint32_t n)
{
    dyadi_node node = n ? dyadi_lex_root(c->lex, DYADI_TRIE_ACTOR) : 0;
    for (uint32_t j = first; node && j < first + n; j++)
        node = j < c->tokens.len && dyadi_tok(c, j)->norm_id
                   ? dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, node, dyadi_tok(c, j)->norm_id)
                   : 0;
    return node;
}

/* Caps per document, for tests and fuzzing that want to reach them with
 * small inputs; 0 keeps a cap as it is. Lower them on a new coder, before
 * its first run (an array grown past a cap is not shrunk). */
typedef struct dyadi_coder_caps {
    size_t tokens, sentences, mentions, matches, events, quotes, arena_bytes;
} dyadi_coder_caps;
void dyadi_coder_set_caps(dyad_coder *c, const dyadi_coder_caps *caps);
/* A cap of this document was reached: message, and DYAD_ERR_TOOBIG. */
dyad_status dyadi_coder_too_big(dyad_coder *c, const char *what, size_t cap);

/* Later stages, each in its own module; called by dyad_coder_run in order
 * after the text stages when a lexicon is loaded. */
dyad_status dyadi_actors_run(dyad_coder *c);   /* actors.c */
dyad_status dyadi_events_run(dyad_coder *c);   /* events.c */
/* DYAD_SYNTAX_EVENTS: tag and parse sentence sent now, appending its words
 * to c->words (a no-op without a lazy model). */
dyad_status dyadi_coder_parse(dyad_coder *c, size_t sent);
/* The tags of tokens [lo, hi) of a sentence, tagged now as a sentence of
 * their own, without a tree (upos[i]: token lo + i, an index into
 * dyadi_upos_names, DYADI_NUPOS for none). 0 when the coder has no model
 * for the language (upos untouched), 1 when filled, -1 on an error (in
 * *st). upos holds hi - lo bytes. */
int dyadi_coder_tags(dyad_coder *c, uint32_t lo, uint32_t hi, uint8_t *upos, dyad_status *st);
/* "fr", "en" or "und" for a text whose function words were too few, from
 * the lexicon's words (langlex.c); needs the tokens' norm keys. */
const char *dyadi_langid_lexicon(dyad_coder *c);
#endif
