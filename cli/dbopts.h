/* dbopts.h - pieces shared by the commands that read the event store
 * (query, relations, graph, export): opening it, output formats, writing a
 * result set as an aligned table, CSV or JSON Lines, and date periods. */
#ifndef DYAD_CLI_DBOPTS_H
#define DYAD_CLI_DBOPTS_H
#include "cli.h"

#include "sqlrows.h"

#define CLI_DB_DEFAULT "dyad.db"
#define CLI_DB_OPTION \
    {"db", 0, "PATH", "event store: an SQLite file or a postgresql:// URI (default: dyad.db)"}

/* OUT_JSON: one JSON array of objects (for `dyad serve`). */
enum { OUT_TABLE = 0, OUT_CSV = 1, OUT_JSONL = 2, OUT_JSON = 3 };

/* An event date as one point for sorting and --from/--to: an open
 * interval "../2022-08" (before the end of August 2022) is placed at its
 * known end, "2022-08"; other dates are themselves (docs/store.md). */
#define SQL_DATE_KEY(col) \
    "(CASE WHEN substr(" col ", 1, 3) = '../' THEN substr(" col ", 4) ELSE " col " END)"
/* The one day (YYYY-MM-DD) of an event date, for layouts that need one: the
 * key above, a month or year given its first day (docs/formats.md). */
#define SQL_DATE_DAY(col) \
    "(CASE WHEN " SQL_DATE_KEY(col) " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN " \
    SQL_DATE_KEY(col) " WHEN " SQL_DATE_KEY(col) " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN " \
    SQL_DATE_KEY(col) " || '-01' WHEN " SQL_DATE_KEY(col) " GLOB '[0-9][0-9][0-9][0-9]' THEN " \
    SQL_DATE_KEY(col) " || '-01-01' END)"
/* The same in PostgreSQL, which has regular expressions where SQLite has
 * GLOB: the two stores' one difference there. */
#define SQL_DATE_DAY_PG(col) \
    "(CASE WHEN " SQL_DATE_KEY(col) " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN " \
    SQL_DATE_KEY(col) " WHEN " SQL_DATE_KEY(col) " ~ '^[0-9]{4}-[0-9]{2}$' THEN " \
    SQL_DATE_KEY(col) " || '-01' WHEN " SQL_DATE_KEY(col) " ~ '^[0-9]{4}$' THEN " \
    SQL_DATE_KEY(col) " || '-01-01' END)"

/* A common table expression names(code, name, k): for each actor code
 * that passes cond (" AND code IN (...)": the codes a query shows), the
 * text its mentions most often have ("Russie", "Kremlin"), to print beside
 * codes; of texts as frequent, the first in byte order (a window function,
 * which SQLite and PostgreSQL both have, where SQLite alone would take the
 * bare column beside max(k)). It reads the
 * store's tables, not the mentions_actor view (which also looks up every
 * mention's document): the forms that pass first, then one pass over the
 * mention rows counting those forms, then the counts by code and text. */
#define SQL_ACTOR_NAMES_WHERE(cond) \
    "names(code, name, k) AS (SELECT code, text, k FROM (SELECT code, text, k," \
    " row_number() OVER (PARTITION BY code ORDER BY k DESC, text) AS rn FROM (SELECT code," \
    " text, sum(c) AS k FROM (SELECT form, count(*) AS c FROM store_mentions WHERE form IN" \
    " (SELECT id FROM store_actor_forms WHERE kind = 'actor' AND code <> '' AND text <> ''" \
    cond ") GROUP BY form) g JOIN store_actor_forms f ON f.id = g.form" \
    " GROUP BY code, text) ck) rk WHERE rn = 1)"

/* Open an existing store read-only (an SQLite file or a PostgreSQL URI)
 * and its row reader; on failure report it and return EXIT_FAIL (*s and
 * *db NULL). *db is borrowed from *s. */
int db_open_read(const char *cmd, const char *path, dyad_store **s, dyadi_sqldb **db);

/* A prefix condition on a column, the one place where the two stores'
 * SQL differs for it: "col GLOB ?N" with "PREFIX*" in SQLite (which seeks
 * it in an index), "col LIKE ?N" with "PREFIX%" in PostgreSQL. The prefix
 * is a code of letters and digits (valid_code), so no wildcard hides in
 * it. prefix_op: " GLOB " or " LIKE "; prefix_pattern: the pattern into
 * out (cap bytes). */
const char *prefix_op(const dyadi_sqldb *db);
void prefix_pattern(const dyadi_sqldb *db, const char *prefix, char *out, size_t cap);

/* Parse --format (table, csv, jsonl); NULL: table on a terminal, else csv.
 * Returns 0 or EXIT_USAGE (reported). */
int out_format(const char *cmd, const char *value, int *fmt);

/* Step st to the end, writing every row to f in the format. Column names
 * come from the statement. Returns 0 or EXIT_FAIL (reported). */
int db_write_rows(const char *cmd, dyadi_sqldb *db, dyadi_sqlrows *st, int fmt, FILE *f);
/* The same, counting the rows written into *rows. */
int db_write_rows_n(const char *cmd, dyadi_sqldb *db, dyadi_sqlrows *st, int fmt, FILE *f,
                    unsigned long long *rows);

/* The current row of st as one JSON object (column names as keys; NULL
 * is null, numbers stay numbers). */
void db_write_row_json(FILE *f, dyadi_sqlrows *st);

/* A column followed by the seven hidden columns of SQL_MARK_COLUMNS
 * (named "_mark_...") is written as the sentence with its spans marked,
 * "[SRC la Russie] <TRG a signé> un accord avec [TGT la Chine]" (done
 * here, in C, the same for both stores); those seven are not written,
 * nor is any column whose name starts with '_'.
 * Spans are byte offsets into the document; one that is NULL or not
 * inside the sentence is left unmarked rather than guessed. */
#define SQL_MARK_COLUMNS(m, name) \
    m ".sentence AS " name ", " m ".sentence_start AS _mark_base, " m ".source_start AS _mark_1," \
    " " m ".source_end AS _mark_2, " m ".trigger_start AS _mark_3, " m ".trigger_end AS _mark_4," \
    " " m ".target_start AS _mark_5, " m ".target_end AS _mark_6"

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
 * "2022-08" when from is 2022-08-01 ("2022" when it is 2022-01-01), so
 * that events dated to the month or year only ("2022-08" sorts before
 * "2022-08-01") are included. */
void period_lo(const char *from, char out[11]);

/* A date YYYY-MM-DD moved by k days into out. */
void date_add_days(const char *d, long k, char out[11]);
/* Day of the week of YYYY-MM-DD, 0 = Monday. */
int date_weekday(const char *d);

/* --period P: period_parse with the error reported (malformed, or FROM
 * after TO). 0 or EXIT_USAGE. */
int period_opt(const char *cmd, const char *opt, const char *v, char from[11], char to[11]);

/* --from/--to DATE (YYYY, YYYY-MM or YYYY-MM-DD): its first and last day.
 * 0 or EXIT_USAGE (reported). */
int date_opt(const char *cmd, const char *opt, const char *v, char first[11], char last[11]);

/* Filter values that cannot match are usage errors with a suggestion.
 * Each returns 0 or EXIT_USAGE (reported as "dyad CMD: --OPT ...").
 * An actor code (or prefix) must start a source or target code of the
 * store; a PLOVER type must be one of PLOVER's 16; a root 01-20; an event
 * code a prefix of one under those roots; a language one the store's
 * documents have. */
int check_actor_filter(const char *cmd, const char *opt, dyadi_sqldb *db, const char *v);
int check_plover_filter(const char *cmd, const char *v);
int check_root_filter(const char *cmd, const char *v);
int check_code_filter(const char *cmd, const char *v);
int check_lang_filter(const char *cmd, dyadi_sqldb *db, const char *v);

/* The candidate nearest to v (case-insensitive edit distance, at most about
 * a third of v's length), or NULL. */
const char *suggest(const char *v, const char *const *cands, size_t n);

/* A usage error of a store command: "dyad CMD: message" on stderr, or,
 * while the calling thread has a sink (`dyad serve` builds the commands'
 * statements from HTTP parameters on its own threads), the message alone
 * into the sink, with the "--" of option names left out (they are the
 * parameters' names). Returns EXIT_USAGE. */
int db_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Send this thread's usage errors to buf (len bytes; "" until one comes),
 * or back to stderr with buf NULL. */
void db_usage_sink(char *buf, size_t len);

/* Say on stderr that valid filters matched nothing (verbosity >= 1). */
void report_no_match(const char *cmd);

/* Prepare sql ('?' placeholders; stream: sqlrows.h) or report the error;
 * 0 or EXIT_FAIL. */
int db_prepare(const char *cmd, dyadi_sqldb *db, const char *sql, int stream, dyadi_sqlrows **st);
#endif
