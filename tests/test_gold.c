/* test_gold.c - the gold readers on the fixtures in tests/fixtures/gold/:
 * each format's records, flags and expected events, format detection, the
 * dictionaries a suite names, and malformed input reported with its line
 * and skipped. The shared gold sets are read too when ../shared/data is
 * there (record counts only). */
#include "testutil.h"

#define FIX "tests/fixtures/gold/"

/* Read every record; keep ids (joined by spaces) and error messages. */
typedef struct readall {
    char ids[2048];
    char errors[2048];
    size_t records, events, errs;
} readall;

static dyad_gold *open_ok(const char *path, dyad_gold_format f)
{
    dyad_gold *g = NULL;
    char err[512] = "";
    dyad_status st = dyad_gold_open(path, f, &g, err, sizeof err);
    if (st != DYAD_OK)
        print_error("%s\n", err);
    assert_int_equal(st, DYAD_OK);
    assert_non_null(g);
    return g;
}

static void append(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, "%s%s", n ? " " : "", s);
}

static void read_all(dyad_gold *g, readall *r)
{
    memset(r, 0, sizeof *r);
    dyad_gold_record rec;
    dyad_status st;
    while ((st = dyad_gold_next(g, &rec)) != DYAD_DONE) {
        if (st != DYAD_OK) {
            assert_int_equal(st, DYAD_ERR_FORMAT);
            append(r->errors, sizeof r->errors, dyad_gold_errmsg(g));
            r->errs++;
            continue;
        }
        assert_non_null(rec.id);
        assert_non_null(rec.text);
        assert_int_equal(strlen(rec.text), rec.text_len);
        append(r->ids, sizeof r->ids, rec.id);
        r->records++;
        r->events += rec.n_events;
    }
}

/* Find record `id` (reading from the start) and copy out what the tests
 * look at; the strings stay valid because g is not advanced further. */
static int find(dyad_gold *g, const char *id, dyad_gold_record *out)
{
    dyad_status st;
    while ((st = dyad_gold_next(g, out)) != DYAD_DONE)
        if (st == DYAD_OK && strcmp(out->id, id) == 0)
            return 1;
    return 0;
}

static void gold_dyad_jsonl(void **state)
{
    (void)state;
    dyad_gold *g = open_ok(FIX "dyad.jsonl", DYAD_GOLD_AUTO);
    assert_int_equal(dyad_gold_get_format(g), DYAD_GOLD_DYAD);
    dyad_gold_record rec;
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_OK);
    assert_string_equal(rec.id, "t-001");
    assert_string_equal(rec.date, "2016-01-06");
    assert_string_equal(rec.lang, "fr");
    assert_int_equal(rec.line, 1);
    assert_int_equal(rec.n_events, 1);
    assert_string_equal(rec.events[0].source, "BOLGOV");
    assert_string_equal(rec.events[0].target, "TURGOV");
    assert_string_equal(rec.events[0].code, "086");
    assert_int_equal(rec.flags, 0);
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_OK);      /* the blank line is skipped */
    assert_string_equal(rec.id, "t-002");
    assert_int_equal(rec.line, 3);
    assert_true(rec.flags & DYAD_GOLD_NOEVENTS);
    assert_int_equal(rec.n_events, 0);
    assert_int_equal(rec.n_must_not, 1);
    assert_string_equal(rec.must_not[0].code, "06");
    /* a truncated line: error with its line, then the reader goes on */
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_ERR_FORMAT);
    assert_non_null(strstr(dyad_gold_errmsg(g), "dyad.jsonl:4: invalid JSON"));
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_OK);
    assert_string_equal(rec.id, "t-004");
    assert_null(rec.date);
    assert_int_equal(rec.n_events, 2);
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_ERR_FORMAT);
    assert_non_null(strstr(dyad_gold_errmsg(g), "dyad.jsonl:6: record has no \"events\""));
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_ERR_FORMAT);
    assert_non_null(strstr(dyad_gold_errmsg(g), "dyad.jsonl:7: events[0]: code \"abc\""));
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_DONE);
    dyad_gold_counts c;
    dyad_gold_get_counts(g, &c);
    assert_int_equal(c.records, 3);
    assert_int_equal(c.malformed, 3);
    dyad_gold_free(g);
}

static void gold_tabari(void **state)
{
    (void)state;
    dyad_gold *g = open_ok(FIX "tabari.text", DYAD_GOLD_AUTO);
    assert_int_equal(dyad_gold_get_format(g), DYAD_GOLD_TABARI);
    size_t nd;
    const char *const *d = dyad_gold_dictionaries(g, &nd);
    assert_int_equal(nd, 2);            /* from tabari.project, which names this file */
    assert_string_equal(d[0], "Fixture.actors");
    assert_string_equal(d[1], "Fixture.verbs");
    readall r;
    read_all(g, &r);
    /* OPT-01 is a control record, NOCOMMENT-01 has no expectation, AFTER-01
     * follows the end-of-suite record */
    assert_string_equal(r.ids, "DEMO-01 NONE-01 PARTIAL-01");
    assert_int_equal(r.events, 3);
    assert_int_equal(r.errs, 2);
    assert_non_null(strstr(r.errors, "tabari.text:34: unterminated '{'"));
    assert_non_null(strstr(r.errors, "tabari.text:40: expected a record header"));
    dyad_gold_counts c;
    dyad_gold_get_counts(g, &c);
    assert_int_equal(c.control, 2);     /* OPT-01 and FINAL-01 */
    assert_int_equal(c.unannotated, 1);
    assert_int_equal(c.malformed, 2);
    dyad_gold_free(g);

    dyad_gold_record rec;
    g = open_ok(FIX "tabari.text", DYAD_GOLD_TABARI);
    assert_true(find(g, "DEMO-01", &rec));
    assert_string_equal(rec.category, "DEMO");      /* the id's prefix */
    assert_string_equal(rec.date, "1995-01-01");
    assert_string_equal(rec.text, "Arnor is about to restore full diplomatic ties with Gondor almost "
                                  "five years after crowds trashed its embassy.");
    assert_int_equal(rec.n_events, 2);
    assert_string_equal(rec.events[1].source, "GON");
    assert_string_equal(rec.events[1].code, "064");
    assert_int_equal(rec.events[1].line, 16);
    assert_true(find(g, "NONE-01", &rec));
    assert_string_equal(rec.date, "2015-06-07");   /* an 8-digit date */
    assert_int_equal(rec.flags, DYAD_GOLD_NOEVENTS);
    assert_true(find(g, "PARTIAL-01", &rec));
    assert_int_equal(rec.flags, DYAD_GOLD_PARTIAL);
    assert_int_equal(rec.n_events, 1);
    dyad_gold_free(g);
}

static void gold_petrarch(void **state)
{
    (void)state;
    dyad_gold *g = open_ok(FIX "petrarch.xml", DYAD_GOLD_AUTO);
    assert_int_equal(dyad_gold_get_format(g), DYAD_GOLD_PETRARCH);
    size_t nd;
    const char *const *d = dyad_gold_dictionaries(g, &nd);
    assert_int_equal(nd, 3);            /* Errorfile is not a dictionary; "a,b" names two */
    assert_string_equal(d[0], "Fix.verbs.txt");
    assert_string_equal(d[2], "Fix.more.txt");
    readall r;
    read_all(g, &r);
    assert_string_equal(r.ids, "P-01 P-02 P-03 P1-04 P1-05 P-06");
    assert_int_equal(r.errs, 1);
    assert_non_null(strstr(r.errors, "petrarch.xml:47: <EventCoding> without eventcode"));
    dyad_gold_counts c;
    dyad_gold_get_counts(g, &c);
    /* the OPTION comment, evaluate="false", error="bad_input_parse" */
    assert_int_equal(c.control, 3);
    dyad_gold_free(g);

    dyad_gold_record rec;
    g = open_ok(FIX "petrarch.xml", DYAD_GOLD_PETRARCH);
    assert_true(find(g, "P-01", &rec));
    assert_string_equal(rec.text, "Arnor & Gondor restore ties.");
    assert_string_equal(rec.category, "DEMO");
    assert_string_equal(rec.lang, "en");
    assert_int_equal(rec.line, 9);
    assert_true(find(g, "P-02", &rec));             /* error= : nothing must be coded */
    assert_int_equal(rec.flags, DYAD_GOLD_NOEVENTS);
    assert_string_equal(rec.date, "2008-08-01");
    assert_true(find(g, "P-03", &rec));             /* self-closed <Sentence/>, UD parse */
    assert_string_equal(rec.date, "2012-11-08");
    assert_string_equal(rec.text, "Gunmen attacked party offices.");
    assert_int_equal(rec.n_events, 1);
    assert_null(rec.events[0].source);              /* "---": open */
    assert_string_equal(rec.events[0].target, "---PTY");
    assert_string_equal(rec.events[0].code, "18/19/20");
    assert_string_equal(rec.events[0].plover, "ASSAULT");
    assert_true(find(g, "P1-04", &rec));            /* PETRARCH-1: no <Text>, unclosed tags */
    assert_string_equal(rec.text, "Sam Gamgee will be renewing his license.");
    assert_string_equal(rec.events[0].target, "SHRGOV");
    assert_true(find(g, "P1-05", &rec));            /* expectation only in a TABARI comment */
    assert_int_equal(rec.n_events, 1);
    assert_string_equal(rec.events[0].target, "BREGOV");
    assert_string_equal(rec.events[0].code, "222");
    dyad_gold_free(g);
}

static void gold_plover(void **state)
{
    (void)state;
    dyad_gold *g = open_ok(FIX "plover.json", DYAD_GOLD_AUTO);
    assert_int_equal(dyad_gold_get_format(g), DYAD_GOLD_PLOVER);
    dyad_gold_record rec;
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_OK);   /* the DOCUMENT entry is skipped */
    assert_string_equal(rec.id, "AGREE-0001");
    assert_int_equal(rec.line, 3);
    assert_int_equal(rec.n_events, 2);                     /* reciprocal SRC/TAR */
    assert_string_equal(rec.events[0].source, "HUNGOV");
    assert_string_equal(rec.events[0].target, "ROUGOV");
    assert_null(rec.events[0].code);
    assert_string_equal(rec.events[0].plover, "AGREE");
    assert_string_equal(rec.events[1].source, "ROUGOV");
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_OK);
    assert_string_equal(rec.id, "PROTEST-0001");
    assert_int_equal(rec.n_events, 1);
    assert_string_equal(rec.events[0].source, "KOREDU");
    assert_null(rec.events[0].target);                     /* "" : open */
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_ERR_FORMAT);
    assert_non_null(strstr(dyad_gold_errmsg(g), "plover.json:22: record 3 has no \"text\""));
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_OK);
    assert_string_equal(rec.events[0].target, "UKRMIL");
    assert_string_equal(rec.events[0].plover, "ASSAULT");  /* PLOVER 0.5 FIGHT, 2021 ASSAULT */
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_DONE);
    dyad_gold_free(g);

    /* a syntax error is fatal for the file, with its line */
    char err[512];
    g = (dyad_gold *)1;
    assert_int_equal(dyad_gold_open(FIX "bad-plover.json", DYAD_GOLD_AUTO, &g, err, sizeof err),
                     DYAD_ERR_FORMAT);
    assert_null(g);
    assert_non_null(strstr(err, "bad-plover.json:3: invalid JSON"));
}

static void gold_cameo_csv(void **state)
{
    (void)state;
    dyad_gold *g = open_ok(FIX "cameo.csv", DYAD_GOLD_AUTO);
    assert_int_equal(dyad_gold_get_format(g), DYAD_GOLD_CAMEO_CSV);
    dyad_gold_record rec;
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_OK);   /* "01" has no example (NA) */
    assert_string_equal(rec.id, "cameo-010");
    assert_int_equal(rec.flags, DYAD_GOLD_CODE_ONLY);
    assert_int_equal(rec.n_events, 1);
    assert_null(rec.events[0].source);
    assert_string_equal(rec.events[0].code, "010");
    assert_string_equal(rec.text, "U.S. military chief General Colin Powell said on Wednesday NATO "
                                  "would need to remain strong.");
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_OK);   /* quotes doubled, a line break inside */
    assert_string_equal(rec.text, "NATO on Monday \"declined\" to comment on an estimate.");
    assert_int_equal(rec.line, 4);
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_ERR_FORMAT);
    assert_non_null(strstr(dyad_gold_errmsg(g), "cameo.csv:6: code \"1x\""));
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_OK);
    assert_string_equal(rec.id, "cameo-051");
    assert_int_equal(rec.line, 7);
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_DONE);
    dyad_gold_counts c;
    dyad_gold_get_counts(g, &c);
    assert_int_equal(c.unannotated, 1);
    dyad_gold_free(g);

    g = open_ok(FIX "bad-cameo.csv", DYAD_GOLD_AUTO);
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_ERR_FORMAT);
    assert_non_null(strstr(dyad_gold_errmsg(g), "bad-cameo.csv:2: unterminated quoted field"));
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_DONE);
    dyad_gold_free(g);
}

static void gold_open_errors(void **state)
{
    (void)state;
    dyad_gold *g = NULL;
    char err[512];
    assert_int_equal(dyad_gold_open(FIX "no-such-file.jsonl", DYAD_GOLD_AUTO, &g, err, sizeof err),
                     DYAD_ERR_NOTFOUND);
    assert_null(g);
    assert_non_null(strstr(err, "no-such-file.jsonl"));
    assert_int_equal(dyad_gold_open(NULL, DYAD_GOLD_AUTO, &g, NULL, 0), DYAD_ERR_ARG);
    /* a forced format is used even against the extension */
    g = open_ok(FIX "plover.json", DYAD_GOLD_DYAD);
    dyad_gold_record rec;
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_ERR_FORMAT);
    dyad_gold_free(g);
    dyad_gold_free(NULL);
    dyad_gold_format f;
    assert_int_equal(dyad_gold_format_parse("cameo-csv", &f), DYAD_OK);
    assert_int_equal(f, DYAD_GOLD_CAMEO_CSV);
    assert_int_equal(dyad_gold_format_parse("xml", &f), DYAD_ERR_ARG);
    assert_string_equal(dyad_gold_format_name(DYAD_GOLD_TABARI), "tabari");
}

/* The real suites, when ../shared/data is there: every record readable,
 * record counts as the data READMEs give them. */
static void gold_shared_data(void **state)
{
    (void)state;
    const char *root = test_shared_data();
    if (!root)
        skip();
    static const struct { const char *path; size_t records; size_t max_errors; } sets[] = {
        {"dyad-dev-gold/fr-dev.jsonl", 120, 0},
        {"dyad-dev-gold/en-dev.jsonl", 100, 0},
        {"cameo-codebook-icews/cameo-codes.utf8.csv", 277, 0},
        {"plover/PLOVER_GSR_CAMEO.json", 322, 0},
        {"petrarch2/text/PETR.UnitTest.records.xml", 282, 0},  /* 2 bad_input_parse */
    };
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", root, sets[i].path);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        fclose(f);
        dyad_gold *g = open_ok(path, DYAD_GOLD_AUTO);
        readall r;
        read_all(g, &r);
        if (r.records != sets[i].records || r.errs > sets[i].max_errors)
            print_error("%s: %zu records, %zu errors: %s\n", path, r.records, r.errs, r.errors);
        assert_int_equal(r.records, sets[i].records);
        assert_true(r.errs <= sets[i].max_errors);
        dyad_gold_free(g);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gold_dyad_jsonl),
        cmocka_unit_test(gold_tabari),
        cmocka_unit_test(gold_petrarch),
        cmocka_unit_test(gold_plover),
        cmocka_unit_test(gold_cameo_csv),
        cmocka_unit_test(gold_open_errors),
        cmocka_unit_test(gold_shared_data),
    };
    return cmocka_run_group_tests_name("gold", tests, NULL, NULL);
}
