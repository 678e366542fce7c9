/*
 * mem.c -- the replaceable allocator behind th__malloc and friends.  The
 * default forwards to the C library; th_set_allocator() installs a user
 * hook.  This is the only file in src/ that may call malloc/free.
 */
#include "mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "thresh.h"

static void *d_malloc(size_t n, void *ud) { (void)ud; return malloc(n); }
static void *d_realloc(void *p, size_t n, void *ud) { (void)ud; return realloc(p, n); }
static void d_free(void *p, void *ud) { (void)ud; free(p); }

static th_allocator g_alloc = {d_malloc, d_realloc, d_free, NULL};

void th_set_allocator(const th_allocator *alloc)
{
    if (alloc == NULL) {
        g_alloc.malloc_fn = d_malloc;
        g_alloc.realloc_fn = d_realloc;
        g_alloc.free_fn = d_free;
        g_alloc.ud = NULL;
    } else {
        g_alloc = *alloc;
    }
}

void *th__malloc(size_t size) { return g_alloc.malloc_fn(size ? size : 1, g_alloc.ud); }

void *th__calloc(size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    void *p = th__malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *th__realloc(void *ptr, size_t size)
{
    return g_alloc.realloc_fn(ptr, size ? size : 1, g_alloc.ud);
}

void th__free(void *ptr)
{
    if (ptr)
        g_alloc.free_fn(ptr, g_alloc.ud);
}

void th_free(void *ptr) { th__free(ptr); }

char *th__strndup(const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *p = th__malloc(len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}
