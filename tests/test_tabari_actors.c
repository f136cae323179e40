/* test_tabari_actors.c - TABARI's actor and agent rules and its sentence
 * markers, through the foreign reader (src/foreign.c), the recogniser
 * (src/actors.c) and the coder (src/events.c): dated null codes, blanks as
 * gaps, hyphens, noun endings of closed words, compound actors, prefix and
 * redundant agents, "former", and the discard [###] / complex [+++]
 * markers on actors, patterns and <TIME> phrases. Malformed lines are
 * warned about with FILE:LINE. Fixtures: tests/fixtures/tabari_actors/. */
#include "testutil.h"
#include "foreignutil.h"

#define FIX "tests/fixtures/tabari_actors"

typedef foreign_lex fixture;

static int setup(void **state)
{
    foreign_lex *f = foreign_lex_open("tabari:" FIX "/t.project");
    if (f && f->st.errors) {
        foreign_lex_close(f);
        f = NULL;
    }
    *state = f;
    return f ? 0 : -1;
}

static int teardown(void **state)
{
    foreign_lex_close(*state);
    return 0;
}

static void run(fixture *f, const char *date, const char *text)
{
    assert_int_equal(foreign_run(f->c, date, text), DYAD_OK);
}

/* The code of the mention whose text is exactly `what`, or NULL. */
static const char *mention(fixture *f, const char *date, const char *text, const char *what)
{
    run(f, date, text);
    size_t n = 0;
    const dyad_mention *ms = dyad_coder_mentions(f->c, &n);
    for (size_t i = 0; i < n; i++)
        if (ms[i].span.end - ms[i].span.start == strlen(what) &&
            memcmp(text + ms[i].span.start, what, strlen(what)) == 0)
            return ms[i].code;
    return NULL;
}

static size_t nevents(fixture *f, const char *date, const char *text)
{
    run(f, date, text);
    size_t n = 0;
    dyad_coder_events(f->c, &n);
    return n;
}

/* tabari-actors/dated-null: [--- <950630] [DOL] is no actor before the
 * date and DOL after; the phrase is entered either way */
static void dated_null(void **state)
{
    fixture *f = *state;
    const char *s = "Arnor warned the Prince of Dol Amroth.";
    assert_null(mention(f, "1995-01-01", s, "Prince of Dol Amroth"));
    assert_null(mention(f, "1995-01-01", s, "Amroth"));
    assert_string_equal(mention(f, "1996-01-01", s, "Prince of Dol Amroth"), "DOL");
    assert_int_equal(nevents(f, "1996-01-01", s), 1);
    assert_true(has_event(f->c, "ARN", "DOL", "160"));
    /* a null actor ([---]) is matched and makes no mention */
    assert_null(mention(f, "1995-01-01", "Arnor warned Boromir.", "Boromir"));
    /* PRINCE, BOROMIR, ISILDUR; the FXLL pattern and BLAST */
    assert_int_equal(f->fx.n[DYADI_FX_NULL][DYADI_FX_CONVERTED], 5);
}

/* tabari-actors/gap: a blank lets up to three words and quotes come
 * between; '_' joins adjacent words, and wins a tie */
static void gap(void **state)
{
    fixture *f = *state;
    assert_string_equal(mention(f, "1995-01-01", "Gondor warned Al \"The Weasel\" Gore.",
                                "Al \"The Weasel\" Gore"), "TEN");
    assert_string_equal(mention(f, "1995-01-01", "Gondor warned Al Gore.", "Al Gore"), "AGR");
    assert_null(mention(f, "1995-01-01", "Gondor warned Al and two more of them Gore.",
                        "Al and two more of them Gore"));
    assert_null(mention(f, "1995-01-01", "Gondor warned Al, Gore.", "Al, Gore"));
    /* '_' written in the text joins the words */
    assert_string_equal(mention(f, "1996-01-01", "Arnor warned the Prince of Dol_Amroth.",
                                "Prince of Dol_Amroth"), "DOL");
}

/* tabari-actors/hyphen: "Al-Gore" is AL_GORE */
static void hyphen(void **state)
{
    fixture *f = *state;
    assert_string_equal(mention(f, "1995-01-01", "Gondor warned the Al-Gore group.", "Al-Gore"),
                        "AGR");
}

/* tabari-actors/closed-endings: a word closed with '_' takes noun endings,
 * one closed with '=' none; the phrase needs no capital */
static void closed_endings(void **state)
{
    fixture *f = *state;
    assert_string_equal(mention(f, "1995-01-01", "Gondor warned Libyas.", "Libyas"), "LBY");
    assert_string_equal(mention(f, "1995-01-01", "Gondor warned libya's army.", "libya"), "LBY");
    assert_string_equal(mention(f, "1995-01-01", "Gondor warned Mouse.", "Mouse"), "MUS");
    assert_null(mention(f, "1995-01-01", "Gondor warned Mouses.", "Mouses"));
    assert_null(mention(f, "1995-01-01", "Gondor warned Libyan.", "Libyan"));
}

/* tabari-actors/compound: [FRO/BIL/SAM] x [ELR/GAL] is six events */
static void compound(void **state)
{
    fixture *f = *state;
    assert_string_equal(mention(f, "1995-01-01", "The Shire warned Lorien.", "The Shire"),
                        "FRO/BIL/SAM");
    assert_int_equal(nevents(f, "1995-01-01", "The Shire warned Lorien."), 6);
    assert_true(has_event(f->c, "FRO", "ELR", "160"));
    assert_true(has_event(f->c, "SAM", "GAL", "160"));
    assert_int_equal(f->fx.n[DYADI_FX_MULTICODE][DYADI_FX_CONVERTED], 2);
}

/* tabari-actors/agents: prefix agents go first, redundant codes are not
 * repeated, "former" makes an elite (ELI) */
static void agents(void **state)
{
    fixture *f = *state;
    run(f, "1995-01-01", "Human rights activists in Arnor warned human rights activists Gondor.");
    assert_true(has_event(f->c, "NGMARN", "NGMGON", "160"));
    run(f, "1995-01-01", "Human rights activists Amnesty International warned Gondor.");
    assert_true(has_event(f->c, "NGM", "GON", "160"));
    run(f, "1995-01-01", "White House security officials warned Gondor police.");
    assert_true(has_event(f->c, "USAGOV", "GONCOP", "160"));
    run(f, "1995-01-01", "Arnor former security officials warned former Gondor police.");
    assert_true(has_event(f->c, "ARNELI", "GONELI", "160"));
    assert_int_equal(f->fx.n[DYADI_FX_AGENT_PREFIX][DYADI_FX_CONVERTED], 1);
}

/* tabari-actors/discard: [###] on an actor (dated too), a verb, a pattern
 * or a <TIME> phrase, and [+++] on an actor, a pattern or a time phrase,
 * leave the sentence uncoded */
static void discard(void **state)
{
    fixture *f = *state;
    assert_int_equal(nevents(f, "1995-01-01", "Arnor warned Gondor."), 1);
    assert_int_equal(nevents(f, "1995-01-01", "Arnor warned Gondor after Onodoher crowds left."), 0);
    /* before 911226 Onodoher is ONO, not a discard */
    assert_int_equal(nevents(f, "1990-01-01", "Arnor warned Gondor after Onodoher crowds left."), 1);
    assert_int_equal(nevents(f, "1995-01-01", "Isildur warned Gondor."), 0);
    assert_int_equal(nevents(f, "1995-01-01", "Arnor will restore full diplomatic ties with Gondor."), 1);
    assert_int_equal(nevents(f, "1995-01-01", "Arnor will restore full diplxmatic ties with Gondor."), 0);
    assert_int_equal(nevents(f, "1995-01-01", "Arnor will restore fxll diplomatic ties with Gondor."), 0);
    assert_int_equal(nevents(f, "1995-01-01", "Arnor warned Gondor about football."), 0);
    assert_int_equal(nevents(f, "1995-01-01", "Arnor warned Gondor, kan wa ma kan."), 0);
    assert_int_equal(nevents(f, "1995-01-01", "When peace comes, Arnor warned Gondor."), 0);
    assert_int_equal(nevents(f, "1995-01-01", "Gondor blasted Arnor."), 0);
    /* a complex verb read as a noun does not veto */
    assert_int_equal(nevents(f, "1995-01-01", "Arnor warned Gondor of the Blast."), 1);
    /* one sentence only */
    assert_int_equal(nevents(f, "1995-01-01", "Isildur warned Gondor. Arnor warned Gondor."), 1);
}

/* tabari-actors/malformed: bad lines are warned about with FILE:LINE */
static void malformed(void **state)
{
    fixture *f = *state;
    assert_non_null(strstr(f->msgs, FIX "/t.actors:16: warning: bad compound code"));
    assert_non_null(strstr(f->msgs, FIX "/t.actors:17: warning: bad date restriction"));
    assert_non_null(strstr(f->msgs, FIX "/t.actors:18: warning: unclosed '['"));
    assert_non_null(strstr(f->msgs, FIX "/t.verbs:5: warning: malformed <TIME> phrase"));
    /* the entry with a bad date keeps its good code */
    assert_string_equal(mention(f, "1995-01-01", "Arnor warned Baddate.", "Baddate"), "DOL");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dated_null), cmocka_unit_test(gap),      cmocka_unit_test(hyphen),
        cmocka_unit_test(closed_endings), cmocka_unit_test(compound), cmocka_unit_test(agents),
        cmocka_unit_test(discard),    cmocka_unit_test(malformed),
    };
    return cmocka_run_group_tests_name("tabari_actors", tests, setup, teardown);
}
