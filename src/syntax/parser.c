/* parser.c - the dependency parser: arc-eager transitions, greedy.
 *
 * A sentence of n words is parsed in at most 2n transitions (shift, reduce,
 * left arc, right arc) with the root on the stack's bottom. Each transition
 * is chosen by an averaged perceptron over about seventy feature keys of the
 * configuration (the words and tags at the stack top and buffer front, their
 * heads, leftmost and rightmost children with their labels, distance and
 * valency: the templates of Zhang & Nivre 2011), and each arc gets its label
 * from a second perceptron as soon as it is made, so later decisions see
 * it. Trees are projective; a single root is enforced, and what is left
 * headless at the end hangs from the root word.
 *
 * The dynamic oracle (Goldberg & Nivre 2012) used by train.c is here too,
 * beside the transition system it scores. */
#include "syntax/syntax.h"

#include <string.h>

size_t dyadi_pstate_need(size_t n)
{
    return (n + 1) * (11 * sizeof(int32_t) + 2 * sizeof(uint64_t)) + 64;
}

void dyadi_pstate_init(dyadi_pstate *s, size_t n, void *mem)
{
    uint64_t *q = mem;
    s->lset = q;
    s->rset = q + n + 1;
    int32_t *p = (int32_t *)(q + 2 * (n + 1));
    s->n = n;
    s->stack = p; p += n + 1;
    s->head = p; p += n + 1;
    s->lab = p; p += n + 1;
    s->lc = p; p += n + 1;
    s->lc2 = p; p += n + 1;
    s->rc = p; p += n + 1;
    s->rc2 = p; p += n + 1;
    s->nl = p; p += n + 1;
    s->nr = p; p += n + 1;
    for (size_t i = 0; i <= n; i++) {
        s->head[i] = -1;
        s->lab[i] = -1;
        s->lc[i] = s->lc2[i] = s->rc[i] = s->rc2[i] = 0;
        s->nl[i] = s->nr[i] = 0;
        s->lset[i] = s->rset[i] = 0;
    }
    s->stack[0] = 0;
    s->sp = 1;
    s->b = 1;
    s->root_used = 0;
}

void dyadi_pstate_arc(const dyadi_pstate *s, int act, int32_t *h, int32_t *d)
{
    int32_t s0 = s->stack[s->sp - 1], b0 = (int32_t)s->b;
    *h = act == DYADI_LA ? b0 : s0;
    *d = act == DYADI_LA ? s0 : b0;
}

int dyadi_pstate_done(const dyadi_pstate *s)
{
    return s->b > s->n;
}

int dyadi_pstate_legal(const dyadi_pstate *s, int act)
{
    int32_t s0 = s->sp ? s->stack[s->sp - 1] : -1;
    int buf = s->b <= s->n;
    switch (act) {
    case DYADI_SH:
        return buf;
    case DYADI_RE:
        return s0 > 0 && s->head[s0] >= 0;
    case DYADI_LA:
        return buf && s0 > 0 && s->head[s0] < 0;
    case DYADI_RA:
        return buf && s0 >= 0 && !(s0 == 0 && s->root_used);
    }
    return 0;
}

static void add_arc(dyadi_pstate *s, int32_t h, int32_t d, int32_t label)
{
    s->head[d] = h;
    s->lab[d] = label;
    uint64_t bit = label >= 0 ? 1ULL << (label & 63) : 0;
    if (d < h) {
        if (!s->lc[h] || d < s->lc[h]) {
            s->lc2[h] = s->lc[h];
            s->lc[h] = d;
        } else if (!s->lc2[h] || d < s->lc2[h]) {
            s->lc2[h] = d;
        }
        s->nl[h]++;
        s->lset[h] |= bit;
    } else {
        if (!s->rc[h] || d > s->rc[h]) {
            s->rc2[h] = s->rc[h];
            s->rc[h] = d;
        } else if (!s->rc2[h] || d > s->rc2[h]) {
            s->rc2[h] = d;
        }
        s->nr[h]++;
        s->rset[h] |= bit;
    }
}

void dyadi_pstate_apply(dyadi_pstate *s, int act, int32_t label)
{
    int32_t s0 = s->stack[s->sp - 1];
    int32_t b0 = (int32_t)s->b;
    switch (act) {
    case DYADI_SH:
        s->stack[s->sp++] = b0;
        s->b++;
        break;
    case DYADI_RE:
        s->sp--;
        break;
    case DYADI_LA:
        add_arc(s, b0, s0, label);
        s->sp--;
        break;
    case DYADI_RA:
        add_arc(s, s0, b0, label);
        if (s0 == 0)
            s->root_used = 1;
        s->stack[s->sp++] = b0;
        s->b++;
        break;
    }
}

void dyadi_pstate_finish(dyadi_pstate *s, dyadi_sword *w, uint32_t root_label, uint32_t fallback_label)
{
    int32_t root = 0;
    for (size_t i = 1; i <= s->n; i++)
        if (s->head[i] == 0) {
            root = (int32_t)i;
            break;
        }
    for (size_t i = 1; i <= s->n; i++) {
        if (s->head[i] >= 0)
            continue;
        if (!root) {
            root = (int32_t)i;
            s->head[i] = 0;
            s->lab[i] = (int32_t)root_label;
        } else {
            s->head[i] = root;
            s->lab[i] = (int32_t)fallback_label;
        }
    }
    for (size_t i = 1; i <= s->n; i++) {
        w[i - 1].head = s->head[i];
        w[i - 1].label = (uint16_t)(s->lab[i] >= 0 ? s->lab[i] : (int32_t)fallback_label);
    }
}

/* ---- features ------------------------------------------------------------- */

#define NOW 0x243F6A8885A308D3ULL   /* "no word" */
#define NOP 40u                     /* "no tag" */
#define ROOTP 41u
#define NOL 0xFFFFu                 /* "no label" */

typedef struct slot { uint64_t w; uint64_t p; } slot;

static slot at(const dyadi_sword *w, int32_t i)
{
    slot r;
    if (i < 0) {
        r.w = NOW;
        r.p = NOP;
    } else if (i == 0) {
        r.w = NOW + 1;
        r.p = ROOTP;
    } else {
        r.w = w[i - 1].h_norm;
        r.p = w[i - 1].upos;
    }
    return r;
}

static uint64_t labof(const dyadi_pstate *s, int32_t i)
{
    return i > 0 && s->lab[i] >= 0 ? (uint64_t)s->lab[i] : NOL;
}

static uint64_t dist_bucket(int32_t a, int32_t b)
{
    int32_t d = b - a;
    if (d < 0)
        d = -d;
    return d <= 5 ? (uint64_t)d : d <= 10 ? 6 : 7;
}

enum {
    P_S0W = 1, P_S0P, P_S0WP, P_B0W, P_B0P, P_B0WP, P_B1W, P_B1P, P_B1WP, P_B2W, P_B2P, P_B2WP,
    P_S0WP_B0WP, P_S0WP_B0W, P_S0W_B0WP, P_S0WP_B0P, P_S0P_B0WP, P_S0W_B0W, P_S0P_B0P,
    P_B0P_B1P, P_B0P_B1P_B2P, P_S0P_B0P_B1P, P_S0HP_S0P_B0P, P_S0P_S0LP_B0P, P_S0P_S0RP_B0P,
    P_S0P_B0P_B0LP, P_S0W_D, P_S0P_D, P_B0W_D, P_B0P_D, P_S0W_B0W_D, P_S0P_B0P_D,
    P_S0W_VR, P_S0P_VR, P_S0W_VL, P_S0P_VL, P_B0W_VL, P_B0P_VL,
    P_S0HW, P_S0HP, P_S0L, P_S0LW, P_S0LP, P_S0LL, P_S0RW, P_S0RP, P_S0RL, P_B0LW, P_B0LP, P_B0LL,
    P_S0H2W, P_S0H2P, P_S0HL, P_S0L2W, P_S0L2P, P_S0L2L, P_S0R2W, P_S0R2P, P_S0R2L,
    P_B0L2W, P_B0L2P, P_B0L2L, P_S0P_S0LP_S0L2P, P_S0P_S0RP_S0R2P, P_S0P_S0HP_S0H2P,
    P_B0P_B0LP_B0L2P, P_S0W_SR, P_S0P_SR, P_S0W_SL, P_S0P_SL, P_B0W_BL, P_B0P_BL,
    P_S1W, P_S1P, P_S1P_S0P, P_S1P_S0P_B0P, P_S1W_S0W, P_S1HEAD, P_S0HASHEAD, P_BM1P_B0P,
    P_S2P_S1P_S0P, P_S0SFX_B0P, P_B0SFX_S0P,
    P_B0W_B1W, P_B0W_B1P, P_B0P_B1W, P_S0W_B0P_B1P, P_S0P_B0W_B1P, P_S0L_B0P, P_B0SHAPE,
    P_BETWEEN, P_BETWEEN_S0P_B0P
};

size_t dyadi_parse_features(const dyadi_pstate *s, const dyadi_sword *w, uint32_t *out)
{
    size_t k = 0;
    uint64_t ft[DYADI_MAX_PFEATS], fa[DYADI_MAX_PFEATS], fb[DYADI_MAX_PFEATS], fc[DYADI_MAX_PFEATS];
    int32_t s0i = s->sp >= 1 ? s->stack[s->sp - 1] : -1;
    int32_t s1i = s->sp >= 2 ? s->stack[s->sp - 2] : -1;
    int32_t s2i = s->sp >= 3 ? s->stack[s->sp - 3] : -1;
    int32_t b0i = s->b <= s->n ? (int32_t)s->b : -1;
    int32_t b1i = s->b + 1 <= s->n ? (int32_t)s->b + 1 : -1;
    int32_t b2i = s->b + 2 <= s->n ? (int32_t)s->b + 2 : -1;
    slot s0 = at(w, s0i), s1 = at(w, s1i), s2 = at(w, s2i), b0 = at(w, b0i), b1 = at(w, b1i),
         b2 = at(w, b2i);
    int32_t s0h = s0i > 0 ? s->head[s0i] : -1;
    int32_t s0h2 = s0h > 0 ? s->head[s0h] : -1;
    slot s0hs = at(w, s0h), s0h2s = at(w, s0h2);
    int32_t s0l = s0i > 0 ? s->lc[s0i] : 0, s0l2 = s0i > 0 ? s->lc2[s0i] : 0;
    int32_t s0r = s0i >= 0 ? s->rc[s0i] : 0, s0r2 = s0i >= 0 ? s->rc2[s0i] : 0;
    int32_t b0l = b0i > 0 ? s->lc[b0i] : 0, b0l2 = b0i > 0 ? s->lc2[b0i] : 0;
    slot s0ls = at(w, s0l ? s0l : -1), s0l2s = at(w, s0l2 ? s0l2 : -1);
    slot s0rs = at(w, s0r ? s0r : -1), s0r2s = at(w, s0r2 ? s0r2 : -1);
    slot b0ls = at(w, b0l ? b0l : -1), b0l2s = at(w, b0l2 ? b0l2 : -1);
    uint64_t d = (s0i >= 0 && b0i > 0) ? dist_bucket(s0i, b0i) : 99;
    uint64_t s0vr = s0i >= 0 ? (uint64_t)s->nr[s0i] : 99, s0vl = s0i >= 0 ? (uint64_t)s->nl[s0i] : 99;
    uint64_t b0vl = b0i > 0 ? (uint64_t)s->nl[b0i] : 99;
#define F3(T, A, B, C) (ft[k] = DYADI_TK(T), fa[k] = (A), fb[k] = (B), fc[k] = (C), k++)
    F3(P_S0W, s0.w, 0, 0);
    F3(P_S0P, s0.p, 0, 0);
    F3(P_S0WP, s0.w, s0.p, 0);
    F3(P_B0W, b0.w, 0, 0);
    F3(P_B0P, b0.p, 0, 0);
    F3(P_B0WP, b0.w, b0.p, 0);
    F3(P_B1W, b1.w, 0, 0);
    F3(P_B1P, b1.p, 0, 0);
    F3(P_B1WP, b1.w, b1.p, 0);
    F3(P_B2W, b2.w, 0, 0);
    F3(P_B2P, b2.p, 0, 0);
    F3(P_B2WP, b2.w, b2.p, 0);
    F3(P_S0WP_B0WP, s0.w ^ (s0.p << 56), b0.w, b0.p);
    F3(P_S0WP_B0W, s0.w, s0.p, b0.w);
    F3(P_S0W_B0WP, s0.w, b0.w, b0.p);
    F3(P_S0WP_B0P, s0.w, s0.p, b0.p);
    F3(P_S0P_B0WP, s0.p, b0.w, b0.p);
    F3(P_S0W_B0W, s0.w, b0.w, 0);
    F3(P_S0P_B0P, s0.p, b0.p, 0);
    F3(P_B0P_B1P, b0.p, b1.p, 0);
    F3(P_B0P_B1P_B2P, b0.p, b1.p, b2.p);
    F3(P_S0P_B0P_B1P, s0.p, b0.p, b1.p);
    F3(P_S0HP_S0P_B0P, s0hs.p, s0.p, b0.p);
    F3(P_S0P_S0LP_B0P, s0.p, s0ls.p, b0.p);
    F3(P_S0P_S0RP_B0P, s0.p, s0rs.p, b0.p);
    F3(P_S0P_B0P_B0LP, s0.p, b0.p, b0ls.p);
    F3(P_S0W_D, s0.w, d, 0);
    F3(P_S0P_D, s0.p, d, 0);
    F3(P_B0W_D, b0.w, d, 0);
    F3(P_B0P_D, b0.p, d, 0);
    F3(P_S0W_B0W_D, s0.w, b0.w, d);
    F3(P_S0P_B0P_D, s0.p, b0.p, d);
    F3(P_S0W_VR, s0.w, s0vr, 0);
    F3(P_S0P_VR, s0.p, s0vr, 0);
    F3(P_S0W_VL, s0.w, s0vl, 0);
    F3(P_S0P_VL, s0.p, s0vl, 0);
    F3(P_B0W_VL, b0.w, b0vl, 0);
    F3(P_B0P_VL, b0.p, b0vl, 0);
    F3(P_S0HW, s0hs.w, 0, 0);
    F3(P_S0HP, s0hs.p, 0, 0);
    F3(P_S0L, labof(s, s0i), 0, 0);
    F3(P_S0LW, s0ls.w, 0, 0);
    F3(P_S0LP, s0ls.p, 0, 0);
    F3(P_S0LL, labof(s, s0l), 0, 0);
    F3(P_S0RW, s0rs.w, 0, 0);
    F3(P_S0RP, s0rs.p, 0, 0);
    F3(P_S0RL, labof(s, s0r), 0, 0);
    F3(P_B0LW, b0ls.w, 0, 0);
    F3(P_B0LP, b0ls.p, 0, 0);
    F3(P_B0LL, labof(s, b0l), 0, 0);
    F3(P_S0H2W, s0h2s.w, 0, 0);
    F3(P_S0H2P, s0h2s.p, 0, 0);
    F3(P_S0HL, labof(s, s0h), 0, 0);
    F3(P_S0L2W, s0l2s.w, 0, 0);
    F3(P_S0L2P, s0l2s.p, 0, 0);
    F3(P_S0L2L, labof(s, s0l2), 0, 0);
    F3(P_S0R2W, s0r2s.w, 0, 0);
    F3(P_S0R2P, s0r2s.p, 0, 0);
    F3(P_S0R2L, labof(s, s0r2), 0, 0);
    F3(P_B0L2W, b0l2s.w, 0, 0);
    F3(P_B0L2P, b0l2s.p, 0, 0);
    F3(P_B0L2L, labof(s, b0l2), 0, 0);
    F3(P_S0P_S0LP_S0L2P, s0.p, s0ls.p, s0l2s.p);
    F3(P_S0P_S0RP_S0R2P, s0.p, s0rs.p, s0r2s.p);
    F3(P_S0P_S0HP_S0H2P, s0.p, s0hs.p, s0h2s.p);
    F3(P_B0P_B0LP_B0L2P, b0.p, b0ls.p, b0l2s.p);
    uint64_t sr = s0i >= 0 ? s->rset[s0i] : 1ULL << 63, sl = s0i >= 0 ? s->lset[s0i] : 1ULL << 63;
    uint64_t bl = b0i > 0 ? s->lset[b0i] : 1ULL << 63;
    F3(P_S0W_SR, s0.w, sr, 0);
    F3(P_S0P_SR, s0.p, sr, 0);
    F3(P_S0W_SL, s0.w, sl, 0);
    F3(P_S0P_SL, s0.p, sl, 0);
    F3(P_B0W_BL, b0.w, bl, 0);
    F3(P_B0P_BL, b0.p, bl, 0);
    F3(P_S1W, s1.w, 0, 0);
    F3(P_S1P, s1.p, 0, 0);
    F3(P_S1P_S0P, s1.p, s0.p, 0);
    F3(P_S1P_S0P_B0P, s1.p, s0.p, b0.p);
    F3(P_S1W_S0W, s1.w, s0.w, 0);
    F3(P_S1HEAD, s1i > 0 ? (uint64_t)(s->head[s1i] >= 0) : 2, s1.p, s0.p);
    F3(P_S0HASHEAD, s0i > 0 ? (uint64_t)(s->head[s0i] >= 0) : 2, s0.p, b0.p);
    slot bm1 = at(w, b0i > 1 ? b0i - 1 : -1);
    F3(P_BM1P_B0P, bm1.p, b0.p, s0i >= 0 && b0i > 0 && s0i == b0i - 1);
    F3(P_S2P_S1P_S0P, s2.p, s1.p, s0.p);
    F3(P_S0SFX_B0P, s0i > 0 ? w[s0i - 1].h_sfx[2] : NOW, b0.p, 0);
    F3(P_B0SFX_S0P, b0i > 0 ? w[b0i - 1].h_sfx[2] : NOW, s0.p, 0);
    F3(P_B0W_B1W, b0.w, b1.w, 0);
    F3(P_B0W_B1P, b0.w, b1.p, 0);
    F3(P_B0P_B1W, b0.p, b1.w, 0);
    F3(P_S0W_B0P_B1P, s0.w, b0.p, b1.p);
    F3(P_S0P_B0W_B1P, s0.p, b0.w, b1.p);
    F3(P_S0L_B0P, labof(s, s0i), s0.p, b0.p);
    F3(P_B0SHAPE, b0i > 0 ? w[b0i - 1].shape & 0x7f : 0x1000, b0.p, 0);
    /* what lies between s0 and b0: punctuation and verbs (capped walk) */
    uint64_t between = 0x10000;
    if (s0i > 0 && b0i > 0) {
        unsigned punct = 0, verb = 0, k2 = 0;
        for (int32_t x = s0i + 1; x < b0i && k2 < 32; x++, k2++) {
            uint8_t u = w[x - 1].upos;
            punct += u == 12;
            verb += u == 15 || u == 3;
        }
        between = (uint64_t)(punct > 2 ? 2 : punct) * 4 + (verb > 2 ? 2 : verb) + (k2 >= 32 ? 100 : 0);
    }
    F3(P_BETWEEN, between, 0, 0);
    F3(P_BETWEEN_S0P_B0P, between, s0.p, b0.p);
#undef F3
    dyadi_fkeys(ft, fa, fb, fc, k, out);
    return k;
}

enum {
    L_HW = 1, L_HP, L_DW, L_DP, L_HPDP, L_HWDP, L_HPDW, L_HWDW, L_DIR_HPDP, L_DIST_HPDP,
    L_DSET, L_HSET, L_DPDSET, L_DSFX, L_DSFXHP, L_DM1P, L_DP1P, L_HM1P_HP, L_HPDPDIR_DSET,
    L_DW_DIR, L_HW_DIR, L_DSHAPE, L_DHASL, L_HLAB, L_DLCW, L_DLCWP, L_DRCW, L_HWDLCW, L_DLCL
};

size_t dyadi_label_features(const dyadi_pstate *s, const dyadi_sword *w, int32_t h, int32_t d,
                            uint32_t *out)
{
    size_t k = 0;
    uint64_t ft[DYADI_MAX_LFEATS], fa[DYADI_MAX_LFEATS], fb[DYADI_MAX_LFEATS], fc[DYADI_MAX_LFEATS];
    slot hs = at(w, h), ds = at(w, d);
    uint64_t dir = h < d ? 1 : 2;
    uint64_t dist = dist_bucket(h, d);
    uint64_t dset = s->lset[d] ^ (s->rset[d] * 31);
    uint64_t hset = s->lset[h] ^ (s->rset[h] * 31);
    const dyadi_sword *dw = &w[d - 1];
    slot dm1 = at(w, d > 1 ? d - 1 : -1), dp1 = at(w, (size_t)d < s->n ? d + 1 : -1);
    slot hm1 = at(w, h > 1 ? h - 1 : -1);
#define F3(T, A, B, C) (ft[k] = DYADI_TK(100 + (T)), fa[k] = (A), fb[k] = (B), fc[k] = (C), k++)
    F3(L_HW, hs.w, dir, 0);
    F3(L_HP, hs.p, dir, 0);
    F3(L_DW, ds.w, 0, 0);
    F3(L_DP, ds.p, dir, 0);
    F3(L_HPDP, hs.p, ds.p, 0);
    F3(L_HWDP, hs.w, ds.p, dir);
    F3(L_HPDW, hs.p, ds.w, dir);
    F3(L_HWDW, hs.w, ds.w, 0);
    F3(L_DIR_HPDP, hs.p, ds.p, dir);
    F3(L_DIST_HPDP, hs.p ^ (ds.p << 8), dist, dir);
    F3(L_DSET, dset, 0, 0);
    F3(L_HSET, hset, dir, 0);
    F3(L_DPDSET, ds.p, dset, dir);
    F3(L_DSFX, dw->h_sfx[2], 0, 0);
    F3(L_DSFXHP, dw->h_sfx[1], hs.p, dir);
    F3(L_DM1P, dm1.p, ds.p, hs.p);
    F3(L_DP1P, dp1.p, ds.p, hs.p);
    F3(L_HM1P_HP, hm1.p, hs.p, ds.p);
    F3(L_HPDPDIR_DSET, hs.p ^ (ds.p << 8), dir, s->lset[d]);
    F3(L_DW_DIR, ds.w, dir, hs.p);
    F3(L_HW_DIR, hs.w, ds.w, dir);
    F3(L_DSHAPE, dw->shape & 0x7f, ds.p, 0);
    F3(L_DHASL, (uint64_t)s->nl[d] * 16 + (uint64_t)s->nr[d], ds.p, 0);
    F3(L_HLAB, labof(s, h), hs.p, ds.p);
    /* the dependent's own dependents: a case marker ("with China", "par
     * Athènes") tells obl from obj and nmod */
    int32_t dl = s->lc[d], dr = s->rc[d];
    slot dls = at(w, dl ? dl : -1), drs = at(w, dr ? dr : -1);
    F3(L_DLCW, dls.w, hs.p, 0);
    F3(L_DLCWP, dls.w, ds.p, dir);
    F3(L_DRCW, drs.w, ds.p, 0);
    F3(L_HWDLCW, hs.w, dls.w, 0);
    F3(L_DLCL, labof(s, dl), dls.w, ds.p);
#undef F3
    dyadi_fkeys(ft, fa, fb, fc, k, out);
    return k;
}

/* ---- the dynamic oracle ------------------------------------------------------
 * Cost of a transition = gold arcs it makes unreachable (arc-eager, projective
 * gold). gold[i] is the gold head of word i (1..n). */
int dyadi_pstate_cost(const dyadi_pstate *s, int act, const int32_t *gold)
{
    if (!dyadi_pstate_legal(s, act))
        return 1 << 20;
    int32_t s0 = s->stack[s->sp - 1];
    int32_t b0 = (int32_t)s->b;
    int32_t n = (int32_t)s->n;
    int c = 0;
    switch (act) {
    case DYADI_LA:
        /* s0 loses its gold head in the buffer (other than b0) and its
         * dependents there */
        for (int32_t k = b0 + 1; k <= n; k++)
            c += gold[s0] == k;
        for (int32_t k = b0; k <= n; k++)
            c += gold[k] == s0;
        break;
    case DYADI_RA:
        /* b0 gets s0 as head: its gold head elsewhere (stack or buffer) and
         * its gold dependents on the stack are lost */
        if (gold[b0] != s0) {
            for (int32_t k = b0 + 1; k <= n; k++)
                c += gold[b0] == k;
            for (size_t j = 0; j + 1 < s->sp; j++)
                c += gold[b0] == s->stack[j];
        }
        for (size_t j = 0; j + 1 < s->sp; j++) {
            int32_t x = s->stack[j];
            c += x > 0 && gold[x] == b0 && s->head[x] < 0;
        }
        if (s0 > 0 && gold[s0] == b0 && s->head[s0] < 0)
            c++;
        break;
    case DYADI_RE:
        for (int32_t k = b0; k <= n; k++)
            c += gold[k] == s0;
        break;
    case DYADI_SH:
        /* b0 can no longer take a head from, nor give one to, the stack */
        for (size_t j = 0; j < s->sp; j++) {
            int32_t x = s->stack[j];
            c += gold[b0] == x && !(x == 0 && s->root_used);
            c += x > 0 && gold[x] == b0 && s->head[x] < 0;
        }
        break;
    }
    return c;
}

int32_t dyadi_pick_label(const float *sc, uint32_t nlabels, const uint8_t *label_dir, uint32_t root,
                         int left)
{
    int32_t best = -1;
    unsigned dirbit = left ? 1u : 2u;
    for (uint32_t j = 0; j < nlabels; j++)
        if (j != root && (label_dir[j] & dirbit) && (best < 0 || sc[j] > sc[best]))
            best = (int32_t)j;
    return best < 0 ? 0 : best;
}

/* French "nous" and "vous" are subject or object clitics by position
 * alone ("nous aidons" / "ils nous aident"), and the parser sometimes
 * makes the object a subject: "Ils pourraient nous aider" gave "nous" as
 * the subject of "aider". A clitic before its verb is its object when the
 * verb is an infinitive (a French infinitive has no subject of its own) or
 * when the verb already has a subject before the clitic ("Ils nous ont
 * aidés"). */
static void object_clitics(const dyad_model *m, dyadi_sword *w, size_t n)
{
    const uint32_t nsubj = m->nsubj_label, obj = m->obj_label;
    if (nsubj >= m->nlabels || obj >= m->nlabels)
        return;
    for (size_t i = 0; i < n; i++) {
        const char *x = w[i].norm;
        if (!x || (x[0] != 'n' && x[0] != 'v') || (strcmp(x, "nous") != 0 && strcmp(x, "vous") != 0))
            continue;
        int32_t h = w[i].head;
        if (w[i].label != nsubj || h <= 0 || (size_t)h <= i + 1 || (size_t)h > n)
            continue;
        const char *feats = dyadi_model_str(m, m->feats[w[h - 1].feats < m->nfeats ? w[h - 1].feats : 0]);
        int relabel = strstr(feats, "VerbForm=Inf") != NULL;
        for (size_t j = 0; j < i && !relabel; j++)
            relabel = w[j].head == h && w[j].label == nsubj;
        if (relabel)
            w[i].label = (uint16_t)obj;
    }
}

/* English "is suing", "are attacking": a present participle under "be"
 * is the progressive, never a passive (a passive needs the past
 * participle), but the parser sometimes labels it one ("A Saudi
 * businessman is suing the United States" gave aux:pass, nsubj:pass and an
 * obl for the object, so the one sued became the suer). Under such a
 * verb, aux:pass is aux, nsubj:pass is nsubj, and an obl with no
 * preposition is the object. */
static void progressive_not_passive(const dyad_model *m, dyadi_sword *w, size_t n)
{
    const uint32_t ap = m->aux_pass_label;
    if (ap >= m->nlabels || m->aux_label >= m->nlabels || m->nsubj_label >= m->nlabels ||
        m->nsubj_pass_label >= m->nlabels || m->obj_label >= m->nlabels)
        return;
    for (size_t i = 0; i < n; i++) {
        int32_t h = w[i].head;
        if (w[i].label != ap || h <= 0 || (size_t)h > n || !w[i].lemma || strcmp(w[i].lemma, "be") != 0)
            continue;
        /* the -ing form: the tagger's features alone are not trusted
         * ("were condemned" once came out Tense=Pres|VerbForm=Part) */
        const char *f = dyadi_model_str(m, m->feats[w[h - 1].feats < m->nfeats ? w[h - 1].feats : 0]);
        const char *v = w[h - 1].norm;
        size_t vl = v ? strlen(v) : 0;
        if (vl < 5 || strcmp(v + vl - 3, "ing") != 0 ||
            (!strstr(f, "VerbForm=Ger") && !(strstr(f, "VerbForm=Part") && strstr(f, "Tense=Pres"))))
            continue;
        int has_obj = 0;
        for (size_t j = 0; j < n; j++)
            has_obj |= w[j].head == h && w[j].label == m->obj_label;
        for (size_t j = 0; j < n; j++) {
            if (w[j].head != h)
                continue;
            if (w[j].label == ap)
                w[j].label = (uint16_t)m->aux_label;
            else if (w[j].label == m->nsubj_pass_label)
                w[j].label = (uint16_t)m->nsubj_label;
            else if (!has_obj && w[j].label == m->obl_label && j + 1 > (size_t)h) {
                int cased = 0;
                for (size_t k = 0; k < n && !cased; k++)
                    cased = w[k].head == (int32_t)(j + 1) && w[k].label == m->case_label;
                if (!cased) {
                    w[j].label = (uint16_t)m->obj_label;
                    has_obj = 1;
                }
            }
        }
    }
}

void dyadi_parse(const dyad_model *m, dyadi_sword *w, size_t n, int32_t *scratch)
{
    dyadi_pstate s;
    dyadi_pstate_init(&s, n, scratch);
    uint32_t f[DYADI_MAX_PFEATS];
    uint32_t lf[DYADI_MAX_LFEATS];
    while (!dyadi_pstate_done(&s)) {
        int32_t sc[DYADI_NACT] = {0};
        size_t nf = dyadi_parse_features(&s, w, f);
        dyadi_clf_score(&m->parser, f, nf, sc);
        int best = -1;
        for (int a = 0; a < DYADI_NACT; a++)
            if (dyadi_pstate_legal(&s, a) && (best < 0 || sc[a] > sc[best]))
                best = a;
        int32_t label = -1;
        if (best == DYADI_LA || best == DYADI_RA) {
            int32_t h, d;
            dyadi_pstate_arc(&s, best, &h, &d);
            if (h == 0) {
                label = (int32_t)m->root_label;
            } else {
                int32_t ls[4096];
                float fs[4096];
                uint32_t nl = m->nlabels;
                memset(ls, 0, nl * sizeof ls[0]);
                size_t nlf = dyadi_label_features(&s, w, h, d, lf);
                dyadi_clf_score(&m->labeler, lf, nlf, ls);
                for (uint32_t j = 0; j < nl; j++)
                    fs[j] = (float)ls[j];
                label = dyadi_pick_label(fs, nl, m->label_dir, m->root_label, best == DYADI_LA);
            }
        }
        dyadi_pstate_apply(&s, best, label);
    }
    dyadi_pstate_finish(&s, w, m->root_label, m->fallback_label);
    if (m->lang[0] == 'f' && m->lang[1] == 'r')
        object_clitics(m, w, n);
    if (m->lang[0] == 'e' && m->lang[1] == 'n')
        progressive_not_passive(m, w, n);
}
