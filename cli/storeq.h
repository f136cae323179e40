/* storeq.h - the store queries of `dyad query`, `dyad relations` and `dyad
 * graph` as functions, so that `dyad serve` answers with the same SQL and
 * the same numbers as the commands (each lives in its command's file). */
#ifndef DYAD_CLI_STOREQ_H
#define DYAD_CLI_STOREQ_H
#include "cli.h"

#include "dbopts.h"

/* ---- dyad query (cmd_query.c) ---- */
typedef struct query_stmt query_stmt;
/* The options of `dyad query`; a cli_args for query_stmt_new is indexed
 * like this table. Static, never freed. */
const cli_opt *query_options(size_t *n);
/* The statement of `dyad query` for the options in a (whose strings must
 * outlive the query_stmt); db is the store the filters are checked
 * against (an actor code or a language it lacks is a usage error). NULL
 * with the message in err (as db_usage gives it) for a bad value. The
 * caller frees with query_stmt_free. */
query_stmt *query_stmt_new(dyadi_sqldb *db, const cli_args *a, char *err, size_t errlen);
/* Its SQL (ordered by date; owned by qs; with --evidence, its columns end
 * in SQL_MARK_COLUMNS and _sighting, the sighting's id, to order by
 * after the event) and its parameters bound as ?1..?N to st (a
 * statement whose SQL contains it); returns N or -1. */
const char *query_stmt_sql(const query_stmt *qs);
int query_stmt_bind(const query_stmt *qs, dyadi_sqlrows *st);
/* N, the parameters' count: a statement around the query numbers its own
 * from N + 1. */
int query_stmt_nparams(const query_stmt *qs);
void query_stmt_free(query_stmt *qs);

/* ---- dyad relations (cmd_relations.c) ---- */
/* The options of `dyad relations`; a cli_args for the functions below is
 * indexed like this table ("db" and "format" are not read). */
const cli_opt *relations_options(size_t *n);
/* Check the options that need no store; 0 or EXIT_USAGE (db_usage). */
int relations_check(const cli_args *a);
/* The relations table of the store h for the options in a, to f in fmt
 * (dbopts.h's OUT_*); *matched: whether any event passed the filters.
 * 0, EXIT_USAGE (through db_usage) or EXIT_FAIL (a store error, on
 * stderr). */
int relations_write(dyadi_sqldb *h, const cli_args *a, int fmt, FILE *f, int *matched);

/* ---- dyad graph (cmd_graph.c) ---- */
typedef struct node {
    const char *id;
    const char *name;       /* the text its mentions most often have, "" if none */
    long long events, out, in;
} node;

typedef struct edge {
    const char *src, *tgt;
    long long n, q[4];
    double mean, total;
} edge;

/* Nodes and edges; strings are copies made with malloc, freed
 * (with the arrays) by graph_free. Start from all zeros. */
typedef struct graph {
    node *nv;
    edge *ev;
    size_t nn, ne, capn, cape;
} graph;

int graph_read(dyadi_sqldb *h, const char *from, const char *to, int full, graph *g);
void graph_write_json(FILE *f, const node *nv, size_t nn, const edge *ev, size_t ne);
void graph_free(graph *g);
#endif
