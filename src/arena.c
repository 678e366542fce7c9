/*
 * arena.c -- chunked bump allocation for per-document memory (see arena.h).
 */
#include "arena.h"

#include <stdint.h>
#include <string.h>

#include "mem.h"

#define CHUNK_SIZE ((size_t)64 * 1024)
#define ALIGN 16

struct th_arena_chunk {
    th_arena_chunk *next;
    size_t size; /* usable bytes after the header */
    /* data follows, aligned */
};

#define HDR (((sizeof(th_arena_chunk) + ALIGN - 1) / ALIGN) * ALIGN)

void th__arena_init(th_arena *a) { memset(a, 0, sizeof *a); }

void th__arena_cleanup(th_arena *a)
{
    th_arena_chunk *c = a->head;
    while (c) {
        th_arena_chunk *n = c->next;
        th__free(c);
        c = n;
    }
    memset(a, 0, sizeof *a);
}

void th__arena_reset(th_arena *a)
{
    /* Keep the oldest standard-size chunk (oversize chunks are linked behind
     * the current one, so it is the last standard chunk in the list). */
    th_arena_chunk *keep = NULL;
    for (th_arena_chunk *c = a->head; c; c = c->next)
        if (c->size == CHUNK_SIZE)
            keep = c;
    th_arena_chunk *c = a->head;
    while (c) {
        th_arena_chunk *n = c->next;
        if (c != keep)
            th__free(c);
        c = n;
    }
    a->head = keep;
    a->total = keep ? keep->size : 0;
    if (keep) {
        keep->next = NULL;
        a->cur = (char *)keep + HDR;
        a->end = a->cur + keep->size;
    } else {
        a->cur = a->end = NULL;
    }
}

static int new_chunk(th_arena *a, size_t need)
{
    size_t size = need > CHUNK_SIZE ? need : CHUNK_SIZE;
    if (size > SIZE_MAX - HDR)
        return -1;
    if (a->limit && a->total + size > a->limit)
        return -1;
    th_arena_chunk *c = th__malloc(HDR + size);
    if (!c)
        return -1;
    c->size = size;
    a->total += size;
    if (size > CHUNK_SIZE && a->head) {
        /* An oversize chunk: link it behind the current one so the free
         * space of the current chunk stays usable. */
        c->next = a->head->next;
        a->head->next = c;
        return 1;
    }
    c->next = a->head;
    a->head = c;
    a->cur = (char *)c + HDR;
    a->end = a->cur + size;
    return 0;
}

void *th__arena_alloc_slow(th_arena *a, size_t size)
{
    int r = new_chunk(a, size);
    if (r < 0)
        return NULL;
    if (r == 1)
        return (char *)a->head->next + HDR;
    void *p = a->cur;
    a->cur += size;
    return p;
}

void *th__arena_realloc(th_arena *a, void *p, size_t old, size_t size)
{
    if (p == NULL)
        return th__arena_alloc(a, size);
    if (size <= old)
        return p;
    size_t oldr = (old + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if ((char *)p + oldr == a->cur) {
        size_t extra = ((size + ALIGN - 1) & ~(size_t)(ALIGN - 1)) - oldr;
        if ((size_t)(a->end - a->cur) >= extra) {
            a->cur += extra;
            return p;
        }
    }
    void *q = th__arena_alloc(a, size);
    if (!q)
        return NULL;
    memcpy(q, p, old);
    return q;
}

int th__arena_grow(th_arena *a, void **arr, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 8;
    if (ncap > SIZE_MAX / elem)
        return -1;
    void *p = th__arena_realloc(a, *arr, n * elem, ncap * elem);
    if (!p)
        return -1;
    *arr = p;
    *cap = ncap;
    return 0;
}
