/* sqlrows.h - one row reader over both stores (sqlrows.c): the reading
 * commands (query, export, relations, graph) prepare a statement written
 * with '?' or '?N' placeholders, bind values, step through its rows and
 * read their columns, the same calls whether the store is an SQLite file
 * or a PostgreSQL database. Internal; the CLI reaches it through
 * dyadi_store_sqldb (store.h). */
#ifndef DYAD_SQLROWS_H
#define DYAD_SQLROWS_H
#include <stddef.h>
#include <stdint.h>

struct sqlite3;
struct pg_conn;

/* A connection to read through. */
typedef struct dyadi_sqldb dyadi_sqldb;
/* A prepared statement and, once stepped, its current row. */
typedef struct dyadi_sqlrows dyadi_sqlrows;

/* Column types, as SQLite names them: a PostgreSQL column's type decides
 * it (integers, reals and numeric, bytea, the rest text). */
enum { DYADI_SQL_INT = 1, DYADI_SQL_FLOAT = 2, DYADI_SQL_TEXT = 3, DYADI_SQL_BLOB = 4,
       DYADI_SQL_NULL = 5 };

/* A reader over one of the two connections (the other NULL), borrowed:
 * it must outlive the dyadi_sqldb. NULL when out of memory. Caller frees
 * with dyadi_sqldb_free. */
dyadi_sqldb *dyadi_sqldb_new(struct sqlite3 *lite, struct pg_conn *pg);
void dyadi_sqldb_free(dyadi_sqldb *db);
/* 1 for PostgreSQL, 0 for SQLite. */
int dyadi_sqldb_is_pg(const dyadi_sqldb *db);
/* The SQLite connection (NULL on PostgreSQL): for what only SQLite has. */
struct sqlite3 *dyadi_sqldb_sqlite(dyadi_sqldb *db);
/* The last error's message, one line; owned by db. */
const char *dyadi_sqldb_errmsg(const dyadi_sqldb *db);

/* Prepare sql ('?' placeholders numbered in order, or '?N'). stream 1:
 * the rows are fetched a slice at a time (a PostgreSQL cursor), so that
 * memory stays flat however many there are; other statements may run
 * while it is open. NULL on error (dyadi_sqldb_errmsg). Caller frees with
 * dyadi_sqlrows_free. */
dyadi_sqlrows *dyadi_sqlrows_prepare(dyadi_sqldb *db, const char *sql, int stream);
void dyadi_sqlrows_free(dyadi_sqlrows *r);

/* Bind parameter i (1-based). Text is copied. 0, or -1 (errmsg). */
int dyadi_sqlrows_bind_text(dyadi_sqlrows *r, int i, const char *s, size_t n);
int dyadi_sqlrows_bind_cstr(dyadi_sqlrows *r, int i, const char *s);   /* NULL: null */
int dyadi_sqlrows_bind_int64(dyadi_sqlrows *r, int i, int64_t v);
int dyadi_sqlrows_bind_double(dyadi_sqlrows *r, int i, double v);
int dyadi_sqlrows_bind_null(dyadi_sqlrows *r, int i);

/* Run (on the first call after prepare or reset) and move to the next
 * row: 1 a row, 0 no more rows, -1 an error (errmsg). */
int dyadi_sqlrows_step(dyadi_sqlrows *r);
/* Back to before the first row; the bindings stay. */
void dyadi_sqlrows_reset(dyadi_sqlrows *r);

/* The statement's columns (known after the first step on PostgreSQL,
 * before it on SQLite). */
int dyadi_sqlrows_columns(dyadi_sqlrows *r);
const char *dyadi_sqlrows_name(dyadi_sqlrows *r, int i);

/* Column i of the current row. Text and bytes are borrowed until the next
 * step, reset or free; text is NUL-terminated; *n may be NULL. A NULL
 * value is "" (text), 0 (numbers). */
int dyadi_sqlrows_type(dyadi_sqlrows *r, int i);
const char *dyadi_sqlrows_text(dyadi_sqlrows *r, int i, size_t *n);
const void *dyadi_sqlrows_bytes(dyadi_sqlrows *r, int i, size_t *n);
int64_t dyadi_sqlrows_int64(dyadi_sqlrows *r, int i);
double dyadi_sqlrows_double(dyadi_sqlrows *r, int i);
#endif
