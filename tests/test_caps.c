/* test_caps.c - every size cap of the library refuses the document it is
 * reached on with DYAD_ERR_TOOBIG and a message naming the cap, never
 * DYAD_ERR_NOMEM (which the command line treats as fatal), and the coder
 * codes the next document as if nothing had happened (issue 17).
 *
 * The caps are lowered with dyadi_coder_set_caps so that a short document
 * reaches each one; the real values are in coder.c and actors.c. The
 * document is tests/golden/seed.en.txt (26 events, 3 quotes); the lexicon
 * is $BUILD/dyad.lex, built by `make` before the tests run. */
#include "testutil.h"
#include "coder.h"

#include <stdlib.h>
#include <unistd.h>

static dyad_lexicon *lex;
static dyad_reader *rd;
static dyad_doc seed;

static int setup(void **state)
{
    (void)state;
    const char *b = getenv("BUILD");
    char path[256];
    snprintf(path, sizeof path, "%s/dyad.lex", b && *b ? b : "build");
    char err[256];
    if (dyad_lexicon_open(path, &lex, err, sizeof err) != DYAD_OK) {
        fprintf(stderr, "test_caps: %s\n", err);
        return -1;
    }
    rd = dyad_reader_new(NULL);
    if (!rd || dyad_reader_open(rd, "tests/golden/seed.en.txt") != DYAD_OK ||
        dyad_reader_next(rd, &seed) != DYAD_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dyad_reader_free(rd);
    dyad_lexicon_free(lex);
    return 0;
}

/* Code the seed article with one cap lowered: TOOBIG naming the cap; then
 * the same coder, caps restored, codes it whole. */
static void refused(const dyadi_coder_caps *caps, const char *name)
{
    dyad_coder *c = dyad_coder_new(lex);
    assert_non_null(c);
    dyad_coder *ref = dyad_coder_new(lex);
    assert_non_null(ref);
    assert_int_equal(dyad_coder_run(ref, &seed), DYAD_OK);
    size_t want_events;
    dyad_coder_events(ref, &want_events);
    assert_true(want_events > 0);

    dyadi_coder_set_caps(c, caps);
    assert_int_equal(dyad_coder_run(c, &seed), DYAD_ERR_TOOBIG);
    const char *m = dyad_errmsg(c);
    if (!strstr(m, name))
        fail_msg("message '%s' does not name the %s cap", m, name);
    assert_non_null(strstr(m, "not coded"));

    /* caps back to far above the article: it is coded whole */
    dyadi_coder_caps big = {1u << 20, 1u << 20, 1u << 20, 1u << 20, 1u << 20, 1u << 20, 64u << 20};
    dyadi_coder_set_caps(c, &big);
    assert_int_equal(dyad_coder_run(c, &seed), DYAD_OK);
    size_t n;
    dyad_coder_events(c, &n);
    assert_int_equal(n, want_events);
    dyad_coder_free(ref);
    dyad_coder_free(c);
}

static void cap_tokens(void **state)
{
    (void)state;
    refused(&(dyadi_coder_caps){.tokens = 50}, "token");
}

static void cap_sentences(void **state)
{
    (void)state;
    refused(&(dyadi_coder_caps){.sentences = 3}, "sentence");
}

static void cap_mentions(void **state)
{
    (void)state;
    refused(&(dyadi_coder_caps){.mentions = 4}, "mention");
}

/* The 7.7 MB document of one repeated name of issue 17 reached this one. */
static void cap_matches(void **state)
{
    (void)state;
    refused(&(dyadi_coder_caps){.matches = 4}, "actor-match");
}

static void cap_events(void **state)
{
    (void)state;
    refused(&(dyadi_coder_caps){.events = 2}, "event");
}

static void cap_quotes(void **state)
{
    (void)state;
    refused(&(dyadi_coder_caps){.quotes = 1}, "quote");
}

static void cap_arena(void **state)
{
    (void)state;
    refused(&(dyadi_coder_caps){.arena_bytes = 2048}, "memory");
}

/* The document cap is the reader's: a longer record is skipped with its
 * file, line and offset, and the next one is read. */
static void cap_document(void **state)
{
    (void)state;
    char path[] = "/tmp/dyad-test-caps-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fprintf(f, "{\"text\":\"short\"}\n{\"text\":\"");
    for (int i = 0; i < 300; i++)
        fputs("Russia ", f);
    fprintf(f, "\"}\n{\"text\":\"after\"}\n");
    assert_int_equal(fclose(f), 0);
    dyad_reader_options o = {DYAD_INPUT_JSONL, NULL, NULL, 1000};
    dyad_reader *r = dyad_reader_new(&o);
    assert_non_null(r);
    dyad_doc d;
    assert_int_equal(dyad_reader_open(r, path), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_TOOBIG);
    char want[128];
    snprintf(want, sizeof want, "%s:2: byte 17: ", path);
    if (strncmp(dyad_reader_errmsg(r), want, strlen(want)) != 0)
        fail_msg("'%s' does not start with '%s'", dyad_reader_errmsg(r), want);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_int_equal(d.text_len, 5);
    dyad_reader_free(r);
    unlink(path);
}

/* The per-sentence caps of the event coder (events.h: candidates, cues,
 * triggers): one sentence with more than the cap refuses the document,
 * naming the cap; the same coder codes the next document. */
static void sentence_refused(const char *unit, int times, const char *tail, const char *name)
{
    size_t ul = strlen(unit), tl = strlen(tail);
    size_t len = ul * (size_t)times + tl;
    char *t = malloc(len + 1);
    assert_non_null(t);
    for (int i = 0; i < times; i++)
        memcpy(t + ul * (size_t)i, unit, ul);
    memcpy(t + ul * (size_t)times, tail, tl + 1);
    dyad_coder *c = dyad_coder_new(lex);
    assert_non_null(c);
    dyad_doc d = {.id = "big", .lang = "en", .text = t, .text_len = len};
    assert_int_equal(dyad_coder_run(c, &d), DYAD_ERR_TOOBIG);
    const char *m = dyad_errmsg(c);
    if (!strstr(m, name))
        fail_msg("message '%s' does not name the %s cap", m, name);
    const char *ok = "Russia condemned Iran.";
    dyad_doc d2 = {.id = "ok", .lang = "en", .text = ok, .text_len = strlen(ok)};
    assert_int_equal(dyad_coder_run(c, &d2), DYAD_OK);
    size_t n;
    dyad_coder_events(c, &n);
    assert_int_equal(n, 1);
    dyad_coder_free(c);
    free(t);
}

static void cap_sentence_candidates(void **state)
{
    (void)state;
    sentence_refused("Iran, ", 300, "Russia condemned Iran.", "actor candidates per sentence");
}

static void cap_sentence_triggers(void **state)
{
    (void)state;
    sentence_refused("condemned ", 200, "Iran.", "triggers per sentence");
}

static void cap_sentence_cues(void **state)
{
    (void)state;
    sentence_refused("not ", 300, "Russia condemned Iran.", "cue words per sentence");
}

static void cap_document_quotations(void **state)
{
    (void)state;
    sentence_refused("\"Yes.\" ", 2100, "Russia condemned Iran.", "quotations per document");
}

#define T(name, fn) {"caps/" name, fn, NULL, NULL, NULL}

int main(void)
{
    const struct CMUnitTest tests[] = {
        T("tokens", cap_tokens),   T("sentences", cap_sentences), T("mentions", cap_mentions),
        T("matches", cap_matches), T("events", cap_events),       T("quotes", cap_quotes),
        T("arena", cap_arena),     T("document", cap_document),
        T("sentence-candidates", cap_sentence_candidates),
        T("sentence-triggers", cap_sentence_triggers),
        T("sentence-cues", cap_sentence_cues),
        T("document-quotations", cap_document_quotations),
    };
    return cmocka_run_group_tests_name("caps", tests, setup, teardown);
}
