/* coder.c - the coder handle: drives the pipeline for one document.
 *
 * dyad_coder_run is the spine of the library: it resets the per-document
 * arena and arrays, then runs the stages in order - tokens (tokens.c), norm
 * keys (normalize.c), language (langid.c), stem keys (stem.c), lexicon key
 * ids (lexicon.c), sentences (sentences.c) and, with a lexicon, actor
 * mentions (actors.c) and events (events.c) - each reading the arrays of the
 * stages before it from struct dyad_coder (coder.h).
 *
 * Keys go through a per-document cache keyed by the token's raw bytes: news
 * text repeats its words (Zipf), so each distinct spelling is normalised,
 * stemmed and looked up in the lexicon once, and stored once in the arena.
 * That keeps the hot path at one hash probe per token and bounds the arena
 * by the vocabulary rather than the length of the document.
 *
 * Every array has a hard cap and the arena a byte cap, so a huge document is
 * coded or refused with DYAD_ERR_TOOBIG, never allowed to grow unbounded. */
#include "coder.h"
#include "lex.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CODER_ARENA_CAP   ((size_t)256 << 20)   /* bytes of keys per document */
#define CODER_MAX_TOKENS  ((size_t)16 << 20)
#define CODER_MAX_SENTS   ((size_t)4 << 20)
#define CODER_MAX_WARN    ((size_t)1000)
#define CODER_MAX_MENTION ((size_t)4 << 20)
#define CODER_MAX_EVENTS  ((size_t)1 << 20)
#define CACHE_MIN_SLOTS   ((size_t)4096)
#define CACHE_KEEP_SLOTS  ((size_t)1 << 16)     /* larger tables are freed after a document */

/* One distinct token spelling of the current document. */
typedef struct keyent {
    uint32_t start, len;        /* first occurrence in the document text */
    uint32_t hash;
    uint8_t kind;               /* dyad_token_kind of the first occurrence */
    const char *norm, *stem;
    uint32_t norm_id, stem_id;
    dyadi_pfx pfx;              /* prefix keys (DYADI_LEX_WORDS lexicons) */
} keyent;

/* The coder's private state beyond coder.h's struct: kept in a wrapper so
 * coder.h stays the shared view of the pipeline. */
typedef struct coder_full {
    struct dyad_coder pub;      /* first: a dyad_coder * is a coder_full * */
    dyadi_vec ents;             /* keyent */
    dyadi_vec tok_ent;          /* uint32_t per token: index into ents */
    uint32_t *slots;            /* open addressing, ents index + 1; 0 empty */
    size_t nslots;              /* power of two */
    /* Stems across documents: Snowball was the costliest stage, and news
     * repeats its vocabulary from one article to the next. A fixed table
     * and its own arena; both are emptied when the table is 3/4 full, so
     * the memory stays bounded whatever the input. */
    struct stement { uint32_t hash; uint16_t lang; const char *norm, *stem; } *stab;
    size_t stab_used;
    dyadi_arena stab_arena;
} coder_full;

#define STEM_CACHE_SLOTS ((size_t)1 << 17)
#define STEM_CACHE_BYTES ((size_t)16 << 20)

static coder_full *full(dyad_coder *c)
{
    return (coder_full *)c;
}

static void set_err(dyad_coder *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(c->errmsg, sizeof c->errmsg, fmt, ap);
    va_end(ap);
    if (r < 0)
        c->errmsg[0] = '\0';
}

DYAD_API dyad_coder *dyad_coder_new(const dyad_lexicon *lex)
{
    coder_full *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    dyad_coder *c = &f->pub;
    c->lex = lex;
    c->lang = "und";
    dyadi_options_init(&c->opts, lex);
    dyadi_arena_init(&c->arena, CODER_ARENA_CAP);
    dyadi_vec_init(&c->tokens, sizeof(dyad_token), CODER_MAX_TOKENS);
    dyadi_vec_init(&c->sents, sizeof(dyad_sentence), CODER_MAX_SENTS);
    dyadi_vec_init(&c->warnings, sizeof(dyad_warning), CODER_MAX_WARN);
    dyadi_vec_init(&c->mentions, sizeof(dyad_mention), CODER_MAX_MENTION);
    dyadi_vec_init(&c->events, sizeof(dyad_event), CODER_MAX_EVENTS);
    dyadi_vec_init(&c->wclass, sizeof(uint32_t), CODER_MAX_TOKENS);
    dyadi_vec_init(&c->pfx, sizeof(dyadi_pfx), CODER_MAX_TOKENS);
    dyadi_vec_init(&c->quotes, sizeof(dyad_quote), CODER_MAX_EVENTS);
    dyadi_vec_init(&c->vetoes, sizeof(uint32_t), CODER_MAX_SENTS);
    dyadi_vec_init(&c->words, sizeof(dyad_word), CODER_MAX_TOKENS * 2);
    dyadi_arena_init(&f->stab_arena, STEM_CACHE_BYTES);
    dyadi_vec_init(&f->ents, sizeof(keyent), CODER_MAX_TOKENS);
    dyadi_vec_init(&f->tok_ent, sizeof(uint32_t), CODER_MAX_TOKENS);
    c->stemmer = dyadi_stemmer_new();
    if (!c->stemmer) {
        dyad_coder_free(c);
        return NULL;
    }
    return c;
}

DYAD_API void dyad_coder_reset_options(dyad_coder *c)
{
    if (!c)
        return;
    dyadi_options_init(&c->opts, c->lex);
    memset(&c->fwd, 0, sizeof c->fwd);
}

DYAD_API int dyad_coder_sequential(const dyad_coder *c)
{
    return c && c->opts.forward;
}

DYAD_API dyad_status dyad_coder_set_option(dyad_coder *c, const char *name, const char *value)
{
    if (!c)
        return DYAD_ERR_ARG;
    char err[300];
    dyad_status st = dyadi_options_set(&c->opts, name, value, err, sizeof err);
    if (st != DYAD_OK)
        set_err(c, "%s", err);
    return st;
}

DYAD_API dyad_status dyad_coder_set_tabari_option(dyad_coder *c, const char *directive)
{
    if (!c || !directive)
        return DYAD_ERR_ARG;
    char err[300];
    dyad_status st = dyadi_options_directive(&c->opts, directive, strlen(directive), err, sizeof err);
    if (st != DYAD_OK)
        set_err(c, "%s", err);
    return st;
}

DYAD_API void dyad_coder_free(dyad_coder *c)
{
    if (!c)
        return;
    coder_full *f = full(c);
    dyadi_stemmer_free(c->stemmer);
    dyadi_arena_free(&c->arena);
    dyadi_vec_free(&c->tokens);
    dyadi_vec_free(&c->sents);
    dyadi_vec_free(&c->warnings);
    dyadi_vec_free(&c->mentions);
    dyadi_vec_free(&c->events);
    dyadi_vec_free(&c->wclass);
    dyadi_vec_free(&c->pfx);
    dyadi_vec_free(&c->quotes);
    dyadi_vec_free(&c->vetoes);
    dyadi_vec_free(&c->words);
    free(c->syn.p);
    free(f->stab);
    dyadi_arena_free(&f->stab_arena);
    dyadi_vec_free(&f->ents);
    dyadi_vec_free(&f->tok_ent);
    free(f->slots);
    free(f);
}

/* "YYYY-MM-DD" -> YYYYMMDD, "YYYY-MM" -> YYYYMM00, "YYYY" -> YYYY0000;
 * anything else (or an impossible month/day) -> 0, unknown. */
static uint32_t parse_date(const char *s)
{
    if (!s)
        return 0;
    uint32_t part[3] = {0, 0, 0};
    const int width[3] = {4, 2, 2};
    size_t i = 0;
    int k;
    for (k = 0; k < 3; k++) {
        if (k > 0) {
            if (s[i] != '-')
                break;
            i++;
        }
        for (int d = 0; d < width[k]; d++, i++) {
            if (s[i] < '0' || s[i] > '9')
                return 0;
            part[k] = part[k] * 10 + (uint32_t)(s[i] - '0');
        }
    }
    /* allow a time after the date ("2022-08-15T10:00"), nothing else */
    if (s[i] != '\0' && s[i] != 'T' && s[i] != ' ')
        return 0;
    if (part[0] < 1 || part[1] > 12 || part[2] > 31 || (k == 3 && part[1] == 0))
        return 0;
    return part[0] * 10000 + part[1] * 100 + part[2];
}

/* The language to use for a forced doc->lang, as static storage; NULL when
 * it must be identified. "fr-FR" and "en_US" count as fr and en. */
static const char *forced_lang(const char *l)
{
    if (!l || !*l || strcmp(l, "auto") == 0)
        return NULL;
    static const char *const known[] = {"fr", "en", "es", "de"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if ((l[0] | 0x20) == known[i][0] && (l[1] | 0x20) == known[i][1] &&
            (l[2] == '\0' || l[2] == '-' || l[2] == '_'))
            return known[i];
    return "und";
}

static int cache_grow(coder_full *f)
{
    size_t n = f->nslots ? f->nslots * 2 : CACHE_MIN_SLOTS;
    if (n > SIZE_MAX / sizeof(uint32_t))
        return 0;
    uint32_t *s = calloc(n, sizeof *s);
    if (!s)
        return 0;
    keyent *e = f->ents.data;
    for (size_t i = 0; i < f->ents.len; i++) {
        size_t h = e[i].hash & (n - 1);
        while (s[h])
            h = (h + 1) & (n - 1);
        s[h] = (uint32_t)(i + 1);
    }
    free(f->slots);
    f->slots = s;
    f->nslots = n;
    return 1;
}

/* Index of the cache entry for token t (adding and normalising it the first
 * time); -1 on a cap or out of memory. */
static long cache_get(dyad_coder *c, const char *text, const dyad_token *t)
{
    coder_full *f = full(c);
    const char *s = text + t->span.start;
    size_t n = t->span.end - t->span.start;
    uint32_t h = dyadi_lex_hash(s, n);
    if (f->ents.len * 2 >= f->nslots && !cache_grow(f))
        return -1;
    size_t mask = f->nslots - 1;
    size_t k = h & mask;
    keyent *e = f->ents.data;
    while (f->slots[k]) {
        keyent *x = &e[f->slots[k] - 1];
        if (x->hash == h && x->len == n && memcmp(text + x->start, s, n) == 0)
            return (long)(f->slots[k] - 1);
        k = (k + 1) & mask;
    }
    char *norm = dyadi_norm_key(&c->arena, s, n);
    if (!norm)
        return -1;
    keyent *ne = dyadi_vec_push(&f->ents);
    if (!ne)
        return -1;
    ne->start = t->span.start;
    ne->len = (uint32_t)n;
    ne->hash = h;
    ne->kind = t->kind;
    ne->norm = norm;
    ne->stem = norm;
    f->slots[k] = (uint32_t)f->ents.len;
    return (long)(f->ents.len - 1);
}

static void reset(dyad_coder *c, const dyad_doc *doc)
{
    coder_full *f = full(c);
    dyadi_arena_reset(&c->arena);
    c->tokens.len = 0;
    c->sents.len = 0;
    c->warnings.len = 0;
    c->mentions.len = 0;
    c->events.len = 0;
    c->quotes.len = 0;
    c->vetoes.len = 0;
    c->words.len = 0;
    c->pfx.len = 0;
    f->ents.len = 0;
    f->tok_ent.len = 0;
    if (f->nslots > CACHE_KEEP_SLOTS) {     /* do not memset a huge table per small document */
        free(f->slots);
        f->slots = NULL;
        f->nslots = 0;
    } else if (f->slots) {
        memset(f->slots, 0, f->nslots * sizeof *f->slots);
    }
    /* The stem cache is emptied here, between documents, once 3/4 full
     * or its arena nearly so: nothing of the last document is used now. */
    if (f->stab && (f->stab_used * 4 >= STEM_CACHE_SLOTS * 3 ||
                    f->stab_arena.used_total * 4 >= STEM_CACHE_BYTES * 3)) {
        memset(f->stab, 0, STEM_CACHE_SLOTS * sizeof *f->stab);
        dyadi_arena_reset(&f->stab_arena);
        f->stab_used = 0;
    }
    c->doc = doc;
    c->lang = "und";
    c->date = 0;
    c->errmsg[0] = '\0';
}

/* A cap was hit: the document is refused whole. */
static dyad_status too_big(dyad_coder *c, const char *what)
{
    set_err(c, "document of %zu bytes is over the coder's %s cap; not coded",
            c->doc->text_len, what);
    return DYAD_ERR_TOOBIG;
}

dyad_status dyadi_coder_too_big(dyad_coder *c, const char *what, size_t cap)
{
    set_err(c, "document of %zu bytes is over the coder's %s cap (%zu); not coded",
            c->doc ? c->doc->text_len : 0, what, cap);
    return DYAD_ERR_TOOBIG;
}

void dyadi_coder_set_caps(dyad_coder *c, const dyadi_coder_caps *k)
{
    coder_full *f = full(c);
    if (k->tokens) {
        c->tokens.max = c->wclass.max = c->pfx.max = k->tokens;
        f->ents.max = f->tok_ent.max = k->tokens;
    }
    if (k->sentences)
        c->sents.max = c->vetoes.max = k->sentences;
    if (k->mentions)
        c->mentions.max = k->mentions;
    if (k->matches)
        c->max_matches = k->matches;
    if (k->events)
        c->events.max = k->events;
    if (k->quotes)
        c->quotes.max = k->quotes;
    if (k->arena_bytes)
        c->arena.limit = k->arena_bytes;
}

static int vec_full(const dyadi_vec *v)
{
    return v->max && v->len >= v->max;
}

/* A later stage failed with DYAD_ERR_NOMEM: every growth there is capped,
 * so it is this document that is too big, never a reason to stop a run.
 * The full array names the cap. */
static dyad_status stage_failed(dyad_coder *c, dyad_status st, const char *stage)
{
    if (st == DYAD_ERR_NOMEM) {
        if (vec_full(&c->mentions))
            return dyadi_coder_too_big(c, "mention", c->mentions.max);
        if (vec_full(&c->events))
            return dyadi_coder_too_big(c, "event", c->events.max);
        if (vec_full(&c->quotes))
            return dyadi_coder_too_big(c, "quote", c->quotes.max);
        if (vec_full(&c->vetoes))
            return dyadi_coder_too_big(c, "sentence", c->vetoes.max);
        if (vec_full(&c->wclass))
            return dyadi_coder_too_big(c, "token", c->wclass.max);
        return too_big(c, "memory");
    }
    if (!c->errmsg[0])
        set_err(c, "%s: %s", stage, dyad_strerror(st));
    return st;
}

/* Norm keys of every token, through the cache. */
static dyad_status key_tokens(dyad_coder *c, const char *text)
{
    coder_full *f = full(c);
    dyad_token *tok = c->tokens.data;
    size_t n = c->tokens.len;
    for (size_t i = 0; i < n; i++) {
        long e = cache_get(c, text, &tok[i]);
        uint32_t *slot = dyadi_vec_push(&f->tok_ent);
        if (e < 0 || !slot)
            return too_big(c, "memory");
        *slot = (uint32_t)e;
        tok[i].norm = DYADI_VEC_AT(&f->ents, keyent, (size_t)e).norm;
    }
    return DYAD_OK;
}

/* The stem key of a norm key for the document's language, through the
 * cross-document cache; NULL when out of memory. */
static const char *cached_stem(dyad_coder *c, const char *norm)
{
    coder_full *f = full(c);
    uint16_t lang = (uint16_t)((unsigned char)c->lang[0] << 8 | (unsigned char)(c->lang[0] ? c->lang[1] : 0));
    size_t nl = strlen(norm);
    uint32_t h = dyadi_lex_hash(norm, nl) ^ (uint32_t)(unsigned char)lang * 0x9E3779B1u;
    if (!f->stab && !(f->stab = calloc(STEM_CACHE_SLOTS, sizeof *f->stab)))
        return dyadi_stem_key(c->stemmer, &c->arena, c->lang, norm);
    size_t mask = STEM_CACHE_SLOTS - 1, k = h & mask;
    while (f->stab[k].norm) {
        if (f->stab[k].hash == h && f->stab[k].lang == lang && strcmp(f->stab[k].norm, norm) == 0)
            return f->stab[k].stem;
        k = (k + 1) & mask;
    }
    const char *st = dyadi_stem_key(c->stemmer, &c->arena, c->lang, norm);
    if (!st)
        return NULL;
    /* Full: the stem stays in the document's arena. The table is emptied
     * only between documents (reset), never here: the tokens of the
     * current document already point into its arena. */
    if (f->stab_used * 4 >= STEM_CACHE_SLOTS * 3)
        return st;
    char *cn = dyadi_arena_strndup(&f->stab_arena, norm, nl);
    char *cs = st == norm ? cn : dyadi_arena_strndup(&f->stab_arena, st, strlen(st));
    if (!cn || !cs)
        return st; /* the cache's arena is full until the next clear: still correct */
    f->stab[k].hash = h;
    f->stab[k].lang = lang;
    f->stab[k].norm = cn;
    f->stab[k].stem = cs;
    f->stab_used++;
    return st;
}

/* Stems and lexicon ids per distinct spelling, then copied to the tokens. */
static dyad_status stem_tokens(dyad_coder *c)
{
    coder_full *f = full(c);
    keyent *e = f->ents.data;
    const int words = c->lex && (dyadi_lex_flags(c->lex) & DYADI_LEX_WORDS);
    for (size_t i = 0; i < f->ents.len; i++) {
        if (e[i].kind == DYAD_TOK_WORD) {
            const char *st = cached_stem(c, e[i].norm);
            if (!st)
                return too_big(c, "memory");
            e[i].stem = st;
        }
        if (c->lex) {
            e[i].norm_id = dyadi_lex_key(c->lex, e[i].norm, strlen(e[i].norm));
            e[i].stem_id = e[i].stem == e[i].norm ? e[i].norm_id
                                                  : dyadi_lex_key(c->lex, e[i].stem, strlen(e[i].stem));
            memset(&e[i].pfx, 0, sizeof e[i].pfx);
            if (words)
                dyadi_lex_prefixes(c->lex, e[i].norm, strlen(e[i].norm), e[i].pfx.id,
                                   DYADI_MAX_PFX);
        }
    }
    /* TABARI word matching: the prefix keys of each token, computed once
     * per distinct spelling of the document */
    if (words) {
        c->pfx.len = 0;
        for (size_t i = 0; i < c->tokens.len; i++) {
            dyadi_pfx *x = dyadi_vec_push(&c->pfx);
            if (!x)
                return too_big(c, "memory");
            *x = e[((const uint32_t *)f->tok_ent.data)[i]].pfx;
        }
    }
    dyad_token *tok = c->tokens.data;
    const uint32_t *te = f->tok_ent.data;
    for (size_t i = 0; i < c->tokens.len; i++) {
        const keyent *x = &e[te[i]];
        tok[i].stem = x->stem;
        tok[i].norm_id = x->norm_id;
        tok[i].stem_id = x->stem_id;
    }
    return DYAD_OK;
}

/* The document language's syntax model, or NULL. */
static const dyad_model *lang_model(const dyad_coder *c)
{
    return strcmp(c->lang, "fr") == 0 ? c->model_fr : strcmp(c->lang, "en") == 0 ? c->model_en : NULL;
}

DYAD_API dyad_status dyad_coder_run(dyad_coder *c, const dyad_doc *doc)
{
    if (!c)
        return DYAD_ERR_ARG;
    reset(c, doc);
    if (!doc || (!doc->text && doc->text_len)) {
        set_err(c, "no document text");
        return DYAD_ERR_ARG;
    }
    const char *text = doc->text ? doc->text : "";
    size_t len = doc->text_len, body = doc->body;
    if (body > len) {
        set_err(c, "document body at byte %zu is past its %zu bytes", body, len);
        return DYAD_ERR_ARG;
    }
    if (len > UINT32_MAX)
        return too_big(c, "4 GiB offset");
    c->date = parse_date(doc->date);
    const char *forced = forced_lang(doc->lang);

    /* The tokenizer sees the article alone, as if it were the whole text
     * (a header cannot change a token), and its spans are then moved to
     * count from text[0]: every later stage, and every caller, slices
     * doc->text with them. tokens.c is the only stage that reads raw
     * bytes by position; the others go through the token spans. */
    dyad_status st = dyadi_tokenize(text + body, len - body, forced, &c->tokens, &c->warnings);
    if (st == DYAD_ERR_NOMEM)
        return vec_full(&c->tokens) ? dyadi_coder_too_big(c, "token", c->tokens.max)
                                    : too_big(c, "memory");
    if (st != DYAD_OK) {
        set_err(c, "tokenizer: %s", dyad_strerror(st));
        return st;
    }
    if (body) {
        dyad_token *t = c->tokens.data;
        for (size_t i = 0; i < c->tokens.len; i++) {
            t[i].span.start += (uint32_t)body;
            t[i].span.end += (uint32_t)body;
        }
        dyad_warning *w = c->warnings.data;
        for (size_t i = 0; i < c->warnings.len; i++)
            w[i].offset += (uint32_t)body;
    }
    if (c->tokens.len == 0) {
        set_err(c, "empty document (%zu bytes, no words)", len);
        return DYAD_ERR_EMPTY;
    }
    if ((st = key_tokens(c, text)) != DYAD_OK)
        return st;
    c->lang = forced ? forced : dyadi_langid(c->tokens.data, c->tokens.len);
    if (!forced && strcmp(c->lang, "und") == 0)
        c->lang = dyadi_langid_lexicon(c);
    if ((st = stem_tokens(c)) != DYAD_OK)
        return st;
    st = dyadi_segment(text, len, c->lang, c->tokens.data, c->tokens.len, &c->sents);
    if (st == DYAD_ERR_NOMEM)
        return dyadi_coder_too_big(c, "sentence", c->sents.max);
    if (st != DYAD_OK) {
        set_err(c, "segmenter: %s", dyad_strerror(st));
        return st;
    }
    const dyad_model *model = lang_model(c);
    /* DYAD_SYNTAX_EVENTS: events.c parses the sentences that may hold an
     * event (dyadi_coder_parse), the rest are never tagged */
    c->lazy_model = c->syntax_mode == DYAD_SYNTAX_EVENTS && c->lex ? model : NULL;
    if (model && !c->lazy_model) {
        st = dyadi_syntax_run(model, c->lang, text, c->tokens.data, c->sents.data, 0, c->sents.len,
                              &c->arena, &c->words, &c->syn);
        if (st == DYAD_ERR_TOOBIG)
            return too_big(c, "syntax");
        if (st != DYAD_OK) {
            set_err(c, "syntax: %s", dyad_strerror(st));
            return st;
        }
    }
    if (c->lex) {
        if ((st = dyadi_actors_run(c)) != DYAD_OK)
            return stage_failed(c, st, "actors");
        if ((st = dyadi_events_run(c)) != DYAD_OK)
            return stage_failed(c, st, "events");
    }
    return DYAD_OK;
}

DYAD_API const char *dyad_errmsg(const dyad_coder *c)
{
    return c ? c->errmsg : "no coder";
}

DYAD_API const char *dyad_coder_lang(const dyad_coder *c)
{
    return c && c->lang ? c->lang : "und";
}

/* The arrays below are borrowed views of the coder's vectors. */
#define VIEW(type, vec)                         \
    do {                                        \
        if (n)                                  \
            *n = c ? (vec).len : 0;             \
        return c ? (const type *)(vec).data : NULL; \
    } while (0)

DYAD_API const dyad_warning *dyad_coder_warnings(const dyad_coder *c, size_t *n)
{
    VIEW(dyad_warning, c->warnings);
}

DYAD_API const dyad_sentence *dyad_coder_sentences(const dyad_coder *c, size_t *n)
{
    VIEW(dyad_sentence, c->sents);
}

DYAD_API const dyad_token *dyad_coder_tokens(const dyad_coder *c, size_t *n)
{
    VIEW(dyad_token, c->tokens);
}

DYAD_API const dyad_mention *dyad_coder_mentions(const dyad_coder *c, size_t *n)
{
    VIEW(dyad_mention, c->mentions);
}

DYAD_API const dyad_event *dyad_coder_events(const dyad_coder *c, size_t *n)
{
    VIEW(dyad_event, c->events);
}

DYAD_API const dyad_quote *dyad_coder_quotes(const dyad_coder *c, size_t *n)
{
    VIEW(dyad_quote, c->quotes);
}

DYAD_API const dyad_word *dyad_coder_words(const dyad_coder *c, size_t *n)
{
    if (n)
        *n = c ? c->words.len : 0;
    return c && c->words.len ? (const dyad_word *)c->words.data : NULL;
}

dyad_status dyadi_coder_parse(dyad_coder *c, size_t sent)
{
    if (!c->lazy_model)
        return DYAD_OK;
    dyad_status st = dyadi_syntax_run(c->lazy_model, c->lang, c->doc->text ? c->doc->text : "",
                                      c->tokens.data, c->sents.data, sent, 1, &c->arena, &c->words,
                                      &c->syn);
    if (st == DYAD_ERR_TOOBIG)
        too_big(c, "syntax");
    return st;
}

int dyadi_coder_tags(dyad_coder *c, uint32_t lo, uint32_t hi, uint8_t *upos, dyad_status *st)
{
    /* tagged the same way whether or not every sentence was parsed, so
     * that both modes code the same events (tests/test_tree.c) */
    const dyad_model *model = lang_model(c);
    if (!model)
        return 0;
    *st = dyadi_syntax_tags(model, c->lang, c->doc->text ? c->doc->text : "", c->tokens.data, lo,
                            hi - lo, &c->arena, &c->syn, upos);
    if (*st == DYAD_ERR_TOOBIG)
        too_big(c, "syntax");
    return *st == DYAD_OK ? 1 : -1;
}

DYAD_API dyad_status dyad_coder_set_syntax(dyad_coder *c, dyad_syntax_mode mode)
{
    if (!c || (mode != DYAD_SYNTAX_ALL && mode != DYAD_SYNTAX_EVENTS))
        return DYAD_ERR_ARG;
    c->syntax_mode = mode;
    return DYAD_OK;
}

DYAD_API dyad_status dyad_coder_set_model(dyad_coder *c, const char *lang, const dyad_model *m)
{
    if (!c || !lang)
        return DYAD_ERR_ARG;
    if (m && strcmp(dyad_model_lang(m), lang) != 0) {
        set_err(c, "the syntax model is for '%s', not '%s'", dyad_model_lang(m), lang);
        return DYAD_ERR_ARG;
    }
    if (strcmp(lang, "fr") == 0)
        c->model_fr = m;
    else if (strcmp(lang, "en") == 0)
        c->model_en = m;
    else {
        set_err(c, "no syntax for language '%s' (fr, en)", lang);
        return DYAD_ERR_ARG;
    }
    return DYAD_OK;
}
