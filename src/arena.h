/* arena.h - per-document bump allocator with a hard cap (internal). */
#ifndef DYAD_ARENA_H
#define DYAD_ARENA_H
#include <stddef.h>

typedef struct dyadi_block dyadi_block;

typedef struct dyadi_arena {
    dyadi_block *head;      /* current block; older blocks follow ->next */
    size_t used_total;      /* bytes handed out since the last reset */
    size_t limit;           /* hard cap on used_total; 0 means no cap */
} dyadi_arena;

void dyadi_arena_init(dyadi_arena *a, size_t limit);
/* NULL when out of memory or over the cap. Memory is 16-byte aligned. */
void *dyadi_arena_alloc(dyadi_arena *a, size_t n);
/* Copy n bytes and add a NUL; NULL on failure. */
char *dyadi_arena_strndup(dyadi_arena *a, const char *s, size_t n);
/* Forget everything allocated; keeps the largest block for reuse. */
void dyadi_arena_reset(dyadi_arena *a);
void dyadi_arena_free(dyadi_arena *a);

/* A growable array with a hard cap on its element count, reused across
 * documents (hot paths do not allocate per token). */
typedef struct dyadi_vec {
    void *data;
    size_t len, cap, elem, max;
} dyadi_vec;

void dyadi_vec_init(dyadi_vec *v, size_t elem, size_t max);
/* Pointer to a new zeroed element at the end, NULL when over max or OOM. */
void *dyadi_vec_push(dyadi_vec *v);
void dyadi_vec_free(dyadi_vec *v);
#define DYADI_VEC_AT(v, type, i) (((type *)(v)->data)[i])
#endif
