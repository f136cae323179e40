/* pool.h - a small ordered work queue for the command-line tool: jobs are
 * pushed in input order, run on worker threads in any order, and handed
 * back in the order they were pushed, so output never depends on the
 * number of threads. */
#ifndef DYAD_CLI_POOL_H
#define DYAD_CLI_POOL_H
#include <stddef.h>

typedef struct cli_pool cli_pool;

/* Runs on a worker thread; job is the pointer given to cli_pool_push. */
typedef void (*cli_pool_work)(void *job);

/* A pool of nthreads threads holding at most cap jobs pushed and not yet
 * popped: nthreads - 1 workers, and the caller's thread, which runs
 * waiting jobs while cli_pool_pop waits. nthreads <= 1 starts no thread:
 * cli_pool_push runs the job at once on the caller's thread. NULL when out of memory or a thread cannot
 * be started. Caller frees with cli_pool_free. */
cli_pool *cli_pool_new(unsigned nthreads, size_t cap, cli_pool_work work);
/* The same with nworkers threads that run every job, while the caller's
 * thread only pushes and pops (cli_pool_pop sleeps until the oldest job is
 * done): for a caller that reads and writes a stream and would otherwise
 * hold the workers up while it runs a job itself. nworkers 0 runs jobs on
 * the caller's thread as cli_pool_new(1, ...) does. */
cli_pool *cli_pool_new_workers(unsigned nworkers, size_t cap, cli_pool_work work);
/* Queue job; -1 when cap jobs are held already (pop one first). */
int cli_pool_push(cli_pool *p, void *job);
/* Wait for the oldest job still held (running waiting jobs meanwhile) and
 * return it, or NULL if none. */
void *cli_pool_pop(cli_pool *p);
/* The oldest job if it is done, else NULL at once (none held, or the oldest
 * still waiting or running). */
void *cli_pool_pop_done(cli_pool *p);
/* Where a thread's time went: jobs run, seconds running them, and waits
 * (the caller: for the oldest job, with none left to run; a worker: for
 * a job to be pushed) and seconds waiting, wall-clock. */
typedef struct cli_pool_stats {
    unsigned long long jobs, waits;
    double work_s, wait_s;
} cli_pool_stats;
/* Copy up to n threads' stats into out, the caller's thread first; returns
 * how many (0 without threads). The caller's row counts its waits for the
 * oldest job, and the jobs it ran only in a cli_pool_new pool. */
unsigned cli_pool_stats_get(cli_pool *p, cli_pool_stats *out, unsigned n);
/* Jobs pushed and not yet popped. */
size_t cli_pool_held(const cli_pool *p);
/* Wait for the jobs already started, drop the rest unrun, stop the
 * workers. NULL does nothing. */
void cli_pool_free(cli_pool *p);
/* The default number of threads: the cores online, at least 1. */
unsigned cli_pool_cores(void);
#endif
