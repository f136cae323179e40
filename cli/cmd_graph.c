/* cmd_graph.c - `dyad graph`: the actor network of a period for Graphviz
 * (dot), Gephi (gexf, graphml) or a web page (json). Nodes are actors
 * (countries by default, full codes with --full-codes) with their event
 * counts; a directed edge source -> target carries the number of events,
 * their mean and total Goldstein and the QuadClass counts. Same counting
 * rule as `dyad relations`: asserted events with a source and a target,
 * once each. A node carries its name beside its code: the text its
 * mentions most often have. Text is escaped for each format, so any code
 * is safe. */
#include "dbopts.h"
#include "storeq.h"

#include <stdlib.h>
#include <string.h>

static const cli_opt opts[] = {
    CLI_DB_OPTION,
    {"period", 0, "PERIOD", "YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO (default: everything)"},
    {"format", 0, "FORMAT", "dot, graphml, gexf or json (default)"},
    {"full-codes", 0, NULL, "nodes are full actor codes (RUSGOV) instead of countries (RUS)"},
};
#define NOPTS (sizeof opts / sizeof opts[0])

enum { G_DOT, G_GRAPHML, G_GEXF, G_JSON };

static void xml_text(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default:
            /* Control characters are not allowed in XML 1.0 at all. */
            if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
                fputc(*s, f);
        }
    }
}

static void dot_id(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void write_dot(FILE *f, const node *nv, size_t nn, const edge *ev, size_t ne)
{
    fputs("digraph dyad {\n", f);
    for (size_t i = 0; i < nn; i++) {
        fputs("  ", f);
        dot_id(f, nv[i].id);
        fprintf(f, " [events=%lld", nv[i].events);
        if (nv[i].name[0]) {
            fputs(", name=", f);
            dot_id(f, nv[i].name);
        }
        fputs("];\n", f);
    }
    for (size_t i = 0; i < ne; i++) {
        const edge *e = &ev[i];
        fputs("  ", f);
        dot_id(f, e->src);
        fputs(" -> ", f);
        dot_id(f, e->tgt);
        fprintf(f, " [count=%lld, goldstein=%.2f, label=\"%lld (%.1f)\", q1=%lld, q2=%lld, "
                   "q3=%lld, q4=%lld, color=\"%s\"];\n",
                e->n, e->mean, e->n, e->mean, e->q[0], e->q[1], e->q[2], e->q[3],
                e->mean >= 0 ? "darkgreen" : "red");
    }
    fputs("}\n", f);
}

static void write_graphml(FILE *f, const node *nv, size_t nn, const edge *ev, size_t ne)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
          "  <key id=\"events\" for=\"node\" attr.name=\"events\" attr.type=\"long\"/>\n"
          "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
          "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"long\"/>\n"
          "  <key id=\"goldstein\" for=\"edge\" attr.name=\"goldstein\" attr.type=\"double\"/>\n"
          "  <key id=\"goldstein_total\" for=\"edge\" attr.name=\"goldstein_total\" "
          "attr.type=\"double\"/>\n",
          f);
    for (int q = 1; q <= 4; q++)
        fprintf(f, "  <key id=\"q%d\" for=\"edge\" attr.name=\"q%d\" attr.type=\"long\"/>\n", q, q);
    fputs("  <graph id=\"dyad\" edgedefault=\"directed\">\n", f);
    for (size_t i = 0; i < nn; i++) {
        fputs("    <node id=\"", f);
        xml_text(f, nv[i].id);
        fprintf(f, "\"><data key=\"events\">%lld</data>", nv[i].events);
        if (nv[i].name[0]) {
            fputs("<data key=\"name\">", f);
            xml_text(f, nv[i].name);
            fputs("</data>", f);
        }
        fputs("</node>\n", f);
    }
    for (size_t i = 0; i < ne; i++) {
        const edge *e = &ev[i];
        fprintf(f, "    <edge id=\"e%zu\" source=\"", i);
        xml_text(f, e->src);
        fputs("\" target=\"", f);
        xml_text(f, e->tgt);
        fprintf(f, "\"><data key=\"count\">%lld</data><data key=\"goldstein\">%.2f</data>"
                   "<data key=\"goldstein_total\">%.2f</data>",
                e->n, e->mean, e->total);
        for (int q = 0; q < 4; q++)
            fprintf(f, "<data key=\"q%d\">%lld</data>", q + 1, e->q[q]);
        fputs("</edge>\n", f);
    }
    fputs("  </graph>\n</graphml>\n", f);
}

static void write_gexf(FILE *f, const node *nv, size_t nn, const edge *ev, size_t ne)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
          "  <meta><creator>dyad</creator></meta>\n"
          "  <graph defaultedgetype=\"directed\" mode=\"static\">\n"
          "    <attributes class=\"node\">\n"
          "      <attribute id=\"events\" title=\"events\" type=\"long\"/>\n"
          "      <attribute id=\"code\" title=\"code\" type=\"string\"/>\n"
          "    </attributes>\n"
          "    <attributes class=\"edge\">\n"
          "      <attribute id=\"goldstein\" title=\"goldstein\" type=\"double\"/>\n"
          "      <attribute id=\"goldstein_total\" title=\"goldstein_total\" type=\"double\"/>\n"
          "      <attribute id=\"q1\" title=\"q1\" type=\"long\"/>\n"
          "      <attribute id=\"q2\" title=\"q2\" type=\"long\"/>\n"
          "      <attribute id=\"q3\" title=\"q3\" type=\"long\"/>\n"
          "      <attribute id=\"q4\" title=\"q4\" type=\"long\"/>\n"
          "    </attributes>\n"
          "    <nodes>\n",
          f);
    for (size_t i = 0; i < nn; i++) {
        fputs("      <node id=\"", f);
        xml_text(f, nv[i].id);
        /* Gephi shows the label: the actor's name beside its code */
        fputs("\" label=\"", f);
        xml_text(f, nv[i].id);
        if (nv[i].name[0]) {
            fputs(" (", f);
            xml_text(f, nv[i].name);
            fputc(')', f);
        }
        fprintf(f, "\"><attvalues><attvalue for=\"events\" value=\"%lld\"/>"
                   "<attvalue for=\"code\" value=\"", nv[i].events);
        xml_text(f, nv[i].id);
        fputs("\"/></attvalues></node>\n", f);
    }
    fputs("    </nodes>\n    <edges>\n", f);
    /* Gephi reads weight as the edge's strength: the event count, which is
     * never negative; the Goldstein mean is an attribute. */
    for (size_t i = 0; i < ne; i++) {
        const edge *e = &ev[i];
        fprintf(f, "      <edge id=\"e%zu\" source=\"", i);
        xml_text(f, e->src);
        fputs("\" target=\"", f);
        xml_text(f, e->tgt);
        fprintf(f, "\" weight=\"%lld\"><attvalues><attvalue for=\"goldstein\" value=\"%.2f\"/>"
                   "<attvalue for=\"goldstein_total\" value=\"%.2f\"/>",
                e->n, e->mean, e->total);
        for (int q = 0; q < 4; q++)
            fprintf(f, "<attvalue for=\"q%d\" value=\"%lld\"/>", q + 1, e->q[q]);
        fputs("</attvalues></edge>\n", f);
    }
    fputs("    </edges>\n  </graph>\n</gexf>\n", f);
}

void graph_write_json(FILE *f, const node *nv, size_t nn, const edge *ev, size_t ne)
{
    fputs("{\"nodes\": [", f);
    for (size_t i = 0; i < nn; i++) {
        fputs(i ? ",\n  {\"id\": " : "\n  {\"id\": ", f);
        json_cstr(f, nv[i].id);
        fputs(", \"name\": ", f);
        json_cstr(f, nv[i].name[0] ? nv[i].name : NULL);
        fprintf(f, ", \"events\": %lld, \"as_source\": %lld, \"as_target\": %lld}", nv[i].events,
                nv[i].out, nv[i].in);
    }
    fputs("],\n \"edges\": [", f);
    for (size_t i = 0; i < ne; i++) {
        const edge *e = &ev[i];
        fputs(i ? ",\n  {\"source\": " : "\n  {\"source\": ", f);
        json_cstr(f, e->src);
        fputs(", \"target\": ", f);
        json_cstr(f, e->tgt);
        fprintf(f, ", \"count\": %lld, \"goldstein\": %.2f, \"goldstein_total\": %.2f, "
                   "\"q1\": %lld, \"q2\": %lld, \"q3\": %lld, \"q4\": %lld}",
                e->n, e->mean, e->total, e->q[0], e->q[1], e->q[2], e->q[3]);
    }
    fputs("]}\n", f);
}

void graph_free(graph *g)
{
    for (size_t i = 0; i < g->nn; i++) {
        free((char *)g->nv[i].id);
        free((char *)g->nv[i].name);
    }
    for (size_t i = 0; i < g->ne; i++) {
        free((char *)g->ev[i].src);
        free((char *)g->ev[i].tgt);
    }
    free(g->nv);
    free(g->ev);
}

/* Room for one more element in *p (capacity *cap, doubled when full). */
static int grow(void **p, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 16;
    void *q = realloc(*p, ncap * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = ncap;
    return 0;
}

static char *col_dup(dyadi_sqlrows *st, int i)
{
    size_t n;
    const char *t = dyadi_sqlrows_text(st, i, &n);
    char *c = malloc(n + 1);
    if (c) {
        memcpy(c, t, n);
        c[n] = '\0';
    }
    return c;
}

static int load(dyadi_sqlrows *ns, dyadi_sqlrows *es, graph *g)
{
    int rc;
    while ((rc = dyadi_sqlrows_step(ns)) == 1) {
        if (grow((void **)&g->nv, g->nn, &g->capn, sizeof *g->nv) != 0)
            return -1;
        node *n = &g->nv[g->nn];
        n->id = col_dup(ns, 0);
        n->name = col_dup(ns, 4);
        g->nn++;
        if (!n->id || !n->name)
            return -1;
        n->events = dyadi_sqlrows_int64(ns, 1);
        n->out = dyadi_sqlrows_int64(ns, 2);
        n->in = dyadi_sqlrows_int64(ns, 3);
    }
    if (rc != 0)
        return -1;
    while ((rc = dyadi_sqlrows_step(es)) == 1) {
        if (grow((void **)&g->ev, g->ne, &g->cape, sizeof *g->ev) != 0)
            return -1;
        edge *e = &g->ev[g->ne];
        memset(e, 0, sizeof *e);
        e->src = col_dup(es, 0);
        e->tgt = col_dup(es, 1);
        g->ne++;
        if (!e->src || !e->tgt)
            return -1;
        e->n = dyadi_sqlrows_int64(es, 2);
        /* Goldstein sums in hundredths, exact in both stores: a double
         * average is summed in each engine's own order and may round a
         * tie (2.90 / 4) differently */
        long long hundredths = dyadi_sqlrows_int64(es, 3);
        e->total = (double)hundredths / 100.0;
        e->mean = e->n ? (double)hundredths / (100.0 * (double)e->n) : 0.0;
        for (int q = 0; q < 4; q++)
            e->q[q] = dyadi_sqlrows_int64(es, 4 + q);
    }
    return rc == 0 ? 0 : -1;
}

/* The network of the period [from, to] ("" for an open side), shared with
 * `dyad serve` (storeq.h). 0, or -1 with the error in dyadi_sqldb_errmsg(h)
 * (or out of memory). The SQL is the same for both stores: CASE where
 * SQLite alone would sum a comparison, coalesce(sum()) for its total(). */
int graph_read(dyadi_sqldb *h, const char *from, const char *to, int full, graph *g)
{
    dyadi_sqlrows *ns = NULL, *es = NULL;
    char lo[11], hi[16] = "~", base[1024], sql[4096];
    int rc = -1;
    if (to[0])
        snprintf(hi, sizeof hi, "%s~", to);
    period_lo(from, lo);
    snprintf(base, sizeof base,
             "WITH b AS (SELECT id, %s AS src, %s AS tgt, quad, goldstein FROM events"
             " WHERE polarity = 'asserted' AND source <> '' AND target <> ''"
             " AND event_date >= ?1 AND event_date < ?2) ",
             full ? "source" : "substr(source, 1, 3)", full ? "target" : "substr(target, 1, 3)");
    snprintf(sql, sizeof sql,
             "%s, "
             SQL_ACTOR_NAMES_WHERE(" AND code IN (SELECT src FROM b UNION SELECT tgt FROM b)")
             " SELECT x.*, n.name FROM (SELECT a, count(DISTINCT id),"
             " sum(s), sum(t) FROM (SELECT src AS a, id, 1 AS s, 0 AS t FROM b UNION ALL"
             " SELECT tgt, id, 0, 1 FROM b) u GROUP BY a) x LEFT JOIN names n ON n.code = x.a"
             " ORDER BY x.a",
             base);
    if (!(ns = dyadi_sqlrows_prepare(h, sql, 0)))
        goto fail;
    snprintf(sql, sizeof sql,
             "%sSELECT src, tgt, count(*), coalesce(sum(CAST(round(goldstein * 100) AS INTEGER)), 0),"
             " sum(CASE WHEN quad = 1 THEN 1 ELSE 0 END), sum(CASE WHEN quad = 2 THEN 1 ELSE 0 END),"
             " sum(CASE WHEN quad = 3 THEN 1 ELSE 0 END), sum(CASE WHEN quad = 4 THEN 1 ELSE 0 END)"
             " FROM b GROUP BY src, tgt ORDER BY src, tgt",
             base);
    if (!(es = dyadi_sqlrows_prepare(h, sql, 0)))
        goto fail;
    dyadi_sqlrows *both[] = {ns, es};
    for (int i = 0; i < 2; i++)
        if (dyadi_sqlrows_bind_cstr(both[i], 1, lo) != 0 ||
            dyadi_sqlrows_bind_cstr(both[i], 2, hi) != 0)
            goto fail;
    rc = load(ns, es, g);
fail:
    dyadi_sqlrows_free(ns);
    dyadi_sqlrows_free(es);
    return rc;
}

int cmd_graph(int argc, char **argv)
{
    cli_args a;
    dyad_store *store = NULL;
    graph g = {NULL, NULL, 0, 0, 0, 0};
    int fmt = G_JSON;
    char from[11] = "", to[11] = "";
    int rc = cli_parse(argc, argv, "dyad graph [--db PATH] [--period P] [--format F]",
                       "Export the actor network: nodes are actors with their event counts,\n"
                       "edges source -> target with count, mean Goldstein and QuadClass counts.\n"
                       "Exit status: 0 ok, 1 error, 2 bad usage.",
                       opts, NOPTS, &a);
    if (rc != 0) {
        cli_args_free(&a);
        return rc < 0 ? EXIT_OK : rc;
    }
    const char *v = cli_get(&a, opts, NOPTS, "format");
    if (a.npos) {
        fprintf(stderr, "dyad graph: unexpected argument '%s' (see --help)\n", a.pos[0]);
        rc = EXIT_USAGE;
        goto done;
    }
    if (!v || strcmp(v, "json") == 0)
        fmt = G_JSON;
    else if (strcmp(v, "dot") == 0)
        fmt = G_DOT;
    else if (strcmp(v, "graphml") == 0)
        fmt = G_GRAPHML;
    else if (strcmp(v, "gexf") == 0)
        fmt = G_GEXF;
    else {
        fprintf(stderr, "dyad graph: --format must be dot, graphml, gexf or json, not '%s'\n", v);
        rc = EXIT_USAGE;
        goto done;
    }
    if ((v = cli_get(&a, opts, NOPTS, "period")) != NULL &&
        (rc = period_opt("graph", "period", v, from, to)) != 0)
        goto done;
    const char *db = cli_get(&a, opts, NOPTS, "db");
    dyadi_sqldb *h = NULL;
    if ((rc = db_open_read("graph", db ? db : CLI_DB_DEFAULT, &store, &h)) != 0)
        goto done;
    if (graph_read(h, from, to, cli_get(&a, opts, NOPTS, "full-codes") != NULL, &g) != 0) {
        fprintf(stderr, "dyad graph: cannot read the store: %s\n", dyadi_sqldb_errmsg(h));
        rc = EXIT_FAIL;
        goto done;
    }
    switch (fmt) {
    case G_DOT: write_dot(stdout, g.nv, g.nn, g.ev, g.ne); break;
    case G_GRAPHML: write_graphml(stdout, g.nv, g.nn, g.ev, g.ne); break;
    case G_GEXF: write_gexf(stdout, g.nv, g.nn, g.ev, g.ne); break;
    default: graph_write_json(stdout, g.nv, g.nn, g.ev, g.ne); break;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "dyad graph: cannot write the output\n");
        rc = EXIT_FAIL;
    }
done:
    graph_free(&g);
    dyad_store_free(store);
    cli_args_free(&a);
    return rc;
}
