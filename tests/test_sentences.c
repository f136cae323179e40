/* test_sentences.c - sentence segmentation: abbreviations and initials,
 * quotes (a final period inside a closing quote, quotes inside a sentence),
 * colons, ellipses, newlines and blank lines, runs of spaces, and the seed article, which
 * must give exactly its 15 sentences. */
#include "testutil.h"
#include "text.h"

#include <stdlib.h>

/* Segment s; sentence texts joined with " || ". */
static const char *sents(const char *s, const char *lang)
{
    static char out[8192];
    dyadi_vec t, w, v;
    dyadi_vec_init(&t, sizeof(dyad_token), 0);
    dyadi_vec_init(&w, sizeof(dyad_warning), 10);
    dyadi_vec_init(&v, sizeof(dyad_sentence), 0);
    size_t n = strlen(s);
    assert_int_equal(dyadi_tokenize(s, n, lang, &t, &w), DYAD_OK);
    assert_int_equal(dyadi_segment(s, n, lang, t.data, t.len, &v), DYAD_OK);
    size_t o = 0, next_tok = 0;
    out[0] = '\0';
    for (size_t i = 0; i < v.len; i++) {
        const dyad_sentence *x = &DYADI_VEC_AT(&v, dyad_sentence, i);
        assert_int_equal(x->first_token, next_tok);         /* every token in one sentence */
        next_tok = x->first_token + x->n_tokens;
        size_t len = x->span.end - x->span.start;
        assert_true(o + len + 5 < sizeof out);
        if (i) {
            memcpy(out + o, " || ", 4);
            o += 4;
        }
        memcpy(out + o, s + x->span.start, len);
        o += len;
        out[o] = '\0';
    }
    assert_int_equal(next_tok, t.len);
    dyadi_vec_free(&t);
    dyadi_vec_free(&w);
    dyadi_vec_free(&v);
    return out;
}

static void basic(void **state)
{
    (void)state;
    assert_string_equal(sents("Il pleut. Il neige! Vraiment? Oui.", "fr"),
                        "Il pleut. || Il neige! || Vraiment? || Oui.");
    assert_string_equal(sents("Prices rose 3.5 percent. Then they fell.", "en"),
                        "Prices rose 3.5 percent. || Then they fell.");
    assert_string_equal(sents("no period at the end", "en"), "no period at the end");
    /* lower case after a period: not a new sentence */
    assert_string_equal(sents("vers 3 p.m. on Monday et a.m. ok", "en"), "vers 3 p.m. on Monday et a.m. ok");
}

static void fr_abbreviations(void **state)
{
    (void)state;
    assert_string_equal(sents("M. Poutine a parlé. Mme Merkel aussi.", "fr"),
                        "M. Poutine a parlé. || Mme Merkel aussi.");
    assert_string_equal(sents("Selon le Dr. Martin, il y a des armes, etc. Le pays dément.", "fr"),
                        "Selon le Dr. Martin, il y a des armes, etc. || Le pays dément.");
    assert_string_equal(sents("Il a vu J. Dupont hier.", "fr"), "Il a vu J. Dupont hier.");
}

static void en_abbreviations(void **state)
{
    (void)state;
    assert_string_equal(sents("Mr. Biden met Gen. Milley in Washington, D.C. on Monday.", "en"),
                        "Mr. Biden met Gen. Milley in Washington, D.C. on Monday.");
    assert_string_equal(sents("Troops left the U.S. The base closed.", "en"),
                        "Troops left the U.S. || The base closed.");
    assert_string_equal(sents("The U.S. Army said no.", "en"), "The U.S. Army said no.");
    assert_string_equal(sents("He met J. Smith and Dr. Jones. They talked.", "en"),
                        "He met J. Smith and Dr. Jones. || They talked.");
}

static void quotes(void **state)
{
    (void)state;
    /* a final period inside a closing quote ends the sentence after the quote */
    assert_string_equal(sents("Il appelle à \"développer les relations.\". Le président répond.", "fr"),
                        "Il appelle à \"développer les relations.\". || Le président répond.");
    assert_string_equal(sents("He said \"we will fight.\" The army agreed.", "en"),
                        "He said \"we will fight.\" || The army agreed.");
    assert_string_equal(sents("Il a dit « non. » Puis il est parti.", "fr"),
                        "Il a dit « non. » || Puis il est parti.");
    assert_string_equal(sents("She said “no.” Then she left.", "en"), "She said “no.” || Then she left.");
    assert_string_equal(sents("He said “I live in the U.S.” Then he left.", "en"),
                        "He said “I live in the U.S.” || Then he left.");
    /* a quote inside a sentence does not break it, nor "!" before a lower-case verb */
    assert_string_equal(sents("« Assez ! » a-t-il crié devant la foule.", "fr"),
                        "« Assez ! » a-t-il crié devant la foule.");
    assert_string_equal(sents("Le « plan de paix » est rejeté.", "fr"), "Le « plan de paix » est rejeté.");
    /* a sentence inside an opening quote starts a new one */
    assert_string_equal(sents("Il a parlé. « Nous refusons. » Fin.", "fr"),
                        "Il a parlé. || « Nous refusons. » || Fin.");
}

static void colons_ellipses(void **state)
{
    (void)state;
    assert_string_equal(sents("Le ministre a déclaré : Nous ne céderons pas.", "fr"),
                        "Le ministre a déclaré : Nous ne céderons pas.");
    assert_string_equal(sents("Il hésite... puis signe. Il attend… Rien ne vient.", "fr"),
                        "Il hésite... puis signe. || Il attend… || Rien ne vient.");
    assert_string_equal(sents("one; Two", "en"), "one; Two");
}

static void newlines(void **state)
{
    (void)state;
    assert_string_equal(sents("Titre sans point\n\nLe corps du texte.", "fr"),
                        "Titre sans point || Le corps du texte.");
    assert_string_equal(sents("Un titre\nLe texte commence.", "fr"), "Un titre || Le texte commence.");
    /* a hard-wrapped line continues the sentence */
    assert_string_equal(sents("le texte est coupé\nen deux lignes.", "fr"), "le texte est coupé\nen deux lignes.");
    assert_string_equal(sents("Il a cité les pays suivants,\nFrance et Allemagne.", "fr"),
                        "Il a cité les pays suivants,\nFrance et Allemagne.");
    assert_string_equal(sents("Fin\r\n\r\nDébut", "fr"), "Fin || Début");
}

/* A run of three spaces or more is a line break lost when the text was
 * flattened: a chronology's next year, a dateline after headlines. Two
 * spaces, or a run inside a clause before a lower-case word, are not. */
static void wide_gaps(void **state)
{
    (void)state;
    assert_string_equal(sents("1915 - German army captures Brest-Litovsk during World War I.    1934 - Adolf "
                              "Hitler demands the Saar.", "en"),
                        "1915 - German army captures Brest-Litovsk during World War I. || 1934 - Adolf "
                        "Hitler demands the Saar.");
    assert_string_equal(sents("+ Saddam trial resumes, 11 killed in bus bombing   BANTUL, Indonesia: the death "
                              "toll nears 5,000.", "en"),
                        "+ Saddam trial resumes, 11 killed in bus bombing || BANTUL, Indonesia: the death "
                        "toll nears 5,000.");
    assert_string_equal(sents("1944 - Libération de Paris pendant la Seconde Guerre mondiale    1958 - De Gaulle "
                              "revient au pouvoir.", "fr"),
                        "1944 - Libération de Paris pendant la Seconde Guerre mondiale || 1958 - De Gaulle "
                        "revient au pouvoir.");
    assert_string_equal(sents("Le texte  continue ici.", "fr"), "Le texte  continue ici.");
    assert_string_equal(sents("Le texte     continue ici.", "fr"), "Le texte     continue ici.");
    assert_string_equal(sents("Il a cité,    France et Allemagne.", "fr"), "Il a cité,    France et Allemagne.");
}

static void long_sentence_cut(void **state)
{
    (void)state;
    size_t n = 3000 * 2;
    char *s = malloc(n + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i += 2) {
        s[i] = 'a';
        s[i + 1] = ' ';
    }
    s[n] = '\0';
    dyadi_vec t, w, v;
    dyadi_vec_init(&t, sizeof(dyad_token), 0);
    dyadi_vec_init(&w, sizeof(dyad_warning), 10);
    dyadi_vec_init(&v, sizeof(dyad_sentence), 0);
    assert_int_equal(dyadi_tokenize(s, n, "fr", &t, &w), DYAD_OK);
    assert_int_equal(dyadi_segment(s, n, "fr", t.data, t.len, &v), DYAD_OK);
    assert_int_equal(v.len, 3);
    assert_int_equal(DYADI_VEC_AT(&v, dyad_sentence, 0).n_tokens, 1000);
    /* the sentence cap is reported, not overrun */
    dyadi_vec cap;
    dyadi_vec_init(&cap, sizeof(dyad_sentence), 2);
    assert_int_equal(dyadi_segment(s, n, "fr", t.data, t.len, &cap), DYAD_ERR_NOMEM);
    dyadi_vec_free(&cap);
    dyadi_vec_free(&t);
    dyadi_vec_free(&w);
    dyadi_vec_free(&v);
    free(s);
}

/* The seed article's text after its "date YYYY-MM" header. */
static char *seed_article(size_t *n)
{
    FILE *f = fopen("examples/2022-08_russia-allies.fr.txt", "rb");
    if (!f)
        f = fopen("../examples/2022-08_russia-allies.fr.txt", "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = '\0';
    char *p = strstr(buf, "date ");
    assert_non_null(p);
    p += 5;
    while (*p == ' ')
        p++;
    while (*p && *p != ' ' && *p != '\n')       /* the date itself */
        p++;
    while (*p == ' ' || *p == '\n' || *p == '\r')
        p++;
    *n = len - (size_t)(p - buf);
    return p;
}

static void seed_article_15(void **state)
{
    (void)state;
    static const char *const first[15] = {
        "En plein milieu", "La Russie entretient", "Bien au contraire", "Outre Pékin",
        "Des sources occidentales", "Mais l'autre pays", "Véritable paria", "Kim Jong-Un est",
        "« Les travailleurs", "Ils pourraient nous", "Dans une lettre", "Selon la source",
        "Il appelle donc", "Le président nord-coréen", "Pour rappel",
    };
    static const char *const last[15] = {
        "avec ses alliés.", "contre le pays.", "ses échanges.", "avec l'Iran.", "arsenal en Ukraine.",
        "la Corée du nord.", "la Russie.", "sources nord-coréennes.", "conditions très difficiles.",
        "en Corée du Nord.", "l'agence Reuters.", "les deux régions.", "des efforts communs.\".",
        "forces militaires hostiles\".", "début de l'offensive.",
    };
    size_t n;
    const char *art = seed_article(&n);
    dyad_coder *c = dyad_coder_new(NULL);
    assert_non_null(c);
    dyad_doc d;
    memset(&d, 0, sizeof d);
    d.text = art;
    d.text_len = n;
    d.date = "2022-08";
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    assert_string_equal(dyad_coder_lang(c), "fr");
    size_t ns;
    const dyad_sentence *s = dyad_coder_sentences(c, &ns);
    assert_int_equal(ns, 15);
    for (size_t i = 0; i < 15; i++) {
        size_t fl = strlen(first[i]), ll = strlen(last[i]);
        size_t len = s[i].span.end - s[i].span.start;
        assert_true(len > fl && len > ll);
        if (memcmp(art + s[i].span.start, first[i], fl) != 0 ||
            memcmp(art + s[i].span.end - ll, last[i], ll) != 0)
            fail_msg("sentence %zu: \"%.*s\"", i + 1, (int)len, art + s[i].span.start);
    }
    dyad_coder_free(c);
}

#define T(name, fn) { "sentences/" name, fn, NULL, NULL, NULL }

int main(void)
{
    const struct CMUnitTest tests[] = {
        T("basic", basic),
        T("fr-abbreviations", fr_abbreviations),
        T("en-abbreviations", en_abbreviations),
        T("quotes", quotes),
        T("colons-ellipses", colons_ellipses),
        T("newlines", newlines),
        T("wide-gaps", wide_gaps),
        T("long-sentence-cut", long_sentence_cut),
        T("seed-article-15", seed_article_15),
    };
    return cmocka_run_group_tests_name("sentences", tests, NULL, NULL);
}
