/* export_plover.c - `dyad export --format plover` and the place kinds and
 * FIPS codes that GDELT's Geo columns need.
 *
 * PLOVER (openeventdata/PLOVER) is the successor ontology of CAMEO: an
 * event type (AGREE, ASSAULT ...), a mode and a context. Its gold-standard
 * records (PLOVER_GSR_CAMEO) are JSON objects with "source"/"target" lists
 * of {actorText, code, sector}, "event", "mode", "context", "eventText",
 * "eventLoc" and "text"; the writer follows those names so that PLOVER
 * tools read the output, and adds dyad's own fields (CAMEO code, date
 * interval, counts). Type, mode and context come from the CAMEO code
 * through the lexicon's crosswalk (CAMEO2PLOVER-2021); every absent value
 * is null. */
#include "exports.h"
#include "gdeltgeo.h"
#include "lex.h"

#include <stdlib.h>
#include <string.h>

static int cmp_kind(const void *a, const void *b)
{
    return strcmp(((const struct place_kind *)a)->id, ((const struct place_kind *)b)->id);
}

int place_kinds_load(place_kinds *pk, const dyad_lexicon *lex)
{
    pk->v = NULL;
    pk->n = 0;
    size_t n = dyadi_lex_count(lex, DYADI_TRIE_ACTOR), k = 0;
    if (!n)
        return 0;
    if (!(pk->v = malloc(n * sizeof *pk->v)))
        return -1;
    for (size_t i = 0; i < n; i++) {
        const dyadi_actor *a = dyadi_lex_actor(lex, (uint32_t)i);
        if (!a || !a->id)
            continue;
        if (a->kind != DYADI_AK_COUNTRY && a->kind != DYADI_AK_CAPITAL &&
            a->kind != DYADI_AK_CITY && a->kind != DYADI_AK_REGION)
            continue;
        pk->v[k].id = a->id;
        pk->v[k].kind = a->kind;
        k++;
    }
    pk->n = k;
    qsort(pk->v, k, sizeof *pk->v, cmp_kind);
    return 0;
}

void place_kinds_free(place_kinds *pk)
{
    free(pk->v);
    pk->v = NULL;
    pk->n = 0;
}

int gdelt_geo_type(const place_kinds *pk, const char *name, const char *entry,
                   const char *country)
{
    if (!name || !*name)
        return 0;
    int us = country && strcmp(country, "USA") == 0;
    if (entry && *entry) {
        struct place_kind key = {entry, 0};
        const struct place_kind *f =
            pk->n ? bsearch(&key, pk->v, pk->n, sizeof *pk->v, cmp_kind) : NULL;
        if (f)
            return f->kind == DYADI_AK_COUNTRY ? 1 : f->kind == DYADI_AK_REGION ? (us ? 2 : 5)
                                                                              : (us ? 3 : 4);
        if (country && strcmp(entry, country) == 0)
            return 1;
    }
    return us ? 3 : 4;
}

static int cmp_geo(const void *key, const void *row)
{
    return strcmp((const char *)key, ((const gdelt_geo_row *)row)->entry);
}

const char *gdelt_geo_code(const char *entry)
{
    if (!entry || !*entry)
        return NULL;
    const gdelt_geo_row *r = bsearch(entry, gdelt_geo_rows, gdelt_geo_nrows, sizeof *gdelt_geo_rows, cmp_geo);
    return r ? r->code : NULL;
}

#define PLOVER_COLUMNS \
    ", e.code, e.plover,"                                                               \
    " e.source, e.source_country, e.target, e.target_country,"                          \
    " e.location, e.location_country, e.lat, e.lon, e.polarity, e.modality,"            \
    " e.num_mentions, e.num_sources, e.num_articles,"                                   \
    " m.source_text, m.target_text, m.trigger_text, m.sentence, m.doc_id, m.sent,"      \
    " d.lang, d.source, d.url"                                                          \
    SQL_FROM_EVENTS_FIRST_SIGHTING
static const char plover_sql[] =
    "SELECT e.id, e.event_date, " SQL_DATE_DAY("e.event_date") PLOVER_COLUMNS;
static const char plover_sql_pg[] =
    "SELECT e.id, e.event_date, " SQL_DATE_DAY_PG("e.event_date") PLOVER_COLUMNS;
enum {
    P_ID, P_DATE, P_DAY, P_CODE, P_PLOVER, P_SRC, P_SRC_CTRY, P_TGT, P_TGT_CTRY, P_LOC,
    P_LOC_CTRY, P_LAT, P_LON, P_POL, P_MOD, P_NMENT, P_NSRC, P_NART, P_SRC_TEXT, P_TGT_TEXT,
    P_TRG_TEXT, P_SENT_TEXT, P_DOC, P_SENT, P_LANG, P_PUB, P_URL
};

/* A text column as a JSON string, null when NULL or empty. */
static void jcol(FILE *f, dyadi_sqlrows *st, int i)
{
    size_t n;
    const char *t = dyadi_sqlrows_text(st, i, &n);
    if (!*t)
        fputs("null", f);
    else
        json_str(f, t, n);
}

static void jnum(FILE *f, dyadi_sqlrows *st, int i)
{
    if (dyadi_sqlrows_type(st, i) == DYADI_SQL_NULL)
        fputs("null", f);
    else
        fprintf(f, "%.10g", dyadi_sqlrows_double(st, i));
}

/* [{"actorText", "code", "country", "sector"}] or [] without an actor. The
 * sector is the role after a country code (RUSGOV -> GOV), as in PLOVER. */
static void actor_list(FILE *f, dyadi_sqlrows *st, int code, int ctry, int text)
{
    const char *c = dyadi_sqlrows_text(st, code, NULL);
    const char *k = dyadi_sqlrows_text(st, ctry, NULL);
    if (!c || !*c) {
        fputs("[]", f);
        return;
    }
    fputs("[{\"actorText\":", f);
    jcol(f, st, text);
    fputs(",\"code\":", f);
    json_cstr(f, c);
    fputs(",\"country\":", f);
    jcol(f, st, ctry);
    fputs(",\"sector\":", f);
    size_t n = strlen(c);
    if (k && strlen(k) == 3 && n >= 6 && strncmp(c, k, 3) == 0)
        json_str(f, c + 3, 3);
    else
        fputs("null", f);
    fputs("}]", f);
}

int export_plover(dyadi_sqldb *h, const dyad_lexicon *lex, FILE *f, unsigned long long *left_out)
{
    dyadi_sqlrows *st = NULL;
    int rc = db_prepare("export", h, dyadi_sqldb_is_pg(h) ? plover_sql_pg : plover_sql, 1, &st);
    *left_out = 0;
    if (rc != 0)
        return rc;
    int s;
    while ((s = dyadi_sqlrows_step(st)) == 1) {
        const char *code = dyadi_sqlrows_text(st, P_CODE, NULL);
        const char *type = dyadi_sqlrows_text(st, P_PLOVER, NULL);
        const dyadi_cameo *k = code ? dyadi_lex_cameo(lex, code) : NULL;
        /* the lexicon's crosswalk, which also gives mode and context, wins
         * over the type stored when the event was coded */
        if (k)
            type = k->plover_type;
        if (!type || !*type) {
            ++*left_out;
            continue;
        }
        fprintf(f, "{\"id\":\"dyad-%lld\",\"date\":", (long long)dyadi_sqlrows_int64(st, P_ID));
        jcol(f, st, P_DAY);
        fputs(",\"dateInterval\":", f);
        jcol(f, st, P_DATE);
        fputs(",\"source\":", f);
        actor_list(f, st, P_SRC, P_SRC_CTRY, P_SRC_TEXT);
        fputs(",\"target\":", f);
        actor_list(f, st, P_TGT, P_TGT_CTRY, P_TGT_TEXT);
        fputs(",\"event\":", f);
        json_cstr(f, type);
        fputs(",\"mode\":", f);
        json_cstr(f, k && k->plover_mode && *k->plover_mode ? k->plover_mode : NULL);
        fputs(",\"context\":", f);
        json_cstr(f, k && k->plover_context && *k->plover_context ? k->plover_context : NULL);
        fputs(",\"cameo\":", f);
        jcol(f, st, P_CODE);
        fputs(",\"eventText\":", f);
        jcol(f, st, P_TRG_TEXT);
        fputs(",\"eventLoc\":", f);
        const char *loc = dyadi_sqlrows_text(st, P_LOC, NULL);
        if (loc && *loc) {
            fputs("{\"name\":", f);
            jcol(f, st, P_LOC);
            fputs(",\"country\":", f);
            jcol(f, st, P_LOC_CTRY);
            fputs(",\"lat\":", f);
            jnum(f, st, P_LAT);
            fputs(",\"lon\":", f);
            jnum(f, st, P_LON);
            fputc('}', f);
        } else {
            fputs("null", f);
        }
        fputs(",\"text\":", f);
        jcol(f, st, P_SENT_TEXT);
        fputs(",\"language\":", f);
        jcol(f, st, P_LANG);
        fputs(",\"publication\":", f);
        jcol(f, st, P_PUB);
        fputs(",\"url\":", f);
        jcol(f, st, P_URL);
        fputs(",\"docId\":", f);
        jcol(f, st, P_DOC);
        fputs(",\"sentence\":", f);
        if (dyadi_sqlrows_type(st, P_SENT) == DYADI_SQL_NULL)
            fputs("null", f);
        else
            fprintf(f, "%lld", (long long)dyadi_sqlrows_int64(st, P_SENT));
        fputs(",\"polarity\":", f);
        jcol(f, st, P_POL);
        fputs(",\"modality\":", f);
        jcol(f, st, P_MOD);
        fprintf(f, ",\"numMentions\":%lld,\"numSources\":%lld,\"numArticles\":%lld}\n",
                (long long)dyadi_sqlrows_int64(st, P_NMENT),
                (long long)dyadi_sqlrows_int64(st, P_NSRC),
                (long long)dyadi_sqlrows_int64(st, P_NART));
    }
    if (s != 0) {
        fprintf(stderr, "dyad export: cannot read the events: %s\n", dyadi_sqldb_errmsg(h));
        rc = EXIT_FAIL;
    }
    dyadi_sqlrows_free(st);
    return rc;
}
