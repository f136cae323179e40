/* test_lexicon.c - the dictionary compiler and the binary lexicon: build
 * from the fixtures in tests/fixtures/dict/, open, look keys up, walk the
 * tries, resolve roles by date, and refuse bad files without crashing.
 * Run from the repository root (tests/run.sh does). */
#include "testutil.h"
#include "dictsrc.h"
#include "lex.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#define GOOD "tests/fixtures/dict/good"
#define BAD "tests/fixtures/dict/bad"

static char lexpath[64];

/* Compile dir into a fresh temp file; returns the stats. */
static dyadi_dict_stats compile_to(const char *dir, const char *out, FILE *msg, int lint)
{
    dyadi_dict_opts o = {dir, out, lint, msg, 1};
    dyadi_dict_stats st;
    char err[256];
    dyad_status s = dyadi_dict_compile(&o, &st, err, sizeof err);
    if (s != DYAD_OK)
        fprintf(stderr, "compile: %s\n", err);
    assert_int_equal(s, DYAD_OK);
    return st;
}

static int setup(void **state)
{
    (void)state;
    snprintf(lexpath, sizeof lexpath, "/tmp/dyad-test-lex-XXXXXX");
    int fd = mkstemp(lexpath);
    if (fd < 0)
        return -1;
    close(fd);
    dyadi_dict_stats st = compile_to(GOOD, lexpath, stderr, 0);
    return st.errors == 0 && st.file_size > 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    unlink(lexpath);
    return 0;
}

static dyad_lexicon *open_good(void)
{
    dyad_lexicon *lex = NULL;
    char err[256];
    dyad_status s = dyad_lexicon_open(lexpath, &lex, err, sizeof err);
    if (s != DYAD_OK)
        fprintf(stderr, "open: %s\n", err);
    assert_int_equal(s, DYAD_OK);
    assert_non_null(lex);
    return lex;
}

static uint32_t key(const dyad_lexicon *lex, const char *s)
{
    return dyadi_lex_key(lex, s, strlen(s));
}

/* The stem key of a word as the compiler makes it (whatever stem.c does). */
static uint32_t stem_id(const dyad_lexicon *lex, const char *lang, const char *word)
{
    dyadi_stemmer *st = dyadi_stemmer_new();
    dyadi_arena a;
    dyadi_arena_init(&a, 0);
    char *norm = dyadi_norm_key(&a, word, strlen(word));
    const char *k = dyadi_stem_key(st, &a, lang, norm);
    uint32_t id = key(lex, k);
    dyadi_arena_free(&a);
    dyadi_stemmer_free(st);
    return id;
}

/* Walk words (norm keys) from the root; 0 when the path breaks. */
static dyadi_node walk(const dyad_lexicon *lex, int trie, const char *const *w, size_t n)
{
    dyadi_node node = dyadi_lex_root(lex, trie);
    for (size_t i = 0; i < n && node; i++)
        node = dyadi_lex_step(lex, trie, node, strcmp(w[i], "...") ? key(lex, w[i]) : DYADI_KEY_GAP);
    return node;
}

static const dyadi_actor *actor_at(const dyad_lexicon *lex, dyadi_node node, const char *id)
{
    size_t n;
    const uint32_t *e = dyadi_lex_entries(lex, DYADI_TRIE_ACTOR, node, &n);
    for (size_t i = 0; i < n; i++) {
        const dyadi_actor *a = dyadi_lex_actor(lex, e[i]);
        assert_non_null(a);
        if (!id || strcmp(a->id, id) == 0)
            return a;
    }
    return NULL;
}

static void keys(void **state)
{
    (void)state;
    dyad_lexicon *lex = open_good();
    uint32_t k = key(lex, "corée");
    assert_true(k >= 2);
    assert_string_equal(dyadi_lex_key_str(lex, k), "corée");
    assert_int_equal(key(lex, "Corée"), 0);          /* keys are normalised: lookups take norm keys */
    assert_int_equal(key(lex, "xyzzy"), 0);
    assert_int_equal(key(lex, ""), 0);
    assert_int_equal(key(lex, "..."), 0);            /* GAP is never a token's id */
    assert_int_equal(dyadi_lex_key(lex, "corée du", 6), k);  /* length, not NUL, ends the key */
    assert_null(dyadi_lex_key_str(lex, 0));
    assert_null(dyadi_lex_key_str(lex, 1u << 30));
    assert_true(key(lex, "contre") >= 2);            /* trigger prepositions are keys too */
    assert_int_equal(dyadi_lex_count(lex, DYADI_TRIE_ACTOR), 18);
    assert_int_equal(dyadi_lex_count(lex, DYADI_TRIE_TRIGGER), 5);
    assert_int_equal(dyadi_lex_count(lex, DYADI_TRIE_CUE), 6);
    assert_null(dyadi_lex_actor(lex, 18));
    dyad_lexicon_free(lex);
    dyad_lexicon_free(NULL);
}

static void trie_multiword(void **state)
{
    (void)state;
    dyad_lexicon *lex = open_good();
    static const char *const nk[] = {"corée", "du", "nord"};
    dyadi_node n3 = walk(lex, DYADI_TRIE_ACTOR, nk, 3);
    assert_int_not_equal(n3, 0);
    const dyadi_actor *a = actor_at(lex, n3, NULL);
    assert_non_null(a);
    assert_string_equal(a->code, "PRK");
    assert_string_equal(a->lang, "fr");
    assert_int_equal(a->kind, DYADI_AK_COUNTRY);
    /* "Corée" alone is South Korea; "Corée du" is a prefix with no entry. */
    a = actor_at(lex, walk(lex, DYADI_TRIE_ACTOR, nk, 1), NULL);
    assert_non_null(a);
    assert_string_equal(a->code, "KOR");
    size_t n;
    assert_null(dyadi_lex_entries(lex, DYADI_TRIE_ACTOR, walk(lex, DYADI_TRIE_ACTOR, nk, 2), &n));
    assert_int_equal(n, 0);
    static const char *const nope[] = {"corée", "du", "centre"};
    assert_int_equal(walk(lex, DYADI_TRIE_ACTOR, nope, 3), 0);
    /* Places carry their attributes; hyphenated and elided names key like text. */
    static const char *const py[] = {"pyongyang"};
    a = actor_at(lex, walk(lex, DYADI_TRIE_ACTOR, py, 1), NULL);
    assert_non_null(a);
    assert_int_equal(a->gov, 1);
    assert_string_equal(a->country, "PRK");
    assert_true(a->lat > 39.0 && a->lat < 39.1);
    static const char *const dk[] = {"donbass"};
    a = actor_at(lex, walk(lex, DYADI_TRIE_ACTOR, dk, 1), "donbass");
    assert_non_null(a);
    assert_string_equal(a->code, "UKR");
    static const char *const ag[] = {"forces"};
    a = actor_at(lex, walk(lex, DYADI_TRIE_ACTOR, ag, 1), NULL);
    assert_non_null(a);
    assert_int_equal(a->gender, 'f');
    assert_int_equal(a->number, 'p');
    assert_true(isnan(actor_at(lex, walk(lex, DYADI_TRIE_ACTOR, ag, 1), NULL)->lat));
    /* Misuse is answered with "nothing", not a crash. */
    assert_int_equal(dyadi_lex_step(lex, DYADI_TRIE_ACTOR, 1u << 30, key(lex, "corée")), 0);
    assert_int_equal(dyadi_lex_step(lex, 99, 1, key(lex, "corée")), 0);
    assert_int_equal(dyadi_lex_root(lex, -1), 0);
    dyad_lexicon_free(lex);
}

static void roles_by_date(void **state)
{
    (void)state;
    dyad_lexicon *lex = open_good();
    static const char *const vp[] = {"vladimir", "poutine"};
    const dyadi_actor *p = actor_at(lex, walk(lex, DYADI_TRIE_ACTOR, vp, 2), "putin");
    assert_non_null(p);
    assert_int_equal(p->nroles, 2);
    assert_string_equal(dyadi_actor_code_at(p, 0), "RUS");
    assert_string_equal(dyadi_actor_code_at(p, 19991231), "RUS");
    assert_string_equal(dyadi_actor_code_at(p, 20010315), "RUSGOV");
    assert_string_equal(dyadi_actor_code_at(p, 20000507), "RUSGOV");  /* from is inclusive */
    assert_string_equal(dyadi_actor_code_at(p, 20080507), "RUS");     /* to is exclusive */
    assert_string_equal(dyadi_actor_code_at(p, 20100600), "RUS");     /* month precision */
    assert_string_equal(dyadi_actor_code_at(p, 20240000), "RUSGOV");  /* year precision; open end */
    static const char *const dt[] = {"donald", "trump"};
    const dyadi_actor *t = actor_at(lex, walk(lex, DYADI_TRIE_ACTOR, dt, 2), "trump");
    assert_non_null(t);
    assert_string_equal(dyadi_actor_code_at(t, 20190601), "USAGOV");
    assert_string_equal(dyadi_actor_code_at(t, 20220101), "USA");
    assert_string_equal(dyadi_actor_code_at(t, 20250301), "USAGOV");
    assert_string_equal(dyadi_actor_code_at(t, 20250100), "USA");     /* mid-January: before the 20th */
    assert_string_equal(dyadi_actor_code_at(t, 20170100), "USA");
    assert_string_equal(dyadi_actor_code_at(t, 20210100), "USAGOV");
    assert_null(dyadi_actor_code_at(NULL, 20200101));
    dyad_lexicon_free(lex);
}

static void cameo_lookup(void **state)
{
    (void)state;
    dyad_lexicon *lex = open_good();
    const dyadi_cameo *c = dyadi_lex_cameo(lex, "0234");
    assert_non_null(c);
    assert_string_equal(c->name, "Appeal for humanitarian aid");
    assert_true(c->goldstein > 3.39 && c->goldstein < 3.41);
    assert_int_equal(c->quad, 1);
    assert_string_equal(c->plover_type, "AID");
    assert_null(c->plover_mode);
    c = dyadi_lex_cameo(lex, "042");
    assert_non_null(c);
    assert_string_equal(c->plover_mode, "visit");
    assert_non_null(dyadi_lex_cameo(lex, "01"));
    assert_non_null(dyadi_lex_cameo(lex, "190"));
    assert_null(dyadi_lex_cameo(lex, "9999"));
    assert_null(dyadi_lex_cameo(lex, ""));
    assert_null(dyadi_lex_cameo(lex, NULL));
    dyad_lexicon_free(lex);
}

static void triggers_and_cues(void **state)
{
    (void)state;
    dyad_lexicon *lex = open_good();
    /* "lancer ... offensive": stem keys with a GAP between them. */
    dyadi_node n = dyadi_lex_root(lex, DYADI_TRIE_TRIGGER);
    n = dyadi_lex_step(lex, DYADI_TRIE_TRIGGER, n, stem_id(lex, "fr", "lancer"));
    assert_int_not_equal(n, 0);
    n = dyadi_lex_step(lex, DYADI_TRIE_TRIGGER, n, DYADI_KEY_GAP);
    assert_int_not_equal(n, 0);
    n = dyadi_lex_step(lex, DYADI_TRIE_TRIGGER, n, stem_id(lex, "fr", "offensive"));
    size_t ne;
    const uint32_t *e = dyadi_lex_entries(lex, DYADI_TRIE_TRIGGER, n, &ne);
    assert_int_equal(ne, 1);
    const dyadi_trigger *t = dyadi_lex_trigger(lex, e[0]);
    assert_string_equal(t->code, "190");
    assert_int_equal(t->kind, DYADI_TK_EXPR);
    assert_int_equal(t->obj, DYADI_OBJ_NONE);
    assert_int_equal(t->ngap, 1);
    assert_string_equal(t->prep, "contre");
    assert_string_equal(t->id, "fr:expr:lancer ... offensive");
    /* A verb matches on its stem, whatever the inflection. */
    n = dyadi_lex_step(lex, DYADI_TRIE_TRIGGER, dyadi_lex_root(lex, DYADI_TRIE_TRIGGER),
                       stem_id(lex, "fr", "condamner"));
    e = dyadi_lex_entries(lex, DYADI_TRIE_TRIGGER, n, &ne);
    assert_int_equal(ne, 1);
    t = dyadi_lex_trigger(lex, e[0]);
    assert_string_equal(t->code, "111");
    assert_null(t->prep);
    n = dyadi_lex_step(lex, DYADI_TRIE_TRIGGER, dyadi_lex_root(lex, DYADI_TRIE_TRIGGER),
                       stem_id(lex, "fr", "rencontrer"));
    e = dyadi_lex_entries(lex, DYADI_TRIE_TRIGGER, n, &ne);
    assert_int_equal(ne, 1);
    assert_string_equal(dyadi_lex_trigger(lex, e[0])->passive, "par");
    /* "ne ... pas" on norm keys. */
    static const char *const np[] = {"ne", "...", "pas"};
    e = dyadi_lex_entries(lex, DYADI_TRIE_CUE, walk(lex, DYADI_TRIE_CUE, np, 3), &ne);
    assert_int_equal(ne, 1);
    const dyadi_cue *q = dyadi_lex_cue(lex, e[0]);
    assert_string_equal(q->kind, "neg");
    assert_string_equal(q->value, "negated");
    assert_null(q->attrs);
    /* A refusal verb is in the stem trie too. */
    n = dyadi_lex_step(lex, DYADI_TRIE_CUE_STEM, dyadi_lex_root(lex, DYADI_TRIE_CUE_STEM),
                       stem_id(lex, "fr", "refuser"));
    e = dyadi_lex_entries(lex, DYADI_TRIE_CUE_STEM, n, &ne);
    assert_int_equal(ne, 1);
    assert_string_equal(dyadi_lex_cue(lex, e[0])->kind, "refuse");
    dyad_lexicon_free(lex);
}

/* ---- refusing bad files ------------------------------------------------ */

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *p = malloc((size_t)len);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return p;
}

static void spit(const char *path, const unsigned char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    fclose(f);
}

static void fix_checksum(unsigned char *p, size_t n)
{
    uint64_t sum = dyadi_lex_checksum(p + DYADI_LEX_SUM_FROM, n - DYADI_LEX_SUM_FROM);
    for (int i = 0; i < 8; i++)
        p[32 + i] = (unsigned char)(sum >> (8 * i));
}

static dyad_status try_open(const char *path, char *err, size_t errlen)
{
    dyad_lexicon *lex = (dyad_lexicon *)1;
    dyad_status s = dyad_lexicon_open(path, &lex, err, errlen);
    if (s == DYAD_OK) {
        /* Whatever opened must answer lookups safely. */
        size_t n;
        dyadi_node node = dyadi_lex_step(lex, 0, dyadi_lex_root(lex, 0), key(lex, "corée"));
        const uint32_t *e = dyadi_lex_entries(lex, 0, node, &n);
        for (size_t i = 0; i < n; i++)
            (void)dyadi_actor_code_at(dyadi_lex_actor(lex, e[i]), 20200101);
        (void)dyadi_lex_cameo(lex, "042");
        dyad_lexicon_free(lex);
    } else {
        assert_null(lex);
    }
    return s;
}

static void bad_files(void **state)
{
    (void)state;
    char tmp[64], err[256];
    snprintf(tmp, sizeof tmp, "/tmp/dyad-test-bad-XXXXXX");
    int fd = mkstemp(tmp);
    assert_true(fd >= 0);
    close(fd);
    size_t n;
    unsigned char *orig = slurp(lexpath, &n);
    unsigned char *p = malloc(n);
    assert_non_null(p);

    memcpy(p, orig, n);
    p[0] = 'X';
    spit(tmp, p, n);
    assert_int_equal(try_open(tmp, err, sizeof err), DYAD_ERR_FORMAT);
    assert_non_null(strstr(err, "bad magic"));
    assert_non_null(strstr(err, tmp));

    memcpy(p, orig, n);
    p[8] = 99;
    spit(tmp, p, n);
    assert_int_equal(try_open(tmp, err, sizeof err), DYAD_ERR_VERSION);
    assert_non_null(strstr(err, "version 99"));

    for (size_t cut = 0; cut < n; cut += n / 7 + 1) {
        spit(tmp, orig, cut);
        assert_int_not_equal(try_open(tmp, err, sizeof err), DYAD_OK);
    }
    spit(tmp, orig, n - 8);
    assert_int_equal(try_open(tmp, err, sizeof err), DYAD_ERR_FORMAT);
    assert_non_null(strstr(err, "truncated"));

    memcpy(p, orig, n);
    p[n / 2] ^= 0x40;
    spit(tmp, p, n);
    assert_int_equal(try_open(tmp, err, sizeof err), DYAD_ERR_FORMAT);
    assert_non_null(strstr(err, "checksum"));

    /* Past the checksum: flip bytes all over and make the checksum agree,
     * so that the structural checks themselves are exercised. */
    srand(12345);
    int refused = 0;
    for (int round = 0; round < 400; round++) {
        memcpy(p, orig, n);
        int flips = 1 + rand() % 4;
        for (int i = 0; i < flips; i++) {
            size_t at = DYADI_LEX_SUM_FROM + (size_t)rand() % (n - DYADI_LEX_SUM_FROM);
            p[at] = (unsigned char)(round % 3 == 0 ? 0xFF : p[at] ^ (1u << (rand() % 8)));
        }
        fix_checksum(p, n);
        spit(tmp, p, n);
        refused += try_open(tmp, err, sizeof err) != DYAD_OK;
    }
    assert_true(refused > 0);

    assert_int_equal(try_open("/nonexistent/dyad.lex", err, sizeof err), DYAD_ERR_NOTFOUND);
    assert_int_equal(try_open("tests", err, sizeof err), DYAD_ERR_IO);
    unlink(tmp);
    free(p);
    free(orig);
}

static void default_path(void **state)
{
    (void)state;
    char err[256];
    setenv("DYAD_LEXICON", lexpath, 1);
    dyad_lexicon *lex = NULL;
    assert_int_equal(dyad_lexicon_open(NULL, &lex, err, sizeof err), DYAD_OK);
    dyad_lexicon_free(lex);
    setenv("DYAD_LEXICON", "/nonexistent/x.lex", 1);
    assert_int_equal(dyad_lexicon_open(NULL, &lex, err, sizeof err), DYAD_ERR_NOTFOUND);
    assert_null(lex);
    assert_non_null(strstr(err, "/nonexistent/x.lex"));
    unsetenv("DYAD_LEXICON");
}

/* ---- the sources ------------------------------------------------------- */

static void malformed_lines(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *msg = open_memstream(&text, &len);
    assert_non_null(msg);
    dyadi_dict_stats st = compile_to(BAD, NULL, msg, 1);
    fclose(msg);
    static const char *const want[] = {
        BAD "/actors/bad.tsv:3: error: unknown kind 'planet'",
        BAD "/actors/bad.tsv:4: error: expected 4 or 5",
        BAD "/actors/bad.tsv:5: error: role RUSGOV: bad date '2000-13-07'",
        BAD "/actors/bad.tsv:6: duplicate:",
        BAD "/actors/bad.tsv:7: conflict:",
        BAD "/actors/bad.tsv:8: dates: roles are not in date order",
        BAD "/actors/bad.tsv:8: warning: unknown attribute 'colour'",
        BAD "/actors/bad.tsv:9: error: bad code 'chn'",
        BAD "/actors/bad.tsv:10: error: role CHNGOV: ends",
        BAD "/actors/bad.tsv:11: warning: lat=abc",
        BAD "/cameo/codes.tsv:2: error: bad CAMEO event code '4x'",
        BAD "/cameo/codes.tsv:5: code: code 112: QuadClass 2",
        BAD "/triggers/fr.tsv:2: code: event code 999 is not in the CAMEO taxonomy",
        BAD "/triggers/fr.tsv:3: warning: obj=sometimes",
        BAD "/triggers/fr.tsv:4: error: unknown kind 'adverb'",
        BAD "/triggers/fr.tsv:5: error: pattern '... attaque'",
        BAD "/triggers/fr.tsv:6: duplicate:",
        BAD "/cues/fr.tsv:2: error: unknown kind 'maybe'",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        if (!strstr(text, want[i]))
            fprintf(stderr, "missing: %s\nin:\n%s", want[i], text);
        assert_non_null(strstr(text, want[i]));
    }
    assert_int_equal(st.errors, 9);
    assert_int_equal(st.duplicates, 2);
    assert_int_equal(st.conflicts, 1);
    assert_int_equal(st.dates, 1);
    assert_int_equal(st.codes, 2);
    free(text);

    /* build (no lint, quiet) does not write a file when there are errors. */
    char out[64];
    snprintf(out, sizeof out, "/tmp/dyad-test-nowrite-XXXXXX");
    int fd = mkstemp(out);
    assert_true(fd >= 0);
    close(fd);
    unlink(out);
    st = compile_to(BAD, out, NULL, 0);
    assert_int_equal(st.errors, 9);
    assert_int_equal(st.duplicates + st.conflicts, 0);
    assert_int_equal(access(out, F_OK), -1);
}

static void clean_fixture_is_clean(void **state)
{
    (void)state;
    dyadi_dict_stats st = compile_to(GOOD, NULL, stderr, 1);
    assert_int_equal(st.errors + st.warnings + st.duplicates + st.conflicts + st.dates + st.codes, 0);
    assert_int_equal(st.actors, 18);
    assert_int_equal(st.roles, 4);
    assert_int_equal(st.cameo, 10);
}

static void empty_data(void **state)
{
    (void)state;
    char out[64];
    snprintf(out, sizeof out, "/tmp/dyad-test-empty-XXXXXX");
    int fd = mkstemp(out);
    assert_true(fd >= 0);
    close(fd);
    dyadi_dict_stats st = compile_to("tests/fixtures/dict/no-such-dir", out, NULL, 0);
    assert_int_equal(st.errors, 0);
    assert_int_equal(st.warnings, 1);
    dyad_lexicon *lex = NULL;
    char err[256];
    assert_int_equal(dyad_lexicon_open(out, &lex, err, sizeof err), DYAD_OK);
    assert_int_equal(key(lex, "corée"), 0);
    assert_int_equal(dyadi_lex_step(lex, 0, dyadi_lex_root(lex, 0), 2), 0);
    assert_int_equal(dyadi_lex_count(lex, DYADI_TRIE_ACTOR), 0);
    assert_null(dyadi_lex_cameo(lex, "01"));
    dyad_lexicon_free(lex);
    unlink(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        {"lexicon/keys", keys, NULL, NULL, NULL},
        {"lexicon/trie-multiword", trie_multiword, NULL, NULL, NULL},
        {"lexicon/roles-by-date", roles_by_date, NULL, NULL, NULL},
        {"lexicon/cameo-lookup", cameo_lookup, NULL, NULL, NULL},
        {"lexicon/triggers-and-cues", triggers_and_cues, NULL, NULL, NULL},
        {"lexicon/bad-files", bad_files, NULL, NULL, NULL},
        {"lexicon/default-path", default_path, NULL, NULL, NULL},
        {"lexicon/malformed-lines", malformed_lines, NULL, NULL, NULL},
        {"lexicon/clean-fixture-is-clean", clean_fixture_is_clean, NULL, NULL, NULL},
        {"lexicon/empty-data", empty_data, NULL, NULL, NULL},
    };
    return cmocka_run_group_tests_name("lexicon", tests, setup, teardown);
}
