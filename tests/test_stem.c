/* test_stem.c - stem keys: the irregular-form tables answer first with the
 * lemma, Snowball does the rest, English regular forms of an irregular verb
 * meet its lemma, other languages and elided forms key as themselves. */
#include "testutil.h"
#include "text.h"

static dyadi_arena A;
static dyadi_stemmer *S;

static int setup(void **state)
{
    (void)state;
    dyadi_arena_init(&A, 1 << 20);
    S = dyadi_stemmer_new();
    return S ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    dyadi_stemmer_free(S);
    dyadi_arena_free(&A);
    return 0;
}

static const char *fr(const char *w) { return dyadi_stem_key(S, &A, "fr", w); }
static const char *en(const char *w) { return dyadi_stem_key(S, &A, "en", w); }

static void fr_irregular(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"a", "avoir"}, {"ont", "avoir"}, {"avait", "avoir"}, {"aurait", "avoir"}, {"eu", "avoir"},
        {"est", "être"}, {"sont", "être"}, {"été", "être"}, {"serait", "être"}, {"fut", "être"},
        {"fait", "faire"}, {"font", "faire"}, {"fera", "faire"},
        {"va", "aller"}, {"vont", "aller"}, {"ira", "aller"}, {"irait", "aller"},
        {"peut", "pouvoir"}, {"peuvent", "pouvoir"}, {"pourrait", "pouvoir"}, {"pu", "pouvoir"},
        {"veut", "vouloir"}, {"voulait", "vouloir"}, {"voudrait", "vouloir"},
        {"doit", "devoir"}, {"devrait", "devoir"}, {"dû", "devoir"},
        {"prend", "prendre"}, {"pris", "prendre"}, {"met", "mettre"}, {"mis", "mettre"},
        {"dit", "dire"}, {"disent", "dire"}, {"vient", "venir"}, {"venu", "venir"},
        {"tient", "tenir"}, {"tenu", "tenir"}, {"soutient", "soutenir"}, {"soutenu", "soutenir"},
        {"promis", "promettre"}, {"détruit", "détruire"}, {"avoir", "avoir"}, {"prendre", "prendre"},
    };
    /* an irregular form gets the same key as its lemma (and so as the
     * lemma's regular forms): the lemma is stemmed like any word */
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        assert_string_equal(fr(pairs[i][0]), fr(pairs[i][1]));
    assert_string_equal(fr("soutenu"), fr("soutiennent"));
    assert_string_equal(fr("a"), "avoir");
    assert_string_equal(fr("été"), "être");
}

static void fr_snowball(void **state)
{
    (void)state;
    assert_string_equal(fr("refusé"), fr("refuser"));
    assert_string_equal(fr("refusaient"), fr("refuser"));
    assert_string_equal(fr("sanctions"), fr("sanction"));
    /* nouns that look like verb forms are not lemmatised */
    assert_string_not_equal(fr("avions"), "avoir");
    assert_string_not_equal(fr("devant"), "devoir");
}

static void en_irregular(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"was", "be"}, {"were", "be"}, {"is", "be"}, {"are", "be"}, {"been", "be"},
        {"had", "have"}, {"has", "have"}, {"did", "do"}, {"does", "do"}, {"done", "do"},
        {"went", "go"}, {"gone", "go"}, {"said", "say"}, {"met", "meet"}, {"sent", "send"},
        {"took", "take"}, {"taken", "take"}, {"gave", "give"}, {"given", "give"}, {"held", "hold"},
        {"fought", "fight"}, {"bought", "buy"}, {"sought", "seek"}, {"struck", "strike"},
        {"threw", "throw"}, {"thrown", "throw"}, {"n't", "not"}, {"'re", "be"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        assert_string_equal(en(pairs[i][0]), pairs[i][1]);
}

static void en_regular_meets_lemma(void **state)
{
    (void)state;
    assert_string_equal(en("leaving"), "leave");
    assert_string_equal(en("left"), "leave");
    assert_string_equal(en("taking"), en("take"));
    assert_string_equal(en("meetings"), en("meet"));
    assert_string_equal(en("attacked"), en("attack"));
    assert_string_equal(en("attacks"), "attack");
}

static void other_keys(void **state)
{
    (void)state;
    const char *w = "offensive";
    assert_ptr_equal(dyadi_stem_key(S, &A, "und", w), w);
    assert_ptr_equal(dyadi_stem_key(S, &A, "de", w), w);
    const char *l = "l'";
    assert_ptr_equal(fr(l), l);
    const char *q = "qu'";
    assert_ptr_equal(fr(q), q);
    /* very long keys are not stemmed */
    char big[200];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_ptr_equal(fr(big), big);
}

#define T(name, fn) { "stem/" name, fn, NULL, NULL, NULL }

int main(void)
{
    const struct CMUnitTest tests[] = {
        T("fr-irregular", fr_irregular),
        T("fr-snowball", fr_snowball),
        T("en-irregular", en_irregular),
        T("en-regular-meets-lemma", en_regular_meets_lemma),
        T("other-keys", other_keys),
    };
    return cmocka_run_group_tests_name("stem", tests, setup, teardown);
}
