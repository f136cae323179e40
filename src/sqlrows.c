/* sqlrows.c - the row reader behind the store-reading commands (query,
 * export, relations, graph): one interface, two implementations, so that
 * each command has one code path whichever store it reads.
 *
 * SQLite: a thin wrapper of sqlite3_stmt.
 * PostgreSQL (libpq): the statement's '?' and '?N' placeholders (outside
 * quotes) become $N; values go as text parameters with their type (text,
 * int8, float8) through PQexecParams, never pasted into the SQL. A plain
 * statement's rows come in one result; a streaming one (export's million
 * rows) is a cursor in a read-only transaction, fetched STREAM_ROWS at a
 * time, so that memory stays flat and other statements (export's string
 * lookups) may run between two rows, which libpq's single-row mode would
 * not allow. Results are in text form: a column's type (PQftype) says how
 * to read it, so that numbers print as SQLite's do.
 */
#include "sqlrows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <sqlite3.h>

/* Rows of a cursor fetched at once. */
#define STREAM_ROWS 2000
/* Parameters a statement may have. */
#define MAX_PARAMS 99

/* Type oids (pg_type.h is a server header). */
#define OID_BOOL 16
#define OID_BYTEA 17
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_TEXT 25
#define OID_OID 26
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700

struct dyadi_sqldb {
    sqlite3 *lite;
    PGconn *pg;
    int cursors;            /* open cursors (PostgreSQL) */
    int own_tx;             /* the read-only transaction they live in is ours */
    unsigned long next;     /* cursor names */
    char errmsg[512];
};

struct dyadi_sqlrows {
    dyadi_sqldb *db;
    sqlite3_stmt *st;       /* SQLite */
    /* PostgreSQL */
    char *sql;              /* with $N */
    int nparam;
    char *val[MAX_PARAMS];
    Oid type[MAX_PARAMS];
    int stream, started, done, cursor_open;
    char cursor[32];
    PGresult *res;
    int row, nrows;
    unsigned char **unesc;  /* bytea cells of the row, unescaped (malloc) */
    size_t *unlen;
    int nunesc;
};

dyadi_sqldb *dyadi_sqldb_new(sqlite3 *lite, PGconn *pg)
{
    dyadi_sqldb *db = calloc(1, sizeof *db);
    if (db) {
        db->lite = lite;
        db->pg = pg;
    }
    return db;
}

void dyadi_sqldb_free(dyadi_sqldb *db)
{
    if (!db)
        return;
    if (db->pg && db->own_tx)
        PQclear(PQexec(db->pg, "ROLLBACK"));
    free(db);
}

int dyadi_sqldb_is_pg(const dyadi_sqldb *db)
{
    return db->pg != NULL;
}

sqlite3 *dyadi_sqldb_sqlite(dyadi_sqldb *db)
{
    return db->lite;
}

const char *dyadi_sqldb_errmsg(const dyadi_sqldb *db)
{
    if (db->lite)
        return sqlite3_errmsg(db->lite);
    return db->errmsg[0] ? db->errmsg : "no error";
}

/* The first line of libpq's message, without "ERROR:  ". */
static void pg_error(dyadi_sqldb *db, const PGresult *res)
{
    const char *m = res ? PQresultErrorMessage(res) : NULL;
    if (!m || !*m)
        m = PQerrorMessage(db->pg);
    if (strncmp(m, "ERROR:  ", 8) == 0 || strncmp(m, "FATAL:  ", 8) == 0)
        m += 8;
    size_t n = strcspn(m, "\n");
    const char *lost = PQstatus(db->pg) == CONNECTION_BAD ? "connection to the server lost: " : "";
    snprintf(db->errmsg, sizeof db->errmsg, "%s%.*s", lost, (int)(n < 400 ? n : 400), m);
}

static void set_error(dyadi_sqldb *db, const char *msg)
{
    snprintf(db->errmsg, sizeof db->errmsg, "%s", msg);
}

/* sql with its placeholders as PostgreSQL's $N, outside quoted strings
 * and names; *nparam: the highest number. NULL when out of memory or
 * with too many parameters. */
static char *pg_sql(dyadi_sqldb *db, const char *sql, int *nparam)
{
    size_t n = strlen(sql);
    char *out = malloc(2 * n + 1);     /* '?' (1) becomes at most "$99" (3) */
    if (!out) {
        set_error(db, "out of memory");
        return NULL;
    }
    size_t k = 0;
    int next = 0, max = 0;
    char quote = 0;
    for (size_t i = 0; i < n; i++) {
        char c = sql[i];
        if (quote) {
            if (c == quote)
                quote = 0;
            out[k++] = c;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            out[k++] = c;
            continue;
        }
        if (c != '?') {
            out[k++] = c;
            continue;
        }
        int num = 0;
        size_t j = i + 1;
        while (j < n && sql[j] >= '0' && sql[j] <= '9' && num <= MAX_PARAMS)
            num = num * 10 + (sql[j++] - '0');
        if (j == i + 1)
            num = next + 1;          /* a bare '?': the next after the highest so far */
        if (num < 1 || num > MAX_PARAMS) {
            free(out);
            set_error(db, "too many parameters");
            return NULL;
        }
        next = num > next ? num : next;
        max = num > max ? num : max;
        k += (size_t)snprintf(out + k, 4, "$%d", num);
        i = j - 1;
    }
    out[k] = '\0';
    *nparam = max;
    return out;
}

dyadi_sqlrows *dyadi_sqlrows_prepare(dyadi_sqldb *db, const char *sql, int stream)
{
    dyadi_sqlrows *r = calloc(1, sizeof *r);
    if (!r) {
        if (db->pg)
            set_error(db, "out of memory");
        return NULL;
    }
    r->db = db;
    r->stream = stream;
    if (db->lite) {
        if (sqlite3_prepare_v2(db->lite, sql, -1, &r->st, NULL) != SQLITE_OK) {
            sqlite3_finalize(r->st);
            free(r);
            return NULL;
        }
        return r;
    }
    if (!(r->sql = pg_sql(db, sql, &r->nparam))) {
        free(r);
        return NULL;
    }
    return r;
}

static void clear_row(dyadi_sqlrows *r)
{
    for (int i = 0; i < r->nunesc; i++) {
        if (r->unesc[i])
            free(r->unesc[i]);
        r->unesc[i] = NULL;
    }
}

static void close_cursor(dyadi_sqlrows *r)
{
    dyadi_sqldb *db = r->db;
    if (!r->cursor_open)
        return;
    char stmt[64];
    snprintf(stmt, sizeof stmt, "CLOSE %s", r->cursor);
    PQclear(PQexec(db->pg, stmt));
    r->cursor_open = 0;
    if (--db->cursors == 0 && db->own_tx) {
        PQclear(PQexec(db->pg, "COMMIT"));
        db->own_tx = 0;
    }
}

/* Forget the results: before the statement runs again. */
static void pg_reset(dyadi_sqlrows *r)
{
    clear_row(r);
    PQclear(r->res);
    r->res = NULL;
    close_cursor(r);
    r->started = r->done = 0;
    r->row = r->nrows = 0;
}

void dyadi_sqlrows_free(dyadi_sqlrows *r)
{
    if (!r)
        return;
    if (r->st)
        sqlite3_finalize(r->st);
    if (r->db->pg) {
        pg_reset(r);
        for (int i = 0; i < r->nparam; i++)
            free(r->val[i]);
        free(r->unesc);
        free(r->unlen);
        free(r->sql);
    }
    free(r);
}

void dyadi_sqlrows_reset(dyadi_sqlrows *r)
{
    if (r->st)
        sqlite3_reset(r->st);
    else
        pg_reset(r);
}

/* Parameter i (1-based) of a PostgreSQL statement as text (NULL: null). */
static int pg_bind(dyadi_sqlrows *r, int i, const char *s, size_t n, Oid type)
{
    if (i < 1 || i > r->nparam) {
        set_error(r->db, "no such parameter");
        return -1;
    }
    char *c = NULL;
    if (s) {
        if (!(c = malloc(n + 1))) {
            set_error(r->db, "out of memory");
            return -1;
        }
        memcpy(c, s, n);
        c[n] = '\0';
    }
    free(r->val[i - 1]);
    r->val[i - 1] = c;
    r->type[i - 1] = type;
    return 0;
}

int dyadi_sqlrows_bind_text(dyadi_sqlrows *r, int i, const char *s, size_t n)
{
    if (r->st)
        return sqlite3_bind_text(r->st, i, s, (int)n, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
    return pg_bind(r, i, s, n, OID_TEXT);
}

int dyadi_sqlrows_bind_cstr(dyadi_sqlrows *r, int i, const char *s)
{
    return s ? dyadi_sqlrows_bind_text(r, i, s, strlen(s)) : dyadi_sqlrows_bind_null(r, i);
}

int dyadi_sqlrows_bind_int64(dyadi_sqlrows *r, int i, int64_t v)
{
    if (r->st)
        return sqlite3_bind_int64(r->st, i, v) == SQLITE_OK ? 0 : -1;
    char t[32];
    int n = snprintf(t, sizeof t, "%lld", (long long)v);
    return pg_bind(r, i, t, (size_t)n, OID_INT8);
}

int dyadi_sqlrows_bind_double(dyadi_sqlrows *r, int i, double v)
{
    if (r->st)
        return sqlite3_bind_double(r->st, i, v) == SQLITE_OK ? 0 : -1;
    char t[40];
    int n = snprintf(t, sizeof t, "%.17g", v);
    return pg_bind(r, i, t, (size_t)n, OID_FLOAT8);
}

int dyadi_sqlrows_bind_null(dyadi_sqlrows *r, int i)
{
    if (r->st)
        return sqlite3_bind_null(r->st, i) == SQLITE_OK ? 0 : -1;
    /* typed, so that "?N IS NULL" alone says what $N is */
    return pg_bind(r, i, NULL, 0, OID_TEXT);
}

static int pg_ok(dyadi_sqldb *db, PGresult *res)
{
    ExecStatusType t = PQresultStatus(res);
    if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK)
        return 1;
    pg_error(db, res);
    return 0;
}

static int pg_fetch(dyadi_sqlrows *r)
{
    char stmt[64];
    snprintf(stmt, sizeof stmt, "FETCH %d FROM %s", STREAM_ROWS, r->cursor);
    clear_row(r);
    PQclear(r->res);
    r->res = PQexec(r->db->pg, stmt);
    if (!pg_ok(r->db, r->res))
        return -1;
    r->row = -1;
    r->nrows = PQntuples(r->res);
    r->done = r->nrows < STREAM_ROWS;
    return 0;
}

/* Run the statement: its first rows in r->res. 0 or -1. */
static int pg_run(dyadi_sqlrows *r)
{
    dyadi_sqldb *db = r->db;
    const char *const *vals = (const char *const *)r->val;
    r->started = 1;
    r->row = -1;
    if (!r->stream) {
        r->res = PQexecParams(db->pg, r->sql, r->nparam, r->type, vals, NULL, NULL, 0);
        if (!pg_ok(db, r->res))
            return -1;
        r->nrows = PQntuples(r->res);
        r->done = 1;
        return 0;
    }
    /* a cursor lives in a transaction: a read-only one of ours when the
     * connection is in none */
    if (db->cursors == 0 && PQtransactionStatus(db->pg) == PQTRANS_IDLE) {
        PGresult *b = PQexec(db->pg, "BEGIN READ ONLY");
        int good = pg_ok(db, b);
        PQclear(b);
        if (!good)
            return -1;
        db->own_tx = 1;
    }
    snprintf(r->cursor, sizeof r->cursor, "dyad_rows_%lu", ++db->next);
    size_t n = strlen(r->sql) + 64;
    char *decl = malloc(n);
    if (!decl) {
        set_error(db, "out of memory");
        return -1;
    }
    snprintf(decl, n, "DECLARE %s NO SCROLL CURSOR FOR %s", r->cursor, r->sql);
    PGresult *d = PQexecParams(db->pg, decl, r->nparam, r->type, vals, NULL, NULL, 0);
    free(decl);
    int good = pg_ok(db, d);
    PQclear(d);
    if (!good) {
        if (db->cursors == 0 && db->own_tx) {   /* end the aborted transaction */
            PQclear(PQexec(db->pg, "ROLLBACK"));
            db->own_tx = 0;
        }
        return -1;
    }
    r->cursor_open = 1;
    db->cursors++;
    return pg_fetch(r);
}

int dyadi_sqlrows_step(dyadi_sqlrows *r)
{
    if (r->st) {
        int rc = sqlite3_step(r->st);
        return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    }
    if (!r->started && pg_run(r) != 0)
        return -1;
    if (!r->res)
        return -1;
    clear_row(r);
    if (++r->row < r->nrows)
        return 1;
    if (r->done)
        return 0;
    if (pg_fetch(r) != 0)
        return -1;
    return ++r->row < r->nrows ? 1 : 0;
}

int dyadi_sqlrows_columns(dyadi_sqlrows *r)
{
    if (r->st)
        return sqlite3_column_count(r->st);
    if (!r->started && pg_run(r) != 0)
        return 0;
    return r->res ? PQnfields(r->res) : 0;
}

const char *dyadi_sqlrows_name(dyadi_sqlrows *r, int i)
{
    if (r->st) {
        const char *s = sqlite3_column_name(r->st, i);
        return s ? s : "";
    }
    const char *s = r->res ? PQfname(r->res, i) : NULL;
    return s ? s : "";
}

/* Whether row r->row holds a cell i. */
static int pg_cell(dyadi_sqlrows *r, int i)
{
    return r->res && r->row >= 0 && r->row < r->nrows && i >= 0 && i < PQnfields(r->res);
}

int dyadi_sqlrows_type(dyadi_sqlrows *r, int i)
{
    if (r->st) {
        switch (sqlite3_column_type(r->st, i)) {
        case SQLITE_INTEGER: return DYADI_SQL_INT;
        case SQLITE_FLOAT: return DYADI_SQL_FLOAT;
        case SQLITE_BLOB: return DYADI_SQL_BLOB;
        case SQLITE_NULL: return DYADI_SQL_NULL;
        default: return DYADI_SQL_TEXT;
        }
    }
    if (!pg_cell(r, i) || PQgetisnull(r->res, r->row, i))
        return DYADI_SQL_NULL;
    switch (PQftype(r->res, i)) {
    case OID_INT2: case OID_INT4: case OID_INT8: case OID_OID: case OID_BOOL:
        return DYADI_SQL_INT;
    case OID_FLOAT4: case OID_FLOAT8:
        return DYADI_SQL_FLOAT;
    case OID_NUMERIC: {
        /* sum() of integers is numeric in PostgreSQL, an integer in SQLite */
        const char *v = PQgetvalue(r->res, r->row, i);
        return strpbrk(v, ".eEN") ? DYADI_SQL_FLOAT : DYADI_SQL_INT;
    }
    case OID_BYTEA:
        return DYADI_SQL_BLOB;
    default:
        return DYADI_SQL_TEXT;
    }
}

const void *dyadi_sqlrows_bytes(dyadi_sqlrows *r, int i, size_t *n)
{
    size_t len = 0;
    const void *p = "";
    if (r->st) {
        const void *b = sqlite3_column_blob(r->st, i);
        len = b ? (size_t)sqlite3_column_bytes(r->st, i) : 0;
        p = b ? b : "";
    } else if (pg_cell(r, i) && !PQgetisnull(r->res, r->row, i)) {
        const char *v = PQgetvalue(r->res, r->row, i);
        len = (size_t)PQgetlength(r->res, r->row, i);
        p = v;
        if (PQftype(r->res, i) == OID_BYTEA) {
            int nf = PQnfields(r->res);
            if (r->nunesc < nf) {
                unsigned char **u = realloc(r->unesc, (size_t)nf * sizeof *u);
                size_t *l = u ? realloc(r->unlen, (size_t)nf * sizeof *l) : NULL;
                if (u)
                    r->unesc = u;
                if (!l) {
                    len = 0;
                    p = "";
                    goto out;
                }
                r->unlen = l;
                for (int k = r->nunesc; k < nf; k++)
                    u[k] = NULL;
                r->nunesc = nf;
            }
            if (!r->unesc[i]) {
                /* a copy with a NUL after it, so that it reads as text too */
                size_t m = 0;
                unsigned char *b = PQunescapeBytea((const unsigned char *)v, &m);
                unsigned char *c = b ? malloc(m + 1) : NULL;
                if (c) {
                    memcpy(c, b, m);
                    c[m] = '\0';
                }
                PQfreemem(b);
                r->unesc[i] = c;
                r->unlen[i] = c ? m : 0;
            }
            len = r->unesc[i] ? r->unlen[i] : 0;
            p = r->unesc[i] ? (const void *)r->unesc[i] : "";
        }
    }
out:
    if (n)
        *n = len;
    return p;
}

const char *dyadi_sqlrows_text(dyadi_sqlrows *r, int i, size_t *n)
{
    if (r->st) {
        const char *t = (const char *)sqlite3_column_text(r->st, i);
        if (n)
            *n = t ? (size_t)sqlite3_column_bytes(r->st, i) : 0;
        return t ? t : "";
    }
    if (!pg_cell(r, i) || PQgetisnull(r->res, r->row, i)) {
        if (n)
            *n = 0;
        return "";
    }
    if (PQftype(r->res, i) == OID_BOOL) {
        if (n)
            *n = 1;
        return PQgetvalue(r->res, r->row, i)[0] == 't' ? "1" : "0";
    }
    if (PQftype(r->res, i) == OID_BYTEA)
        return dyadi_sqlrows_bytes(r, i, n);
    if (n)
        *n = (size_t)PQgetlength(r->res, r->row, i);
    return PQgetvalue(r->res, r->row, i);
}

int64_t dyadi_sqlrows_int64(dyadi_sqlrows *r, int i)
{
    if (r->st)
        return sqlite3_column_int64(r->st, i);
    int t = dyadi_sqlrows_type(r, i);
    if (t == DYADI_SQL_NULL)
        return 0;
    const char *v = dyadi_sqlrows_text(r, i, NULL);
    if (t == DYADI_SQL_FLOAT)
        return (int64_t)strtod(v, NULL);
    return strtoll(v, NULL, 10);
}

double dyadi_sqlrows_double(dyadi_sqlrows *r, int i)
{
    if (r->st)
        return sqlite3_column_double(r->st, i);
    if (dyadi_sqlrows_type(r, i) == DYADI_SQL_NULL)
        return 0.0;
    return strtod(dyadi_sqlrows_text(r, i, NULL), NULL);
}
