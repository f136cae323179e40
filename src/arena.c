/* arena.c - the per-document bump allocator and capped growable arrays.
 *
 * Every per-document string (token keys, copies for events) comes from one
 * arena reset between documents, so nothing is freed per token and a
 * document over the cap is refused whole rather than half-coded. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct dyadi_block {
    dyadi_block *next;
    size_t cap, used;
    max_align_t data[];
};

#define MIN_BLOCK (64u * 1024u)

void dyadi_arena_init(dyadi_arena *a, size_t limit)
{
    a->head = NULL;
    a->used_total = 0;
    a->limit = limit;
}

void *dyadi_arena_alloc(dyadi_arena *a, size_t n)
{
    n = (n + 15u) & ~(size_t)15u;
    if (n == 0)
        n = 16;
    if (a->limit && (n > a->limit || a->used_total > a->limit - n))
        return NULL;
    dyadi_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = b ? b->cap * 2 : MIN_BLOCK;
        if (cap < n)
            cap = n;
        if (cap > SIZE_MAX - sizeof(dyadi_block))
            return NULL;
        dyadi_block *nb = malloc(sizeof(dyadi_block) + cap);
        if (!nb)
            return NULL;
        nb->cap = cap;
        nb->used = 0;
        nb->next = b;
        a->head = nb;
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    a->used_total += n;
    return p;
}

char *dyadi_arena_strndup(dyadi_arena *a, const char *s, size_t n)
{
    char *p = dyadi_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void dyadi_arena_reset(dyadi_arena *a)
{
    /* Keep the newest (largest) block, free the rest. */
    dyadi_block *b = a->head;
    if (b) {
        dyadi_block *o = b->next;
        while (o) {
            dyadi_block *next = o->next;
            free(o);
            o = next;
        }
        b->next = NULL;
        b->used = 0;
    }
    a->used_total = 0;
}

void dyadi_arena_free(dyadi_arena *a)
{
    dyadi_block *b = a->head;
    while (b) {
        dyadi_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used_total = 0;
}

void dyadi_vec_init(dyadi_vec *v, size_t elem, size_t max)
{
    v->data = NULL;
    v->len = v->cap = 0;
    v->elem = elem;
    v->max = max;
}

void *dyadi_vec_push(dyadi_vec *v)
{
    if (v->len == v->cap) {
        if (v->max && v->cap >= v->max)
            return NULL;
        size_t ncap = v->cap ? v->cap * 2 : 64;
        if (v->max && ncap > v->max)
            ncap = v->max;
        if (ncap > SIZE_MAX / v->elem)
            return NULL;
        void *nd = realloc(v->data, ncap * v->elem);
        if (!nd)
            return NULL;
        v->data = nd;
        v->cap = ncap;
    }
    void *p = (char *)v->data + v->len * v->elem;
    memset(p, 0, v->elem);
    v->len++;
    return p;
}

void dyadi_vec_free(dyadi_vec *v)
{
    free(v->data);
    v->data = NULL;
    v->len = v->cap = 0;
}
