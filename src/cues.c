/* cues.c - the words around a trigger that change what it means:
 * negation, refusal, modality, attribution, speech and time cues (matched
 * in the cue trie), and quotations with their speakers across sentences.
 * Part of the event coder (events.c drives it). */
#include "events.h"
#include "dates.h"
#include "words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cue_kind_of(const dyadi_cue *e)
{
    /* the kinds are fixed words (docs/formats.md): their first two letters
     * tell them apart, and this runs for every cue match */
    const char *k = e ? e->kind : NULL;
    if (!k || !k[0])
        return CUE_OTHER;
    switch (k[0]) {
    case 'n': return strcmp(k, "neg") == 0 ? CUE_NEG : CUE_OTHER;
    case 'r': return strcmp(k, "refuse") == 0 ? CUE_REFUSE : CUE_OTHER;
    case 'm': return strcmp(k, "modal") == 0 ? CUE_MODAL : CUE_OTHER;
    case 'a': return strcmp(k, "attrib") == 0 ? CUE_ATTRIB : CUE_OTHER;
    case 's': return k[1] == 'p' && strcmp(k, "speech") == 0 ? CUE_SPEECH : CUE_OTHER;
    case 't': return strcmp(k, "time") == 0 ? CUE_TIME : CUE_OTHER;
    }
    return CUE_OTHER;
}

size_t dyadi_find_cues(dyad_coder *c, uint32_t sfirst, uint32_t send, cue *out, size_t max)
{
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++) {
        int trie = pass ? DYADI_TRIE_CUE_STEM : DYADI_TRIE_CUE;
        dyadi_node root = dyadi_lex_root(c->lex, trie);
        if (!root)
            continue;
        for (uint32_t i = sfirst; i < send && n < max; i++) {
            /* a verb cue never starts on a capitalised word inside the
             * sentence ("the United States" is no "state") */
            if (pass && i > sfirst && (dyadi_tok(c, i)->flags & DYAD_TOKF_CAPITAL))
                continue;
            hit h;      /* cues need no word positions: no path */
            h.end = 0;
            h.node = 0;
            h.words = 0;
            h.steps = 0;
            h.tabari = 0;
            h.npos = 0;
            dyadi_trie_walk_plain(c, trie, pass, root, i, send, 0, &h);
            if (!h.end)
                continue;
            size_t ne;
            const uint32_t *ids = dyadi_lex_entries(c->lex, trie, h.node, &ne);
            for (size_t k = 0; k < ne && n < max; k++) {
                const dyadi_cue *e = dyadi_lex_cue(c->lex, ids[k]);
                if (!e || (e->lang && !same_lang(e->lang, c->lang)))
                    continue;
                /* determiners ("stop") and time words are not used by the
                 * scope rules: keeping them only lengthened every scan */
                int kd = cue_kind_of(e);
                if (kd == CUE_OTHER || kd == CUE_TIME)
                    continue;
                out[n].first = i;
                out[n].end = h.end;
                out[n].kind = kd;
                out[n].e = e;
                n++;
            }
        }
    }
    return n;
}

/* The mention starting at or after token i within n tokens, or NULL. */
static const dyad_mention *mention_near(const dyad_coder *c, uint32_t i, uint32_t n)
{
    size_t nm;
    const dyad_mention *ms = dyad_coder_mentions(c, &nm);
    for (size_t k = 0; k < nm; k++)
        if (ms[k].kind == DYAD_MENTION_ACTOR && ms[k].first_token >= i && ms[k].first_token <= i + n)
            return &ms[k];
    return NULL;
}

static const dyad_mention *mention_before(const dyad_coder *c, uint32_t i, uint32_t n)
{
    size_t nm;
    const dyad_mention *ms = dyad_coder_mentions(c, &nm);
    const dyad_mention *best = NULL;
    for (size_t k = 0; k < nm; k++)
        if (ms[k].kind == DYAD_MENTION_ACTOR && ms[k].first_token + ms[k].n_tokens <= i &&
            ms[k].first_token + ms[k].n_tokens + n >= i)
            best = &ms[k];
    return best;
}

static int is_speech_stem(const dyad_coder *c, uint32_t i, const uint8_t *speech)
{
    return i < c->tokens.len && speech[i];
}

/* The first token of token t's sentence and the token after its end
 * (the sentences are in order); [t, t + 1) when no sentence holds it. */
static void sentence_around(const dyad_coder *c, uint32_t t, uint32_t *first, uint32_t *end)
{
    size_t ns;
    const dyad_sentence *ss = dyad_coder_sentences(c, &ns);
    size_t lo = 0, hi = ns;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ss[mid].first_token + ss[mid].n_tokens <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < ns && ss[lo].first_token <= t) {
        *first = ss[lo].first_token;
        *end = ss[lo].first_token + ss[lo].n_tokens;
    } else {
        *first = t;
        *end = t + 1;
    }
}

/* "Hollande est arrivé sur place à 13 h et évoque un « ... »": the
 * speaker further back than mention_before reaches, when it is the only
 * actor between the sentence's start and the speech verb at b and no
 * comma, colon or bracket stands between them (an actor in between may
 * be the object of an earlier verb: "X a rencontré Y et a déclaré"). */
#define EARLY_SPEAKER_REACH 16u
static const char *const COMMA[] = {",", NULL};
static const dyad_mention *sentence_subject_before(const dyad_coder *c, uint32_t b)
{
    size_t nm;
    const dyad_mention *ms = dyad_coder_mentions(c, &nm);
    uint32_t sfirst, send;
    sentence_around(c, b, &sfirst, &send);
    const dyad_mention *found = NULL;
    for (size_t k = 0; k < nm; k++) {
        if (ms[k].kind != DYAD_MENTION_ACTOR || ms[k].first_token < sfirst || ms[k].first_token >= b)
            continue;
        if (found)
            return NULL;
        found = &ms[k];
    }
    if (!found || found->first_token + found->n_tokens + EARLY_SPEAKER_REACH < b)
        return NULL;
    for (uint32_t j = found->first_token + found->n_tokens; j < b; j++)
        if ((DYADI_VEC_AT(&c->wclass, uint32_t, j) & W_BOUND) || dyadi_norm_in(c, j, COMMA))
            return NULL;
    return found;
}

/* "« ... » mardi, mettant ainsi fin à la grève, a déclaré le maire", "...,"
 * he told reporters on Monday, ending the talks, "...": the speech verb
 * further on in the quotation's sentence, past an aside that names no
 * actor (one that does may be the subject of its own verb), and the
 * actor right after it, or the actor right before it ("the minister
 * said"). */
#define LATE_SPEECH_REACH 24u
static void late_speaker(const dyad_coder *c, quote *q, const uint8_t *speech)
{
    size_t nm;
    const dyad_mention *ms = dyad_coder_mentions(c, &nm);
    uint32_t sfirst, send;
    sentence_around(c, q->close, &sfirst, &send);
    for (uint32_t j = q->close + 1; j < send && j <= q->close + LATE_SPEECH_REACH; j++) {
        if (DYADI_VEC_AT(&c->wclass, uint32_t, j) & (W_QOPEN | W_QSTRAIGHT))
            return;
        for (size_t k = 0; k < nm; k++) {
            if (ms[k].kind != DYAD_MENTION_ACTOR || ms[k].first_token != j)
                continue;
            /* "..., the Russian president said" */
            uint32_t e = j + ms[k].n_tokens;
            if ((e < send && is_speech_stem(c, e, speech)) ||
                (e + 1 < send && is_speech_stem(c, e + 1, speech))) {
                q->speaker = ms[k].code;
                q->speaker_span = ms[k].span;
            }
            return;
        }
        if (is_speech_stem(c, j, speech)) {
            const dyad_mention *m = mention_near(c, j + 1, 3);
            if (m && m->first_token < send) {
                q->speaker = m->code;
                q->speaker_span = m->span;
            }
            return;
        }
    }
}

size_t dyadi_find_quotes(dyad_coder *c, quote *qs, const uint8_t *speech)
{
    size_t nq = 0;
    size_t nt = c->tokens.len;
    uint32_t open = UINT32_MAX;
    int straight_open = 0;
    for (uint32_t i = 0; i < nt && nq <= MAX_QUOTES; i++) {
        const char *k = dyadi_tok(c, i)->norm;
        if (!k)
            continue;
        uint32_t wc = DYADI_VEC_AT(&c->wclass, uint32_t, i);
        if (!(wc & (W_QOPEN | W_QCLOSE | W_QSTRAIGHT)))
            continue;
        int op = (wc & W_QOPEN) != 0, cl = (wc & W_QCLOSE) != 0;
        if (wc & W_QSTRAIGHT) {
            if (!straight_open) { op = 1; straight_open = 1; }
            else { cl = 1; straight_open = 0; }
        }
        if (op) {
            open = i;
        } else if (cl && open != UINT32_MAX) {
            quote *q = &qs[nq++];
            q->open = open;
            q->close = i;
            q->speaker = NULL;
            q->speaker_span.start = q->speaker_span.end = 0;
            /* "... » a déclaré X" / "..." said X / X said */
            uint32_t j;
            for (j = i + 1; j < nt && j <= i + 4; j++) {
                if (is_speech_stem(c, j, speech)) {
                    const dyad_mention *m = mention_near(c, j + 1, 3);
                    if (!m)
                        m = mention_before(c, j, 2);
                    if (m && m->first_token > i) {
                        q->speaker = m->code;
                        q->speaker_span = m->span;
                    }
                    break;
                }
            }
            int near_verb = j <= i + 4 && j < nt;
            /* "X a déclaré : « ... »" */
            if (!q->speaker && open >= 2) {
                for (uint32_t b = open; b-- > 0 && b + 5 > open;) {
                    if (is_speech_stem(c, b, speech)) {
                        const dyad_mention *m = mention_before(c, b, 4);
                        if (!m)
                            m = sentence_subject_before(c, b);
                        if (m) {
                            q->speaker = m->code;
                            q->speaker_span = m->span;
                        }
                        break;
                    }
                }
            }
            if (!q->speaker && !near_verb)
                late_speaker(c, q, speech);
            /* "évoque un « ignoble attentat », « nous devons ... »": a
             * quotation right after another, a comma or "et" between,
             * has its speaker */
            if (!q->speaker && nq >= 2 && qs[nq - 2].speaker && open > qs[nq - 2].close &&
                open <= qs[nq - 2].close + 2) {
                uint32_t g = qs[nq - 2].close + 1;
                if (g == open || dyadi_norm_in(c, g, COMMA) || (DYADI_VEC_AT(&c->wclass, uint32_t, g) & W_AND)) {
                    q->speaker = qs[nq - 2].speaker;
                    q->speaker_span = qs[nq - 2].speaker_span;
                }
            }
            open = UINT32_MAX;
        }
    }
    return nq;
}

const quote *dyadi_quote_of(const quote *qs, size_t nq, uint32_t i)
{
    for (size_t k = 0; k < nq; k++)
        if (qs[k].open < i && i < qs[k].close)
            return &qs[k];
    return NULL;
}
