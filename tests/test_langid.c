/* test_langid.c - language identification from function words: French,
 * English, "und" on thin or mixed evidence, Spanish/German only when it is
 * beyond doubt. */
#include "testutil.h"
#include "text.h"

/* Tokenize, key and identify s. */
static const char *lang_of(const char *s)
{
    static char out[8];
    dyadi_vec t, w;
    dyadi_arena a;
    dyadi_arena_init(&a, 1 << 20);
    dyadi_vec_init(&t, sizeof(dyad_token), 0);
    dyadi_vec_init(&w, sizeof(dyad_warning), 10);
    size_t n = strlen(s);
    assert_int_equal(dyadi_tokenize(s, n, NULL, &t, &w), DYAD_OK);
    for (size_t i = 0; i < t.len; i++) {
        dyad_token *x = &DYADI_VEC_AT(&t, dyad_token, i);
        x->norm = dyadi_norm_key(&a, s + x->span.start, x->span.end - x->span.start);
        assert_non_null(x->norm);
    }
    const char *l = dyadi_langid(t.data, t.len);
    snprintf(out, sizeof out, "%s", l);
    dyadi_vec_free(&t);
    dyadi_vec_free(&w);
    dyadi_arena_free(&a);
    return out;
}

static void french(void **state)
{
    (void)state;
    assert_string_equal(lang_of("La Russie entretient déjà des liens très soudés avec la Chine."), "fr");
    assert_string_equal(lang_of("L’armée a lancé l’offensive contre les rebelles dans le nord du pays."), "fr");
}

static void english(void **state)
{
    (void)state;
    assert_string_equal(lang_of("The president said that the army would not withdraw from the region."), "en");
    assert_string_equal(lang_of("Russia's allies don't want it to be over."), "en");
}

static void undetermined(void **state)
{
    (void)state;
    assert_string_equal(lang_of(""), "und");
    assert_string_equal(lang_of("Vladimir Poutine"), "und");          /* no function words */
    assert_string_equal(lang_of("Kim Jong-Un 2022 !"), "und");
    assert_string_equal(lang_of("le the"), "und");                     /* no margin */
}

static void spanish_german(void **state)
{
    (void)state;
    assert_string_equal(lang_of("El presidente de la república dijo que los soldados no se van a retirar "
                                "porque la guerra es muy difícil para el país y para sus aliados."), "es");
    assert_string_equal(lang_of("Der Präsident sagte, dass die Soldaten nicht aus der Region abziehen werden, "
                                "weil der Krieg für das Land und für die Verbündeten sehr schwer ist."), "de");
    /* a few Spanish words are not enough */
    assert_string_equal(lang_of("el presidente y los aliados"), "und");
}

#define T(name, fn) { "langid/" name, fn, NULL, NULL, NULL }

int main(void)
{
    const struct CMUnitTest tests[] = {
        T("french", french),
        T("english", english),
        T("undetermined", undetermined),
        T("spanish-german", spanish_german),
    };
    return cmocka_run_group_tests_name("langid", tests, NULL, NULL);
}
