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
 * can tell "unknown" from a value. GDELT and Phoenix have no polarity
 * column, so their tables hold the asserted events only: a negated or
 * refused event ("refused to condemn") written there would read as the
 * act itself; csv, jsonl and plover carry every event with its polarity. */
#include "exports.h"
#include "gdeltgeo.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

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

/* The first sighting (lowest sighting id) supplies an event's name texts
 * and URL: the article that reported it first. Read from the store's own
 * tables, not through the views (which look a document up by its text id
 * and every string by a subquery per column): a million-event export spent
 * most of its time there (docs/BENCHMARKS.md). The values are the views';
 * the name texts come as store_strings ids, read through xctx's cache. */
#define EVENTS_OWN_COLUMNS                                                              \
    "SELECT e.id, e.event_date, e.source, e.source_country, e.target, e.target_country," \
    " e.code, e.root, e.quad, e.goldstein, e.num_mentions, e.num_sources, e.num_articles," \
    " e.location, e.location_country, e.lat, e.lon, e.first_seen,"                       \
    " m.source_text, m.target_text,"
#define EVENTS_COLUMNS EVENTS_OWN_COLUMNS " d.url, d.id, m.sent,"
#define EVENTS_SIGHTING                                                                 \
    " FROM events e"                                                                     \
    " LEFT JOIN store_sightings m ON m.id = (SELECT min(id) FROM store_sightings"         \
    "   WHERE event_id = e.id)"
#define EVENTS_ORDER " WHERE e.polarity = 'asserted' ORDER BY e.id"
#define EVENTS_FROM EVENTS_SIGHTING " LEFT JOIN store_documents d ON d.n = m.doc" EVENTS_ORDER
/* GDELT: the lexicon entry of the named place, in the first sighting's
 * sentence, else any place form of that name and country (the forms'
 * table, indexed by text); no URL or source lists. A country that is the
 * event's place is an actor mention ("in Syria": entry SYR), so actor
 * forms count too, after place forms. */
/* GDELT needs the document's URL only: the column of d.url holds the
 * document's number, its URL read through xctx's cache of documents
 * (a document has several events: one row read instead of one per event). */
/* PostgreSQL: the first sighting through LATERAL, read in the events'
 * order from their primary key. The join above, there, evaluated the
 * min(id) subquery twice per event in a hash join and then sorted a
 * million rows on disk (EXPLAIN ANALYZE: 10.0 s against 6.2 s this way). */
#define EVENTS_SIGHTING_PG                                                              \
    " FROM events e"                                                                     \
    " LEFT JOIN LATERAL (SELECT * FROM store_sightings s WHERE s.event_id = e.id"         \
    "   ORDER BY s.id LIMIT 1) m ON true"
#define GDELT_EVENTS_SQL(same_country, sighting)                                        \
    EVENTS_OWN_COLUMNS " m.doc, NULL, m.sent,"                                           \
    " CASE WHEN e.location <> '' THEN coalesce("                                         \
    "  (SELECT f.entry FROM store_mentions sm JOIN store_actor_forms f ON f.id = sm.form" \
    "   WHERE sm.doc = m.doc AND sm.sent = m.sent AND f.kind IN ('place', 'actor')"       \
    "   AND f.text = e.location ORDER BY f.kind = 'actor' LIMIT 1),"                      \
    "  (SELECT f.entry FROM store_actor_forms f WHERE f.text = e.location AND f.kind = 'place'" \
    "   AND f.country " same_country " e.location_country LIMIT 1)) END, NULL, NULL"      \
    sighting EVENTS_ORDER
/* "IS" compares NULLs as values in SQLite; PostgreSQL spells it longer */
static const char gdelt_events_sql[] = GDELT_EVENTS_SQL("IS", EVENTS_SIGHTING);
static const char gdelt_events_sql_pg[] = GDELT_EVENTS_SQL("IS NOT DISTINCT FROM", EVENTS_SIGHTING_PG);
/* Phoenix: every URL and source that reported the event, no place entry. */
static const char phoenix_events_sql[] =
    EVENTS_COLUMNS
    " NULL,"
    " (SELECT group_concat(u, ';') FROM (SELECT DISTINCT dd.url AS u FROM event_mentions mm"
    "   JOIN documents dd ON dd.id = mm.doc_id WHERE mm.event_id = e.id AND dd.url IS NOT NULL)),"
    " (SELECT group_concat(s, ';') FROM (SELECT DISTINCT dd.source AS s FROM event_mentions mm"
    "   JOIN documents dd ON dd.id = mm.doc_id WHERE mm.event_id = e.id"
    "   AND dd.source IS NOT NULL))"
    EVENTS_FROM;
/* The same in PostgreSQL, whose aggregate is string_agg. */
static const char phoenix_events_sql_pg[] =
    EVENTS_COLUMNS
    " NULL,"
    " (SELECT string_agg(u, ';') FROM (SELECT DISTINCT dd.url AS u FROM event_mentions mm"
    "   JOIN documents dd ON dd.id = mm.doc_id WHERE mm.event_id = e.id AND dd.url IS NOT NULL)"
    "   uu),"
    " (SELECT string_agg(s, ';') FROM (SELECT DISTINCT dd.source AS s FROM event_mentions mm"
    "   JOIN documents dd ON dd.id = mm.doc_id WHERE mm.event_id = e.id"
    "   AND dd.source IS NOT NULL) ss)"
    EVENTS_FROM;
/* csv and jsonl: the events' own columns, their day and first URL. */
#define ROWS_SQL(day)                                                                  \
    "SELECT e.*, " day " AS event_day,"                                                 \
    " (SELECT d.url FROM event_mentions m JOIN documents d"                             \
    " ON d.id = m.doc_id WHERE m.event_id = e.id ORDER BY m.id LIMIT 1)"                \
    " AS source_url FROM events e ORDER BY e.id"
static const char rows_sql[] = ROWS_SQL(SQL_DATE_DAY("e.event_date"));
static const char rows_sql_pg[] = ROWS_SQL(SQL_DATE_DAY_PG("e.event_date"));
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
    " JOIN documents d ON d.id = m.doc_id WHERE e.polarity = 'asserted'"
    " ORDER BY m.event_id, m.id";

static const char *col(dyadi_sqlrows *st, int i)
{
    const char *t = dyadi_sqlrows_text(st, i, NULL);
    return t ? t : "";
}

/* Output goes through a buffer of our own, written with fwrite: stdio's
 * locked fputc per character and printf's general formatting were about
 * a tenth of a million-event export's samples (docs/BENCHMARKS.md). */
typedef struct obuf {
    FILE *f;
    size_t n;
    int err;
    char b[1 << 16];
} obuf;

static void ob_flush(obuf *o)
{
    if (o->n && fwrite(o->b, 1, o->n, o->f) != o->n)
        o->err = 1;
    o->n = 0;
}

static void ob_c(obuf *o, char c)
{
    if (o->n == sizeof o->b)
        ob_flush(o);
    o->b[o->n++] = c;
}

static void ob_mem(obuf *o, const char *s, size_t n)
{
    while (n) {
        if (o->n == sizeof o->b)
            ob_flush(o);
        size_t k = sizeof o->b - o->n;
        if (k > n)
            k = n;
        memcpy(o->b + o->n, s, k);
        o->n += k;
        s += k;
        n -= k;
    }
}

static void ob_s(obuf *o, const char *s)
{
    ob_mem(o, s, strlen(s));
}

/* v in decimal ("%lld"). */
static void ob_ll(obuf *o, long long v)
{
    char t[24];
    size_t i = sizeof t;
    unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
    do
        t[--i] = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        t[--i] = '-';
    ob_mem(o, t + i, sizeof t - i);
}

/* 0 <= v < 10^width, zero-padded to width digits ("%04d", "%02d"). */
static void ob_pad(obuf *o, int v, int width)
{
    char t[8];
    for (int i = width - 1; i >= 0; i--, v /= 10)
        t[i] = (char)('0' + v % 10);
    ob_mem(o, t, (size_t)width);
}

/* x with dec (1-4) decimals, the bytes printf's "%.*f" gives. The fast
 * path rounds |x| * 10^dec, which is within 2^-20 of the exact product
 * below 10^9; a product that close to a half (where the exact binary value
 * decides the rounding) and anything large, infinite or NaN go to printf. */
static void ob_fixed(obuf *o, double x, int dec)
{
    static const double p10[] = {1, 10, 100, 1000, 10000};
    double a = fabs(x) * p10[dec];
    double r = floor(a), fr = a - r;
    if (!(a < 1e9) || fabs(fr - 0.5) < 1e-6) {
        char t[64];
        int k = snprintf(t, sizeof t, "%.*f", dec, x);
        if (k > 0 && (size_t)k < sizeof t)
            ob_mem(o, t, (size_t)k);
        return;
    }
    long long q = (long long)r + (fr > 0.5);
    long long p = (long long)p10[dec];
    if (signbit(x))
        ob_c(o, '-');
    ob_ll(o, q / p);
    ob_c(o, '.');
    ob_pad(o, (int)(q % p), dec);
}

/* The strings of store_strings by id, for the name texts of each event:
 * a few thousand names recur across a store's events, so a small
 * direct-mapped cache answers most of them without a B-tree seek per
 * column and row. The same for the documents' URLs by number. */
#define SC_SLOTS 4096
typedef struct strcache {
    dyadi_sqlrows *q;        /* one text column for the id ?1 */
    int err;                /* out of memory or a read error */
    struct sc_slot { int64_t id; char *s; } v[SC_SLOTS];
} strcache;

/* What a row writer needs besides the row. */
typedef struct xctx {
    const place_kinds *pk;
    strcache *sc;
    strcache *dc;            /* GDELT: the documents' URLs */
} xctx;

/* The string whose id is column i of st; "" for NULL or an unknown id. */
static const char *sc_get(strcache *sc, dyadi_sqlrows *st, int i)
{
    if (dyadi_sqlrows_type(st, i) == DYADI_SQL_NULL)
        return "";
    int64_t id = dyadi_sqlrows_int64(st, i);
    struct sc_slot *e = &sc->v[(size_t)id & (SC_SLOTS - 1)];
    if (e->s && e->id == id)
        return e->s;
    free(e->s);
    e->s = NULL;
    dyadi_sqlrows_reset(sc->q);
    dyadi_sqlrows_bind_int64(sc->q, 1, id);
    int rc = dyadi_sqlrows_step(sc->q);
    if (rc < 0) {
        sc->err = 1;
        return "";
    }
    const char *t = rc == 1 ? dyadi_sqlrows_text(sc->q, 0, NULL) : NULL;
    size_t n = t ? strlen(t) : 0;
    if (!(e->s = malloc(n + 1))) {
        sc->err = 1;
        return "";
    }
    memcpy(e->s, t ? t : "", n + 1);
    e->id = id;
    return e->s;
}

/* A cache answered by sql (one text column for the id ?1) into *sc; 0 or
 * EXIT_FAIL (reported). The caller frees *sc with sc_free. */
static int sc_new(dyadi_sqldb *h, const char *sql, strcache **sc)
{
    if (!(*sc = calloc(1, sizeof **sc))) {
        fprintf(stderr, "dyad export: out of memory\n");
        return EXIT_FAIL;
    }
    return db_prepare("export", h, sql, 0, &(*sc)->q);
}

static void sc_free(strcache *sc)
{
    if (!sc)
        return;
    for (size_t i = 0; i < SC_SLOTS; i++)
        free(sc->v[i].s);
    dyadi_sqlrows_free(sc->q);
    free(sc);
}

/* A TSV field for GDELT/Phoenix: no escaping exists there, so tabs and
 * line breaks inside a value become spaces (one record stays one line). */
static void tsv_n(obuf *o, const char *s, size_t n)
{
    /* runs of plain bytes are copied whole */
    size_t i = 0, run = 0;
    for (; i < n && s[i]; i++) {
        if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            ob_mem(o, s + run, i - run);
            ob_c(o, ' ');
            run = i + 1;
        }
    }
    ob_mem(o, s + run, i - run);
}

static void tsv(obuf *o, const char *s)
{
    tsv_n(o, s, (size_t)-1);
}

/* A real column with a fixed number of decimals, empty when NULL. */
static void tsv_real(obuf *o, dyadi_sqlrows *st, int i, int dec)
{
    if (dyadi_sqlrows_type(st, i) != DYADI_SQL_NULL)
        ob_fixed(o, dyadi_sqlrows_double(st, i), dec);
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
static void timestamp14(obuf *o, const char *iso)
{
    if (strlen(iso) < 19)
        return;
    for (size_t i = 0; i < 19; i++)
        if (iso[i] >= '0' && iso[i] <= '9')
            ob_c(o, iso[i]);
}

/* Actor fields: code, name, country, known group, ethnic, religion 1 and
 * 2, type 1-3. Types are the 3-letter role codes that follow the country
 * in a CAMEO code (RUSGOVMIL -> GOV, MIL); the rest dyad cannot know. */
static void gdelt_actor(obuf *o, const char *code, const char *country, const char *name)
{
    size_t cl = strlen(country), n = strlen(code);
    tsv(o, code);
    ob_c(o, '\t');
    if (*code)
        tsv(o, name);
    ob_c(o, '\t');
    tsv(o, country);
    ob_s(o, "\t\t\t\t\t");   /* known group, ethnic, religion 1, religion 2 */
    int typed = cl == 3 && n >= 3 && strncmp(code, country, 3) == 0;
    for (size_t k = 0; k < 3; k++) {
        size_t at = 3 + 3 * k;
        if (typed && n >= at + 3)
            tsv_n(o, code + at, 3);
        ob_c(o, '\t');
    }
}

/* The two columns both layouts start with: the event's id and its day as
 * YYYYMMDD; *y, *m, *d as date_parts gives them. */
static void id_and_day(obuf *o, dyadi_sqlrows *st, int *y, int *m, int *d)
{
    date_parts(col(st, C_DATE), y, m, d);
    ob_ll(o, (long long)dyadi_sqlrows_int64(st, C_ID));
    ob_c(o, '\t');
    if (*d) {
        ob_pad(o, *y, 4);
        ob_pad(o, *m, 2);
        ob_pad(o, *d, 2);
    }
    ob_c(o, '\t');
}

/* ActionGeo_CountryCode, _ADM1Code and _ADM2Code (each ended by a tab):
 * the FIPS code of the place's country (ISO alpha-3 country), for a
 * country that code again as GDELT writes it, else the FIPS country +
 * admin-1 code of the place's GeoNames entry; no ADM2. Empty when the
 * table (cli/gdeltgeo.h) has no code. */
static void gdelt_geo_ids(obuf *o, int gt, const char *entry, const char *country)
{
    const char *fips = gt ? gdelt_geo_code(country) : NULL;
    const char *adm1 = gt == 1 ? fips : gt && fips && entry[0] == 'g' && entry[1] == 'n' ? gdelt_geo_code(entry) : NULL;
    if (fips)
        tsv(o, fips);
    ob_c(o, '\t');
    if (adm1 && strncmp(adm1, fips, 2) == 0)
        tsv(o, adm1);
    ob_s(o, "\t\t");
}

static void write_gdelt_row(obuf *o, dyadi_sqlrows *st, xctx *x)
{
    int y, m, d;
    id_and_day(o, st, &y, &m, &d);
    if (m) {
        ob_pad(o, y, 4);
        ob_pad(o, m, 2);
    }
    ob_c(o, '\t');
    if (y)
        ob_pad(o, y, 4);
    ob_c(o, '\t');
    /* GDELT's FractionDate is year + (30 * month + day) / 365. */
    if (d)
        ob_fixed(o, y + (30.0 * m + d) / 365.0, 4);
    ob_c(o, '\t');
    gdelt_actor(o, col(st, C_SRC), col(st, C_SRC_CTRY), sc_get(x->sc, st, C_SRC_TEXT));
    gdelt_actor(o, col(st, C_TGT), col(st, C_TGT_CTRY), sc_get(x->sc, st, C_TGT_TEXT));
    const char *code = col(st, C_CODE);
    ob_c(o, '\t');                              /* IsRootEvent: paragraphs unknown */
    tsv(o, code);
    ob_c(o, '\t');
    tsv_n(o, code, 3);
    ob_c(o, '\t');
    tsv(o, col(st, C_ROOT));
    ob_c(o, '\t');
    ob_s(o, col(st, C_QUAD));
    ob_c(o, '\t');
    tsv_real(o, st, C_GOLD, 1);
    ob_c(o, '\t');
    ob_ll(o, (long long)dyadi_sqlrows_int64(st, C_NMENT));
    ob_c(o, '\t');
    ob_ll(o, (long long)dyadi_sqlrows_int64(st, C_NSRC));
    ob_c(o, '\t');
    ob_ll(o, (long long)dyadi_sqlrows_int64(st, C_NART));
    ob_c(o, '\t');
    ob_c(o, '\t');                              /* AvgTone: dyad measures no tone */
    ob_s(o, "\t\t\t\t\t\t\t\t");                /* Actor1Geo_*: not located */
    ob_s(o, "\t\t\t\t\t\t\t\t");                /* Actor2Geo_* */
    /* ActionGeo: the type wherever a place is named, the place as written
     * as the name; FIPS country, ADM1 and feature id where the place's
     * entry is known (docs/formats.md, "GDELT geography") */
    const char *entry = col(st, C_PLACE);
    int gt = gdelt_geo_type(x->pk, col(st, C_LOC), entry, col(st, C_LOC_CTRY));
    if (gt)
        ob_ll(o, gt);
    ob_c(o, '\t');
    tsv(o, col(st, C_LOC));
    ob_c(o, '\t');
    gdelt_geo_ids(o, gt, entry, col(st, C_LOC_CTRY));
    tsv_real(o, st, C_LAT, 4);
    ob_c(o, '\t');
    tsv_real(o, st, C_LON, 4);
    ob_c(o, '\t');
    if (gt && entry[0] == 'g' && entry[1] == 'n' && entry[2])
        tsv(o, entry + 2);                      /* the GeoNames id */
    else if (gt == 1 && gdelt_geo_code(col(st, C_LOC_CTRY)))
        tsv(o, gdelt_geo_code(col(st, C_LOC_CTRY)));   /* a country: its FIPS code */
    ob_c(o, '\t');
    timestamp14(o, col(st, C_FIRST));
    ob_c(o, '\t');
    tsv(o, sc_get(x->dc, st, C_URL));
    ob_c(o, '\n');
}

/* A byte offset, or GDELT's -1 when there is none. */
static void offset_or_minus1(obuf *o, dyadi_sqlrows *st, int i)
{
    if (dyadi_sqlrows_type(st, i) == DYADI_SQL_NULL)
        ob_s(o, "-1");
    else
        ob_ll(o, (long long)dyadi_sqlrows_int64(st, i));
}

static void write_gdelt_mention(obuf *o, dyadi_sqlrows *st, xctx *x)
{
    (void)x;
    ob_ll(o, (long long)dyadi_sqlrows_int64(st, 0));
    ob_c(o, '\t');
    timestamp14(o, col(st, 1));
    ob_c(o, '\t');
    timestamp14(o, col(st, 2));
    ob_s(o, "\t1\t");                           /* MentionType 1: WEB (a document) */
    tsv(o, col(st, 3));
    ob_c(o, '\t');
    tsv(o, col(st, 4));
    ob_c(o, '\t');
    ob_ll(o, (long long)dyadi_sqlrows_int64(st, 5) + 1);  /* 1-based */
    ob_c(o, '\t');
    for (int i = 6; i <= 8; i++) {
        offset_or_minus1(o, st, i);
        ob_c(o, '\t');
    }
    /* InRawText 1 when the trigger and actors are spans of the text (0 when
     * a role was carried over); Confidence 100 then, 50 otherwise; doc
     * length; tone, translation, extras unknown (dyad codes the original
     * language: nothing was translated). */
    int raw = (int)dyadi_sqlrows_int64(st, 10) != 0;
    ob_s(o, raw ? "1\t100\t" : "0\t50\t");
    ob_s(o, col(st, 9));
    ob_s(o, "\t\t\t\n");
}

/* Phoenix splits an actor code into entity (country or IGO), role and the
 * remaining attribute codes. */
static void phoenix_actor(obuf *o, const char *code)
{
    size_t n = strlen(code);
    tsv(o, code);
    ob_c(o, '\t');
    tsv_n(o, code, n < 3 ? n : 3);
    ob_c(o, '\t');
    if (n > 3)
        tsv_n(o, code + 3, 3);
    ob_c(o, '\t');
    if (n > 6)
        tsv(o, code + 6);
    ob_c(o, '\t');
}

/* PentaClass: 0 for statements and appeals (01-02), then 1-4 as the
 * QuadClass of roots 03-20. */
static int penta(const char *root, int quad)
{
    return strcmp(root, "01") == 0 || strcmp(root, "02") == 0 ? 0 : quad;
}

static void write_phoenix_row(obuf *o, dyadi_sqlrows *st, xctx *x)
{
    (void)x;
    int y, m, d;
    id_and_day(o, st, &y, &m, &d);
    if (y)
        ob_ll(o, y);
    ob_c(o, '\t');
    if (m)
        ob_ll(o, m);
    ob_c(o, '\t');
    if (d)
        ob_ll(o, d);
    ob_c(o, '\t');
    phoenix_actor(o, col(st, C_SRC));
    phoenix_actor(o, col(st, C_TGT));
    tsv(o, col(st, C_CODE));
    ob_c(o, '\t');
    tsv(o, col(st, C_ROOT));
    ob_c(o, '\t');
    if (dyadi_sqlrows_type(st, C_QUAD) != DYADI_SQL_NULL)
        ob_ll(o, penta(col(st, C_ROOT), (int)dyadi_sqlrows_int64(st, C_QUAD)));
    ob_c(o, '\t');
    tsv_real(o, st, C_GOLD, 1);
    ob_s(o, "\t\t");                            /* Issues: not coded */
    tsv_real(o, st, C_LAT, 4);
    ob_c(o, '\t');
    tsv_real(o, st, C_LON, 4);
    ob_c(o, '\t');
    tsv(o, col(st, C_LOC));
    ob_s(o, "\t\t");                            /* StateName: unknown */
    tsv(o, col(st, C_LOC_CTRY));
    ob_c(o, '\t');
    if (dyadi_sqlrows_type(st, C_DOC) != DYADI_SQL_NULL) {
        tsv(o, col(st, C_DOC));
        ob_c(o, '_');
        ob_ll(o, (long long)dyadi_sqlrows_int64(st, C_SENT));
    }
    ob_c(o, '\t');
    tsv(o, col(st, C_URLS));
    ob_c(o, '\t');
    tsv(o, col(st, C_SOURCES));
    ob_c(o, '\n');
}

/* Every row of st through row() to f; 0 or EXIT_FAIL (reported; a write
 * error is left for the caller's check of f). */
/* How many events a format without polarity leaves out, on stderr. */
static int say_not_asserted(dyadi_sqldb *h, const char *format)
{
    dyadi_sqlrows *q = NULL;
    int rc = db_prepare("export", h, "SELECT count(*) FROM events WHERE polarity <> 'asserted'", 0, &q);
    if (rc != 0)
        return rc;
    if (dyadi_sqlrows_step(q) != 1) {
        fprintf(stderr, "dyad export: cannot count the events: %s\n", dyadi_sqldb_errmsg(h));
        rc = EXIT_FAIL;
    } else if (dyadi_sqlrows_int64(q, 0) > 0) {
        fprintf(stderr, "dyad export: %lld negated or refused events left out (%s has no polarity "
                        "column; csv, jsonl and plover carry them)\n",
                (long long)dyadi_sqlrows_int64(q, 0), format);
    }
    dyadi_sqlrows_free(q);
    return rc;
}

static int step_all(const char *what, dyadi_sqldb *h, dyadi_sqlrows *st, FILE *f,
                    void (*row)(obuf *, dyadi_sqlrows *, xctx *), xctx *x)
{
    obuf *o = malloc(sizeof *o);
    if (!o) {
        fprintf(stderr, "dyad export: out of memory\n");
        return EXIT_FAIL;
    }
    o->f = f;
    o->n = 0;
    o->err = 0;
    int rc;
    while ((rc = dyadi_sqlrows_step(st)) == 1)
        row(o, st, x);
    ob_flush(o);
    free(o);
    if ((x->sc && x->sc->err) || (x->dc && x->dc->err)) {
        fprintf(stderr, "dyad export: cannot read the %s' names: %s\n", what,
                dyadi_sqldb_errmsg(h));
        return EXIT_FAIL;
    }
    if (rc != 0) {
        fprintf(stderr, "dyad export: cannot read the %s: %s\n", what, dyadi_sqldb_errmsg(h));
        return EXIT_FAIL;
    }
    return 0;
}

int cmd_export(int argc, char **argv)
{
    cli_args a;
    dyad_store *store = NULL;
    dyadi_sqlrows *st = NULL, *ms = NULL;
    FILE *mf = NULL;
    dyad_lexicon *lex = NULL;
    place_kinds pk = {NULL, 0};
    xctx x = {&pk, NULL, NULL};
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
    dyadi_sqldb *h = NULL;
    if ((rc = db_open_read("export", db ? db : CLI_DB_DEFAULT, &store, &h)) != 0)
        goto done;
    /* An export reads the whole store once: mapped pages save a copy of
     * each page into SQLite's cache (the kernel's copies were 5% of a
     * million-event export). Advisory: SQLite may decline. */
    if (dyadi_sqldb_sqlite(h))
        sqlite3_exec(dyadi_sqldb_sqlite(h), "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
    if (fmt == X_GDELT) {
        if ((rc = sc_new(h, "SELECT s FROM store_strings WHERE id = ?1", &x.sc)) != 0 ||
            (rc = sc_new(h, "SELECT url FROM store_documents WHERE n = ?1", &x.dc)) != 0)
            goto done;
    }
    if (mpath && !(mf = fopen(mpath, "w"))) {
        fprintf(stderr, "dyad export: cannot write %s: %s\n", mpath, strerror(errno));
        rc = EXIT_FAIL;
        goto done;
    }
    if (fmt == X_GDELT || fmt == X_PHOENIX) {
        if ((rc = db_prepare("export", h, fmt == X_GDELT ? (dyadi_sqldb_is_pg(h) ? gdelt_events_sql_pg : gdelt_events_sql)
                             : dyadi_sqldb_is_pg(h) ? phoenix_events_sql_pg : phoenix_events_sql,
                             1, &st)) != 0)
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
                      fmt == X_GDELT ? write_gdelt_row : write_phoenix_row, &x);
        if (rc == 0 && cli_verbosity >= 1)
            rc = say_not_asserted(h, fmt == X_GDELT ? "GDELT" : "Phoenix");
        if (rc == 0 && mf) {
            if ((rc = db_prepare("export", h, gdelt_mentions_sql, 1, &ms)) != 0)
                goto done;
            rc = step_all("mentions", h, ms, mf, write_gdelt_mention, &x);
        }
    } else if (fmt == X_PLOVER) {
        unsigned long long left = 0;
        rc = export_plover(h, lex, stdout, &left);
        if (rc == 0 && left && cli_verbosity >= 1)
            fprintf(stderr, "dyad export: %llu events with no PLOVER type (CAMEO root 01) "
                            "left out\n", left);
    } else {
        int out = fmt == X_CSV ? OUT_CSV : OUT_JSONL;
        if ((rc = db_prepare("export", h, dyadi_sqldb_is_pg(h) ? rows_sql_pg : rows_sql, 1,
                             &st)) != 0)
            goto done;
        rc = db_write_rows("export", h, st, out, stdout);
        if (rc == 0 && mf) {
            if ((rc = db_prepare("export", h,
                                 "SELECT * FROM event_mentions ORDER BY event_id, id", 1,
                                 &ms)) != 0)
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
    dyadi_sqlrows_free(st);
    dyadi_sqlrows_free(ms);
    sc_free(x.sc);
    sc_free(x.dc);
    place_kinds_free(&pk);
    dyad_lexicon_free(lex);
    dyad_store_free(store);
    cli_args_free(&a);
    return rc;
}
