/* lexicon.c - the compiled lexicon: memory-maps the binary that dictsrc.c
 * writes (`dyad dict build`) and answers the lookups of lex.h.
 *
 * Every stage after tokenizing asks the lexicon something: the key id of
 * each token (one hash probe, no allocation: this is the hot path), the
 * next trie node for a key id (binary search over a node's sorted
 * children), the entries ending at a node, and the records of actors,
 * triggers, cues and the CAMEO taxonomy.
 *
 * The file is untrusted input: dyad_lexicon_open checks the magic, the
 * version, the size, a checksum, and every offset, count and string
 * reference before anything is used, so a truncated or corrupted file is
 * refused with a message rather than read out of bounds. Once validated,
 * the records are decoded once into heap arrays of the lex.h structs whose
 * strings point into the mapped pool (a few milliseconds for the full
 * dictionaries); the key table and the tries are read in place. */
#include "dictsrc.h"
#include "lex.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct lex_trie {
    const unsigned char *nodes, *kids;
    const uint32_t *ents;       /* in the map (little-endian host) or in ents_copy */
    uint32_t nnodes, nkids, nents;
    uint32_t *ents_copy;        /* big-endian hosts only */
    uint32_t *root_kids;        /* the root's children indexed by key id: the
                                   first step from every token is one load */
    uint8_t *after_gap;         /* per key id: 1 when some "..." edge leads to a
                                   node with a child on it (DYADI_LEX_WORDS) */
} lex_trie;

static dyad_status index_roots(dyad_lexicon *lex);

struct dyad_lexicon {
    void *map;
    size_t size;
    const char *pool;
    uint32_t pool_size;
    const unsigned char *keys, *slots;
    uint32_t nkeys, slot_mask;
    lex_trie trie[DYADI_TRIE_COUNT];
    dyadi_actor *actors;
    dyadi_role *roles;
    dyadi_trigger *triggers;
    dyadi_cue *cues;
    dyadi_cameo *cameo;
    uint32_t nactors, nroles, ntriggers, ncues, ncameo;
    uint32_t flags;         /* DYADI_LEX_* header flags */
    const char *options;    /* foreign .options directives, or NULL */
};

/* ---- little-endian reads and the shared hash/checksum ------------------ */

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static double rdd(const unsigned char *p)
{
    uint64_t u = rd64(p);
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

uint32_t dyadi_lex_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

uint64_t dyadi_lex_checksum(const unsigned char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        h = (h ^ rd64(p + i)) * 0x100000001B3ull;
        h ^= h >> 29;
    }
    uint64_t w = 0;
    for (size_t k = 0; i + k < n; k++)
        w |= (uint64_t)p[i + k] << (8 * k);
    h = (h ^ w) * 0x100000001B3ull;
    return h ^ (h >> 29);
}

/* ---- opening ----------------------------------------------------------- */

typedef struct opener {
    const char *path;
    char *errbuf;
    size_t errlen;
} opener;

static void say(const opener *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void say(const opener *o, const char *fmt, ...)
{
    if (!o->errbuf || !o->errlen)
        return;
    int n = snprintf(o->errbuf, o->errlen, "%s: ", o->path);
    if (n < 0 || (size_t)n >= o->errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->errbuf + n, o->errlen - (size_t)n, fmt, ap);
    va_end(ap);
}

/* A string reference: NULL for DYADI_LEX_NONE, else a pool string (the pool
 * ends with a NUL, so any in-range offset is a terminated string). */
static int str_ref(const dyad_lexicon *lex, uint32_t ref, const char **out)
{
    if (ref == DYADI_LEX_NONE) {
        *out = NULL;
        return 0;
    }
    if (ref >= lex->pool_size)
        return -1;
    *out = lex->pool + ref;
    return 0;
}

/* Section i of the table: in bounds, 8-aligned, size == count * rec. */
static const unsigned char *sec(const dyad_lexicon *lex, const opener *o, int i, uint32_t rec,
                                uint32_t *count)
{
    const unsigned char *e = (const unsigned char *)lex->map + DYADI_LEX_FIXED + 12u * (unsigned)i;
    uint32_t off = rd32(e), size = rd32(e + 4), n = rd32(e + 8);
    if (off < DYADI_LEX_HEADER || off % 8 || (uint64_t)off + size > lex->size ||
        (uint64_t)n * rec != size) {
        say(o, "corrupt lexicon: section %d out of bounds or of a wrong size", i);
        return NULL;
    }
    *count = n;
    return (const unsigned char *)lex->map + off;
}

static dyad_status load_records(dyad_lexicon *lex, const opener *o)
{
    uint32_t n;
    const unsigned char *p;
    /* Roles first: actors point into them. */
    if (!(p = sec(lex, o, DYADI_SEC_ROLES, DYADI_REC_ROLE, &n)))
        return DYAD_ERR_FORMAT;
    lex->nroles = n;
    if (n && !(lex->roles = calloc(n, sizeof *lex->roles)))
        return DYAD_ERR_NOMEM;
    for (uint32_t i = 0; i < n; i++, p += DYADI_REC_ROLE) {
        dyadi_role *r = &lex->roles[i];
        if (str_ref(lex, rd32(p), &r->code) || !r->code)
            goto corrupt;
        r->from = rd32(p + 4);
        r->to = rd32(p + 8);
    }
    if (!(p = sec(lex, o, DYADI_SEC_ACTORS, DYADI_REC_ACTOR, &n)))
        return DYAD_ERR_FORMAT;
    lex->nactors = n;
    if (n && !(lex->actors = calloc(n, sizeof *lex->actors)))
        return DYAD_ERR_NOMEM;
    for (uint32_t i = 0; i < n; i++, p += DYADI_REC_ACTOR) {
        dyadi_actor *a = &lex->actors[i];
        a->kind = p[0];
        a->gender = p[1];
        a->number = p[2];
        a->gov = p[3] & 1u;
        a->ambiguous = (p[3] & DYADI_ACTOR_AMBIGUOUS) != 0;
        a->compound = (p[3] & DYADI_ACTOR_COMPOUND) != 0;
        a->prefix = (p[3] & DYADI_ACTOR_PREFIX) != 0;
        a->lower = (p[3] & DYADI_ACTOR_LOWER) != 0;
        a->cap = (p[3] & DYADI_ACTOR_CAP) != 0;
        if (a->kind > DYADI_AK_PRONOUN || str_ref(lex, rd32(p + 4), &a->lang) || !a->lang ||
            str_ref(lex, rd32(p + 8), &a->code) || !a->code ||
            str_ref(lex, rd32(p + 12), &a->id) || !a->id ||
            str_ref(lex, rd32(p + 16), &a->country) || str_ref(lex, rd32(p + 20), &a->sector))
            goto corrupt;
        a->lat = rdd(p + 24);
        a->lon = rdd(p + 32);
        a->pop = rd32(p + 40);
        uint32_t first = rd32(p + 44), nr = rd32(p + 48);
        if ((uint64_t)first + nr > lex->nroles)
            goto corrupt;
        a->nroles = nr;
        a->roles = nr ? lex->roles + first : NULL;
    }
    if (!(p = sec(lex, o, DYADI_SEC_TRIGGERS, DYADI_REC_TRIGGER, &n)))
        return DYAD_ERR_FORMAT;
    lex->ntriggers = n;
    if (n && !(lex->triggers = calloc(n, sizeof *lex->triggers)))
        return DYAD_ERR_NOMEM;
    for (uint32_t i = 0; i < n; i++, p += DYADI_REC_TRIGGER) {
        dyadi_trigger *t = &lex->triggers[i];
        t->kind = p[0];
        t->obj = p[1];
        t->rev = p[2];
        t->mode = p[3];
        t->ngap = (uint16_t)(p[4] | p[5] << 8);
        t->recip = p[6];
        t->gen_target = p[7];
        t->among = p[44];
        t->weak = p[45];
        t->syn = p[46];
        t->vword = p[47];
        t->tslot = p[48] & 63u;
        t->tskip = p[48] >> 6;
        t->sslot = p[49] & 63u;
        t->sskip = p[49] >> 6;
        if (t->weak > 1 || t->recip > 1 || t->gen_target > 1 || t->among > 2 || t->kind > DYADI_TK_NOUN || t->obj > DYADI_OBJ_NONE || t->mode > DYAD_REPORTED ||
            str_ref(lex, rd32(p + 8), &t->lang) || !t->lang ||
            str_ref(lex, rd32(p + 12), &t->code) || !t->code ||
            str_ref(lex, rd32(p + 16), &t->neg_code) || str_ref(lex, rd32(p + 20), &t->id) ||
            !t->id || str_ref(lex, rd32(p + 24), &t->prep) ||
            str_ref(lex, rd32(p + 28), &t->from) || str_ref(lex, rd32(p + 32), &t->comp) ||
            str_ref(lex, rd32(p + 36), &t->passive) || str_ref(lex, rd32(p + 40), &t->pair_code))
            goto corrupt;
    }
    if (!(p = sec(lex, o, DYADI_SEC_CUES, DYADI_REC_CUE, &n)))
        return DYAD_ERR_FORMAT;
    lex->ncues = n;
    if (n && !(lex->cues = calloc(n, sizeof *lex->cues)))
        return DYAD_ERR_NOMEM;
    for (uint32_t i = 0; i < n; i++, p += DYADI_REC_CUE) {
        dyadi_cue *q = &lex->cues[i];
        if (str_ref(lex, rd32(p), &q->kind) || !q->kind || str_ref(lex, rd32(p + 4), &q->lang) ||
            !q->lang || str_ref(lex, rd32(p + 8), &q->value) || !q->value ||
            str_ref(lex, rd32(p + 12), &q->attrs))
            goto corrupt;
    }
    if (!(p = sec(lex, o, DYADI_SEC_CAMEO, DYADI_REC_CAMEO, &n)))
        return DYAD_ERR_FORMAT;
    lex->ncameo = n;
    if (n && !(lex->cameo = calloc(n, sizeof *lex->cameo)))
        return DYAD_ERR_NOMEM;
    for (uint32_t i = 0; i < n; i++, p += DYADI_REC_CAMEO) {
        dyadi_cameo *k = &lex->cameo[i];
        if (str_ref(lex, rd32(p), &k->code) || !k->code || str_ref(lex, rd32(p + 4), &k->name) ||
            !k->name || str_ref(lex, rd32(p + 20), &k->plover_type) ||
            str_ref(lex, rd32(p + 24), &k->plover_mode) ||
            str_ref(lex, rd32(p + 28), &k->plover_context))
            goto corrupt;
        k->goldstein = rdd(p + 8);
        k->quad = p[16];
        /* Binary search needs the order the compiler wrote. */
        if (i && strcmp(lex->cameo[i - 1].code, k->code) >= 0)
            goto corrupt;
    }
    return DYAD_OK;
corrupt:
    say(o, "corrupt lexicon: a record refers outside the file");
    return DYAD_ERR_FORMAT;
}

static dyad_status load_tries(dyad_lexicon *lex, const opener *o)
{
    for (int t = 0; t < DYADI_TRIE_COUNT; t++) {
        lex_trie *tr = &lex->trie[t];
        uint32_t nents_limit = t == DYADI_TRIE_ACTOR ? lex->nactors
                             : t == DYADI_TRIE_TRIGGER ? lex->ntriggers : lex->ncues;
        const unsigned char *ents;
        if (!(tr->nodes = sec(lex, o, DYADI_SEC_NODES0 + t, DYADI_REC_NODE, &tr->nnodes)) ||
            !(tr->kids = sec(lex, o, DYADI_SEC_KIDS0 + t, DYADI_REC_KID, &tr->nkids)) ||
            !(ents = sec(lex, o, DYADI_SEC_ENTS0 + t, 4, &tr->nents)))
            return DYAD_ERR_FORMAT;
        if (tr->nnodes < 2)
            goto corrupt;
        for (uint32_t i = 0; i < tr->nnodes; i++) {
            const unsigned char *r = tr->nodes + (size_t)i * DYADI_REC_NODE;
            if ((uint64_t)rd32(r) + rd32(r + 4) > tr->nkids ||
                (uint64_t)rd32(r + 8) + rd32(r + 12) > tr->nents)
                goto corrupt;
        }
        for (uint32_t i = 0; i < tr->nkids; i++) {
            uint32_t child = rd32(tr->kids + 8 * (size_t)i + 4);
            if (child < 2 || child >= tr->nnodes)
                goto corrupt;
        }
        for (uint32_t i = 0; i < tr->nents; i++)
            if (rd32(ents + 4 * (size_t)i) >= nents_limit)
                goto corrupt;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        tr->ents = (const uint32_t *)(const void *)ents;    /* 4-aligned: sections are 8-aligned */
#else
        if (tr->nents) {
            if (!(tr->ents_copy = malloc((size_t)tr->nents * sizeof(uint32_t))))
                return DYAD_ERR_NOMEM;
            for (uint32_t i = 0; i < tr->nents; i++)
                tr->ents_copy[i] = rd32(ents + 4 * (size_t)i);
        }
        tr->ents = tr->ents_copy;
#endif
    }
    return DYAD_OK;
corrupt:
    say(o, "corrupt lexicon: a trie refers outside the file");
    return DYAD_ERR_FORMAT;
}

static dyad_status validate(dyad_lexicon *lex, const opener *o)
{
    const unsigned char *h = lex->map;
    if (lex->size < 8 || memcmp(h, DYADI_LEX_MAGIC, 8) != 0) {
        say(o, "not a dyad lexicon (bad magic)");
        return DYAD_ERR_FORMAT;
    }
    if (lex->size < DYADI_LEX_FIXED) {
        say(o, "truncated lexicon (%zu bytes)", lex->size);
        return DYAD_ERR_FORMAT;
    }
    uint32_t version = rd32(h + 8);
    if (version != DYADI_LEX_VERSION) {
        say(o, "lexicon format version %u, this dyad reads version %u: rebuild it with `dyad dict build`",
            (unsigned)version, DYADI_LEX_VERSION);
        return DYAD_ERR_VERSION;
    }
    lex->flags = rd32(h + 12);
    if (rd32(h + 16) != DYADI_LEX_HEADER || rd32(h + 20) != DYADI_SEC_COUNT) {
        say(o, "corrupt lexicon: unexpected header size or section count");
        return DYAD_ERR_FORMAT;
    }
    uint64_t want = rd64(h + 24);
    if (want != lex->size) {
        say(o, "truncated or padded lexicon: %zu bytes, the header says %llu", lex->size,
            (unsigned long long)want);
        return DYAD_ERR_FORMAT;
    }
    if (dyadi_lex_checksum(h + DYADI_LEX_SUM_FROM, lex->size - DYADI_LEX_SUM_FROM) != rd64(h + 32)) {
        say(o, "corrupt lexicon: checksum mismatch");
        return DYAD_ERR_FORMAT;
    }
    uint32_t n;
    const unsigned char *p;
    if (!(p = sec(lex, o, DYADI_SEC_POOL, 1, &n)))
        return DYAD_ERR_FORMAT;
    if (n == 0 || p[0] != 0 || p[n - 1] != 0) {
        say(o, "corrupt lexicon: string pool not NUL-terminated");
        return DYAD_ERR_FORMAT;
    }
    lex->pool = (const char *)p;
    lex->pool_size = n;
    uint32_t oref = rd32(h + DYADI_LEX_SUM_FROM);
    if (oref >= lex->pool_size) {
        say(o, "corrupt lexicon: options string outside the pool");
        return DYAD_ERR_FORMAT;
    }
    lex->options = oref ? lex->pool + oref : NULL;
    if (!(lex->keys = sec(lex, o, DYADI_SEC_KEYS, 4, &lex->nkeys)))
        return DYAD_ERR_FORMAT;
    if (lex->nkeys < 2)
        goto corrupt;
    for (uint32_t i = 0; i < lex->nkeys; i++)
        if (rd32(lex->keys + 4 * (size_t)i) >= lex->pool_size)
            goto corrupt;
    if (!(lex->slots = sec(lex, o, DYADI_SEC_KEYHASH, DYADI_REC_SLOT, &n)))
        return DYAD_ERR_FORMAT;
    /* A power of two with at least one empty slot: lookups terminate. */
    if (n < 2 || (n & (n - 1)))
        goto corrupt;
    lex->slot_mask = n - 1;
    uint32_t used = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t id = rd32(lex->slots + 8 * (size_t)i + 4);
        if (id == 1 || id >= lex->nkeys)
            goto corrupt;
        used += id != 0;
    }
    if (used >= n)
        goto corrupt;
    dyad_status rc = load_records(lex, o);
    if (rc != DYAD_OK)
        return rc;
    return load_tries(lex, o);
corrupt:
    say(o, "corrupt lexicon: key table refers outside the file");
    return DYAD_ERR_FORMAT;
}

/* Where a NULL path looks: $DYAD_LEXICON, then beside the executable, then
 * ../share/dyad/ relative to it (an installed layout). */
static int find_default(char *out, size_t outlen)
{
    const char *env = getenv("DYAD_LEXICON");
    if (env && *env) {
        if (strlen(env) >= outlen)
            return -1;
        memcpy(out, env, strlen(env) + 1);
        return 0;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    static const char *const rel[] = {"/dyad.lex", "/../share/dyad/dyad.lex"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        int w = snprintf(out, outlen, "%s%s", exe, rel[i]);
        if (w > 0 && (size_t)w < outlen && access(out, R_OK) == 0)
            return 0;
    }
    return -1;
}

DYAD_API dyad_status dyad_lexicon_open(const char *path, dyad_lexicon **out, char *errbuf,
                                       size_t errlen)
{
    dyad_status rc;
    char found[PATH_MAX];
    int fd = -1;
    dyad_lexicon *lex = NULL;
    opener o = {path, errbuf, errlen};
    if (errbuf && errlen)
        errbuf[0] = '\0';
    if (!out)
        return DYAD_ERR_ARG;
    *out = NULL;
    if (!path) {
        if (find_default(found, sizeof found)) {
            if (errbuf && errlen)
                snprintf(errbuf, errlen,
                         "no lexicon found: set DYAD_LEXICON or put dyad.lex beside the dyad executable");
            return DYAD_ERR_NOTFOUND;
        }
        o.path = path = found;
    }
    if (!(lex = calloc(1, sizeof *lex)))
        return DYAD_ERR_NOMEM;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        rc = errno == ENOENT ? DYAD_ERR_NOTFOUND : DYAD_ERR_IO;
        say(&o, "%s", strerror(errno));
        goto fail;
    }
    struct stat sb;
    if (fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
        rc = DYAD_ERR_IO;
        say(&o, "not a regular file");
        goto fail;
    }
    if (sb.st_size < (off_t)DYADI_LEX_FIXED) {
        rc = DYAD_ERR_FORMAT;
        say(&o, "truncated lexicon (%lld bytes)", (long long)sb.st_size);
        goto fail;
    }
    if ((uint64_t)sb.st_size > (uint64_t)UINT32_MAX) {
        rc = DYAD_ERR_FORMAT;
        say(&o, "lexicon larger than 4 GiB");
        goto fail;
    }
    lex->size = (size_t)sb.st_size;
    lex->map = mmap(NULL, lex->size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (lex->map == MAP_FAILED) {
        lex->map = NULL;
        rc = DYAD_ERR_IO;
        say(&o, "mmap: %s", strerror(errno));
        goto fail;
    }
    close(fd);
    fd = -1;
    rc = validate(lex, &o);
    if (rc == DYAD_OK)
        rc = index_roots(lex);
    if (rc == DYAD_ERR_NOMEM)
        say(&o, "out of memory");
    if (rc != DYAD_OK)
        goto fail;
    *out = lex;
    return DYAD_OK;
fail:
    if (fd >= 0)
        close(fd);
    dyad_lexicon_free(lex);
    return rc;
}

DYAD_API void dyad_lexicon_free(dyad_lexicon *lex)
{
    if (!lex)
        return;
    if (lex->map)
        munmap(lex->map, lex->size);
    for (int t = 0; t < DYADI_TRIE_COUNT; t++) {
        free(lex->trie[t].ents_copy);
        free(lex->trie[t].root_kids);
        free(lex->trie[t].after_gap);
    }
    free(lex->actors);
    free(lex->roles);
    free(lex->triggers);
    free(lex->cues);
    free(lex->cameo);
    free(lex);
}

/* ---- lookups (lex.h) --------------------------------------------------- */

uint32_t dyadi_lex_key(const dyad_lexicon *lex, const char *key, size_t len)
{
    if (!lex || !key)
        return 0;
    uint32_t h = dyadi_lex_hash(key, len);
    for (uint32_t i = h & lex->slot_mask;; i = (i + 1) & lex->slot_mask) {
        const unsigned char *s = lex->slots + 8 * (size_t)i;
        uint32_t id = rd32(s + 4);
        if (!id)
            return 0;
        if (rd32(s) != h)
            continue;
        uint32_t off = rd32(lex->keys + 4 * (size_t)id);
        /* The pool ends with a NUL, so the strings are bounded. */
        if (lex->pool_size - off > len && memcmp(lex->pool + off, key, len) == 0 &&
            lex->pool[off + len] == '\0')
            return id;
    }
}

size_t dyadi_lex_prefixes(const dyad_lexicon *lex, const char *norm, size_t len, uint32_t *out,
                          size_t max)
{
    if (!lex || !norm || !max)
        return 0;
    size_t n = 0;
    uint32_t h = 2166136261u;   /* FNV-1a, extended a byte at a time */
    for (size_t l = 1; l <= len; l++) {
        h = (h ^ (unsigned char)norm[l - 1]) * 16777619u;
        if (l < len && ((unsigned char)norm[l] & 0xC0) == 0x80)
            continue;   /* not a character boundary */
        uint32_t hp = (h ^ (unsigned char)'*') * 16777619u;
        for (uint32_t i = hp & lex->slot_mask;; i = (i + 1) & lex->slot_mask) {
            const unsigned char *s = lex->slots + 8 * (size_t)i;
            uint32_t id = rd32(s + 4);
            if (!id)
                break;
            if (rd32(s) != hp)
                continue;
            uint32_t off = rd32(lex->keys + 4 * (size_t)id);
            if (lex->pool_size - off > l + 1 && memcmp(lex->pool + off, norm, l) == 0 &&
                lex->pool[off + l] == '*' && lex->pool[off + l + 1] == '\0') {
                if (n < max) {
                    out[n++] = id;
                } else {    /* keep the longest */
                    memmove(out, out + 1, (max - 1) * sizeof *out);
                    out[max - 1] = id;
                }
                break;
            }
        }
    }
    for (size_t i = 0; i < n / 2; i++) {    /* longest first */
        uint32_t x = out[i];
        out[i] = out[n - 1 - i];
        out[n - 1 - i] = x;
    }
    return n;
}

const char *dyadi_lex_key_str(const dyad_lexicon *lex, uint32_t id)
{
    if (!lex || id == 0 || id >= lex->nkeys)
        return NULL;
    return lex->pool + rd32(lex->keys + 4 * (size_t)id);
}

/* The root of a trie has a child for most keys of its kind (every first
 * word of a phrase): a binary search there ran for every token of every
 * document, so the root's children get a direct table (4 bytes per key per
 * trie, built in about a millisecond at open). Children were validated. */
static dyad_status index_roots(dyad_lexicon *lex)
{
    for (int t = 0; t < DYADI_TRIE_COUNT; t++) {
        lex_trie *tr = &lex->trie[t];
        if (tr->nnodes < 2 || lex->nkeys == 0)
            continue;
        if (!(tr->root_kids = calloc(lex->nkeys, sizeof *tr->root_kids)))
            return DYAD_ERR_NOMEM;
        const unsigned char *r = tr->nodes + DYADI_REC_NODE;
        uint32_t lo = rd32(r), n = rd32(r + 4);
        for (uint32_t i = lo; i < lo + n && i < tr->nkids; i++) {
            uint32_t k = rd32(tr->kids + 8 * (size_t)i), child = rd32(tr->kids + 8 * (size_t)i + 4);
            if (k < lex->nkeys)
                tr->root_kids[k] = child;
        }
        /* TABARI blanks span the rest of the clause: the words that can
         * end a gap, so that a gap skips the others with one load each */
        if (!(lex->flags & DYADI_LEX_WORDS) || t != DYADI_TRIE_TRIGGER)
            continue;
        if (!(tr->after_gap = calloc(lex->nkeys, 1)))
            return DYAD_ERR_NOMEM;
        for (uint32_t i = 0; i < tr->nkids; i++) {
            if (rd32(tr->kids + 8 * (size_t)i) != DYADI_KEY_GAP)
                continue;
            uint32_t g = rd32(tr->kids + 8 * (size_t)i + 4);
            if (g == 0 || g >= tr->nnodes)
                continue;
            const unsigned char *gr = tr->nodes + (size_t)g * DYADI_REC_NODE;
            uint32_t glo = rd32(gr), gn = rd32(gr + 4);
            for (uint32_t j = glo; j < glo + gn && j < tr->nkids; j++) {
                uint32_t k = rd32(tr->kids + 8 * (size_t)j);
                if (k < lex->nkeys)
                    tr->after_gap[k] = 1;
            }
        }
    }
    return DYAD_OK;
}

dyadi_node dyadi_lex_root(const dyad_lexicon *lex, int trie)
{
    return lex && trie >= 0 && trie < DYADI_TRIE_COUNT ? 1 : 0;
}

int dyadi_lex_after_gap(const dyad_lexicon *lex, int trie, uint32_t key)
{
    const lex_trie *tr = &lex->trie[trie];
    return !tr->after_gap || (key < lex->nkeys && tr->after_gap[key]);
}

dyadi_node dyadi_lex_step(const dyad_lexicon *lex, int trie, dyadi_node node, uint32_t key)
{
    if (!lex || trie < 0 || trie >= DYADI_TRIE_COUNT || key == 0)
        return 0;
    const lex_trie *tr = &lex->trie[trie];
    if (node == 1 && tr->root_kids)
        return key < lex->nkeys ? tr->root_kids[key] : 0;
    if (node == 0 || node >= tr->nnodes)
        return 0;
    const unsigned char *r = tr->nodes + (size_t)node * DYADI_REC_NODE;
    uint32_t lo = rd32(r), hi = lo + rd32(r + 4);
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t k = rd32(tr->kids + 8 * (size_t)mid);
        if (k == key)
            return rd32(tr->kids + 8 * (size_t)mid + 4);
        if (k < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

const uint32_t *dyadi_lex_entries(const dyad_lexicon *lex, int trie, dyadi_node node, size_t *n)
{
    *n = 0;
    if (!lex || trie < 0 || trie >= DYADI_TRIE_COUNT)
        return NULL;
    const lex_trie *tr = &lex->trie[trie];
    if (node == 0 || node >= tr->nnodes)
        return NULL;
    const unsigned char *r = tr->nodes + (size_t)node * DYADI_REC_NODE;
    uint32_t ne = rd32(r + 12);
    if (!ne)
        return NULL;
    *n = ne;
    return tr->ents + rd32(r + 8);
}

const dyadi_actor *dyadi_lex_actor(const dyad_lexicon *lex, uint32_t i)
{
    return lex && i < lex->nactors ? &lex->actors[i] : NULL;
}

uint32_t dyadi_lex_flags(const dyad_lexicon *lex)
{
    return lex->flags;
}

const char *dyadi_lex_options(const dyad_lexicon *lex)
{
    return lex ? lex->options : NULL;
}

const dyadi_trigger *dyadi_lex_trigger(const dyad_lexicon *lex, uint32_t i)
{
    return lex && i < lex->ntriggers ? &lex->triggers[i] : NULL;
}

const dyadi_cue *dyadi_lex_cue(const dyad_lexicon *lex, uint32_t i)
{
    return lex && i < lex->ncues ? &lex->cues[i] : NULL;
}

size_t dyadi_lex_count(const dyad_lexicon *lex, int trie)
{
    if (!lex)
        return 0;
    switch (trie) {
    case DYADI_TRIE_ACTOR: return lex->nactors;
    case DYADI_TRIE_TRIGGER: return lex->ntriggers;
    case DYADI_TRIE_CUE:
    case DYADI_TRIE_CUE_STEM: return lex->ncues;
    default: return 0;
    }
}

size_t dyadi_lex_cameo_count(const dyad_lexicon *lex)
{
    return lex ? lex->ncameo : 0;
}

const dyadi_cameo *dyadi_lex_cameo_at(const dyad_lexicon *lex, size_t i)
{
    return lex && i < lex->ncameo ? &lex->cameo[i] : NULL;
}

const dyadi_cameo *dyadi_lex_cameo(const dyad_lexicon *lex, const char *code)
{
    if (!lex || !code)
        return NULL;
    uint32_t lo = 0, hi = lex->ncameo;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int r = strcmp(lex->cameo[mid].code, code);
        if (r == 0)
            return &lex->cameo[mid];
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Roles are [from, to) in YYYYMMDD, 0 = open. A document dated to the
 * month only (YYYYMM00) is placed on the 15th and one dated to the year
 * (YYYY0000) on July 1st: the role held in the middle of the period wins,
 * which is right for every month but the one in which a role changes.
 * When roles overlap (a data error that `dict check` reports), the one
 * that started last wins. */
const char *dyadi_actor_code_at(const dyadi_actor *a, uint32_t date)
{
    if (!a)
        return NULL;
    if (date == 0 || !a->nroles)
        return a->code;
    if (date % 10000 == 0)
        date += 701;
    else if (date % 100 == 0)
        date += 15;
    const dyadi_role *best = NULL;
    for (uint32_t i = 0; i < a->nroles; i++) {
        const dyadi_role *r = &a->roles[i];
        if ((r->from == 0 || date >= r->from) && (r->to == 0 || date < r->to) &&
            (!best || r->from > best->from))
            best = r;
    }
    return best ? best->code : a->code;
}
