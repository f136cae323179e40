/* dbopts.h - pieces shared by the commands that read the event store
 * (query, relations, graph, export): opening it, output formats, writing a
 * result set as an aligned table, CSV or JSON Lines, and date periods. */
#ifndef DYAD_CLI_DBOPTS_H
#define DYAD_CLI_DBOPTS_H
#include "cli.h"

#include <sqlite3.h>

#define CLI_DB_DEFAULT "dyad.db"
#define CLI_DB_OPTION {"db", 0, "PATH", "event store (default: dyad.db)"}

/* OUT_JSON: one JSON array of objects (for `dyad serve`). */
enum { OUT_TABLE = 0, OUT_CSV = 1, OUT_JSONL = 2, OUT_JSON = 3 };

/* Open an existing store read-only; on failure report it and return
 * EXIT_FAIL (*s NULL). */
int db_open_read(const char *cmd, const char *path, dyad_store **s);

/* Parse --format (table, csv, jsonl); NULL: table on a terminal, else csv.
 * Returns 0 or EXIT_USAGE (reported). */
int out_format(const char *cmd, const char *value, int *fmt);

/* Step st to the end, writing every row to f in the format. Column names
 * come from the statement. Returns 0 or EXIT_FAIL (reported). */
int db_write_rows(const char *cmd, sqlite3 *db, sqlite3_stmt *st, int fmt, FILE *f);

/* The current row of st as one JSON object (column names as keys; NULL
 * is null, numbers stay numbers). */
void db_write_row_json(FILE *f, sqlite3_stmt *st);

/* One RFC 4180 field: quoted when it holds a comma, quote, CR or LF. */
void csv_field(FILE *f, const char *s, size_t n);

/* An actor, country or code prefix given on the command line: letters and
 * digits only, so it can go into a GLOB pattern as is. */
int valid_code(const char *s);

/* A period: YYYY, YYYY-MM, YYYY-MM-DD, or FROM..TO with either side any of
 * these (an open side: "..2022-08"). from/to are the first and last days,
 * "" for an open side. Returns 0, or -1 for a malformed period. */
int period_parse(const char *p, char from[11], char to[11]);

/* The lower bound on event_date for a period starting on the day from:
 * "2022-08" when from is 2022-08-01, so that events dated to the month
 * only ("2022-08" sorts before "2022-08-01") are included. */
void period_lo(const char *from, char out[11]);

/* A date YYYY-MM-DD moved by k days into out. */
void date_add_days(const char *d, long k, char out[11]);
/* Day of the week of YYYY-MM-DD, 0 = Monday. */
int date_weekday(const char *d);

/* Prepare sql or report the error; 0 or EXIT_FAIL. */
int db_prepare(const char *cmd, sqlite3 *db, const char *sql, sqlite3_stmt **st);
#endif
