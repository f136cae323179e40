/* test_dates.c - dates that words name relative to the publication date
 * (src/dates.c): golden cases in French and English, the calendar
 * arithmetic under them, and sentences that name no date. */
#include "testutil.h"
#include "dates.h"
#include "text.h"

/* Tokenize and key s; the date its words name against base (0: none). */
static uint32_t named(const char *s, uint32_t base)
{
    dyadi_vec t, w;
    dyadi_arena a;
    dyadi_arena_init(&a, 1 << 20);
    dyadi_vec_init(&t, sizeof(dyad_token), 0);
    dyadi_vec_init(&w, sizeof(dyad_warning), 10);
    assert_int_equal(dyadi_tokenize(s, strlen(s), NULL, &t, &w), DYAD_OK);
    for (size_t i = 0; i < t.len; i++) {
        dyad_token *x = &DYADI_VEC_AT(&t, dyad_token, i);
        x->norm = dyadi_norm_key(&a, s + x->span.start, x->span.end - x->span.start);
        assert_non_null(x->norm);
    }
    uint32_t r = dyadi_sentence_date(t.data, 0, (uint32_t)t.len, base);
    dyadi_vec_free(&t);
    dyadi_vec_free(&w);
    dyadi_arena_free(&a);
    return r;
}

/* 2016-07-20 was a Wednesday. */
#define WED 20160720u

static void french(void **state)
{
    (void)state;
    assert_int_equal(named("Le 5 juillet dernier, la Russie a signé un accord.", WED), 20160705);
    assert_int_equal(named("Le 25 juillet dernier, la Russie a signé un accord.", WED), 20150725);
    assert_int_equal(named("Le 5 août, la Russie a signé un accord.", WED), 20150805);
    assert_int_equal(named("Le 5 juillet 2014, la Russie a signé un accord.", WED), 20140705);
    assert_int_equal(named("Hier, la France a condamné l'Iran.", WED), 20160719);
    assert_int_equal(named("Avant-hier, la France a condamné l'Iran.", WED), 20160718);
    assert_int_equal(named("Il y a trois jours, la France a condamné l'Iran.", WED), 20160717);
    assert_int_equal(named("Il y a une semaine, la France a condamné l'Iran.", WED), 20160713);
    assert_int_equal(named("Mardi dernier, la France a condamné l'Iran.", WED), 20160719);
    assert_int_equal(named("La France a condamné l'Iran mercredi dernier.", WED), 20160713);
    assert_int_equal(named("La France a condamné l'Iran lundi.", WED), 20160718);
    assert_int_equal(named("La France rencontrera l'Iran lundi prochain.", WED), 20160725);
    assert_int_equal(named("La semaine dernière, la France a condamné l'Iran.", WED), 20160713);
    assert_int_equal(named("Le mois dernier, la France a condamné l'Iran.", WED), 20160600);
    assert_int_equal(named("Mardi 5 juillet, la France a condamné l'Iran.", WED), 20160705);
}

static void english(void **state)
{
    (void)state;
    assert_int_equal(named("On July 5, Russia signed an agreement.", WED), 20160705);
    assert_int_equal(named("On July 5, 2015, Russia signed an agreement.", WED), 20150705);
    assert_int_equal(named("On 5 July last, Russia signed an agreement.", WED), 20160705);
    assert_int_equal(named("Yesterday, France condemned Iran.", WED), 20160719);
    assert_int_equal(named("France condemned Iran the day before yesterday.", WED), 20160718);
    assert_int_equal(named("France condemned Iran two days ago.", WED), 20160718);
    assert_int_equal(named("France condemned Iran 10 days ago.", WED), 20160710);
    assert_int_equal(named("France condemned Iran a week ago.", WED), 20160713);
    assert_int_equal(named("France condemned Iran last Tuesday.", WED), 20160719);
    assert_int_equal(named("France condemned Iran last Wednesday.", WED), 20160713);
    assert_int_equal(named("France condemned Iran on Monday.", WED), 20160718);
    assert_int_equal(named("France will meet Iran next Monday.", WED), 20160725);
    assert_int_equal(named("France condemned Iran last week.", WED), 20160713);
    assert_int_equal(named("France condemned Iran last month.", 20160110), 20151200);
    assert_int_equal(named("France condemned Iran today.", WED), WED);
}

static void across_boundaries(void **state)
{
    (void)state;
    assert_int_equal(named("Yesterday, France condemned Iran.", 20160301), 20160229);  /* leap */
    assert_int_equal(named("Hier, la France a condamné l'Iran.", 20170101), 20161231);
    assert_int_equal(named("Le 30 décembre, la France a condamné l'Iran.", 20170102), 20161230);
    assert_int_equal(named("Le 31 février, la France a condamné l'Iran.", WED), 0);   /* no such day */
}

static void none(void **state)
{
    (void)state;
    assert_int_equal(named("La France a condamné l'Iran.", WED), 0);
    assert_int_equal(named("France condemned Iran.", WED), 0);
    assert_int_equal(named("Hier, la France a condamné l'Iran.", 0), 0);          /* no base */
    /* relative days need the base's day; a month-only base gives none */
    assert_int_equal(named("Hier, la France a condamné l'Iran.", 20160700), 0);
    assert_int_equal(named("Le 5 juillet, la France a condamné l'Iran.", 20160700), 20160705);
    /* "may" the verb is no month without a day beside it */
    assert_int_equal(named("France may condemn Iran.", WED), 0);
}

static void calendar(void **state)
{
    (void)state;
    assert_int_equal(dyadi_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(dyadi_days_from_civil(2000, 3, 1), 11017);
    long y;
    int m, d;
    dyadi_civil_from_days(11016, &y, &m, &d);
    assert_true(y == 2000 && m == 2 && d == 29);
    assert_int_equal(dyadi_days_in_month(1900, 2), 28);
    assert_int_equal(dyadi_days_in_month(2000, 2), 29);
    assert_int_equal(dyadi_days_in_month(2000, 13), 0);
}

#define T(name, fn) { "dates/" name, fn, NULL, NULL, NULL }

int main(void)
{
    const struct CMUnitTest tests[] = {
        T("french", french),
        T("english", english),
        T("across-boundaries", across_boundaries),
        T("none", none),
        T("calendar", calendar),
    };
    return cmocka_run_group_tests_name("dates", tests, NULL, NULL);
}
