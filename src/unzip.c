/*
 * unzip.c -- whole-buffer gunzip for th_extract (see unzip.h).  zlib's
 * streaming inflate, because the output size is unknown: a gzip trailer's
 * ISIZE is the size modulo 2^32 of the last member only, so it is a first
 * guess for the buffer, never a bound.
 */
#include <stdint.h>
#include <string.h>
#include <zlib.h>

#include "mem.h"
#include "unzip.h"

bool th__is_gzip(const char *data, size_t len)
{
    return len >= 3 && (unsigned char)data[0] == 0x1f &&
           (unsigned char)data[1] == 0x8b && (unsigned char)data[2] == 8;
}

th_status th__gunzip_all(const char *data, size_t len, size_t max,
                         char **out, size_t *outlen, bool *damaged)
{
    *out = NULL;
    *outlen = 0;
    *damaged = false;
    if (max > SIZE_MAX / 4)
        max = 0; /* "no limit" by another name; keeps max + 2 from wrapping */
    /* pages compress ~4-8x; a first guess, grown by doubling */
    size_t cap = len < 4096 ? 16384 : len < (16u << 20) ? len * 4 : 64u << 20;
    if (len >= 18) {
        const unsigned char *t = (const unsigned char *)data + len - 4;
        size_t isize = (size_t)t[0] | (size_t)t[1] << 8 | (size_t)t[2] << 16 |
                       (size_t)t[3] << 24;
        if (isize >= cap && isize < ((size_t)1 << 31))
            cap = isize + 1;
    }
    /* room for max bytes, one more (seeing it means "over max") and NUL */
    if (max && cap > max + 2)
        cap = max + 2;
    char *buf = th__malloc(cap);
    if (!buf)
        return TH_ENOMEM;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 15 + 16) != Z_OK) {
        th__free(buf);
        return TH_ENOMEM;
    }
    size_t n = 0, in = 0;
    th_status st = TH_OK;
    for (;;) {
        if (n + 1 >= cap) { /* keep a byte for the NUL */
            if (max && cap >= max + 2) {
                st = TH_ETOOBIG;
                break;
            }
            size_t ncap = cap * 2;
            if (max && ncap > max + 2)
                ncap = max + 2;
            char *p = th__realloc(buf, ncap);
            if (!p) {
                st = TH_ENOMEM;
                break;
            }
            buf = p;
            cap = ncap;
        }
        /* zlib counts in uInt: feed and drain at most 1 GiB a step */
        size_t ain = len - in, aout = cap - 1 - n;
        zs.next_in = (Bytef *)(data + in);
        zs.avail_in = (uInt)(ain > (1u << 30) ? (1u << 30) : ain);
        zs.next_out = (Bytef *)(buf + n);
        zs.avail_out = (uInt)(aout > (1u << 30) ? (1u << 30) : aout);
        uInt gave_in = zs.avail_in, gave_out = zs.avail_out;
        int rc = inflate(&zs, Z_NO_FLUSH);
        in += gave_in - zs.avail_in;
        n += gave_out - zs.avail_out;
        if (rc == Z_STREAM_END) {
            /* another member follows (gunzip reads them all), or padding */
            if (th__is_gzip(data + in, len - in)) {
                inflateReset(&zs);
                continue;
            }
            break;
        }
        if (rc == Z_OK)
            continue;
        if (rc == Z_BUF_ERROR && zs.avail_out == 0)
            continue; /* output full: grow */
        /* Z_BUF_ERROR with input left over = cut short; Z_DATA_ERROR,
         * Z_NEED_DICT = damaged */
        if (rc == Z_MEM_ERROR)
            st = TH_ENOMEM;
        else
            *damaged = true;
        break;
    }
    inflateEnd(&zs);
    if (st == TH_OK && max && n > max)
        st = TH_ETOOBIG;
    if (st == TH_OK && n == 0 && *damaged)
        st = TH_EPARSE;
    if (st != TH_OK) {
        th__free(buf);
        return st;
    }
    buf[n] = '\0';
    *out = buf;
    *outlen = n;
    return TH_OK;
}
