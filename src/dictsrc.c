/* dictsrc.c - the dictionary compiler behind `dyad dict build` and
 * `dyad dict check`.
 *
 * It reads the human-edited sources under data/ (docs/formats.md): actor
 * files, the CAMEO taxonomy, event triggers and cue words; keys every phrase
 * with the very tokenizer, normaliser and stemmer the coder runs on text
 * (text.h), so that a phrase matches exactly the token sequence running text
 * produces; interns every key into one id space; builds one phrase trie per
 * dyadi_trie_kind over those ids; and writes the little-endian binary that
 * lexicon.c memory-maps (layout in dictsrc.h and docs/design.md).
 *
 * Every problem is reported as "FILE:LINE: severity: what". An error drops
 * the entry (or the part of it) that it makes meaningless and makes the
 * build fail; a warning keeps the entry. With opts->lint (dict check) the
 * whole set is also checked for duplicates, conflicting codes, role dates
 * and trigger codes missing from the taxonomy.
 *
 * The data is partial while it is being written, so every source file is
 * optional: with none, the compiler writes a valid empty lexicon. */
#include "dictsrc.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "text.h"

#define MAX_LINE (64u * 1024u)       /* longer source lines are refused */
#define MAX_PHRASE_KEYS 48u          /* keys in one phrase, gaps included */
#define MAX_RECORDS (8u * 1024u * 1024u)
#define MAX_POOL 0xF0000000u         /* string offsets are u32 */
#define MAX_ROLES 64u                /* roles of one entry */
#define ARENA_LIMIT (4u * MAX_LINE * 16u)  /* per-line scratch */
#define NELEM_(a) (sizeof(a) / sizeof((a)[0]))

/* ---- growable byte buffer and hash maps -------------------------------- */

typedef struct buf {
    unsigned char *p;
    size_t n, cap;
} buf;

static int buf_grow(buf *b, size_t add)
{
    if (add > SIZE_MAX / 2 - b->n)
        return -1;
    size_t need = b->n + add;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < need)
        cap *= 2;
    unsigned char *np = realloc(b->p, cap);
    if (!np)
        return -1;
    b->p = np;
    b->cap = cap;
    return 0;
}

static int buf_add(buf *b, const void *d, size_t n)
{
    if (buf_grow(b, n))
        return -1;
    if (n)
        memcpy(b->p + b->n, d, n);
    b->n += n;
    return 0;
}

/* String -> u32 value, open addressing; the strings themselves live in the
 * pool, so a slot holds only the hash and the value (+1, 0 = empty). */
typedef struct smap {
    uint32_t *hash, *val;
    size_t cap, n;
} smap;

static int smap_rehash(smap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 1024;
    uint32_t *nh = calloc(ncap, sizeof *nh);
    uint32_t *nv = calloc(ncap, sizeof *nv);
    if (!nh || !nv) {
        free(nh);
        free(nv);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->val[i])
            continue;
        size_t j = m->hash[i] & (ncap - 1);
        while (nv[j])
            j = (j + 1) & (ncap - 1);
        nh[j] = m->hash[i];
        nv[j] = m->val[i];
    }
    free(m->hash);
    free(m->val);
    m->hash = nh;
    m->val = nv;
    m->cap = ncap;
    return 0;
}

static void smap_free(smap *m)
{
    free(m->hash);
    free(m->val);
    memset(m, 0, sizeof *m);
}

/* (parent node, key id) -> child node, for building the tries. */
typedef struct emap {
    uint64_t *key;
    uint32_t *val;      /* child node; 0 = empty (children are >= 2) */
    size_t cap, n;
} emap;

static size_t emap_pos(uint64_t k, size_t cap)
{
    return (size_t)((k * 0x9E3779B97F4A7C15ull) >> 20) & (cap - 1);
}

static int emap_rehash(emap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 1024;
    uint64_t *nk = calloc(ncap, sizeof *nk);
    uint32_t *nv = calloc(ncap, sizeof *nv);
    if (!nk || !nv) {
        free(nk);
        free(nv);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->val[i])
            continue;
        size_t j = emap_pos(m->key[i], ncap);
        while (nv[j])
            j = (j + 1) & (ncap - 1);
        nk[j] = m->key[i];
        nv[j] = m->val[i];
    }
    free(m->key);
    free(m->val);
    m->key = nk;
    m->val = nv;
    m->cap = ncap;
    return 0;
}

/* ---- compile-side records (string fields are pool offsets) ------------- */

typedef struct c_actor {
    uint8_t kind, gender, number, gov;
    uint32_t lang, code, id, country, sector;
    double lat, lon;
    uint32_t pop, role_first, role_n;
} c_actor;

typedef struct c_role {
    uint32_t code, from, to;
} c_role;

typedef struct c_trigger {
    uint8_t kind, obj, rev, mode, recip, gen_target, among, weak, syn, vword, tslot, sslot, tskip, sskip;
    uint16_t ngap;
    uint32_t lang, code, neg_code, id, prep, from, comp, passive, pair_code;
} c_trigger;

typedef struct c_cue {
    uint32_t kind, lang, value, attrs;
} c_cue;

typedef struct c_cameo {
    char code[8];       /* kept inline so qsort can compare without the pool */
    uint32_t name, ptype, pmode, pcontext;
    double gold;
    uint8_t quad;
    uint32_t file, line, seq;
} c_cameo;

typedef struct edge {
    uint32_t parent, key, child;
} edge;

typedef struct nent {
    uint32_t node, ent;
} nent;

typedef struct ctrie {
    uint32_t nnodes;
    emap map;
    dyadi_vec edges;    /* edge */
    dyadi_vec ents;     /* nent */
} ctrie;

/* One entry as the linter sees it: class, kind, lang and key sequence as
 * bytes (the signature), its code, and where it came from. */
#define SIG_AMBIGUOUS 0xA3B16u

typedef struct c_sig {
    const unsigned char *p;     /* set after parsing, when sigbuf is stable */
    uint32_t off, len;
    uint32_t phrase_off, phrase_len;
    uint32_t code;              /* pool offset: equal codes have equal offsets */
    uint32_t extra;             /* cities, regions: hash of the coordinates (homonyms differ) */
    uint32_t file, line, seq;
    uint8_t cls, kind;
} c_sig;

enum { SEV_ERROR, SEV_WARN, SEV_DUP, SEV_CONFLICT, SEV_DATES, SEV_CODE, SEV_INFO };

typedef struct dyadi_cc {
    const dyadi_dict_opts *o;
    dyadi_dict_stats *st;
    buf pool;
    smap strs;              /* pool string -> offset + 1 */
    dyadi_vec keyoff;       /* uint32_t pool offset per key id */
    smap keys;              /* key string -> id + 1 */
    ctrie trie[DYADI_TRIE_COUNT];
    dyadi_vec actors, roles, triggers, cues, cameo, sigs;
    buf sigbuf;
    char **files;
    size_t nfiles, capfiles;
    uint32_t file;          /* index of the file being read */
    uint32_t line;
    uint32_t seq;
    dyadi_stemmer *stemmer;
    dyadi_arena arena;      /* per line */
    dyadi_vec toks, warns;
    int nomem;
    uint32_t empty_off;     /* pool offset of "" */
    int soft;               /* foreign entries: refusals are warnings */
    dyadi_dict_foreign_fn foreign;  /* foreign reader, or NULL */
    void *foreign_ud;
    uint32_t flags;         /* extra header flags set by the foreign reader */
    uint32_t options;       /* pool offset of the foreign .options directives, 0 none */
} cc;

/* ---- diagnostics ------------------------------------------------------- */

static void vreport(cc *c, uint32_t file, uint32_t line, int sev, const char *fmt, va_list ap)
{
    static const char *const label[] = {"error", "warning", "duplicate", "conflict",
                                        "dates", "code", "info"};
    dyadi_dict_stats *st = c->st;
    if (sev == SEV_ERROR && c->soft)
        sev = SEV_WARN;
    switch (sev) {
    case SEV_ERROR: st->errors++; break;
    case SEV_WARN: st->warnings++; break;
    case SEV_DUP: st->duplicates++; break;
    case SEV_CONFLICT: st->conflicts++; break;
    case SEV_DATES: st->dates++; break;
    case SEV_CODE: st->codes++; break;
    default: st->homonyms++; break;
    }
    FILE *f = c->o->msg;
    if (!f)
        return;
    int need = sev == SEV_ERROR ? 0 : sev == SEV_INFO ? 2 : 1;
    if (c->o->verbosity < need)
        return;
    const char *name = file < c->nfiles ? c->files[file] : "?";
    if (line)
        fprintf(f, "%s:%u: %s: ", name, (unsigned)line, label[sev]);
    else
        fprintf(f, "%s: %s: ", name, label[sev]);
    vfprintf(f, fmt, ap);
    fputc('\n', f);
}

#if defined(__GNUC__)
#define PRINTF_LIKE(a, b) __attribute__((format(printf, a, b)))
#else
#define PRINTF_LIKE(a, b)
#endif

static void report(cc *c, int sev, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void report(cc *c, int sev, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, c->file, c->line, sev, fmt, ap);
    va_end(ap);
}

static void report_at(cc *c, uint32_t file, uint32_t line, int sev, const char *fmt, ...)
    PRINTF_LIKE(5, 6);
static void report_at(cc *c, uint32_t file, uint32_t line, int sev, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, file, line, sev, fmt, ap);
    va_end(ap);
}

/* ---- strings and keys -------------------------------------------------- */

/* Pool offset of a string, added once: codes like "RUS" recur thousands of
 * times and are stored once. Returns DYADI_LEX_NONE on failure (c->nomem). */
static uint32_t intern_str(cc *c, const char *s, size_t n)
{
    if (c->strs.n * 2 >= c->strs.cap && smap_rehash(&c->strs))
        goto fail;
    uint32_t h = dyadi_lex_hash(s, n);
    size_t mask = c->strs.cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t v = c->strs.val[i];
        if (!v) {
            if (c->pool.n + n + 1 > MAX_POOL)
                goto fail;
            uint32_t off = (uint32_t)c->pool.n;
            if (buf_add(&c->pool, s, n) || buf_add(&c->pool, "", 1))
                goto fail;
            c->strs.hash[i] = h;
            c->strs.val[i] = off + 1;
            c->strs.n++;
            return off;
        }
        const char *p = (const char *)c->pool.p + (v - 1);
        if (c->strs.hash[i] == h && memcmp(p, s, n) == 0 && p[n] == '\0')
            return v - 1;
    }
fail:
    c->nomem = 1;
    return DYADI_LEX_NONE;
}

static uint32_t intern_cstr(cc *c, const char *s)
{
    return s ? intern_str(c, s, strlen(s)) : DYADI_LEX_NONE;
}

/* Key id of a key string, created on first use. 0 on failure (c->nomem). */
static uint32_t intern_key(cc *c, const char *s, size_t n)
{
    if (c->keys.n * 2 >= c->keys.cap && smap_rehash(&c->keys))
        goto fail;
    uint32_t h = dyadi_lex_hash(s, n);
    size_t mask = c->keys.cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t v = c->keys.val[i];
        if (!v) {
            uint32_t off = intern_str(c, s, n);
            if (off == DYADI_LEX_NONE)
                goto fail;
            uint32_t id = (uint32_t)c->keyoff.len;
            uint32_t *slot = dyadi_vec_push(&c->keyoff);
            if (!slot)
                goto fail;
            *slot = off;
            c->keys.hash[i] = h;
            c->keys.val[i] = id + 1;
            c->keys.n++;
            return id;
        }
        uint32_t off = DYADI_VEC_AT(&c->keyoff, uint32_t, v - 1);
        const char *p = (const char *)c->pool.p + off;
        if (c->keys.hash[i] == h && memcmp(p, s, n) == 0 && p[n] == '\0')
            return v - 1;
    }
fail:
    c->nomem = 1;
    return 0;
}

/* ---- tries ------------------------------------------------------------- */

static int trie_insert(cc *c, int t, const uint32_t *ids, size_t n, uint32_t entry)
{
    ctrie *tr = &c->trie[t];
    uint32_t node = 1;
    for (size_t i = 0; i < n; i++) {
        if (tr->map.n * 2 >= tr->map.cap && emap_rehash(&tr->map))
            goto fail;
        uint64_t k = ((uint64_t)node << 32) | ids[i];
        size_t mask = tr->map.cap - 1;
        size_t j = emap_pos(k, tr->map.cap);
        while (tr->map.val[j] && tr->map.key[j] != k)
            j = (j + 1) & mask;
        if (tr->map.val[j]) {
            node = tr->map.val[j];
            continue;
        }
        if (tr->nnodes == UINT32_MAX)
            goto fail;
        uint32_t child = tr->nnodes++;
        edge *e = dyadi_vec_push(&tr->edges);
        if (!e)
            goto fail;
        e->parent = node;
        e->key = ids[i];
        e->child = child;
        tr->map.key[j] = k;
        tr->map.val[j] = child;
        tr->map.n++;
        node = child;
    }
    nent *ne = dyadi_vec_push(&tr->ents);
    if (!ne)
        goto fail;
    ne->node = node;
    ne->ent = entry;
    return 0;
fail:
    c->nomem = 1;
    return -1;
}

/* ---- keying phrases ---------------------------------------------------- */

/* Length of a gap marker ("..." or U+2026) at p, else 0. */
static size_t gap_at(const char *p, const char *end)
{
    if (end - p >= 3 && p[0] == '.' && p[1] == '.' && p[2] == '.')
        return 3;
    if (end - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        (unsigned char)p[2] == 0xA6)
        return 3;
    return 0;
}

/* TABARI word modes (attribute marks=1, foreign.c): a pattern word ends
 * with a mark saying how its last word token is matched. '*': as a prefix,
 * keyed as "WORD*" (a token never holds '*', so prefix keys and norm keys
 * never share an id; the coder looks the prefixes of each token up, see
 * dyadi_lex_prefixes); '=': the word exactly (norm key); '+': the word with
 * a regular verb ending (keyed once per ending, norm keys); '!' (PETRARCH's
 * verbs as written): keyed "WORD=", apart from every norm and stem key,
 * looked up by the coder for a token's own spelling. Other tokens of a
 * marked word are exact. Unmarked words keep stem keys. */
#define MAX_ENDINGS 10

typedef struct vform {
    int pos;                        /* index of the '+' word in ids, -1 none */
    int n;
    uint32_t ids[MAX_ENDINGS];      /* its key with each ending, [0] the bare word */
} vform;

/* Keys of the word w with the regular verb endings: "depart" -> depart,
 * departs, departes, departed, departen, departing; a final e also gives
 * "deplored", "deploring". */
static int verb_endings(cc *c, const char *w, vform *vf)
{
    static const char *const end[] = {"", "s", "es", "ed", "en", "ing"};
    size_t n = strlen(w);
    char b[256];
    vf->n = 0;
    for (size_t k = 0; k < NELEM_(end) + 2; k++) {
        int m;
        if (k < NELEM_(end))
            m = snprintf(b, sizeof b, "%s%s", w, end[k]);
        else if (n > 1 && w[n - 1] == 'e')
            m = k == NELEM_(end) ? snprintf(b, sizeof b, "%sd", w)
                                 : snprintf(b, sizeof b, "%.*sing", (int)(n - 1), w);
        else
            continue;
        if (m < 0 || (size_t)m >= sizeof b)
            continue;
        uint32_t id = intern_key(c, b, (size_t)m);
        if (!id)
            return -1;
        vf->ids[vf->n++] = id;
    }
    return 0;
}

/* Key a phrase as running text would be keyed: tokenize with toklang, norm
 * key each token, then stem key it when stemlang is set. "..." becomes
 * DYADI_KEY_GAP. With marks, each blank-separated word may end with a
 * TABARI mode mark (above); vf receives the '+' word. Returns the number
 * of ids; 0 with *why set when the phrase is meaningless; -1 when out of
 * memory. */
static int key_phrase(cc *c, const char *phrase, const char *toklang, const char *stemlang,
                      int marks, uint32_t *ids, size_t max, vform *vf, const char **why)
{
    size_t n = 0;
    const char *p = phrase, *end = phrase + strlen(phrase);
    int pending_gap = 0;
    vf->pos = -1;
    vf->n = 0;
    while (p < end) {
        const char *q = p;
        size_t g = 0;
        while (q < end && !(g = gap_at(q, end)))
            q++;
        for (const char *s = p; s < q;) {
            const char *e = q, *we = q;
            int mode = 0;
            if (marks) {
                while (s < q && (*s == ' ' || *s == '\t'))
                    s++;
                if (s == q)
                    break;
                for (e = s; e < q && *e != ' ' && *e != '\t'; e++)
                    ;
                we = e;
                if (we - s > 1 && (we[-1] == '*' || we[-1] == '=' || we[-1] == '+' || we[-1] == '!'))
                    mode = *--we;
            }
            c->toks.len = 0;
            c->warns.len = 0;
            if (dyadi_tokenize(s, (size_t)(we - s), toklang, &c->toks, &c->warns) != DYAD_OK) {
                *why = "too many tokens";
                return 0;
            }
            if (c->warns.len)
                report(c, SEV_WARN, "invalid UTF-8 or NUL byte in phrase");
            size_t lastw = SIZE_MAX;
            for (size_t i = 0; i < c->toks.len; i++)
                if (DYADI_VEC_AT(&c->toks, dyad_token, i).kind == DYAD_TOK_WORD)
                    lastw = i;
            for (size_t i = 0; i < c->toks.len; i++) {
                const dyad_token *t = &DYADI_VEC_AT(&c->toks, dyad_token, i);
                if (t->span.end > (size_t)(we - s) || t->span.start > t->span.end)
                    continue;   /* a tokenizer bug must not read out of bounds */
                char *norm = dyadi_norm_key(&c->arena, s + t->span.start, t->span.end - t->span.start);
                if (!norm)
                    goto nomem;
                const char *key = norm;
                char pk[256];
                if (!mode && stemlang && t->kind == DYAD_TOK_WORD) {    /* as the coder does */
                    key = dyadi_stem_key(c->stemmer, &c->arena, stemlang, norm);
                    if (!key)
                        goto nomem;
                } else if ((mode == '*' || mode == '!') && i == lastw) {
                    int m = snprintf(pk, sizeof pk, "%s%c", norm, mode == '*' ? '*' : '=');
                    if (m > 0 && (size_t)m < sizeof pk)
                        key = pk;
                }
                if (pending_gap) {
                    if (n >= max)
                        goto toolong;
                    ids[n++] = DYADI_KEY_GAP;
                    pending_gap = 0;
                }
                if (n >= max)
                    goto toolong;
                if (mode == '+' && i == lastw && vf->pos < 0) {
                    if (verb_endings(c, norm, vf))
                        goto nomem;
                    if (vf->n) {
                        vf->pos = (int)n;
                        ids[n++] = vf->ids[0];
                        continue;
                    }
                }
                uint32_t id = intern_key(c, key, strlen(key));
                if (!id)
                    goto nomem;
                ids[n++] = id;
            }
            s = e;
        }
        if (g) {
            if (n == 0) {
                *why = "a gap '...' cannot start a phrase";
                return 0;
            }
            pending_gap = 1;
            q += g;
        }
        p = q;
    }
    if (pending_gap) {
        *why = "a gap '...' cannot end a phrase";
        return 0;
    }
    if (n == 0)
        *why = "empty phrase (no tokens)";
    return (int)n;
toolong:
    *why = "phrase too long";
    return 0;
nomem:
    c->nomem = 1;
    return -1;
}

/* The key sequences of a phrase under each tokenizer setting the coder
 * may use for a document in the entry's language: its own rules and the
 * undetermined-language rules (documents whose language is detected after
 * tokenizing); a "*" name also as French and English. Distinct sequences
 * are inserted into trie t (stems of the entry's language when stem is
 * set; "*" entries keep norm keys), a '+' word once per verb ending.
 * ids[0]/n0 receive the first sequence, for the linter. Returns 1 when
 * inserted, 0 with *why when the phrase is meaningless, -1 when out of
 * memory. */
typedef struct keyseq {
    uint32_t ids[MAX_PHRASE_KEYS];
    int n;
} keyseq;

static int key_insert(cc *c, int t, const char *phrase, const char *lang, int stem, int marks,
                      uint32_t entry, keyseq *first, const char **why)
{
    static const char *const star[] = {"fr", "en", NULL};
    const char *own[2] = {lang, NULL};
    int is_star = strcmp(lang, "*") == 0;
    const char *const *langs = is_star ? star : own;
    size_t nl = is_star ? 3 : strcmp(lang, "und") ? 2 : 1;
    keyseq v[3];
    vform vf[3];
    for (size_t l = 0; l < nl; l++) {
        v[l].n = key_phrase(c, phrase, langs[l], stem && !is_star ? lang : NULL, marks, v[l].ids,
                            MAX_PHRASE_KEYS, &vf[l], why);
        if (v[l].n <= 0)
            return v[l].n;
    }
    /* Insert only once every variant is known good: no dangling entries. */
    for (size_t l = 0; l < nl; l++) {
        for (int k = 0; k < (vf[l].pos < 0 ? 1 : vf[l].n); k++) {
            keyseq s = v[l];
            if (vf[l].pos >= 0)
                s.ids[vf[l].pos] = vf[l].ids[k];
            int seen = 0;
            for (size_t j = 0; j < l && !seen; j++)
                for (int kk = 0; kk < (vf[j].pos < 0 ? 1 : vf[j].n) && !seen; kk++) {
                    keyseq o = v[j];
                    if (vf[j].pos >= 0)
                        o.ids[vf[j].pos] = vf[j].ids[kk];
                    seen = o.n == s.n && memcmp(o.ids, s.ids, (size_t)s.n * sizeof(uint32_t)) == 0;
                }
            if (!seen && trie_insert(c, t, s.ids, (size_t)s.n, entry))
                return -1;
        }
    }
    if (first)
        *first = v[0];
    return 1;
}

/* Record the entry's signature for the linter (dict check only). */
static int add_sig(cc *c, int cls, int kind, const char *lang, const uint32_t *ids, size_t n,
                   const char *phrase, uint32_t code, uint32_t extra)
{
    if (!c->o->lint)
        return 0;
    c_sig *s = dyadi_vec_push(&c->sigs);
    if (!s)
        goto fail;
    unsigned char head[2] = {(unsigned char)cls, (unsigned char)kind};
    s->off = (uint32_t)c->sigbuf.n;
    if (buf_add(&c->sigbuf, head, 2) || buf_add(&c->sigbuf, lang, strlen(lang) + 1) ||
        buf_add(&c->sigbuf, ids, n * sizeof *ids))
        goto fail;
    s->len = (uint32_t)(c->sigbuf.n - s->off);
    s->phrase_off = (uint32_t)c->sigbuf.n;
    s->phrase_len = (uint32_t)strlen(phrase);
    if (buf_add(&c->sigbuf, phrase, s->phrase_len))
        goto fail;
    s->code = code;
    s->extra = extra;
    s->file = c->file;
    s->line = c->line;
    s->seq = c->seq++;
    s->cls = (uint8_t)cls;
    s->kind = (uint8_t)kind;
    return 0;
fail:
    c->nomem = 1;
    return -1;
}

/* ---- field syntax ------------------------------------------------------ */

static int find_word(const char *const *list, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], w) == 0)
            return (int)i;
    return -1;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int lang_ok(const char *s)
{
    if (strcmp(s, "*") == 0)
        return 1;
    size_t n = strlen(s);
    if (n < 2 || n > 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return 0;
    return 1;
}

/* CAMEO actor codes: upper-case letters and digits (also used by foreign.c). */
int dyadi_actor_code_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 30)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

/* TABARI's sentence markers: "###" discards the sentence, "+++" makes it
 * complex (nothing is coded); "---" is the null code. Accepted as actor
 * codes (roles too) and trigger codes. */
int dyadi_marker_code(const char *s)
{
    if (!s || s[0] == '\0' || s[1] != s[0] || s[2] != s[0] || s[3] != '\0')
        return 0;
    return s[0] == '-' ? DYADI_MARK_NULL : s[0] == '#' ? DYADI_MARK_DISCARD
                                                        : s[0] == '+' ? DYADI_MARK_COMPLEX : 0;
}

/* CAMEO event codes: 2 to 4 digits ("01", "111", "0234"), or "---". */
int dyadi_event_code_ok(const char *s)
{
    size_t n = strlen(s);
    if (strcmp(s, "---") == 0)
        return 1; /* a null trigger: the phrase is matched and codes nothing */
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* TABARI's letter-suffixed codes ("174K", "075A"): 2 to 4 digits and an
 * upper-case letter; the digits give the CAMEO code. Accepted only for
 * entries from foreign dictionaries. */
int dyadi_foreign_code_ok(const char *s)
{
    size_t n = strlen(s), d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    return d >= 2 && d <= 4 && n == d + 1 && s[d] >= 'A' && s[d] <= 'Z';
}

/* "YYYY-MM-DD" -> YYYYMMDD; "" -> 0 (open); -1 when malformed. */
static long parse_date(const char *s, size_t n)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (n == 0)
        return 0;
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    long v[3] = {0, 0, 0};
    const int at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (int f = 0; f < 3; f++)
        for (int i = 0; i < len[f]; i++) {
            char ch = s[at[f] + i];
            if (ch < '0' || ch > '9')
                return -1;
            v[f] = v[f] * 10 + (ch - '0');
        }
    if (v[0] < 1000 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > mdays[v[1] - 1])
        return -1;
    if (v[1] == 2 && v[2] == 29 && !((v[0] % 4 == 0 && v[0] % 100 != 0) || v[0] % 400 == 0))
        return -1;
    return v[0] * 10000 + v[1] * 100 + v[2];
}

static int parse_double(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (end == s || *end || errno || !(d >= lo && d <= hi))
        return -1;
    *out = d;
    return 0;
}

/* Split attrs "k=v;k=v" in place. Returns the count; malformed items are
 * warned about and skipped. */
typedef struct attr {
    const char *k, *v;
} attr;

static size_t split_attrs(cc *c, char *s, attr *out, size_t max)
{
    size_t n = 0;
    while (s && *s) {
        char *semi = strchr(s, ';');
        if (semi)
            *semi = '\0';
        if (*s) {
            char *eq = strchr(s, '=');
            if (!eq || eq == s) {
                report(c, SEV_WARN, "attribute '%s' is not key=value", s);
            } else if (n >= max) {
                report(c, SEV_WARN, "too many attributes, '%s' ignored", s);
            } else {
                *eq = '\0';
                int dup = 0;
                for (size_t i = 0; i < n; i++)
                    if (strcmp(out[i].k, s) == 0)
                        dup = 1;
                if (dup) {
                    report(c, SEV_WARN, "attribute '%s' given twice, the first is used", s);
                } else {
                    out[n].k = s;
                    out[n].v = eq + 1;
                    n++;
                }
            }
        }
        s = semi ? semi + 1 : NULL;
    }
    return n;
}

/* ---- actors ------------------------------------------------------------ */

static const char *const actor_kinds[] = {"country", "demonym", "capital", "city",
                                          "region",  "igo",     "bloc",    "person",
                                          "agent",   "org",     "media",   "pronoun"};
static const char *const actor_keys[] = {"id",  "roles", "g",   "n",   "country", "admin",
                                         "lat", "lon",   "pop", "gov", "sector", "ambiguous",
                                         "compound", "prefix", "cap"};

/* Parse "CODE:FROM:TO,..." into c->roles. Returns the number of roles
 * kept, -1 when out of memory. Malformed roles are errors (dropped). */
static int parse_roles(cc *c, char *s, uint32_t *first)
{
    *first = (uint32_t)c->roles.len;
    int kept = 0;
    c_role tmp[MAX_ROLES];
    size_t nt = 0;
    while (s && *s) {
        char *comma = strchr(s, ',');
        if (comma)
            *comma = '\0';
        char *c1 = strchr(s, ':');
        char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c1 || !c2 || strchr(c2 + 1, ':')) {
            report(c, SEV_ERROR, "role '%s' is not CODE:FROM:TO", s);
        } else {
            *c1 = '\0';
            long from = parse_date(c1 + 1, (size_t)(c2 - c1 - 1));
            long to = parse_date(c2 + 1, strlen(c2 + 1));
            if (!dyadi_actor_code_ok(s) && !dyadi_marker_code(s))
                report(c, SEV_ERROR, "role code '%s' is not a CAMEO actor code", s);
            else if (from < 0)
                report(c, SEV_ERROR, "role %s: bad date '%.*s' (expected YYYY-MM-DD)", s,
                       (int)(c2 - c1 - 1), c1 + 1);
            else if (to < 0)
                report(c, SEV_ERROR, "role %s: bad date '%s' (expected YYYY-MM-DD)", s, c2 + 1);
            else if (from && to && to <= from)
                report(c, SEV_ERROR, "role %s: ends (%s) before it starts (%.*s)", s, c2 + 1,
                       (int)(c2 - c1 - 1), c1 + 1);
            else if (nt >= MAX_ROLES)
                report(c, SEV_ERROR, "more than %u roles", MAX_ROLES);
            else {
                c_role *r = dyadi_vec_push(&c->roles);
                if (!r)
                    goto nomem;
                r->code = intern_cstr(c, s);
                if (r->code == DYADI_LEX_NONE)
                    goto nomem;
                r->from = (uint32_t)from;
                r->to = (uint32_t)to;
                tmp[nt++] = *r;
                kept++;
            }
        }
        s = comma ? comma + 1 : NULL;
    }
    if (c->o->lint) {
        for (size_t i = 1; i < nt; i++)
            if (tmp[i].from < tmp[i - 1].from) {
                report(c, SEV_DATES, "roles are not in date order");
                break;
            }
        /* Overlaps, on the roles sorted by start (insertion sort: few roles). */
        for (size_t i = 1; i < nt; i++)
            for (size_t j = i; j > 0 && tmp[j].from < tmp[j - 1].from; j--) {
                c_role x = tmp[j];
                tmp[j] = tmp[j - 1];
                tmp[j - 1] = x;
            }
        for (size_t i = 1; i < nt; i++)
            if (tmp[i - 1].to == 0 || tmp[i - 1].to > tmp[i].from) {
                report(c, SEV_DATES, "roles overlap: %s from %u and %s from %u",
                       (const char *)c->pool.p + tmp[i - 1].code, (unsigned)tmp[i - 1].from,
                       (const char *)c->pool.p + tmp[i].code, (unsigned)tmp[i].from);
                break;
            }
    }
    return kept;
nomem:
    c->nomem = 1;
    return -1;
}

static int handle_actor(cc *c, char **col, int ncol)
{
    if (ncol < 4) {
        report(c, SEV_ERROR, "expected 4 or 5 tab-separated columns (kind lang phrase code [attrs]), found %d",
               ncol);
        return 0;
    }
    if (ncol > 5)
        report(c, SEV_WARN, "%d columns, only 5 are read (kind lang phrase code attrs)", ncol);
    int kind = find_word(actor_kinds, NELEM(actor_kinds), col[0]);
    if (kind < 0) {
        report(c, SEV_ERROR, "unknown kind '%s' (country, demonym, capital, city, region, igo, bloc, person, agent, org, media, pronoun)",
               col[0]);
        return 0;
    }
    const char *lang = col[1], *phrase = col[2], *code = col[3];
    if (!lang_ok(lang)) {
        report(c, SEV_ERROR, "bad language '%s' (fr, en, ... or *)", lang);
        return 0;
    }
    int pronoun = kind == DYADI_AK_PRONOUN;
    if (pronoun && strcmp(code, "-") == 0)
        code = "";
    int marker = dyadi_marker_code(code);
    if (!(pronoun && !*code) && !marker && !dyadi_actor_code_ok(code)) {
        report(c, SEV_ERROR, "bad code '%s' (a CAMEO actor code: upper-case letters and digits)", code);
        return 0;
    }
    if (*code && strlen(code) % 3 && !pronoun && !marker)    /* pronouns carry placeholders */
        report(c, SEV_WARN, "code '%s' is not made of 3-character CAMEO segments", code);

    c_actor a;
    memset(&a, 0, sizeof a);
    a.kind = (uint8_t)kind;
    a.lat = a.lon = NAN;
    a.country = a.sector = DYADI_LEX_NONE;
    a.role_first = (uint32_t)c->roles.len;
    const char *id = NULL;
    attr at[16];
    size_t nat = ncol > 4 ? split_attrs(c, col[4], at, NELEM(at)) : 0;
    for (size_t i = 0; i < nat; i++) {
        const char *k = at[i].k, *v = at[i].v;
        switch (find_word(actor_keys, NELEM(actor_keys), k)) {
        case 0:
            if (*v)
                id = v;
            else
                report(c, SEV_WARN, "empty id");
            break;
        case 1: {
            int r = parse_roles(c, (char *)v, &a.role_first);
            if (r < 0)
                return -1;
            a.role_n = (uint32_t)r;
            break;
        }
        case 2:
            if (strcmp(v, "m") && strcmp(v, "f"))
                report(c, SEV_WARN, "g=%s: gender is m or f", v);
            else
                a.gender = (uint8_t)v[0];
            break;
        case 3:
            if (strcmp(v, "s") && strcmp(v, "p"))
                report(c, SEV_WARN, "n=%s: number is s or p", v);
            else
                a.number = (uint8_t)v[0];
            break;
        case 4:
            if (!dyadi_actor_code_ok(v)) {
                report(c, SEV_WARN, "country=%s: not a country code", v);
                break;
            }
            if (strlen(v) != 3)     /* kept: the coder may still use it */
                report(c, SEV_WARN, "country=%s: not an ISO alpha-3 code", v);
            if ((a.country = intern_cstr(c, v)) == DYADI_LEX_NONE)
                return -1;
            break;
        case 5:
            break;  /* admin: read by nothing yet, accepted */
        case 6:
            if (parse_double(v, -90, 90, &a.lat))
                report(c, SEV_WARN, "lat=%s: not a latitude", v);
            break;
        case 7:
            if (parse_double(v, -180, 180, &a.lon))
                report(c, SEV_WARN, "lon=%s: not a longitude", v);
            break;
        case 8: {
            double d;
            if (parse_double(v, 0, 4e9, &d))
                report(c, SEV_WARN, "pop=%s: not a population", v);
            else
                a.pop = (uint32_t)d;
            break;
        }
        case 9:
            if (strcmp(v, "0") && strcmp(v, "1"))
                report(c, SEV_WARN, "gov=%s: expected 0 or 1", v);
            else
                a.gov = (uint8_t)((a.gov & ~1u) | (v[0] == '1'));
            break;
        case 10:
            if (!dyadi_actor_code_ok(v))
                report(c, SEV_WARN, "sector=%s: not a CAMEO code", v);
            else if ((a.sector = intern_cstr(c, v)) == DYADI_LEX_NONE)
                return -1;
            break;
        case 11:
            if (strcmp(v, "0") && strcmp(v, "1"))
                report(c, SEV_WARN, "ambiguous=%s: expected 0 or 1", v);
            else if (v[0] == '1')
                a.gov |= DYADI_ACTOR_AMBIGUOUS;
            break;
        case 12:
        case 13:
        case 14:    /* compound, prefix, cap */
            if (strcmp(v, "0") && strcmp(v, "1"))
                report(c, SEV_WARN, "%s=%s: expected 0 or 1", k, v);
            else if (v[0] == '1')
                a.gov |= k[0] == 'p' ? DYADI_ACTOR_PREFIX
                         : k[1] == 'o' ? DYADI_ACTOR_COMPOUND : DYADI_ACTOR_CAP;
            break;
        default:
            report(c, SEV_WARN, "unknown attribute '%s' for an actor", k);
            break;
        }
    }
    /* An organisation or a person the file writes in lower case is written
     * so in the text too (French "les talibans", "les shebab", "l'agence
     * Reuters", "al-Assad", "le roi Charles"): it needs no capital.
     * Capitalised names keep needing one. */
    if ((kind == DYADI_AK_ORG || kind == DYADI_AK_MEDIA || kind == DYADI_AK_PERSON) &&
        ((phrase[0] >= 'a' && phrase[0] <= 'z') ||
         ((unsigned char)phrase[0] == 0xC3 && (unsigned char)phrase[1] >= 0xA0)))
        a.gov |= DYADI_ACTOR_LOWER;
    if (a.country == DYADI_LEX_NONE &&
        (kind == DYADI_AK_CAPITAL || kind == DYADI_AK_CITY || kind == DYADI_AK_REGION) && *code)
        a.country = intern_cstr(c, code);
    a.lang = intern_cstr(c, lang);
    a.code = intern_cstr(c, code);
    a.id = intern_cstr(c, id ? id : code);
    if (c->nomem)
        return -1;

    keyseq ks;
    const char *why = NULL;
    int r = key_insert(c, DYADI_TRIE_ACTOR, phrase, lang, 0, 0, (uint32_t)c->actors.len, &ks, &why);
    if (r < 0)
        return -1;
    if (r == 0) {
        report(c, SEV_ERROR, "phrase '%s': %s", phrase, why);
        c->roles.len = a.role_first;    /* drop its roles too */
        return 0;
    }
    c_actor *slot = dyadi_vec_push(&c->actors);
    if (!slot) {
        c->nomem = 1;
        return -1;
    }
    *slot = a;
    c->st->roles += a.role_n;
    /* entries marked ambiguous=1 are meant to share a phrase with other
     * codes (the recogniser picks by the document's context) */
    uint32_t extra = (a.gov & (DYADI_ACTOR_AMBIGUOUS | DYADI_ACTOR_COMPOUND)) ? SIG_AMBIGUOUS : 0;
    /* same-name cities and regions of different places are candidates
     * (places.c chooses), not conflicts */
    if (kind == DYADI_AK_CITY || kind == DYADI_AK_REGION) {
        double ll[2] = {a.lat, a.lon};
        extra = dyadi_lex_hash((const char *)ll, sizeof ll);
    }
    return add_sig(c, 'A', kind, lang, ks.ids, (size_t)ks.n, phrase, a.code, extra);
}

/* ---- CAMEO taxonomy ---------------------------------------------------- */

static int handle_cameo(cc *c, char **col, int ncol)
{
    if (ncol < 4) {
        report(c, SEV_ERROR, "expected 4 to 7 tab-separated columns (code name goldstein quad [plover_type plover_mode plover_context]), found %d",
               ncol);
        return 0;
    }
    if (ncol > 7)
        report(c, SEV_WARN, "%d columns, only 7 are read", ncol);
    if (!dyadi_event_code_ok(col[0])) {
        report(c, SEV_ERROR, "bad CAMEO event code '%s' (2 to 4 digits)", col[0]);
        return 0;
    }
    double gold, quad;
    if (parse_double(col[2], -10, 10, &gold)) {
        report(c, SEV_ERROR, "code %s: bad Goldstein score '%s' (-10 to 10)", col[0], col[2]);
        return 0;
    }
    if (parse_double(col[3], 1, 4, &quad) || quad != floor(quad)) {
        report(c, SEV_ERROR, "code %s: bad QuadClass '%s' (1 to 4)", col[0], col[3]);
        return 0;
    }
    if (c->o->lint) {
        int root = (col[0][0] - '0') * 10 + (col[0][1] - '0');
        int want = root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
        if ((int)quad != want)
            report(c, SEV_CODE, "code %s: QuadClass %d, but root %02d is QuadClass %d", col[0],
                   (int)quad, root, want);
    }
    c_cameo *k = dyadi_vec_push(&c->cameo);
    if (!k) {
        c->nomem = 1;
        return -1;
    }
    snprintf(k->code, sizeof k->code, "%s", col[0]);
    k->name = intern_cstr(c, col[1]);
    k->gold = gold;
    k->quad = (uint8_t)quad;
    k->ptype = ncol > 4 && *col[4] ? intern_cstr(c, col[4]) : DYADI_LEX_NONE;
    k->pmode = ncol > 5 && *col[5] ? intern_cstr(c, col[5]) : DYADI_LEX_NONE;
    k->pcontext = ncol > 6 && *col[6] ? intern_cstr(c, col[6]) : DYADI_LEX_NONE;
    k->file = c->file;
    k->line = c->line;
    k->seq = c->seq++;
    return c->nomem ? -1 : 0;
}

static int cmp_cameo(const void *a, const void *b)
{
    const c_cameo *x = a, *y = b;
    int r = strcmp(x->code, y->code);
    return r ? r : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Sort the taxonomy and drop repeated codes (the first one wins). */
static void finish_cameo(cc *c)
{
    if (c->cameo.len > 1)
        qsort(c->cameo.data, c->cameo.len, sizeof(c_cameo), cmp_cameo);
    c_cameo *k = c->cameo.data;
    size_t w = 0;
    for (size_t i = 0; i < c->cameo.len; i++) {
        if (w && strcmp(k[w - 1].code, k[i].code) == 0) {
            report_at(c, k[i].file, k[i].line, c->o->lint ? SEV_DUP : SEV_WARN,
                      "code %s repeated (first at %s:%u), ignored", k[i].code,
                      c->files[k[w - 1].file], (unsigned)k[w - 1].line);
            continue;
        }
        k[w++] = k[i];
    }
    c->cameo.len = w;
}

static int have_cameo(const cc *c, const char *code)
{
    size_t lo = 0, hi = c->cameo.len;
    const c_cameo *k = c->cameo.data;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = strcmp(k[mid].code, code);
        if (r == 0)
            return 1;
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* ---- triggers ---------------------------------------------------------- */

/* In the taxonomy, a letter-suffixed foreign code by its digits. */
static int have_cameo_root(const cc *c, const char *code)
{
    char d[8];
    size_t n = strlen(code);
    if (n < sizeof d && dyadi_foreign_code_ok(code)) {
        memcpy(d, code, n - 1);
        d[n - 1] = '\0';
        return have_cameo(c, d);
    }
    return have_cameo(c, code);
}

static const char *const trig_kinds[] = {"verb", "expr", "noun"};
static const char *const trig_keys[] = {"obj",  "prep",     "from", "rev", "comp",
                                        "passive", "neg_code", "mode", "id", "recip", "gen",
                                        "pair", "among", "weak", "syn", "marks", "vword",
                                        "tslot", "sslot", "tskip", "sskip"};
static const char *const objs[] = {"target", "theme", "none"};
static const char *const modes[] = {"actual", "intended", "possible", "reported"};

/* A comma-separated list of words, norm-keyed like tokens, and interned as
 * keys so that the coder's tokens carry their ids. */
static uint32_t norm_list(cc *c, const char *v)
{
    char *norm = dyadi_norm_key(&c->arena, v, strlen(v));
    if (!norm) {
        c->nomem = 1;
        return DYADI_LEX_NONE;
    }
    for (const char *p = norm; *p;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n && !intern_key(c, p, n))
            return DYADI_LEX_NONE;
        p += n + (e ? 1 : 0);
    }
    return intern_cstr(c, norm);
}

static int handle_trigger(cc *c, char **col, int ncol)
{
    if (ncol < 4) {
        report(c, SEV_ERROR, "expected 4 or 5 tab-separated columns (kind lang pattern code [attrs]), found %d",
               ncol);
        return 0;
    }
    if (ncol > 5)
        report(c, SEV_WARN, "%d columns, only 5 are read (kind lang pattern code attrs)", ncol);
    int kind = find_word(trig_kinds, NELEM(trig_kinds), col[0]);
    if (kind < 0) {
        report(c, SEV_ERROR, "unknown kind '%s' (verb, expr, noun)", col[0]);
        return 0;
    }
    const char *lang = col[1], *pattern = col[2], *code = col[3];
    if (!lang_ok(lang)) {
        report(c, SEV_ERROR, "bad language '%s' (fr, en, ... or *)", lang);
        return 0;
    }
    if (!dyadi_event_code_ok(code) && !dyadi_marker_code(code) &&
        !(c->soft && dyadi_foreign_code_ok(code))) {
        report(c, SEV_ERROR, "bad CAMEO event code '%s' (2 to 4 digits)", code);
        return 0;
    }
    c_trigger t;
    memset(&t, 0, sizeof t);
    t.kind = (uint8_t)kind;
    t.obj = DYADI_OBJ_TARGET;
    t.mode = DYAD_ACTUAL;
    t.neg_code = t.prep = t.from = t.comp = t.passive = t.pair_code = DYADI_LEX_NONE;
    const char *id = NULL;
    int marks = 0;
    attr at[16];
    size_t nat = ncol > 4 ? split_attrs(c, col[4], at, NELEM(at)) : 0;
    for (size_t i = 0; i < nat; i++) {
        const char *k = at[i].k, *v = at[i].v;
        int w;
        switch (find_word(trig_keys, NELEM(trig_keys), k)) {
        case 0:
            if ((w = find_word(objs, NELEM(objs), v)) < 0)
                report(c, SEV_WARN, "obj=%s: expected target, theme or none", v);
            else
                t.obj = (uint8_t)w;
            break;
        case 1: t.prep = norm_list(c, v); break;
        case 2: t.from = norm_list(c, v); break;
        case 3:
            if (strcmp(v, "0") && strcmp(v, "1"))
                report(c, SEV_WARN, "rev=%s: expected 0 or 1", v);
            else
                t.rev = v[0] == '1';
            break;
        case 4: t.comp = norm_list(c, v); break;
        case 5: t.passive = norm_list(c, v); break;
        case 6:
            if (!dyadi_event_code_ok(v)) {
                report(c, SEV_WARN, "neg_code=%s: not a CAMEO event code", v);
                break;
            }
            if (c->cameo.len && !have_cameo(c, v))
                report(c, c->o->lint ? SEV_CODE : SEV_WARN,
                       "neg_code %s is not in the CAMEO taxonomy (cameo/codes.tsv)", v);
            t.neg_code = intern_cstr(c, v);
            break;
        case 7:
            if ((w = find_word(modes, NELEM(modes), v)) < 0)
                report(c, SEV_WARN, "mode=%s: expected intended, possible, reported or actual", v);
            else
                t.mode = (uint8_t)w;
            break;
        case 8:
            if (*v)
                id = v;
            break;
        case 9:
            if (strcmp(v, "0") && strcmp(v, "1"))
                report(c, SEV_WARN, "recip=%s: expected 0 or 1", v);
            else
                t.recip = v[0] == '1';
            break;
        case 10:
            if (strcmp(v, "source") && strcmp(v, "target"))
                report(c, SEV_WARN, "gen=%s: expected source or target", v);
            else
                t.gen_target = strcmp(v, "target") == 0;
            break;
        case 11:
            if ((!dyadi_event_code_ok(v) && !(c->soft && dyadi_foreign_code_ok(v))) ||
                strcmp(v, "---") == 0) {
                report(c, SEV_WARN, "pair=%s: not a CAMEO event code", v);
                break;
            }
            if (c->cameo.len && !have_cameo_root(c, v))
                report(c, c->o->lint ? SEV_CODE : SEV_WARN,
                       "pair code %s is not in the CAMEO taxonomy (cameo/codes.tsv)", v);
            t.pair_code = intern_cstr(c, v);
            break;
        case 12:
            if (strcmp(v, "0") && strcmp(v, "1") && strcmp(v, "2"))
                report(c, SEV_WARN, "among=%s: expected 0, 1 or 2", v);
            else
                t.among = (uint8_t)(v[0] - '0');
            break;
        case 13:
            if (strcmp(v, "0") && strcmp(v, "1"))
                report(c, SEV_WARN, "weak=%s: expected 0 or 1", v);
            else
                t.weak = v[0] == '1';
            break;
        case 14: {
            char *e = NULL;
            long nsyn = strtol(v, &e, 10);
            if (!*v || *e || nsyn < 0 || nsyn > 255)
                report(c, SEV_WARN, "syn=%s: expected 0 to 255", v);
            else
                t.syn = (uint8_t)nsyn;
            break;
        }
        case 15:
            if (strcmp(v, "0") && strcmp(v, "1"))
                report(c, SEV_WARN, "marks=%s: expected 0 or 1", v);
            else
                marks = v[0] == '1';
            break;
        case 16:
        case 17:
        case 18:
        case 19:
        case 20: {
            /* pattern positions: vword up to 200; slots up to 63 and skips
             * up to 3 share a byte in the record */
            int w2 = find_word(trig_keys, NELEM(trig_keys), k);
            long lim = w2 == 16 ? 200 : w2 <= 18 ? 63 : 3;
            char *endp;
            long n = strtol(v, &endp, 10);
            if (!*v || *endp || n < 0 || n > lim) {
                report(c, SEV_WARN, "%s=%s: expected a number from 0 to %ld", k, v, lim);
                break;
            }
            uint8_t *f = w2 == 16 ? &t.vword : w2 == 17 ? &t.tslot : w2 == 18 ? &t.sslot
                       : w2 == 19 ? &t.tskip : &t.sskip;
            *f = (uint8_t)n;
            break;
        }
        default:
            report(c, SEV_WARN, "unknown attribute '%s' for a trigger", k);
            break;
        }
        if (c->nomem)
            return -1;
    }
    keyseq ks;
    const char *why = NULL;
    int r = key_insert(c, DYADI_TRIE_TRIGGER, pattern, lang, 1, marks, (uint32_t)c->triggers.len, &ks, &why);
    if (r < 0)
        return -1;
    if (r == 0) {
        report(c, SEV_ERROR, "pattern '%s': %s", pattern, why);
        return 0;
    }
    if (c->cameo.len && !dyadi_marker_code(code) && !have_cameo_root(c, code))
        report(c, c->o->lint ? SEV_CODE : SEV_WARN,
               "event code %s is not in the CAMEO taxonomy (cameo/codes.tsv)", code);
    for (int i = 0; i < ks.n; i++)
        t.ngap += ks.ids[i] == DYADI_KEY_GAP;
    t.lang = intern_cstr(c, lang);
    t.code = intern_cstr(c, code);
    if (id) {
        t.id = intern_cstr(c, id);
    } else {
        char def[512];
        snprintf(def, sizeof def, "%s:%s:%s", lang, col[0], pattern);
        t.id = intern_cstr(c, def);
    }
    if (c->nomem)
        return -1;
    c_trigger *slot = dyadi_vec_push(&c->triggers);
    if (!slot) {
        c->nomem = 1;
        return -1;
    }
    *slot = t;
    return add_sig(c, 'T', kind, lang, ks.ids, (size_t)ks.n, pattern, t.code, 0);
}

/* ---- cues -------------------------------------------------------------- */

static const char *const cue_kinds[] = {"neg", "refuse", "modal", "attrib",
                                        "time", "speech", "coref", "stop"};
static const char *const cue_keys[] = {"stem", "scope", "id", "g", "n", "comp", "code"};

static int handle_cue(cc *c, char **col, int ncol)
{
    if (ncol < 3) {
        report(c, SEV_ERROR, "expected 4 or 5 tab-separated columns (kind lang phrase value [attrs]), found %d",
               ncol);
        return 0;
    }
    if (ncol > 5)
        report(c, SEV_WARN, "%d columns, only 5 are read (kind lang phrase value attrs)", ncol);
    int kind = find_word(cue_kinds, NELEM(cue_kinds), col[0]);
    if (kind < 0) {
        report(c, SEV_ERROR, "unknown kind '%s' (neg, refuse, modal, attrib, time, speech, coref, stop)",
               col[0]);
        return 0;
    }
    const char *lang = col[1], *phrase = col[2];
    const char *value = ncol > 3 ? col[3] : "";
    if (!lang_ok(lang)) {
        report(c, SEV_ERROR, "bad language '%s' (fr, en, ... or *)", lang);
        return 0;
    }
    if (!*value && kind != 7)
        report(c, SEV_WARN, "no value for a '%s' cue", col[0]);
    /* Refusal verbs and intention verbs are written as lemmas ("refuser",
     * "compter") and must match every inflection: they are also keyed on
     * stems. stem=1 / stem=0 overrides. */
    int stem = kind == 1 || (kind == 2 && strcmp(value, "intended") == 0);
    const char *attrs = ncol > 4 && *col[4] ? col[4] : NULL;
    if (attrs) {
        char copy[1024];
        snprintf(copy, sizeof copy, "%s", attrs);
        attr at[16];
        size_t nat = split_attrs(c, copy, at, NELEM(at));
        for (size_t i = 0; i < nat; i++) {
            int k = find_word(cue_keys, NELEM(cue_keys), at[i].k);
            if (k < 0)
                report(c, SEV_WARN, "unknown attribute '%s' for a cue", at[i].k);
            else if (k == 0 && strcmp(at[i].v, "0") && strcmp(at[i].v, "1"))
                report(c, SEV_WARN, "stem=%s: expected 0 or 1", at[i].v);
            else if (k == 0)
                stem = at[i].v[0] == '1';
        }
    }
    c_cue q;
    q.kind = intern_cstr(c, col[0]);
    q.lang = intern_cstr(c, lang);
    q.value = intern_cstr(c, value);
    q.attrs = attrs ? intern_cstr(c, attrs) : DYADI_LEX_NONE;
    if (c->nomem)
        return -1;
    uint32_t index = (uint32_t)c->cues.len;
    keyseq ks;
    const char *why = NULL;
    int r = key_insert(c, DYADI_TRIE_CUE, phrase, lang, 0, 0, index, &ks, &why);
    if (r < 0)
        return -1;
    if (r == 0) {
        report(c, SEV_ERROR, "phrase '%s': %s", phrase, why);
        return 0;
    }
    /* Already in the norm trie, so the entry is kept whatever happens here
     * (both keyings tokenize alike: this cannot fail in practice). */
    if (stem && (r = key_insert(c, DYADI_TRIE_CUE_STEM, phrase, lang, 1, 0, index, NULL, &why)) < 0)
        return -1;
    if (stem && r == 0)
        report(c, SEV_WARN, "phrase '%s' not keyed on stems: %s", phrase, why);
    c_cue *slot = dyadi_vec_push(&c->cues);
    if (!slot) {
        c->nomem = 1;
        return -1;
    }
    *slot = q;
    return add_sig(c, 'C', kind, lang, ks.ids, (size_t)ks.n, phrase, q.value, 0);
}

/* ---- reading files ----------------------------------------------------- */

typedef int (*line_fn)(cc *c, char **col, int ncol);

static int add_file(cc *c, const char *path)
{
    if (c->nfiles == c->capfiles) {
        size_t ncap = c->capfiles ? c->capfiles * 2 : 16;
        char **nf = realloc(c->files, ncap * sizeof *nf);
        if (!nf)
            goto fail;
        c->files = nf;
        c->capfiles = ncap;
    }
    size_t n = strlen(path);
    char *copy = malloc(n + 1);
    if (!copy)
        goto fail;
    memcpy(copy, path, n + 1);
    c->files[c->nfiles] = copy;
    c->file = (uint32_t)c->nfiles++;
    return 0;
fail:
    c->nomem = 1;
    return -1;
}

/* Column names in a first line mean a header row, skipped. */
static int is_header(char **col, int ncol)
{
    return ncol > 0 && (strcmp(col[0], "kind") == 0 || strcmp(col[0], "code") == 0);
}

static dyad_status read_file(cc *c, const char *path, line_fn fn, char *errbuf, size_t errlen)
{
    dyad_status rc = DYAD_OK;
    char *line = NULL;
    size_t cap = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
        return DYAD_ERR_IO;
    }
    if (add_file(c, path))
        goto nomem;
    c->st->files++;
    c->line = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, f)) >= 0) {
        c->line++;
        c->st->lines++;
        dyadi_arena_reset(&c->arena);
        size_t n = (size_t)got;
        if (n > MAX_LINE) {
            report(c, SEV_ERROR, "line longer than %u bytes", MAX_LINE);
            continue;
        }
        if (memchr(line, '\0', n)) {
            report(c, SEV_ERROR, "NUL byte in the line");
            continue;
        }
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (c->line == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            memmove(line, line + 3, n - 2);
            n -= 3;
        }
        size_t i = 0;
        while (i < n && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i == n || line[i] == '#')
            continue;
        for (size_t j = 0; j < n;) {
            if (dyadi_utf8_next(line, n, &j) < 0) {
                report(c, SEV_WARN, "invalid UTF-8 at byte %zu", j - 1);
                break;
            }
        }
        char *col[8];
        int ncol = 0;
        for (char *p = line;;) {
            char *tab = strchr(p, '\t');
            if (tab)
                *tab = '\0';
            if (ncol < (int)NELEM(col))
                col[ncol] = p;
            ncol++;
            if (!tab)
                break;
            p = tab + 1;
        }
        /* Trailing empty columns may be omitted, or present and empty. */
        while (ncol > 1 && (ncol > (int)NELEM(col) || !*col[ncol - 1]))
            if (ncol > (int)NELEM(col)) {
                report(c, SEV_WARN, "%d columns, the extra ones are ignored", ncol);
                ncol = (int)NELEM(col);
            } else {
                ncol--;
            }
        for (int k = 0; k < ncol; k++) {
            size_t l = strlen(col[k]);
            if (l && (col[k][0] == ' ' || col[k][l - 1] == ' ')) {
                report(c, SEV_WARN, "column %d has leading or trailing spaces (trimmed)", k + 1);
                while (*col[k] == ' ')
                    col[k]++;
                l = strlen(col[k]);
                while (l && col[k][l - 1] == ' ')
                    col[k][--l] = '\0';
            }
        }
        if (c->line == 1 && is_header(col, ncol))
            continue;
        if (fn(c, col, ncol) < 0 || c->nomem)
            goto nomem;
    }
    if (ferror(f)) {
        snprintf(errbuf, errlen, "%s: read error", path);
        rc = DYAD_ERR_IO;
    }
    goto done;
nomem:
    snprintf(errbuf, errlen, "%s:%u: out of memory (or a size cap)", path, (unsigned)c->line);
    rc = DYAD_ERR_NOMEM;
done:
    free(line);
    fclose(f);
    c->line = 0;
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.tsv directly in dir, in byte order of the names (stable ids and
 * stable diagnostics). A missing directory is not an error: data is
 * optional while it is being written. */
static dyad_status read_dir(cc *c, const char *dir, line_fn fn, char *errbuf, size_t errlen)
{
    dyad_status rc = DYAD_OK;
    char **names = NULL;
    size_t n = 0, cap = 0;
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT || errno == ENOTDIR ? DYAD_OK : DYAD_ERR_IO;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || e->d_name[0] == '.' || strcmp(e->d_name + l - 4, ".tsv"))
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char **nn = realloc(names, ncap * sizeof *nn);
            if (!nn)
                goto nomem;
            names = nn;
            cap = ncap;
        }
        size_t pl = strlen(dir) + 1 + l + 1;
        names[n] = malloc(pl);
        if (!names[n])
            goto nomem;
        snprintf(names[n], pl, "%s/%s", dir, e->d_name);
        n++;
    }
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && rc == DYAD_OK; i++)
        rc = read_file(c, names[i], fn, errbuf, errlen);
    goto done;
nomem:
    snprintf(errbuf, errlen, "%s: out of memory", dir);
    rc = DYAD_ERR_NOMEM;
done:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return rc;
}

/* ---- the linter's whole-set checks ------------------------------------- */

static int cmp_sig(const void *a, const void *b)
{
    const c_sig *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int r = memcmp(x->p, y->p, n);
    if (r)
        return r;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static const char *sig_class(const c_sig *s)
{
    return s->cls == 'A' ? actor_kinds[s->kind] : s->cls == 'T' ? trig_kinds[s->kind] : cue_kinds[s->kind];
}

/* A finding of the whole-set pass: entry k against entry ref. */
typedef struct finding {
    const c_sig *k, *ref;
    int sev;
} finding;

static int cmp_finding(const void *a, const void *b)
{
    const finding *x = a, *y = b;
    return (x->k->seq > y->k->seq) - (x->k->seq < y->k->seq);
}

/* Group entries by signature (class, kind, lang, keys): within a group the
 * same code again is a duplicate, another code a conflict (for cities and
 * regions, a homonym unless the coordinates are the same too). Findings are reported
 * in source order, which is how a person fixes them. */
static int lint_sigs(cc *c)
{
    c_sig *s = c->sigs.data;
    size_t n = c->sigs.len;
    finding *f = NULL;
    size_t nf = 0;
    for (size_t i = 0; i < n; i++)
        s[i].p = c->sigbuf.p + s[i].off;
    if (n > 1)
        qsort(s, n, sizeof *s, cmp_sig);
    if (n && !(f = malloc(n * sizeof *f))) {
        c->nomem = 1;
        return -1;
    }
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && s[j].len == s[i].len && memcmp(s[j].p, s[i].p, s[i].len) == 0)
            j++;
        for (size_t k = i + 1; k < j; k++) {
            size_t prev = k;
            for (size_t m = i; m < k; m++)
                if (s[m].code == s[k].code && s[m].extra == s[k].extra) {
                    prev = m;
                    break;
                }
            int city = s[k].cls == 'A' && (s[k].kind == DYADI_AK_CITY || s[k].kind == DYADI_AK_REGION ||
                                           (s[k].extra == SIG_AMBIGUOUS &&
                                            s[i].extra == SIG_AMBIGUOUS));
            f[nf].k = &s[k];
            f[nf].ref = prev < k ? &s[prev] : &s[i];
            f[nf].sev = prev < k ? SEV_DUP : city ? SEV_INFO : SEV_CONFLICT;
            nf++;
        }
        i = j;
    }
    if (nf > 1)
        qsort(f, nf, sizeof *f, cmp_finding);
    const char *pool = (const char *)c->pool.p;
    for (size_t i = 0; i < nf; i++) {
        const c_sig *k = f[i].k, *r = f[i].ref;
        const char *ph = (const char *)c->sigbuf.p + k->phrase_off;
        if (f[i].sev == SEV_DUP)
            report_at(c, k->file, k->line, SEV_DUP, "%s '%.*s' (%s) repeats %s:%u", sig_class(k),
                      (int)k->phrase_len, ph, pool + k->code, c->files[r->file], (unsigned)r->line);
        else
            report_at(c, k->file, k->line, f[i].sev, "%s '%.*s' is %s here but %s at %s:%u",
                      sig_class(k), (int)k->phrase_len, ph, pool + k->code, pool + r->code,
                      c->files[r->file], (unsigned)r->line);
    }
    free(f);
    return 0;
}

/* ---- writing the binary ------------------------------------------------ */

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static void put64(unsigned char *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

static void putd(unsigned char *p, double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    put64(p, u);
}

/* Start a section: align to 8, reserve size bytes (zeroed) and record it. */
static unsigned char *section(buf *out, int sec, size_t count, size_t recsize)
{
    static const unsigned char zero[8] = {0};
    if (out->n % 8 && buf_add(out, zero, 8 - out->n % 8))
        return NULL;
    if (count > UINT32_MAX / (recsize ? recsize : 1))
        return NULL;
    size_t size = count * recsize;
    if (out->n > UINT32_MAX - size)
        return NULL;
    size_t off = out->n;
    if (buf_grow(out, size + 8))
        return NULL;
    memset(out->p + off, 0, size);
    out->n += size;
    unsigned char *ent = out->p + DYADI_LEX_FIXED + 12u * (unsigned)sec;
    put32(ent, (uint32_t)off);
    put32(ent + 4, (uint32_t)size);
    put32(ent + 8, (uint32_t)count);
    return out->p + off;
}

static int cmp_edge(const void *a, const void *b)
{
    const edge *x = a, *y = b;
    if (x->parent != y->parent)
        return x->parent < y->parent ? -1 : 1;
    return (x->key > y->key) - (x->key < y->key);
}

static int cmp_nent(const void *a, const void *b)
{
    const nent *x = a, *y = b;
    if (x->node != y->node)
        return x->node < y->node ? -1 : 1;
    return (x->ent > y->ent) - (x->ent < y->ent);
}

/* Lay the whole file out in memory (it is small), checksum it, write it. */
/* A country written by hand (countries.manual.tsv: "Corée-du-Nord",
 * "DPRK") carries no coordinates; the generated names of the same country
 * do. Every country entry without them takes its country's, so that an
 * event placed in a country has a point on a map whichever name the text
 * used. 0, or -1 out of memory. */
static int country_centres(cc *c)
{
    size_t n = c->actors.len, cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    /* code + 1 -> the first country entry with a centre; open addressing */
    struct centre {
        uint32_t code1;
        uint32_t at;
    } *tab = calloc(cap, sizeof *tab);
    if (!tab)
        return -1;
    for (int fill = 1; fill >= 0; fill--) {
        for (size_t i = 0; i < n; i++) {
            c_actor *a = &DYADI_VEC_AT(&c->actors, c_actor, i);
            int has = a->lat == a->lat && a->lon == a->lon;
            if (a->kind != DYADI_AK_COUNTRY || has != fill)
                continue;
            size_t h = (a->code * 2654435761u) & (cap - 1);
            while (tab[h].code1 && tab[h].code1 != a->code + 1)
                h = (h + 1) & (cap - 1);
            if (fill && !tab[h].code1) {
                tab[h].code1 = a->code + 1;
                tab[h].at = (uint32_t)i;
            } else if (!fill && tab[h].code1) {
                const c_actor *b = &DYADI_VEC_AT(&c->actors, c_actor, tab[h].at);
                a->lat = b->lat;
                a->lon = b->lon;
            }
        }
    }
    free(tab);
    return 0;
}

static dyad_status write_lexicon(cc *c, const char *path, char *errbuf, size_t errlen)
{
    dyad_status rc = DYAD_ERR_NOMEM;
    buf out = {0};
    FILE *f = NULL;
    unsigned char *p;
    size_t pool_n = c->pool.n;
    if (buf_grow(&out, DYADI_LEX_HEADER))
        goto fail;
    memset(out.p, 0, DYADI_LEX_HEADER);
    out.n = DYADI_LEX_HEADER;

    /* The pool is final once every record is interned. */
    if (!(p = section(&out, DYADI_SEC_POOL, c->pool.n, 1)))
        goto fail;
    memcpy(p, c->pool.p, c->pool.n);

    size_t nkeys = c->keyoff.len;
    if (!(p = section(&out, DYADI_SEC_KEYS, nkeys, 4)))
        goto fail;
    for (size_t i = 0; i < nkeys; i++)
        put32(p + 4 * i, DYADI_VEC_AT(&c->keyoff, uint32_t, i));

    size_t nslots = 16;
    while (nslots < 2 * nkeys)
        nslots *= 2;
    if (!(p = section(&out, DYADI_SEC_KEYHASH, nslots, DYADI_REC_SLOT)))
        goto fail;
    for (size_t id = 2; id < nkeys; id++) {
        const char *s = (const char *)c->pool.p + DYADI_VEC_AT(&c->keyoff, uint32_t, id);
        uint32_t h = dyadi_lex_hash(s, strlen(s));
        size_t j = h & (nslots - 1);
        while (p[8 * j + 4] | p[8 * j + 5] | p[8 * j + 6] | p[8 * j + 7])
            j = (j + 1) & (nslots - 1);
        put32(p + 8 * j, h);
        put32(p + 8 * j + 4, (uint32_t)id);
    }

    if (!(p = section(&out, DYADI_SEC_ACTORS, c->actors.len, DYADI_REC_ACTOR)))
        goto fail;
    for (size_t i = 0; i < c->actors.len; i++, p += DYADI_REC_ACTOR) {
        const c_actor *a = &DYADI_VEC_AT(&c->actors, c_actor, i);
        p[0] = a->kind;
        p[1] = a->gender;
        p[2] = a->number;
        p[3] = a->gov;
        put32(p + 4, a->lang);
        put32(p + 8, a->code);
        put32(p + 12, a->id);
        put32(p + 16, a->country);
        put32(p + 20, a->sector);
        putd(p + 24, a->lat);
        putd(p + 32, a->lon);
        put32(p + 40, a->pop);
        put32(p + 44, a->role_first);
        put32(p + 48, a->role_n);
    }
    if (!(p = section(&out, DYADI_SEC_ROLES, c->roles.len, DYADI_REC_ROLE)))
        goto fail;
    for (size_t i = 0; i < c->roles.len; i++, p += DYADI_REC_ROLE) {
        const c_role *r = &DYADI_VEC_AT(&c->roles, c_role, i);
        put32(p, r->code);
        put32(p + 4, r->from);
        put32(p + 8, r->to);
    }
    if (!(p = section(&out, DYADI_SEC_TRIGGERS, c->triggers.len, DYADI_REC_TRIGGER)))
        goto fail;
    for (size_t i = 0; i < c->triggers.len; i++, p += DYADI_REC_TRIGGER) {
        const c_trigger *t = &DYADI_VEC_AT(&c->triggers, c_trigger, i);
        p[0] = t->kind;
        p[1] = t->obj;
        p[2] = t->rev;
        p[3] = t->mode;
        p[4] = (unsigned char)t->ngap;
        p[5] = (unsigned char)(t->ngap >> 8);
        p[6] = t->recip;
        p[7] = t->gen_target;
        put32(p + 8, t->lang);
        put32(p + 12, t->code);
        put32(p + 16, t->neg_code);
        put32(p + 20, t->id);
        put32(p + 24, t->prep);
        put32(p + 28, t->from);
        put32(p + 32, t->comp);
        put32(p + 36, t->passive);
        put32(p + 40, t->pair_code);
        p[44] = t->among;
        p[45] = t->weak;
        p[46] = t->syn;
        p[47] = t->vword;
        p[48] = (unsigned char)(t->tslot | t->tskip << 6);
        p[49] = (unsigned char)(t->sslot | t->sskip << 6);
        p[50] = p[51] = 0;
    }
    if (!(p = section(&out, DYADI_SEC_CUES, c->cues.len, DYADI_REC_CUE)))
        goto fail;
    for (size_t i = 0; i < c->cues.len; i++, p += DYADI_REC_CUE) {
        const c_cue *q = &DYADI_VEC_AT(&c->cues, c_cue, i);
        put32(p, q->kind);
        put32(p + 4, q->lang);
        put32(p + 8, q->value);
        put32(p + 12, q->attrs);
    }
    /* Codes go to the pool now: they were kept inline for sorting. */
    for (size_t i = 0; i < c->cameo.len; i++) {
        c_cameo *k = &DYADI_VEC_AT(&c->cameo, c_cameo, i);
        k->file = intern_cstr(c, k->code);      /* reuse the field: pool offset */
        if (c->nomem)
            goto fail;
    }
    if (c->pool.n != pool_n) {
        /* Cannot happen: dyadi_dict_compile interns the codes first. */
        rc = DYAD_ERR_ARG;
        snprintf(errbuf, errlen, "internal error: string pool grew while writing");
        goto fail_msg;
    }
    if (!(p = section(&out, DYADI_SEC_CAMEO, c->cameo.len, DYADI_REC_CAMEO)))
        goto fail;
    for (size_t i = 0; i < c->cameo.len; i++, p += DYADI_REC_CAMEO) {
        const c_cameo *k = &DYADI_VEC_AT(&c->cameo, c_cameo, i);
        put32(p, k->file);
        put32(p + 4, k->name);
        putd(p + 8, k->gold);
        p[16] = k->quad;
        put32(p + 20, k->ptype);
        put32(p + 24, k->pmode);
        put32(p + 28, k->pcontext);
    }
    for (int t = 0; t < DYADI_TRIE_COUNT; t++) {
        ctrie *tr = &c->trie[t];
        if (tr->edges.len > 1)
            qsort(tr->edges.data, tr->edges.len, sizeof(edge), cmp_edge);
        if (tr->ents.len > 1)
            qsort(tr->ents.data, tr->ents.len, sizeof(nent), cmp_nent);
        size_t w = 0;   /* the same entry reached twice at one node: once */
        for (size_t i = 0; i < tr->ents.len; i++) {
            const nent *e = &DYADI_VEC_AT(&tr->ents, nent, i);
            if (w && DYADI_VEC_AT(&tr->ents, nent, w - 1).node == e->node &&
                DYADI_VEC_AT(&tr->ents, nent, w - 1).ent == e->ent)
                continue;
            DYADI_VEC_AT(&tr->ents, nent, w++) = *e;
        }
        tr->ents.len = w;
        if (!(p = section(&out, DYADI_SEC_NODES0 + t, tr->nnodes, DYADI_REC_NODE)))
            goto fail;
        size_t ke = 0, ee = 0;
        for (uint32_t nd = 0; nd < tr->nnodes; nd++) {
            unsigned char *r = p + (size_t)nd * DYADI_REC_NODE;
            size_t k0 = ke, e0 = ee;
            while (ke < tr->edges.len && DYADI_VEC_AT(&tr->edges, edge, ke).parent == nd)
                ke++;
            while (ee < tr->ents.len && DYADI_VEC_AT(&tr->ents, nent, ee).node == nd)
                ee++;
            put32(r, (uint32_t)k0);
            put32(r + 4, (uint32_t)(ke - k0));
            put32(r + 8, (uint32_t)e0);
            put32(r + 12, (uint32_t)(ee - e0));
        }
    }
    for (int t = 0; t < DYADI_TRIE_COUNT; t++) {
        ctrie *tr = &c->trie[t];
        if (!(p = section(&out, DYADI_SEC_KIDS0 + t, tr->edges.len, DYADI_REC_KID)))
            goto fail;
        for (size_t i = 0; i < tr->edges.len; i++) {
            const edge *e = &DYADI_VEC_AT(&tr->edges, edge, i);
            put32(p + 8 * i, e->key);
            put32(p + 8 * i + 4, e->child);
        }
    }
    for (int t = 0; t < DYADI_TRIE_COUNT; t++) {
        ctrie *tr = &c->trie[t];
        if (!(p = section(&out, DYADI_SEC_ENTS0 + t, tr->ents.len, 4)))
            goto fail;
        for (size_t i = 0; i < tr->ents.len; i++)
            put32(p + 4 * i, DYADI_VEC_AT(&tr->ents, nent, i).ent);
    }
    static const unsigned char zero[8] = {0};
    if (out.n % 8 && buf_add(&out, zero, 8 - out.n % 8))
        goto fail;

    memcpy(out.p, DYADI_LEX_MAGIC, 8);
    put32(out.p + 8, DYADI_LEX_VERSION);
    put32(out.p + 12, (c->foreign ? DYADI_LEX_FOREIGN : 0u) | c->flags);
    put32(out.p + 16, DYADI_LEX_HEADER);
    put32(out.p + DYADI_LEX_SUM_FROM, c->options);
    put32(out.p + 20, DYADI_SEC_COUNT);
    put64(out.p + 24, out.n);
    put64(out.p + 32, dyadi_lex_checksum(out.p + DYADI_LEX_SUM_FROM, out.n - DYADI_LEX_SUM_FROM));

    f = fopen(path, "wb");
    if (!f || fwrite(out.p, 1, out.n, f) != out.n) {
        snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
        rc = DYAD_ERR_IO;
        goto fail_msg;
    }
    if (fclose(f)) {
        f = NULL;
        snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
        rc = DYAD_ERR_IO;
        goto fail_msg;
    }
    f = NULL;
    c->st->file_size = out.n;
    free(out.p);
    return DYAD_OK;
fail:
    snprintf(errbuf, errlen, "%s: out of memory or over a size cap while writing", path);
fail_msg:
    if (f)
        fclose(f);
    free(out.p);
    return rc;
}

/* ---- entries from foreign readers (foreign.c) --------------------------- */

int dyadi_dict_src_file(dyadi_dict_src *c, const char *path)
{
    c->line = 0;
    if (add_file(c, path))
        return -1;
    c->st->files++;
    return 0;
}

int dyadi_dict_src_add(dyadi_dict_src *c, int what, uint32_t line, const char *kind,
                       const char *phrase, const char *code, const char *attrs)
{
    /* The handlers read "kind lang phrase code attrs" and edit the columns
     * in place, so they get copies. */
    char cols[4][1024];
    const char *in[4] = {kind, phrase, code, attrs ? attrs : ""};
    for (int i = 0; i < 4; i++) {
        int n = snprintf(cols[i], sizeof cols[i], "%s", in[i]);
        if (n < 0 || (size_t)n >= sizeof cols[i]) {
            report_at(c, c->file, line, SEV_WARN, "entry too long for dyad, not converted");
            return 0;
        }
    }
    char lang[3] = "en";
    char *col[5] = {cols[0], lang, cols[1], cols[2], cols[3]};
    c->line = line;
    c->st->lines++;
    dyadi_arena_reset(&c->arena);
    size_t before = what == 'A' ? c->actors.len : c->triggers.len;
    int ncol = cols[3][0] ? 5 : 4;
    int r = what == 'A' ? handle_actor(c, col, ncol) : handle_trigger(c, col, ncol);
    if (r < 0 || c->nomem)
        return -1;
    return (what == 'A' ? c->actors.len : c->triggers.len) > before;
}

void dyadi_dict_src_flags(dyadi_dict_src *c, uint32_t flags)
{
    c->flags |= flags;
}

int dyadi_dict_src_options(dyadi_dict_src *c, const char *text)
{
    if (!text || !*text) {
        c->options = 0;
        return 0;
    }
    uint32_t off = intern_cstr(c, text);
    if (off == DYADI_LEX_NONE)
        return -1;
    c->options = off;
    return 0;
}

void dyadi_dict_src_warn(dyadi_dict_src *c, uint32_t line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, c->file, line, SEV_WARN, fmt, ap);
    va_end(ap);
}

/* ---- driver ------------------------------------------------------------ */

static void cc_free(cc *c)
{
    free(c->pool.p);
    smap_free(&c->strs);
    smap_free(&c->keys);
    dyadi_vec_free(&c->keyoff);
    for (int t = 0; t < DYADI_TRIE_COUNT; t++) {
        free(c->trie[t].map.key);
        free(c->trie[t].map.val);
        dyadi_vec_free(&c->trie[t].edges);
        dyadi_vec_free(&c->trie[t].ents);
    }
    dyadi_vec_free(&c->actors);
    dyadi_vec_free(&c->roles);
    dyadi_vec_free(&c->triggers);
    dyadi_vec_free(&c->cues);
    dyadi_vec_free(&c->cameo);
    dyadi_vec_free(&c->sigs);
    free(c->sigbuf.p);
    for (size_t i = 0; i < c->nfiles; i++)
        free(c->files[i]);
    free(c->files);
    dyadi_stemmer_free(c->stemmer);
    dyadi_arena_free(&c->arena);
    dyadi_vec_free(&c->toks);
    dyadi_vec_free(&c->warns);
}

dyad_status dyadi_dict_compile(const dyadi_dict_opts *opts, dyadi_dict_stats *stats,
                               char *errbuf, size_t errlen)
{
    return dyadi_dict_compile_foreign(opts, NULL, NULL, stats, errbuf, errlen);
}

/* An empty compiler state for opts, counting into stats. */
static void cc_init(cc *c, const dyadi_dict_opts *opts, dyadi_dict_stats *stats)
{
    memset(c, 0, sizeof *c);
    memset(stats, 0, sizeof *stats);
    c->o = opts;
    c->st = stats;
    dyadi_vec_init(&c->keyoff, sizeof(uint32_t), MAX_RECORDS);
    dyadi_vec_init(&c->actors, sizeof(c_actor), MAX_RECORDS);
    dyadi_vec_init(&c->roles, sizeof(c_role), MAX_RECORDS);
    dyadi_vec_init(&c->triggers, sizeof(c_trigger), MAX_RECORDS);
    dyadi_vec_init(&c->cues, sizeof(c_cue), MAX_RECORDS);
    dyadi_vec_init(&c->cameo, sizeof(c_cameo), 100000);
    dyadi_vec_init(&c->sigs, sizeof(c_sig), MAX_RECORDS);
    dyadi_vec_init(&c->toks, sizeof(dyad_token), 4096);
    dyadi_vec_init(&c->warns, sizeof(dyad_warning), 64);
    dyadi_arena_init(&c->arena, ARENA_LIMIT);
    for (int t = 0; t < DYADI_TRIE_COUNT; t++) {
        dyadi_vec_init(&c->trie[t].edges, sizeof(edge), MAX_RECORDS);
        dyadi_vec_init(&c->trie[t].ents, sizeof(nent), MAX_RECORDS);
        c->trie[t].nnodes = 2;   /* node 0 is "no node", 1 the root */
    }
}

/* Read the sources under opts->data_dir: all of them, or with foreign set
 * only the taxonomy, the pronouns and the cues (the foreign reader brings
 * the actors and triggers). */
static dyad_status read_sources(cc *c, int foreign, char *errbuf, size_t errlen)
{
    dyad_status rc;
    const char *dir = c->o->data_dir ? c->o->data_dir : "data";
    if (!(c->stemmer = dyadi_stemmer_new()))
        goto fail;
    /* Key ids 0 (unknown) and 1 (GAP) are reserved: their strings are in
     * the key array but never in the hash table, so no token can get them. */
    c->empty_off = intern_str(c, "", 0);
    uint32_t gap = intern_str(c, "...", 3);
    uint32_t *k0 = dyadi_vec_push(&c->keyoff), *k1 = k0 ? dyadi_vec_push(&c->keyoff) : NULL;
    if (c->nomem || !k0 || !k1)
        goto fail;
    DYADI_VEC_AT(&c->keyoff, uint32_t, 0) = c->empty_off;
    DYADI_VEC_AT(&c->keyoff, uint32_t, 1) = gap;

    DIR *d = opendir(dir);
    if (!d) {
        if (add_file(c, dir))
            goto fail;
        c->line = 0;
        report(c, SEV_WARN, "no such data directory (%s): the lexicon is empty", strerror(errno));
    } else {
        closedir(d);
    }
    size_t pl = strlen(dir) + 32;
    char *path = malloc(pl);
    if (!path)
        goto fail;
    snprintf(path, pl, "%s/cameo/codes.tsv", dir);
    FILE *probe = fopen(path, "rb");
    rc = DYAD_OK;
    if (probe) {
        fclose(probe);
        rc = read_file(c, path, handle_cameo, errbuf, errlen);
    }
    finish_cameo(c);
    static const char *const sub[] = {"actors", "triggers", "cues"};
    static const line_fn fns[] = {handle_actor, handle_trigger, handle_cue};
    for (size_t i = 0; i < NELEM(sub) && rc == DYAD_OK; i++) {
        /* Foreign dictionaries replace dyad's actors and triggers but keep
         * its pronouns (coreference) and cues (negation, modality...). */
        if (foreign && i < 2) {
            if (i == 0) {
                snprintf(path, pl, "%s/actors/pronouns.manual.tsv", dir);
                if ((probe = fopen(path, "rb")) != NULL) {
                    fclose(probe);
                    rc = read_file(c, path, handle_actor, errbuf, errlen);
                }
            }
            continue;
        }
        snprintf(path, pl, "%s/%s", dir, sub[i]);
        rc = read_dir(c, path, fns[i], errbuf, errlen);
        if (rc == DYAD_ERR_IO && !errbuf[0])
            snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
    }
    free(path);
    return rc;
fail:
    if (!errbuf[0])
        snprintf(errbuf, errlen, "out of memory");
    return DYAD_ERR_NOMEM;
}

/* After the sources: the foreign reader's entries, then the checks, and
 * the binary when opts->out_path is set. */
static dyad_status finish_compile(cc *c, char *errbuf, size_t errlen)
{
    dyad_status rc = DYAD_OK;
    dyadi_dict_stats *stats = c->st;
    if (c->foreign) {
        c->soft = 1;
        rc = c->foreign(c->foreign_ud, c, errbuf, errlen);
        c->soft = 0;
        c->line = 0;
        if (rc == DYAD_OK && c->nomem)
            rc = DYAD_ERR_NOMEM;
    }
    if (rc != DYAD_OK)
        return rc;
    if (c->o->lint && lint_sigs(c))
        goto fail;
    if (country_centres(c) != 0)
        goto fail;
    /* Intern CAMEO codes before counting/writing so the pool is final. */
    for (size_t i = 0; i < c->cameo.len; i++)
        if (intern_cstr(c, DYADI_VEC_AT(&c->cameo, c_cameo, i).code) == DYADI_LEX_NONE)
            goto fail;
    stats->actors = c->actors.len;
    stats->triggers = c->triggers.len;
    stats->cues = c->cues.len;
    stats->cameo = c->cameo.len;
    stats->keys = c->keyoff.len;
    for (int t = 0; t < DYADI_TRIE_COUNT; t++)
        stats->nodes[t] = c->trie[t].nnodes;
    if (c->o->out_path && stats->errors == 0)
        rc = write_lexicon(c, c->o->out_path, errbuf, errlen);
    return rc;
fail:
    if (!errbuf[0])
        snprintf(errbuf, errlen, "out of memory");
    return DYAD_ERR_NOMEM;
}

dyad_status dyadi_dict_compile_foreign(const dyadi_dict_opts *opts, dyadi_dict_foreign_fn foreign,
                                       void *ud, dyadi_dict_stats *stats, char *errbuf,
                                       size_t errlen)
{
    char dummy[8];
    if (!errbuf || !errlen) {
        errbuf = dummy;
        errlen = sizeof dummy;
    }
    errbuf[0] = '\0';
    cc c;
    cc_init(&c, opts, stats);
    c.foreign = foreign;
    c.foreign_ud = ud;
    dyad_status rc = read_sources(&c, foreign != NULL, errbuf, errlen);
    if (rc == DYAD_OK)
        rc = finish_compile(&c, errbuf, errlen);
    cc_free(&c);
    return rc;
}

/* ---- a base read once for many foreign compilations -------------------- */

struct dyadi_dict_base {
    cc c;                   /* after the taxonomy, the pronouns and the cues */
    dyadi_dict_stats st;    /* their counts */
    dyadi_dict_opts o;      /* c.o while they were read */
};

/* A copy of n bytes at p, NULL for none; *bad set when out of memory. */
static void *dup_bytes(const void *p, size_t n, int *bad)
{
    if (!p || !n)
        return NULL;
    void *q = malloc(n);
    if (!q) {
        *bad = 1;
        return NULL;
    }
    memcpy(q, p, n);
    return q;
}

static void dup_vec(dyadi_vec *v, int *bad)
{
    v->data = dup_bytes(v->data, v->cap * v->elem, bad);
}

/* dst becomes a deep copy of src's contents, counting into stats under
 * opts, with its own stemmer and empty scratch. Every pointer is replaced
 * (NULL where a copy failed), so cc_free(dst) is safe either way; -1 out of
 * memory. */
static int cc_copy(cc *dst, const cc *src, const dyadi_dict_opts *opts, dyadi_dict_stats *stats)
{
    int bad = 0;
    *dst = *src;
    dst->o = opts;
    dst->st = stats;
    dst->pool.p = dup_bytes(src->pool.p, src->pool.cap, &bad);
    dst->strs.hash = dup_bytes(src->strs.hash, src->strs.cap * sizeof(uint32_t), &bad);
    dst->strs.val = dup_bytes(src->strs.val, src->strs.cap * sizeof(uint32_t), &bad);
    dst->keys.hash = dup_bytes(src->keys.hash, src->keys.cap * sizeof(uint32_t), &bad);
    dst->keys.val = dup_bytes(src->keys.val, src->keys.cap * sizeof(uint32_t), &bad);
    dup_vec(&dst->keyoff, &bad);
    for (int t = 0; t < DYADI_TRIE_COUNT; t++) {
        ctrie *tr = &dst->trie[t];
        tr->map.key = dup_bytes(tr->map.key, tr->map.cap * sizeof(uint64_t), &bad);
        tr->map.val = dup_bytes(tr->map.val, tr->map.cap * sizeof(uint32_t), &bad);
        dup_vec(&tr->edges, &bad);
        dup_vec(&tr->ents, &bad);
    }
    dup_vec(&dst->actors, &bad);
    dup_vec(&dst->roles, &bad);
    dup_vec(&dst->triggers, &bad);
    dup_vec(&dst->cues, &bad);
    dup_vec(&dst->cameo, &bad);
    dup_vec(&dst->sigs, &bad);
    dst->sigbuf.p = dup_bytes(src->sigbuf.p, src->sigbuf.cap, &bad);
    dst->files = dup_bytes(src->files, src->capfiles * sizeof *src->files, &bad);
    dst->nfiles = 0;
    if (dst->files || !src->capfiles)
        for (size_t i = 0; i < src->nfiles; i++) {
            size_t n = strlen(src->files[i]) + 1;
            if (!(dst->files[i] = dup_bytes(src->files[i], n, &bad)))
                break;
            dst->nfiles = i + 1;
        }
    if (dst->nfiles < src->nfiles)
        bad = 1;
    dst->stemmer = dyadi_stemmer_new();
    dyadi_arena_init(&dst->arena, ARENA_LIMIT);
    dyadi_vec_init(&dst->toks, sizeof(dyad_token), 4096);
    dyadi_vec_init(&dst->warns, sizeof(dyad_warning), 64);
    dst->foreign = NULL;
    dst->foreign_ud = NULL;
    return bad || !dst->stemmer ? -1 : 0;
}

dyad_status dyadi_dict_base_new(const dyadi_dict_opts *opts, dyadi_dict_base **out, char *errbuf,
                                size_t errlen)
{
    errbuf[0] = '\0';
    *out = NULL;
    dyadi_dict_base *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(errbuf, errlen, "out of memory");
        return DYAD_ERR_NOMEM;
    }
    b->o = *opts;
    b->o.out_path = NULL;
    cc_init(&b->c, &b->o, &b->st);
    dyad_status rc = read_sources(&b->c, 1, errbuf, errlen);
    if (rc == DYAD_OK && b->c.nomem) {
        snprintf(errbuf, errlen, "out of memory");
        rc = DYAD_ERR_NOMEM;
    }
    /* data_dir and msg were borrowed for this call only */
    b->o.data_dir = NULL;
    b->o.msg = NULL;
    if (rc != DYAD_OK) {
        dyadi_dict_base_free(b);
        return rc;
    }
    *out = b;
    return DYAD_OK;
}

void dyadi_dict_base_free(dyadi_dict_base *b)
{
    if (!b)
        return;
    cc_free(&b->c);
    free(b);
}

dyad_status dyadi_dict_compile_base(const dyadi_dict_base *base, const dyadi_dict_opts *opts,
                                    dyadi_dict_foreign_fn foreign, void *ud,
                                    dyadi_dict_stats *stats, char *errbuf, size_t errlen)
{
    errbuf[0] = '\0';
    if (!opts->lint != !base->o.lint) {
        memset(stats, 0, sizeof *stats);
        snprintf(errbuf, errlen, "the base was read with lint %s", base->o.lint ? "on" : "off");
        return DYAD_ERR_ARG;
    }
    *stats = base->st;
    cc c;
    dyad_status rc = DYAD_ERR_NOMEM;
    if (cc_copy(&c, &base->c, opts, stats) != 0) {
        snprintf(errbuf, errlen, "out of memory");
    } else {
        c.foreign = foreign;
        c.foreign_ud = ud;
        rc = finish_compile(&c, errbuf, errlen);
    }
    cc_free(&c);
    return rc;
}
