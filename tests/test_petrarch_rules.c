/* test_petrarch_rules.c - how dyad codes with PETRARCH2 dictionaries where
 * PETRARCH's documented behaviour differs from dyad's own conventions
 * (docs/design.md, "TABARI and PETRARCH dictionaries"): one test per rule,
 * on small dictionaries in tests/fixtures/petrarch/. */
#include "testutil.h"
#include "foreignutil.h"

#define FIX "tests/fixtures/petrarch"
#define DICTS                                                                              \
    "petrarch:" FIX "/rules.actors.txt," FIX "/rules.agents.txt," FIX "/rules.verbs.txt," FIX     \
    "/rules.discards.txt"

typedef foreign_lex fixture;

static int setup(void **state)
{
    *state = foreign_lex_open(DICTS);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    foreign_lex_close(*state);
    return 0;
}

/* petrarch/noun-phrase: a verb form after an article and modifiers heads a
 * noun phrase, not a verb phrase */
static void noun_phrase(void **state)
{
    fixture *f = *state;
    assert_true(codes(f->c, "Arnor visited Osgiliath.", "ARN", "OSG", "042"));
    assert_true(codes(f->c, "Arnor met Gondor during a brief private visit to Osgiliath.", "ARN",
                      "GON", "036"));
    assert_false(codes(f->c, "Arnor met Gondor during a brief private visit to Osgiliath.", "ARN",
                       "OSG", "042"));
    assert_false(codes(f->c, "Arnor met Gondor during a brief private visit to Osgiliath.", "GON",
                       "OSG", "042"));
    /* a plural right after a preposition is a noun */
    assert_false(codes(f->c, "Arnor travelled for meetings with Gondor.", "ARN", "GON", "036"));
    assert_true(codes(f->c, "Arnor meets with Gondor.", "ARN", "GON", "036"));
    /* an actor's phrase before the verb: a verb phrase */
    assert_true(codes(f->c, "The Arnor government visits Osgiliath.", "ARNGOV", "OSG",
                      "042"));
}

/* petrarch/speech-verb: a speech verb with no event of its speaker codes
 * the dictionary's code, and an agent of no country may speak */
static void speech_verb(void **state)
{
    fixture *f = *state;
    assert_true(codes(f->c, "Arnor said on Tuesday that the weather was fine.", "ARN", NULL, "023"));
    assert_false(codes(f->c, "Arnor said on Tuesday that the weather was fine.", "ARN", NULL, "010"));
    assert_true(codes(f->c, "An official said on Tuesday that the weather was fine.", "---GOV", NULL,
                      "023"));
    /* a speaker with an event of its own makes no statement */
    assert_true(codes(f->c, "Arnor said it visited Osgiliath.", "ARN", "OSG", "042"));
    assert_false(codes(f->c, "Arnor said it visited Osgiliath.", "ARN", NULL, "023"));
}

/* petrarch/compound-verb: "- % * [030:030]" beside the verb's own code
 * codes a compound source with no target, each member with the other; any
 * other source keeps the verb's code */
static void compound_verb(void **state)
{
    fixture *f = *state;
    const char *t = "Arnor and Gondor agree that the weather is fine.";
    assert_true(codes(f->c, t, "ARN", "GON", "030"));
    assert_true(codes(f->c, t, "GON", "ARN", "030"));
    assert_false(codes(f->c, t, "ARN", NULL, "081"));
    assert_false(codes(f->c, "Arnor agreed with Gondor.", "ARN", "GON", "030"));
    assert_false(codes(f->c, "Arnor agreed with Gondor.", "GON", "ARN", "030"));
}

/* petrarch/discards: a phrase of the discards file stops the sentence's
 * coding, plurals too */
static void discards(void **state)
{
    fixture *f = *state;
    assert_true(codes(f->c, "Arnor visited Osgiliath.", "ARN", "OSG", "042"));
    assert_false(codes(f->c, "Arnor visited Osgiliath for baseball.", "ARN", "OSG", "042"));
    assert_false(codes(f->c, "Arnor visited Osgiliath after two typhoons.", "ARN", "OSG", "042"));
}

/* petrarch/as-written: a verb block's word as written beats another block
 * that dyad's stems join to it (LEFT is not a form of LEAVE) */
static void as_written(void **state)
{
    fixture *f = *state;
    assert_true(codes(f->c, "Arnor left for Gondor.", "ARN", "GON", "032"));
    assert_true(codes(f->c, "Arnor left for Gondor.", "GON", "ARN", "033"));
    assert_false(codes(f->c, "Arnor left for Gondor.", "ARN", "GON", "012"));
    assert_true(codes(f->c, "Arnor is leaving Gondor.", "ARN", "GON", "012"));
}

/* petrarch/agent-list: an agent composed with a country stands for every
 * country of the list after it ("the ambassadors of Arnor, Osgiliath and
 * Gondor"; "lawmakers in Arnor and Gondor") */
static void agent_list(void **state)
{
    fixture *f = *state;
    const char *t = "The ambassadors of Arnor, Osgiliath and Gondor visited Eriador.";
    assert_true(codes(f->c, t, "ARNGOV", "ERI", "042"));
    assert_true(codes(f->c, t, "OSGGOV", "ERI", "042"));
    assert_true(codes(f->c, t, "GONGOV", "ERI", "042"));
    const char *u = "Lawmakers in Arnor and Gondor visited Eriador.";
    assert_true(codes(f->c, u, "ARNLEG", "ERI", "042"));
    assert_true(codes(f->c, u, "GONLEG", "ERI", "042"));
    /* a country after a verb is no member of the agent's list */
    assert_true(codes(f->c, "The ambassadors of Arnor visited Gondor and Eriador.", "ARNGOV", "GON",
                      "042"));
    assert_false(codes(f->c, "The ambassadors of Arnor visited Gondor and Eriador.", "ARNGOV",
                       "GONGOV", "042"));
}

/* petrarch/slot-compound: a pattern that places its actors ('+', '^')
 * takes the compound subject whole, as TABARI's roles do */
static void slot_compound(void **state)
{
    fixture *f = *state;
    const char *t = "Arnor and Gondor warned their people about Osgiliath.";
    assert_true(codes(f->c, t, "ARN", "OSG", "162"));
    assert_true(codes(f->c, t, "GON", "OSG", "162"));
    /* "neither X nor Y" is a compound */
    assert_true(codes(f->c, "Neither Arnor nor Gondor visited Osgiliath.", "ARN", "OSG", "042"));
    assert_true(codes(f->c, "Neither Arnor nor Gondor visited Osgiliath.", "GON", "OSG", "042"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(noun_phrase, setup, teardown),
        cmocka_unit_test_setup_teardown(speech_verb, setup, teardown),
        cmocka_unit_test_setup_teardown(compound_verb, setup, teardown),
        cmocka_unit_test_setup_teardown(discards, setup, teardown),
        cmocka_unit_test_setup_teardown(as_written, setup, teardown),
        cmocka_unit_test_setup_teardown(agent_list, setup, teardown),
        cmocka_unit_test_setup_teardown(slot_compound, setup, teardown),
    };
    return cmocka_run_group_tests_name("petrarch_rules", tests, NULL, NULL);
}
