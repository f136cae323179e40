/* storepack.c - the event store's compaction helpers (storepack.h).
 *
 * Document text is most of a store's bytes (issue 18: 100 MB of news made a
 * 283 MB store), so store.c keeps it deflated, and every span of evidence
 * (a sentence, a quote) is cut from the text when read instead of being
 * stored again. The format is that of SQLite's archive ("sqlar"): zlib's
 * compress() output when it is shorter than the text, else the text; the
 * original size beside it. zstd with a trained dictionary measured about
 * 20% smaller on these articles, but nothing outside dyad could read it,
 * while the sqlite3 shell has sqlar_compress and sqlar_uncompress built in:
 * the store's views (docs/store.md) stay readable with plain `sqlite3`.
 *
 * sqlar_uncompress keeps the last text it inflated: a query reads the
 * sentences of one document one after the other (evidence, exports), and
 * each would otherwise inflate the whole document again.
 */
#include "storepack.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* zlib's fastest level: on the benchmark's articles 1.97x against 2.10x
 * for the default level 6, at less than half the CPU, which `dyad ingest`
 * spends on its one writer thread. */
#define PACK_LEVEL 1

/* Texts above this are refused (SQLite's own limit is 1 GB). */
#define MAX_TEXT ((size_t)1 << 30)

struct dyadi_packer {
    z_stream zs;
    int ready;                  /* zs initialised */
    unsigned char *out;         /* the last text deflated */
    size_t cap;
};

dyadi_packer *dyadi_packer_new(void)
{
    return calloc(1, sizeof(dyadi_packer));
}

void dyadi_packer_free(dyadi_packer *p)
{
    if (!p)
        return;
    if (p->ready)
        deflateEnd(&p->zs);
    free(p->out);
    free(p);
}

/* compress2()'s parameters and so its bytes: deflateInit at PACK_LEVEL
 * (15-bit window, memory level 8, default strategy), reset between texts.
 * compress2 made and freed the stream's 270 KB of tables for each text:
 * 1.10 s against 0.39 s for the benchmark's 8,783 texts (docs/BENCHMARKS.md). */
int dyadi_packer_pack(dyadi_packer *p, const char *text, size_t n, const unsigned char **out,
                      size_t *outlen)
{
    *out = NULL;
    *outlen = n;
    if (n < 64 || n > MAX_TEXT)
        return 0;   /* too short to gain, or too long for zlib's uLong on every platform */
    if (!p->ready) {
        memset(&p->zs, 0, sizeof p->zs);
        if (deflateInit(&p->zs, PACK_LEVEL) != Z_OK)
            return -1;
        p->ready = 1;
    } else if (deflateReset(&p->zs) != Z_OK) {
        return -1;
    }
    size_t cap = (size_t)deflateBound(&p->zs, (uLong)n);
    if (cap > p->cap) {
        unsigned char *b = realloc(p->out, cap);
        if (!b)
            return -1;
        p->out = b;
        p->cap = cap;
    }
    p->zs.next_in = (Bytef *)(uintptr_t)text;
    p->zs.avail_in = (uInt)n;
    p->zs.next_out = p->out;
    p->zs.avail_out = (uInt)p->cap;
    int rc = deflate(&p->zs, Z_FINISH);
    size_t zn = (size_t)p->zs.total_out;
    if (rc != Z_STREAM_END || zn >= n)
        return 0;
    *out = p->out;
    *outlen = zn;
    return 0;
}

int dyadi_pack_text(const char *text, size_t n, unsigned char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = n;
    dyadi_packer *p = dyadi_packer_new();
    if (!p)
        return -1;
    const unsigned char *z;
    int rc = dyadi_packer_pack(p, text, n, &z, outlen);
    if (rc == 0 && z) {
        /* the caller frees it: the packer's buffer is handed over */
        *out = p->out;
        p->out = NULL;
    }
    dyadi_packer_free(p);
    return rc;
}

static void sql_compress(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    int type = sqlite3_value_type(argv[0]);
    if (type != SQLITE_BLOB && type != SQLITE_TEXT) {
        sqlite3_result_value(ctx, argv[0]);
        return;
    }
    const void *p = type == SQLITE_BLOB ? sqlite3_value_blob(argv[0])
                                        : (const void *)sqlite3_value_text(argv[0]);
    size_t n = (size_t)sqlite3_value_bytes(argv[0]);
    unsigned char *z;
    size_t zn;
    if (dyadi_pack_text(p, n, &z, &zn) != 0) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (!z)
        sqlite3_result_value(ctx, argv[0]);
    else
        sqlite3_result_blob(ctx, z, (int)zn, free);
}

/* The last text inflated, and the deflated bytes it came from. */
typedef struct inflate_cache {
    unsigned char *z, *text;
    size_t zn, n, zcap, cap;
} inflate_cache;

static void cache_free(void *p)
{
    inflate_cache *c = p;
    if (!c)
        return;
    free(c->z);
    free(c->text);
    free(c);
}

static int grow(unsigned char **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    unsigned char *b = realloc(*buf, need);
    if (!b)
        return -1;
    *buf = b;
    *cap = need;
    return 0;
}

static void sql_uncompress(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    inflate_cache *c = sqlite3_user_data(ctx);
    const void *z = sqlite3_value_blob(argv[0]);
    size_t zn = (size_t)sqlite3_value_bytes(argv[0]);
    sqlite3_int64 size = sqlite3_value_int64(argv[1]);
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    if (size <= 0 || (size_t)size == zn) {
        sqlite3_result_value(ctx, argv[0]);     /* stored as it was */
        return;
    }
    if ((size_t)size > MAX_TEXT) {
        sqlite3_result_error(ctx, "sqlar_uncompress: size too large", -1);
        return;
    }
    if (c->text && c->zn == zn && c->n == (size_t)size && memcmp(c->z, z, zn) == 0) {
        sqlite3_result_blob(ctx, c->text, (int)c->n, SQLITE_TRANSIENT);
        return;
    }
    c->zn = c->n = 0;
    if (grow(&c->z, &c->zcap, zn ? zn : 1) != 0 || grow(&c->text, &c->cap, (size_t)size) != 0) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    uLongf out = (uLongf)size;
    if (uncompress(c->text, &out, z, (uLong)zn) != Z_OK || out != (uLongf)size) {
        sqlite3_result_error(ctx, "sqlar_uncompress: damaged text", -1);
        return;
    }
    memcpy(c->z, z, zn);
    c->zn = zn;
    c->n = (size_t)size;
    sqlite3_result_blob(ctx, c->text, (int)c->n, SQLITE_TRANSIENT);
}

size_t dyadi_pack_hash(const char *hex, unsigned char out[16])
{
    for (int i = 0; i < 32; i++) {
        char c = hex[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0)
            return 0;
        if (i % 2 == 0)
            out[i / 2] = (unsigned char)(v << 4);
        else
            out[i / 2] |= (unsigned char)v;
    }
    return hex[32] == '\0' ? 16 : 0;
}

static void sql_hash_blob(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *h = (const char *)sqlite3_value_text(argv[0]);
    unsigned char b[16];
    if (sqlite3_value_type(argv[0]) == SQLITE_TEXT && h && dyadi_pack_hash(h, b))
        sqlite3_result_blob(ctx, b, 16, SQLITE_TRANSIENT);
    else
        sqlite3_result_value(ctx, argv[0]);
}

int dyadi_pack_register(sqlite3 *db)
{
    if (sqlite3_create_function(db, "dyad_hash_blob", 1,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                sql_hash_blob, NULL, NULL) != SQLITE_OK)
        return sqlite3_errcode(db);
    int rc = sqlite3_create_function(db, "sqlar_compress", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                     sql_compress, NULL, NULL);
    if (rc != SQLITE_OK)
        return rc;
    inflate_cache *c = calloc(1, sizeof *c);
    if (!c)
        return SQLITE_NOMEM;
    /* SQLite frees c with cache_free, even when registering fails */
    return sqlite3_create_function_v2(db, "sqlar_uncompress", 2,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, c,
                                      sql_uncompress, NULL, NULL, cache_free);
}

/* ------------------------------------------------------------------------
 * The intern map: open addressing, keys copied, cleared when too full
 * ------------------------------------------------------------------------ */

/* Entries kept at most; past it the map starts again empty (a store of
 * years of news has more distinct names than are worth holding). */
#define INTERN_MAX ((size_t)1 << 20)

typedef struct intern_slot {
    char *key;
    size_t n;
    uint64_t hash;
    int64_t id;
} intern_slot;

struct dyadi_intern {
    intern_slot *slots;
    size_t cap, used;           /* cap a power of two, or 0 */
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h ^ (h >> 29);
}

dyadi_intern *dyadi_intern_new(void)
{
    return calloc(1, sizeof(dyadi_intern));
}

void dyadi_intern_clear(dyadi_intern *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    m->slots = NULL;
    m->cap = m->used = 0;
}

void dyadi_intern_free(dyadi_intern *m)
{
    dyadi_intern_clear(m);
    free(m);
}

static intern_slot *find(const dyadi_intern *m, const char *key, size_t n, uint64_t h)
{
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        intern_slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && s->n == n && memcmp(s->key, key, n) == 0))
            return s;
    }
}

int64_t dyadi_intern_get(const dyadi_intern *m, const char *key, size_t n)
{
    if (!m || !m->cap)
        return -1;
    intern_slot *s = find(m, key, n, hash_bytes(key, n));
    return s->key ? s->id : -1;
}

int dyadi_intern_put(dyadi_intern *m, const char *key, size_t n, int64_t id)
{
    if (m->used >= INTERN_MAX)
        dyadi_intern_clear(m);
    if ((m->used + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 1024;
        intern_slot *slots = calloc(cap, sizeof *slots);
        if (!slots)
            return -1;
        dyadi_intern old = *m;
        m->slots = slots;
        m->cap = cap;
        for (size_t i = 0; i < old.cap; i++)
            if (old.slots[i].key)
                *find(m, old.slots[i].key, old.slots[i].n, old.slots[i].hash) = old.slots[i];
        free(old.slots);
    }
    uint64_t h = hash_bytes(key, n);
    intern_slot *s = find(m, key, n, h);
    if (s->key) {
        s->id = id;
        return 0;
    }
    char *k = malloc(n ? n : 1);
    if (!k)
        return -1;
    memcpy(k, key, n);
    s->key = k;
    s->n = n;
    s->hash = h;
    s->id = id;
    m->used++;
    return 0;
}
