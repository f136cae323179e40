/* test_score.c - the scorer on hand-built records and events, with every
 * figure computed by hand: multiset matching, lenient vs strict, negated
 * and untargeted events left out, must_not hits, root confusion, code-only
 * records, open actors and PLOVER-only gold, records fully correct and the
 * list of those that are not. */
#include "testutil.h"

#include <math.h>

static dyad_event ev(const char *src, const char *tgt, const char *code, uint8_t polarity, const char *rule)
{
    dyad_event e;
    memset(&e, 0, sizeof e);
    e.source.code = src;
    e.target.code = tgt;
    e.code = code;
    e.polarity = polarity;
    e.rule = rule;
    return e;
}

static dyad_gold_event ge(const char *src, const char *tgt, const char *code)
{
    dyad_gold_event g = {src, tgt, code, NULL, 1};
    return g;
}

static void assert_close(double a, double b)
{
    if (fabs(a - b) > 1e-9) {
        print_error("%.12f != %.12f\n", a, b);
        fail();
    }
}

static const dyad_score_root *root_of(const dyad_scorer *s, const char *label)
{
    size_t n;
    const dyad_score_root *r = dyad_scorer_roots(s, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(r[i].label, label) == 0)
            return &r[i];
    return NULL;
}

/* Three records:
 *  R1 expects USAGOV->PRKGOV 040 and PRKGOV->USAGOV 040; dyad produces the
 *     first exactly, PRK->USA 042 (lenient hit, strict miss) and a negated
 *     190 (ignored).                      lenient 2/0/0, strict 1/1/1
 *  R2 expects nothing, must_not IRN->USA 06; dyad produces IRNGOV->USA 061
 *     (a must_not hit) and RUS->(no target) 010 (ignored).
 *                                         lenient 0/1/0, strict 0/1/0
 *  R3 expects FRAGOV->SYR 190 and FRAGOV->SYRREB 173; dyad produces
 *     FRAGOV->SYR 111 (same actors, other root: confusion 19 -> 11) and a
 *     refused 190 ("refused to strike": ignored, not the strike).
 *                                         lenient 0/1/2, strict 0/1/2
 * Totals: lenient tp 2 fp 2 fn 2 (P = R = F1 = 0.5); strict tp 1 fp 3 fn 3
 * (P = R = F1 = 0.25). */
static void score_three_records(void **state)
{
    (void)state;
    dyad_scorer *s = dyad_scorer_new(DYAD_SCORER_KEEP_ERRORS);
    assert_non_null(s);

    dyad_gold_event g1[] = {ge("USAGOV", "PRKGOV", "040"), ge("PRKGOV", "USAGOV", "040")};
    dyad_gold_record r1 = {.id = "R1", .text = "Trump met Kim.", .text_len = 14, .events = g1, .n_events = 2, .line = 1};
    dyad_event p1[] = {ev("USAGOV", "PRKGOV", "040", DYAD_ASSERTED, "meet"),
                       ev("PRK", "USA", "042", DYAD_ASSERTED, "visit"),
                       ev("USAGOV", "PRKGOV", "190", DYAD_NEGATED, "attack")};
    assert_int_equal(dyad_scorer_add(s, &r1, p1, 3), DYAD_OK);

    dyad_gold_event m2[] = {ge("IRN", "USA", "06")};
    dyad_gold_record r2 = {.id = "R2", .text = "Iran should buy.", .text_len = 16, .must_not = m2, .n_must_not = 1,
                           .flags = DYAD_GOLD_NOEVENTS, .line = 2};
    dyad_event p2[] = {ev("IRNGOV", "USA", "061", DYAD_ASSERTED, "buy"), ev("RUS", NULL, "010", DYAD_ASSERTED, "say")};
    assert_int_equal(dyad_scorer_add(s, &r2, p2, 2), DYAD_OK);

    dyad_gold_event g3[] = {ge("FRAGOV", "SYR", "190"), ge("FRAGOV", "SYRREB", "173")};
    dyad_gold_record r3 = {.id = "R3", .text = "France struck Syria.", .text_len = 20, .events = g3, .n_events = 2, .line = 3};
    dyad_event p3[] = {ev("FRAGOV", "SYR", "111", DYAD_ASSERTED, "criticize"),
                       ev("FRAGOV", "SYR", "190", DYAD_REFUSED, "strike")};
    assert_int_equal(dyad_scorer_add(s, &r3, p3, 2), DYAD_OK);

    dyad_score_summary sum;
    dyad_scorer_summary(s, &sum);
    assert_int_equal(sum.records, 3);
    assert_int_equal(sum.gold_events, 4);
    assert_int_equal(sum.negated_ignored, 2);
    assert_int_equal(sum.untargeted_ignored, 1);
    assert_int_equal(sum.must_not_hits, 1);
    assert_int_equal(sum.lenient.tp, 2);
    assert_int_equal(sum.lenient.fp, 2);
    assert_int_equal(sum.lenient.fn, 2);
    assert_close(sum.lenient.precision, 0.5);
    assert_close(sum.lenient.recall, 0.5);
    assert_close(sum.lenient.f1, 0.5);
    assert_int_equal(sum.strict.tp, 1);
    assert_int_equal(sum.strict.fp, 3);
    assert_int_equal(sum.strict.fn, 3);
    assert_close(sum.strict.precision, 0.25);
    assert_close(sum.strict.recall, 0.25);
    assert_close(sum.strict.f1, 0.25);
    assert_int_equal(sum.code_only, 0);

    /* per root: tp/fn on the expected root, fp on the produced one */
    const dyad_score_root *r;
    assert_non_null(r = root_of(s, "04"));
    assert_int_equal(r->counts.tp, 2);
    assert_int_equal(r->counts.fn, 0);
    assert_non_null(r = root_of(s, "06"));
    assert_int_equal(r->counts.fp, 1);
    assert_non_null(r = root_of(s, "19"));
    assert_int_equal(r->counts.fn, 1);
    assert_non_null(r = root_of(s, "17"));
    assert_int_equal(r->counts.fn, 1);
    assert_non_null(r = root_of(s, "11"));
    assert_int_equal(r->counts.fp, 1);
    assert_null(root_of(s, "01"));      /* the untargeted 010 is not scored */
    size_t n;
    const dyad_score_root *all = dyad_scorer_roots(s, &n);
    for (size_t i = 1; i < n; i++)
        assert_true(strcmp(all[i - 1].label, all[i].label) < 0);

    const dyad_score_confusion *c = dyad_scorer_confusion(s, &n);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].expected, "19");
    assert_string_equal(c[0].produced, "11");
    assert_int_equal(c[0].count, 1);

    /* R1: one inexact; R2: one must_not hit; R3: one false alarm, two misses */
    const dyad_score_error *e = dyad_scorer_errors(s, &n);
    assert_int_equal(n, 5);
    int kinds[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        kinds[e[i].kind]++;
        if (e[i].kind == DYAD_SCORE_FALSE_ALARM) {
            assert_string_equal(e[i].record_id, "R3");
            assert_string_equal(e[i].text, "France struck Syria.");
            assert_string_equal(e[i].produced.rule, "criticize");
            assert_string_equal(e[i].produced.code, "111");
        }
        if (e[i].kind == DYAD_SCORE_MUST_NOT) {
            assert_string_equal(e[i].expected.code, "06");
            assert_string_equal(e[i].produced.code, "061");
        }
        if (e[i].kind == DYAD_SCORE_INEXACT) {
            assert_string_equal(e[i].expected.source, "PRKGOV");
            assert_string_equal(e[i].produced.code, "042");
        }
    }
    assert_int_equal(kinds[DYAD_SCORE_MISS], 2);
    assert_int_equal(kinds[DYAD_SCORE_FALSE_ALARM], 1);
    assert_int_equal(kinds[DYAD_SCORE_MUST_NOT], 1);
    assert_int_equal(kinds[DYAD_SCORE_INEXACT], 1);

    /* R1 is right leniently only; R2 and R3 are wrong on both levels */
    assert_int_equal(sum.records_correct_lenient, 1);
    assert_int_equal(sum.records_correct_strict, 0);
    const dyad_score_failure *f = dyad_scorer_failures(s, &n);
    assert_int_equal(n, 3);
    assert_string_equal(f[0].record_id, "R1");
    assert_true(f[0].lenient_ok && !f[0].strict_ok);
    assert_int_equal(f[0].n_errors, 1);
    assert_int_equal(e[f[0].first_error].kind, DYAD_SCORE_INEXACT);
    assert_string_equal(f[1].record_id, "R2");
    assert_int_equal(f[1].n_errors, 1);
    assert_int_equal(e[f[1].first_error].kind, DYAD_SCORE_MUST_NOT);
    assert_string_equal(f[2].record_id, "R3");
    assert_int_equal(f[2].line, 3);
    assert_string_equal(f[2].text, "France struck Syria.");
    assert_int_equal(f[2].first_error, 2);
    assert_int_equal(f[2].n_errors, 3);      /* a false alarm and two misses */
    assert_int_equal(f[2].lenient.fp, 1);
    assert_int_equal(f[2].lenient.fn, 2);
    assert_int_equal(f[2].strict.tp, 0);
    dyad_scorer_free(s);
}

/* Two identical expectations need two productions (multiset), and two
 * identical productions against one expectation leave a false alarm. */
static void score_multiset(void **state)
{
    (void)state;
    dyad_scorer *s = dyad_scorer_new(0);
    dyad_gold_event g[] = {ge("ARN", "GON", "064"), ge("ARN", "GON", "064")};
    dyad_gold_record r = {.id = "M1", .text = "x", .text_len = 1, .events = g, .n_events = 2};
    dyad_event p[] = {ev("ARN", "GON", "064", 0, NULL)};
    assert_int_equal(dyad_scorer_add(s, &r, p, 1), DYAD_OK);
    dyad_gold_record r2 = {.id = "M2", .text = "x", .text_len = 1, .events = g, .n_events = 1};
    dyad_event p2[] = {ev("ARN", "GON", "064", 0, NULL), ev("ARN", "GON", "064", 0, NULL)};
    assert_int_equal(dyad_scorer_add(s, &r2, p2, 2), DYAD_OK);
    dyad_score_summary sum;
    dyad_scorer_summary(s, &sum);
    assert_int_equal(sum.lenient.tp, 2);
    assert_int_equal(sum.lenient.fn, 1);
    assert_int_equal(sum.lenient.fp, 1);
    assert_int_equal(sum.strict.tp, 2);
    /* errors are not kept without the flag */
    size_t n;
    assert_null(dyad_scorer_errors(s, &n));
    assert_int_equal(n, 0);
    dyad_scorer_free(s);
}

/* Code-only records (CAMEO examples): the best event decides.
 *  C1 expects 051; dyad produces 021 (no target) and 054: best is 054, root
 *     right, code wrong: lenient tp, strict fn + fp.
 *  C2 expects 011; nothing produced: a miss on both levels.
 *  C3 expects 120; dyad produces 173: lenient and strict fn + fp, confusion
 *     12 -> 17.
 * Root accuracy 1/3, code accuracy 0/3. */
static void score_code_only(void **state)
{
    (void)state;
    dyad_scorer *s = dyad_scorer_new(DYAD_SCORER_KEEP_ERRORS);
    dyad_gold_event g1[] = {ge(NULL, NULL, "051")}, g2[] = {ge(NULL, NULL, "011")}, g3[] = {ge(NULL, NULL, "120")};
    dyad_gold_record r1 = {.id = "C1", .text = "a", .text_len = 1, .events = g1, .n_events = 1, .flags = DYAD_GOLD_CODE_ONLY};
    dyad_gold_record r2 = {.id = "C2", .text = "b", .text_len = 1, .events = g2, .n_events = 1, .flags = DYAD_GOLD_CODE_ONLY};
    dyad_gold_record r3 = {.id = "C3", .text = "c", .text_len = 1, .events = g3, .n_events = 1, .flags = DYAD_GOLD_CODE_ONLY};
    dyad_event p1[] = {ev("USA", NULL, "021", 0, "appeal"), ev("USA", "LBR", "054", 0, "recognize")};
    dyad_event p3[] = {ev("FRA", "SYR", "173", 0, "arrest")};
    assert_int_equal(dyad_scorer_add(s, &r1, p1, 2), DYAD_OK);
    assert_int_equal(dyad_scorer_add(s, &r2, NULL, 0), DYAD_OK);
    assert_int_equal(dyad_scorer_add(s, &r3, p3, 1), DYAD_OK);
    dyad_score_summary sum;
    dyad_scorer_summary(s, &sum);
    assert_int_equal(sum.code_only, 3);
    assert_int_equal(sum.code_only_root_ok, 1);
    assert_int_equal(sum.code_only_code_ok, 0);
    assert_close(sum.root_accuracy, 1.0 / 3.0);
    assert_close(sum.code_accuracy, 0.0);
    assert_int_equal(sum.lenient.tp, 1);
    assert_int_equal(sum.lenient.fn, 2);
    assert_int_equal(sum.lenient.fp, 1);
    assert_int_equal(sum.strict.tp, 0);
    assert_int_equal(sum.strict.fn, 3);
    assert_int_equal(sum.strict.fp, 2);
    size_t n;
    const dyad_score_confusion *c = dyad_scorer_confusion(s, &n);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].expected, "12");
    assert_string_equal(c[0].produced, "17");
    const dyad_score_error *e = dyad_scorer_errors(s, &n);
    assert_int_equal(n, 3);     /* C1 inexact, C2 miss, C3 miss with the best event */
    assert_int_equal(e[0].kind, DYAD_SCORE_INEXACT);
    assert_string_equal(e[2].produced.rule, "arrest");
    dyad_scorer_free(s);
}

/* Open actors, sector-only actors, code alternatives, PARTIAL lists and
 * PLOVER-only gold. */
static void score_open_and_plover(void **state)
{
    (void)state;
    dyad_scorer *s = dyad_scorer_new(0);
    /* open source, country-unknown PTY target */
    dyad_gold_event g1[] = {ge(NULL, "---PTY", "190")};
    dyad_gold_record r1 = {.id = "O1", .text = "x", .text_len = 1, .events = g1, .n_events = 1};
    dyad_event p1[] = {ev("COLREB", "COLPTY", "190", 0, NULL)};
    assert_int_equal(dyad_scorer_add(s, &r1, p1, 1), DYAD_OK);      /* lenient and strict hit */
    /* strict compares the sector: COLGOV is not ---PTY */
    dyad_event p1b[] = {ev("COLREB", "COLGOV", "190", 0, NULL)};
    assert_int_equal(dyad_scorer_add(s, &r1, p1b, 1), DYAD_OK);     /* lenient hit, strict fn + fp */
    /* alternatives are roots: any of 18/19/20 leniently, never strictly */
    dyad_gold_event g1a[] = {ge(NULL, "---PTY", "18/19/20")};
    dyad_gold_record r1a = {.id = "O1a", .text = "x", .text_len = 1, .events = g1a, .n_events = 1};
    dyad_event p1c[] = {ev("COLREB", "COLPTY", "202", 0, NULL)};
    assert_int_equal(dyad_scorer_add(s, &r1a, p1c, 1), DYAD_OK);    /* lenient hit, strict fn + fp */
    /* a partial list: the unmatched production is not a false alarm */
    dyad_gold_event g2[] = {ge("GON", "OSG", "064")};
    dyad_gold_record r2 = {.id = "O2", .text = "x", .text_len = 1, .events = g2, .n_events = 1, .flags = DYAD_GOLD_PARTIAL};
    dyad_event p2[] = {ev("GON", "OSG", "064", 0, NULL), ev("OSG", "GON", "064", 0, NULL)};
    assert_int_equal(dyad_scorer_add(s, &r2, p2, 2), DYAD_OK);      /* hit on both, no fp */
    dyad_score_summary sum;
    dyad_scorer_summary(s, &sum);
    assert_int_equal(sum.lenient.tp, 4);
    assert_int_equal(sum.lenient.fp, 0);
    assert_int_equal(sum.lenient.fn, 0);
    assert_int_equal(sum.strict.tp, 2);
    assert_int_equal(sum.strict.fn, 2);
    assert_int_equal(sum.strict.fp, 2);
    dyad_scorer_free(s);

    /* PLOVER: the type is compared, labels are types; an open target also
     * accepts an event with no target */
    s = dyad_scorer_new(0);
    dyad_gold_event g3[] = {{"KOREDU", NULL, NULL, "PROTEST", 1}, {"HUNGOV", "ROUGOV", NULL, "AGREE", 1}};
    dyad_gold_record r3 = {.id = "PL1", .text = "x", .text_len = 1, .events = g3, .n_events = 2};
    dyad_event p3[] = {ev("KOREDU", NULL, "141", 0, NULL), ev("HUNGOV", "ROUGOV", "057", 0, NULL)};
    p3[0].plover = "PROTEST";
    p3[1].plover = "CONSULT";
    assert_int_equal(dyad_scorer_add(s, &r3, p3, 2), DYAD_OK);
    dyad_scorer_summary(s, &sum);
    assert_int_equal(sum.lenient.tp, 1);
    assert_int_equal(sum.lenient.fn, 1);
    assert_int_equal(sum.lenient.fp, 1);
    assert_non_null(root_of(s, "PROTEST"));
    assert_int_equal(root_of(s, "AGREE")->counts.fn, 1);
    assert_int_equal(root_of(s, "CONSULT")->counts.fp, 1);
    size_t n;
    const dyad_score_confusion *c = dyad_scorer_confusion(s, &n);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].expected, "AGREE");
    assert_string_equal(c[0].produced, "CONSULT");
    dyad_scorer_free(s);
}

/* Records fully correct, one record per case:
 *  A  one event, produced exactly                         lenient ok, strict ok
 *  B  nothing expected; dyad's events are negated or
 *     untargeted, so none is scored                       ok, ok
 *  C  expects ARN->GON 064, dyad says ARN->GONGOV 064     ok, not ok (inexact)
 *  D  a partial list: its event and an extra one           ok, ok
 *  E  nothing expected, a must_not hit                     not ok, not ok
 *  F  code-only 051, best event 054                        ok, not ok
 *  G  code-only 051, best event 051                        ok, ok
 *  H  expects X->Y 0411 and 0412, dyad gives 0412 then
 *     0411: the lenient pairing crosses them, the strict
 *     matching finds both, so nothing is inexact          ok, ok
 *  I  expects one event, dyad gives nothing                not ok, not ok
 * Lenient 7/9, strict 5/9; kept: C, E, F, I with one error each. Per
 * category: PAT (A, C) 2 records, lenient 2, strict 1; CODEBOOK (F, G) the
 * same; the others have none and are not counted there. */
static void score_records_correct(void **state)
{
    (void)state;
    dyad_scorer *s = dyad_scorer_new(DYAD_SCORER_KEEP_ERRORS);
    assert_non_null(s);
    dyad_gold_event ga[] = {ge("ARN", "GON", "064")};
    dyad_gold_record ra = {.id = "A", .text = "a", .text_len = 1, .events = ga, .n_events = 1,
                           .category = "PAT", .line = 10};
    dyad_event pa[] = {ev("ARN", "GON", "064", DYAD_ASSERTED, "a")};
    assert_int_equal(dyad_scorer_add(s, &ra, pa, 1), DYAD_OK);

    dyad_gold_record rb = {.id = "B", .text = "b", .text_len = 1, .flags = DYAD_GOLD_NOEVENTS, .line = 20};
    dyad_event pb[] = {ev("ARN", "GON", "190", DYAD_NEGATED, "b"), ev("ARN", NULL, "010", DYAD_ASSERTED, "b")};
    assert_int_equal(dyad_scorer_add(s, &rb, pb, 2), DYAD_OK);

    dyad_gold_record rc = {.id = "C", .text = "c", .text_len = 1, .events = ga, .n_events = 1,
                           .category = "PAT", .line = 30};
    dyad_event pc[] = {ev("ARN", "GONGOV", "064", DYAD_ASSERTED, "c")};
    assert_int_equal(dyad_scorer_add(s, &rc, pc, 1), DYAD_OK);

    dyad_gold_record rd = {.id = "D", .text = "d", .text_len = 1, .events = ga, .n_events = 1,
                           .flags = DYAD_GOLD_PARTIAL, .line = 40};
    dyad_event pd[] = {ev("GON", "ARN", "111", DYAD_ASSERTED, "d"), ev("ARN", "GON", "064", DYAD_ASSERTED, "d")};
    assert_int_equal(dyad_scorer_add(s, &rd, pd, 2), DYAD_OK);

    dyad_gold_event me[] = {ge("IRN", "USA", "06")};
    dyad_gold_record re = {.id = "E", .text = "e", .text_len = 1, .must_not = me, .n_must_not = 1,
                           .flags = DYAD_GOLD_NOEVENTS, .line = 50};
    dyad_event pe[] = {ev("IRNGOV", "USA", "061", DYAD_ASSERTED, "e")};
    assert_int_equal(dyad_scorer_add(s, &re, pe, 1), DYAD_OK);

    dyad_gold_event gf[] = {ge(NULL, NULL, "051")};
    dyad_gold_record rf = {.id = "F", .text = "f", .text_len = 1, .events = gf, .n_events = 1,
                           .flags = DYAD_GOLD_CODE_ONLY, .category = "CODEBOOK", .line = 60};
    dyad_event pf[] = {ev("USA", "LBR", "054", DYAD_ASSERTED, "f")};
    assert_int_equal(dyad_scorer_add(s, &rf, pf, 1), DYAD_OK);
    dyad_gold_record rg = rf;
    rg.id = "G";
    rg.line = 70;
    dyad_event pg[] = {ev("USA", "LBR", "051", DYAD_ASSERTED, "g")};
    assert_int_equal(dyad_scorer_add(s, &rg, pg, 1), DYAD_OK);

    dyad_gold_event gh[] = {ge("ARN", "GON", "0411"), ge("ARN", "GON", "0412")};
    dyad_gold_record rh = {.id = "H", .text = "h", .text_len = 1, .events = gh, .n_events = 2, .line = 80};
    dyad_event ph[] = {ev("ARN", "GON", "0412", DYAD_ASSERTED, "h1"), ev("ARN", "GON", "0411", DYAD_ASSERTED, "h2")};
    assert_int_equal(dyad_scorer_add(s, &rh, ph, 2), DYAD_OK);

    dyad_gold_record ri = {.id = "I", .text = "i", .text_len = 1, .events = ga, .n_events = 1, .line = 90};
    assert_int_equal(dyad_scorer_add(s, &ri, NULL, 0), DYAD_OK);

    dyad_score_summary sum;
    dyad_scorer_summary(s, &sum);
    assert_int_equal(sum.records, 9);
    assert_int_equal(sum.records_correct_lenient, 7);
    assert_int_equal(sum.records_correct_strict, 5);

    size_t ne, nf, n;
    const dyad_score_error *e = dyad_scorer_errors(s, &ne);
    const dyad_score_failure *f = dyad_scorer_failures(s, &nf);
    assert_int_equal(ne, 4);
    assert_int_equal(nf, 4);
    const char *ids[] = {"C", "E", "F", "I"};
    const int lenient_ok[] = {1, 0, 1, 0};
    const dyad_score_error_kind kinds[] = {DYAD_SCORE_INEXACT, DYAD_SCORE_MUST_NOT, DYAD_SCORE_INEXACT,
                                           DYAD_SCORE_MISS};
    for (size_t i = 0; i < nf; i++) {
        assert_string_equal(f[i].record_id, ids[i]);
        assert_int_equal(f[i].lenient_ok, lenient_ok[i]);
        assert_int_equal(f[i].strict_ok, 0);
        assert_int_equal(f[i].first_error, i);
        assert_int_equal(f[i].n_errors, 1);
        assert_int_equal(e[i].kind, kinds[i]);
        assert_string_equal(e[i].record_id, ids[i]);
    }
    assert_int_equal(f[0].line, 30);
    assert_string_equal(e[0].produced.target, "GONGOV");
    assert_string_equal(f[0].category, "PAT");
    assert_null(f[1].category);
    assert_string_equal(f[2].category, "CODEBOOK");
    const dyad_score_category *cat = dyad_scorer_categories(s, &n);
    assert_int_equal(n, 2);
    assert_string_equal(cat[0].label, "CODEBOOK");      /* sorted by label */
    assert_string_equal(cat[1].label, "PAT");
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(cat[i].records, 2);
        assert_int_equal(cat[i].correct_lenient, 2);
        assert_int_equal(cat[i].correct_strict, 1);
    }
    assert_int_equal(f[1].lenient.fp, 1);
    assert_int_equal(f[3].lenient.fn, 1);
    assert_int_equal(f[3].strict.fn, 1);
    dyad_scorer_free(s);

    /* without KEEP_ERRORS the counts are kept, the records are not */
    s = dyad_scorer_new(0);
    assert_int_equal(dyad_scorer_add(s, &ra, pa, 1), DYAD_OK);
    assert_int_equal(dyad_scorer_add(s, &rc, pc, 1), DYAD_OK);
    dyad_scorer_summary(s, &sum);
    assert_int_equal(sum.records_correct_lenient, 2);
    assert_int_equal(sum.records_correct_strict, 1);
    const dyad_score_category *pat = dyad_scorer_categories(s, &n);
    assert_int_equal(n, 1);
    assert_int_equal(pat[0].records, 2);
    assert_int_equal(pat[0].correct_strict, 1);
    assert_null(dyad_scorer_failures(s, &nf));
    assert_int_equal(nf, 0);
    dyad_scorer_free(s);
    assert_null(dyad_scorer_failures(NULL, &nf));
    assert_int_equal(nf, 0);
}

static void score_empty_and_args(void **state)
{
    (void)state;
    dyad_scorer *s = dyad_scorer_new(0);
    dyad_score_summary sum;
    dyad_scorer_summary(s, &sum);
    assert_int_equal(sum.records, 0);
    assert_close(sum.lenient.precision, 0.0);   /* no division by zero */
    assert_close(sum.lenient.f1, 0.0);
    dyad_gold_record r = {.id = "E", .text = "", .events = NULL};
    assert_int_equal(dyad_scorer_add(s, NULL, NULL, 0), DYAD_ERR_ARG);
    assert_int_equal(dyad_scorer_add(s, &r, NULL, 3), DYAD_ERR_ARG);
    assert_int_equal(dyad_scorer_add(s, &r, NULL, 0), DYAD_OK);
    dyad_scorer_free(s);
    dyad_scorer_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(score_three_records),
        cmocka_unit_test(score_multiset),
        cmocka_unit_test(score_code_only),
        cmocka_unit_test(score_open_and_plover),
        cmocka_unit_test(score_records_correct),
        cmocka_unit_test(score_empty_and_args),
    };
    return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
