/* test_syntax.c - the tagger and parser: the transition system and its
 * oracle, CoNLL-U reading, training determinism, the model file's checks
 * (missing, truncated, damaged, other version, other language), and the
 * words the coder makes from tokens (French contractions, English clitics).
 * Models are trained here on the hand-written fixtures, so nothing depends
 * on ../shared or on the shipped models. */
#include "testutil.h"
#include "syntax/syntax.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIX "tests/fixtures/syntax/"

static char tmpdir[64];

static const char *tmp(const char *name)
{
    static char p[4][128];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
    return p[k];
}

/* Follow the first zero-cost transition (LA, RA, RE, SH) from the start;
 * the heads made must be the (projectivised) gold heads. */
static void follow_oracle(const dyadi_csent *s, int32_t *gold, int32_t *got)
{
    size_t n = s->n;
    void *mem = malloc(dyadi_pstate_need(n));
    assert_non_null(mem);
    dyadi_pstate st;
    dyadi_pstate_init(&st, n, mem);
    static const int order[4] = {DYADI_LA, DYADI_RA, DYADI_RE, DYADI_SH};
    size_t steps = 0;
    while (!dyadi_pstate_done(&st)) {
        int act = -1;
        for (int k = 0; k < 4 && act < 0; k++)
            if (dyadi_pstate_legal(&st, order[k]) && dyadi_pstate_cost(&st, order[k], gold) == 0)
                act = order[k];
        assert_true(act >= 0);          /* a projective tree always has a zero-cost move */
        dyadi_pstate_apply(&st, act, 0);
        assert_true(++steps <= 2 * n);  /* at most 2n transitions */
    }
    for (size_t i = 1; i <= n; i++)
        got[i] = st.head[i];
    free(mem);
}

/* syntax/upos-ids: the named UPOS ids are the names' places */
static void test_upos_ids(void **state)
{
    (void)state;
    static const struct { int id; const char *name; } ids[] = {
        {DYADI_UPOS_ADJ, "ADJ"},     {DYADI_UPOS_ADP, "ADP"},     {DYADI_UPOS_ADV, "ADV"},
        {DYADI_UPOS_AUX, "AUX"},     {DYADI_UPOS_CCONJ, "CCONJ"}, {DYADI_UPOS_DET, "DET"},
        {DYADI_UPOS_INTJ, "INTJ"},   {DYADI_UPOS_NOUN, "NOUN"},   {DYADI_UPOS_NUM, "NUM"},
        {DYADI_UPOS_PART, "PART"},   {DYADI_UPOS_PRON, "PRON"},   {DYADI_UPOS_PROPN, "PROPN"},
        {DYADI_UPOS_PUNCT, "PUNCT"}, {DYADI_UPOS_SCONJ, "SCONJ"}, {DYADI_UPOS_SYM, "SYM"},
        {DYADI_UPOS_VERB, "VERB"},   {DYADI_UPOS_X, "X"}};
    assert_int_equal(sizeof ids / sizeof *ids, DYADI_NUPOS);
    for (size_t k = 0; k < DYADI_NUPOS; k++)
        assert_string_equal(dyadi_upos_names[ids[k].id], ids[k].name);
}

static void test_oracle(void **state)
{
    (void)state;
    const char *files[2] = {FIX "en.conllu", FIX "fr.conllu"};
    int nonproj_seen = 0;
    for (int f = 0; f < 2; f++) {
        dyadi_conllu c;
        char err[256];
        assert_int_equal(dyadi_conllu_read(&c, files[f], err, sizeof err), DYAD_OK);
        for (size_t i = 0; i < c.n; i++) {
            const dyadi_csent *s = &c.s[i];
            int32_t gold[64], orig[64], got[64];
            assert_true(s->n < 64);
            gold[0] = orig[0] = -1;
            for (uint32_t j = 0; j < s->n; j++)
                gold[j + 1] = orig[j + 1] = s->w[j].head;
            dyadi_projectivise(gold, s->n);
            follow_oracle(s, gold, got);
            int same_orig = 1;
            for (uint32_t j = 1; j <= s->n; j++) {
                assert_int_equal(got[j], gold[j]);
                same_orig &= got[j] == orig[j];
            }
            if (strstr(s->sent_id, "nonprojective")) {
                /* the lifted arc: "attended" hangs from "held", meeting's head */
                assert_false(same_orig);
                assert_int_equal(got[8], 4);
                nonproj_seen = 1;
            } else {
                assert_true(same_orig);  /* projective trees come back exactly */
            }
        }
        dyadi_conllu_free(&c);
    }
    assert_true(nonproj_seen);
}

static void test_conllu_errors(void **state)
{
    (void)state;
    dyadi_conllu c;
    char err[256];
    assert_int_equal(dyadi_conllu_read(&c, FIX "bad-fields.conllu", err, sizeof err), DYAD_ERR_FORMAT);
    assert_non_null(strstr(err, "bad-fields.conllu:2"));
    assert_int_equal(dyadi_conllu_read(&c, FIX "bad-head.conllu", err, sizeof err), DYAD_ERR_FORMAT);
    assert_non_null(strstr(err, "HEAD 9"));
    assert_int_equal(dyadi_conllu_read(&c, FIX "bad-id.conllu", err, sizeof err), DYAD_ERR_FORMAT);
    assert_non_null(strstr(err, "bad-id.conllu:2"));
    assert_int_equal(dyadi_conllu_read(&c, FIX "no-such-file.conllu", err, sizeof err), DYAD_ERR_NOTFOUND);
    assert_int_equal(dyadi_conllu_read(&c, FIX "fr.conllu", err, sizeof err), DYAD_OK);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.s[0].nmwt, 1);
    assert_string_equal(c.s[0].mwt[0].form, "du");
    assert_int_equal(c.s[0].mwt[0].first, 3);
    assert_int_equal(c.s[0].mwt[0].last, 4);
    assert_string_equal(c.s[0].text, "Le ministre du Commerce a rencontré Kim.");
    dyadi_conllu_free(&c);
}

static dyad_status train(const char *lang, const char *file, const char *out, unsigned seed)
{
    const char *files[1] = {file};
    dyad_train_options o;
    memset(&o, 0, sizeof o);
    o.lang = lang;
    o.train = files;
    o.ntrain = 1;
    o.dev = file;
    o.out = out;
    o.tagger_epochs = 4;
    o.parser_epochs = 6;
    o.jackknife = 2;
    o.seed = seed;
    char err[256];
    return dyad_model_train(&o, err, sizeof err);
}

static long file_bytes(const char *p, unsigned char **data)
{
    FILE *f = fopen(p, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    *data = malloc((size_t)n + 1);
    assert_non_null(*data);
    assert_int_equal(fread(*data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return n;
}

static void write_bytes(const char *p, const unsigned char *d, long n)
{
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(d, 1, (size_t)n, f), (size_t)n);
    fclose(f);
}

static void test_train_deterministic(void **state)
{
    (void)state;
    assert_int_equal(train("en", FIX "en.conllu", tmp("a.dsm"), 7), DYAD_OK);
    assert_int_equal(train("en", FIX "en.conllu", tmp("b.dsm"), 7), DYAD_OK);
    unsigned char *a, *b;
    long na = file_bytes(tmp("a.dsm"), &a), nb = file_bytes(tmp("b.dsm"), &b);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, (size_t)na);
    free(a);
    free(b);
    /* a model learns its training sentences: the scores say so */
    dyad_model *m;
    char err[256];
    assert_int_equal(dyad_model_open(tmp("a.dsm"), "en", &m, err, sizeof err), DYAD_OK);
    assert_string_equal(dyad_model_lang(m), "en");
    dyad_parse_scores sc;
    assert_int_equal(dyad_model_eval_conllu(m, FIX "en.conllu", tmp("sys.conllu"), 0, &sc, err, sizeof err), DYAD_OK);
    assert_int_equal(sc.words, 30);
    assert_true(sc.upos > 90.0);
    assert_true(sc.uas > 80.0);
    assert_true(sc.las > 70.0);
    dyad_model_free(m);
    dyad_model_free(NULL);
    /* bad arguments and an unreadable training file */
    char e2[256];
    assert_int_equal(dyad_model_train(NULL, e2, sizeof e2), DYAD_ERR_ARG);
    assert_int_equal(train("en", FIX "missing.conllu", tmp("c.dsm"), 1), DYAD_ERR_NOTFOUND);
}

static void expect_open(const char *path, const char *lang, dyad_status want, const char *msg)
{
    dyad_model *m = (dyad_model *)1;
    char err[256] = "";
    assert_int_equal(dyad_model_open(path, lang, &m, err, sizeof err), want);
    assert_null(m);
    if (msg && !strstr(err, msg)) {
        fprintf(stderr, "message '%s' lacks '%s'\n", err, msg);
        fail();
    }
}

static void test_bad_models(void **state)
{
    (void)state;
    assert_int_equal(train("fr", FIX "fr.conllu", tmp("fr.dsm"), 1), DYAD_OK);
    unsigned char *d;
    long n = file_bytes(tmp("fr.dsm"), &d);
    expect_open(tmp("nothing.dsm"), "fr", DYAD_ERR_NOTFOUND, "cannot open");
    expect_open(tmp("fr.dsm"), "en", DYAD_ERR_FORMAT, "language 'fr', not 'en'");
    write_bytes(tmp("short.dsm"), d, n / 2);
    expect_open(tmp("short.dsm"), "fr", DYAD_ERR_FORMAT, "truncated");
    write_bytes(tmp("empty.dsm"), d, 0);
    expect_open(tmp("empty.dsm"), "fr", DYAD_ERR_FORMAT, "too short");
    d[n / 2] ^= 0x40;
    write_bytes(tmp("flip.dsm"), d, n);
    expect_open(tmp("flip.dsm"), "fr", DYAD_ERR_FORMAT, "checksum");
    d[n / 2] ^= 0x40;
    d[8] = 99;  /* format version */
    write_bytes(tmp("v99.dsm"), d, n);
    expect_open(tmp("v99.dsm"), "fr", DYAD_ERR_VERSION, "version 99");
    d[0] = 'X';
    write_bytes(tmp("magic.dsm"), d, n);
    expect_open(tmp("magic.dsm"), "fr", DYAD_ERR_FORMAT, "bad magic");
    free(d);
    expect_open("tests/fixtures/syntax", "fr", DYAD_ERR_FORMAT, "regular file");
}

/* The coder's words: contractions split, clitics kept, spans into the text. */
static void test_coder_words(void **state)
{
    (void)state;
    dyad_model *fr, *en;
    char err[256];
    assert_int_equal(train("en", FIX "en.conllu", tmp("en.dsm"), 3), DYAD_OK);
    assert_int_equal(dyad_model_open(tmp("fr.dsm"), "fr", &fr, err, sizeof err), DYAD_OK);
    assert_int_equal(dyad_model_open(tmp("en.dsm"), "en", &en, err, sizeof err), DYAD_OK);
    dyad_coder *c = dyad_coder_new(NULL);
    assert_non_null(c);
    assert_int_equal(dyad_coder_set_model(c, "en", fr), DYAD_ERR_ARG);  /* wrong language */
    assert_int_equal(dyad_coder_set_model(c, "de", NULL), DYAD_ERR_ARG);
    assert_int_equal(dyad_coder_set_model(c, "fr", fr), DYAD_OK);
    assert_int_equal(dyad_coder_set_model(c, "en", en), DYAD_OK);

    const char *t = "Le ministre du Commerce a rencontré Kim au sommet.";
    dyad_doc doc = {.id = "fr", .lang = "fr", .text = t, .text_len = strlen(t)};
    assert_int_equal(dyad_coder_run(c, &doc), DYAD_OK);
    size_t n;
    const dyad_word *w = dyad_coder_words(c, &n);
    assert_int_equal(n, 12);    /* du -> de le, au -> à le */
    assert_string_equal(w[2].form, "de");
    assert_string_equal(w[3].form, "le");
    assert_true(w[2].flags & DYAD_WORDF_MWT);
    assert_int_equal(w[2].token, w[3].token);
    assert_memory_equal(t + w[2].span.start, "du", 2);
    assert_string_equal(w[8].form, "à");
    assert_memory_equal(t + w[8].span.start, "au", 2);
    int roots = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(w[i].id, i + 1);
        assert_true(w[i].head <= n);
        assert_true(w[i].head != w[i].id);
        roots += w[i].head == 0;
        assert_non_null(w[i].upos);
        assert_non_null(w[i].lemma);
    }
    assert_int_equal(roots, 1);

    const char *e = "Iran's minister didn't sign it.";
    dyad_doc d2 = {.id = "en", .lang = "en", .text = e, .text_len = strlen(e)};
    assert_int_equal(dyad_coder_run(c, &d2), DYAD_OK);
    w = dyad_coder_words(c, &n);
    assert_int_equal(n, 8);     /* Iran 's minister did n't sign it . */
    assert_string_equal(w[1].form, "'s");
    assert_string_equal(w[4].form, "n't");
    assert_false(w[1].flags & DYAD_WORDF_MWT);

    /* a language without a model gives no words */
    const char *g = "Der Minister hat unterschrieben.";
    dyad_doc d3 = {.id = "de", .lang = "de", .text = g, .text_len = strlen(g)};
    assert_int_equal(dyad_coder_run(c, &d3), DYAD_OK);
    assert_null(dyad_coder_words(c, &n));
    assert_int_equal(n, 0);
    dyad_coder_free(c);
    dyad_model_free(fr);
    dyad_model_free(en);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad-syntax-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

/* dyadi_clf_score against a plain sum, for the parser's in-slot weights (4
 * classes and fewer) and for rows of 17, 51 and 59 classes (the tagger's and
 * the labelers': not multiples of the vector width), with features absent
 * from the table, repeated, and more than the prefetch distance. */
static void check_clf(uint32_t nc)
{
    enum { NKEYS = 300, SLOTS = 1024 };
    const uint32_t stride = nc <= 4 ? 3 : 2;
    uint32_t *slots = calloc((size_t)SLOTS * stride, 4);
    int16_t *w = calloc((size_t)NKEYS * nc, sizeof *w);
    int16_t (*want)[64] = calloc(NKEYS, sizeof *want);
    assert_non_null(slots);
    assert_non_null(w);
    assert_non_null(want);
    uint32_t keys[NKEYS];
    for (uint32_t r = 0; r < NKEYS; r++) {
        keys[r] = (uint32_t)dyadi_mix64(r + 1) | 1u;
        uint32_t i = (keys[r] * 0x9E3779B1u) & (SLOTS - 1);
        while (slots[stride * i])
            i = (i + 1) & (SLOTS - 1);
        slots[stride * i] = keys[r];
        for (uint32_t j = 0; j < nc; j++)
            want[r][j] = (int16_t)((int)(dyadi_mix64(r * 131 + j) % 20001) - 10000);
        if (stride == 3) {
            int16_t four[4] = {0, 0, 0, 0};
            memcpy(four, want[r], nc * sizeof four[0]);
            memcpy(&slots[3 * i + 1], four, sizeof four);
        } else {
            slots[2 * i + 1] = r;
            memcpy(w + (size_t)r * nc, want[r], nc * sizeof *w);
        }
    }
    dyadi_clf c = {.nclass = nc, .mask = SLOTS - 1, .slots = slots, .stride = stride,
                   .w = stride == 2 ? w : NULL, .nrows = NKEYS, .scale = 1.0f};
    uint32_t feats[100];
    int32_t got[64], sum[64];
    for (int trial = 0; trial < 50; trial++) {
        size_t nf = (size_t)trial * 2 % 100;
        for (size_t f = 0; f < nf; f++) {
            uint64_t x = dyadi_mix64((uint64_t)trial * 1000 + f);
            /* one feature in five is absent from the table */
            feats[f] = x % 5 == 0 ? (uint32_t)(x >> 32) | 2u : keys[x % NKEYS];
        }
        for (uint32_t j = 0; j < nc; j++)
            got[j] = sum[j] = (int32_t)j - 7;   /* the scores are added to */
        for (size_t f = 0; f < nf; f++)
            for (uint32_t r = 0; r < NKEYS; r++)
                if (keys[r] == feats[f])
                    for (uint32_t j = 0; j < nc; j++)
                        sum[j] += want[r][j];
        dyadi_clf_score(&c, feats, nf, got);
        assert_memory_equal(got, sum, nc * sizeof got[0]);
    }
    free(slots);
    free(w);
    free(want);
}

static void test_clf_score(void **state)
{
    (void)state;
    static const uint32_t ncs[] = {1, 3, 4, 5, 8, 17, 51, 59, 64};
    for (size_t i = 0; i < sizeof ncs / sizeof ncs[0]; i++)
        check_clf(ncs[i]);
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_upos_ids),
        cmocka_unit_test(test_oracle),
        cmocka_unit_test(test_clf_score),
        cmocka_unit_test(test_conllu_errors),
        cmocka_unit_test(test_train_deterministic),
        cmocka_unit_test(test_bad_models),
        cmocka_unit_test(test_coder_words),
    };
    return cmocka_run_group_tests_name("syntax", tests, setup, teardown);
}
