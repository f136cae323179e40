/* test_store.c - unit tests of the event store (src/store.c): schema
 * creation and versioning, idempotent adds, de-duplication across
 * articles, re-coding, batches that are rolled back, iteration. Events are
 * built by hand and stored through dyadi_store_put, so the tests do not
 * depend on what the coder finds today. */
#include "testutil.h"
#include "repeats.h"
#include "store.h"
#include "storepack.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include <sqlite3.h>

static char dir[64];
static char path[128];

static int setup(void **state)
{
    snprintf(dir, sizeof dir, "/tmp/dyad-store-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    return 0;
}

static int teardown(void **state)
{
    char p[160];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
    rmdir(dir);
    return 0;
}

static long long scalar(dyad_store *s, const char *q)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    assert_int_equal(sqlite3_prepare_v2(dyad_store_sqlite(s), q, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static dyad_doc mkdoc(const char *id, const char *source, const char *text)
{
    dyad_doc d;
    memset(&d, 0, sizeof d);
    d.id = id;
    d.date = "2022-08-15";
    d.lang = "fr";
    d.source = source;
    d.url = "http://example.org/a";
    d.text = text;
    d.text_len = strlen(text);
    return d;
}

/* "La Russie a soutenu la Chine." with spans for source, trigger, target. */
static dyad_event mkevent(uint8_t polarity)
{
    dyad_event e;
    memset(&e, 0, sizeof e);
    e.sent = 0;
    e.code = "051";
    e.root = "05";
    e.quad = 1;
    e.goldstein = 3.4;
    e.plover = "SUPPORT";
    e.source = (dyad_event_actor){"RUS", "RUS", "La Russie", {0, 9}, "lexicon"};
    e.target = (dyad_event_actor){"CHN", "CHN", "la Chine", {20, 28}, "lexicon"};
    e.polarity = polarity;
    e.modality = DYAD_ACTUAL;
    e.lat = NAN;
    e.lon = NAN;
    e.event_date = "2022-08-15";
    e.trigger_text = "a soutenu";
    e.trigger = (dyad_span){10, 19};
    e.rule = "test:soutenir";
    e.mentions = 1;
    return e;
}

static dyad_status put(dyad_store *s, const dyad_doc *d, const dyad_event *ev, size_t n,
                       int replace)
{
    dyad_sentence sent = {{0, (uint32_t)d->text_len}, 0, 0};
    dyadi_store_results r = {"fr", &sent, 1, NULL, 0, ev, n, NULL, 0};
    return dyadi_store_put(s, d, &r, replace);
}

static void store_open_create(void **state)
{
    dyad_store *s = NULL;
    char err[256];
    assert_int_equal(dyad_store_open(path, &s, err, sizeof err), DYAD_OK);
    assert_non_null(s);
    assert_int_equal(scalar(s, "PRAGMA user_version"), DYADI_STORE_SCHEMA);
    /* version 3: events a table, the others views of the store_* tables */
    assert_int_equal(scalar(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
                               " ('events','store_documents','store_mentions','store_sightings',"
                               " 'store_quotes','store_strings','store_actor_forms')"),
                     7);
    assert_int_equal(scalar(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name IN"
                               " ('documents','mentions_actor','event_mentions','quotes')"),
                     4);
    dyad_store_free(s);
    /* Opening again keeps the schema and its data. */
    assert_int_equal(dyad_store_open(path, &s, err, sizeof err), DYAD_OK);
    assert_int_equal(scalar(s, "PRAGMA user_version"), DYADI_STORE_SCHEMA);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(dyad_store_sqlite(s), "PRAGMA journal_mode", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    dyad_store_free(s);
    dyad_store_free(NULL);
}

static void store_version_refused(void **state)
{
    dyad_store *s = NULL;
    char err[256];
    assert_int_equal(dyad_store_open(path, &s, err, sizeof err), DYAD_OK);
    dyad_store_free(s);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    s = (dyad_store *)1;
    assert_int_equal(dyad_store_open(path, &s, err, sizeof err), DYAD_ERR_VERSION);
    assert_null(s);
    assert_non_null(strstr(err, "999"));
    assert_non_null(strstr(err, "newer"));
    assert_int_equal(dyad_store_open_readonly(path, &s, err, sizeof err), DYAD_ERR_VERSION);
}

static void store_not_a_store(void **state)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    dyad_store *s = NULL;
    char err[256];
    assert_int_equal(dyad_store_open(path, &s, err, sizeof err), DYAD_ERR_FORMAT);
    assert_null(s);
    assert_non_null(strstr(err, "not a dyad store"));
}

static void store_idempotent(void **state)
{
    dyad_store *s = NULL;
    assert_int_equal(dyad_store_open(path, &s, NULL, 0), DYAD_OK);
    const char *text = "La Russie a soutenu la Chine.";
    dyad_doc d = mkdoc("a1", "tass", text);
    dyad_event e = mkevent(DYAD_ASSERTED);
    assert_int_equal(put(s, &d, &e, 1, 0), DYAD_OK);
    assert_int_equal(put(s, &d, &e, 1, 0), DYAD_DONE);
    /* Same text under another id: the content hash catches it. */
    dyad_doc d2 = mkdoc("other-id", "tass", text);
    assert_int_equal(put(s, &d2, &e, 1, 0), DYAD_DONE);
    /* Same id, other text: the id catches it. */
    dyad_doc d3 = mkdoc("a1", "tass", "Autre texte.");
    assert_int_equal(put(s, &d3, NULL, 0, 0), DYAD_DONE);
    assert_int_equal(scalar(s, "SELECT count(*) FROM documents"), 1);
    assert_int_equal(scalar(s, "SELECT count(*) FROM events"), 1);
    assert_int_equal(scalar(s, "SELECT count(*) FROM event_mentions"), 1);
    assert_int_equal(scalar(s, "SELECT num_mentions FROM events"), 1);
    char hash[DYAD_CONTENT_HASH_LEN];
    dyad_content_hash(text, strlen(text), hash);
    assert_int_equal(strlen(hash), 32);
    int found = 0;
    assert_int_equal(dyad_store_has_doc(s, NULL, hash, &found), DYAD_OK);
    assert_int_equal(found, 1);
    assert_int_equal(dyad_store_has_doc(s, "nope", NULL, &found), DYAD_OK);
    assert_int_equal(found, 0);
    dyad_store_free(s);
}

static void store_dedup_across_articles(void **state)
{
    dyad_store *s = NULL;
    assert_int_equal(dyad_store_open(path, &s, NULL, 0), DYAD_OK);
    dyad_doc a = mkdoc("a", "tass", "La Russie a soutenu la Chine. (TASS)");
    dyad_doc b = mkdoc("b", "xinhua", "La Russie a soutenu la Chine. (Xinhua)");
    dyad_doc c = mkdoc("c", "tass", "La Russie a soutenu la Chine. (TASS, bis)");
    dyad_event e = mkevent(DYAD_ASSERTED);
    assert_int_equal(dyad_store_begin(s), DYAD_OK);
    assert_int_equal(put(s, &a, &e, 1, 0), DYAD_OK);
    assert_int_equal(put(s, &b, &e, 1, 0), DYAD_OK);
    assert_int_equal(dyad_store_commit(s), DYAD_OK);
    assert_int_equal(scalar(s, "SELECT count(*) FROM events"), 1);
    assert_int_equal(scalar(s, "SELECT num_mentions FROM events"), 2);
    assert_int_equal(scalar(s, "SELECT num_articles FROM events"), 2);
    assert_int_equal(scalar(s, "SELECT num_sources FROM events"), 2);
    /* A third article from a source already counted. */
    e.mentions = 2;   /* the coder merged two repeats in this document */
    assert_int_equal(put(s, &c, &e, 1, 0), DYAD_OK);
    assert_int_equal(scalar(s, "SELECT num_mentions FROM events"), 4);
    assert_int_equal(scalar(s, "SELECT num_articles FROM events"), 3);
    assert_int_equal(scalar(s, "SELECT num_sources FROM events"), 2);
    assert_int_equal(scalar(s, "SELECT count(*) FROM event_mentions"), 3);
    /* A negated report of the same action is another event. */
    dyad_doc d = mkdoc("d", "afp", "La Russie n'a pas soutenu la Chine.");
    dyad_event n = mkevent(DYAD_NEGATED);
    assert_int_equal(put(s, &d, &n, 1, 0), DYAD_OK);
    assert_int_equal(scalar(s, "SELECT count(*) FROM events"), 2);
    /* So is a refusal, stored by its name. */
    dyad_doc rd = mkdoc("r", "afp", "La Russie a refusé de soutenir la Chine.");
    dyad_event rf = mkevent(DYAD_REFUSED);
    assert_int_equal(put(s, &rd, &rf, 1, 0), DYAD_OK);
    assert_int_equal(scalar(s, "SELECT count(*) FROM events WHERE polarity = 'refused'"), 1);
    assert_int_equal(scalar(s, "SELECT count(*) FROM events"), 3);
    /* Another date is another event: the window is the exact date string. */
    dyad_doc f = mkdoc("f", "afp", "Le lendemain, la Russie a soutenu la Chine.");
    dyad_event later = mkevent(DYAD_ASSERTED);
    later.event_date = "2022-08-16";
    assert_int_equal(put(s, &f, &later, 1, 0), DYAD_OK);
    assert_int_equal(scalar(s, "SELECT count(*) FROM events"), 4);
    /* Evidence is kept per sighting. */
    assert_int_equal(scalar(s, "SELECT count(*) FROM event_mentions WHERE trigger_text = 'a soutenu'"
                               " AND source_start = 0 AND target_end = 28 AND rule = 'test:soutenir'"
                               " AND sentence LIKE 'La Russie%'"),
                     5);   /* a, b, c, the negated d and the refused r; f starts "Le lendemain" */
    /* No target: '' in the key, NULL spans in the sighting. */
    dyad_doc g = mkdoc("g", "afp", "La Russie a soutenu.");
    dyad_event nt = mkevent(DYAD_ASSERTED);
    nt.target = (dyad_event_actor){NULL, NULL, NULL, {0, 0}, NULL};
    assert_int_equal(put(s, &g, &nt, 1, 0), DYAD_OK);
    assert_int_equal(put(s, &(dyad_doc){.id = "h", .source = "x", .text = "h", .text_len = 1},
                         &nt, 1, 0),
                     DYAD_OK);
    assert_int_equal(scalar(s, "SELECT num_articles FROM events WHERE target = ''"), 2);
    assert_int_equal(scalar(s, "SELECT count(*) FROM event_mentions WHERE target_start IS NULL"), 2);
    dyad_store_free(s);
}

static void store_replace(void **state)
{
    dyad_store *s = NULL;
    assert_int_equal(dyad_store_open(path, &s, NULL, 0), DYAD_OK);
    dyad_doc a = mkdoc("a", "tass", "La Russie a soutenu la Chine. 1");
    dyad_doc b = mkdoc("b", "xinhua", "La Russie a soutenu la Chine. 2");
    dyad_event e = mkevent(DYAD_ASSERTED);
    assert_int_equal(put(s, &a, &e, 1, 0), DYAD_OK);
    assert_int_equal(put(s, &b, &e, 1, 0), DYAD_OK);
    /* Re-coding a finds nothing now: the shared event loses a sighting. */
    assert_int_equal(put(s, &a, NULL, 0, 1), DYAD_OK);
    assert_int_equal(scalar(s, "SELECT num_articles FROM events"), 1);
    assert_int_equal(scalar(s, "SELECT num_sources FROM events"), 1);
    assert_int_equal(scalar(s, "SELECT n_events FROM documents WHERE id = 'a'"), 0);
    /* ... and b too: the event has no sighting left and goes. */
    assert_int_equal(put(s, &b, NULL, 0, 1), DYAD_OK);
    assert_int_equal(scalar(s, "SELECT count(*) FROM events"), 0);
    assert_int_equal(scalar(s, "SELECT count(*) FROM documents"), 2);
    /* Re-coding brings it back. */
    assert_int_equal(put(s, &a, &e, 1, 1), DYAD_OK);
    assert_int_equal(scalar(s, "SELECT num_articles FROM events"), 1);
    dyad_store_free(s);
}

static void store_uncommitted_batch_is_lost_whole(void **state)
{
    dyad_store *s = NULL;
    assert_int_equal(dyad_store_open(path, &s, NULL, 0), DYAD_OK);
    dyad_doc a = mkdoc("a", "tass", "La Russie a soutenu la Chine. 1");
    dyad_doc b = mkdoc("b", "tass", "La Russie a soutenu la Chine. 2");
    dyad_event e = mkevent(DYAD_ASSERTED);
    assert_int_equal(put(s, &a, &e, 1, 0), DYAD_OK);
    assert_int_equal(dyad_store_begin(s), DYAD_OK);
    assert_int_equal(dyad_store_begin(s), DYAD_ERR_ARG);
    assert_int_equal(put(s, &b, &e, 1, 0), DYAD_OK);
    dyad_store_free(s);   /* no commit: b is rolled back, a stays */
    assert_int_equal(dyad_store_open(path, &s, NULL, 0), DYAD_OK);
    assert_int_equal(scalar(s, "SELECT count(*) FROM documents"), 1);
    assert_int_equal(scalar(s, "SELECT num_articles FROM events"), 1);
    assert_int_equal(dyad_store_commit(s), DYAD_ERR_ARG);
    dyad_store_free(s);
}

static void store_next_doc_and_coder(void **state)
{
    dyad_store *s = NULL;
    assert_int_equal(dyad_store_open(path, &s, NULL, 0), DYAD_OK);
    dyad_coder *c = dyad_coder_new(NULL);
    assert_non_null(c);
    const char *texts[] = {"Premier article.", "Second article, plus long."};
    for (int i = 0; i < 2; i++) {
        char id[16];
        snprintf(id, sizeof id, "d%d", i);
        dyad_doc d = mkdoc(id, NULL, texts[i]);
        assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
        assert_int_equal(dyad_store_add_doc(s, &d, c), DYAD_OK);
        assert_int_equal(dyad_store_add_doc(s, &d, c), DYAD_DONE);
    }
    int64_t pos = 0;
    dyad_doc d;
    int n = 0;
    while (dyad_store_next_doc(s, &pos, &d) == DYAD_OK) {
        assert_int_equal(d.text_len, strlen(texts[n]));
        assert_memory_equal(d.text, texts[n], d.text_len);
        assert_string_equal(d.date, "2022-08-15");
        assert_null(d.source);
        assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
        assert_int_equal(dyad_store_replace_doc(s, &d, c), DYAD_OK);
        n++;
    }
    assert_int_equal(n, 2);
    assert_int_equal(dyad_store_next_doc(s, &pos, &d), DYAD_DONE);
    assert_int_equal(dyad_store_add_doc(s, &d, NULL), DYAD_ERR_ARG);
    dyad_coder_free(c);
    dyad_store_free(s);
}

/* A document with a header (dyad_doc.body): the store keeps the text
 * whole, so stored spans slice the input, and its body offset, so that
 * re-coding codes the article alone; documents are keyed on the article's
 * hash, so the same article under another header is already stored. */
static void store_body_offset(void **state)
{
    dyad_store *s = NULL;
    assert_int_equal(dyad_store_open(path, &s, NULL, 0), DYAD_OK);
    const char *whole = "date 2022-08\nLa Russie a soutenu la Chine.";
    dyad_doc d = mkdoc("b1", NULL, whole);
    d.body = 13;
    dyad_event e = mkevent(DYAD_ASSERTED);
    e.source.span = (dyad_span){13, 22};
    e.target.span = (dyad_span){33, 41};
    e.trigger = (dyad_span){23, 32};
    assert_int_equal(put(s, &d, &e, 1, 0), DYAD_OK);
    assert_int_equal(scalar(s, "SELECT body_start FROM documents WHERE id = 'b1'"), 13);
    assert_int_equal(scalar(s, "SELECT count(*) FROM documents WHERE text = 'date 2022-08\n"
                               "La Russie a soutenu la Chine.'"), 1);
    assert_int_equal(scalar(s, "SELECT count(*) FROM event_mentions m JOIN documents d ON"
                               " d.id = m.doc_id WHERE substr(d.text, m.source_start + 1,"
                               " m.source_end - m.source_start) = m.source_text"), 1);
    dyad_doc other = mkdoc("b2", NULL, "date 2021-01\nLa Russie a soutenu la Chine.");
    other.body = 13;
    assert_int_equal(put(s, &other, &e, 1, 0), DYAD_DONE);
    dyad_doc bad = mkdoc("b3", NULL, "x");
    bad.body = 2;
    assert_int_equal(put(s, &bad, &e, 1, 0), DYAD_ERR_ARG);
    int64_t pos = 0;
    dyad_doc back;
    assert_int_equal(dyad_store_next_doc(s, &pos, &back), DYAD_OK);
    assert_int_equal(back.text_len, strlen(whole));
    assert_memory_equal(back.text, whole, back.text_len);
    assert_int_equal(back.body, 13);
    dyad_store_free(s);
}

/* An empty store of schema version v, built with the migrations of the
 * versions before it. */
static void make_old_store(int v)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    /* the step 2 -> 3 hashes sentences and deflates text with these */
    assert_int_equal(dyadi_pack_register(db), SQLITE_OK);
    assert_int_equal(dyadi_repeats_register(db), SQLITE_OK);
    for (int k = 0; k < v; k++)
        assert_int_equal(sqlite3_exec(db, dyadi_store_migration(k), NULL, NULL, NULL), SQLITE_OK);
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
    assert_int_equal(sqlite3_exec(db, pragma, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void exec_sql(const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* A store of version v holding what sql inserts: read-only opening asks
 * for the migration, a writer's opening migrates it. */
static dyad_store *open_migrated(int v, const char *sql)
{
    make_old_store(v);
    exec_sql(sql);
    dyad_store *s = NULL;
    char err[256];
    assert_int_equal(dyad_store_open_readonly(path, &s, err, sizeof err), DYAD_ERR_VERSION);
    assert_int_equal(dyad_store_open(path, &s, err, sizeof err), DYAD_OK);
    assert_int_equal(scalar(s, "PRAGMA user_version"), DYADI_STORE_SCHEMA);
    return s;
}

/* A version 1 store (article text only, no body_start) is migrated: its
 * rows get body_start 0, which is right for the text they hold. */
static void store_migrate_v1(void **state)
{
    dyad_store *s = open_migrated(
        1, "INSERT INTO documents(id, date, lang, content_hash, text, coded_at, coded_with)"
           " VALUES('old', '2022-08-15', 'fr', '0123456789abcdef0123456789abcdef',"
           " 'La Russie a soutenu la Chine.', '2022-08-15T00:00:00Z', 'test')");
    assert_int_equal(scalar(s, "SELECT body_start FROM documents WHERE id = 'old'"), 0);
    int64_t pos = 0;
    dyad_doc back;
    assert_int_equal(dyad_store_next_doc(s, &pos, &back), DYAD_OK);
    assert_int_equal(back.body, 0);
    assert_string_equal(back.text, "La Russie a soutenu la Chine.");
    dyad_store_free(s);
}

/* Issue 18: a version 2 store (every text kept whole in every table) moves
 * to the compact version 3, and its views give back every row unchanged:
 * the text (deflated now), mentions (forms shared), sightings (sentence
 * cut from the text), quotes, and the hash. Written again afterwards, the
 * same content is still recognised as stored. */
static void store_migrate_v2(void **state)
{
    static const char text[] =
        "La Russie a soutenu la Chine. La Russie a soutenu la Chine encore, a dit Poutine. "
        "La Russie a soutenu la Chine. La Russie a soutenu la Chine encore, a dit Poutine.";
    char hash[DYAD_CONTENT_HASH_LEN];
    dyad_content_hash(text, strlen(text), hash);
    make_old_store(2);
    char sql[4096];
    snprintf(sql, sizeof sql,
             "INSERT INTO documents(id, date, lang, title, url, source, content_hash, text,"
             " coded_at, coded_with, n_events, body_start) VALUES('v2', '2022-08-15', 'fr',"
             " 'Titre', 'http://example.org/v2', 'afp', '%s', '%s', '2022-08-15T00:00:00Z',"
             " 'test', 1, 0);"
             "INSERT INTO mentions_actor VALUES('v2', 0, 3, 9, 'actor', 'Russie', 'RUS', 'RUS',"
             " 'russie', 'lexicon', NULL, NULL), ('v2', 1, 33, 39, 'actor', 'Russie', 'RUS',"
             " 'RUS', 'russie', 'lexicon', NULL, NULL), ('v2', 0, 23, 28, 'place', 'Chine',"
             " 'CHN', 'CHN', 'chine', 'lexicon', 35.0, 103.0);"
             "INSERT INTO events(id, event_date, source, target, code, location, polarity,"
             " modality, num_mentions, num_sources, num_articles, first_seen) VALUES(7,"
             " '2022-08-15', 'RUS', 'CHN', '042', '', 'asserted', 'actual', 1, 1, 1, 'x');"
             "INSERT INTO event_mentions VALUES(5, 7, 'v2', 'afp', 0,"
             " 'La Russie a soutenu la Chine.', 0, 'a soutenu', 10, 19, 'La Russie', 0, 9,"
             " 'la Chine', 20, 28, NULL, NULL, 'fr:rule', 'asserted', 'actual', 1);"
             "INSERT INTO quotes VALUES(3, 'v2', 1, 'RUSGOV', 'Poutine', 30, 64,"
             " substr('%s', 31, 34));",
             hash, text, text);
    exec_sql(sql);
    static const char *const checks[] = {
        "SELECT id || date || lang || title || url || source || content_hash || text ||"
        " coded_at || coded_with || n_events || body_start FROM documents",
        "SELECT group_concat(doc_id || sent || span_start || span_end || kind || text || code ||"
        " country || entry || resolved_by || coalesce(lat, '-') || coalesce(lon, '-'), ';')"
        " FROM mentions_actor",
        "SELECT group_concat(id || event_id || doc_id || doc_source || sent || sentence ||"
        " sentence_start || trigger_text || trigger_start || trigger_end || source_text ||"
        " source_start || source_end || target_text || target_start || target_end ||"
        " coalesce(attribution_text, '-') || coalesce(attribution_code, '-') || rule ||"
        " polarity || modality || doc_mentions, ';') FROM event_mentions",
        "SELECT group_concat(id || doc_id || sent || speaker_code || speaker_text ||"
        " quote_start || quote_end || text, ';') FROM quotes",
    };
    enum { NCHECK = sizeof checks / sizeof checks[0] };
    char *before[NCHECK];
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    for (int i = 0; i < NCHECK; i++) {
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(db, checks[i], -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        before[i] = strdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);

    dyad_store *s = NULL;
    char err[256];
    /* read-only commands ask for the migration, and change nothing */
    assert_int_equal(dyad_store_open_readonly(path, &s, err, sizeof err), DYAD_ERR_VERSION);
    assert_non_null(strstr(err, "dyad ingest"));
    assert_int_equal(dyad_store_open(path, &s, err, sizeof err), DYAD_OK);
    assert_int_equal(scalar(s, "PRAGMA user_version"), DYADI_STORE_SCHEMA);
    assert_int_equal(scalar(s, "SELECT count(*) FROM store_actor_forms"), 2);
    assert_int_equal(scalar(s, "SELECT length(text_z) < text_len FROM store_documents"), 1);
    assert_int_equal(scalar(s, "SELECT sentence_key IS NOT NULL FROM store_sightings"), 1);
    for (int i = 0; i < NCHECK; i++) {
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(dyad_store_sqlite(s), checks[i], -1, &st, NULL),
                         SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), before[i]);
        sqlite3_finalize(st);
        free(before[i]);
    }
    /* the same article under another id is still a duplicate */
    dyad_doc d = mkdoc("again", "afp", text);
    dyad_event e = mkevent(DYAD_ASSERTED);
    assert_int_equal(put(s, &d, &e, 1, 0), DYAD_DONE);
    dyad_store_free(s);
}

/* Issue 18: a version 3 store moves to version 4, whose target index also
 * holds the source and the date (a dyad query read every row of the
 * target's events); its events stay, and read-only commands ask first. */
static void store_migrate_v3(void **state)
{
    dyad_store *s = open_migrated(
        3, "INSERT INTO events(id, event_date, source, target, code, location, polarity,"
           " modality, num_mentions, num_sources, num_articles, first_seen) VALUES(7,"
           " '2022-08-15', 'RUSGOV', 'UKRMIL', '190', '', 'asserted', 'actual', 1, 1, 1, 'x')");
    assert_int_equal(scalar(s, "SELECT count(*) FROM sqlite_schema WHERE name = 'events_target'"),
                     0);
    assert_int_equal(scalar(s, "SELECT group_concat(name, ',') = 'target,source,event_date'"
                               " FROM pragma_index_info('events_target_source')"), 1);
    assert_int_equal(scalar(s, "SELECT id FROM events WHERE source GLOB 'RUS*'"
                               " AND target GLOB 'UKR*'"), 7);
    dyad_store_free(s);
}

/* Sightings written before the 62-bit sentence hash hold the 31-bit one,
 * or NULL when written by hand: a repeat of their sentence is still found
 * by inflating and comparing it, and a 31-bit hash that differs still rules
 * the sentence out without inflating it. */
static void store_repeat_old_sentence_keys(void **state)
{
    static const char *const a_text = "La Russie a soutenu la Chine. Rien d'autre.";
    static const char *const b_text = "La Russie a soutenu la Chine. Puis autre chose.";
    const size_t slen = strlen("La Russie a soutenu la Chine.");
    const int64_t h31 = dyadi_sentence_hash(a_text, slen);
    const char *const keys[] = {"%lld", "NULL", "%lld"};
    const int64_t vals[] = {h31, 0, h31 ^ 1};
    const int repeat[] = {1, 1, 0};
    for (int v = 0; v < 3; v++) {
        teardown(state);
        assert_int_equal(setup(state), 0);
        dyad_store *s = NULL;
        char err[256], sql[160], set[64];
        assert_int_equal(dyad_store_open(path, &s, err, sizeof err), DYAD_OK);
        dyad_doc a = mkdoc("a", "afp", a_text), b = mkdoc("b", "afp", b_text);
        dyad_event e = mkevent(DYAD_ASSERTED);
        dyad_sentence sent = {{0, (uint32_t)slen}, 0, 0};
        dyadi_store_results r = {"fr", &sent, 1, NULL, 0, &e, 1, NULL, 0};
        assert_int_equal(dyadi_store_put(s, &a, &r, 0), DYAD_OK);
        assert_true(scalar(s, "SELECT min(sentence_key) FROM store_sightings") > (1LL << 62));
        snprintf(set, sizeof set, keys[v], (long long)vals[v]);
        snprintf(sql, sizeof sql, "UPDATE store_sightings SET sentence_key = %s", set);
        assert_int_equal(sqlite3_exec(dyad_store_sqlite(s), sql, NULL, NULL, NULL), SQLITE_OK);
        assert_int_equal(dyadi_store_put(s, &b, &r, 0), DYAD_OK);
        assert_int_equal(scalar(s, "SELECT count(*) FROM event_mentions WHERE doc_id = 'b'"
                                   " AND rule LIKE 'repeat:%'"),
                         repeat[v]);
        dyad_store_free(s);
    }
}

/* Issue 18: a version 4 store moves to version 5, whose code index also
 * holds QuadClass and Goldstein (`dyad relations` takes them per code from
 * it instead of reading every event's row); its events stay. */
static void store_migrate_v4(void **state)
{
    dyad_store *s = open_migrated(
        4, "INSERT INTO events(id, event_date, source, target, code, quad, goldstein, location,"
           " polarity, modality, num_mentions, num_sources, num_articles, first_seen) VALUES(7,"
           " '2022-08-15', 'RUSGOV', 'UKRMIL', '190', 4, -10.0, '', 'asserted', 'actual', 1, 1,"
           " 1, 'x')");
    assert_int_equal(scalar(s, "SELECT group_concat(name, ',') = 'code,quad,goldstein'"
                               " FROM pragma_index_info('events_code')"), 1);
    assert_int_equal(scalar(s, "SELECT id FROM events INDEXED BY events_code WHERE code = '190'"
                               " AND quad = 4 AND goldstein = -10"), 7);
    dyad_store_free(s);
}

static void store_readonly_missing(void **state)
{
    dyad_store *s = NULL;
    char err[256];
    assert_int_not_equal(dyad_store_open_readonly(path, &s, err, sizeof err), DYAD_OK);
    assert_null(s);
    assert_int_equal(access(path, F_OK), -1);   /* nothing was created */
}

/* Issue 17: a batch is coded into memory with no transaction open, so
 * another writer is never kept waiting while it is built; written, it
 * counts what the commit stored (a duplicate is "present"). */
static void store_batch_no_lock_while_coding(void **state)
{
    dyad_store *s = NULL, *other = NULL;
    assert_int_equal(dyad_store_open(path, &s, NULL, 0), DYAD_OK);
    assert_int_equal(dyad_store_open(path, &other, NULL, 0), DYAD_OK);
    dyad_store_batch *b = dyad_store_batch_new();
    assert_non_null(b);
    dyad_coder *c = dyad_coder_new(NULL);
    assert_non_null(c);
    const char *texts[] = {"Premier article.", "Second article.", "Premier article."};
    for (int i = 0; i < 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "b%d", i);
        dyad_doc d = mkdoc(id, "src", texts[i]);
        assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
        assert_int_equal(dyad_store_batch_add(b, &d, c, 0), DYAD_OK);
    }
    assert_int_equal(dyad_store_batch_docs(b), 3);
    assert_true(dyad_store_batch_bytes(b) > 0);
    /* the other writer takes the write lock at once: the batch holds none */
    sqlite3_busy_timeout(dyad_store_sqlite(other), 0);
    assert_int_equal(dyad_store_begin(other), DYAD_OK);
    dyad_doc d = mkdoc("o1", "src", "Un autre article.");
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    assert_int_equal(dyad_store_add_doc(other, &d, c), DYAD_OK);
    /* while it holds the lock, writing the batch fails whole: zero counts */
    sqlite3_busy_timeout(dyad_store_sqlite(s), 0);
    dyad_store_counts n = {9, 9, 9, 9};
    assert_int_not_equal(dyad_store_batch_write(s, b, &n), DYAD_OK);
    assert_int_equal(n.added + n.present + n.replaced + n.events, 0);
    assert_int_equal(dyad_store_batch_docs(b), 0);
    assert_int_equal(dyad_store_commit(other), DYAD_OK);
    /* coded again and written: two added, the repeated text is present */
    for (int i = 0; i < 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "b%d", i);
        dyad_doc e = mkdoc(id, "src", texts[i]);
        assert_int_equal(dyad_coder_run(c, &e), DYAD_OK);
        assert_int_equal(dyad_store_batch_add(b, &e, c, 0), DYAD_OK);
    }
    assert_int_equal(dyad_store_batch_write(s, b, &n), DYAD_OK);
    assert_int_equal(n.added, 2);
    assert_int_equal(n.present, 1);
    assert_int_equal(scalar(s, "SELECT count(*) FROM documents"), 3);
    dyad_coder_free(c);
    dyad_store_batch_free(b);
    dyad_store_free(other);
    dyad_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(store_open_create, setup, teardown),
        cmocka_unit_test_setup_teardown(store_version_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(store_not_a_store, setup, teardown),
        cmocka_unit_test_setup_teardown(store_idempotent, setup, teardown),
        cmocka_unit_test_setup_teardown(store_dedup_across_articles, setup, teardown),
        cmocka_unit_test_setup_teardown(store_replace, setup, teardown),
        cmocka_unit_test_setup_teardown(store_uncommitted_batch_is_lost_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(store_next_doc_and_coder, setup, teardown),
        cmocka_unit_test_setup_teardown(store_body_offset, setup, teardown),
        cmocka_unit_test_setup_teardown(store_migrate_v1, setup, teardown),
        cmocka_unit_test_setup_teardown(store_migrate_v2, setup, teardown),
        cmocka_unit_test_setup_teardown(store_migrate_v3, setup, teardown),
        cmocka_unit_test_setup_teardown(store_migrate_v4, setup, teardown),
        cmocka_unit_test_setup_teardown(store_repeat_old_sentence_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(store_readonly_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(store_batch_no_lock_while_coding, setup, teardown),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
