/*
 * arena.h -- per-document bump allocator.  A th_arena is a list of chunks
 * (64 KiB, larger ones for oversize requests).  There is no per-object free:
 * th__arena_reset() drops everything but the first chunk, so a worker can
 * reuse one arena across many pages; th__arena_cleanup() frees it all.
 * Every string and node of a document lives in its arena.
 */
#ifndef TH_ARENA_H
#define TH_ARENA_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct th_arena_chunk th_arena_chunk;

typedef struct th_arena {
    th_arena_chunk *head; /* current chunk; older ones follow ->next */
    char *cur, *end;      /* free space in the current chunk */
    size_t total;         /* bytes held in chunks */
    size_t limit;         /* 0 = none; otherwise allocations past it fail */
} th_arena;

void th__arena_init(th_arena *a);
void th__arena_cleanup(th_arena *a);
void th__arena_reset(th_arena *a);
/* The out-of-line part of th__arena_alloc: a new chunk (or an oversize
 * one), size already rounded; NULL on ENOMEM / limit. */
void *th__arena_alloc_slow(th_arena *a, size_t size);

/* 16-byte aligned memory, or NULL on ENOMEM / limit.  The bump is inline:
 * nodes, attributes and text runs are allocated a million times a page
 * set, and a call plus a libc memset/memcpy dispatch per object showed in
 * profiles (docs/internals/bench.md, round 2). */
static inline void *th__arena_alloc(th_arena *a, size_t size)
{
    if (size > SIZE_MAX - 16)
        return NULL;
    size = size ? (size + 15) & ~(size_t)15 : 16;
    if ((size_t)(a->end - a->cur) < size || a->cur == NULL)
        return th__arena_alloc_slow(a, size);
    void *p = a->cur;
    a->cur += size;
    return p;
}

static inline void *th__arena_calloc(th_arena *a, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    void *p = th__arena_alloc(a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

/* A NUL-terminated copy of s[0..len); NULL on ENOMEM. */
static inline char *th__arena_strndup(th_arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *p = (char *)th__arena_alloc(a, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}
/* Grows the most recent allocation `p` of `old` bytes to `size` in place
 * when possible, else copies; NULL on ENOMEM (p stays valid). */
void *th__arena_realloc(th_arena *a, void *p, size_t old, size_t size);



/* Makes room for one more element in an arena-backed array *arr holding n
 * elements of elem bytes with capacity *cap (doubling).  Returns 0, or -1 on
 * ENOMEM (the array is unchanged). */
int th__arena_grow(th_arena *a, void **arr, size_t n, size_t *cap, size_t elem);
#endif
