/* test_tabari_words.c - TABARI word matching in converted dictionaries
 * (src/foreign.c word modes, src/dictsrc.c keying, events.c walk): a word
 * not closed by '_' is a prefix, a closed verb takes the regular verb
 * endings, a closed pattern word and a '=' word match exactly, "'s" stops
 * a verb, '~' makes a joined word a prefix, a surface form beats a stem,
 * a blank spans any number of words, a literal pattern beats a synset
 * member, letter-suffixed codes are kept, '% *' and '$ *' are merged into
 * the verb's entry and '?' codes are weak. Fixtures are in
 * tests/fixtures/tabari_words/. */
#include "testutil.h"
#include "foreignutil.h"

#define FIX "tests/fixtures/tabari_words"

typedef foreign_lex fixture;

static int setup(void **state)
{
    *state = foreign_lex_open("tabari:" FIX "/words.project");
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    foreign_lex_close(*state);
    return 0;
}

/* The events of a sentence as "SRC>TGT:CODE " items. */
static const char *code_text(fixture *f, const char *text)
{
    static char out[1024];
    assert_int_equal(foreign_run(f->c, "1995-01-01", text), DYAD_OK);
    size_t n = 0, len = 0;
    const dyad_event *ev = dyad_coder_events(f->c, &n);
    out[0] = '\0';
    for (size_t i = 0; i < n && len < sizeof out - 64; i++)
        len += (size_t)snprintf(out + len, sizeof out - len, "%s>%s:%s ",
                                ev[i].source.code ? ev[i].source.code : "-",
                                ev[i].target.code ? ev[i].target.code : "-", ev[i].code);
    return out;
}

#define CODES(f, text, ev) assert_non_null(strstr(code_text(f, text), ev))
#define NOT_CODES(f, text, ev) assert_null(strstr(code_text(f, text), ev))
#define NOTHING(f, text) assert_string_equal(code_text(f, text), "")

/* A word not closed by '_' is a prefix: SATISF, CONTRIBUT, YEN, IN. */
static void open_prefix(void **state)
{
    fixture *f = *state;
    CODES(f, "Arnor satisfaction with Gondor.", "ARN>GON:041");
    CODES(f, "Arnor contributions to Gondor.", "ARN>GON:070");
    CODES(f, "Arnor will contribute yener to Gondor.", "ARN>GON:903");
    CODES(f, "Arnor into condemned Gondor.", "ARN>GON:112");
    CODES(f, "Arnor in condemned Gondor.", "ARN>GON:112");
    /* the prefix must start the word */
    NOT_CODES(f, "Arnor dissatisfaction with Gondor.", ":041");
}

/* A closed verb takes the regular endings s, es, ed, en, ing; a final e
 * also d and e-less ing; nothing else. */
static void closed_verb_endings(void **state)
{
    fixture *f = *state;
    CODES(f, "Arnor departen from Gondor.", "ARN>GON:032");
    CODES(f, "Arnor departs from Gondor.", "ARN>GON:032");
    CODES(f, "Arnor departing from Gondor.", "ARN>GON:032");
    CODES(f, "Arnor deplored Gondor.", "ARN>GON:122");
    CODES(f, "Arnor deploring Gondor.", "ARN>GON:122");
    NOTHING(f, "Arnor departx from Gondor.");
    NOTHING(f, "Arnor departink from Gondor.");
    NOTHING(f, "Arnor deplorez Gondor.");
}

/* '=' takes no ending; a closed word inside a pattern matches exactly. */
static void exact_words(void **state)
{
    fixture *f = *state;
    CODES(f, "Arnor ban Gondor.", "ARN>GON:191");
    NOTHING(f, "Arnor baning Gondor.");
    CODES(f, "Arnor will adopt a resolution with Gondor.", "ARN>GON:102");
    CODES(f, "Arnor will adopt resolutions with Gondor.", "ARN>GON:081");
    NOT_CODES(f, "Arnor will adopt resolutions with Gondor.", ":102");
    CODES(f, "Arnor will adopt a revolutionary manifesto with Gondor.", "ARN>GON:802");
    /* a closed synset member: KRONER_ does not match "kroneren" */
    CODES(f, "Arnor will contribute kroner to Gondor.", "ARN>GON:903");
    NOT_CODES(f, "Arnor will contribute kroneren to Gondor.", ":903");
}

/* The noun ending "'s" stops a verb reading. */
static void noun_ending(void **state)
{
    fixture *f = *state;
    CODES(f, "Arnor donate cash to Gondor.", "ARN>GON:073");
    NOTHING(f, "Arnor donate's cash to Gondor.");
}

/* '~' makes a joined word a prefix. */
static void tilde_prefix(void **state)
{
    fixture *f = *state;
    CODES(f, "Arnor allowed that Gondor is a really pleasant place.", "ARN>GON:024");
    CODES(f, "Arnor allowed that Gondor is a real pleasant place.", "ARN>GON:024");
    CODES(f, "Arnor allowed that Gondor is the neatest place.", "ARN>GON:027");
    /* THE is joined by '_' and closed: "then" is not "the" */
    NOT_CODES(f, "Arnor allowed that Gondor is then neatest place.", ":027");
}

/* A surface form beats what its stem would hit: "left" is LEFT_, not
 * LEAVE; "met" is MET, not MEET. */
static void surface_form(void **state)
{
    fixture *f = *state;
    CODES(f, "Arnor left for Gondor.", "ARN>GON:032");
    CODES(f, "Arnor left for Gondor.", "GON>ARN:033");
    NOT_CODES(f, "Arnor left for Gondor.", ":012");
    CODES(f, "Arnor leaves Gondor.", "ARN>GON:012");
    CODES(f, "Arnor met Gondor.", "ARN>GON:031");
    NOT_CODES(f, "Arnor met Gondor.", ":036");
    CODES(f, "Arnor meets Gondor.", "ARN>GON:036");
}

/* A blank allows any number of words in between, in a pattern and in a
 * verb phrase, but not across ';'. */
static void long_gaps(void **state)
{
    fixture *f = *state;
    CODES(f, "Arnor allowed that Gondor is not at all, as everyone knows, a real pleasant place.",
          "ARN>GON:024");
    CODES(f, "Arnor's death toll has now once again sadly risen against Gondor.",
          "ARN>GON:223");
    NOT_CODES(f, "Arnor allowed Gondor to go; it is a real pleasant place.", ":024");
    /* a long sentence (dyad cuts sentences at 1000 tokens) with many
     * candidate gaps stays bounded */
    char big[12000];
    size_t n = (size_t)snprintf(big, sizeof big, "Arnor allowed Gondor");
    for (int i = 0; i < 240; i++)
        n += (size_t)snprintf(big + n, sizeof big - n, " in in the the");
    snprintf(big + n, sizeof big - n, " real pleasant.");
    CODES(f, big, "ARN>GON:024");
}

/* On the same words a literal pattern beats a synset member. */
static void literal_over_synset(void **state)
{
    fixture *f = *state;
    CODES(f, "Arnor will contribute a million dollars to Gondor.", "ARN>GON:071");
    NOT_CODES(f, "Arnor will contribute a million dollars to Gondor.", ":903");
}

/* Letter-suffixed codes are kept whole ([174K]); malformed codes are
 * skipped with a warning. */
static void letter_codes(void **state)
{
    fixture *f = *state;
    CODES(f, "Arnor will bargain for asylum in Gondor.", "ARN>GON:174K");
    size_t n = 0;
    const dyad_event *ev = dyad_coder_events(f->c, &n);
    assert_int_equal(n, 1);
    assert_string_equal(ev[0].root, "17");
    assert_int_equal(ev[0].quad, 4);     /* the taxonomy of 174 */
    NOT_CODES(f, "Arnor will bargain for asylum in Gondor.", ":031");
    assert_non_null(strstr(f->msgs, FIX "/words.verbs:37: warning: event code '17KK'"));
    assert_non_null(strstr(f->msgs, FIX "/words.verbs:38: warning: event code '12?3'"));
}

/* '% *' and '$ *' have the verb's own key: merged into its entry. */
static void marker_only_merged(void **state)
{
    fixture *f = *state;
    /* null verb, '% *' [044:045]: the compound acts among its members
     * (events.c codes both directions with the first code) */
    CODES(f, "Arnor and Gondor welcxmed the talks.", "ARN>GON:044");
    CODES(f, "Arnor and Gondor welcxmed the talks.", "GON>ARN:04");
    /* '$ *' [095] on CALLED_ON [094] */
    CODES(f, "Arnor called on Gondor to leave.", "ARN>GON:095");
    NOT_CODES(f, "Arnor called on Gondor to leave.", ":094");
    /* a non-null verb keeps its code for a single source */
    CODES(f, "Arnor greeted Gondor.", "ARN>GON:051");
    CODES(f, "Arnor and Gondor greeted each other.", "ARN>GON:051");
    /* the merged pattern is not also entered (no duplicate warning) */
    assert_null(strstr(f->msgs, FIX "/words.verbs:27: warning"));
    assert_null(strstr(f->msgs, FIX "/words.verbs:29: warning: pattern"));
    /* a '% *' pattern whose code differs from the verb's is reported */
    assert_non_null(strstr(f->msgs, FIX "/words.verbs:32: warning: '% *' pattern [052] merged"));
}

/* '?' is weak: it codes only when no other verb of the clause does. */
static void weak_verbs(void **state)
{
    fixture *f = *state;
    CODES(f, "Arnor said Gondor.", "ARN>GON:023");
    CODES(f, "Arnor said it condemned Gondor.", "ARN>GON:111");
    NOT_CODES(f, "Arnor said it condemned Gondor.", ":023");
    const dyadi_trigger *t = NULL;
    for (uint32_t i = 0; (t = dyadi_lex_trigger(f->lex, i)) != NULL; i++)
        if (strcmp(t->code, "023") == 0)
            break;
    assert_non_null(t);
    assert_int_equal(t->weak, 1);
}

/* Malformed lines: warned with FILE:LINE, the rest is converted. */
static void malformed(void **state)
{
    fixture *f = *state;
    assert_int_equal(f->st.errors, 0);
    /* [###] in a '% *' pattern: TABARI's discard, nothing is coded */
    NOTHING(f, "Arnor and Gondor whispered.");
    /* [~] is no code; '=' and '~' alone are no words */
    assert_non_null(strstr(f->msgs, FIX "/words.verbs:41: warning: event code '~'"));
    assert_non_null(strstr(f->msgs, FIX "/words.verbs:42: warning: empty word '=' in pattern"));
    assert_non_null(strstr(f->msgs, FIX "/words.verbs:43: warning: empty word '~' in pattern"));
    NOTHING(f, "Arnor mumbled Gondor.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(open_prefix),         cmocka_unit_test(closed_verb_endings),
        cmocka_unit_test(exact_words),         cmocka_unit_test(noun_ending),
        cmocka_unit_test(tilde_prefix),        cmocka_unit_test(surface_form),
        cmocka_unit_test(long_gaps),           cmocka_unit_test(literal_over_synset),
        cmocka_unit_test(letter_codes),        cmocka_unit_test(marker_only_merged),
        cmocka_unit_test(weak_verbs),          cmocka_unit_test(malformed),
    };
    return cmocka_run_group_tests_name("tabari_words", tests, setup, teardown);
}
