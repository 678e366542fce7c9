/*
 * buf.h -- growable byte buffer with a mandatory size cap (curl's dynbuf).
 * Web input is hostile, so every th_buf refuses to grow past its cap and
 * reports TH_ETOOBIG instead.  The content is always NUL-terminated.
 * Memory comes from th__malloc (heap), not from an arena; use
 * th__buf_take() to hand the bytes to a caller, who frees them with th_free.
 */
#ifndef TH_BUF_H
#define TH_BUF_H
#include <stdarg.h>
#include <stddef.h>

#include "thresh.h"

typedef struct th_buf {
    char *data;  /* NUL-terminated when len > 0 or after any append */
    size_t len;
    size_t cap;  /* allocated bytes */
    size_t max;  /* the size cap: len never exceeds it */
    int err;     /* sticky: the first th_status that failed an append */
} th_buf;

void th__buf_init(th_buf *b, size_t max);
void th__buf_cleanup(th_buf *b);
void th__buf_clear(th_buf *b); /* len = 0, keeps the memory and err reset */
th_status th__buf_reserve(th_buf *b, size_t extra);
th_status th__buf_append(th_buf *b, const void *data, size_t len);
th_status th__buf_putc(th_buf *b, char c);
th_status th__buf_puts(th_buf *b, const char *s);
th_status th__buf_printf(th_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the data out (caller frees with th_free) and resets the buffer.
 * Returns NULL on ENOMEM or if the buffer had failed (b->err). */
char *th__buf_take(th_buf *b, size_t *len);

#endif
