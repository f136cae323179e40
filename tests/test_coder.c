/* test_coder.c - the coder driver with no lexicon: the text stages run in
 * order on a document, arrays are consistent (spans increasing, inside
 * their sentence), keys and stems are per language, dates are parsed, bad
 * input (empty, invalid UTF-8, NUL bytes, 20 MB on one line) is coded or
 * refused cleanly, and a coder is reusable. */
#include "testutil.h"
#include "coder.h"
#include "events.h"

#include <stdlib.h>
#include <time.h>

static dyad_doc doc_of(const char *s, size_t n, const char *lang, const char *date)
{
    dyad_doc d;
    memset(&d, 0, sizeof d);
    d.text = s;
    d.text_len = n;
    d.lang = lang;
    d.date = date;
    return d;
}

static const dyad_token *find_tok(const dyad_coder *c, const char *text, const char *surface, size_t *idx)
{
    size_t n;
    const dyad_token *t = dyad_coder_tokens(c, &n);
    size_t sl = strlen(surface);
    for (size_t i = 0; i < n; i++)
        if (t[i].span.end - t[i].span.start == sl && memcmp(text + t[i].span.start, surface, sl) == 0) {
            if (idx)
                *idx = i;
            return &t[i];
        }
    fail_msg("no token \"%s\"", surface);
    return NULL;
}

/* The structural invariants of any coded document. */
static void check_arrays(const dyad_coder *c, size_t len)
{
    size_t nt, ns;
    const dyad_token *t = dyad_coder_tokens(c, &nt);
    const dyad_sentence *s = dyad_coder_sentences(c, &ns);
    assert_true(nt > 0);
    assert_true(ns > 0);
    uint32_t last = 0;
    for (size_t i = 0; i < nt; i++) {
        assert_true(t[i].span.start < t[i].span.end);
        assert_true(t[i].span.start >= last);
        assert_true(t[i].span.end <= len);
        last = t[i].span.end;
        assert_non_null(t[i].norm);
        assert_non_null(t[i].stem);
        assert_true(t[i].norm[0] != '\0');
    }
    size_t next = 0;
    for (size_t k = 0; k < ns; k++) {
        assert_int_equal(s[k].first_token, next);
        assert_true(s[k].n_tokens > 0);
        next += s[k].n_tokens;
        assert_int_equal(s[k].span.start, t[s[k].first_token].span.start);
        assert_int_equal(s[k].span.end, t[s[k].first_token + s[k].n_tokens - 1].span.end);
        if (k)
            assert_true(s[k].span.start >= s[k - 1].span.end);
    }
    assert_int_equal(next, nt);
}

static void seed_article(void **state)
{
    (void)state;
    FILE *f = fopen("examples/2022-08_russia-allies.fr.txt", "rb");
    if (!f)
        f = fopen("../examples/2022-08_russia-allies.fr.txt", "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = '\0';
    const char *art = strstr(buf, "2022-08");
    assert_non_null(art);
    art += 8;
    size_t n = len - (size_t)(art - buf);
    dyad_coder *c = dyad_coder_new(NULL);
    assert_non_null(c);
    dyad_doc d = doc_of(art, n, NULL, "2022-08");
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    assert_string_equal(dyad_coder_lang(c), "fr");
    assert_int_equal(c->date, 20220800);
    check_arrays(c, n);
    size_t ns;
    dyad_coder_sentences(c, &ns);
    assert_int_equal(ns, 15);
    assert_string_equal(find_tok(c, art, "Pékin", NULL)->norm, "pékin");
    const dyad_token *t = find_tok(c, art, "Jong-Un", NULL);
    assert_string_equal(t->norm, "jong-un");
    assert_true(t->flags & DYAD_TOKF_HYPHEN);
    size_t i;
    t = find_tok(c, art, "l'", &i);
    assert_true(t->flags & DYAD_TOKF_ELIDED);
    assert_string_equal(t[1].norm, "offensive");
    assert_string_equal(find_tok(c, art, "refusé", NULL)->stem, "refus");
    assert_string_equal(find_tok(c, art, "a", NULL)->stem, "avoir");
    assert_string_equal(find_tok(c, art, "soutenu", NULL)->stem, "souten"); /* as "soutenir" */
    assert_int_equal(find_tok(c, art, "«", NULL)->flags & DYAD_TOKF_QUOTE, DYAD_TOKF_QUOTE);
    size_t nm, ne, nw;
    dyad_coder_mentions(c, &nm);
    dyad_coder_events(c, &ne);
    dyad_coder_warnings(c, &nw);
    assert_int_equal(nm, 0);                    /* no lexicon: no mentions, no events */
    assert_int_equal(ne, 0);
    assert_int_equal(nw, 0);
    dyad_coder_free(c);
}

static void typographic_apostrophe(void **state)
{
    (void)state;
    dyad_coder *c = dyad_coder_new(NULL);
    const char *s = "L’Iran a signé l’accord avec la Russie.";
    dyad_doc d = doc_of(s, strlen(s), NULL, NULL);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    size_t n;
    const dyad_token *t = dyad_coder_tokens(c, &n);
    assert_string_equal(t[0].norm, "l'");
    assert_string_equal(t[1].norm, "iran");
    assert_true(t[0].flags & DYAD_TOKF_ELIDED);
    assert_true(t[0].flags & DYAD_TOKF_CAPITAL);
    assert_memory_equal(s + t[0].span.start, "L’", t[0].span.end - t[0].span.start);
    assert_string_equal(t[0].stem, "l'");
    assert_string_equal(dyad_coder_lang(c), "fr");
    dyad_coder_free(c);
}

static void english_doc(void **state)
{
    (void)state;
    dyad_coder *c = dyad_coder_new(NULL);
    const char *s = "Russia's president said the U.S. was wrong. He didn't meet Mr. Biden.";
    dyad_doc d = doc_of(s, strlen(s), "auto", "2022-08-15");
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    assert_string_equal(dyad_coder_lang(c), "en");
    assert_int_equal(c->date, 20220815);
    check_arrays(c, strlen(s));
    assert_string_equal(find_tok(c, s, "said", NULL)->stem, "say");
    assert_string_equal(find_tok(c, s, "was", NULL)->stem, "be");
    assert_string_equal(find_tok(c, s, "n't", NULL)->stem, "not");
    assert_string_equal(find_tok(c, s, "U.S.", NULL)->norm, "u.s.");
    size_t ns;
    dyad_coder_sentences(c, &ns);
    assert_int_equal(ns, 2);
    dyad_coder_free(c);
}

static void lang_override(void **state)
{
    (void)state;
    dyad_coder *c = dyad_coder_new(NULL);
    const char *s = "The president a dit que the army would go.";
    dyad_doc d = doc_of(s, strlen(s), "fr", NULL);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    assert_string_equal(dyad_coder_lang(c), "fr");
    assert_string_equal(find_tok(c, s, "a", NULL)->stem, "avoir");
    d.lang = "en-GB";
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    assert_string_equal(dyad_coder_lang(c), "en");
    d.lang = "xx";
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    assert_string_equal(dyad_coder_lang(c), "und");
    assert_string_equal(find_tok(c, s, "army", NULL)->stem, "army");   /* und: stem is the norm */
    dyad_coder_free(c);
}

static void dates(void **state)
{
    (void)state;
    dyad_coder *c = dyad_coder_new(NULL);
    static const struct { const char *in; uint32_t out; } cases[] = {
        {"2022-08", 20220800}, {"2022-08-15", 20220815}, {"2022", 20220000},
        {"2022-08-15T10:00:00Z", 20220815}, {NULL, 0}, {"", 0}, {"août 2022", 0},
        {"2022-13", 0}, {"2022-08-32", 0}, {"22-08", 0}, {"2022-8", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dyad_doc d = doc_of("Texte.", 6, NULL, cases[i].in);
        assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
        assert_int_equal(c->date, cases[i].out);
    }
    dyad_coder_free(c);
}

static void empty_doc(void **state)
{
    (void)state;
    dyad_coder *c = dyad_coder_new(NULL);
    dyad_doc d = doc_of("", 0, NULL, NULL);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_ERR_EMPTY);
    assert_true(strlen(dyad_errmsg(c)) > 0);
    size_t n;
    dyad_coder_tokens(c, &n);
    assert_int_equal(n, 0);
    d = doc_of(" \n\t\r\n  \xC2\xA0 ", 10, NULL, NULL);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_ERR_EMPTY);
    d = doc_of(NULL, 0, NULL, NULL);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_ERR_EMPTY);
    d = doc_of(NULL, 5, NULL, NULL);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_ERR_ARG);
    assert_int_equal(dyad_coder_run(c, NULL), DYAD_ERR_ARG);
    assert_int_equal(dyad_coder_run(NULL, &d), DYAD_ERR_ARG);
    dyad_coder_free(c);
    dyad_coder_free(NULL);
}

static void invalid_utf8(void **state)
{
    (void)state;
    dyad_coder *c = dyad_coder_new(NULL);
    const char s[] = "Le caf\xE9 de Paris est ferm\xE9.";
    dyad_doc d = doc_of(s, sizeof s - 1, NULL, NULL);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    check_arrays(c, sizeof s - 1);
    size_t nw;
    const dyad_warning *w = dyad_coder_warnings(c, &nw);
    assert_int_equal(nw, 2);
    assert_int_equal(w[0].offset, 6);
    assert_int_equal(w[1].offset, 25);
    assert_non_null(w[0].what);
    size_t nt;
    const dyad_token *t = dyad_coder_tokens(c, &nt);
    assert_int_equal(t[1].span.start, 3);
    assert_int_equal(t[1].span.end, 7);               /* the slice is still the original bytes */
    assert_memory_equal(s + t[1].span.start, "caf\xE9", 4);
    assert_string_equal(t[1].norm, "caf\xEF\xBF\xBD");
    assert_true(t[1].flags & DYAD_TOKF_REPLACED);
    dyad_coder_free(c);
}

static void nul_bytes(void **state)
{
    (void)state;
    dyad_coder *c = dyad_coder_new(NULL);
    const char s[] = "Paris\0a parl\xC3\xA9.\0\0";
    dyad_doc d = doc_of(s, sizeof s - 1, NULL, NULL);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    check_arrays(c, sizeof s - 1);
    size_t nw;
    const dyad_warning *w = dyad_coder_warnings(c, &nw);
    assert_int_equal(nw, 2);
    assert_int_equal(w[0].offset, 5);
    assert_int_equal(w[1].offset, 15);
    d = doc_of("\0\0\0", 3, NULL, NULL);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_ERR_EMPTY);
    dyad_coder_warnings(c, &nw);
    assert_int_equal(nw, 1);
    dyad_coder_free(c);
}

/* A body offset: the header is not coded, and every span and warning
 * counts from the text's first byte (the header's), so it slices the
 * input; the tokens are those of the article alone, moved. */
static void body_offset(void **state)
{
    (void)state;
    dyad_coder *c = dyad_coder_new(NULL);
    const char art[] = "Le caf\xE9 de Paris.\n\nLa Russie a parl\xC3\xA9.";
    const char whole[] = " date 2022-08\n\nLe caf\xE9 de Paris.\n\nLa Russie a parl\xC3\xA9.";
    const size_t body = 15;
    assert_memory_equal(whole + body, art, sizeof art);
    dyad_doc d = doc_of(art, sizeof art - 1, "fr", NULL);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    size_t na, nsa, nwa;
    const dyad_token *ta = dyad_coder_tokens(c, &na);
    dyad_token *alone = malloc(na * sizeof *alone);
    assert_non_null(alone);
    memcpy(alone, ta, na * sizeof *alone);
    const dyad_sentence *sa = dyad_coder_sentences(c, &nsa);
    dyad_span s1 = sa[nsa - 1].span;
    assert_int_equal(dyad_coder_warnings(c, &nwa)[0].offset, 6);

    d = doc_of(whole, sizeof whole - 1, "fr", NULL);
    d.body = body;
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    check_arrays(c, sizeof whole - 1);
    size_t n, ns, nw;
    const dyad_token *t = dyad_coder_tokens(c, &n);
    assert_int_equal(n, na);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(t[i].span.start, alone[i].span.start + body);
        assert_int_equal(t[i].span.end, alone[i].span.end + body);
        assert_int_equal(t[i].kind, alone[i].kind);
        assert_int_equal(t[i].flags, alone[i].flags);
    }
    assert_memory_equal(whole + t[0].span.start, "Le", 2);
    const dyad_sentence *sv = dyad_coder_sentences(c, &ns);
    assert_int_equal(ns, nsa);
    assert_int_equal(sv[ns - 1].span.start, s1.start + body);
    assert_memory_equal(whole + sv[ns - 1].span.start, "La Russie", 9);
    const dyad_warning *w = dyad_coder_warnings(c, &nw);
    assert_int_equal(nw, nwa);
    assert_int_equal(w[0].offset, 6 + body);
    assert_int_equal((unsigned char)whole[w[0].offset], 0xE9);
    free(alone);

    /* a body past the text is the caller's mistake; all header is empty */
    d.body = sizeof whole;
    assert_int_equal(dyad_coder_run(c, &d), DYAD_ERR_ARG);
    d.body = sizeof whole - 1;
    assert_int_equal(dyad_coder_run(c, &d), DYAD_ERR_EMPTY);
    dyad_coder_free(c);
}

static void large_doc(void **state)
{
    (void)state;
    /* 20 MB on one line, no newline: coded, bounded, sentence-capped */
    static const char unit[] = "Le président russe a rencontré l'émissaire de Pyongyang, et il a dit non ";
    size_t ul = sizeof unit - 1, n = (size_t)20 << 20;
    char *s = malloc(n);
    assert_non_null(s);
    for (size_t i = 0; i < n; i += ul)
        memcpy(s + i, unit, n - i < ul ? n - i : ul);
    dyad_coder *c = dyad_coder_new(NULL);
    dyad_doc d = doc_of(s, n, NULL, NULL);
    clock_t t0 = clock();
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_string_equal(dyad_coder_lang(c), "fr");
    size_t nt, ns;
    const dyad_token *t = dyad_coder_tokens(c, &nt);
    dyad_coder_sentences(c, &ns);
    assert_true(nt > n / 8);
    assert_true(ns >= nt / 1000);
    assert_true(t[nt - 1].span.end <= n);
    /* the arena holds the vocabulary, not one key per token */
    assert_true(c->arena.used_total < ((size_t)1 << 20));
    print_message("large-doc: %zu bytes, %zu tokens, %zu sentences, %.2f s\n", n, nt, ns, secs);
    /* the coder is reusable after a big document */
    d = doc_of("Il pleut.", 9, NULL, NULL);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    dyad_coder_tokens(c, &nt);
    assert_int_equal(nt, 3);
    dyad_coder_free(c);
    free(s);
}

static void reuse_resets(void **state)
{
    (void)state;
    dyad_coder *c = dyad_coder_new(NULL);
    const char bad[] = "A\xFF b.";
    dyad_doc d = doc_of(bad, sizeof bad - 1, "fr", NULL);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    size_t nw, nt;
    dyad_coder_warnings(c, &nw);
    assert_int_equal(nw, 1);
    d = doc_of("Good text.", 10, "en", NULL);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    dyad_coder_warnings(c, &nw);
    const dyad_token *t = dyad_coder_tokens(c, &nt);
    assert_int_equal(nw, 0);
    assert_int_equal(nt, 3);
    assert_string_equal(t[0].norm, "good");
    assert_string_equal(dyad_errmsg(c), "");
    dyad_coder_free(c);
}

static void random_bytes(void **state)
{
    (void)state;
    /* arbitrary bytes (biased towards the tricky ones) never crash and
     * always give consistent arrays */
    static const char pool[] = "aZ.'-\"\n \xC2\xAB\xBB\xE2\x80\x99\xFF\xC3\xA9\0" "1,/:M";
    dyad_coder *c = dyad_coder_new(NULL);
    uint32_t x = 12345;
    char buf[2048];
    for (int round = 0; round < 500; round++) {
        x = x * 1103515245u + 12345u;
        size_t n = (x >> 8) % sizeof buf;
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = (x >> 24) & 1 ? (char)(x >> 16) : pool[(x >> 16) % (sizeof pool - 1)];
        }
        dyad_doc d = doc_of(buf, n, round % 3 == 0 ? "fr" : NULL, NULL);
        dyad_status st = dyad_coder_run(c, &d);
        assert_true(st == DYAD_OK || st == DYAD_ERR_EMPTY);
        if (st == DYAD_OK)
            check_arrays(c, n);
    }
    dyad_coder_free(c);
}

/* Regression (issue 17): the cross-document stem cache was emptied in the
 * middle of a document once 3/4 full, freeing stems that the document's
 * earlier tokens still pointed to. 1,000 words, then 100,000 distinct words
 * beginning with them: every token's stem must be the stemmer's own answer. */
static void stem_cache_full(void **state)
{
    (void)state;
    const size_t nwords = 100000;
    char *s = malloc(nwords * 8 + 1);
    assert_non_null(s);
    size_t n = 0;
    for (size_t i = 0; i < nwords; i++) {
        size_t v = i;
        s[n++] = 'w';
        for (int k = 0; k < 4; k++, v /= 26)
            s[n++] = (char)('a' + v % 26);
        s[n++] = (char)('a' + (i * 7) % 26);
        s[n++] = 's';
        s[n++] = ' ';
    }
    s[n] = '\0';
    dyad_coder *c = dyad_coder_new(NULL);
    /* the first 1,000 words: cached, so the long document's first tokens
     * take their stems from the cache before it fills up */
    dyad_doc d = doc_of(s, 1000 * 8, "en", NULL);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    for (int round = 0; round < 2; round++) {
        d = doc_of(s, n, "en", NULL);
        assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
        size_t nt;
        const dyad_token *t = dyad_coder_tokens(c, &nt);
        assert_int_equal(nt, nwords);
        dyadi_stemmer *st = dyadi_stemmer_new();
        dyadi_arena a;
        dyadi_arena_init(&a, 0);
        size_t bad = 0;
        for (size_t i = 0; i < nt; i++) {
            const char *want = dyadi_stem_key(st, &a, "en", t[i].norm);
            assert_non_null(want);
            if (strcmp(want, t[i].stem) != 0 && bad++ < 3)
                print_message("token %zu '%s': stem '%s', want '%s'\n", i, t[i].norm, t[i].stem,
                              want);
        }
        dyadi_arena_free(&a);
        dyadi_stemmer_free(st);
        assert_int_equal(bad, 0);
    }
    dyad_coder_free(c);
    free(s);
}

/* A one-word verb pattern reads only the verb's forms and the nouns made
 * from it, not other words of its Snowball stem (triggers.c). */
static void verb_forms(void **state)
{
    (void)state;
    static const struct {
        const char *w, *lemma, *lang;
        int ok;
    } cases[] = {
        {"authorized", "authorize", "en", 1},   {"authorization", "authorize", "en", 1},
        {"authorities", "authorize", "en", 0},  {"authority", "authorize", "en", 0},
        {"celebrities", "celebrate", "en", 0},  {"celebration", "celebrate", "en", 1},
        {"nationals", "nationalize", "en", 0},  {"criminal", "criminalize", "en", 0},
        {"differently", "differ", "en", 0},     {"differs", "differ", "en", 1},
        {"supporters", "support", "en", 0},     {"supported", "support", "en", 1},
        {"approval", "approve", "en", 1},       {"funding", "fund", "en", 1},
        {"stopped", "stop", "en", 1},           {"committing", "commit", "en", 1},
        {"flew", "fly", "en", 1},               {"sought", "seek", "en", 1},
        {"identifies", "identify", "en", 1},    {"repeatedly", "repeat", "en", 0},
        {"médias", "médier", "fr", 0},          {"médiation", "médier", "fr", 1},
        {"importants", "importer", "fr", 0},    {"importé", "importer", "fr", 1},
        {"attaque", "attaquer", "fr", 1},       {"attaquant", "attaquer", "fr", 1},
        {"manifestants", "manifester", "fr", 0}, {"arrestation", "arrêter", "fr", 1},
        {"critique", "critiquer", "fr", 1},     {"pourra", "pouvoir", "fr", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = dyadi_form_of_verb(cases[i].w, cases[i].lemma, cases[i].lang);
        if (got != cases[i].ok)
            fprintf(stderr, "verb_forms: %s / %s: %d\n", cases[i].w, cases[i].lemma, got);
        assert_int_equal(got, cases[i].ok);
    }
}

#define T(name, fn) { "coder/" name, fn, NULL, NULL, NULL }

int main(void)
{
    const struct CMUnitTest tests[] = {
        T("seed-article", seed_article),
        T("typographic-apostrophe", typographic_apostrophe),
        T("english-doc", english_doc),
        T("lang-override", lang_override),
        T("dates", dates),
        T("empty-doc", empty_doc),
        T("invalid-utf8", invalid_utf8),
        T("nul-bytes", nul_bytes),
        T("body-offset", body_offset),
        T("large-doc", large_doc),
        T("reuse-resets", reuse_resets),
        T("random-bytes", random_bytes),
        T("stem-cache-full", stem_cache_full),
        T("verb-forms", verb_forms),
    };
    return cmocka_run_group_tests_name("coder", tests, NULL, NULL);
}
