/* stem.c - the stem key of a word: irregular lemma first, then Snowball.
 *
 * Fourth text stage, once the language is known. Triggers and cue verbs in
 * the dictionaries are keyed on stems, so "a refusé", "refuse" and
 * "refusaient" meet on one key. Snowball (libstemmer) handles regular
 * morphology; it cannot know that "ont"/"eu" are avoir or "fought" is
 * fight, so a table of irregular forms (data/text/LANG/lemmas.tsv, compiled
 * into text_tables.c) is looked up first and answers with the lemma.
 * For English the lemma's own Snowball stem is mapped back to the lemma
 * ("leaving" -> "leav" -> "leave"), so regular and irregular forms of one
 * verb share a key; French stems of irregular verbs vary too much for that
 * to be safe ("partir" -> "part", the noun), so French relies on full
 * paradigms in its table instead. Other languages get the norm key back.
 * The Snowball environments are per handle (they are not thread-safe). */
#include "text.h"
#include "text_tables.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

/* Keys longer than this are not words worth stemming (URLs, garbage). */
#define STEM_MAX_LEN 64

typedef struct remap {
    char *stem;             /* malloc'd */
    const char *lemma;      /* static (text_tables.c) */
} remap;

struct dyadi_stemmer {
    struct sb_stemmer *fr, *en;
    remap *en_remap;
    size_t n_en_remap;
};

static int cmp_remap(const void *a, const void *b)
{
    const remap *x = a, *y = b;
    int r = strcmp(x->stem, y->stem);
    return r ? r : strcmp(x->lemma, y->lemma);
}

void dyadi_stemmer_free(dyadi_stemmer *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->n_en_remap; i++)
        free(st->en_remap[i].stem);
    free(st->en_remap);
    if (st->fr)
        sb_stemmer_delete(st->fr);
    if (st->en)
        sb_stemmer_delete(st->en);
    free(st);
}

dyadi_stemmer *dyadi_stemmer_new(void)
{
    dyadi_stemmer *st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    st->fr = sb_stemmer_new("french", "UTF_8");
    st->en = sb_stemmer_new("english", "UTF_8");
    if (!st->fr || !st->en)
        goto fail;
    st->en_remap = calloc(dyadi_n_lemmas_en, sizeof *st->en_remap);
    if (!st->en_remap)
        goto fail;
    for (size_t i = 0; i < dyadi_n_lemmas_en; i++) {
        const dyadi_lemma *l = &dyadi_lemmas_en[i];
        if (strcmp(l->form, l->lemma) != 0)
            continue;               /* each lemma once: its own entry */
        size_t n = strlen(l->lemma);
        const sb_symbol *s = sb_stemmer_stem(st->en, (const sb_symbol *)l->lemma, (int)n);
        if (!s)
            goto fail;
        size_t sn = (size_t)sb_stemmer_length(st->en);
        if (sn == n && memcmp(s, l->lemma, n) == 0)
            continue;
        char *copy = malloc(sn + 1);
        if (!copy)
            goto fail;
        memcpy(copy, s, sn);
        copy[sn] = '\0';
        st->en_remap[st->n_en_remap].stem = copy;
        st->en_remap[st->n_en_remap].lemma = l->lemma;
        st->n_en_remap++;
    }
    qsort(st->en_remap, st->n_en_remap, sizeof *st->en_remap, cmp_remap);
    return st;
fail:
    dyadi_stemmer_free(st);
    return NULL;
}

static const char *find_lemma(const dyadi_lemma *t, size_t n, const char *key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = strcmp(key, t[mid].form);
        if (r == 0)
            return t[mid].lemma;
        if (r < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* First remap entry for a stem of sn bytes (lowest lemma on ties). */
static const char *find_remap(const dyadi_stemmer *st, const char *s, size_t sn)
{
    size_t lo = 0, hi = st->n_en_remap;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *k = st->en_remap[mid].stem;
        int r = strncmp(k, s, sn);
        if (r == 0 && k[sn] != '\0')
            r = 1;
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < st->n_en_remap && strncmp(st->en_remap[lo].stem, s, sn) == 0 &&
        st->en_remap[lo].stem[sn] == '\0')
        return st->en_remap[lo].lemma;
    return NULL;
}

const char *dyadi_stem_key(dyadi_stemmer *st, dyadi_arena *a, const char *lang,
                           const char *norm)
{
    if (!st || !lang || !norm)
        return norm;
    int fr = strcmp(lang, "fr") == 0, en = !fr && strcmp(lang, "en") == 0;
    if (!fr && !en)
        return norm;
    const char *lemma = fr ? find_lemma(dyadi_lemmas_fr, dyadi_n_lemmas_fr, norm)
                           : find_lemma(dyadi_lemmas_en, dyadi_n_lemmas_en, norm);
    /* The lemma is stemmed like any word, so an irregular form and the
     * regular forms of its verb meet on one key ("soutenu" -> "soutenir"
     * -> "souten", as "soutient" -> "souten"). */
    if (lemma)
        norm = lemma;
    size_t n = strlen(norm);
    /* elided forms ("l'", "qu'") and clitics key as themselves */
    if (n == 0 || n > STEM_MAX_LEN || norm[n - 1] == '\'' || norm[0] == '\'')
        return norm;
    struct sb_stemmer *sb = fr ? st->fr : st->en;
    /* French verb forms that Snowball leaves apart from their infinitive:
     * the third person plural ("condamnent", "rencontrent" keep -ent) is
     * stemmed as the singular ("condamne"), and present forms of -ier verbs
     * ("négocie", "remercient") as the infinitive ("négocier"). Pattern words
     * go through the same function, so every form keys alike. */
    char alt[STEM_MAX_LEN + 4];
    const char *in = norm;
    size_t inlen = n;
    if (fr && !lemma && n + 2 < sizeof alt) {
        size_t m = 0;
        if (n > 5 && memcmp(norm + n - 3, "ent", 3) == 0 && memcmp(norm + n - 4, "ment", 4) != 0 &&
            (strchr("aeioyéè", norm[n - 4]) == NULL)) {   /* -quent, -guent, -uent too */
            memcpy(alt, norm, n - 2);         /* condamnent -> condamne */
            m = n - 2;
        }
        if (m == 0 ? (n > 4 && memcmp(norm + n - 2, "ie", 2) == 0)
                   : (m > 4 && memcmp(alt + m - 2, "ie", 2) == 0)) {
            if (m == 0) {
                memcpy(alt, norm, n);
                m = n;
            }
            alt[m++] = 'r';                   /* négocie -> négocier */
        } else if (m == 0 && n > 5 && memcmp(norm + n - 3, "ies", 3) == 0) {
            memcpy(alt, norm, n - 1);
            m = n - 1;
            alt[m++] = 'r';                   /* négocies -> négocier */
        }
        if (m)
            alt[m] = '\0';
        if (m) {
            in = alt;
            inlen = m;
        }
    }
    const sb_symbol *s = sb_stemmer_stem(sb, (const sb_symbol *)in, (int)inlen);
    if (!s)
        return NULL;
    size_t sn = (size_t)sb_stemmer_length(sb);
    if (en) {
        const char *back = find_remap(st, (const char *)s, sn);
        if (back)
            return back;
    }
    if (in == norm && sn == n && memcmp(s, norm, n) == 0)
        return norm;
    return dyadi_arena_strndup(a, (const char *)s, sn);
}
