/* cmd_relations.c - `dyad relations`: how each directed dyad (source
 * country -> target country) evolves step by step (day, week, month):
 * events by QuadClass, total and mean Goldstein, the cooperation-conflict
 * score (q1 + q2 - q3 - q4) / n, the three commonest codes, and the change
 * from the previous step. docs/store.md defines every column.
 *
 * Only asserted events with both a source and a target count, once each
 * (not weighted by mentions): a negated "refused to cooperate" is already
 * coded as its own conflict event by the coder. The period is widened to
 * whole steps, and the step before it is read too, so that the first
 * step's change is a real one. */
#include "dbopts.h"
#include "storeq.h"

#include <string.h>

static const cli_opt opts[] = {
    CLI_DB_OPTION,
    {"period", 0, "PERIOD", "YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO (default: everything)"},
    {"step", 0, "STEP", "day, week or month (default)"},
    {"actor", 0, "CODE", "only dyads whose source or target code starts with CODE"},
    {"full-codes", 0, NULL, "keep full actor codes (RUSGOV) instead of their country (RUS)"},
    {"format", 0, "FORMAT", "table (default on a terminal), csv (default otherwise) or jsonl"},
};
#define NOPTS (sizeof opts / sizeof opts[0])

/* Bucket label of an event, and of the step before a label; NULL for an
 * event whose date is too coarse for the step (a month-only date has no
 * day or week) or not a plain date (the coder's "../2022-08", before). */
static const char *const bucket_sql[] = {
    "CASE WHEN event_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN event_date END",
    "date(event_date, '-6 days', 'weekday 1')",
    "CASE WHEN event_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(event_date, 1, 7)"
    " END",
};
static const char *const prev_sql[] = {
    "date(g.step, '-1 day')",
    "date(g.step, '-7 days')",
    "strftime('%Y-%m', g.step || '-01', '-1 month')",
};

/* Period -> [lo_event, hi_event) for events and [lo_step, hi_step] for
 * labels, widened to whole steps. */
void relations_bounds(int step, const char *from, const char *to, char lo_ev[16], char hi_ev[16],
                   char lo_step[16], char hi_step[16])
{
    char d[11];
    snprintf(lo_ev, 16, "%s", "");
    snprintf(lo_step, 16, "%s", "");
    snprintf(hi_ev, 16, "%s", "~");
    snprintf(hi_step, 16, "%s", "~");
    if (from[0]) {
        if (step == STEP_MONTH) {
            snprintf(lo_step, 16, "%.7s", from);
            char first[11];
            snprintf(first, sizeof first, "%.7s-01", from);
            date_add_days(first, -1, d);
            snprintf(lo_ev, 16, "%.7s", d);
        } else if (step == STEP_WEEK) {
            date_add_days(from, -date_weekday(from), d);
            snprintf(lo_step, 16, "%s", d);
            date_add_days(lo_step, -7, d);
            snprintf(lo_ev, 16, "%s", d);
        } else {
            snprintf(lo_step, 16, "%s", from);
            date_add_days(from, -1, d);
            snprintf(lo_ev, 16, "%s", d);
        }
    }
    if (to[0]) {
        if (step == STEP_MONTH) {
            snprintf(hi_step, 16, "%.7s", to);
            snprintf(hi_ev, 16, "%.7s~", to);
        } else if (step == STEP_WEEK) {
            date_add_days(to, -date_weekday(to), d);
            snprintf(hi_step, 16, "%s", d);
            date_add_days(hi_step, 6, d);
            snprintf(hi_ev, 16, "%s~", d);
        } else {
            snprintf(hi_step, 16, "%s", to);
            snprintf(hi_ev, 16, "%s~", to);
        }
    }
}

/* The statement: ?1..?2 the events' date range, ?3..?4 the steps shown,
 * ?5 an actor GLOB or NULL. Shared with `dyad serve` (storeq.h). */
int relations_sql(int step, int full, char *sql, size_t len)
{
    const char *src = full ? "source" : "substr(source, 1, 3)";
    const char *tgt = full ? "target" : "substr(target, 1, 3)";
    int n = snprintf(
        sql, len,
        "WITH b AS (SELECT %s AS step, %s AS src, %s AS tgt, quad, goldstein, code FROM events"
        "  WHERE polarity = 'asserted' AND source <> '' AND target <> ''"
        "  AND event_date >= ?1 AND event_date < ?2 AND (?5 IS NULL OR source GLOB ?5"
        "  OR target GLOB ?5)),"
        " g AS (SELECT step, src, tgt, count(*) AS n, sum(quad = 1) AS q1, sum(quad = 2) AS q2,"
        "  sum(quad = 3) AS q3, sum(quad = 4) AS q4, round(sum(goldstein), 2) AS gt,"
        "  round(avg(goldstein), 2) AS gm,"
        "  round((sum(quad IN (1, 2)) - sum(quad IN (3, 4))) * 1.0 / count(*), 3) AS score"
        "  FROM b WHERE step IS NOT NULL GROUP BY step, src, tgt),"
        " c AS (SELECT step, src, tgt, code, count(*) AS k FROM b WHERE step IS NOT NULL"
        "  GROUP BY step, src, tgt, code)"
        " SELECT g.step, g.src AS source, g.tgt AS target, g.n AS events, g.q1, g.q2, g.q3, g.q4,"
        "  g.gt AS goldstein_total, g.gm AS goldstein_mean, g.score,"
        "  g.n - coalesce(p.n, 0) AS change_events,"
        "  CASE WHEN p.n IS NULL THEN NULL ELSE round(g.score - p.score, 3) END AS change_score,"
        "  (SELECT group_concat(code || ':' || k, ' ') FROM (SELECT code, k FROM c"
        "   WHERE c.step = g.step AND c.src = g.src AND c.tgt = g.tgt"
        "   ORDER BY k DESC, code LIMIT 3)) AS top_codes"
        " FROM g LEFT JOIN g AS p ON p.src = g.src AND p.tgt = g.tgt AND p.step = %s"
        " WHERE g.step >= ?3 AND g.step <= ?4"
        " ORDER BY g.step, g.n DESC, g.src, g.tgt",
        bucket_sql[step], src, tgt, prev_sql[step]);
    return n < 0 || (size_t)n >= len ? -1 : 0;
}

int cmd_relations(int argc, char **argv)
{
    cli_args a;
    dyad_store *store = NULL;
    sqlite3_stmt *st = NULL;
    int fmt = OUT_TABLE, step = STEP_MONTH;
    char from[11] = "", to[11] = "", glob[80] = "";
    char lo_ev[16], hi_ev[16], lo_step[16], hi_step[16];
    char sql[4096];
    int rc = cli_parse(argc, argv, "dyad relations [--db PATH] [--period P] [--step S] [OPTIONS]",
                       "Per directed dyad (source country -> target country) and step: events\n"
                       "by QuadClass, total and mean Goldstein, the cooperation-conflict score\n"
                       "(q1+q2-q3-q4)/n, the top codes and the change from the previous step.\n"
                       "Exit status: 0 ok, 1 error, 2 bad usage.",
                       opts, NOPTS, &a);
    if (rc != 0) {
        cli_args_free(&a);
        return rc < 0 ? EXIT_OK : rc;
    }
    const char *v;
    if (a.npos) {
        fprintf(stderr, "dyad relations: unexpected argument '%s' (see --help)\n", a.pos[0]);
        rc = EXIT_USAGE;
        goto done;
    }
    if ((rc = out_format("relations", cli_get(&a, opts, NOPTS, "format"), &fmt)) != 0)
        goto done;
    if ((v = cli_get(&a, opts, NOPTS, "step")) != NULL) {
        if (strcmp(v, "day") == 0)
            step = STEP_DAY;
        else if (strcmp(v, "week") == 0)
            step = STEP_WEEK;
        else if (strcmp(v, "month") == 0)
            step = STEP_MONTH;
        else {
            fprintf(stderr, "dyad relations: --step must be day, week or month, not '%s'\n", v);
            rc = EXIT_USAGE;
            goto done;
        }
    }
    if ((v = cli_get(&a, opts, NOPTS, "period")) != NULL && period_parse(v, from, to) != 0) {
        fprintf(stderr, "dyad relations: --period must be YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO, "
                        "not '%s'\n", v);
        rc = EXIT_USAGE;
        goto done;
    }
    if ((v = cli_get(&a, opts, NOPTS, "actor")) != NULL) {
        if (!valid_code(v)) {
            fprintf(stderr, "dyad relations: --actor must be a code of letters and digits, "
                            "not '%s'\n", v);
            rc = EXIT_USAGE;
            goto done;
        }
        snprintf(glob, sizeof glob, "%s*", v);
    }
    relations_bounds(step, from, to, lo_ev, hi_ev, lo_step, hi_step);
    int full = cli_get(&a, opts, NOPTS, "full-codes") != NULL;
    if (relations_sql(step, full, sql, sizeof sql) != 0) {
        fprintf(stderr, "dyad relations: internal error: query too long\n");
        rc = EXIT_FAIL;
        goto done;
    }
    const char *db = cli_get(&a, opts, NOPTS, "db");
    if ((rc = db_open_read("relations", db ? db : CLI_DB_DEFAULT, &store)) != 0)
        goto done;
    sqlite3 *h = dyad_store_sqlite(store);
    if ((rc = db_prepare("relations", h, sql, &st)) != 0)
        goto done;
    sqlite3_bind_text(st, 1, lo_ev, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, hi_ev, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, lo_step, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, hi_step, -1, SQLITE_STATIC);
    if (glob[0])
        sqlite3_bind_text(st, 5, glob, -1, SQLITE_STATIC);
    rc = db_write_rows("relations", h, st, fmt, stdout);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "dyad relations: cannot write the output\n");
        rc = EXIT_FAIL;
    }
done:
    sqlite3_finalize(st);
    dyad_store_free(store);
    cli_args_free(&a);
    return rc;
}
