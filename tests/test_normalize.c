/* test_normalize.c - UTF-8 decoding and norm keys: NFC, case folding with
 * accents kept, apostrophe look-alikes, invalid bytes as U+FFFD, the ASCII
 * fast path agreeing with the Unicode path. */
#include "testutil.h"
#include "text.h"

static dyadi_arena A;

static int setup(void **state) { (void)state; dyadi_arena_init(&A, 1 << 20); return 0; }
static int teardown(void **state) { (void)state; dyadi_arena_free(&A); return 0; }

static const char *key(const char *s)
{
    const char *k = dyadi_norm_key(&A, s, strlen(s));
    assert_non_null(k);
    return k;
}

static void utf8_decode(void **state)
{
    (void)state;
    const char s[] = "a\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80\xFF\xC3";
    size_t n = sizeof s - 1, i = 0;
    assert_int_equal(dyadi_utf8_next(s, n, &i), 'a');
    assert_int_equal(dyadi_utf8_next(s, n, &i), 0xE9);
    assert_int_equal(dyadi_utf8_next(s, n, &i), 0x2019);
    assert_int_equal(dyadi_utf8_next(s, n, &i), 0x1F600);
    assert_int_equal(i, 10);
    assert_int_equal(dyadi_utf8_next(s, n, &i), -1);   /* 0xFF */
    assert_int_equal(i, 11);
    assert_int_equal(dyadi_utf8_next(s, n, &i), -1);   /* truncated */
    assert_int_equal(i, 12);
    const char bad[] = "\xC0\xAF\xED\xA0\x80\xF4\x90\x80\x80";  /* overlong, surrogate, > U+10FFFF */
    i = 0;
    assert_int_equal(dyadi_utf8_next(bad, sizeof bad - 1, &i), -1);
    assert_int_equal(i, 1);
    i = 2;
    assert_int_equal(dyadi_utf8_next(bad, sizeof bad - 1, &i), -1);
    i = 5;
    assert_int_equal(dyadi_utf8_next(bad, sizeof bad - 1, &i), -1);
}

static void ascii_fast_path(void **state)
{
    (void)state;
    assert_string_equal(key("Vladimir"), "vladimir");
    assert_string_equal(key("U.S."), "u.s.");
    assert_string_equal(key("L'"), "l'");
    assert_string_equal(key("2022"), "2022");
    const char *k = dyadi_norm_key(&A, "ABCdef", 3);
    assert_string_equal(k, "abc");
}

static void accents_kept(void **state)
{
    (void)state;
    assert_string_equal(key("Pékin"), "pékin");
    assert_string_equal(key("ÉLYSÉE"), "élysée");
    assert_string_equal(key("Corée"), "corée");
    assert_string_equal(key("nord-coréen"), "nord-coréen");
}

static void nfc(void **state)
{
    (void)state;
    /* e + U+0301 composes to é */
    assert_string_equal(key("Pe\xCC\x81kin"), "pékin");
    assert_string_equal(key("Stra\xC3\x9F" "e"), "strasse");           /* full case folding */
    assert_string_equal(key("anti\xC2\xAD" "constitutionnel"), "anticonstitutionnel"); /* soft hyphen */
}

static void apostrophes(void **state)
{
    (void)state;
    assert_string_equal(key("L\xE2\x80\x99"), "l'");
    assert_string_equal(key("aujourd\xE2\x80\x99hui"), "aujourd'hui");
    assert_string_equal(key("n\xCA\xBCt"), "n't");
    assert_string_equal(key("\xE2\x80\x98s"), "'s");
    assert_string_equal(key("l\xE2\x80\xB2"), "l'");
}

static void invalid_bytes(void **state)
{
    (void)state;
    assert_string_equal(dyadi_norm_key(&A, "Caf\xE9", 4), "caf\xEF\xBF\xBD");
    assert_string_equal(dyadi_norm_key(&A, "\xFF\xFE" "A\xC3", 4), "\xEF\xBF\xBD\xEF\xBF\xBD" "a\xEF\xBF\xBD");
    assert_string_equal(dyadi_norm_key(&A, "É\xFF", 3), "é\xEF\xBF\xBD");
}

static void long_token(void **state)
{
    (void)state;
    /* longer than the stack buffer: takes the arena path */
    char s[3000];
    size_t n = 0;
    for (int i = 0; i < 1000; i++) {
        memcpy(s + n, "\xC3\x89", 2);   /* É */
        n += 2;
    }
    const char *k = dyadi_norm_key(&A, s, n);
    assert_non_null(k);
    assert_int_equal(strlen(k), 2000);
    assert_memory_equal(k, "\xC3\xA9\xC3\xA9", 4);
    /* over the arena cap: NULL, not a crash */
    dyadi_arena small;
    dyadi_arena_init(&small, 64);
    assert_null(dyadi_norm_key(&small, s, n));
    dyadi_arena_free(&small);
}

#define T(name, fn) { "normalize/" name, fn, NULL, NULL, NULL }

int main(void)
{
    const struct CMUnitTest tests[] = {
        T("utf8-decode", utf8_decode),
        T("ascii-fast-path", ascii_fast_path),
        T("accents-kept", accents_kept),
        T("nfc", nfc),
        T("apostrophes", apostrophes),
        T("invalid-bytes", invalid_bytes),
        T("long-token", long_token),
    };
    return cmocka_run_group_tests_name("normalize", tests, setup, teardown);
}
