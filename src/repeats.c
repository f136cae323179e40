/* repeats.c - boilerplate across the documents of one source.
 *
 * A series of articles often carries the same paragraph ("X, which Russia
 * has supported since 2014, ...") in every issue. Coded per document, each
 * copy became a new event on its article's date: six articles, six events,
 * the largest edge of the month. The store (store.c) asks here, before it
 * creates an event for a sighting, whether the same news source already
 * reported the same event (actors, code, place, polarity, modality) in
 * another document in the same sentence, compared after normalisation
 * (case of ASCII letters, typographic quotes, runs of white space). If so,
 * the sighting is attached to that earlier event as a repeat, its rule
 * marked "repeat:", and no new event is made: the event is coded once, the
 * repeat is counted among its mentions. Events from different sources, or
 * from different sentences, are never merged here. */
#include "repeats.h"

#include <string.h>

/* Bytes of a key; longer sentences compare on their first KEY_MAX bytes
 * of key, which no two different sentences of news share. */
#define KEY_MAX DYADI_SENTENCE_KEY_MAX

static size_t sentence_key(const unsigned char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    int space = 1;                  /* drop leading white space */
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        unsigned char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            if (!space)
                out[k++] = ' ';
            space = 1;
            continue;
        }
        /* U+2018/2019 (’) and U+201C/201D (“ ”) as ' and " */
        if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] >= 0x98 && s[i + 2] <= 0x9D) {
            out[k++] = s[i + 2] <= 0x9B ? '\'' : '"';
            i += 2;
        } else if (c == 0xC2 && i + 1 < n && s[i + 1] == 0xA0) {   /* no-break space */
            if (!space)
                out[k++] = ' ';
            space = 1;
            i += 1;
            continue;
        } else {
            out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        space = 0;
    }
    while (k && out[k - 1] == ' ')
        k--;
    return k;
}

size_t dyadi_sentence_key(const char *s, size_t n, char *out, size_t cap)
{
    return sentence_key((const unsigned char *)s, n, out, cap);
}

static void sql_sentence_key(sqlite3_context *ctx, int argc, sqlite3_value **v)
{
    (void)argc;
    const unsigned char *s = sqlite3_value_text(v[0]);
    if (!s) {
        sqlite3_result_null(ctx);
        return;
    }
    char buf[KEY_MAX];
    size_t k = sentence_key(s, (size_t)sqlite3_value_bytes(v[0]), buf, sizeof buf);
    sqlite3_result_text(ctx, buf, (int)k, SQLITE_TRANSIENT);
}

int64_t dyadi_sentence_hash(const char *s, size_t n)
{
    char buf[KEY_MAX];
    size_t k = sentence_key((const unsigned char *)s, n, buf, sizeof buf);
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < k; i++)
        h = (h ^ (unsigned char)buf[i]) * 16777619u;
    return (int64_t)(h & 0x7fffffffu);
}

int64_t dyadi_sentence_hash62(const char *s, size_t n)
{
    char buf[KEY_MAX], hex[DYAD_CONTENT_HASH_LEN];
    size_t k = sentence_key((const unsigned char *)s, n, buf, sizeof buf);
    dyad_content_hash(buf, k, hex);
    /* the second of its two 64-bit hashes, the better mixed one */
    uint64_t h = 0;
    for (int i = 16; i < 32; i++)
        h = h << 4 | (uint64_t)(hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10);
    return (int64_t)((h & DYADI_SENTENCE_HASH62_MASK) | (DYADI_SENTENCE_HASH62_MASK + 1));
}

static void sql_sentence_hash(sqlite3_context *ctx, int argc, sqlite3_value **v)
{
    (void)argc;
    const unsigned char *s = sqlite3_value_text(v[0]);
    if (!s)
        sqlite3_result_null(ctx);
    else
        sqlite3_result_int64(ctx, dyadi_sentence_hash((const char *)s,
                                                      (size_t)sqlite3_value_bytes(v[0])));
}

int dyadi_repeats_register(sqlite3 *db)
{
    int rc = sqlite3_create_function(db, "dyad_sentence_key", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                     sql_sentence_key, NULL, NULL);
    if (rc != SQLITE_OK)
        return rc;
    return sqlite3_create_function(db, "dyad_sentence_hash", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                   sql_sentence_hash, NULL, NULL);
}

static void bind_or_empty(sqlite3_stmt *q, int i, const char *v)
{
    sqlite3_bind_text(q, i, v ? v : "", -1, SQLITE_STATIC);
}

int dyadi_repeat_find(sqlite3_stmt *q, const dyad_event *e, const char *doc_id,
                      const char *doc_source, const char *sentence, size_t len, int64_t *id)
{
    if (!sentence || !len)
        return 0;
    bind_or_empty(q, 1, e->source.code);
    bind_or_empty(q, 2, e->target.code);
    bind_or_empty(q, 3, e->code);
    bind_or_empty(q, 4, e->location);
    sqlite3_bind_text(q, 5, dyad_polarity_name(e->polarity), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, dyad_modality_name(e->modality), -1, SQLITE_STATIC);
    bind_or_empty(q, 7, doc_source);
    bind_or_empty(q, 8, doc_id);
    sqlite3_bind_text(q, 9, sentence, (int)len, SQLITE_STATIC);
    sqlite3_bind_int64(q, 10, dyadi_sentence_hash(sentence, len));
    sqlite3_bind_int64(q, 11, dyadi_sentence_hash62(sentence, len));
    int rc = sqlite3_step(q), r = 0;
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(q, 0);
        r = 1;
    } else if (rc != SQLITE_DONE) {
        r = -1;
    }
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return r;
}
