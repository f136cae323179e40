/* cmd_serve.c - `dyad serve`: the event store over HTTP, a JSON (and CSV)
 * API and the dashboard (web/, embedded), on libmicrohttpd.
 *
 * The store is opened read-only: --threads SQLite connections, taken by
 * requests that query it (each HTTP connection has its own thread).
 * Every answer is computed by the same functions as the commands (storeq.h:
 * the statement of `dyad query`, of `dyad relations`, the graph of `dyad
 * graph`), so the API and the command line never disagree. docs/api.md
 * describes every call.
 *
 * Safety: loopback unless --listen says otherwise; GET and HEAD only, no
 * request body; every parameter checked against the call's list, each
 * value against its syntax, a JSON error body with status 400 otherwise;
 * values reach SQL only as bound parameters; page size, response size,
 * query time (an SQLite progress handler), connections (in all and per
 * client) and idle time (slow clients) are bounded; static files come
 * from a fixed table read at start-up, so no request names a file; every
 * response carries a Content-Security-Policy and X-Content-Type-Options.
 * SIGINT and SIGTERM stop the daemon cleanly (sigwait in the main thread).
 *
 * Answers are cached by URL (the store is read-only to us; a change of the
 * file by an ingest, seen by stat, empties the cache). */
#include "dbopts.h"
#include "storeq.h"
#include "store.h"
#include "webassets.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

static const cli_opt opts[] = {
    CLI_DB_OPTION,
    {"listen", 0, "HOST:PORT", "address to serve on (default 127.0.0.1:8080; port 0: any free)"},
    {"threads", 0, "N", "requests that query the store at once, one connection each (default 2)"},
    {"max-connections", 0, "N", "open connections at most (default 64)"},
    {"query-ms", 0, "MS", "time limit of one request's queries (default 5000)"},
    {"idle-seconds", 0, "S", "close a connection idle (or trickling) this long (default 10)"},
    {"no-cache", 0, NULL, "compute every answer (no cache of answers by URL)"},
};
#define NOPTS (sizeof opts / sizeof opts[0])

#define PAGE_DEFAULT 100
#define PAGE_MAX 1000
#define OFFSET_MAX 1000000
#define ACTORS_MAX 200
#define EVIDENCE_MAX 20          /* sightings listed per event */
#define MAX_PARAMS 24
#define VALUE_MAX 200            /* bytes of one parameter value */
#define RESPONSE_MAX (32u << 20) /* bytes of one answer */
#define CACHE_SLOTS 512
#define CACHE_BODY_MAX (1u << 20)
#define CACHE_TOTAL_MAX (32u << 20) /* bytes of all cached answers */
#define PER_IP_MAX 32

static const char CSP[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; connect-src 'self'; object-src 'none'; "
                          "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/* ---- shared state ---------------------------------------------------------- */

typedef struct cached {
    char *key;
    char *body;
    size_t len;
    int status;
    const char *type;
} cached;

typedef struct server {
    const char *db_path;
    int nconn;
    dyad_store **stores;         /* nconn read-only connections */
    int *busy;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    long query_ms;
    int verbose;
    int no_cache;
    /* Static files: the embedded dashboard and the Debian JavaScript
     * libraries, read once at start-up. */
    struct stat_file {
        const char *url, *type;
        const unsigned char *data;
        size_t len;
        char *owned;             /* read from disk, freed at exit */
    } files[8];
    int nfiles;
    pthread_mutex_t cache_mu;
    cached cache[CACHE_SLOTS];
    size_t cache_bytes;
    char stamp[128];             /* the store file's identity when cached */
} server;

/* One request: its parameters, its connection and its answer. */
typedef struct req {
    server *srv;
    struct MHD_Connection *conn;
    sqlite3 *db;                 /* SQLite's connection (NULL on PostgreSQL): the time limit */
    dyadi_sqldb *rows;           /* the row reader every statement goes through */
    int slot;
    const char *key[MAX_PARAMS], *val[MAX_PARAMS];
    int used[MAX_PARAMS];
    int n, too_many, nul;
    int csv;
    FILE *out;
    char *body;
    size_t len;
    struct timespec deadline;
    const char *stop_reason;     /* set by the progress handler */
    int status;
    char err[320];
} req;

/* ---- helpers -------------------------------------------------------------- */

/* Parameters as MHD decoded them; a NUL inside a value (%00) would cut it
 * short as a C string, so such a request is refused whole. */
static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
                               size_t key_size, const char *value, size_t value_size)
{
    req *r = cls;
    if (r->n >= MAX_PARAMS) {
        r->too_many = 1;
        return MHD_YES;
    }
    if (strlen(key) != key_size || (value && strlen(value) != value_size))
        r->nul = 1;
    r->key[r->n] = key;
    r->val[r->n] = value ? value : "";
    r->used[r->n] = 0;
    r->n++;
    return MHD_YES;
}

/* A 400 answer: the message names the parameter and quotes its value. */
static int bad(req *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, sizeof r->err, fmt, ap);
    va_end(ap);
    r->status = MHD_HTTP_BAD_REQUEST;
    return -1;
}

/* The value of parameter name, or NULL; a name given twice is an error
 * (reported through r->status). */
static const char *param(req *r, const char *name)
{
    const char *v = NULL;
    for (int i = 0; i < r->n; i++) {
        if (strcmp(r->key[i], name) != 0)
            continue;
        r->used[i] = 1;
        if (v) {
            bad(r, "parameter '%s' is given twice", name);
            return NULL;
        }
        v = r->val[i];
    }
    return v;
}

/* After a call has read its parameters: any other is an error. */
static int unknown_params(req *r)
{
    if (r->too_many)
        return bad(r, "too many parameters (at most %d)", MAX_PARAMS);
    for (int i = 0; i < r->n; i++)
        if (!r->used[i]) {
            char name[64];
            snprintf(name, sizeof name, "%s", r->key[i]);
            return bad(r, "unknown parameter '%s' (see docs/api.md)", name);
        }
    return 0;
}

/* Every value: bounded, no control characters (they are never part of a
 * code, a date or a name). */
static int check_values(req *r)
{
    if (r->nul)
        return bad(r, "a parameter holds a control character (NUL)");
    for (int i = 0; i < r->n; i++) {
        size_t n = strlen(r->val[i]);
        if (n > VALUE_MAX || strlen(r->key[i]) > 64)
            return bad(r, "parameter '%.64s' is longer than %d bytes", r->key[i], VALUE_MAX);
        for (size_t k = 0; k < n; k++)
            if ((unsigned char)r->val[i][k] < 0x20 || r->val[i][k] == 0x7f)
                return bad(r, "parameter '%.64s' holds a control character", r->key[i]);
    }
    return 0;
}

/* A number in [lo, hi]; def when absent. */
static int num_param(req *r, const char *name, long lo, long hi, long def, long *out)
{
    const char *v = param(r, name);
    *out = def;
    if (r->status)
        return -1;
    if (!v)
        return 0;
    char *end = NULL;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (!*v || *end || errno || n < lo || n > hi)
        return bad(r, "%s must be a whole number from %ld to %ld, not '%s'", name, lo, hi, v);
    *out = n;
    return 0;
}

/* A flag: absent, 0 or 1. */
static int flag_param(req *r, const char *name, int *out)
{
    const char *v = param(r, name);
    *out = 0;
    if (r->status)
        return -1;
    if (!v)
        return 0;
    if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
        *out = 1;
    else if (strcmp(v, "0") != 0 && strcmp(v, "false") != 0)
        return bad(r, "%s must be 0 or 1, not '%s'", name, v);
    return 0;
}

/* The parameters named like a command's options, into values (indexed
 * like o) as a cli_args of the command wants them: the options in own are
 * the server's, not parameters; full stands for full-codes (as for
 * /api/graph); a flag is 0 or 1. */
static int option_params(req *r, const cli_opt *o, size_t n, const char *const *own,
                         const char **values)
{
    for (size_t i = 0; i < n; i++) {
        const char *name = o[i].name;
        int skip = 0;
        for (size_t k = 0; own[k]; k++)
            skip |= strcmp(name, own[k]) == 0;
        if (skip)
            continue;
        if (strcmp(name, "full-codes") == 0)
            name = "full";
        values[i] = param(r, name);
        if (r->status)
            return -1;
        if (values[i] && !o[i].arg) {
            int on;
            if (flag_param(r, name, &on) != 0)
                return -1;
            values[i] = on ? "1" : NULL;
        }
    }
    return 0;
}

/* format=json|csv, or Accept: text/csv. */
static int format_param(req *r)
{
    const char *v = param(r, "format");
    if (r->status)
        return -1;
    if (!v) {
        const char *acc =
            r->conn ? MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Accept") : NULL;
        r->csv = acc && strstr(acc, "text/csv") != NULL;
        return 0;
    }
    if (strcmp(v, "csv") == 0)
        r->csv = 1;
    else if (strcmp(v, "json") != 0)
        return bad(r, "format must be json or csv, not '%s'", v);
    return 0;
}

static int period_param(req *r, char from[11], char to[11])
{
    const char *v = param(r, "period");
    from[0] = to[0] = '\0';
    if (r->status)
        return -1;
    if (v && period_parse(v, from, to) != 0)
        return bad(r, "period must be YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO, not '%s'", v);
    return 0;
}

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* SQLite calls this every few thousand steps: stop a query that runs past
 * the deadline or whose answer grows past RESPONSE_MAX. */
static int progress(void *ud)
{
    req *r = ud;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    if (t.tv_sec > r->deadline.tv_sec ||
        (t.tv_sec == r->deadline.tv_sec && t.tv_nsec > r->deadline.tv_nsec)) {
        r->stop_reason = "time";
        return 1;
    }
    long pos = r->out ? ftell(r->out) : 0;
    if (pos > (long)RESPONSE_MAX) {
        r->stop_reason = "size";
        return 1;
    }
    return 0;
}

/* A failed statement: a limit that stopped it, or an error of the store. */
static int db_error(req *r)
{
    if (r->stop_reason && strcmp(r->stop_reason, "time") == 0) {
        r->status = MHD_HTTP_SERVICE_UNAVAILABLE;
        snprintf(r->err, sizeof r->err,
                 "the query ran longer than %ld ms; narrow the period or the filters",
                 r->srv->query_ms);
    } else if (r->stop_reason) {
        r->status = MHD_HTTP_CONTENT_TOO_LARGE;
        snprintf(r->err, sizeof r->err,
                 "the answer is larger than %u MB; narrow the period or the filters",
                 RESPONSE_MAX >> 20);
    } else {
        r->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
        snprintf(r->err, sizeof r->err, "cannot read the store: %s",
                 dyadi_sqldb_errmsg(r->rows));
    }
    return -1;
}

static int prepare(req *r, const char *sql, dyadi_sqlrows **st)
{
    if (!(*st = dyadi_sqlrows_prepare(r->rows, sql, 0)))
        return db_error(r);
    return 0;
}

/* Write a whole result set as {"name": [rows], ...} or CSV. */
static int write_list(req *r, const char *name, dyadi_sqlrows *st)
{
    if (!r->csv) {
        fputc('{', r->out);
        json_cstr(r->out, name);
        fputs(": ", r->out);
    }
    if (db_write_rows("serve", r->rows, st, r->csv ? OUT_CSV : OUT_JSON, r->out) != 0)
        return db_error(r);
    if (!r->csv)
        fputs("}\n", r->out);
    return 0;
}

/* ---- /api/events ---------------------------------------------------------- */

static const struct {
    const char *name, *order;
} sorts[] = {
    /* Dates in the order of `dyad query` (dbopts.h's SQL_DATE_KEY). */
    {"date", SQL_DATE_KEY("event_date") ", id"},
    {"-date", SQL_DATE_KEY("event_date") " DESC, id DESC"},
    {"goldstein", "goldstein, " SQL_DATE_KEY("event_date") ", id"},
    {"-goldstein", "goldstein DESC, " SQL_DATE_KEY("event_date") ", id"},
    {"mentions", "num_mentions, " SQL_DATE_KEY("event_date") ", id"},
    {"-mentions", "num_mentions DESC, " SQL_DATE_KEY("event_date") ", id"},
};

static const char EVIDENCE_SQL[] =
    "SELECT doc_id AS doc, sent, rule, sentence, sentence_start, source_text, source_start,"
    " source_end, trigger_text, trigger_start, trigger_end, target_text, target_start,"
    " target_end, attribution_text AS attribution, polarity, modality, "
    SQL_MARK_COLUMNS("event_mentions", "marked")
    " FROM event_mentions WHERE event_id = ?1 ORDER BY id LIMIT ?2";

static int api_events(req *r)
{
    size_t nq;
    const cli_opt *qopts = query_options(&nq);
    const char **values = calloc(nq, sizeof *values);
    query_stmt *qs = NULL;
    dyadi_sqlrows *st = NULL, *ev = NULL;
    char *sql = NULL;
    int rc = -1, evidence = 0;
    long limit, offset;
    if (!values) {
        r->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
        snprintf(r->err, sizeof r->err, "out of memory");
        return -1;
    }
    /* The filters of `dyad query`, by the same names; the store, the
     * output and the page are the server's to choose. */
    static const char *const own[] = {"db", "format", "limit", "evidence", NULL};
    if (option_params(r, qopts, nq, own, values) != 0)
        goto done;
    const char *sort = param(r, "sort");
    /* JSON lists each event's evidence unless evidence=0 (a map needs none). */
    int no_evidence = param(r, "evidence") != NULL;
    if (r->status || format_param(r) != 0 || flag_param(r, "evidence", &evidence) != 0 ||
        num_param(r, "limit", 1, PAGE_MAX, PAGE_DEFAULT, &limit) != 0 ||
        num_param(r, "offset", 0, OFFSET_MAX, 0, &offset) != 0 || unknown_params(r) != 0)
        goto done;
    const char *order = NULL;
    for (size_t i = 0; i < sizeof sorts / sizeof sorts[0]; i++)
        if (strcmp(sort ? sort : "date", sorts[i].name) == 0)
            order = sorts[i].order;
    if (!order) {
        bad(r, "sort must be date, -date, goldstein, -goldstein, mentions or -mentions, not '%s'",
            sort);
        goto done;
    }
    /* CSV with evidence=1: one row per sighting, as `dyad query --evidence`. */
    for (size_t i = 0; i < nq; i++)
        if (strcmp(qopts[i].name, "evidence") == 0 && r->csv && evidence)
            values[i] = "1";
    cli_args a = {values, NULL, 0};
    if (!(qs = query_stmt_new(r->rows, &a, r->err, sizeof r->err))) {
        r->status = MHD_HTTP_BAD_REQUEST;
        goto done;
    }
    int np = query_stmt_nparams(qs);
    /* an event's sightings in their order, which the outer sort keeps in
     * SQLite by chance only */
    sql = sqlite3_mprintf("SELECT * FROM (%s) q ORDER BY %s%s LIMIT ?%d OFFSET ?%d",
                          query_stmt_sql(qs), order, r->csv && evidence ? ", _sighting" : "",
                          np + 1, np + 2);
    if (!sql) {
        db_error(r);
        goto done;
    }
    if (prepare(r, sql, &st) != 0 || query_stmt_bind(qs, st) < 0)
        goto done;
    /* One more than the page, to tell whether another page follows. */
    if (dyadi_sqlrows_bind_int64(st, np + 1, r->csv ? limit : limit + 1) != 0 ||
        dyadi_sqlrows_bind_int64(st, np + 2, offset) != 0) {
        db_error(r);
        goto done;
    }
    if (r->csv) {
        if (db_write_rows("serve", r->rows, st, OUT_CSV, r->out) != 0) {
            db_error(r);
            goto done;
        }
        rc = 0;
        goto done;
    }
    if (prepare(r, EVIDENCE_SQL, &ev) != 0)
        goto done;
    fprintf(r->out, "{\"offset\": %ld, \"limit\": %ld, \"events\": [", offset, limit);
    long n = 0;
    int src, more = 0;
    while ((src = dyadi_sqlrows_step(st)) == 1) {
        if (n == limit) {
            more = 1;
            break;
        }
        fputs(n++ ? ",\n" : "\n", r->out);
        db_write_row_json(r->out, st);
        if (no_evidence && !evidence)
            continue;
        /* Splice the evidence into the object written just now. */
        fseek(r->out, -1, SEEK_CUR);
        fputs(", \"evidence\": ", r->out);
        dyadi_sqlrows_reset(ev);
        dyadi_sqlrows_bind_int64(ev, 1, dyadi_sqlrows_int64(st, 0));
        dyadi_sqlrows_bind_int64(ev, 2, EVIDENCE_MAX);
        if (db_write_rows("serve", r->rows, ev, OUT_JSON, r->out) != 0) {
            db_error(r);
            goto done;
        }
        fseek(r->out, -1, SEEK_CUR);   /* the array's newline */
        fputc('}', r->out);
    }
    if (src < 0) {
        db_error(r);
        goto done;
    }
    fprintf(r->out, "],\n \"more\": %s}\n", more ? "true" : "false");
    rc = 0;
done:
    sqlite3_free(sql);
    dyadi_sqlrows_free(st);
    dyadi_sqlrows_free(ev);
    query_stmt_free(qs);
    free(values);
    return rc;
}

/* ---- /api/relations ------------------------------------------------------- */

static int api_relations(req *r)
{
    size_t no;
    const cli_opt *ropts = relations_options(&no);
    const char **values = calloc(no, sizeof *values);
    int rc = -1, matched;
    if (!values) {
        r->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
        snprintf(r->err, sizeof r->err, "out of memory");
        return -1;
    }
    /* The options of `dyad relations` by the same names. */
    static const char *const own[] = {"db", "format", NULL};
    if (option_params(r, ropts, no, own, values) != 0 || format_param(r) != 0 ||
        unknown_params(r) != 0)
        goto done;
    cli_args a = {values, NULL, 0};
    if (!r->csv)
        fputs("{\"relations\": ", r->out);
    db_usage_sink(r->err, sizeof r->err);
    int wrc = relations_write(r->rows, &a, r->csv ? OUT_CSV : OUT_JSON, r->out, &matched);
    db_usage_sink(NULL, 0);
    if (wrc == EXIT_USAGE) {
        r->status = MHD_HTTP_BAD_REQUEST;
        goto done;
    }
    if (wrc != 0) {
        db_error(r);
        goto done;
    }
    if (!r->csv)
        fputs("}\n", r->out);
    rc = 0;
done:
    free(values);
    return rc;
}

/* ---- /api/graph ----------------------------------------------------------- */

static int api_graph(req *r)
{
    char from[11], to[11];
    int full, nodes, rc = -1;
    graph g;
    memset(&g, 0, sizeof g);
    if (period_param(r, from, to) != 0 || flag_param(r, "full", &full) != 0 ||
        flag_param(r, "nodes", &nodes) != 0 || format_param(r) != 0 || unknown_params(r) != 0)
        return -1;
    if (graph_read(r->rows, from, to, full, &g) != 0) {
        db_error(r);
        goto done;
    }
    if (!r->csv) {
        graph_write_json(r->out, g.nv, g.nn, g.ev, g.ne);
    } else if (nodes) {
        fputs("id,name,events,as_source,as_target\r\n", r->out);
        for (size_t i = 0; i < g.nn; i++) {
            csv_field(r->out, g.nv[i].id, strlen(g.nv[i].id));
            fputc(',', r->out);
            csv_field(r->out, g.nv[i].name, strlen(g.nv[i].name));
            fprintf(r->out, ",%lld,%lld,%lld\r\n", g.nv[i].events, g.nv[i].out, g.nv[i].in);
        }
    } else {
        fputs("source,target,count,goldstein,goldstein_total,q1,q2,q3,q4\r\n", r->out);
        for (size_t i = 0; i < g.ne; i++) {
            const edge *e = &g.ev[i];
            csv_field(r->out, e->src, strlen(e->src));
            fputc(',', r->out);
            csv_field(r->out, e->tgt, strlen(e->tgt));
            fprintf(r->out, ",%lld,%.2f,%.2f,%lld,%lld,%lld,%lld\r\n", e->n, e->mean, e->total,
                    e->q[0], e->q[1], e->q[2], e->q[3]);
        }
    }
    rc = 0;
done:
    graph_free(&g);
    return rc;
}

/* ---- /api/actors ---------------------------------------------------------- */

/* Actors named in the documents: the code's commonest name, its mentions,
 * and its events as source and as target (exact code, by index). */
/* The code's commonest name: of names as frequent, the first in byte
 * order (a window function, as dbopts.h's SQL_ACTOR_NAMES_WHERE). %s:
 * prefix_op, and LIKE (SQLite: ASCII case-insensitive) or ILIKE. */
static const char ACTORS_SQL[] =
    "WITH m AS (SELECT code, text, count(*) AS k FROM mentions_actor"
    "  WHERE kind = 'actor' AND code IS NOT NULL AND code <> ''"
    "  AND (?1 IS NULL OR code%s?1 OR text%s?2 ESCAPE '\\')"
    "  GROUP BY code, text),"
    " best AS (SELECT code, name FROM (SELECT code, text AS name, row_number() OVER"
    "  (PARTITION BY code ORDER BY k DESC, text) AS rn FROM m) r WHERE rn = 1),"
    " tot AS (SELECT code, sum(k) AS mentions FROM m GROUP BY code),"
    " a AS (SELECT b.code, b.name, t.mentions,"
    "  (SELECT count(*) FROM events WHERE source = b.code) AS as_source,"
    "  (SELECT count(*) FROM events WHERE target = b.code) AS as_target"
    "  FROM best b JOIN tot t ON t.code = b.code)"
    " SELECT code, name, mentions, as_source, as_target, as_source + as_target AS events FROM a"
    " ORDER BY events DESC, mentions DESC, code LIMIT ?3";

static int api_actors(req *r)
{
    long limit;
    int rc = -1;
    dyadi_sqlrows *st = NULL;
    char glob[80] = "", like[2 * VALUE_MAX + 3];
    const char *q = param(r, "q");
    if (r->status || num_param(r, "limit", 1, ACTORS_MAX, 50, &limit) != 0 ||
        format_param(r) != 0 || unknown_params(r) != 0)
        return -1;
    if (q && !*q)
        q = NULL;
    /* The code side: a prefix when q is a code; the name side: q anywhere
     * in a name, with LIKE's own metacharacters escaped. */
    size_t k = 0;
    like[k++] = '%';
    for (const char *p = q ? q : ""; *p && k + 3 < sizeof like; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            like[k++] = '\\';
        like[k++] = *p;
    }
    like[k++] = '%';
    like[k] = '\0';
    if (q && valid_code(q))
        prefix_pattern(r->rows, q, glob, sizeof glob);
    else if (q)
        snprintf(glob, sizeof glob, "%s", "-");   /* matches no code */
    char sql[sizeof ACTORS_SQL + 32];
    snprintf(sql, sizeof sql, ACTORS_SQL, prefix_op(r->rows),
             dyadi_sqldb_is_pg(r->rows) ? " ILIKE " : " LIKE ");
    if (prepare(r, sql, &st) != 0)
        goto done;
    if (dyadi_sqlrows_bind_cstr(st, 1, q ? glob : NULL) != 0 ||
        dyadi_sqlrows_bind_cstr(st, 2, q ? like : NULL) != 0 ||
        dyadi_sqlrows_bind_int64(st, 3, limit) != 0) {
        db_error(r);
        goto done;
    }
    rc = write_list(r, "actors", st);
done:
    dyadi_sqlrows_free(st);
    return rc;
}

/* ---- /api/documents/{id} -------------------------------------------------- */

static const char DOC_SQL[] =
    "SELECT id, date, lang, title, url, source, n_events, text FROM documents WHERE id = ?1";
/* A document's sightings from the store's tables, by the (doc) index and
 * the sentence's length as stored: through the event_mentions view the
 * filter on doc_id would scan every sighting, and the length inflate the
 * text (docs/store.md, schema version 3). */
static const char DOC_EVENTS_SQL[] =
    "SELECT m.event_id, e.event_date, e.source, e.target, e.code, e.quad, e.goldstein, m.sent,"
    " m.sentence_start, m.sentence_len AS sentence_bytes,"
    " m.source_start, m.source_end, m.trigger_start, m.trigger_end, m.target_start,"
    " m.target_end, (SELECT s FROM store_strings WHERE id = m.rule) AS rule,"
    " (SELECT s FROM store_strings WHERE id = m.polarity) AS polarity,"
    " (SELECT s FROM store_strings WHERE id = m.modality) AS modality"
    " FROM store_sightings m JOIN events e ON e.id = m.event_id"
    " WHERE m.doc = (SELECT n FROM store_documents WHERE id = ?1)"
    " ORDER BY m.sent, m.id";

static int api_document(req *r, const char *id)
{
    dyadi_sqlrows *st = NULL, *ev = NULL;
    int rc = -1, src;
    size_t n = strlen(id);
    if (format_param(r) != 0 || unknown_params(r) != 0)
        return -1;
    if (n == 0 || n > VALUE_MAX)
        return bad(r, "a document id has 1 to %d bytes", VALUE_MAX);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)id[i] < 0x20 || id[i] == 0x7f)
            return bad(r, "a document id has no control characters");
    if (prepare(r, DOC_SQL, &st) != 0 || prepare(r, DOC_EVENTS_SQL, &ev) != 0)
        goto done;
    if (dyadi_sqlrows_bind_cstr(st, 1, id) != 0 || dyadi_sqlrows_bind_cstr(ev, 1, id) != 0) {
        db_error(r);
        goto done;
    }
    if ((src = dyadi_sqlrows_step(st)) != 1) {
        if (src != 0) {
            db_error(r);
            goto done;
        }
        r->status = MHD_HTTP_NOT_FOUND;
        snprintf(r->err, sizeof r->err, "no document with this id");
        goto done;
    }
    if (r->csv) {
        rc = db_write_rows("serve", r->rows, ev, OUT_CSV, r->out) == 0 ? 0 : db_error(r);
        goto done;
    }
    db_write_row_json(r->out, st);
    fseek(r->out, -1, SEEK_CUR);
    fputs(", \"events\": ", r->out);
    if (db_write_rows("serve", r->rows, ev, OUT_JSON, r->out) != 0) {
        db_error(r);
        goto done;
    }
    fseek(r->out, -1, SEEK_CUR);
    fputs("}\n", r->out);
    rc = 0;
done:
    dyadi_sqlrows_free(st);
    dyadi_sqlrows_free(ev);
    return rc;
}

/* ---- /api/stats ----------------------------------------------------------- */

static int scalar(req *r, const char *sql, long long *out)
{
    dyadi_sqlrows *st = NULL;
    int rc = prepare(r, sql, &st);
    if (rc == 0 && dyadi_sqlrows_step(st) == 1)
        *out = dyadi_sqlrows_int64(st, 0);
    else if (rc == 0)
        rc = db_error(r);
    dyadi_sqlrows_free(st);
    return rc;
}

static int api_stats(req *r)
{
    /* Month by month along the index on event_date (a seek to each month,
     * then a count of its range): on a million events 7 times faster than
     * GROUP BY substr(...), which sorts every row. */
    static const char MONTHS_SQL[] =
        "WITH RECURSIVE m(month) AS ("
        "  SELECT substr(min(event_date), 1, 7) FROM events WHERE event_date >= '0'"
        "  UNION ALL SELECT (SELECT substr(min(event_date), 1, 7) FROM events"
        "   WHERE event_date >= m.month || '~') FROM m WHERE m.month IS NOT NULL)"
        " SELECT month, (SELECT count(*) FROM events WHERE event_date >= month"
        "  AND event_date < month || '~') AS events"
        " FROM m WHERE %s ORDER BY month";
    static const char LANGS_SQL[] =
        "SELECT lang, count(*) AS documents FROM documents GROUP BY lang ORDER BY documents DESC";
    dyadi_sqlrows *st = NULL;
    long long docs = 0, events = 0, sightings = 0;
    int rc = -1, months;
    if (flag_param(r, "languages", &months) != 0 || format_param(r) != 0 ||
        unknown_params(r) != 0)
        return -1;
    /* a month "YYYY-MM": the stores' one difference here */
    char months_sql[sizeof MONTHS_SQL + 64];
    snprintf(months_sql, sizeof months_sql, MONTHS_SQL,
             dyadi_sqldb_is_pg(r->rows) ? "month ~ '^[0-9]{4}-[0-9]{2}$'"
                                        : "month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'");
    if (r->csv) {
        /* CSV: the months list, or the languages with languages=1. */
        if (prepare(r, months ? LANGS_SQL : months_sql, &st) == 0)
            rc = db_write_rows("serve", r->rows, st, OUT_CSV, r->out) == 0 ? 0 : db_error(r);
        dyadi_sqlrows_free(st);
        return rc;
    }
    struct stat sb;
    long long bytes = stat(r->srv->db_path, &sb) == 0 ? (long long)sb.st_size : -1;
    if (scalar(r, "SELECT count(*) FROM documents", &docs) != 0 ||
        scalar(r, "SELECT count(*) FROM events", &events) != 0 ||
        scalar(r, "SELECT count(*) FROM event_mentions", &sightings) != 0)
        return -1;
    fprintf(r->out, "{\"store_bytes\": %lld, \"documents\": %lld, \"events\": %lld, "
                    "\"sightings\": %lld, \"months\": ",
            bytes, docs, events, sightings);
    if (prepare(r, months_sql, &st) != 0 ||
        db_write_rows("serve", r->rows, st, OUT_JSON, r->out) != 0) {
        db_error(r);
        goto done;
    }
    dyadi_sqlrows_free(st);
    st = NULL;
    fseek(r->out, -1, SEEK_CUR);   /* the array's newline */
    fputs(", \"languages\": ", r->out);
    if (prepare(r, LANGS_SQL, &st) != 0 ||
        db_write_rows("serve", r->rows, st, OUT_JSON, r->out) != 0) {
        db_error(r);
        goto done;
    }
    fseek(r->out, -1, SEEK_CUR);
    fputs("}\n", r->out);
    rc = 0;
done:
    dyadi_sqlrows_free(st);
    return rc;
}

/* ---- connections, cache, responses ---------------------------------------- */

static int take_store(server *s)
{
    pthread_mutex_lock(&s->mu);
    int slot = -1;
    while (slot < 0) {
        for (int i = 0; i < s->nconn && slot < 0; i++)
            if (!s->busy[i])
                slot = i;
        if (slot < 0)
            pthread_cond_wait(&s->cv, &s->mu);
    }
    s->busy[slot] = 1;
    pthread_mutex_unlock(&s->mu);
    return slot;
}

static void give_store(server *s, int slot)
{
    pthread_mutex_lock(&s->mu);
    s->busy[slot] = 0;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

/* The store's identity: its file and its WAL, sizes and times. */
static void store_stamp(const char *path, char out[128])
{
    struct stat a, b;
    char wal[4200];
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    snprintf(wal, sizeof wal, "%s-wal", path);
    stat(path, &a);
    stat(wal, &b);
    snprintf(out, 128, "%lld.%ld.%lld/%lld.%ld.%lld", (long long)a.st_mtim.tv_sec,
             a.st_mtim.tv_nsec, (long long)a.st_size, (long long)b.st_mtim.tv_sec,
             b.st_mtim.tv_nsec, (long long)b.st_size);
}

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;   /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The cache key: the path, the parameters in their order, the format.
 * The path, names and values are length-prefixed: decoded, they may hold
 * '&' and '=' (q=a%26limit%3D1 is not q=a&limit=1). */
static char *cache_key(req *r, const char *url)
{
    char *k = sqlite3_mprintf("%d:%s%s", (int)strlen(url), url, r->csv ? " csv" : "");
    for (int i = 0; k && i < r->n; i++) {
        char *k2 = sqlite3_mprintf("%s&%d:%s=%d:%s", k, (int)strlen(r->key[i]), r->key[i],
                                   (int)strlen(r->val[i]), r->val[i]);
        sqlite3_free(k);
        k = k2;
    }
    return k;
}

static struct MHD_Response *cache_get(server *s, const char *key, int *status, const char **type)
{
    struct MHD_Response *resp = NULL;
    char stamp[128];
    store_stamp(s->db_path, stamp);
    pthread_mutex_lock(&s->cache_mu);
    if (strcmp(stamp, s->stamp) != 0) {
        for (int i = 0; i < CACHE_SLOTS; i++) {
            sqlite3_free(s->cache[i].key);
            free(s->cache[i].body);
            memset(&s->cache[i], 0, sizeof s->cache[i]);
        }
        s->cache_bytes = 0;
        memcpy(s->stamp, stamp, sizeof stamp);
    }
    cached *c = &s->cache[hash(key) % CACHE_SLOTS];
    if (c->key && strcmp(c->key, key) == 0) {
        resp = MHD_create_response_from_buffer(c->len, c->body, MHD_RESPMEM_MUST_COPY);
        *status = c->status;
        *type = c->type;
    }
    pthread_mutex_unlock(&s->cache_mu);
    return resp;
}

static void cache_put(server *s, const char *key, const char *body, size_t len, int status,
                      const char *type)
{
    if (len > CACHE_BODY_MAX)
        return;
    char *kc = sqlite3_mprintf("%s", key);
    char *bc = malloc(len ? len : 1);
    if (!kc || !bc) {
        sqlite3_free(kc);
        free(bc);
        return;
    }
    memcpy(bc, body, len);
    pthread_mutex_lock(&s->cache_mu);
    cached *c = &s->cache[hash(key) % CACHE_SLOTS];
    s->cache_bytes -= c->len;
    sqlite3_free(c->key);
    free(c->body);
    memset(c, 0, sizeof *c);
    /* Memory stays bounded whatever URLs clients invent: past the total,
     * an answer is simply not kept. */
    if (s->cache_bytes + len <= CACHE_TOTAL_MAX) {
        *c = (cached){kc, bc, len, status, type};
        s->cache_bytes += len;
        kc = NULL;
        bc = NULL;
    }
    pthread_mutex_unlock(&s->cache_mu);
    sqlite3_free(kc);
    free(bc);
}

static void add_headers(struct MHD_Response *resp, const char *type, int api)
{
    MHD_add_response_header(resp, "Content-Type", type);
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cache-Control", api ? "no-store" : "no-cache");
}

static enum MHD_Result send_buf(struct MHD_Connection *c, int status, const char *type,
                                const void *data, size_t len, enum MHD_ResponseMemoryMode mode,
                                int api)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)data, mode);
    if (!resp)
        return MHD_NO;
    add_headers(resp, type, api);
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(resp, "Allow", "GET, HEAD");
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* A JSON error body {"error": "..."} with its status. */
static enum MHD_Result send_error(struct MHD_Connection *c, int status, const char *msg)
{
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    if (!f)
        return MHD_NO;
    fputs("{\"error\": ", f);
    json_cstr(f, msg);
    fprintf(f, ", \"status\": %d}\n", status);
    if (fclose(f) != 0) {
        free(body);
        return MHD_NO;
    }
    return send_buf(c, status, "application/json; charset=utf-8", body, len,
                    MHD_RESPMEM_MUST_FREE, 1);
}

static const char TYPE_JSON[] = "application/json; charset=utf-8";
static const char TYPE_CSV[] = "text/csv; charset=utf-8";

/* The request's queries stop after --query-ms (progress() checks). */
static void set_deadline(req *r)
{
    long long deadline = now_ms() + r->srv->query_ms;
    r->deadline.tv_sec = (time_t)(deadline / 1000);
    r->deadline.tv_nsec = (long)(deadline % 1000) * 1000000;
    if (r->db)      /* PostgreSQL: the session's statement_timeout (cmd_serve) */
        sqlite3_progress_handler(r->db, 2000, progress, r);
}

/* The dashboard's first call, computed once before the server listens and
 * kept in the answer cache like any answer (so emptied when the store
 * changes): its month counts read every event's date, 0.1 s of a first
 * load on a million events. A failure only leaves the cache empty. */
static void warm_stats(server *s)
{
    req r;
    memset(&r, 0, sizeof r);
    r.srv = s;
    r.db = dyad_store_sqlite(s->stores[0]);
    r.rows = dyadi_store_sqldb(s->stores[0]);
    if (!(r.out = open_memstream(&r.body, &r.len)))
        return;
    set_deadline(&r);
    int rc = api_stats(&r);
    if (r.db)
        sqlite3_progress_handler(r.db, 0, NULL, NULL);
    if (fclose(r.out) == 0 && rc == 0) {
        store_stamp(s->db_path, s->stamp);
        char *key = cache_key(&r, "/api/stats");
        if (key)
            cache_put(s, key, r.body, r.len, MHD_HTTP_OK, TYPE_JSON);
        sqlite3_free(key);
    }
    free(r.body);
}

static enum MHD_Result api(server *s, struct MHD_Connection *c, const char *url)
{
    req r;
    memset(&r, 0, sizeof r);
    r.srv = s;
    r.conn = c;
    MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect, &r);
    if (check_values(&r) != 0)
        return send_error(c, r.status, r.err);
    /* The format decides the cache key: read it once here (it is read
     * again, and marked used, by each call). */
    const char *acc = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept");
    const char *fv = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "format");
    r.csv = fv ? strcmp(fv, "csv") == 0 : acc && strstr(acc, "text/csv") != NULL;
    char *key = s->no_cache ? NULL : cache_key(&r, url);
    int status;
    const char *type;
    if (key) {
        struct MHD_Response *hit = cache_get(s, key, &status, &type);
        if (hit) {
            sqlite3_free(key);
            add_headers(hit, type, 1);
            enum MHD_Result ret = MHD_queue_response(c, (unsigned)status, hit);
            MHD_destroy_response(hit);
            return ret;
        }
    }
    r.csv = 0;
    r.out = open_memstream(&r.body, &r.len);
    if (!r.out) {
        sqlite3_free(key);
        return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    }
    r.slot = take_store(s);
    r.db = dyad_store_sqlite(s->stores[r.slot]);
    r.rows = dyadi_store_sqldb(s->stores[r.slot]);
    set_deadline(&r);
    int rc;
    if (strcmp(url, "/api/events") == 0)
        rc = api_events(&r);
    else if (strcmp(url, "/api/relations") == 0)
        rc = api_relations(&r);
    else if (strcmp(url, "/api/graph") == 0)
        rc = api_graph(&r);
    else if (strcmp(url, "/api/actors") == 0)
        rc = api_actors(&r);
    else if (strcmp(url, "/api/stats") == 0)
        rc = api_stats(&r);
    else if (strncmp(url, "/api/documents/", 15) == 0)
        rc = api_document(&r, url + 15);
    else {
        r.status = MHD_HTTP_NOT_FOUND;
        snprintf(r.err, sizeof r.err, "no such API call (see docs/api.md)");
        rc = -1;
    }
    if (r.db)
        sqlite3_progress_handler(r.db, 0, NULL, NULL);
    give_store(s, r.slot);
    int failed = fclose(r.out) != 0;
    enum MHD_Result ret;
    if (rc != 0 || failed) {
        free(r.body);
        if (!r.status)
            r.status = MHD_HTTP_INTERNAL_SERVER_ERROR;
        /* Errors of the request itself are worth caching; limits are not. */
        ret = send_error(c, r.status, failed ? "out of memory" : r.err);
    } else {
        type = r.csv ? TYPE_CSV : TYPE_JSON;
        if (key)
            cache_put(s, key, r.body, r.len, MHD_HTTP_OK, type);
        ret = send_buf(c, MHD_HTTP_OK, type, r.body, r.len, MHD_RESPMEM_MUST_FREE, 1);
    }
    sqlite3_free(key);
    return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    server *s = cls;
    static int first_call;
    if (s->verbose)
        fprintf(stderr, "dyad serve: %s %s\n", method, url);
    /* The first call sees the headers only; a request with a body is
     * refused before the body is read. */
    if (*con_cls == NULL) {
        *con_cls = &first_call;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
        if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
            return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD are served");
        if (te || (cl && strcmp(cl, "0") != 0))
            return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "requests carry no body");
        if (strncmp(url, "/api/", 5) == 0)
            return api(s, c, url);
        for (int i = 0; i < s->nfiles; i++)
            if (strcmp(url, s->files[i].url) == 0)
                return send_buf(c, MHD_HTTP_OK, s->files[i].type, s->files[i].data,
                                s->files[i].len, MHD_RESPMEM_PERSISTENT, 0);
        return send_error(c, MHD_HTTP_NOT_FOUND, "not found");
    }
    /* A body arrived anyway (the response is queued): drop it. */
    *upload_size = 0;
    return MHD_YES;
}

/* ---- start-up -------------------------------------------------------------- */

static const char *type_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot && strcmp(dot, ".html") == 0)
        return "text/html; charset=utf-8";
    if (dot && strcmp(dot, ".js") == 0)
        return "text/javascript; charset=utf-8";
    if (dot && strcmp(dot, ".css") == 0)
        return "text/css; charset=utf-8";
    return "application/octet-stream";
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f)
        return NULL;
    for (;;) {
        if (n == cap) {
            if (cap >= (8u << 20))
                goto fail;   /* no JavaScript library is this large */
            size_t ncap = cap ? cap * 2 : 65536;
            char *p = realloc(buf, ncap);
            if (!p)
                goto fail;
            buf = p;
            cap = ncap;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (k == 0)
            break;
    }
    if (ferror(f))
        goto fail;
    fclose(f);
    *len = n;
    return buf;
fail:
    fclose(f);
    free(buf);
    return NULL;
}

/* The fixed table of files: the embedded dashboard, and d3 and Leaflet from
 * Debian's libjs-d3 and libjs-leaflet (DYAD_JS_DIR overrides their folder).
 * A missing library is a warning: the API still works. */
static void load_files(server *s, int quiet)
{
    /* Leaflet's minified build when the package has it (a third of the
     * bytes for the browser to parse on a first load), else its source. */
    static const struct {
        const char *url, *path, *alt;
    } libs[] = {
        {"/lib/d3.min.js", "d3/d3.min.js", NULL},
        {"/lib/leaflet.js", "leaflet/leaflet.min.js", "leaflet/leaflet.js"},
        {"/lib/leaflet.css", "leaflet/leaflet.css", NULL},
    };
    for (size_t i = 0; i < web_assets_count && s->nfiles < 5; i++) {
        static char urls[5][64];
        const web_asset *w = &web_assets[i];
        snprintf(urls[s->nfiles], sizeof urls[0], "/%s",
                 strcmp(w->name, "index.html") == 0 ? "" : w->name);
        s->files[s->nfiles] = (struct stat_file){urls[s->nfiles], type_of(w->name), w->data,
                                                 w->len, NULL};
        s->nfiles++;
    }
    const char *dir = getenv("DYAD_JS_DIR");
    for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++) {
        char path[4200];
        size_t len;
        snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/javascript",
                 libs[i].path);
        char *data = read_file(path, &len);
        if (!data && libs[i].alt) {
            snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/javascript",
                     libs[i].alt);
            data = read_file(path, &len);
        }
        if (!data) {
            if (!quiet)
                fprintf(stderr, "dyad serve: warning: cannot read %s (install libjs-d3 and "
                                "libjs-leaflet: tools/bootstrap.sh); the dashboard needs it\n",
                        path);
            continue;
        }
        s->files[s->nfiles++] = (struct stat_file){libs[i].url, type_of(libs[i].url),
                                                   (const unsigned char *)data, len, data};
    }
}

/* HOST:PORT or [V6HOST]:PORT, numeric only. */
static int parse_listen(const char *v, struct sockaddr_storage *ss, int *v6)
{
    char host[128];
    const char *colon = strrchr(v, ':');
    if (!colon || colon == v || (size_t)(colon - v) >= sizeof host)
        return -1;
    memcpy(host, v, (size_t)(colon - v));
    host[colon - v] = '\0';
    char *end = NULL;
    long port = strtol(colon + 1, &end, 10);
    if (!colon[1] || *end || port < 0 || port > 65535)
        return -1;
    memset(ss, 0, sizeof *ss);
    size_t hl = strlen(host);
    if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        host[hl - 1] = '\0';
        if (inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1)
            return -1;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        *v6 = 1;
        return 0;
    }
    struct sockaddr_in *a = (struct sockaddr_in *)ss;
    if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
        return -1;
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)port);
    *v6 = 0;
    return 0;
}

static int is_loopback(const struct sockaddr_storage *ss)
{
    if (ss->ss_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr) >> 24) == 127;
    return memcmp(&((const struct sockaddr_in6 *)ss)->sin6_addr, &in6addr_loopback,
                  sizeof in6addr_loopback) == 0;
}

static int int_opt(const cli_args *a, const char *name, long lo, long hi, long def, long *out)
{
    const char *v = cli_get(a, opts, NOPTS, name);
    *out = def;
    if (!v)
        return 0;
    char *end = NULL;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < lo || n > hi) {
        fprintf(stderr, "dyad serve: --%s must be a number from %ld to %ld, not '%s'\n", name, lo,
                hi, v);
        return EXIT_USAGE;
    }
    *out = n;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    cli_args a;
    server *s = NULL;
    struct MHD_Daemon *d = NULL;
    long threads, maxconn, qms, idle;
    int rc = cli_parse(argc, argv, "dyad serve [--db PATH] [--listen HOST:PORT] [OPTIONS]",
                       "Serve the event store: a JSON and CSV API under /api/ (docs/api.md) and\n"
                       "the dashboard at /. The store is opened read-only. Stop with Ctrl-C.\n"
                       "Exit status: 0 stopped by a signal, 1 error, 2 bad usage.",
                       opts, NOPTS, &a);
    if (rc != 0) {
        cli_args_free(&a);
        return rc < 0 ? EXIT_OK : rc;
    }
    const char *listen = cli_get(&a, opts, NOPTS, "listen");
    const char *db = cli_get(&a, opts, NOPTS, "db");
    int quiet = cli_verbosity == 0;   /* -q; -v logs every request */
    struct sockaddr_storage ss;
    int v6 = 0;
    if (a.npos) {
        fprintf(stderr, "dyad serve: unexpected argument '%s' (see --help)\n", a.pos[0]);
        rc = EXIT_USAGE;
        goto done;
    }
    if ((rc = int_opt(&a, "threads", 1, 64, 2, &threads)) != 0 ||
        (rc = int_opt(&a, "max-connections", 1, 10000, 64, &maxconn)) != 0 ||
        (rc = int_opt(&a, "query-ms", 10, 600000, 5000, &qms)) != 0 ||
        (rc = int_opt(&a, "idle-seconds", 1, 3600, 10, &idle)) != 0)
        goto done;
    if (parse_listen(listen ? listen : "127.0.0.1:8080", &ss, &v6) != 0) {
        fprintf(stderr, "dyad serve: --listen must be a numeric HOST:PORT such as 127.0.0.1:8080 "
                        "or [::1]:8080, not '%s'\n", listen);
        rc = EXIT_USAGE;
        goto done;
    }
    if (!(s = calloc(1, sizeof *s))) {
        fprintf(stderr, "dyad serve: out of memory\n");
        rc = EXIT_FAIL;
        goto done;
    }
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    pthread_mutex_init(&s->cache_mu, NULL);
    s->db_path = db ? db : CLI_DB_DEFAULT;
    s->query_ms = qms;
    s->verbose = cli_verbosity >= 2;
    s->no_cache = cli_get(&a, opts, NOPTS, "no-cache") != NULL;
    s->nconn = (int)threads;
    s->stores = calloc((size_t)threads, sizeof *s->stores);
    s->busy = calloc((size_t)threads, sizeof *s->busy);
    if (!s->stores || !s->busy) {
        fprintf(stderr, "dyad serve: out of memory\n");
        rc = EXIT_FAIL;
        goto done;
    }
    for (int i = 0; i < s->nconn; i++) {
        dyadi_sqldb *rows;
        if ((rc = db_open_read("serve", s->db_path, &s->stores[i], &rows)) != 0)
            goto done;
        sqlite3 *h = dyad_store_sqlite(s->stores[i]);
        /* Belt and braces over the read-only open: no statement may write.
         * PostgreSQL: the session is read-only already (store_pg.c), and
         * the time limit is the server's statement_timeout. */
        if (h && sqlite3_exec(h, "PRAGMA query_only = 1; PRAGMA cache_size = -16384", NULL,
                              NULL, NULL) != SQLITE_OK) {
            fprintf(stderr, "dyad serve: %s: %s\n", s->db_path, sqlite3_errmsg(h));
            rc = EXIT_FAIL;
            goto done;
        }
        if (!h) {
            char set[64];
            snprintf(set, sizeof set, "SET statement_timeout = %ld", qms);
            dyadi_sqlrows *st = dyadi_sqlrows_prepare(rows, set, 0);
            int bad = !st || dyadi_sqlrows_step(st) != 0;
            dyadi_sqlrows_free(st);
            if (bad) {
                fprintf(stderr, "dyad serve: %s\n", dyadi_sqldb_errmsg(rows));
                rc = EXIT_FAIL;
                goto done;
            }
            /* the answer cache keys on the store file's identity, which a
             * database has not: every answer is read afresh */
            s->no_cache = 1;
        }
    }
    load_files(s, quiet);
    if (!s->no_cache)
        warm_stats(s);
    if (!is_loopback(&ss) && !quiet)
        fprintf(stderr, "dyad serve: warning: listening beyond this machine (%s); anyone who "
                        "reaches it can read the store\n", listen);
    /* Signals go to sigwait below, not to the daemon's threads (which
     * inherit this mask). */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    /* A thread per connection (bounded by --max-connections): a request
     * waits for a store connection only when it runs queries, so the
     * page's scripts and cached answers never queue behind a query that
     * happens to share a worker's event loop (on a first load, d3 used to
     * wait 0.4 s behind /api/stats). ITC: the thread of a closed
     * connection wakes the listener at once, so its slot under
     * --max-connections is free for the next client. */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                     MHD_USE_POLL | MHD_USE_ITC;
    if (v6)
        flags |= MHD_USE_IPv6;
    d = MHD_start_daemon(flags, 0, NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR,
                         (struct sockaddr *)&ss, MHD_OPTION_CONNECTION_LIMIT, (unsigned)maxconn,
                         MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)PER_IP_MAX,
                         MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)idle,
                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "dyad serve: cannot listen on %s: %s\n",
                listen ? listen : "127.0.0.1:8080", strerror(errno));
        rc = EXIT_FAIL;
        goto done;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_LISTEN_FD);
    struct sockaddr_storage bound;
    socklen_t bl = sizeof bound;
    char host[64] = "?";
    int port = 0;
    if (info && getsockname(info->listen_fd, (struct sockaddr *)&bound, &bl) == 0) {
        if (bound.ss_family == AF_INET6) {
            struct sockaddr_in6 *b6 = (struct sockaddr_in6 *)&bound;
            char h6[INET6_ADDRSTRLEN];
            inet_ntop(AF_INET6, &b6->sin6_addr, h6, sizeof h6);
            snprintf(host, sizeof host, "[%s]", h6);
            port = ntohs(b6->sin6_port);
        } else {
            struct sockaddr_in *b4 = (struct sockaddr_in *)&bound;
            inet_ntop(AF_INET, &b4->sin_addr, host, sizeof host);
            port = ntohs(b4->sin_port);
        }
    }
    /* This line is the one message on stdout: scripts read the port from it. */
    printf("http://%s:%d/\n", host, port);
    fflush(stdout);
    if (!quiet)
        fprintf(stderr, "dyad serve: serving %s at http://%s:%d/ (Ctrl-C stops)\n", s->db_path,
                host, port);
    int sig = 0;
    while (sigwait(&sigs, &sig) != 0)
        ;
    if (!quiet)
        fprintf(stderr, "dyad serve: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    rc = EXIT_OK;
done:
    if (d)
        MHD_stop_daemon(d);
    if (s) {
        for (int i = 0; s->stores && i < s->nconn; i++)
            dyad_store_free(s->stores[i]);
        for (int i = 0; i < s->nfiles; i++)
            free(s->files[i].owned);
        for (int i = 0; i < CACHE_SLOTS; i++) {
            sqlite3_free(s->cache[i].key);
            free(s->cache[i].body);
        }
        pthread_mutex_destroy(&s->mu);
        pthread_cond_destroy(&s->cv);
        pthread_mutex_destroy(&s->cache_mu);
        free(s->stores);
        free(s->busy);
        free(s);
    }
    cli_args_free(&a);
    return rc;
}
