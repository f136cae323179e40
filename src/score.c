/* score.c - compares the events dyad produced with a gold record's.
 *
 * The last stage of `dyad eval`: gold.c reads a record, the coder codes its
 * text, and the scorer matches the two event lists. Matching is per record
 * and as multisets (two identical expected events need two produced ones),
 * at the lenient level (3-letter actor prefixes, 2-digit root) and,
 * independently, at the strict level (full codes), so that a strict miss is
 * never hidden by a lenient pairing. Expected events with no open actor and
 * a single code are matched first; open actors and code alternatives
 * ("18/19/20") only take what is left, which keeps the greedy pairing
 * optimal in every case the gold sets contain.
 *
 * A record is fully correct at a level when that level's matching leaves
 * it no miss and no false alarm; the records that are not, with their
 * errors, are kept for the report (DYAD_SCORER_KEEP_ERRORS).
 *
 * Everything the scorer keeps (labels, error texts) lives in one arena that
 * is freed with the scorer; the summary is recomputed from plain counters.
 */
#include "dyad.h"
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SCORE_MAX_LABELS  4096
#define SCORE_MAX_CATEGORIES 65536
#define SCORE_MAX_ERRORS  (1u << 22)
#define SCORE_MAX_FAILURES (1u << 22)
#define SCORE_MAX_PRODUCED 100000

struct dyad_scorer {
    unsigned flags;
    dyad_score_summary sum;
    dyadi_arena arena;      /* labels and error strings, for the scorer's life */
    dyadi_vec roots;        /* dyad_score_root, sorted by label */
    dyadi_vec confusion;    /* dyad_score_confusion, sorted */
    dyadi_vec categories;   /* dyad_score_category, sorted by label */
    dyadi_vec errors;       /* dyad_score_error */
    dyadi_vec failures;     /* dyad_score_failure: records not fully correct */
    dyadi_vec prod;         /* struct prod: scratch for one record */
    dyadi_vec order;        /* size_t: scratch, gold events in matching order */
    dyadi_vec gmatch;       /* long: scratch, per gold event its lenient partner (first n)
                               and its strict one (next n), -1 none */
};

/* One produced event as the scorer sees it. */
struct prod {
    const dyad_event *e;
    const char *src, *tgt;  /* actor code, or the country when the code is absent */
    const char *code;
    char root[3];
    int used_l, used_s, used_c;
};

/* ------------------------------------------------------------------------
 * Comparisons
 * ------------------------------------------------------------------------ */

static int country_open(const char *g)
{
    return g[0] == '~' || strncmp(g, "---", 3) == 0;
}

static int actor_lenient(const char *g, const char *p)
{
    if (!g || country_open(g))
        return 1;
    if (!p)
        return 0;
    size_t gl = strnlen(g, 3), pl = strnlen(p, 3);
    return gl == pl && strncmp(g, p, gl) == 0;
}

static int actor_strict(const char *g, const char *p)
{
    if (!g)
        return 1;
    if (!p)
        return 0;
    if (country_open(g)) {
        const char *sector = g[0] == '~' ? g + 1 : g + 3;
        return strlen(p) >= 3 && strcmp(p + 3, sector) == 0;
    }
    return strcmp(g, p) == 0;
}

/* Does the gold code (alternatives separated by '/') accept the produced
 * code? Lenient compares roots, strict whole codes. */
static int code_accepts(const char *g, const struct prod *p, int strict)
{
    if (!p->code)
        return 0;
    while (*g) {
        size_t n = strcspn(g, "/");
        if (strict) {
            if (strlen(p->code) == n && strncmp(g, p->code, n) == 0)
                return 1;
        } else {
            size_t rn = n < 2 ? n : 2;
            if (strlen(p->root) == rn && strncmp(g, p->root, rn) == 0)
                return 1;
        }
        g += n;
        if (*g == '/')
            g++;
    }
    return 0;
}

static int event_matches(const dyad_gold_event *g, const struct prod *p, int strict)
{
    if (!p->tgt && g->target)
        return 0;       /* an untargeted event only meets gold that leaves the target open */
    if (strict ? !(actor_strict(g->source, p->src) && actor_strict(g->target, p->tgt))
               : !(actor_lenient(g->source, p->src) && actor_lenient(g->target, p->tgt)))
        return 0;
    if (g->code)
        return code_accepts(g->code, p, strict);
    return g->plover && p->e->plover && strcasecmp(g->plover, p->e->plover) == 0;
}

/* ------------------------------------------------------------------------
 * Labels, per-root counts and confusion
 * ------------------------------------------------------------------------ */

static const char *gold_label(const dyad_gold_event *g, char *buf, size_t n)
{
    if (g->code) {
        size_t k = strcspn(g->code, "/");
        if (k > 2)
            k = 2;
        memcpy(buf, g->code, k);
        buf[k] = '\0';
        return buf;
    }
    snprintf(buf, n, "%s", g->plover ? g->plover : "?");
    for (char *c = buf; *c; c++)
        if (*c >= 'a' && *c <= 'z')
            *c = (char)(*c - 'a' + 'A');
    return buf;
}

static const char *prod_label(const struct prod *p, int plover_mode, char *buf, size_t n)
{
    if (plover_mode) {
        snprintf(buf, n, "%s", p->e->plover ? p->e->plover : "(none)");
        for (char *c = buf; *c; c++)
            if (*c >= 'a' && *c <= 'z')
                *c = (char)(*c - 'a' + 'A');
        return buf;
    }
    snprintf(buf, n, "%s", p->root[0] ? p->root : "?");
    return buf;
}

static void ratios(dyad_score_counts *c)
{
    c->precision = c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 0.0;
    c->recall = c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 0.0;
    c->f1 = c->precision + c->recall > 0 ? 2 * c->precision * c->recall / (c->precision + c->recall) : 0.0;
}

/* The per-root row for `label`, inserted in order when new; NULL on OOM. */
static dyad_score_root *root_row(dyad_scorer *s, const char *label)
{
    size_t lo = 0, hi = s->roots.len;
    dyad_score_root *r = s->roots.data;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(r[mid].label, label);
        if (c == 0)
            return &r[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    char *copy = dyadi_arena_strndup(&s->arena, label, strlen(label));
    if (!copy || !dyadi_vec_push(&s->roots))
        return NULL;
    r = s->roots.data;
    memmove(&r[lo + 1], &r[lo], (s->roots.len - 1 - lo) * sizeof *r);
    memset(&r[lo], 0, sizeof *r);
    r[lo].label = copy;
    return &r[lo];
}

static int count_root(dyad_scorer *s, const char *label, int tp, int fp, int fn)
{
    dyad_score_root *r = root_row(s, label);
    if (!r)
        return -1;
    r->counts.tp += (uint64_t)tp;
    r->counts.fp += (uint64_t)fp;
    r->counts.fn += (uint64_t)fn;
    ratios(&r->counts);
    return 0;
}

static int count_confusion(dyad_scorer *s, const char *exp, const char *got)
{
    size_t lo = 0, hi = s->confusion.len;
    dyad_score_confusion *c = s->confusion.data;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int k = strcmp(c[mid].expected, exp);
        if (k == 0)
            k = strcmp(c[mid].produced, got);
        if (k == 0) {
            c[mid].count++;
            return 0;
        }
        if (k < 0) lo = mid + 1;
        else hi = mid;
    }
    char *e = dyadi_arena_strndup(&s->arena, exp, strlen(exp));
    char *p = dyadi_arena_strndup(&s->arena, got, strlen(got));
    if (!e || !p || !dyadi_vec_push(&s->confusion))
        return -1;
    c = s->confusion.data;
    memmove(&c[lo + 1], &c[lo], (s->confusion.len - 1 - lo) * sizeof *c);
    c[lo].expected = e;
    c[lo].produced = p;
    c[lo].count = 1;
    return 0;
}

/* The row of category `label`, inserted in order when new; NULL on OOM. */
static dyad_score_category *category_row(dyad_scorer *s, const char *label)
{
    size_t lo = 0, hi = s->categories.len;
    dyad_score_category *c = s->categories.data;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int k = strcmp(c[mid].label, label);
        if (k == 0)
            return &c[mid];
        if (k < 0) lo = mid + 1;
        else hi = mid;
    }
    char *copy = dyadi_arena_strndup(&s->arena, label, strlen(label));
    if (!copy || !dyadi_vec_push(&s->categories))
        return NULL;
    c = s->categories.data;
    memmove(&c[lo + 1], &c[lo], (s->categories.len - 1 - lo) * sizeof *c);
    memset(&c[lo], 0, sizeof *c);
    c[lo].label = copy;
    return &c[lo];
}

/* ------------------------------------------------------------------------
 * Errors for --show-errors and the records that are not fully correct
 * ------------------------------------------------------------------------ */

static const char *keep(dyad_scorer *s, const char *str, int *oom)
{
    if (!str)
        return NULL;
    char *c = dyadi_arena_strndup(&s->arena, str, strlen(str));
    if (!c)
        *oom = 1;
    return c;
}

/* Per-record copies shared by all the record's errors. */
struct rec_copy {
    const char *id, *text;
};

static int add_error(dyad_scorer *s, const dyad_gold_record *rec, struct rec_copy *rc,
                     dyad_score_error_kind kind, const dyad_gold_event *g, const struct prod *p)
{
    if (!(s->flags & DYAD_SCORER_KEEP_ERRORS))
        return 0;
    int oom = 0;
    if (!rc->id) {
        rc->id = keep(s, rec->id, &oom);
        rc->text = keep(s, rec->text ? rec->text : "", &oom);
    }
    dyad_score_error *e = dyadi_vec_push(&s->errors);
    if (!e || oom)
        return -1;
    e->kind = kind;
    e->record_id = rc->id;
    e->text = rc->text;
    e->line = rec->line;
    if (g) {
        e->expected.source = keep(s, g->source, &oom);
        e->expected.target = keep(s, g->target, &oom);
        e->expected.code = keep(s, g->code, &oom);
        e->expected.plover = keep(s, g->plover, &oom);
    }
    if (p) {
        e->produced.source = keep(s, p->src, &oom);
        e->produced.target = keep(s, p->tgt, &oom);
        e->produced.code = keep(s, p->code, &oom);
        e->produced.plover = keep(s, p->e->plover, &oom);
        e->produced.rule = keep(s, p->e->rule, &oom);
    }
    return oom ? -1 : 0;
}

/* ------------------------------------------------------------------------
 * The scorer
 * ------------------------------------------------------------------------ */

DYAD_API dyad_scorer *dyad_scorer_new(unsigned flags)
{
    dyad_scorer *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->flags = flags;
    dyadi_arena_init(&s->arena, 0);
    dyadi_vec_init(&s->roots, sizeof(dyad_score_root), SCORE_MAX_LABELS);
    dyadi_vec_init(&s->confusion, sizeof(dyad_score_confusion), SCORE_MAX_LABELS * 4);
    dyadi_vec_init(&s->categories, sizeof(dyad_score_category), SCORE_MAX_CATEGORIES);
    dyadi_vec_init(&s->errors, sizeof(dyad_score_error), SCORE_MAX_ERRORS);
    dyadi_vec_init(&s->failures, sizeof(dyad_score_failure), SCORE_MAX_FAILURES);
    dyadi_vec_init(&s->prod, sizeof(struct prod), SCORE_MAX_PRODUCED);
    dyadi_vec_init(&s->order, sizeof(size_t), SCORE_MAX_PRODUCED);
    dyadi_vec_init(&s->gmatch, sizeof(long), SCORE_MAX_PRODUCED);
    return s;
}

DYAD_API void dyad_scorer_free(dyad_scorer *s)
{
    if (!s)
        return;
    dyadi_vec_free(&s->roots);
    dyadi_vec_free(&s->confusion);
    dyadi_vec_free(&s->categories);
    dyadi_vec_free(&s->errors);
    dyadi_vec_free(&s->failures);
    dyadi_vec_free(&s->prod);
    dyadi_vec_free(&s->order);
    dyadi_vec_free(&s->gmatch);
    dyadi_arena_free(&s->arena);
    free(s);
}

static int gold_is_specific(const dyad_gold_event *g)
{
    return g->source && g->target && !country_open(g->source) && !country_open(g->target) &&
           g->code && !strchr(g->code, '/');
}

/* The best event for a code-only record: the expected code, else the
 * expected root, else the first asserted event. */
static struct prod *best_event(struct prod *p, size_t n, const dyad_gold_event *g)
{
    for (size_t i = 0; i < n; i++)
        if (code_accepts(g->code, &p[i], 1))
            return &p[i];
    for (size_t i = 0; i < n; i++)
        if (code_accepts(g->code, &p[i], 0))
            return &p[i];
    return n ? &p[0] : NULL;
}

static int score_code_only(dyad_scorer *s, const dyad_gold_record *rec, struct rec_copy *rc,
                           struct prod *p, size_t np)
{
    const dyad_gold_event *g = &rec->events[0];
    char gl[64], pl[64];
    struct prod *best = best_event(p, np, g);
    int root_ok = best && code_accepts(g->code, best, 0);
    int code_ok = best && code_accepts(g->code, best, 1);
    gold_label(g, gl, sizeof gl);
    s->sum.code_only++;
    s->sum.gold_events++;
    s->sum.produced_events += np;
    s->sum.code_only_root_ok += (uint64_t)root_ok;
    s->sum.code_only_code_ok += (uint64_t)code_ok;
    if (root_ok) {
        s->sum.lenient.tp++;
        if (count_root(s, gl, 1, 0, 0) < 0)
            return -1;
    } else {
        s->sum.lenient.fn++;
        if (count_root(s, gl, 0, 0, 1) < 0)
            return -1;
        if (best) {
            s->sum.lenient.fp++;
            prod_label(best, 0, pl, sizeof pl);
            if (count_root(s, pl, 0, 1, 0) < 0 || count_confusion(s, gl, pl) < 0)
                return -1;
        }
        if (add_error(s, rec, rc, DYAD_SCORE_MISS, g, best) < 0)
            return -1;
    }
    if (code_ok) {
        s->sum.strict.tp++;
    } else {
        s->sum.strict.fn++;
        if (best)
            s->sum.strict.fp++;
        if (root_ok && add_error(s, rec, rc, DYAD_SCORE_INEXACT, g, best) < 0)
            return -1;
    }
    return 0;
}

static int score_dyadic(dyad_scorer *s, const dyad_gold_record *rec, struct rec_copy *rc,
                        struct prod *p, size_t np)
{
    size_t ng = rec->n_events;
    char gl[64], pl[64];
    int plover_mode = 0;
    for (size_t i = 0; i < ng; i++)
        if (!rec->events[i].code && rec->events[i].plover)
            plover_mode = 1;

    /* specific expectations first, open ones after */
    s->order.len = 0;
    s->gmatch.len = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < ng; i++)
            if (gold_is_specific(&rec->events[i]) == !pass) {
                size_t *o = dyadi_vec_push(&s->order);
                if (!o)
                    return -1;
                *o = i;
            }
    for (size_t i = 0; i < 2 * ng; i++) {
        long *m = dyadi_vec_push(&s->gmatch);
        if (!m)
            return -1;
        *m = -1;
    }
    size_t *order = s->order.data;
    long *gm = s->gmatch.data, *gms = gm + ng;
    s->sum.gold_events += ng;

    for (int strict = 0; strict < 2; strict++) {
        dyad_score_counts *c = strict ? &s->sum.strict : &s->sum.lenient;
        for (size_t k = 0; k < ng; k++) {
            const dyad_gold_event *g = &rec->events[order[k]];
            size_t j;
            for (j = 0; j < np; j++) {
                int *used = strict ? &p[j].used_s : &p[j].used_l;
                if (!*used && event_matches(g, &p[j], strict)) {
                    *used = 1;
                    break;
                }
            }
            int hit = j < np;
            if (hit) c->tp++;
            else c->fn++;
            if (strict) {
                gms[order[k]] = hit ? (long)j : -1;
                continue;
            }
            gm[order[k]] = hit ? (long)j : -1;
            if (count_root(s, gold_label(g, gl, sizeof gl), hit, 0, !hit) < 0)
                return -1;
        }
        for (size_t j = 0; j < np; j++) {
            if (strict ? p[j].used_s : p[j].used_l)
                continue;
            if (!p[j].tgt) {
                if (!strict)
                    s->sum.untargeted_ignored++;
                continue;
            }
            const dyad_gold_event *mn = NULL;
            for (size_t m = 0; m < rec->n_must_not && !mn; m++)
                if (event_matches(&rec->must_not[m], &p[j], 0))
                    mn = &rec->must_not[m];
            if (!mn && (rec->flags & DYAD_GOLD_PARTIAL))
                continue;       /* the suite does not claim its list is complete */
            c->fp++;
            if (strict)
                continue;
            if (mn)
                s->sum.must_not_hits++;
            if (count_root(s, prod_label(&p[j], plover_mode, pl, sizeof pl), 0, 1, 0) < 0 ||
                add_error(s, rec, rc, mn ? DYAD_SCORE_MUST_NOT : DYAD_SCORE_FALSE_ALARM, mn, &p[j]) < 0)
                return -1;
        }
    }
    for (size_t j = 0; j < np; j++)
        if (p[j].tgt || p[j].used_l)
            s->sum.produced_events++;

    /* misses, root confusion and inexact matches (lenient pairing); an
     * expected event the strict matching found, with whatever partner, is
     * not inexact */
    for (size_t k = 0; k < ng; k++) {
        size_t i = order[k];
        const dyad_gold_event *g = &rec->events[i];
        if (gm[i] >= 0) {
            if (gms[i] < 0 && add_error(s, rec, rc, DYAD_SCORE_INEXACT, g, &p[gm[i]]) < 0)
                return -1;
            continue;
        }
        struct prod *conf = NULL;
        for (size_t j = 0; j < np && !conf; j++)
            if (!p[j].used_l && !p[j].used_c && p[j].tgt &&
                actor_lenient(g->source, p[j].src) && actor_lenient(g->target, p[j].tgt))
                conf = &p[j];
        if (conf) {
            conf->used_c = 1;
            gold_label(g, gl, sizeof gl);
            prod_label(conf, plover_mode, pl, sizeof pl);
            if (strcmp(gl, pl) != 0 && count_confusion(s, gl, pl) < 0)
                return -1;
        }
        if (add_error(s, rec, rc, DYAD_SCORE_MISS, g, NULL) < 0)
            return -1;
    }
    return 0;
}

/* The record's own counts: the summary's growth since before it. */
static dyad_score_counts counts_since(const dyad_score_counts *now, const dyad_score_counts *before)
{
    dyad_score_counts c = {0};
    c.tp = now->tp - before->tp;
    c.fp = now->fp - before->fp;
    c.fn = now->fn - before->fn;
    ratios(&c);
    return c;
}

/* Count the record as fully correct or not at each level; keep it with
 * its errors (those from index e0 on) when it is not. */
static int count_record(dyad_scorer *s, const dyad_gold_record *rec, struct rec_copy *rc,
                        const dyad_score_counts *l0, const dyad_score_counts *s0, size_t e0)
{
    dyad_score_counts l = counts_since(&s->sum.lenient, l0);
    dyad_score_counts st = counts_since(&s->sum.strict, s0);
    int lenient_ok = l.fp == 0 && l.fn == 0;
    int strict_ok = st.fp == 0 && st.fn == 0;
    s->sum.records_correct_lenient += (uint64_t)lenient_ok;
    s->sum.records_correct_strict += (uint64_t)strict_ok;
    dyad_score_category *c = NULL;
    if (rec->category) {
        if (!(c = category_row(s, rec->category)))
            return -1;
        c->records++;
        c->correct_lenient += (uint64_t)lenient_ok;
        c->correct_strict += (uint64_t)strict_ok;
    }
    if ((lenient_ok && strict_ok) || !(s->flags & DYAD_SCORER_KEEP_ERRORS))
        return 0;
    int oom = 0;
    if (!rc->id) {
        rc->id = keep(s, rec->id, &oom);
        rc->text = keep(s, rec->text ? rec->text : "", &oom);
    }
    dyad_score_failure *f = dyadi_vec_push(&s->failures);
    if (!f || oom)
        return -1;
    f->record_id = rc->id;
    f->text = rc->text;
    f->category = c ? c->label : NULL;
    f->line = rec->line;
    f->lenient_ok = lenient_ok;
    f->strict_ok = strict_ok;
    f->lenient = l;
    f->strict = st;
    f->first_error = e0;
    f->n_errors = s->errors.len - e0;
    return 0;
}

DYAD_API dyad_status dyad_scorer_add(dyad_scorer *s, const dyad_gold_record *rec,
                                     const dyad_event *events, size_t n)
{
    if (!s || !rec || (n && !events))
        return DYAD_ERR_ARG;
    struct rec_copy rc = {NULL, NULL};
    s->prod.len = 0;
    for (size_t i = 0; i < n; i++) {
        const dyad_event *e = &events[i];
        /* a negated or merely possible event ("menacerait", "could
         * attack") is not a claim that it happened: not scored, as
         * negated ones are not */
        if (e->polarity != DYAD_ASSERTED || e->modality == DYAD_POSSIBLE) {
            s->sum.negated_ignored++;
            continue;
        }
        struct prod *p = dyadi_vec_push(&s->prod);
        if (!p)
            return DYAD_ERR_NOMEM;
        p->e = e;
        p->src = e->source.code ? e->source.code : e->source.country;
        p->tgt = e->target.code ? e->target.code : e->target.country;
        p->code = e->code;
        const char *r = e->root ? e->root : e->code;
        if (r) {
            size_t k = strnlen(r, 2);
            memcpy(p->root, r, k);
            p->root[k] = '\0';
        }
    }
    s->sum.records++;
    dyad_score_counts l0 = s->sum.lenient, s0 = s->sum.strict;
    size_t e0 = s->errors.len;
    int rc_ok = (rec->flags & DYAD_GOLD_CODE_ONLY) && rec->n_events
        ? score_code_only(s, rec, &rc, s->prod.data, s->prod.len)
        : score_dyadic(s, rec, &rc, s->prod.data, s->prod.len);
    if (rc_ok == 0)
        rc_ok = count_record(s, rec, &rc, &l0, &s0, e0);
    ratios(&s->sum.lenient);
    ratios(&s->sum.strict);
    return rc_ok < 0 ? DYAD_ERR_NOMEM : DYAD_OK;
}

DYAD_API void dyad_scorer_summary(const dyad_scorer *s, dyad_score_summary *out)
{
    if (!s) {
        memset(out, 0, sizeof *out);
        return;
    }
    *out = s->sum;
    ratios(&out->lenient);
    ratios(&out->strict);
    out->root_accuracy = out->code_only ? (double)out->code_only_root_ok / (double)out->code_only : 0.0;
    out->code_accuracy = out->code_only ? (double)out->code_only_code_ok / (double)out->code_only : 0.0;
}

DYAD_API const dyad_score_root *dyad_scorer_roots(const dyad_scorer *s, size_t *n)
{
    *n = s ? s->roots.len : 0;
    return *n ? s->roots.data : NULL;
}

DYAD_API const dyad_score_confusion *dyad_scorer_confusion(const dyad_scorer *s, size_t *n)
{
    *n = s ? s->confusion.len : 0;
    return *n ? s->confusion.data : NULL;
}

DYAD_API const dyad_score_category *dyad_scorer_categories(const dyad_scorer *s, size_t *n)
{
    *n = s ? s->categories.len : 0;
    return *n ? s->categories.data : NULL;
}

DYAD_API const dyad_score_error *dyad_scorer_errors(const dyad_scorer *s, size_t *n)
{
    *n = s ? s->errors.len : 0;
    return *n ? s->errors.data : NULL;
}

DYAD_API const dyad_score_failure *dyad_scorer_failures(const dyad_scorer *s, size_t *n)
{
    *n = s ? s->failures.len : 0;
    return *n ? s->failures.data : NULL;
}
