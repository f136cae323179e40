/* stage.c - the syntax stage: from dyad's tokens to tagged and parsed UD words.
 *
 * The tokenizer keeps one token per written form, with its exact bytes.
 * Universal Dependencies splits some forms into syntactic words: French
 * "du" is "de le", "aux" is "à les", English "cannot" is "can not". This
 * stage makes the words of each sentence (a part keeps its token's span and
 * is flagged DYAD_WORDF_MWT), runs the tagger and the parser on them, and
 * appends dyad_word records. French "des" is either an article (one word)
 * or "de les": it is split when the tagger's first pass, run on the unsplit
 * sentence up to its last "des", puts a noun, proper noun, pronoun, numeral, adjective or adverb
 * before it ("la libération des otages", "près des frontières"), and kept
 * whole after a verb, a preposition, a conjunction or at the start ("ont
 * tiré des missiles", "avec des alliés"). */
#include "syntax/syntax.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

typedef struct contraction {
    const char *form, *p1, *p2;
} contraction;

static const contraction fr_contr[] = {
    {"au", "à", "le"},          {"aux", "à", "les"},         {"des", "de", "les"},
    {"du", "de", "le"},         {"auquel", "à", "lequel"},   {"auxquels", "à", "lesquels"},
    {"auxquelles", "à", "lesquelles"}, {"duquel", "de", "lequel"}, {"desquels", "de", "lesquels"},
    {"desquelles", "de", "lesquelles"},
};
static const contraction en_contr[] = {
    {"cannot", "can", "not"}, {"gonna", "gon", "na"}, {"wanna", "wan", "na"}, {"gotta", "got", "ta"},
};

static const contraction *find_contr(const char *lang, const char *norm)
{
    /* called for every word: every contraction starts with one of these */
    if (!strchr("adcgw", norm[0]) || norm[0] == '\0')
        return NULL;
    const contraction *t = NULL;
    size_t n = 0;
    if (lang[0] == 'f' && lang[1] == 'r') {
        t = fr_contr;
        n = sizeof fr_contr / sizeof *fr_contr;
    } else if (lang[0] == 'e' && lang[1] == 'n') {
        t = en_contr;
        n = sizeof en_contr / sizeof *en_contr;
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].form, norm) == 0)
            return &t[i];
    return NULL;
}

/* A part's form keeps the token's capital: "Du" -> "De" "le". */
static const char *part_form(dyadi_arena *a, const char *part, int cap)
{
    if (!cap || (unsigned char)part[0] < 'a' || (unsigned char)part[0] > 'z')
        return part;
    size_t n = strlen(part);
    char *p = dyadi_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, part, n + 1);
    p[0] = (char)(p[0] - 'a' + 'A');
    return p;
}

/* One sentence's words: tokens tok[0..nt) into w (room for 2*nt), with the
 * token index of each word in owner[] and its MWT flag. split_des: 1 split,
 * 0 keep, per token (NULL: keep every "des"). */
static size_t make_words(const char *text, const dyad_token *tok, size_t nt, const char *lang,
                         const uint8_t *split_des, dyadi_sword *w, uint32_t *owner, uint8_t *mwt,
                         dyadi_arena *a, int *ok)
{
    size_t n = 0;
    *ok = 1;
    for (size_t i = 0; i < nt; i++) {
        const dyad_token *t = &tok[i];
        const char *s = text + t->span.start;
        size_t len = t->span.end - t->span.start;
        const contraction *c = t->kind == DYAD_TOK_WORD && t->norm ? find_contr(lang, t->norm) : NULL;
        if (c && strcmp(c->form, "des") == 0 && !(split_des && split_des[i]))
            c = NULL;
        if (c) {
            int cap = (t->flags & DYAD_TOKF_CAPITAL) != 0;
            const char *parts[2] = {part_form(a, c->p1, cap), c->p2};
            for (int k = 0; k < 2; k++) {
                memset(&w[n], 0, sizeof w[n]);
                if (!parts[k] || !(w[n].norm = dyadi_norm_key(a, parts[k], strlen(parts[k])))) {
                    *ok = 0;
                    return n;
                }
                w[n].form = parts[k];
                if (!dyadi_sword_keys(&w[n], a, parts[k], strlen(parts[k]), n == 0)) {
                    *ok = 0;
                    return n;
                }
                owner[n] = (uint32_t)i;
                mwt[n] = 1;
                n++;
            }
            continue;
        }
        memset(&w[n], 0, sizeof w[n]);
        char *form = dyadi_arena_strndup(a, s, len);
        if (!form) {
            *ok = 0;
            return n;
        }
        w[n].form = form;
        w[n].norm = t->norm;
        if (!dyadi_sword_keys(&w[n], a, form, len, n == 0)) {
            *ok = 0;
            return n;
        }
        owner[n] = (uint32_t)i;
        mwt[n] = 0;
        n++;
    }
    return n;
}

static int splits_before(int upos)
{
    /* NOUN PROPN PRON NUM ADJ ADV SYM: "des" after them is "de les" */
    return upos == DYADI_UPOS_NOUN || upos == DYADI_UPOS_PROPN || upos == DYADI_UPOS_PRON ||
           upos == DYADI_UPOS_NUM || upos == DYADI_UPOS_ADJ || upos == DYADI_UPOS_ADV ||
           upos == DYADI_UPOS_SYM;
}

#define SCRATCH_CAP ((size_t)512 << 20)

/* The words of one sentence of nt tokens, tagged, and parsed when parse:
 * in the syntax scratch (valid until its next use); *n their number,
 * owner[j] the token of word j, mwt[j] whether it is part of one. */
static dyad_status sentence_words(const dyad_model *m, const char *lang, const char *text,
                                  const dyad_token *st, size_t nt, dyadi_arena *a,
                                  dyadi_scratch *scratch, int parse, dyadi_sword **wout,
                                  uint32_t **owner_out, uint8_t **mwt_out, size_t *nout)
{
    /* scratch: words, owners, flags, des decisions, parser state */
    size_t need = 2 * nt * (sizeof(dyadi_sword) + sizeof(uint32_t) + 2) + dyadi_pstate_need(2 * nt) + 64;
    if (scratch->cap < need) {
        if (need > SCRATCH_CAP)
            return DYAD_ERR_TOOBIG;
        size_t cap = need * 2 < SCRATCH_CAP ? need * 2 : SCRATCH_CAP;
        void *p = malloc(cap);
        if (!p)
            return DYAD_ERR_NOMEM;
        free(scratch->p);
        scratch->p = p;
        scratch->cap = cap;
    }
    unsigned char *base = scratch->p;
    dyadi_sword *w = (dyadi_sword *)base;
    uint32_t *owner = (uint32_t *)(w + 2 * nt);
    uint8_t *mwt = (uint8_t *)(owner + 2 * nt);
    uint8_t *des = mwt + 2 * nt;
    void *pmem = (void *)(((uintptr_t)(des + nt) + 15) & ~(uintptr_t)15);
    int ok;
    int has_des = 0;
    if (lang[0] == 'f')
        for (size_t i = 0; i < nt; i++)
            if (st[i].norm && strcmp(st[i].norm, "des") == 0)
                has_des = 1;
    memset(des, 0, nt);
    if (has_des) {
        /* tag the unsplit sentence to see what precedes each "des" */
        size_t n0 = make_words(text, st, nt, lang, NULL, w, owner, mwt, a, &ok);
        if (!ok)
            return DYAD_ERR_TOOBIG;
        /* only the first pass, and only up to the last "des": its
         * decision needs the tag of the word before it */
        size_t last = 0;
        for (size_t j = 1; j < n0; j++)
            if (strcmp(w[j].norm, "des") == 0)
                last = j;
        dyadi_tag_first_pass(m, w, n0, last);
        for (size_t j = 1; j <= last; j++)
            if (!mwt[j] && strcmp(w[j].norm, "des") == 0 && splits_before(w[j - 1].upos))
                des[owner[j]] = 1;
    }
    size_t n = make_words(text, st, nt, lang, des, w, owner, mwt, a, &ok);
    if (!ok)
        return DYAD_ERR_TOOBIG;
    dyadi_tag(m, w, n, a);
    if (parse)
        dyadi_parse(m, w, n, pmem);
    *wout = w;
    *owner_out = owner;
    *mwt_out = mwt;
    *nout = n;
    return DYAD_OK;
}

dyad_status dyadi_syntax_run(const dyad_model *m, const char *lang, const char *text,
                             const dyad_token *tok, const dyad_sentence *sents, size_t first,
                             size_t nsent, dyadi_arena *a, dyadi_vec *words, dyadi_scratch *scratch)
{
    for (size_t si = first; si < first + nsent; si++) {
        const dyad_sentence *s = &sents[si];
        size_t nt = s->n_tokens;
        if (nt == 0)
            continue;
        const dyad_token *st = tok + s->first_token;
        dyadi_sword *w;
        uint32_t *owner;
        uint8_t *mwt;
        size_t n;
        dyad_status rc = sentence_words(m, lang, text, st, nt, a, scratch, 1, &w, &owner, &mwt, &n);
        if (rc != DYAD_OK)
            return rc;
        for (size_t j = 0; j < n; j++) {
            dyad_word *o = dyadi_vec_push(words);
            if (!o)
                return DYAD_ERR_TOOBIG;
            const dyad_token *t = &st[owner[j]];
            o->span = t->span;
            o->sentence = (uint32_t)si;
            o->token = s->first_token + owner[j];
            o->id = (uint32_t)j + 1;
            o->head = (uint32_t)(w[j].head < 0 ? 0 : w[j].head);
            o->form = w[j].form;
            o->lemma = w[j].lemma ? w[j].lemma : w[j].norm;
            o->upos = dyadi_upos_names[w[j].upos];
            o->feats = dyadi_model_str(m, m->feats[w[j].feats < m->nfeats ? w[j].feats : 0]);
            o->deprel = dyadi_model_str(m, m->labels[w[j].label < m->nlabels ? w[j].label : 0]);
            o->flags = mwt[j] ? DYAD_WORDF_MWT : 0;
        }
    }
    return DYAD_OK;
}

dyad_status dyadi_syntax_tags(const dyad_model *m, const char *lang, const char *text,
                              const dyad_token *tok, size_t first, size_t nt, dyadi_arena *a,
                              dyadi_scratch *scratch, uint8_t *upos)
{
    memset(upos, DYADI_NUPOS, nt);
    if (nt == 0)
        return DYAD_OK;
    dyadi_sword *w;
    uint32_t *owner;
    uint8_t *mwt;
    size_t n;
    dyad_status rc = sentence_words(m, lang, text, tok + first, nt, a, scratch, 0, &w, &owner, &mwt, &n);
    if (rc != DYAD_OK)
        return rc;
    for (size_t j = 0; j < n; j++)
        if (upos[owner[j]] == DYADI_NUPOS)   /* a token's first word ("du": de) */
            upos[owner[j]] = w[j].upos;
    return DYAD_OK;
}
