/* test_arena.c - arena/arrays: caps are enforced, reset reuses memory. */
#include "testutil.h"
#include "arena.h"

static void arena_cap(void **state)
{
    (void)state;
    dyadi_arena a;
    dyadi_arena_init(&a, 1000);
    assert_non_null(dyadi_arena_alloc(&a, 500));
    assert_null(dyadi_arena_alloc(&a, 600));          /* over the cap */
    assert_non_null(dyadi_arena_alloc(&a, 400));
    dyadi_arena_reset(&a);
    assert_non_null(dyadi_arena_alloc(&a, 990));       /* reset frees the budget */
    char *s = dyadi_arena_strndup(&a, "abcdef", 3);
    assert_null(s);                                    /* 992 + 16 > 1000 */
    dyadi_arena_free(&a);
    dyadi_arena_init(&a, 0);
    s = dyadi_arena_strndup(&a, "abcdef", 3);
    assert_string_equal(s, "abc");
    for (int i = 0; i < 10000; i++)
        assert_non_null(dyadi_arena_alloc(&a, 100));   /* grows past one block */
    dyadi_arena_free(&a);
}

static void vec_cap(void **state)
{
    (void)state;
    dyadi_vec v;
    dyadi_vec_init(&v, sizeof(int), 100);
    for (int i = 0; i < 100; i++) {
        int *p = dyadi_vec_push(&v);
        assert_non_null(p);
        assert_int_equal(*p, 0);
        *p = i;
    }
    assert_null(dyadi_vec_push(&v));
    assert_int_equal(DYADI_VEC_AT(&v, int, 57), 57);
    dyadi_vec_free(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_cap),
        cmocka_unit_test(vec_cap),
    };
    return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
