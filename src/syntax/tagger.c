/* tagger.c - part of speech, lemma and morphological features.
 *
 * UPOS comes from a greedy left-to-right averaged perceptron over about
 * thirty feature keys per word (the word, its neighbours, suffixes,
 * prefixes, shape, the two previous tags): one hash probe per feature and a
 * row of 17 weights. A second pass tags the sentence again with the first
 * pass's tags of the next two words as features (what follows a word
 * decides many of its tags: "that", "like", participles). Lemma and features come from the model's lexicon: the
 * (word, UPOS) pairs seen in training keep their most frequent lemma and
 * feature bundle; other words take the rule of their longest known suffix
 * for that UPOS (strip N characters, append a string), learnt from the
 * training words; proper nouns are their own lemma. */
#include "syntax/syntax.h"
#include "text.h"

#include <string.h>

/* Byte offset of the start of the last k characters of s[0..n) (UTF-8);
 * 0 when s has at most k characters. */
static size_t last_chars(const char *s, size_t n, int k)
{
    size_t i = n;
    while (i > 0 && k > 0) {
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
            i--;
        k--;
    }
    return i;
}

/* Byte length of the first k characters. */
static size_t first_chars(const char *s, size_t n, int k)
{
    size_t i = 0;
    while (i < n && k > 0) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        k--;
    }
    return i;
}

int dyadi_sword_keys(dyadi_sword *w, dyadi_arena *a, const char *form, size_t n, int first)
{
    if (!w->norm) {
        char *norm = dyadi_norm_key(a, form, n);
        if (!norm)
            return 0;
        w->norm = norm;
    }
    size_t nn = strlen(w->norm);
    w->h_norm = dyadi_shash(w->norm, nn);
    w->h_form = dyadi_shash(form, n) ^ 0x5555;
    for (int k = 1; k <= 4; k++) {
        size_t s = last_chars(w->norm, nn, k);
        w->h_sfx[k - 1] = dyadi_shash(w->norm + s, nn - s) + (uint64_t)k;
    }
    for (int k = 1; k <= 3; k++)
        w->h_pfx[k - 1] = dyadi_shash(w->norm, first_chars(w->norm, nn, k)) + (uint64_t)k * 7;
    uint32_t sh = first ? DYADI_SH_FIRST : 0;
    int letters = 0, upper = 0, digits = 0, others = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)form[i];
        if (ch >= 'A' && ch <= 'Z') {
            letters++;
            upper++;
            if (i == 0)
                sh |= DYADI_SH_CAP;
        } else if (ch >= 'a' && ch <= 'z') {
            letters++;
        } else if (ch >= '0' && ch <= '9') {
            digits++;
        } else if (ch >= 0x80) {
            /* a non-ASCII letter: upper case when casefolding changed it */
            letters++;
        } else if (ch == '-') {
            sh |= DYADI_SH_HYPHEN;
            others++;
        } else if (ch == '.') {
            sh |= DYADI_SH_PERIOD;
            others++;
        } else if (ch == '\'') {
            sh |= DYADI_SH_APOS;
            others++;
        } else {
            others++;
        }
    }
    /* non-ASCII capitals (É, Ö): the norm key differs from the form there */
    if (n > 0 && (unsigned char)form[0] >= 0x80 && strncmp(form, w->norm, first_chars(form, n, 1)) != 0)
        sh |= DYADI_SH_CAP;
    if (upper >= 2 && upper == letters)
        sh |= DYADI_SH_ALLCAP;
    if (digits)
        sh |= DYADI_SH_DIGIT;
    if (digits && !letters)
        sh |= DYADI_SH_ALLDIG;
    if (!letters && !digits && others)
        sh |= DYADI_SH_PUNCT;
    w->shape = sh;
    return 1;
}

enum {
    T_BIAS = 1, T_W, T_WM1, T_WM2, T_WP1, T_WP2, T_SFX, T_PFX, T_SHAPE, T_SHM1, T_SHP1,
    T_T1, T_T12, T_T1W, T_WM1W, T_WWP1, T_SFXM1, T_SFXP1, T_T1SFX, T_SHW, T_WP1SFX,
    T_FORM, T_T1WP1, T_WM1WP1, T_SFXWP2, T_T2W,
    T_R1, T_R12, T_R1W, T_T1R1, T_R1SFX, T_R1WP1
};

#define NONE_H 0x5bd1e995ULL
#define BOS_T 100u

size_t dyadi_tag_features(const dyadi_sword *w, size_t n, size_t i, uint32_t *out, int pass2)
{
    size_t k = 0;
    uint64_t ft[DYADI_MAX_TFEATS], fa[DYADI_MAX_TFEATS], fb[DYADI_MAX_TFEATS], fc[DYADI_MAX_TFEATS];
#define F3(T, A, B, C) (ft[k] = DYADI_TK(T), fa[k] = (A), fb[k] = (B), fc[k] = (C), k++)
    const dyadi_sword *x = &w[i];
    uint64_t wm1 = i >= 1 ? w[i - 1].h_norm : NONE_H;
    uint64_t wm2 = i >= 2 ? w[i - 2].h_norm : NONE_H + 1;
    uint64_t wp1 = i + 1 < n ? w[i + 1].h_norm : NONE_H + 2;
    uint64_t wp2 = i + 2 < n ? w[i + 2].h_norm : NONE_H + 3;
    uint64_t t1 = i >= 1 ? w[i - 1].upos : BOS_T;
    uint64_t t2 = i >= 2 ? w[i - 2].upos : BOS_T;
    F3(T_BIAS, 0, 0, 0);
    F3(T_W, x->h_norm, 0, 0);
    F3(T_WM1, wm1, 0, 0);
    F3(T_WM2, wm2, 0, 0);
    F3(T_WP1, wp1, 0, 0);
    F3(T_WP2, wp2, 0, 0);
    for (int s = 0; s < 4; s++)
        F3(T_SFX, x->h_sfx[s], 0, 0);
    for (int s = 0; s < 3; s++)
        F3(T_PFX, x->h_pfx[s], 0, 0);
    F3(T_SHAPE, x->shape, 0, 0);
    F3(T_SHM1, i >= 1 ? w[i - 1].shape & 0x7f : 0x1000, 0, 0);
    F3(T_SHP1, i + 1 < n ? w[i + 1].shape & 0x7f : 0x1000, 0, 0);
    F3(T_T1, t1, 0, 0);
    F3(T_T12, t1, t2, 0);
    F3(T_T1W, t1, x->h_norm, 0);
    F3(T_WM1W, wm1, x->h_norm, 0);
    F3(T_WWP1, x->h_norm, wp1, 0);
    F3(T_SFXM1, i >= 1 ? w[i - 1].h_sfx[2] : NONE_H, 0, 0);
    F3(T_SFXP1, i + 1 < n ? w[i + 1].h_sfx[2] : NONE_H, 0, 0);
    F3(T_T1SFX, t1, x->h_sfx[2], 0);
    F3(T_SHW, x->shape & (DYADI_SH_CAP | DYADI_SH_FIRST), x->h_norm, 0);
    F3(T_WP1SFX, i + 1 < n ? w[i + 1].h_sfx[1] : NONE_H, x->h_sfx[1], 0);
    F3(T_FORM, x->h_form, 0, 0);
    F3(T_T1WP1, t1, wp1, 0);
    F3(T_WM1WP1, wm1, wp1, 0);
    F3(T_SFXWP2, x->h_sfx[2], wp1, 0);
    F3(T_T2W, t2, x->h_norm, 0);
    if (pass2) {
        /* the right context's tags, as the first pass saw them */
        uint64_t r1 = i + 1 < n ? w[i + 1].upos1 : BOS_T + 1, r2 = i + 2 < n ? w[i + 2].upos1 : BOS_T + 1;
        F3(T_R1, r1, 0, 0);
        F3(T_R12, r1, r2, 0);
        F3(T_R1W, r1, x->h_norm, 0);
        F3(T_T1R1, t1, r1, 0);
        F3(T_R1SFX, r1, x->h_sfx[2], 0);
        F3(T_R1WP1, r1, wp1, x->upos1);
    }
#undef F3
    dyadi_fkeys(ft, fa, fb, fc, k, out);
    return k;
}

/* Tag w[0..upto) of the n words (the features see the words after upto). */
static void tag_pass(const dyadi_clf *c, dyadi_sword *w, size_t n, size_t upto, int pass2)
{
    uint32_t f[DYADI_MAX_TFEATS];
    for (size_t i = 0; i < upto && i < n; i++) {
        int32_t sc[DYADI_NUPOS] = {0};
        size_t nf = dyadi_tag_features(w, n, i, f, pass2);
        dyadi_clf_score(c, f, nf, sc);
        int best = 0;
        for (int j = 1; j < DYADI_NUPOS; j++)
            if (sc[j] > sc[best])
                best = j;
        w[i].upos = (uint8_t)best;
    }
}

void dyadi_tag_first_pass(const dyad_model *m, dyadi_sword *w, size_t n, size_t upto)
{
    tag_pass(&m->tagger, w, n, upto, 0);
}

void dyadi_tag_upos(const dyad_model *m, dyadi_sword *w, size_t n)
{
    tag_pass(&m->tagger, w, n, n, 0);
    if (!m->tagger2.slots)
        return;
    /* the second pass: left to right again, now knowing what follows */
    for (size_t i = 0; i < n; i++)
        w[i].upos1 = w[i].upos;
    tag_pass(&m->tagger2, w, n, n, 1);
}

uint32_t dyadi_lex_exact_key(uint64_t h_norm, int upos)
{
    return dyadi_fkey(200, h_norm, (uint64_t)upos, 0);
}
uint32_t dyadi_lex_rule_key(uint64_t h_sfx, int k, int upos)
{
    return dyadi_fkey(201 + (uint32_t)k, h_sfx, (uint64_t)upos, 0);
}

void dyadi_lemmatise(const dyad_model *m, dyadi_sword *w, size_t n, dyadi_arena *a, int lemma_only)
{
    for (size_t i = 0; i < n; i++) {
        dyadi_sword *x = &w[i];
        const dyadi_lexent *e = dyadi_model_lex(m, dyadi_lex_exact_key(x->h_norm, x->upos));
        if (e && e->kind == 0) {
            x->lemma = dyadi_model_str(m, e->lemma);
            if (!lemma_only)
                x->feats = e->feats;
            continue;
        }
        const dyadi_lexent *r = NULL;
        for (int k = 4; k >= 1 && !r; k--) {
            r = dyadi_model_lex(m, dyadi_lex_rule_key(x->h_sfx[k - 1], k, x->upos));
            if (r && r->kind != k)
                r = NULL;
        }
        if (!lemma_only)
            x->feats = r ? r->feats : m->upos_feats[x->upos];
        if (x->upos == 11 /* PROPN */ || !r) {
            x->lemma = x->upos == 11 ? x->form : x->norm;
            continue;
        }
        const char *app = dyadi_model_str(m, r->lemma);
        size_t nn = strlen(x->norm), cut = last_chars(x->norm, nn, r->strip);
        if (r->strip == 0)
            cut = nn;
        size_t na = strlen(app);
        char *l = dyadi_arena_alloc(a, cut + na + 1);
        if (!l) {
            x->lemma = x->norm;
            continue;
        }
        memcpy(l, x->norm, cut);
        memcpy(l + cut, app, na + 1);
        x->lemma = l;
    }
}

void dyadi_tag(const dyad_model *m, dyadi_sword *w, size_t n, dyadi_arena *a)
{
    dyadi_tag_upos(m, w, n);
    dyadi_lemmatise(m, w, n, a, 0);
}
