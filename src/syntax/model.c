/* model.c - the syntax model file: write it, map it, look things up in it.
 *
 * One file per language holds the tagger, the parser, the arc labeler and
 * the lemma/feature lexicon (layout: docs/formats.md, "Syntax models").
 * Like the compiled lexicon it is little-endian, versioned and checksummed,
 * and read with mmap: loading costs a header check and one pass of the
 * checksum, and every thread shares the pages. Nothing is copied at load;
 * the structs below point into the mapping.
 *
 * The classifiers are feature-key tables (open addressing, linear probing)
 * whose slots point at rows of 16-bit weights: a few cache lines per feature,
 * and a file of a few megabytes instead of a dense hashed matrix. */
#include "syntax/syntax.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

const char *const dyadi_upos_names[DYADI_NUPOS] = {
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

int dyadi_upos_id(const char *s)
{
    for (int i = 0; i < DYADI_NUPOS; i++)
        if (strcmp(s, dyadi_upos_names[i]) == 0)
            return i;
    return -1;
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#include <immintrin.h>
#define KEYS_AVX2 1
/* x * m (mod 2^64) in each lane: AVX2 multiplies 32 x 32 bits only */
__attribute__((target("avx2"), always_inline)) static inline __m256i mul64(__m256i x, __m256i mlo, __m256i mhi)
{
    __m256i lo = _mm256_mul_epu32(x, mlo);
    __m256i cross = _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(x, 32), mlo), _mm256_mul_epu32(x, mhi));
    return _mm256_add_epi64(lo, _mm256_slli_epi64(cross, 32));
}

/* dyadi_mix64 in each lane */
__attribute__((target("avx2"), always_inline)) static inline __m256i mix4(__m256i x)
{
    const __m256i m1lo = _mm256_set1_epi64x(0xed558ccdLL), m1hi = _mm256_set1_epi64x(0xff51afd7LL);
    const __m256i m2lo = _mm256_set1_epi64x(0x1a85ec53LL), m2hi = _mm256_set1_epi64x(0xc4ceb9feLL);
    x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 33));
    x = mul64(x, m1lo, m1hi);
    x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 33));
    x = mul64(x, m2lo, m2hi);
    return _mm256_xor_si256(x, _mm256_srli_epi64(x, 33));
}

/* The first n - n % 4 keys. */
__attribute__((target("avx2"))) static size_t fkeys_avx2(const uint64_t *tk, const uint64_t *a, const uint64_t *b,
                                                        const uint64_t *c, size_t n, uint32_t *out)
{
    const __m256i cb = _mm256_set1_epi64x((long long)0x632BE59BD9B4E019ULL);
    const __m256i cc = _mm256_set1_epi64x((long long)0x85EBCA77C2B2AE63ULL);
    const __m256i pick = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
#define LD(p) _mm256_loadu_si256((const __m256i *)(const void *)((p) + i))
        __m256i h = mix4(_mm256_xor_si256(LD(tk), LD(a)));
        h = mix4(_mm256_xor_si256(h, _mm256_add_epi64(LD(b), cb)));
        h = mix4(_mm256_xor_si256(h, _mm256_add_epi64(LD(c), cc)));
#undef LD
        /* low 32 bits of each lane xor its high 32 bits; 0 becomes 1 */
        __m256i k = _mm256_xor_si256(h, _mm256_srli_epi64(h, 32));
        __m128i k4 = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(k, pick));
        k4 = _mm_sub_epi32(k4, _mm_cmpeq_epi32(k4, _mm_setzero_si128()));
        _mm_storeu_si128((__m128i *)(void *)(out + i), k4);
    }
    return i;
}
#endif

void dyadi_fkeys(const uint64_t *tk, const uint64_t *a, const uint64_t *b, const uint64_t *c, size_t n,
                 uint32_t *out)
{
    size_t i = 0;
#if defined(KEYS_AVX2)
    if (__builtin_cpu_supports("avx2"))
        i = fkeys_avx2(tk, a, b, c, n, out);
#endif
    for (; i < n; i++)
        out[i] = dyadi_fkey_tk(tk[i], a[i], b[i], c[i]);
}

uint64_t dyadi_shash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return dyadi_mix64(h ^ n);
}

/* Each feature is a random probe into a table of megabytes, and also a
 * dozen instructions: with every feature in cache a word costs about what
 * it costs with cold tables, so both count. The slots are prefetched a few features ahead of the probe, so that the
 * cache misses overlap instead of queueing one behind the other (a burst
 * of a hundred prefetches overflows the core's miss buffers and is partly
 * dropped). Sums are kept in registers (four classes) or added a vector
 * of classes at a time (wider rows); the result is the same integer sum. */
#define MAX_PROBE 128
#define PF_AHEAD 16

#if defined(KEYS_AVX2)
#define ROWS_AVX2 1
/* scores[0..nc) += the rows' weights, 8 <= nc <= 8 * nch, with AVX2: each
 * block of eight classes keeps its sum in a register for the whole walk
 * over the rows. The last block is the row's last eight classes; it
 * overlaps the block before it when nc is not a multiple of eight, and
 * the lanes the other blocks counted are masked out of its sum. */
__attribute__((target("avx2"), always_inline)) static inline void
add_rows_blocks(int32_t *scores, const int16_t *const *rows, size_t nr, uint32_t nc, const int nch)
{
    __m256i acc[8];
    const uint32_t last = nc - 8;
    for (int q = 0; q < nch; q++)
        acc[q] = _mm256_setzero_si256();
    for (size_t r = 0; r < nr; r++) {
        const int16_t *p = rows[r];
        for (int q = 0; q < nch - 1; q++)
            acc[q] = _mm256_add_epi32(
                acc[q], _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)(const void *)(p + 8 * q))));
        acc[nch - 1] = _mm256_add_epi32(
            acc[nch - 1], _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)(const void *)(p + last))));
    }
    /* lane l of the last block is class last + l: keep it when no other
     * block has it */
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i first_new = _mm256_set1_epi32((int)(8 * (uint32_t)(nch - 1) - last) - 1);
    acc[nch - 1] = _mm256_and_si256(acc[nch - 1], _mm256_cmpgt_epi32(lane, first_new));
    for (int q = 0; q < nch; q++) {
        int32_t *d = scores + (q == nch - 1 ? last : 8 * (uint32_t)q);
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)d);
        _mm256_storeu_si256((__m256i *)(void *)d, _mm256_add_epi32(v, acc[q]));
    }
}

/* 1 when the rows were added (nc from 8 to 64 on a CPU with AVX2). */
__attribute__((target("avx2"))) static int add_rows_avx2(int32_t *scores, const int16_t *const *rows,
                                                         size_t nr, uint32_t nc)
{
    switch ((nc + 7) / 8) {
    case 2: add_rows_blocks(scores, rows, nr, nc, 2); return 1;
    case 3: add_rows_blocks(scores, rows, nr, nc, 3); return 1;
    case 4: add_rows_blocks(scores, rows, nr, nc, 4); return 1;
    case 5: add_rows_blocks(scores, rows, nr, nc, 5); return 1;
    case 6: add_rows_blocks(scores, rows, nr, nc, 6); return 1;
    case 7: add_rows_blocks(scores, rows, nr, nc, 7); return 1;
    case 8: add_rows_blocks(scores, rows, nr, nc, 8); return 1;
    default: return 0;
    }
}
#endif

#if defined(KEYS_AVX2)
/* The first n - n % 8 home slots. */
__attribute__((target("avx2"))) static size_t home_slots_avx2(const uint32_t *k, size_t n, uint32_t mask,
                                                             uint32_t *at)
{
    const __m256i g = _mm256_set1_epi32((int)0x9E3779B1u), m = _mm256_set1_epi32((int)mask);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(k + i));
        _mm256_storeu_si256((__m256i *)(void *)(at + i), _mm256_and_si256(_mm256_mullo_epi32(x, g), m));
    }
    return i;
}
#endif

/* The slot where each key's probe starts. */
static void home_slots(const uint32_t *k, size_t n, uint32_t mask, uint32_t *at)
{
    size_t i = 0;
#if defined(KEYS_AVX2)
    if (__builtin_cpu_supports("avx2"))
        i = home_slots_avx2(k, n, mask, at);
#endif
    for (; i < n; i++)
        at[i] = (k[i] * 0x9E3779B1u) & mask;
}

/* scores[0..nc) += the rows' weights, eight classes at a time. */
static void add_rows(int32_t *scores, const int16_t *const *rows, size_t nr, uint32_t nc)
{
#if defined(ROWS_AVX2)
    if (nc >= 8 && __builtin_cpu_supports("avx2") && add_rows_avx2(scores, rows, nr, nc))
        return;
#endif
    uint32_t j = 0;
#if defined(__SSE2__)
    for (; j + 8 <= nc; j += 8) {
        __m128i lo = _mm_loadu_si128((const __m128i *)(const void *)(scores + j));
        __m128i hi = _mm_loadu_si128((const __m128i *)(const void *)(scores + j + 4));
        for (size_t r = 0; r < nr; r++) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(rows[r] + j));
            lo = _mm_add_epi32(lo, _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16));
            hi = _mm_add_epi32(hi, _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16));
        }
        _mm_storeu_si128((__m128i *)(void *)(scores + j), lo);
        _mm_storeu_si128((__m128i *)(void *)(scores + j + 4), hi);
    }
#endif
    for (; j < nc; j++) {
        int32_t a = scores[j];
        for (size_t r = 0; r < nr; r++)
            a += rows[r][j];
        scores[j] = a;
    }
}

/* The slot of key k, whose probe starts at slot i; NULL when absent. */
static inline const uint32_t *find_slot(const uint32_t *slots, uint32_t stride, uint32_t mask, uint32_t k,
                                        uint32_t i)
{
    for (;;) {
        const uint32_t *sl = &slots[stride * (size_t)i];
        if (*sl == k)
            return sl;
        if (!*sl)
            return NULL;
        i = (i + 1) & mask;
    }
}

/* Classifiers of at most 4 classes: the weights are in the slot. */
static void score_slots4(const dyadi_clf *c, const uint32_t *feats, const uint32_t *at, size_t nf,
                         int32_t *scores)
{
    const uint32_t *slots = c->slots;
    const uint32_t mask = c->mask;
    const size_t pf_end = nf > PF_AHEAD ? nf - PF_AHEAD : 0;
#if defined(__SSE2__)
    __m128i acc = _mm_setzero_si128();
#define ADD4(sl)                                                                                   \
    do {                                                                                           \
        __m128i x_ = _mm_loadl_epi64((const __m128i *)(const void *)((sl) + 1));                   \
        acc = _mm_add_epi32(acc, _mm_srai_epi32(_mm_unpacklo_epi16(x_, x_), 16));                 \
    } while (0)
#else
    int32_t a[4] = {0, 0, 0, 0};
#define ADD4(sl)                                                                                   \
    do {                                                                                           \
        int16_t wv_[4];                                                                            \
        memcpy(wv_, (sl) + 1, sizeof wv_);                                                         \
        for (int j_ = 0; j_ < 4; j_++)                                                             \
            a[j_] += wv_[j_];                                                                      \
    } while (0)
#endif
    size_t f = 0;
    for (; f < pf_end; f++) {
        __builtin_prefetch(&slots[3 * (size_t)at[f + PF_AHEAD]]);
        const uint32_t *sl = find_slot(slots, 3, mask, feats[f], at[f]);
        if (sl)
            ADD4(sl);
    }
    for (; f < nf; f++) {
        const uint32_t *sl = find_slot(slots, 3, mask, feats[f], at[f]);
        if (sl)
            ADD4(sl);
    }
#undef ADD4
#if defined(__SSE2__)
    int32_t a[4];
    _mm_storeu_si128((__m128i *)(void *)a, acc);
#endif
    for (uint32_t j = 0; j < c->nclass; j++)
        scores[j] += a[j];
}

void dyadi_clf_score(const dyadi_clf *c, const uint32_t *feats, size_t nf, int32_t *scores)
{
    if (!c->slots)
        return;
    const uint32_t stride = c->stride;
    uint32_t at[MAX_PROBE];
    if (nf > MAX_PROBE)
        nf = MAX_PROBE;
    home_slots(feats, nf, c->mask, at);
    for (size_t f = 0; f < nf && f < PF_AHEAD; f++)
        __builtin_prefetch(&c->slots[stride * (size_t)at[f]]);
    if (stride == 3) {
        score_slots4(c, feats, at, nf, scores);
        return;
    }
    /* rows of weights: find every row first, then add them up */
    const int16_t *rowp[MAX_PROBE];
    size_t nr = 0;
    const size_t pf_end = nf > PF_AHEAD ? nf - PF_AHEAD : 0;
    for (size_t f = 0; f < nf; f++) {
        if (f < pf_end)
            __builtin_prefetch(&c->slots[2 * (size_t)at[f + PF_AHEAD]]);
        const uint32_t *sl = find_slot(c->slots, 2, c->mask, feats[f], at[f]);
        if (sl) {
            rowp[nr] = c->w + (size_t)sl[1] * c->nclass;
            __builtin_prefetch(rowp[nr]);
            nr++;
        }
    }
    add_rows(scores, rowp, nr, c->nclass);
}

const dyadi_lexent *dyadi_model_lex(const dyad_model *m, uint32_t key)
{
    if (!m->lex)
        return NULL;
    uint32_t i = (key * 0x9E3779B1u) & m->lex_mask;
    for (;;) {
        const dyadi_lexent *e = &m->lex[i];
        if (e->key == key)
            return e;
        if (e->key == 0)
            return NULL;
        i = (i + 1) & m->lex_mask;
    }
}

/* ---- file layout ----------------------------------------------------------
 * header (64 bytes):
 *   0  magic "DYADSYN\0"     8  u32 version       12 u32 section count
 *   16 char lang[8]          24 u64 file size     32 u64 checksum of bytes 64..end
 *   40 u32 words trained on  44..63 zero
 * section table: count x {u32 id, u32 reserved, u64 offset, u64 size}
 * sections, each 8-byte aligned. */
enum {
    SEC_STRINGS = 1, SEC_LABELS, SEC_LABELDIR, SEC_FEATS, SEC_UPOSFEATS,
    SEC_LEX, SEC_TAGGER, SEC_PARSER, SEC_LABELER, SEC_META, SEC_TAGGER2, SEC_MAX
};
#define HDR_SIZE 64u

static uint64_t checksum(const unsigned char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, p + i, 8);
        h = (h ^ v) * 0xff51afd7ed558ccdULL;
        h ^= h >> 29;
    }
    for (; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return dyadi_mix64(h);
}

typedef struct wbuf {
    unsigned char *p;
    size_t len, cap;
} wbuf;

static int wb_put(wbuf *b, const void *d, size_t n)
{
    if (b->len + n + 8 > b->cap) {
        size_t c = b->cap ? b->cap : 1 << 16;
        while (c < b->len + n + 8)
            c *= 2;
        unsigned char *q = realloc(b->p, c);
        if (!q)
            return 0;
        b->p = q;
        b->cap = c;
    }
    if (n)
        memcpy(b->p + b->len, d, n);
    b->len += n;
    return 1;
}

static int wb_align(wbuf *b)
{
    static const unsigned char z[8] = {0};
    return wb_put(b, z, (8 - b->len % 8) % 8);
}

static void put_u32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }
static void put_u64(unsigned char *p, uint64_t v) { memcpy(p, &v, 8); }

/* A classifier section: u32 nclass, u32 slots, u32 nrows, f32 scale, then
 * slots x {u32 key, u32 row} and int16 w[nrows*nclass]; or, with at most 4
 * classes, slots x {u32 key, int16 w[4]} (nrows: keys used). */
static int put_clf(wbuf *b, const dyadi_clf *c)
{
    uint32_t h[4] = {c->nclass, c->slots ? c->mask + 1 : 0, c->nrows, 0};
    memcpy(&h[3], &c->scale, 4);
    if (!wb_put(b, h, sizeof h))
        return 0;
    if (c->slots && !wb_put(b, c->slots, (size_t)(c->mask + 1) * 4 * c->stride))
        return 0;
    if (c->slots && c->stride == 2 && !wb_put(b, c->w, (size_t)c->nrows * c->nclass * 2))
        return 0;
    return 1;
}

dyad_status dyadi_model_write(const dyadi_model_src *src, const char *path, char *err, size_t errlen)
{
    wbuf b = {0};
    dyad_status st = DYAD_ERR_NOMEM;
    FILE *f = NULL;
    struct { uint32_t id; uint64_t off, size; } sec[SEC_MAX];
    uint32_t ns = 0;
    unsigned char hdr[HDR_SIZE] = {0};
    if (!wb_put(&b, hdr, HDR_SIZE))
        goto fail;
    /* the section table is written after the header once offsets are known */
    unsigned char table[SEC_MAX * 24] = {0};
    const uint32_t nsec = SEC_MAX - 1;
    if (!wb_put(&b, table, nsec * 24u) || !wb_align(&b))
        goto fail;
#define SECTION(ID, EXPR)                                                      \
    do {                                                                       \
        sec[ns].id = (ID);                                                     \
        sec[ns].off = b.len;                                                   \
        if (!(EXPR))                                                           \
            goto fail;                                                         \
        sec[ns].size = b.len - sec[ns].off;                                    \
        ns++;                                                                  \
        if (!wb_align(&b))                                                     \
            goto fail;                                                         \
    } while (0)
    SECTION(SEC_STRINGS, wb_put(&b, src->strings, src->nstrings));
    SECTION(SEC_LABELS, wb_put(&b, src->labels, (size_t)src->nlabels * 4));
    SECTION(SEC_LABELDIR, wb_put(&b, src->label_dir, src->nlabels));
    SECTION(SEC_FEATS, wb_put(&b, src->feats, (size_t)src->nfeats * 4));
    SECTION(SEC_UPOSFEATS, wb_put(&b, src->upos_feats, sizeof src->upos_feats));
    SECTION(SEC_LEX, wb_put(&b, src->lex, (size_t)src->lex_slots * sizeof(dyadi_lexent)));
    SECTION(SEC_TAGGER, put_clf(&b, &src->tagger));
    SECTION(SEC_PARSER, put_clf(&b, &src->parser));
    SECTION(SEC_LABELER, put_clf(&b, &src->labeler));
    uint32_t meta[4] = {src->root_label, src->nwords_train, 0, 0};
    SECTION(SEC_META, wb_put(&b, meta, sizeof meta));
    SECTION(SEC_TAGGER2, put_clf(&b, &src->tagger2));
#undef SECTION
    memcpy(b.p, DYADI_MODEL_MAGIC, 8);
    put_u32(b.p + 8, DYADI_MODEL_VERSION);
    put_u32(b.p + 12, ns);
    memcpy(b.p + 16, src->lang, 8);
    put_u64(b.p + 24, b.len);
    put_u32(b.p + 40, src->nwords_train);
    for (uint32_t i = 0; i < ns; i++) {
        unsigned char *t = b.p + HDR_SIZE + i * 24;
        put_u32(t, sec[i].id);
        put_u32(t + 4, 0);
        put_u64(t + 8, sec[i].off);
        put_u64(t + 16, sec[i].size);
    }
    put_u64(b.p + 32, checksum(b.p + HDR_SIZE, b.len - HDR_SIZE));
    f = fopen(path, "wb");
    if (!f || fwrite(b.p, 1, b.len, f) != b.len) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        st = DYAD_ERR_IO;
        goto fail;
    }
    if (fclose(f) != 0) {
        f = NULL;
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        st = DYAD_ERR_IO;
        goto fail;
    }
    f = NULL;
    st = DYAD_OK;
fail:
    if (st == DYAD_ERR_NOMEM)
        snprintf(err, errlen, "out of memory writing %s", path);
    if (f)
        fclose(f);
    free(b.p);
    return st;
}

/* ---- loading ---------------------------------------------------------------- */

static int get_clf(dyad_model *m, const unsigned char *p, uint64_t size, dyadi_clf *c)
{
    if (size < 16)
        return 0;
    uint32_t h[4];
    memcpy(h, p, 16);
    c->nclass = h[0];
    c->nrows = h[2];
    memcpy(&c->scale, &h[3], 4);
    uint32_t slots = h[1];
    if (slots == 0) {
        memset(c, 0, sizeof *c);
        return size == 16;
    }
    if ((slots & (slots - 1)) || c->nclass == 0 || c->nclass > 4096 || c->nrows > slots)
        return 0;
    c->stride = c->nclass <= 4 ? 3 : 2;
    uint64_t need = 16 + (uint64_t)slots * 4 * c->stride +
                    (c->stride == 2 ? (uint64_t)c->nrows * c->nclass * 2 : 0);
    if (need != size)
        return 0;
    c->mask = slots - 1;
    c->slots = (const uint32_t *)(p + 16);
    c->w = c->stride == 2 ? (const int16_t *)(c->slots + 2 * (size_t)slots) : NULL;
    for (uint32_t i = 0; c->stride == 2 && i < slots; i++)
        if (c->slots[2 * (size_t)i] && c->slots[2 * (size_t)i + 1] >= c->nrows)
            return 0;
    (void)m;
    return 1;
}

static dyad_status load_fail(dyad_model *m, dyad_status st, char *err, size_t errlen,
                             const char *path, const char *what)
{
    if (err && errlen)
        snprintf(err, errlen, "%s: %s", path, what);
    dyad_model_free(m);
    return st;
}

DYAD_API dyad_status dyad_model_open(const char *path, const char *lang, dyad_model **out,
                                     char *err, size_t errlen)
{
    if (out)
        *out = NULL;
    if (!path || !out)
        return DYAD_ERR_ARG;
    if (err && errlen)
        err[0] = '\0';
    dyad_model *m = calloc(1, sizeof *m);
    if (!m)
        return DYAD_ERR_NOMEM;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        char why[160];
        snprintf(why, sizeof why, "cannot open syntax model: %s", strerror(errno));
        return load_fail(m, errno == ENOENT ? DYAD_ERR_NOTFOUND : DYAD_ERR_IO, err, errlen, path, why);
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, "not a regular file");
    }
    m->size = (size_t)sb.st_size;
    if (m->size < HDR_SIZE) {
        close(fd);
        return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, "not a dyad syntax model (too short)");
    }
    void *p = mmap(NULL, m->size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return load_fail(m, DYAD_ERR_IO, err, errlen, path, "cannot map the file");
    m->base = p;
    m->mapped = 1;
    const unsigned char *b = m->base;
    if (memcmp(b, DYADI_MODEL_MAGIC, 8) != 0)
        return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, "not a dyad syntax model (bad magic)");
    uint32_t version, nsec;
    uint64_t fsize, sum;
    memcpy(&version, b + 8, 4);
    memcpy(&nsec, b + 12, 4);
    memcpy(&fsize, b + 24, 8);
    memcpy(&sum, b + 32, 8);
    memcpy(&m->nwords_train, b + 40, 4);
    if (version != DYADI_MODEL_VERSION) {
        char why[160];
        snprintf(why, sizeof why, "syntax model format version %u, this dyad reads version %u",
                 version, DYADI_MODEL_VERSION);
        return load_fail(m, DYAD_ERR_VERSION, err, errlen, path, why);
    }
    if (fsize != m->size) {
        char why[160];
        snprintf(why, sizeof why, "truncated or damaged syntax model (%zu bytes, header says %llu)",
                 m->size, (unsigned long long)fsize);
        return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, why);
    }
    if (checksum(b + HDR_SIZE, m->size - HDR_SIZE) != sum)
        return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, "damaged syntax model (checksum)");
    memcpy(m->lang, b + 16, 8);
    m->lang[7] = '\0';
    if (lang && *lang && strcmp(lang, m->lang) != 0) {
        char why[160];
        snprintf(why, sizeof why, "syntax model is for language '%s', not '%s'", m->lang, lang);
        return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, why);
    }
    if (nsec == 0 || nsec >= SEC_MAX || HDR_SIZE + (uint64_t)nsec * 24 > m->size)
        return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, "bad section table");
    int have[SEC_MAX] = {0};
    for (uint32_t i = 0; i < nsec; i++) {
        const unsigned char *t = b + HDR_SIZE + i * 24;
        uint32_t id;
        uint64_t off, size;
        memcpy(&id, t, 4);
        memcpy(&off, t + 8, 8);
        memcpy(&size, t + 16, 8);
        if (id == 0 || id >= SEC_MAX || off % 8 || off > m->size || size > m->size - off)
            return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, "bad section table");
        const unsigned char *s = b + off;
        int ok = 1;
        switch (id) {
        case SEC_STRINGS:
            m->strings = (const char *)s;
            m->nstrings = (uint32_t)size;
            ok = size > 0 && s[size - 1] == '\0';
            break;
        case SEC_LABELS:
            m->labels = (const uint32_t *)s;
            m->nlabels = (uint32_t)(size / 4);
            ok = size % 4 == 0 && m->nlabels > 0 && m->nlabels <= 4096;
            break;
        case SEC_LABELDIR:
            m->label_dir = s;
            ok = m->nlabels == 0 || size == m->nlabels;
            break;
        case SEC_FEATS:
            m->feats = (const uint32_t *)s;
            m->nfeats = (uint32_t)(size / 4);
            ok = size % 4 == 0 && m->nfeats > 0 && m->nfeats <= 65535;
            break;
        case SEC_UPOSFEATS:
            ok = size == sizeof m->upos_feats;
            if (ok)
                memcpy(m->upos_feats, s, sizeof m->upos_feats);
            break;
        case SEC_LEX: {
            uint64_t n = size / sizeof(dyadi_lexent);
            ok = size % sizeof(dyadi_lexent) == 0 && (n == 0 || (n & (n - 1)) == 0);
            m->lex = n ? (const dyadi_lexent *)s : NULL;
            m->lex_mask = n ? (uint32_t)(n - 1) : 0;
            break;
        }
        case SEC_TAGGER: ok = get_clf(m, s, size, &m->tagger); break;
        case SEC_PARSER: ok = get_clf(m, s, size, &m->parser); break;
        case SEC_LABELER: ok = get_clf(m, s, size, &m->labeler); break;
        case SEC_TAGGER2: ok = get_clf(m, s, size, &m->tagger2); break;
        case SEC_META:
            ok = size >= 8;
            if (ok)
                memcpy(&m->root_label, s, 4);
            break;
        default: break;
        }
        if (!ok)
            return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, "bad section");
        have[id] = 1;
    }
    for (int id = 1; id < SEC_MAX; id++)
        if (!have[id])
            return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, "a section is missing");
    /* every string offset and class count must fit */
    if (m->tagger.nclass != DYADI_NUPOS || m->parser.nclass != DYADI_NACT ||
        (m->tagger2.slots && m->tagger2.nclass != DYADI_NUPOS) ||
        m->labeler.nclass != m->nlabels || m->root_label >= m->nlabels)
        return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, "classifier sizes do not match");
    /* the labels parser.c's repairs look for; UINT32_MAX when absent */
    struct { const char *name; uint32_t *id; } named[] = {
        {"nsubj", &m->nsubj_label},   {"obj", &m->obj_label},
        {"aux", &m->aux_label},       {"aux:pass", &m->aux_pass_label},
        {"nsubj:pass", &m->nsubj_pass_label}, {"obl", &m->obl_label},
        {"case", &m->case_label},
    };
    const size_t nnamed = sizeof named / sizeof *named;
    for (size_t k = 0; k < nnamed; k++)
        *named[k].id = UINT32_MAX;
    for (uint32_t i = 0; i < m->nlabels; i++) {
        if (m->labels[i] >= m->nstrings)
            return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, "bad label string");
        const char *l = m->strings + m->labels[i];
        if (strcmp(l, "parataxis") == 0 || (strcmp(l, "dep") == 0 && m->fallback_label == 0))
            m->fallback_label = i;
        for (size_t k = 0; k < nnamed; k++)
            if (strcmp(l, named[k].name) == 0)
                *named[k].id = i;
    }
    for (uint32_t i = 0; i < m->nfeats; i++)
        if (m->feats[i] >= m->nstrings)
            return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, "bad feature string");
    for (int i = 0; i < DYADI_NUPOS; i++)
        if (m->upos_feats[i] >= m->nfeats)
            return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, "bad feature index");
    for (uint32_t i = 0; m->lex && i <= m->lex_mask; i++) {
        const dyadi_lexent *e = &m->lex[i];
        if (e->key && (e->kind > 4 || e->lemma >= m->nstrings ||
                       e->feats >= m->nfeats))
            return load_fail(m, DYAD_ERR_FORMAT, err, errlen, path, "bad lexicon entry");
    }
    *out = m;
    return DYAD_OK;
}

DYAD_API void dyad_model_free(dyad_model *m)
{
    if (!m)
        return;
    if (m->base && m->mapped)
        munmap((void *)m->base, m->size);
    free(m);
}

DYAD_API const char *dyad_model_lang(const dyad_model *m)
{
    return m ? m->lang : NULL;
}
