/*
 * mem.h -- the library's one allocation choke point.  Every allocation in
 * src/ goes through th__malloc/th__realloc/th__free so tests can count or
 * fail allocations (th_set_allocator).  Raw malloc/free are banned in src/
 * outside mem.c (checked by `make lint`).
 */
#ifndef TH_MEM_H
#define TH_MEM_H
#include <stddef.h>

void *th__malloc(size_t size);
void *th__calloc(size_t n, size_t size); /* zeroed; NULL on overflow */
void *th__realloc(void *ptr, size_t size);
void th__free(void *ptr);
/* A heap copy of s[0..len) plus NUL; NULL on ENOMEM. */
char *th__strndup(const char *s, size_t len);

#endif
