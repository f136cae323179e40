/* cmd_ingest.c - `dyad ingest`: code documents and keep them, their
 * mentions and their de-duplicated events in the event store (src/store.c,
 * docs/store.md).
 *
 * Reading and coding are the shared loop of docloop.c, so bad records are
 * reported and skipped exactly as in `dyad code`, and coded on -j threads
 * while one thread alone writes, in input order. Each document's results
 * are copied on the thread that coded it (cli_docs_run_keep), so its
 * coder goes on at once instead of waiting with the document for its turn
 * (docs/BENCHMARKS.md: the threads waited up to a fifth of their time
 * behind a long document when each held a coder). Documents are coded in
 * batches of BATCH, each then written in one transaction: the write lock
 * is held while writing only, never while coding, so concurrent ingests
 * wait for each other's writes and not for their coding. With -j 2 or more
 * a writer thread writes one batch while the next is coded and gathered
 * (the main thread, which hands documents to the coders in order, would
 * otherwise stop for the length of each transaction and leave them idle). A killed ingest
 * loses at most the batch being coded, never half a document; running it again
 * stores what is missing (a stored id or content hash is skipped). With
 * --recode the stored texts are coded again first and their events
 * replaced (after a dictionary change). Progress goes to stderr on a
 * terminal only. --db may be a PostgreSQL URI (src/store_pg.c): the same
 * batches, written by several ingests at once.
 */
#include "dbopts.h"
#include "docloop.h"
#include "store.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Documents per transaction (dyad.h says 200): the commit costs little in
 * WAL mode with synchronous=NORMAL, and a killed ingest loses at most one
 * batch of coding. BATCH_BYTES bounds the memory a batch of long
 * documents holds. */
#define BATCH 200
#define BATCH_BYTES ((size_t)64 << 20)

static const cli_opt opts[] = {
    CLI_DOC_OPTIONS,
    CLI_SYNTAX_OPTION,
    CLI_ONE_ACTOR_OPTION,
    CLI_DB_OPTION,
    {"recode", 0, NULL, "code the stored documents again and replace their events"},
};
#define NOPTS (sizeof opts / sizeof opts[0])

/* The writer thread of -j 2 and more: it owns the store while it writes
 * a batch, the main thread fills the other one meanwhile. */
typedef struct writer {
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int started, stop, busy;      /* busy: job handed over, not yet written */
    dyad_store_batch *job;
    unsigned long long job_docs;
    dyad_status st;               /* of the last batch written */
    dyad_store_counts n;
    unsigned long long lost;      /* documents of a batch that failed */
    double write_s, write_cpu;    /* DYAD_THREAD_STATS: wall and CPU time in batch writes */
    unsigned long long batches;
} writer;

typedef struct ingest {
    dyad_store *store;
    dyad_store_batch *batch;      /* coded, not yet written */
    dyad_store_batch *spare;      /* the writer thread's, while it writes */
    writer w;
    const char *db;
    unsigned long long added, present, replaced, events;   /* committed */
    unsigned long long pending;   /* documents in the batch */
    struct timespec t0;
    time_t last;
    int shown;
    /* DYAD_THREAD_STATS: the main thread's time copying coded documents
     * into the batch, and waiting for the writer to hand the spare back */
    double add_s, wait_s;
    unsigned long long waits;
} ingest;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU time of the calling thread: the writer's share of a run, which the
 * load of a shared machine does not inflate as it does wall time. */
static double cpu_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double elapsed(const ingest *g)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - g->t0.tv_sec) + (double)(t.tv_nsec - g->t0.tv_nsec) / 1e9;
}

/* Progress on a terminal only, at most once a second. */
static void progress(ingest *g, int done)
{
    if (cli_verbosity < 1 || !isatty(STDERR_FILENO))
        return;
    if (done) {
        if (g->shown)
            fputs("\r\033[K", stderr);
        return;
    }
    time_t now = time(NULL);
    if (now == g->last)
        return;
    g->last = now;
    g->shown = 1;
    double t = elapsed(g);
    unsigned long long n = g->added + g->present + g->replaced + g->pending;
    fprintf(stderr, "\r\033[Kdyad ingest: %llu documents (%.0f/s), %llu events stored", n,
            t > 0 ? (double)n / t : 0.0, g->events);
}

/* Add what a written batch stored to the totals; EXIT_FAIL after a
 * message when the store failed (then nothing of the batch was stored). */
static int tally(ingest *g, dyad_status st, const dyad_store_counts *n, unsigned long long lost)
{
    if (st != DYAD_OK) {
        fprintf(stderr, "dyad ingest: %s: %s (the last %llu coded documents were not stored; "
                        "run the same command again to store them)\n",
                g->db, dyad_store_errmsg(g->store), lost);
        return EXIT_FAIL;
    }
    g->added += n->added;
    g->present += n->present;
    g->replaced += n->replaced;
    g->events += n->events;
    if (cli_verbosity >= 2 && n->present)
        fprintf(stderr, "dyad ingest: %llu documents stored already (same id or text)\n",
                (unsigned long long)n->present);
    return 0;
}

static void *write_loop(void *arg)
{
    ingest *g = arg;
    writer *w = &g->w;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->stop && !w->job)
            pthread_cond_wait(&w->cv, &w->mu);
        if (!w->job)
            break;
        dyad_store_batch *b = w->job;
        pthread_mutex_unlock(&w->mu);
        dyad_store_counts n;
        double t0 = now_s(), c0 = cpu_s();
        dyad_status st = dyad_store_batch_write(g->store, b, &n);
        double dt = now_s() - t0, dc = cpu_s() - c0;
        pthread_mutex_lock(&w->mu);
        w->write_s += dt;
        w->write_cpu += dc;
        w->batches++;
        w->st = st;
        w->n = n;
        w->lost = w->job_docs;
        w->job = NULL;
        w->busy = 0;
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

/* Wait until the writer thread has written the batch handed to it, and
 * count what it stored. */
static int writer_wait(ingest *g)
{
    writer *w = &g->w;
    pthread_mutex_lock(&w->mu);
    if (w->busy) {
        double t0 = now_s();
        while (w->busy)
            pthread_cond_wait(&w->cv, &w->mu);
        g->wait_s += now_s() - t0;
        g->waits++;
    }
    dyad_status st = w->st;
    dyad_store_counts n = w->n;
    unsigned long long lost = w->lost;
    w->st = DYAD_OK;
    memset(&w->n, 0, sizeof w->n);
    pthread_mutex_unlock(&w->mu);
    return tally(g, st, &n, lost);
}

/* Write the coded batch in one transaction: on the writer thread when
 * there is one (returning once it has the batch), else here. The totals
 * count what the commit stored, never what was merely coded. */
static int commit(ingest *g)
{
    if (!g->pending)
        return 0;
    unsigned long long docs = g->pending;
    g->pending = 0;
    if (g->w.started) {
        int rc = writer_wait(g);    /* the previous batch, and the spare back */
        if (rc != 0)
            return rc;
        dyad_store_batch *b = g->batch;
        g->batch = g->spare;
        g->spare = b;
        pthread_mutex_lock(&g->w.mu);
        g->w.job = b;
        g->w.job_docs = docs;
        g->w.busy = 1;
        pthread_cond_broadcast(&g->w.cv);
        pthread_mutex_unlock(&g->w.mu);
        return 0;
    }
    dyad_store_counts n;
    double t0 = now_s(), c0 = cpu_s();
    dyad_status st = dyad_store_batch_write(g->store, g->batch, &n);
    g->w.write_s += now_s() - t0;
    g->w.write_cpu += cpu_s() - c0;
    g->w.batches++;
    return tally(g, st, &n, docs);
}

/* Start the writer thread (-j 2 and more); 0, or -1 when it cannot be
 * started (then batches are written on the main thread). */
static int writer_start(ingest *g)
{
    if (!(g->spare = dyad_store_batch_new()))
        return -1;
    pthread_mutex_init(&g->w.mu, NULL);
    pthread_cond_init(&g->w.cv, NULL);
    if (pthread_create(&g->w.th, NULL, write_loop, g) != 0) {
        pthread_cond_destroy(&g->w.cv);
        pthread_mutex_destroy(&g->w.mu);
        return -1;
    }
    g->w.started = 1;
    return 0;
}

/* Write what was handed over and stop the writer thread; the status of
 * its last batch. */
static int writer_stop(ingest *g)
{
    if (!g->w.started)
        return 0;
    int rc = writer_wait(g);
    pthread_mutex_lock(&g->w.mu);
    g->w.stop = 1;
    pthread_cond_broadcast(&g->w.cv);
    pthread_mutex_unlock(&g->w.mu);
    pthread_join(g->w.th, NULL);
    pthread_cond_destroy(&g->w.cv);
    pthread_mutex_destroy(&g->w.mu);
    g->w.started = 0;
    return rc;
}

/* A document more in the batch: write the batch when it is full. */
static int batch_added(ingest *g)
{
    g->pending++;
    if (g->pending >= BATCH || dyad_store_batch_bytes(g->batch) >= BATCH_BYTES)
        return commit(g);
    return 0;
}

/* Keep the document the coder just coded in the batch; write the batch
 * when it is full. */
static int store_doc(ingest *g, const dyad_coder *c, const dyad_doc *doc, int replace)
{
    double t0 = now_s();
    dyad_status st = dyad_store_batch_add(g->batch, doc, c, replace);
    g->add_s += now_s() - t0;
    if (st != DYAD_OK) {
        fprintf(stderr, "dyad ingest: doc %s: out of memory\n", doc->id);
        return EXIT_FAIL;
    }
    return batch_added(g);
}

/* On the thread that coded doc: its copy in the slot's own batch, so that
 * the coder goes back to work at once instead of waiting, with the
 * document, for its turn to be written (docloop.c; a long document held
 * every coder up when each document in flight kept its coder). */
static int keep_doc(void *ud, dyad_coder *c, const dyad_doc *doc, void **kept)
{
    (void)ud;
    dyad_store_batch *b = *kept;
    if (!b && !(b = *kept = dyad_store_batch_new()))
        return -1;
    dyadi_store_batch_clear(b);     /* a document kept and never written */
    return dyad_store_batch_add(b, doc, c, 0) == DYAD_OK ? 0 : -1;
}

static void kept_free(void *kept)
{
    dyad_store_batch_free(kept);
}

/* In input order: the kept document into the batch the writer writes. */
static int on_doc(void *ud, cli_docs *d, const dyad_doc *doc)
{
    ingest *g = ud;
    double t0 = now_s();
    dyad_status st = dyadi_store_batch_move(g->batch, d->kept);
    g->add_s += now_s() - t0;
    if (st != DYAD_OK) {
        fprintf(stderr, "dyad ingest: doc %s: out of memory\n", doc->id);
        return EXIT_FAIL;
    }
    int rc = batch_added(g);
    progress(g, 0);
    return rc;
}

/* Code every stored document again from its stored text. */
static int recode(ingest *g, cli_docs *d)
{
    int64_t pos = 0;
    int rc = EXIT_OK;
    for (;;) {
        dyad_doc doc;
        dyad_status st = dyad_store_next_doc(g->store, &pos, &doc);
        if (st == DYAD_DONE)
            break;
        if (st != DYAD_OK) {
            fprintf(stderr, "dyad ingest: %s: %s\n", g->db, dyad_store_errmsg(g->store));
            return EXIT_FAIL;
        }
        d->read++;
        st = dyad_coder_run(d->coder, &doc);
        if (st != DYAD_OK) {
            const char *why = dyad_errmsg(d->coder);
            fprintf(stderr, "dyad: %s: doc %s: %s (its stored events are kept)\n", g->db, doc.id,
                    why && why[0] ? why : dyad_strerror(st));
            d->skipped++;
            if (d->strict || st == DYAD_ERR_NOMEM)
                return EXIT_FAIL;
            rc = EXIT_SKIPPED;
            continue;
        }
        d->coded++;
        int r = store_doc(g, d->coder, &doc, 1);
        if (r != 0)
            return r;
        progress(g, 0);
    }
    return rc;
}

int cmd_ingest(int argc, char **argv)
{
    cli_args a;
    cli_docs d;
    ingest g;
    memset(&g, 0, sizeof g);
    memset(&d, 0, sizeof d);
    int rc = cli_parse(argc, argv, "dyad ingest [OPTIONS] [--db PATH] [--recode] [FILE|DIR|-]...",
                       "Code documents and store them, their mentions and their de-duplicated\n"
                       "events in an SQLite event store (docs/store.md), or in PostgreSQL with\n"
                       "--db postgresql://... (many ingests may write at once; no --recode yet).\n"
                       "Documents stored already (same id or same text) are skipped, so ingesting\n"
                       "again is harmless and completes an interrupted run. --recode codes the\n"
                       "stored documents again (after a dictionary change) and replaces their\n"
                       "events; FILEs given with it are then ingested as usual. With no FILE (and\n"
                       "no --recode), read standard input. Exit status: 0 ok, 1 fatal error, 2 bad\n"
                       "usage, 3 some records were reported and skipped.",
                       opts, NOPTS, &a);
    if (rc != 0) {
        cli_args_free(&a);
        return rc < 0 ? EXIT_OK : rc;
    }
    g.db = cli_get(&a, opts, NOPTS, "db");
    if (!g.db)
        g.db = CLI_DB_DEFAULT;
    int do_recode = cli_get(&a, opts, NOPTS, "recode") != NULL;
    clock_gettime(CLOCK_MONOTONIC, &g.t0);
    rc = cli_docs_open(&d, "ingest", &a, opts, NOPTS);
    if (rc == 0)
        rc = cli_docs_want_syntax(&d, &a, opts, NOPTS);
    if (rc == 0)
        rc = cli_docs_one_actor(&d, &a, opts, NOPTS);
    cli_docs_parse_for_events(&d);
    if (rc != 0)
        goto done;
    char err[512];
    dyad_status st = dyad_store_open(g.db, &g.store, err, sizeof err);
    if (st != DYAD_OK) {
        fprintf(stderr, "dyad ingest: %s\n", err);
        rc = EXIT_FAIL;
        goto done;
    }
    if (!(g.batch = dyad_store_batch_new())) {
        fprintf(stderr, "dyad ingest: out of memory\n");
        rc = EXIT_FAIL;
        goto done;
    }
    if (do_recode)
        rc = recode(&g, &d);
    if ((rc == EXIT_OK || rc == EXIT_SKIPPED) && (!do_recode || a.npos > 0)) {
        int r = d.threads > 1 ? commit(&g) : 0;     /* --recode's last batch */
        if (r == 0 && d.threads > 1 && writer_start(&g) != 0 && cli_verbosity >= 2)
            fprintf(stderr, "dyad ingest: note: writing on the main thread\n");
        if (r == 0)
            r = cli_docs_run_keep(&d, &a, keep_doc, kept_free, on_doc, &g);
        if (r != EXIT_OK)
            rc = r;
    }
    /* What was stored is whole: keep it even when the run stopped early. */
    if (commit(&g) != 0)
        rc = EXIT_FAIL;
    if (writer_stop(&g) != 0)
        rc = EXIT_FAIL;
    progress(&g, 1);
    /* for profiling (docs/BENCHMARKS.md), as docloop.c's thread lines */
    const char *ts = getenv("DYAD_THREAD_STATS");
    if (ts && *ts && strcmp(ts, "0") != 0)
        fprintf(stderr, "dyad ingest: main thread: %.2f s adding documents to batches; waited "
                        "for the writer %llu times, %.2f s; writes: %llu batches, %.2f s (%.2f s "
                        "CPU)\n",
                g.add_s, g.waits, g.wait_s, g.w.batches, g.w.write_s, g.w.write_cpu);
    cli_docs_summary(&d, g.events, "events");
    if (cli_verbosity >= 1) {
        double t = elapsed(&g);
        fprintf(stderr,
                "dyad ingest: %s: %llu documents added, %llu stored already, %llu re-coded, "
                "%.1f s (%.0f documents/s)\n",
                g.db, g.added, g.present, g.replaced, t,
                t > 0 ? (double)(g.added + g.present + g.replaced) / t : 0.0);
    }
done:
    writer_stop(&g);
    dyad_store_batch_free(g.batch);
    dyad_store_batch_free(g.spare);
    dyad_store_free(g.store);
    cli_docs_close(&d);
    cli_args_free(&a);
    return rc;
}
