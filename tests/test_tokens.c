/* test_tokens.c - the tokenizer: spans into the original bytes, French
 * elision with both apostrophes, English clitics, hyphenated names,
 * abbreviations, numbers and dates, quotes, invalid UTF-8 and NUL bytes,
 * and the token cap. */
#include "testutil.h"
#include "text.h"

#include <stdlib.h>

/* Tokenize s and join the token texts with '|' into out; also returns the
 * token vector (caller frees) through v when not NULL. */
static const char *toks(const char *s, const char *lang, dyadi_vec *v_out)
{
    static char out[4096];
    dyadi_vec v, w;
    dyadi_vec_init(&v, sizeof(dyad_token), 0);
    dyadi_vec_init(&w, sizeof(dyad_warning), 100);
    size_t n = strlen(s);
    assert_int_equal(dyadi_tokenize(s, n, lang, &v, &w), DYAD_OK);
    size_t o = 0;
    out[0] = '\0';
    uint32_t last = 0;
    for (size_t i = 0; i < v.len; i++) {
        const dyad_token *t = &DYADI_VEC_AT(&v, dyad_token, i);
        assert_true(t->span.start < t->span.end);
        assert_true(t->span.start >= last);           /* increasing, no overlap */
        assert_true(t->span.end <= n);
        last = t->span.end;
        size_t len = t->span.end - t->span.start;
        assert_true(o + len + 2 < sizeof out);
        if (i)
            out[o++] = '|';
        memcpy(out + o, s + t->span.start, len);
        o += len;
        out[o] = '\0';
    }
    dyadi_vec_free(&w);
    if (v_out)
        *v_out = v;
    else
        dyadi_vec_free(&v);
    return out;
}

static unsigned flags_of(const char *s, const char *lang, size_t i)
{
    dyadi_vec v;
    toks(s, lang, &v);
    assert_true(i < v.len);
    unsigned f = DYADI_VEC_AT(&v, dyad_token, i).flags;
    dyadi_vec_free(&v);
    return f;
}

static unsigned kind_of(const char *s, size_t i)
{
    dyadi_vec v;
    toks(s, NULL, &v);
    assert_true(i < v.len);
    unsigned k = DYADI_VEC_AT(&v, dyad_token, i).kind;
    dyadi_vec_free(&v);
    return k;
}

static void fr_elision(void **state)
{
    (void)state;
    assert_string_equal(toks("l'offensive russe", "fr", NULL), "l'|offensive|russe");
    assert_string_equal(toks("L\xE2\x80\x99Iran", "fr", NULL), "L\xE2\x80\x99|Iran");
    assert_string_equal(toks("qu'il jusqu'à lorsqu'elle puisqu'on", "fr", NULL),
                        "qu'|il|jusqu'|à|lorsqu'|elle|puisqu'|on");
    assert_string_equal(toks("n'a s'est c'était j'ai m'a t'a presqu'île quelqu'un", NULL, NULL),
                        "n'|a|s'|est|c'|était|j'|ai|m'|a|t'|a|presqu'|île|quelqu'|un");
    assert_string_equal(toks("d\xE2\x80\x99" "appliquer D'abord", "fr", NULL), "d\xE2\x80\x99|" "appliquer|D'|abord");
    unsigned f = flags_of("L'Iran", "fr", 0);
    assert_true(f & DYAD_TOKF_ELIDED);
    assert_true(f & DYAD_TOKF_CAPITAL);
    assert_true(flags_of("L'Iran", "fr", 1) & DYAD_TOKF_CAPITAL);
    assert_false(flags_of("L'Iran", "fr", 1) & DYAD_TOKF_ELIDED);
}

static void fr_elision_kept(void **state)
{
    (void)state;
    assert_string_equal(toks("aujourd'hui prud'hommes", "fr", NULL), "aujourd'hui|prud'hommes");
    assert_string_equal(toks("aujourd\xE2\x80\x99hui", "fr", NULL), "aujourd\xE2\x80\x99hui");
    assert_string_equal(toks("Côte-d'Ivoire", "fr", NULL), "Côte-d'Ivoire");
    /* an elision before a space is still an elision (dictionary patterns
     * such as "n' ... pas"); after another word it is a closing quote */
    assert_string_equal(toks("l' avion", "fr", NULL), "l'|avion");
    assert_string_equal(toks("mots' avion", "fr", NULL), "mots|'|avion");
    assert_true(flags_of("mots' avion", "fr", 1) & DYAD_TOKF_QUOTE);
}

static void fr_inversion(void **state)
{
    (void)state;
    assert_string_equal(toks("a-t-il dit-elle peut-on", "fr", NULL), "a|il|dit|elle|peut|on");
    assert_string_equal(toks("peut-être rendez-vous celui-ci", "fr", NULL), "peut-être|rendez-vous|celui-ci");
}

static void en_clitics(void **state)
{
    (void)state;
    assert_string_equal(toks("don't Russia's can't won't", "en", NULL), "do|n't|Russia|'s|ca|n't|wo|n't");
    assert_string_equal(toks("they're we've I'll he'd I'm", "en", NULL), "they|'re|we|'ve|I|'ll|he|'d|I|'m");
    assert_string_equal(toks("Russia\xE2\x80\x99s don\xE2\x80\x99t", NULL, NULL),
                        "Russia|\xE2\x80\x99s|do|n\xE2\x80\x99t");
    assert_string_equal(toks("O'Brien's", "en", NULL), "O'Brien|'s");
    /* French rules off in English, English rules off in French */
    assert_string_equal(toks("l'Oreal", "en", NULL), "l'Oreal");
    assert_string_equal(toks("c'est Russia's", "fr", NULL), "c'|est|Russia's");
}

static void hyphen_names(void **state)
{
    (void)state;
    assert_string_equal(toks("Kim Jong-Un et les nord-coréens", "fr", NULL), "Kim|Jong-Un|et|les|nord-coréens");
    assert_true(flags_of("Kim Jong-Un", "fr", 1) & DYAD_TOKF_HYPHEN);
    assert_true(flags_of("Kim Jong-Un", "fr", 1) & DYAD_TOKF_CAPITAL);
    assert_false(flags_of("Kim Jong-Un", "fr", 0) & DYAD_TOKF_HYPHEN);
    assert_string_equal(toks("F-16 COVID-19 Jean\xE2\x80\x90Pierre", NULL, NULL), "F-16|COVID-19|Jean\xE2\x80\x90Pierre");
    /* a dash between words is punctuation */
    assert_string_equal(toks("Paris - Berlin --", NULL, NULL), "Paris|-|Berlin|-|-");
    assert_string_equal(toks("pro- et anti-", NULL, NULL), "pro|-|et|anti|-");
}

static void abbreviations(void **state)
{
    (void)state;
    assert_string_equal(toks("M. Poutine et Mme Merkel", "fr", NULL), "M.|Poutine|et|Mme|Merkel");
    assert_string_equal(toks("the U.S. and Mr. Biden, Dr. Who, Gen. Milley etc.", "en", NULL),
                        "the|U.S.|and|Mr.|Biden|,|Dr.|Who|,|Gen.|Milley|etc.");
    assert_string_equal(toks("J. Smith et U.S.A. e.g. Ph.D.", NULL, NULL), "J.|Smith|et|U.S.A.|e.g.|Ph.D.");
    /* an ordinary word keeps its period apart; "etc..." is etc + ellipsis */
    assert_string_equal(toks("les pays. Le", "fr", NULL), "les|pays|.|Le");
    assert_string_equal(toks("etc...", NULL, NULL), "etc|...");
    assert_string_equal(toks("Joe. He", "en", NULL), "Joe|.|He");
    assert_string_equal(toks("sept. Il", "fr", NULL), "sept|.|Il");
}

static void numbers_dates(void **state)
{
    (void)state;
    assert_string_equal(toks("1 000 soldats, 3,5 %, le 15/08/2022 en 2022.", "fr", NULL),
                        "1 000|soldats|,|3,5|%|,|le|15/08/2022|en|2022|.");
    assert_string_equal(toks("le 1er août, 2e, 21st, 14:30, 2022-08-15", NULL, NULL),
                        "le|1er|août|,|2e|,|21st|,|14:30|,|2022-08-15");
    assert_string_equal(toks("15\xC2\xA0" "000 et 2\xE2\x80\xAF" "500", "fr", NULL),
                        "15\xC2\xA0" "000|et|2\xE2\x80\xAF" "500");
    /* no grouping after four digits or before four */
    assert_string_equal(toks("en 2022 300 morts, 12 2022", "fr", NULL), "en|2022|300|morts|,|12|2022");
    assert_string_equal(toks("1,000,000 and 3.5", "en", NULL), "1,000,000|and|3.5");
    assert_int_equal(kind_of("1 000", 0), DYAD_TOK_NUMBER);
    assert_int_equal(kind_of("1er", 0), DYAD_TOK_NUMBER);
    assert_int_equal(kind_of("G7", 0), DYAD_TOK_WORD);
}

static void punct_quotes(void **state)
{
    (void)state;
    assert_string_equal(toks("« Non ! » a-t-il dit… \"ok\" “yes”", NULL, NULL),
                        "«|Non|!|»|a|il|dit|…|\"|ok|\"|“|yes|”");
    assert_true(flags_of("« Non »", NULL, 0) & DYAD_TOKF_QUOTE);
    assert_true(flags_of("« Non »", NULL, 2) & DYAD_TOKF_QUOTE);
    assert_true(flags_of("“yes”", NULL, 0) & DYAD_TOKF_QUOTE);
    assert_string_equal(toks("Wait... what?! (yes); a:b", NULL, NULL), "Wait|...|what|?|!|(|yes|)|;|a|:|b");
    assert_int_equal(kind_of("$ 5", 0), DYAD_TOK_SYMBOL);
    assert_int_equal(kind_of(", 5", 0), DYAD_TOK_PUNCT);
    assert_string_equal(toks("\xE2\x82\xAC" "5 \xF0\x9F\x98\x80", NULL, NULL), "\xE2\x82\xAC|5|\xF0\x9F\x98\x80");
}

static void capital_flag(void **state)
{
    (void)state;
    assert_true(flags_of("Élysée", NULL, 0) & DYAD_TOKF_CAPITAL);
    assert_false(flags_of("élysée", NULL, 0) & DYAD_TOKF_CAPITAL);
    assert_false(flags_of("2022", NULL, 0) & DYAD_TOKF_CAPITAL);
}

static void combining_marks(void **state)
{
    (void)state;
    /* e + combining acute stays in the word; soft hyphen too */
    assert_string_equal(toks("Pe\xCC\x81kin anti\xC2\xAD" "constitutionnel", NULL, NULL),
                        "Pe\xCC\x81kin|anti\xC2\xAD" "constitutionnel");
    /* a default-ignorable character (variation selector) never starts a
     * token, whose key would be empty, but stays inside a word */
    assert_string_equal(toks("\xEF\xB8\x80 a\xEF\xB8\x80", NULL, NULL), "a\xEF\xB8\x80");
}

static void invalid_utf8(void **state)
{
    (void)state;
    const char s[] = "caf\xE9 ok \xFF\xFE\xFD bad \xC3";   /* Latin-1 é, a run, a truncated tail */
    size_t n = sizeof s - 1;
    dyadi_vec v, w;
    dyadi_vec_init(&v, sizeof(dyad_token), 0);
    dyadi_vec_init(&w, sizeof(dyad_warning), 100);
    assert_int_equal(dyadi_tokenize(s, n, "fr", &v, &w), DYAD_OK);
    assert_int_equal(v.len, 5);
    const dyad_token *t = v.data;
    assert_int_equal(t[0].span.start, 0);
    assert_int_equal(t[0].span.end, 4);                /* "caf\xE9" one token */
    assert_true(t[0].flags & DYAD_TOKF_REPLACED);
    assert_false(t[1].flags & DYAD_TOKF_REPLACED);
    assert_int_equal(t[2].span.start, 8);
    assert_int_equal(t[2].span.end, 11);
    assert_int_equal(t[4].span.start, n - 1);
    assert_int_equal(w.len, 3);                        /* once per bad run */
    const dyad_warning *wa = w.data;
    assert_int_equal(wa[0].offset, 3);
    assert_int_equal(wa[1].offset, 8);
    assert_int_equal(wa[2].offset, n - 1);
    assert_non_null(strstr(wa[0].what, "UTF-8"));
    dyadi_vec_free(&v);
    dyadi_vec_free(&w);
    /* overlong and surrogate encodings are invalid too */
    dyadi_vec_init(&v, sizeof(dyad_token), 0);
    dyadi_vec_init(&w, sizeof(dyad_warning), 100);
    const char o[] = "a\xC0\xAF" "b \xED\xA0\x80";
    assert_int_equal(dyadi_tokenize(o, sizeof o - 1, NULL, &v, &w), DYAD_OK);
    assert_int_equal(v.len, 2);
    assert_int_equal(w.len, 2);
    dyadi_vec_free(&v);
    dyadi_vec_free(&w);
}

static void nul_bytes(void **state)
{
    (void)state;
    const char s[] = "Paris\0\0Berlin\0";
    dyadi_vec v, w;
    dyadi_vec_init(&v, sizeof(dyad_token), 0);
    dyadi_vec_init(&w, sizeof(dyad_warning), 100);
    assert_int_equal(dyadi_tokenize(s, sizeof s - 1, NULL, &v, &w), DYAD_OK);
    assert_int_equal(v.len, 2);
    assert_int_equal(w.len, 2);
    const dyad_warning *wa = w.data;
    assert_int_equal(wa[0].offset, 5);
    assert_int_equal(wa[1].offset, 13);
    assert_non_null(strstr(wa[0].what, "NUL"));
    dyadi_vec_free(&v);
    dyadi_vec_free(&w);
}

static void token_cap(void **state)
{
    (void)state;
    dyadi_vec v, w;
    dyadi_vec_init(&v, sizeof(dyad_token), 10);
    dyadi_vec_init(&w, sizeof(dyad_warning), 1);
    const char *s = "a b c d e f g h i j k l m";
    assert_int_equal(dyadi_tokenize(s, strlen(s), NULL, &v, &w), DYAD_ERR_NOMEM);
    assert_int_equal(v.len, 10);
    dyadi_vec_free(&v);
    /* a full warning vector drops warnings, it does not fail */
    dyadi_vec_init(&v, sizeof(dyad_token), 0);
    const char b[] = "\xFF a \xFF b \xFF c";
    assert_int_equal(dyadi_tokenize(b, sizeof b - 1, NULL, &v, &w), DYAD_OK);
    assert_int_equal(w.len, 1);
    dyadi_vec_free(&v);
    dyadi_vec_free(&w);
}

static void empty_text(void **state)
{
    (void)state;
    dyadi_vec v, w;
    dyadi_vec_init(&v, sizeof(dyad_token), 0);
    dyadi_vec_init(&w, sizeof(dyad_warning), 10);
    assert_int_equal(dyadi_tokenize("", 0, NULL, &v, &w), DYAD_OK);
    assert_int_equal(dyadi_tokenize(" \n\t\xC2\xA0 ", 6, NULL, &v, &w), DYAD_OK);
    assert_int_equal(v.len, 0);
    dyadi_vec_free(&v);
    dyadi_vec_free(&w);
}

#define T(name, fn) { "tokens/" name, fn, NULL, NULL, NULL }

int main(void)
{
    const struct CMUnitTest tests[] = {
        T("fr-elision", fr_elision),
        T("fr-elision-kept", fr_elision_kept),
        T("fr-inversion", fr_inversion),
        T("en-clitics", en_clitics),
        T("hyphen-names", hyphen_names),
        T("abbreviations", abbreviations),
        T("numbers-dates", numbers_dates),
        T("punct-quotes", punct_quotes),
        T("capital-flag", capital_flag),
        T("combining-marks", combining_marks),
        T("invalid-utf8", invalid_utf8),
        T("nul-bytes", nul_bytes),
        T("token-cap", token_cap),
        T("empty-text", empty_text),
    };
    return cmocka_run_group_tests_name("tokens", tests, NULL, NULL);
}
