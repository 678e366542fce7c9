/*
 * buf.c -- capped growable buffer (see buf.h).
 */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"

void th__buf_init(th_buf *b, size_t max)
{
    memset(b, 0, sizeof *b);
    b->max = max ? max : SIZE_MAX / 2;
}

void th__buf_cleanup(th_buf *b)
{
    th__free(b->data);
    size_t max = b->max;
    memset(b, 0, sizeof *b);
    b->max = max;
}

void th__buf_clear(th_buf *b)
{
    b->len = 0;
    b->err = 0;
    if (b->data)
        b->data[0] = '\0';
}

th_status th__buf_reserve(th_buf *b, size_t extra)
{
    if (b->err)
        return (th_status)b->err;
    if (extra > b->max || b->len > b->max - extra) {
        b->err = TH_ETOOBIG;
        return TH_ETOOBIG;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return TH_OK;
    size_t ncap = b->cap ? b->cap : 64;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) {
            ncap = need;
            break;
        }
        ncap *= 2;
    }
    char *p = th__realloc(b->data, ncap);
    if (!p) {
        b->err = TH_ENOMEM;
        return TH_ENOMEM;
    }
    b->data = p;
    b->cap = ncap;
    return TH_OK;
}

th_status th__buf_append(th_buf *b, const void *data, size_t len)
{
    th_status st = th__buf_reserve(b, len);
    if (st)
        return st;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return TH_OK;
}

th_status th__buf_putc(th_buf *b, char c) { return th__buf_append(b, &c, 1); }

th_status th__buf_puts(th_buf *b, const char *s) { return th__buf_append(b, s, strlen(s)); }

th_status th__buf_printf(th_buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return TH_EINVAL;
    if ((size_t)n < sizeof tmp)
        return th__buf_append(b, tmp, (size_t)n);
    th_status st = th__buf_reserve(b, (size_t)n);
    if (st)
        return st;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return TH_OK;
}

char *th__buf_take(th_buf *b, size_t *len)
{
    if (b->err) {
        th__buf_cleanup(b);
        return NULL;
    }
    if (!b->data && th__buf_reserve(b, 0) != TH_OK)
        return NULL;
    b->data[b->len] = '\0';
    char *p = b->data;
    if (len)
        *len = b->len;
    size_t max = b->max;
    memset(b, 0, sizeof *b);
    b->max = max;
    return p;
}
