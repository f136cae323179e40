/* test_tree.c - the tree coder's two ways of parsing (issue 12): every
 * sentence (DYAD_SYNTAX_ALL, the API's default) or only those that can give
 * a dyad (DYAD_SYNTAX_EVENTS, what `dyad code` uses) code the same events,
 * the second parses fewer words, and a coder without models codes by word
 * order. Uses $BUILD/dyad.lex (built by `make`) and the shipped models in
 * data/models; the constructions themselves are golden cases in
 * tests/golden/constructions.jsonl. */
#include "testutil.h"

#include <stdlib.h>

static dyad_lexicon *lex;
static dyad_model *fr, *en;

static int setup(void **state)
{
    (void)state;
    const char *b = getenv("BUILD");
    char path[256], err[256];
    snprintf(path, sizeof path, "%s/dyad.lex", b && *b ? b : "build");
    if (dyad_lexicon_open(path, &lex, err, sizeof err) != DYAD_OK ||
        dyad_model_open("data/models/fr.dsm", "fr", &fr, err, sizeof err) != DYAD_OK ||
        dyad_model_open("data/models/en.dsm", "en", &en, err, sizeof err) != DYAD_OK) {
        fprintf(stderr, "test_tree: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dyad_model_free(fr);
    dyad_model_free(en);
    dyad_lexicon_free(lex);
    return 0;
}

static dyad_coder *coder(dyad_syntax_mode mode, int models)
{
    dyad_coder *c = dyad_coder_new(lex);
    assert_non_null(c);
    if (models) {
        assert_int_equal(dyad_coder_set_model(c, "fr", fr), DYAD_OK);
        assert_int_equal(dyad_coder_set_model(c, "en", en), DYAD_OK);
    }
    assert_int_equal(dyad_coder_set_syntax(c, mode), DYAD_OK);
    return c;
}

/* One line per event: roles, code, modality, trigger span. */
static char *events_of(dyad_coder *c, const dyad_doc *d)
{
    assert_int_equal(dyad_coder_run(c, d), DYAD_OK);
    size_t n;
    const dyad_event *ev = dyad_coder_events(c, &n);
    size_t cap = 64 + n * 96, len = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    s[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        int k = snprintf(s + len, cap - len, "%s>%s %s %d %u\n", ev[i].source.code,
                         ev[i].target.code ? ev[i].target.code : "-", ev[i].code, (int)ev[i].modality,
                         (unsigned)ev[i].trigger.start);
        assert_true(k > 0 && (size_t)k < cap - len);
        len += (size_t)k;
    }
    return s;
}

static void modes_agree(const char *path)
{
    dyad_reader *rd = dyad_reader_new(NULL);
    assert_non_null(rd);
    dyad_doc d;
    assert_int_equal(dyad_reader_open(rd, path), DYAD_OK);
    assert_int_equal(dyad_reader_next(rd, &d), DYAD_OK);
    dyad_coder *all = coder(DYAD_SYNTAX_ALL, 1), *lazy = coder(DYAD_SYNTAX_EVENTS, 1);
    char *a = events_of(all, &d), *b = events_of(lazy, &d);
    assert_string_equal(a, b);
    assert_true(strlen(a) > 0);
    size_t nall, nlazy;
    dyad_coder_words(all, &nall);
    dyad_coder_words(lazy, &nlazy);
    assert_true(nlazy > 0);
    assert_true(nlazy < nall);      /* only the sentences that can give a dyad */
    free(a);
    free(b);
    dyad_coder_free(all);
    dyad_coder_free(lazy);
    dyad_reader_free(rd);
}

/* tree/modes-agree-en, tree/modes-agree-fr */
static void test_modes_agree_en(void **state)
{
    (void)state;
    modes_agree("tests/golden/seed.en.txt");
}

static void test_modes_agree_fr(void **state)
{
    (void)state;
    modes_agree("examples/2022-08_russia-allies.fr.txt");
}

/* tree/set-syntax: bad arguments */
static void test_set_syntax(void **state)
{
    (void)state;
    assert_int_equal(dyad_coder_set_syntax(NULL, DYAD_SYNTAX_ALL), DYAD_ERR_ARG);
    dyad_coder *c = dyad_coder_new(lex);
    assert_non_null(c);
    assert_int_equal(dyad_coder_set_syntax(c, (dyad_syntax_mode)7), DYAD_ERR_ARG);
    dyad_coder_free(c);
}

/* tree/roles-from-tree: a relative clause between the subject and its verb
 * ("Kim Jong-un, who met Vladimir Putin last year, criticized ...") misleads
 * word order, not the tree; without models the coder still codes. */
static void test_roles_from_tree(void **state)
{
    (void)state;
    const char *t = "Kim Jong-un, who met Vladimir Putin last year, criticized the United States.";
    dyad_doc d = {.id = "t", .lang = "en", .date = "2023-05-01", .text = t, .text_len = strlen(t)};
    dyad_coder *tree = coder(DYAD_SYNTAX_EVENTS, 1), *order = coder(DYAD_SYNTAX_EVENTS, 0);
    char *a = events_of(tree, &d), *b = events_of(order, &d);
    assert_non_null(strstr(a, "PRKGOV>USA 111"));
    assert_null(strstr(a, "RUSGOV>USA 111"));
    assert_non_null(strstr(b, "RUSGOV>USA 111"));   /* the word-order reading */
    free(a);
    free(b);
    dyad_coder_free(tree);
    dyad_coder_free(order);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_modes_agree_en),
        cmocka_unit_test(test_modes_agree_fr),
        cmocka_unit_test(test_set_syntax),
        cmocka_unit_test(test_roles_from_tree),
    };
    return cmocka_run_group_tests_name("tree", tests, setup, teardown);
}
