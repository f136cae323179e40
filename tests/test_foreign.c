/* test_foreign.c - the TABARI and PETRARCH dictionary readers (src/foreign.c):
 * each syntax element is counted as converted, approximated or skipped,
 * malformed lines are warned about with FILE:LINE, and the converted
 * dictionaries code a sentence through the ordinary coder. Fixtures are in
 * tests/fixtures/foreign/. */
#include "testutil.h"
#include "foreignutil.h"

#define FIX "tests/fixtures/foreign"

typedef struct run {
    dyadi_dict_stats st;
    dyadi_foreign_stats fx;
    char msgs[65536];
    dyad_status rc;
} run;

/* Compile a spec with data/'s taxonomy and cues; messages into r->msgs. */
static void compile(run *r, const char *spec, const char *out)
{
    memset(r, 0, sizeof *r);
    FILE *m = tmpfile();
    assert_non_null(m);
    dyadi_dict_opts o = {"data", out, 0, m, 1};
    char err[512];
    r->rc = dyadi_foreign_compile(spec, &o, &r->st, &r->fx, err, sizeof err);
    rewind(m);
    size_t n = fread(r->msgs, 1, sizeof r->msgs - 1, m);
    r->msgs[n] = '\0';
    fclose(m);
}

#define FX(r, el, how) ((r)->fx.n[DYADI_FX_##el][DYADI_FX_##how])

static void tabari_actors(void **state)
{
    (void)state;
    run *r = malloc(sizeof *r);
    assert_non_null(r);
    compile(r, "tabari:" FIX "/mini.project", NULL);
    assert_int_equal(r->rc, DYAD_OK);
    assert_int_equal(r->st.errors, 0);
    assert_int_equal(FX(r, SYNONYM, CONVERTED), 1);          /* +MINAS_TIRITH */
    assert_int_equal(FX(r, DATE, CONVERTED), 2);             /* ALBRIGHT, AXNOR */
    assert_int_equal(FX(r, DATE, APPROX), 0);                /* ALBRIGHT: null outside */
    assert_int_equal(FX(r, NULL, CONVERTED), 3);             /* ALBRIGHT, BOROMIR; a verb */
    assert_int_equal(FX(r, DISCARD, CONVERTED), 1);          /* NASGUL */
    assert_int_equal(FX(r, MULTICODE, CONVERTED), 1);        /* LORIEN, a compound */
    assert_true(FX(r, STEM, APPROX) > 0);                    /* ARNOR, no '_' */
    assert_non_null(strstr(r->msgs, FIX "/mini.actors:11: warning: bad date restriction"));
    assert_non_null(strstr(r->msgs, FIX "/mini.actors:12: warning: bad actor code"));
    assert_null(strstr(r->msgs, FIX "/mini.actors:8: warning"));     /* [###]: a marker now */
    free(r);
}

static void tabari_agents(void **state)
{
    (void)state;
    run *r = malloc(sizeof *r);
    assert_non_null(r);
    compile(r, "tabari:" FIX "/mini.project", NULL);
    assert_int_equal(FX(r, AGENT, CONVERTED), 2);
    assert_int_equal(FX(r, AGENT_PREFIX, CONVERTED), 1);     /* [NGM~] */
    assert_non_null(strstr(r->msgs, FIX "/mini.agents:3: warning: agent 'NOCODE_' without a [~CODE]"));
    free(r);
}

static void tabari_verbs(void **state)
{
    (void)state;
    run *r = malloc(sizeof *r);
    assert_non_null(r);
    compile(r, "tabari:" FIX "/mini.project", NULL);
    assert_int_equal(FX(r, SYNSET, CONVERTED), 1);           /* &TIETYPES */
    assert_int_equal(FX(r, SYNSET, SKIPPED), 1);             /* &NOSUCHSET */
    assert_int_equal(FX(r, TIME, SKIPPED), 1);
    assert_int_equal(FX(r, TARGET, CONVERTED), 6);
    assert_int_equal(FX(r, SKIP, CONVERTED), 1);
    assert_int_equal(FX(r, SOURCE, CONVERTED), 1);
    assert_int_equal(FX(r, ALTERNATIVE, CONVERTED), 1);
    assert_int_equal(FX(r, COMPOUND, CONVERTED), 2);         /* % */
    assert_int_equal(FX(r, PAIRED, CONVERTED), 1);           /* [032:033] */
    assert_int_equal(FX(r, BADCODE, SKIPPED), 1);            /* [17K] */
    assert_null(strstr(r->msgs, FIX "/mini.verbs:11: warning"));  /* [---]: a null trigger now */
    assert_int_equal(FX(r, NULL, CONVERTED), 3);             /* and the two null actors */
    assert_null(strstr(r->msgs, FIX "/mini.verbs:19: warning"));
    assert_null(strstr(r->msgs, FIX "/mini.verbs:21: warning"));
    assert_non_null(strstr(r->msgs, FIX "/mini.verbs:20: warning: pattern names an unknown synset"));
    assert_non_null(strstr(r->msgs, FIX "/mini.verbs:23: warning: pattern without a [code]"));
    free(r);
}

static void petrarch_elements(void **state)
{
    (void)state;
    run *r = malloc(sizeof *r);
    assert_non_null(r);
    compile(r, "petrarch:" FIX "/petr.actors.txt," FIX "/petr.agents.txt," FIX "/petr.verbs.txt",
            NULL);
    assert_int_equal(r->rc, DYAD_OK);
    assert_int_equal(r->st.errors, 0);
    assert_int_equal(FX(r, ACTOR, CONVERTED), 4);            /* ROHAN after "<! --" */
    assert_int_equal(FX(r, STEM, APPROX), 0);                /* PETRARCH: whole words */
    assert_int_equal(FX(r, DATE, CONVERTED), 1);             /* YYYYMMDD */
    assert_int_equal(FX(r, SUBST, CONVERTED), 1);            /* !MINST! */
    assert_true(FX(r, PLURAL, CONVERTED) >= 3);
    assert_int_equal(FX(r, CONSTITUENT, APPROX), 2);         /* (FROM BUSINESS) */
    assert_int_equal(FX(r, VERB, CONVERTED), 2);
    assert_int_equal(FX(r, IRREGULAR, CONVERTED), 3);        /* +CORDONED_OFF ... */
    assert_null(strstr(r->msgs, "CORDON"));                  /* '+' marks the inflected word */
    free(r);
}

/* The converted dictionaries code through the ordinary coder. */
static void tabari_codes(void **state)
{
    (void)state;
    foreign_lex *f = foreign_lex_open("tabari:" FIX "/mini.project");
    assert_non_null(f);
    dyad_coder *c = f->c;
    assert_true(codes(c, "Arnor condemned Gondor on Tuesday.", "ARN", "GON", "111"));
    /* TABARI does not carry an agent through a list (PETRARCH does) */
    assert_true(codes(c, "The police of Arnor and Gondor condemned Axnor.", "GON", "AR2", "111"));
    assert_false(codes(c, "The police of Arnor and Gondor condemned Axnor.", "GONCOP", "AR2", "111"));
    /* an agent from a place: "police from Gondor" */
    assert_true(codes(c, "Police from Gondor condemned Arnor.", "GONCOP", "ARN", "111"));
    /* paired codes [032:033]: the visit and the visit received */
    assert_true(codes(c, "Arnor arrived in Gondor on Tuesday.", "ARN", "GON", "032"));
    assert_true(codes(c, "Arnor arrived in Gondor on Tuesday.", "GON", "ARN", "033"));
    assert_false(codes(c, "Arnor arrived in Gondor on Tuesday.", "GON", "ARN", "032"));
    /* '%': a compound source with no target acts among its members */
    assert_true(codes(c, "Arnor and Gondor met secretly on Tuesday.", "ARN", "GON", "046"));
    assert_true(codes(c, "Arnor and Gondor met secretly on Tuesday.", "GON", "ARN", "046"));
    /* one coded verb per clause: a new one after "and" + verb */
    assert_true(codes(c, "Arnor condemned Gondor after it met Gondor.", "ARN", "GON", "111"));
    assert_false(codes(c, "Arnor condemned Gondor after it met Gondor.", "ARN", "GON", "036"));
    assert_true(codes(c, "Arnor condemned Gondor and met Gondor.", "ARN", "GON", "036"));
    /* a capitalised verb inside the sentence, or after an article, is a noun */
    assert_false(codes(c, "Arnor is about To Condemn Gondor.", "ARN", "GON", "111"));
    assert_false(codes(c, "Arnor is about the condemn of Gondor.", "ARN", "GON", "111"));
    /* a target introduced by "between", compound targets */
    assert_true(codes(c, "Arnor condemned ties between Gondor and Osgiliath.", "ARN", "GON", "111"));
    assert_true(codes(c, "Arnor condemned ties between Gondor and Osgiliath.", "ARN", "OSG", "111"));
    /* compound sources with adjectives: "Arnor and the evil awful Gondor" */
    assert_true(codes(c, "Arnor and the evil awful Gondor condemned Osgiliath.", "ARN", "OSG", "111"));
    assert_true(codes(c, "Arnor and the evil awful Gondor condemned Osgiliath.", "GON", "OSG", "111"));
    /* TABARI roles: '+' before the verb is the target, the clause's first
     * actor the source; with no other actor, the source follows the verb */
    assert_true(codes(c, "Arnor suggested Gondor should require conventions in its dealings "
                         "with Osgiliath.", "ARN", "GON", "151"));
    assert_true(codes(c, "Arnor was shot dead in Gondor.", "GON", "ARN", "224"));
    /* a clause opening on a pronoun is about the previous source; the
     * subject of a "that" clause before the verb is its target */
    assert_true(codes(c, "Arnor met Gondor and then it condemned Osgiliath.", "ARN", "OSG", "111"));
    assert_true(codes(c, "Arnor demanded that Gondor condemn.", "ARN", "GON", "111"));
    /* '%' after the verb: the compound target acts among its members */
    assert_true(codes(c, "Arnor has exchanged prisoners with Gondor and Osgiliath.", "GON", "OSG", "067"));
    assert_true(codes(c, "Arnor has exchanged prisoners with Gondor and Osgiliath.", "OSG", "GON", "067"));
    assert_false(codes(c, "Arnor has exchanged prisoners with Gondor and Osgiliath.", "ARN", "GON", "067"));
    /* an object pronoun after a verb with no actor after it stands for
     * the nearest actor before the verb */
    assert_true(codes(c, "Osgiliath said Gondor condemned it.", "OSG", "GON", "111"));
    /* "neither X nor Y" is a compound */
    assert_true(codes(c, "Neither Arnor nor Gondor condemned Osgiliath.", "ARN", "OSG", "111"));
    assert_true(codes(c, "Neither Arnor nor Gondor condemned Osgiliath.", "GON", "OSG", "111"));
    /* '^' before '+' skips an actor */
    assert_true(codes(c, "Arnor celebrated at Gondor with Osgiliath.", "ARN", "OSG", "044"));
    assert_false(codes(c, "Arnor celebrated at Gondor with Osgiliath.", "ARN", "GON", "044"));
    /* the first actor of the clause is the source, not the nearest */
    assert_true(codes(c, "Arnor with Gondor condemned Osgiliath.", "ARN", "OSG", "111"));
    assert_false(codes(c, "Arnor with Gondor condemned Osgiliath.", "GON", "OSG", "111"));
    /* a comma-delimited clause of 2 to 10 words is left out */
    assert_true(codes(c, "Arnor, the fiercest foe of Gondor, condemned Osgiliath.", "ARN", "OSG", "111"));
    assert_false(codes(c, "Arnor, the fiercest foe of Gondor, condemned Osgiliath.", "ARN", "GON", "111"));
    /* ... but not an item of a list of actors */
    assert_true(codes(c, "Arnor, the Osgiliath, and Gondor condemned Axnor.", "OSG", "AR2", "111"));
    /* without '%' a compound source needs a target */
    assert_false(codes(c, "Arnor and Gondor condemned on Tuesday.", "ARN", "GON", "111"));
    foreign_lex_close(f);
}

/* PETRARCH patterns code through the ordinary coder too; '+' and '$'
 * point at the actor at their place. */
static void petrarch_codes(void **state)
{
    (void)state;
    foreign_lex *f = foreign_lex_open("petrarch:" FIX "/petr.actors.txt," FIX "/petr.agents.txt," FIX
                                      "/petr.verbs.txt");
    assert_non_null(f);
    dyad_coder *c = f->c;
    assert_true(codes(c, "Arnor condemned Gondor.", "ARN", "GON", "111"));
    assert_true(codes(c, "Arnor suggested Gondor condemned soon.", "ARN", "GON", "115"));
    assert_true(codes(c, "Arnor cordoned off Gondor.", "ARN", "GON", "1721"));
    assert_true(codes(c, "Rohan condemned Gondor.", "ROH", "GON", "111"));
    foreign_lex_close(f);
}

static void bad_spec(void **state)
{
    (void)state;
    run *r = malloc(sizeof *r);
    assert_non_null(r);
    compile(r, "kedrs:" FIX "/mini.project", NULL);
    assert_int_not_equal(r->rc, DYAD_OK);
    compile(r, "tabari:" FIX "/no-such.project", NULL);
    assert_int_not_equal(r->rc, DYAD_OK);
    dyad_lexicon *lex = (dyad_lexicon *)1;
    char err[256];
    assert_int_not_equal(dyad_lexicon_open_foreign("petrarch:/no/such/dir", "data", &lex, err,
                                                   sizeof err), DYAD_OK);
    assert_null(lex);
    assert_true(err[0] != '\0');
    free(r);
}

/* Regression (issue 17): an agent code [~] left the sector empty and the
 * reader read and wrote sector[-1] (ASan: stack-buffer-underflow). It is
 * now a warning; the file's other entries are kept. */
static void tilde_agent(void **state)
{
    (void)state;
    run *r = malloc(sizeof *r);
    assert_non_null(r);
    compile(r, "petrarch:" FIX "/bad/tilde.agents", NULL);
    assert_int_equal(r->rc, DYAD_OK);
    assert_non_null(strstr(r->msgs, FIX "/bad/tilde.agents:1: warning: agent code [~]"));
    assert_non_null(strstr(r->msgs, FIX "/bad/tilde.agents:2: warning: agent code [~~]"));
    assert_true(r->fx.actors_out > 0);                      /* SOLDIERS [~MIL] */
    free(r);
}

/* Regression (issue 17): `--dict tabari:/bin/ls` gave an empty lexicon.
 * A binary, empty or wrong-format file is an error that names it. */
static void not_a_dictionary(void **state)
{
    (void)state;
    run *r = malloc(sizeof *r);
    assert_non_null(r);
    static const char *const files[] = {"binary.actors", "empty.verbs", "prose.actors"};
    static const char *const why[] = {"binary file", "empty file", "no actor entry"};
    for (size_t i = 0; i < 3; i++) {
        char spec[256], err[512];
        snprintf(spec, sizeof spec, "petrarch:" FIX "/bad/%s", files[i]);
        dyad_lexicon *lex = NULL;
        assert_int_not_equal(dyad_lexicon_open_foreign(spec, "data", &lex, err, sizeof err),
                             DYAD_OK);
        assert_null(lex);
        assert_non_null(strstr(err, files[i]));
        assert_non_null(strstr(err, why[i]));
    }
    free(r);
}

/* The bytes of a file, NULL-terminated in *len bytes; NULL when unreadable. */
static char *file_bytes(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *p = malloc(16u << 20);
    size_t n = p ? fread(p, 1, 16u << 20, f) : 0;
    fclose(f);
    *len = n;
    return p;
}

/* dyadi_foreign_compile_base (the fuzz harnesses' path: the taxonomy and
 * cues read once) equals dyadi_foreign_compile: the same binary, counts and
 * messages (the base's own messages once, at dyadi_dict_base_new), for a
 * TABARI and a PETRARCH spec, a spec that fails and a second use of one
 * base; a lint setting other than the base's is refused. */
static void compile_base(void **state)
{
    (void)state;
    run *r = malloc(sizeof *r), *b = malloc(sizeof *b);
    assert_non_null(r);
    assert_non_null(b);
    char full[64] = "/tmp/dyad-test-base-XXXXXX", part[64] = "/tmp/dyad-test-base-XXXXXX";
    int fd1 = mkstemp(full), fd2 = mkstemp(part);
    assert_true(fd1 >= 0 && fd2 >= 0);
    close(fd1);
    close(fd2);
    FILE *bm = tmpfile();
    assert_non_null(bm);
    dyadi_dict_opts bo = {"data", NULL, 0, bm, 1};
    dyadi_dict_base *base = NULL;
    char err[512];
    assert_int_equal(dyadi_dict_base_new(&bo, &base, err, sizeof err), DYAD_OK);
    assert_non_null(base);
    rewind(bm);
    char basemsgs[4096];
    size_t nb = fread(basemsgs, 1, sizeof basemsgs - 1, bm);
    basemsgs[nb] = '\0';
    fclose(bm);
    static const char *const specs[] = {
        "tabari:" FIX "/mini.project",
        "petrarch:" FIX "/petr.actors.txt," FIX "/petr.agents.txt," FIX "/petr.verbs.txt",
        "petrarch:" FIX "/bad/tilde.agents",
        "petrarch:" FIX "/bad/prose.actors",
        "tabari:" FIX "/mini.project",      /* the base again, after the others */
    };
    for (size_t i = 0; i < sizeof specs / sizeof *specs; i++) {
        compile(r, specs[i], full);
        memset(b, 0, sizeof *b);
        FILE *m = tmpfile();
        assert_non_null(m);
        dyadi_dict_opts o = {"data", part, 0, m, 1};
        char err2[512];
        b->rc = dyadi_foreign_compile_base(specs[i], base, &o, &b->st, &b->fx, err2, sizeof err2);
        rewind(m);
        size_t n = fread(b->msgs, 1, sizeof b->msgs - 1, m);
        b->msgs[n] = '\0';
        fclose(m);
        assert_int_equal(b->rc, r->rc);
        assert_memory_equal(&b->st, &r->st, sizeof b->st);
        assert_memory_equal(&b->fx, &r->fx, sizeof b->fx);
        assert_int_equal(strlen(basemsgs) + strlen(b->msgs), strlen(r->msgs));
        assert_int_equal(strncmp(r->msgs, basemsgs, nb), 0);
        assert_string_equal(r->msgs + nb, b->msgs);
        if (r->rc == DYAD_OK) {
            assert_true(r->st.file_size > 0);
            size_t la, lb;
            char *pa = file_bytes(full, &la), *pb = file_bytes(part, &lb);
            assert_non_null(pa);
            assert_non_null(pb);
            assert_int_equal(la, r->st.file_size);
            assert_int_equal(la, lb);
            assert_memory_equal(pa, pb, la);
            free(pa);
            free(pb);
        }
    }
    dyadi_dict_opts lint = {"data", NULL, 1, NULL, 0};
    assert_int_equal(dyadi_foreign_compile_base(specs[0], base, &lint, &b->st, &b->fx, err,
                                                sizeof err), DYAD_ERR_ARG);
    dyadi_dict_base_free(base);
    dyadi_dict_base_free(NULL);
    unlink(full);
    unlink(part);
    free(r);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tabari_actors),   cmocka_unit_test(tabari_agents),
        cmocka_unit_test(tabari_verbs),    cmocka_unit_test(petrarch_elements),
        cmocka_unit_test(tabari_codes),    cmocka_unit_test(petrarch_codes),
        cmocka_unit_test(bad_spec),        cmocka_unit_test(tilde_agent),
        cmocka_unit_test(not_a_dictionary), cmocka_unit_test(compile_base),
    };
    return cmocka_run_group_tests_name("foreign", tests, NULL, NULL);
}
