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
 * waiting jobs while cli_pool_pop waits (dyad eval; the document loop of
 * docloop.c has threads of its own). nthreads <= 1 starts no thread:
 * cli_pool_push runs the job at once on the caller's thread. NULL when out of memory or a thread cannot
 * be started. Caller frees with cli_pool_free. */
cli_pool *cli_pool_new(unsigned nthreads, size_t cap, cli_pool_work work);
/* Queue job; -1 when cap jobs are held already (pop one first). */
int cli_pool_push(cli_pool *p, void *job);
/* Wait for the oldest job still held (running waiting jobs meanwhile) and
 * return it, or NULL if none. */
void *cli_pool_pop(cli_pool *p);
/* Jobs pushed and not yet popped. */
size_t cli_pool_held(const cli_pool *p);
/* Wait for the jobs already started, drop the rest unrun, stop the
 * workers. NULL does nothing. */
void cli_pool_free(cli_pool *p);
/* The default number of threads: the cores online, at least 1. */
unsigned cli_pool_cores(void);
#endif
