/* test_tabari_options.c - TABARI's coder settings: the directives of an
 * .options file and of the validation suite's OPTION records (src/options.c),
 * the coder options API (dyad_coder_set_option, dyad_coder_set_tabari_option,
 * dyad_coder_reset_options), the control records a TABARI gold file hands
 * out (dyad_gold_controls), and their effect on coding (src/events.c):
 * CODE BY, MINIMUM WORDS, DEFAULT source/target with PRIOR/AFTER, CONVERT
 * AGENT, FORWARD. Fixtures are in tests/fixtures/tabari_options/. */
#include "testutil.h"
#include "foreignutil.h"

#define FIX "tests/fixtures/tabari_options"

typedef foreign_lex env;

static int setup(void **state)
{
    *state = foreign_lex_open("tabari:" FIX "/opts.project");
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    foreign_lex_close(*state);
    return 0;
}

/* Code text as document id; the events as "SRC>TGT:CODE" joined by ' '
 * (target "-" when none), in order. */
static const char *code_as(dyad_coder *c, const char *id, const char *text)
{
    static char out[1024];
    dyad_doc doc = {0};
    doc.id = id;
    doc.text = text;
    doc.text_len = strlen(text);
    doc.lang = "en";
    doc.date = "1995-01-01";
    out[0] = '\0';
    if (dyad_coder_run(c, &doc) != DYAD_OK)
        return "(error)";
    size_t n = 0, used = 0;
    const dyad_event *ev = dyad_coder_events(c, &n);
    for (size_t i = 0; i < n; i++) {
        int w = snprintf(out + used, sizeof out - used, "%s%s>%s:%s", i ? " " : "",
                         ev[i].source.code, ev[i].target.code ? ev[i].target.code : "-", ev[i].code);
        if (w < 0 || (size_t)w >= sizeof out - used)
            break;
        used += (size_t)w;
    }
    return out;
}

static const char *code(dyad_coder *c, const char *text)
{
    return code_as(c, "t", text);
}

/* options/directives: every directive form of the suite is read; malformed
 * and unknown ones are refused with a message and change nothing. */
static void directives(void **state)
{
    env *e = *state;
    dyad_coder *c = e->c;
    static const char *const ok[] = {
        "SET: CODE ALL", "SET: CODE BY SENTENCE", "OPTION: SET: CODE BY CLAUSE",
        "DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER", "DEFAULT: OFF",
        "DEFAULT: SOURCE [DEFSRC]  TARGET [DEFTAR] AFTER", "COMPLEX: VERBS[5] CONJ[4] EXPLAIN",
        "COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8", "COMMA: OFF",
        "SET: MINIMUM WORDS = 20", "FORWARD: ^^*****NNN*SSS", "FORWARD: ^^*****NNN*SSS OFF",
        "FORWARD: ^^*****NNN*SSS DOC OFF", "OUTPUT: ID STORY SENT", "SET: CONVERT AGENT = TRUE",
        "SET: YYYY = TRUE", "SET: TIME SHIFT = FALSE", "set: code all", "LABEL: 010=YIELD"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        dyad_status st = dyad_coder_set_tabari_option(c, ok[i]);
        if (st != DYAD_OK)
            fail_msg("'%s': %s", ok[i], dyad_errmsg(c));
    }
    static const struct { const char *d; dyad_status st; const char *msg; } bad[] = {
        {"SET: MINIMUM WORDS = lots", DYAD_ERR_FORMAT, "MINIMUM WORDS"},
        {"SET: CODE BY PARAGRAPH", DYAD_ERR_FORMAT, "PARAGRAPH"},
        {"DEFAULT: SOURCE PRIOR", DYAD_ERR_FORMAT, "SOURCE"},
        {"DEFAULT: SIDEWAYS", DYAD_ERR_FORMAT, "SIDEWAYS"},
        {"COMMA: MIN = 4 MAX", DYAD_ERR_FORMAT, "MAX"},
        {"COMMA: WIDTH = 3", DYAD_ERR_FORMAT, "WIDTH"},
        {"COMPLEX: VERBS", DYAD_ERR_FORMAT, "VERBS"},
        {"FORWARD: ****", DYAD_ERR_FORMAT, "FORWARD"},
        {"FROBNICATE: ALL", DYAD_ERR_NOTFOUND, "FROBNICATE"},
        {"SET: FROBNICATE = TRUE", DYAD_ERR_NOTFOUND, "FROBNICATE"},
        {"no keyword at all", DYAD_ERR_FORMAT, "KEYWORD"},
        {"", DYAD_ERR_FORMAT, "KEYWORD"},
        {"SET: CODE BY CLAUSE AND MORE WORDS THAN ANY DIRECTIVE COULD EVER NEED TO SAY A B C D E F "
         "G H I J K L M N O P Q R S T U V W X Y Z", DYAD_ERR_FORMAT, "too long"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        dyad_status st = dyad_coder_set_tabari_option(c, bad[i].d);
        if (st != bad[i].st || !strstr(dyad_errmsg(c), bad[i].msg))
            fail_msg("'%s': status %d, message '%s'", bad[i].d, (int)st, dyad_errmsg(c));
    }
    assert_int_equal(dyad_coder_set_tabari_option(c, NULL), DYAD_ERR_ARG);
    assert_int_equal(dyad_coder_set_tabari_option(NULL, "SET: CODE ALL"), DYAD_ERR_ARG);
    dyad_coder_reset_options(c);
}

/* options/set-option: the name/value API. */
static void set_option(void **state)
{
    env *e = *state;
    dyad_coder *c = e->c;
    static const char *const ok[][2] = {
        {"code_by", "all"},        {"code_by", "SENTENCE"}, {"code_by", "auto"},
        {"min_words", "3"},        {"default_source", "DEFSRC"}, {"default_target", ""},
        {"default_prior", "true"}, {"default_after", "0"},  {"comma", "off"},
        {"comma_min", "4"},        {"comma_bmax", "8"},     {"complex_verbs", "5"},
        {"noactprior", "yes"},     {"convert_agent", "on"}, {"forward", "^^*****NNN*SSS"},
        {"forward", "off"},        {"one_actor", "kinds"},  {"one_actor", "ALL"},
        {"one_actor", "none"},     {"one_actor", "auto"}};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        if (dyad_coder_set_option(c, ok[i][0], ok[i][1]) != DYAD_OK)
            fail_msg("%s=%s: %s", ok[i][0], ok[i][1], dyad_errmsg(c));
    assert_int_equal(dyad_coder_set_option(c, "code_by", "paragraph"), DYAD_ERR_ARG);
    assert_int_equal(dyad_coder_set_option(c, "min_words", "-1"), DYAD_ERR_ARG);
    assert_int_equal(dyad_coder_set_option(c, "min_words", "8x"), DYAD_ERR_ARG);
    assert_int_equal(dyad_coder_set_option(c, "default_source", "DEF SRC"), DYAD_ERR_ARG);
    assert_int_equal(dyad_coder_set_option(c, "convert_agent", "maybe"), DYAD_ERR_ARG);
    assert_int_equal(dyad_coder_set_option(c, "forward", "****"), DYAD_ERR_ARG);
    assert_int_equal(dyad_coder_set_option(c, "one_actor", "some"), DYAD_ERR_ARG);
    assert_int_equal(dyad_coder_set_option(c, "no_such_option", "1"), DYAD_ERR_NOTFOUND);
    assert_non_null(strstr(dyad_errmsg(c), "no_such_option"));
    assert_int_equal(dyad_coder_set_option(c, NULL, "1"), DYAD_ERR_ARG);
    assert_int_equal(dyad_coder_set_option(NULL, "code_by", "all"), DYAD_ERR_ARG);
    dyad_coder_reset_options(c);
    dyad_coder_reset_options(NULL);
}

/* options/options-file: the .options file is the coder's starting state
 * (its MINIMUM WORDS = 6 here); a malformed line is a warning FILE:LINE. */
static void options_file(void **state)
{
    env *e = *state;
    dyad_coder *c = e->c;
    assert_non_null(strstr(e->msgs, FIX "/opts.options:6: warning: option 'SET: MINIMUM WORDS = many'"));
    /* five words: under the file's minimum of 6 */
    assert_string_equal(code(c, "Arnor condemned Gondor on Tuesday."), "");
    assert_string_equal(code(c, "Arnor condemned Gondor on Tuesday morning."), "ARN>GON:111");
    assert_int_equal(dyad_coder_set_tabari_option(c, "SET: MINIMUM WORDS = 4"), DYAD_OK);
    assert_string_equal(code(c, "Arnor condemned Gondor on Tuesday."), "ARN>GON:111");
    /* "Gondor's" is one word */
    assert_int_equal(dyad_coder_set_option(c, "min_words", "6"), DYAD_OK);
    assert_string_equal(code(c, "Arnor's army condemned Gondor today."), "");
    dyad_coder_reset_options(c);
    assert_string_equal(code(c, "Arnor condemned Gondor on Tuesday."), "");
    /* dyad's own conventions without an .options file */
    dyad_coder *bare = dyad_coder_new(NULL);
    assert_non_null(bare);
    assert_int_equal(dyad_coder_set_option(bare, "min_words", "2"), DYAD_OK);
    dyad_coder_free(bare);
}

/* options/code-by: one event per clause (TABARI's default), every verb
 * (CODE ALL), one per sentence (CODE BY SENTENCE). */
static void code_by(void **state)
{
    env *e = *state;
    dyad_coder *c = e->c;
    /* (the clause after the comma is longer than TABARI's 10 words, so it
     * is not deleted as a comma-delimited clause; a comma is no clause
     * boundary, so under CODE ALL its verb has the clause's source, as in
     * the suite's CODEBY-04) */
    const char *one = "Arnor condemned Gondor on Tuesday, Bree accused Gondor of lying about "
                      "the talks in the north of the country.";
    const char *two = "Arnor condemned Gondor on Tuesday and Bree accused Gondor of lying.";
    assert_string_equal(code(c, one), "ARN>GON:111");
    assert_string_equal(code(c, two), "ARN>GON:111 BRE>GON:121");
    assert_int_equal(dyad_coder_set_tabari_option(c, "SET: CODE ALL"), DYAD_OK);
    assert_string_equal(code(c, one), "ARN>GON:111 ARN>GON:121");
    assert_string_equal(code(c, two), "ARN>GON:111 BRE>GON:121");
    assert_int_equal(dyad_coder_set_tabari_option(c, "SET: CODE BY SENTENCE"), DYAD_OK);
    assert_string_equal(code(c, two), "ARN>GON:111");
    assert_int_equal(dyad_coder_set_tabari_option(c, "SET: CODE BY CLAUSE"), DYAD_OK);
    assert_string_equal(code(c, one), "ARN>GON:111");
    dyad_coder_reset_options(c);
}

/* options/complex: the .options file's COMPLEX: VERBS[5] CONJ[4]
 * NOACTPRIOR: five verbs, four conjunctions that join no actors, or no
 * actor before the first verb make a sentence too complex to code. */
static void complex_sentences(void **state)
{
    env *e = *state;
    dyad_coder *c = e->c;
    assert_string_equal(code(c, "Arnor condemned Gondor on Tuesday morning."), "ARN>GON:111");
    assert_int_equal(dyad_coder_set_tabari_option(c, "COMMA: OFF"), DYAD_OK);
    assert_string_equal(code(c, "Arnor condemned, accused, praised, condemned and accused Gondor on Tuesday."), "");
    assert_string_equal(code(c, "Arnor condemned Gondor on Tuesday and Wednesday and Thursday and Friday "
                                "and Saturday."), "");
    /* conjunctions inside compounds do not count */
    assert_string_equal(code(c, "Arnor and Bree condemned Gondor and Arnor on Tuesday and Wednesday."),
                        "ARN>GON:111 BRE>GON:111 BRE>ARN:111");
    assert_string_equal(code(c, "Yesterday condemned Arnor the accusations of Gondor on Tuesday."), "");
    /* without the CONJ limit the conjunctions do not matter */
    assert_int_equal(dyad_coder_set_tabari_option(c, "COMPLEX: VERBS[5]"), DYAD_OK);
    assert_string_equal(code(c, "Arnor condemned Gondor on Tuesday and Wednesday and Thursday and Friday "
                                "and Saturday."), "ARN>GON:111");
    dyad_coder_reset_options(c);
}

/* options/default: DEFAULT: source and target, with and without PRIOR and
 * AFTER (the validation suite's DEFAULT-01 to -07b). "Fxrnost" and "Gxndor"
 * are no actors. */
static void defaults(void **state)
{
    env *e = *state;
    dyad_coder *c = e->c;
    const char *nosrc = "Fxrnost has condemned Gondor on Tuesday morning.";
    const char *notgt = "Arnor has condemned Gxndor on Tuesday morning.";
    const char *none = "Fxrnost has condemned Gxndor on Tuesday morning.";
    const char *two = "Fxrnost has condemned Gondor and Bree on Tuesday morning.";
    assert_string_equal(code(c, nosrc), "");
    assert_int_equal(dyad_coder_set_tabari_option(c, "DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER"), DYAD_OK);
    assert_string_equal(code(c, nosrc), "DEFSRC>GON:111");
    assert_string_equal(code(c, notgt), "ARN>DEFTAR:111");
    assert_string_equal(code(c, none), "DEFSRC>DEFTAR:111");
    assert_string_equal(code(c, two), "DEFSRC>GON:111 DEFSRC>BRE:111");
    /* without PRIOR the first actor of the sentence is the source */
    assert_int_equal(dyad_coder_set_tabari_option(c, "DEFAULT: OFF"), DYAD_OK);
    assert_string_equal(code(c, nosrc), "");
    assert_int_equal(dyad_coder_set_tabari_option(c, "DEFAULT: SOURCE [DEFSRC] TARGET [DEFTAR] AFTER"), DYAD_OK);
    assert_string_equal(code(c, nosrc), "GON>DEFTAR:111");
    assert_string_equal(code(c, two), "GON>BRE:111");
    /* without AFTER, the default target only when no other actor follows
     * the source */
    assert_int_equal(dyad_coder_set_tabari_option(c, "DEFAULT: OFF"), DYAD_OK);
    assert_int_equal(dyad_coder_set_tabari_option(c, "DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR]"), DYAD_OK);
    assert_string_equal(code(c, notgt), "ARN>DEFTAR:111");
    dyad_coder_reset_options(c);
    assert_string_equal(code(c, none), "");
}

/* options/convert-agent: with SET: CONVERT AGENT an agent with no actor is
 * an actor of its own ("---COP"), even facing another such agent. */
static void convert_agent(void **state)
{
    env *e = *state;
    dyad_coder *c = e->c;
    const char *s = "The police have condemned the army on Tuesday morning.";
    assert_string_equal(code(c, s), "");
    assert_int_equal(dyad_coder_set_tabari_option(c, "SET: CONVERT AGENT = TRUE"), DYAD_OK);
    assert_string_equal(code(c, s), "---COP>---MIL:111");
    assert_string_equal(code(c, "The police have condemned Gondor on Tuesday morning."), "---COP>GON:111");
    assert_int_equal(dyad_coder_set_tabari_option(c, "SET: CONVERT AGENT = FALSE"), DYAD_OK);
    assert_string_equal(code(c, s), "");
    assert_string_equal(code(c, "The police have condemned Gondor on Tuesday morning."), "GONCOP>GON:111");
    dyad_coder_reset_options(c);
}

/* options/forward: a sentence with no source takes the source of the
 * story's previous sentence (its actor, not the agent); one that used a
 * forwarded source hands on the story's first source, as the suite
 * expects (FRWD-001-005); a new story forgets them. */
static void forward(void **state)
{
    env *e = *state;
    dyad_coder *c = e->c;
    const char *pron = "He has also condemned Gondor on Tuesday morning.";
    assert_string_equal(code_as(c, "FRWD-001-001", "The Arnor police have praised Bree on Monday morning."),
                        "ARNCOP>BRE:051");
    assert_string_equal(code_as(c, "FRWD-001-002", pron), "");
    assert_int_equal(dyad_coder_set_tabari_option(c, "FORWARD: ^^*****NNN*SSS"), DYAD_OK);
    assert_string_equal(code_as(c, "FRWD-001-001", "The Arnor police have praised Bree on Monday morning."),
                        "ARNCOP>BRE:051");
    assert_string_equal(code_as(c, "FRWD-001-002", pron), "ARN>GON:111");
    assert_string_equal(code_as(c, "FRWD-001-003", "Bree has accused Gondor on Tuesday morning."), "BRE>GON:121");
    assert_string_equal(code_as(c, "FRWD-001-004", "It has also condemned Arnor on Tuesday morning."), "BRE>ARN:111");
    assert_string_equal(code_as(c, "FRWD-001-005", "It has also accused Bree on Tuesday morning."), "ARN>BRE:121");
    /* a new story */
    assert_string_equal(code_as(c, "FRWD-002-001", pron), "");
    /* within one document, sentence to sentence */
    assert_string_equal(code_as(c, "FRWD-003-001", "Bree has praised Arnor on Monday morning. He has also "
                                                   "condemned Gondor on Tuesday morning."),
                        "BRE>ARN:051 BRE>GON:111");
    assert_int_equal(dyad_coder_set_tabari_option(c, "FORWARD: ^^*****NNN*SSS OFF"), DYAD_OK);
    assert_string_equal(code_as(c, "FRWD-003-002", pron), "");
    dyad_coder_reset_options(c);
}

/* gold/controls: a TABARI gold file hands out its OPTION records, in file
 * order with their lines, with the record that follows them; records stay
 * as before (control records are counted, not returned). */
static void gold_controls(void **state)
{
    (void)state;
    dyad_gold *g = NULL;
    char err[256];
    assert_int_equal(dyad_gold_open(FIX "/opts.text", DYAD_GOLD_AUTO, &g, err, sizeof err), DYAD_OK);
    dyad_gold_record rec;
    size_t n = 99;
    assert_null(dyad_gold_controls(g, &n));
    assert_int_equal(n, 0);
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_OK);
    assert_string_equal(rec.id, "OPT-01");
    const dyad_gold_control *ct = dyad_gold_controls(g, &n);
    assert_int_equal(n, 2);
    assert_string_equal(ct[0].text, "SET: CODE ALL");
    assert_int_equal(ct[0].line, 4);
    assert_string_equal(ct[1].text, "DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER");
    assert_int_equal(ct[1].line, 5);
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_OK);
    assert_string_equal(rec.id, "OPT-02");
    ct = dyad_gold_controls(g, &n);
    assert_int_equal(n, 3);
    assert_string_equal(ct[0].text, "SET: MINIMUM WORDS = lots");
    assert_string_equal(ct[1].text, "FROBNICATE: ALL");
    assert_string_equal(ct[2].text, "SET: MINIMUM WORDS = 4");    /* lost its '}' */
    assert_int_equal(ct[2].line, 18);
    assert_int_equal(dyad_gold_next(g, &rec), DYAD_DONE);
    dyad_gold_counts k;
    dyad_gold_get_counts(g, &k);
    assert_int_equal(k.records, 2);
    assert_int_equal(k.control, 2);
    assert_null(dyad_gold_controls(NULL, &n));
    assert_int_equal(n, 0);
    dyad_gold_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(directives),    cmocka_unit_test(set_option),
        cmocka_unit_test(options_file),  cmocka_unit_test(code_by),
        cmocka_unit_test(complex_sentences),
        cmocka_unit_test(defaults),      cmocka_unit_test(convert_agent),
        cmocka_unit_test(forward),       cmocka_unit_test(gold_controls),
    };
    return cmocka_run_group_tests_name("tabari_options", tests, setup, teardown);
}
