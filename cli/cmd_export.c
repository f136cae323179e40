/* cmd_export.c - `dyad export`: the store's events in other projects'
 * layouts, so that tools written for GDELT or Phoenix read dyad's output:
 *  - gdelt: GDELT 2.0's 61-column event table (tab-separated, no header)
 *    and, with --mentions FILE, its 16-column mentions table;
 *  - phoenix: the Phoenix dataset's columns (tab-separated, with header);
 *  - csv, jsonl: every column of `events` (and of `event_mentions` with
 *    --mentions);
 *  - plover: PLOVER JSON Lines (export_plover.c).
 * docs/store.md maps every column. A field dyad does not know (tone, actor
 * religion, FIPS geography ...) is left empty, never guessed: a consumer
 * can tell "unknown" from a value. */
#include "exports.h"

#include <errno.h>
#include <string.h>

static const cli_opt opts[] = {
    CLI_DB_OPTION,
    {"format", 0, "FORMAT", "gdelt, phoenix, plover, csv or jsonl"},
    {"mentions", 0, "FILE", "also write the mentions table to FILE (gdelt, csv, jsonl)"},
    {"header", 0, NULL, "gdelt: start with a line of column names (GDELT files have none)"},
    {"lexicon", 0, "FILE", "gdelt, plover: lexicon for place types and PLOVER mode/context"},
};
#define NOPTS (sizeof opts / sizeof opts[0])

enum { X_GDELT, X_PHOENIX, X_CSV, X_JSONL, X_PLOVER };

/* GDELT 2.0 event table columns, in order; the writer below follows it and
 * a test checks the count. */
static const char *const gdelt_columns[] = {
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code",
    "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code",
    "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
};
#define GDELT_NCOLS (sizeof gdelt_columns / sizeof gdelt_columns[0])
_Static_assert(sizeof gdelt_columns / sizeof gdelt_columns[0] == 61, "GDELT 2.0 has 61 columns");

static const char *const phoenix_columns[] = {
    "EventID", "Date", "Year", "Month", "Day",
    "SourceActorFull", "SourceActorEntity", "SourceActorRole", "SourceActorAttribute",
    "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
    "EventCode", "EventRootCode", "PentaClass", "GoldsteinScore", "Issues",
    "Lat", "Lon", "LocationName", "StateName", "CountryCode", "SentenceID", "URLs",
    "NewsSources",
};
#define PHOENIX_NCOLS (sizeof phoenix_columns / sizeof phoenix_columns[0])

/* The first sighting (lowest event_mentions.id) supplies an event's name
 * texts and URL: the article that reported it first. */
static const char events_sql[] =
    "SELECT e.id, e.event_date, e.source, e.source_country, e.target, e.target_country,"
    " e.code, e.root, e.quad, e.goldstein, e.num_mentions, e.num_sources, e.num_articles,"
    " e.location, e.location_country, e.lat, e.lon, e.first_seen,"
    " m.source_text, m.target_text, d.url, m.doc_id, m.sent,"
    /* the lexicon entry of the named place: in the first sighting's
     * sentence, else any place form of that name and country (the forms'
     * table, indexed by text: through the mentions view this scanned every
     * mention for each event) */
    " CASE WHEN e.location <> '' THEN coalesce("
    "  (SELECT ma.entry FROM mentions_actor ma WHERE ma.doc_id = m.doc_id AND ma.sent = m.sent"
    "   AND ma.kind = 'place' AND ma.text = e.location LIMIT 1),"
    "  (SELECT f.entry FROM store_actor_forms f WHERE f.text = e.location AND f.kind = 'place'"
    "   AND f.country IS e.location_country LIMIT 1)) END,"
    " (SELECT group_concat(u, ';') FROM (SELECT DISTINCT dd.url AS u FROM event_mentions mm"
    "   JOIN documents dd ON dd.id = mm.doc_id WHERE mm.event_id = e.id AND dd.url IS NOT NULL)),"
    " (SELECT group_concat(s, ';') FROM (SELECT DISTINCT dd.source AS s FROM event_mentions mm"
    "   JOIN documents dd ON dd.id = mm.doc_id WHERE mm.event_id = e.id"
    "   AND dd.source IS NOT NULL))"
    SQL_FROM_EVENTS_FIRST_SIGHTING;
enum {
    C_ID, C_DATE, C_SRC, C_SRC_CTRY, C_TGT, C_TGT_CTRY, C_CODE, C_ROOT, C_QUAD, C_GOLD,
    C_NMENT, C_NSRC, C_NART, C_LOC, C_LOC_CTRY, C_LAT, C_LON, C_FIRST, C_SRC_TEXT, C_TGT_TEXT,
    C_URL, C_DOC, C_SENT, C_PLACE, C_URLS, C_SOURCES
};

static const char gdelt_mentions_sql[] =
    "SELECT m.event_id, e.first_seen, d.coded_at, d.source, coalesce(d.url, d.id), m.sent,"
    /* the text's size from the store's table: the view would inflate the
     * document for every sighting (docs/store.md, schema version 3) */
    " m.source_start, m.target_start, m.trigger_start,"
    " (SELECT text_len FROM store_documents WHERE id = m.doc_id),"
    /* InRawText: the trigger and every actor the event has are spans of the text */
    " m.trigger_start IS NOT NULL AND (e.source = '' OR m.source_start IS NOT NULL)"
    "  AND (e.target = '' OR m.target_start IS NOT NULL)"
    " FROM event_mentions m JOIN events e ON e.id = m.event_id"
    " JOIN documents d ON d.id = m.doc_id ORDER BY m.event_id, m.id";

static const char *col(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? t : "";
}

/* A TSV field for GDELT/Phoenix: no escaping exists there, so tabs and
 * line breaks inside a value become spaces (one record stays one line). */
static void tsv(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static void tsv_n(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++)
        fputc(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i], f);
}

/* A real column with a fixed number of decimals, empty when NULL. */
static void tsv_real(FILE *f, sqlite3_stmt *st, int i, const char *fmt)
{
    if (sqlite3_column_type(st, i) != SQLITE_NULL)
        fprintf(f, fmt, sqlite3_column_double(st, i));
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* The one date of an event's date, for the layouts that need one
 * (docs/formats.md): an open interval "../2022-08" (before the end of
 * August) is its known end, 2022-08; a date without a day is its month's
 * first day. y, m, d are 0 when the date is empty or malformed. */
static void date_parts(const char *d, int *y, int *m, int *dd)
{
    if (strncmp(d, "../", 3) == 0)
        d += 3;
    size_t n = strlen(d);
    *y = *m = *dd = 0;
    if (n < 4 || !all_digits(d, 4) || (n >= 7 && (d[4] != '-' || !all_digits(d + 5, 2))) ||
        (n >= 10 && (d[7] != '-' || !all_digits(d + 8, 2))) || (n != 4 && n != 7 && n != 10))
        return;
    for (size_t i = 0; i < 4 && n >= 4; i++)
        *y = *y * 10 + (d[i] - '0');
    *m = n >= 7 ? (d[5] - '0') * 10 + (d[6] - '0') : 1;
    *dd = n >= 10 ? (d[8] - '0') * 10 + (d[9] - '0') : 1;
}

/* "2022-08-15T10:00:00Z" -> "20220815100000" (GDELT's DATEADDED form). */
static void timestamp14(FILE *f, const char *iso)
{
    if (strlen(iso) < 19)
        return;
    for (size_t i = 0; i < 19; i++)
        if (iso[i] >= '0' && iso[i] <= '9')
            fputc(iso[i], f);
}

/* Actor fields: code, name, country, known group, ethnic, religion 1 and
 * 2, type 1-3. Types are the 3-letter role codes that follow the country
 * in a CAMEO code (RUSGOVMIL -> GOV, MIL); the rest dyad cannot know. */
static void gdelt_actor(FILE *f, const char *code, const char *country, const char *name)
{
    size_t cl = strlen(country), n = strlen(code);
    tsv(f, code);
    fputc('\t', f);
    if (*code)
        tsv(f, name);
    fputc('\t', f);
    tsv(f, country);
    fputs("\t\t\t\t\t", f);   /* known group, ethnic, religion 1, religion 2 */
    int typed = cl == 3 && n >= 3 && strncmp(code, country, 3) == 0;
    for (size_t k = 0; k < 3; k++) {
        size_t at = 3 + 3 * k;
        if (typed && n >= at + 3)
            tsv_n(f, code + at, 3);
        fputc('\t', f);
    }
}

static void write_gdelt_row(FILE *f, sqlite3_stmt *st, const place_kinds *pk)
{
    int y, m, d;
    const char *date = col(st, C_DATE);
    date_parts(date, &y, &m, &d);
    fprintf(f, "%lld\t", (long long)sqlite3_column_int64(st, C_ID));
    if (d)
        fprintf(f, "%04d%02d%02d", y, m, d);
    fputc('\t', f);
    if (m)
        fprintf(f, "%04d%02d", y, m);
    fputc('\t', f);
    if (y)
        fprintf(f, "%04d", y);
    fputc('\t', f);
    /* GDELT's FractionDate is year + (30 * month + day) / 365. */
    if (d)
        fprintf(f, "%.4f", y + (30.0 * m + d) / 365.0);
    fputc('\t', f);
    gdelt_actor(f, col(st, C_SRC), col(st, C_SRC_CTRY), col(st, C_SRC_TEXT));
    gdelt_actor(f, col(st, C_TGT), col(st, C_TGT_CTRY), col(st, C_TGT_TEXT));
    const char *code = col(st, C_CODE);
    fputc('\t', f);                             /* IsRootEvent: paragraphs unknown */
    tsv(f, code);
    fputc('\t', f);
    tsv_n(f, code, 3);
    fputc('\t', f);
    tsv(f, col(st, C_ROOT));
    fprintf(f, "\t%s\t", col(st, C_QUAD));
    tsv_real(f, st, C_GOLD, "%.1f");
    fprintf(f, "\t%lld\t%lld\t%lld\t", (long long)sqlite3_column_int64(st, C_NMENT),
            (long long)sqlite3_column_int64(st, C_NSRC),
            (long long)sqlite3_column_int64(st, C_NART));
    fputc('\t', f);                             /* AvgTone: dyad measures no tone */
    fputs("\t\t\t\t\t\t\t\t", f);               /* Actor1Geo_*: not located */
    fputs("\t\t\t\t\t\t\t\t", f);               /* Actor2Geo_* */
    /* ActionGeo: the type wherever a place is named; FIPS codes unknown; the
     * place as written as the name. */
    int gt = gdelt_geo_type(pk, col(st, C_LOC), col(st, C_PLACE), col(st, C_LOC_CTRY));
    if (gt)
        fprintf(f, "%d", gt);
    fputc('\t', f);
    tsv(f, col(st, C_LOC));
    fputs("\t\t\t\t", f);
    tsv_real(f, st, C_LAT, "%.4f");
    fputc('\t', f);
    tsv_real(f, st, C_LON, "%.4f");
    fputs("\t\t", f);
    timestamp14(f, col(st, C_FIRST));
    fputc('\t', f);
    tsv(f, col(st, C_URL));
    fputc('\n', f);
}

/* A byte offset, or GDELT's -1 when there is none. */
static void offset_or_minus1(FILE *f, sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        fputs("-1", f);
    else
        fprintf(f, "%lld", (long long)sqlite3_column_int64(st, i));
}

static void write_gdelt_mention(FILE *f, sqlite3_stmt *st, const place_kinds *pk)
{
    (void)pk;
    fprintf(f, "%lld\t", (long long)sqlite3_column_int64(st, 0));
    timestamp14(f, col(st, 1));
    fputc('\t', f);
    timestamp14(f, col(st, 2));
    fputs("\t1\t", f);                         /* MentionType 1: WEB (a document) */
    tsv(f, col(st, 3));
    fputc('\t', f);
    tsv(f, col(st, 4));
    fprintf(f, "\t%lld\t", (long long)sqlite3_column_int64(st, 5) + 1);  /* 1-based */
    for (int i = 6; i <= 8; i++) {
        offset_or_minus1(f, st, i);
        fputc('\t', f);
    }
    /* InRawText 1 when the trigger and actors are spans of the text (0 when
     * a role was carried over); Confidence 100 then, 50 otherwise; doc
     * length; tone, translation, extras unknown (dyad codes the original
     * language: nothing was translated). */
    int raw = sqlite3_column_int(st, 10) != 0;
    fprintf(f, "%d\t%d\t%s\t\t\t\n", raw, raw ? 100 : 50, col(st, 9));
}

/* Phoenix splits an actor code into entity (country or IGO), role and the
 * remaining attribute codes. */
static void phoenix_actor(FILE *f, const char *code)
{
    size_t n = strlen(code);
    tsv(f, code);
    fputc('\t', f);
    tsv_n(f, code, n < 3 ? n : 3);
    fputc('\t', f);
    if (n > 3)
        tsv_n(f, code + 3, 3);
    fputc('\t', f);
    if (n > 6)
        tsv(f, code + 6);
    fputc('\t', f);
}

/* PentaClass: 0 for statements and appeals (01-02), then 1-4 as the
 * QuadClass of roots 03-20. */
static int penta(const char *root, int quad)
{
    return strcmp(root, "01") == 0 || strcmp(root, "02") == 0 ? 0 : quad;
}

static void write_phoenix_row(FILE *f, sqlite3_stmt *st, const place_kinds *pk)
{
    (void)pk;
    int y, m, d;
    date_parts(col(st, C_DATE), &y, &m, &d);
    fprintf(f, "%lld\t", (long long)sqlite3_column_int64(st, C_ID));
    if (d)
        fprintf(f, "%04d%02d%02d", y, m, d);
    fputc('\t', f);
    if (y)
        fprintf(f, "%d", y);
    fputc('\t', f);
    if (m)
        fprintf(f, "%d", m);
    fputc('\t', f);
    if (d)
        fprintf(f, "%d", d);
    fputc('\t', f);
    phoenix_actor(f, col(st, C_SRC));
    phoenix_actor(f, col(st, C_TGT));
    tsv(f, col(st, C_CODE));
    fputc('\t', f);
    tsv(f, col(st, C_ROOT));
    fputc('\t', f);
    if (sqlite3_column_type(st, C_QUAD) != SQLITE_NULL)
        fprintf(f, "%d", penta(col(st, C_ROOT), sqlite3_column_int(st, C_QUAD)));
    fputc('\t', f);
    tsv_real(f, st, C_GOLD, "%.1f");
    fputs("\t\t", f);                           /* Issues: not coded */
    tsv_real(f, st, C_LAT, "%.4f");
    fputc('\t', f);
    tsv_real(f, st, C_LON, "%.4f");
    fputc('\t', f);
    tsv(f, col(st, C_LOC));
    fputs("\t\t", f);                           /* StateName: unknown */
    tsv(f, col(st, C_LOC_CTRY));
    fputc('\t', f);
    if (sqlite3_column_type(st, C_DOC) != SQLITE_NULL) {
        tsv(f, col(st, C_DOC));
        fprintf(f, "_%lld", (long long)sqlite3_column_int64(st, C_SENT));
    }
    fputc('\t', f);
    tsv(f, col(st, C_URLS));
    fputc('\t', f);
    tsv(f, col(st, C_SOURCES));
    fputc('\n', f);
}

static int step_all(const char *what, sqlite3 *h, sqlite3_stmt *st, FILE *f,
                    void (*row)(FILE *, sqlite3_stmt *, const place_kinds *),
                    const place_kinds *pk)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        row(f, st, pk);
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "dyad export: cannot read the %s: %s\n", what, sqlite3_errmsg(h));
        return EXIT_FAIL;
    }
    return 0;
}

int cmd_export(int argc, char **argv)
{
    cli_args a;
    dyad_store *store = NULL;
    sqlite3_stmt *st = NULL, *ms = NULL;
    FILE *mf = NULL;
    dyad_lexicon *lex = NULL;
    place_kinds pk = {NULL, 0};
    int fmt;
    int rc = cli_parse(argc, argv, "dyad export [--db PATH] --format F [--mentions FILE]",
                       "Write the stored events as GDELT 2.0 events (and mentions), Phoenix,\n"
                       "PLOVER, CSV or JSON Lines on standard output (docs/store.md maps the\n"
                       "columns).\n"
                       "Exit status: 0 ok, 1 error, 2 bad usage.",
                       opts, NOPTS, &a);
    if (rc != 0) {
        cli_args_free(&a);
        return rc < 0 ? EXIT_OK : rc;
    }
    const char *v = cli_get(&a, opts, NOPTS, "format");
    const char *mpath = cli_get(&a, opts, NOPTS, "mentions");
    rc = EXIT_USAGE;
    if (a.npos) {
        fprintf(stderr, "dyad export: unexpected argument '%s' (see --help)\n", a.pos[0]);
        goto done;
    }
    if (!v) {
        fprintf(stderr, "dyad export: --format is required (gdelt, phoenix, csv or jsonl)\n");
        goto done;
    }
    if (strcmp(v, "gdelt") == 0)
        fmt = X_GDELT;
    else if (strcmp(v, "phoenix") == 0)
        fmt = X_PHOENIX;
    else if (strcmp(v, "csv") == 0)
        fmt = X_CSV;
    else if (strcmp(v, "jsonl") == 0)
        fmt = X_JSONL;
    else if (strcmp(v, "plover") == 0)
        fmt = X_PLOVER;
    else {
        fprintf(stderr, "dyad export: --format must be gdelt, phoenix, plover, csv or jsonl, "
                        "not '%s'\n", v);
        goto done;
    }
    if (mpath && (fmt == X_PHOENIX || fmt == X_PLOVER)) {
        fprintf(stderr, "dyad export: %s has no mentions table; --mentions needs gdelt, "
                        "csv or jsonl\n", fmt == X_PHOENIX ? "Phoenix" : "PLOVER");
        goto done;
    }
    if (fmt == X_GDELT || fmt == X_PLOVER) {
        /* The lexicon types places (GDELT) and gives PLOVER's mode and
         * context; without one the export still runs, with less. */
        char err[256];
        if (dyad_lexicon_open(cli_get(&a, opts, NOPTS, "lexicon"), &lex, err, sizeof err) !=
            DYAD_OK) {
            lex = NULL;
            if (cli_get(&a, opts, NOPTS, "lexicon")) {
                fprintf(stderr, "dyad export: cannot open the lexicon: %s\n", err);
                rc = EXIT_FAIL;
                goto done;
            }
            if (cli_verbosity >= 1)
                fprintf(stderr, "dyad export: warning: no lexicon (%s): %s\n", err,
                        fmt == X_GDELT ? "places typed from the store alone"
                                       : "PLOVER mode and context left null");
        }
        if (place_kinds_load(&pk, lex) != 0) {
            fprintf(stderr, "dyad export: out of memory\n");
            rc = EXIT_FAIL;
            goto done;
        }
    }
    const char *db = cli_get(&a, opts, NOPTS, "db");
    if ((rc = db_open_read("export", db ? db : CLI_DB_DEFAULT, &store)) != 0)
        goto done;
    sqlite3 *h = dyad_store_sqlite(store);
    if (mpath && !(mf = fopen(mpath, "w"))) {
        fprintf(stderr, "dyad export: cannot write %s: %s\n", mpath, strerror(errno));
        rc = EXIT_FAIL;
        goto done;
    }
    if (fmt == X_GDELT || fmt == X_PHOENIX) {
        if ((rc = db_prepare("export", h, events_sql, &st)) != 0)
            goto done;
        if (fmt == X_GDELT && cli_get(&a, opts, NOPTS, "header")) {
            for (size_t i = 0; i < GDELT_NCOLS; i++)
                fprintf(stdout, "%s%s", i ? "\t" : "", gdelt_columns[i]);
            fputc('\n', stdout);
        }
        if (fmt == X_PHOENIX) {
            for (size_t i = 0; i < PHOENIX_NCOLS; i++)
                fprintf(stdout, "%s%s", i ? "\t" : "", phoenix_columns[i]);
            fputc('\n', stdout);
        }
        rc = step_all("events", h, st, stdout,
                      fmt == X_GDELT ? write_gdelt_row : write_phoenix_row, &pk);
        if (rc == 0 && mf) {
            if ((rc = db_prepare("export", h, gdelt_mentions_sql, &ms)) != 0)
                goto done;
            rc = step_all("mentions", h, ms, mf, write_gdelt_mention, &pk);
        }
    } else if (fmt == X_PLOVER) {
        unsigned long long left = 0;
        rc = export_plover(h, lex, stdout, &left);
        if (rc == 0 && left && cli_verbosity >= 1)
            fprintf(stderr, "dyad export: %llu events with no PLOVER type (CAMEO root 01) "
                            "left out\n", left);
    } else {
        int out = fmt == X_CSV ? OUT_CSV : OUT_JSONL;
        if ((rc = db_prepare("export", h,
                             "SELECT e.*, " SQL_DATE_DAY("e.event_date") " AS event_day,"
                             " (SELECT d.url FROM event_mentions m JOIN documents d"
                             " ON d.id = m.doc_id WHERE m.event_id = e.id ORDER BY m.id LIMIT 1)"
                             " AS source_url FROM events e ORDER BY e.id",
                             &st)) != 0)
            goto done;
        rc = db_write_rows("export", h, st, out, stdout);
        if (rc == 0 && mf) {
            if ((rc = db_prepare("export", h,
                                 "SELECT * FROM event_mentions ORDER BY event_id, id", &ms)) != 0)
                goto done;
            rc = db_write_rows("export", h, ms, out, mf);
        }
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "dyad export: cannot write the output\n");
        rc = EXIT_FAIL;
    }
done:
    if (mf && fclose(mf) != 0 && rc == 0) {
        fprintf(stderr, "dyad export: cannot write %s\n", mpath);
        rc = EXIT_FAIL;
    }
    sqlite3_finalize(st);
    sqlite3_finalize(ms);
    place_kinds_free(&pk);
    dyad_lexicon_free(lex);
    dyad_store_free(store);
    cli_args_free(&a);
    return rc;
}
