/*
 * warc.c -- streaming WARC reader, HTTP response parser and WARC writer
 * (see warc.h and docs/internals/warc.md).
 *
 * Two layers.  The byte layer hands out the decompressed stream in 64 KiB
 * pieces: the file itself, or the output of zlib over a sequence of gzip
 * members (a whole-file gzip stream is the one-member case).  When a member
 * is corrupt or truncated, the byte layer reports a break and resynchronises
 * on the next gzip header (seeking back to just after the broken member's
 * start when the file is seekable, else scanning forward).  The record
 * layer parses "WARC/1.x" headers and reads Content-Length bytes of block;
 * a break drops the record in progress (TH_SKIP_GZIP); a malformed header
 * is skipped up to the next line that starts with "WARC/".
 */
#include "warc.h"

#include <string.h>
#include <zlib.h>
#ifdef TH_HAVE_LIBDEFLATE
#include <libdeflate.h>
#endif

#include "mem.h"

/* The input window holds whole members for the libdeflate path: a member
 * is inflated in one call when it fits (compressed) in the window. */
#define IN_SIZE (1u << 20)
#define OUT_SIZE 65536
/* Output bound of the whole-member path; bigger members stream (zlib). */
#define FAST_OUT_MAX ((size_t)8 << 20)
#define HEADER_MAX 65536 /* bytes of WARC header (all lines) */

struct th_warc {
    FILE *f;
    bool gz, zinit, eof, seekable;
    z_stream zs;
    unsigned char in[IN_SIZE];
    uint64_t in_off;     /* file offset of in[0] */
    size_t in_len;       /* valid bytes in in[] */
    uint64_t member_off; /* file offset where the current member starts */
    bool member_open;    /* inside a member (not between members) */
    bool broken;         /* a gzip break not yet reported to the records */
    char win[OUT_SIZE];  /* zlib / plain output window */
    char *out;           /* the bytes being handed out: win or big */
    size_t out_pos, out_len;
#ifdef TH_HAVE_LIBDEFLATE
    struct libdeflate_decompressor *ld;
    char *big;           /* a whole member's output */
    size_t big_cap;
    unsigned fast_ok, fast_fail;
#endif
    uint64_t uoff;       /* decompressed offset of out[out_pos] */
    bool at_eof;         /* the byte layer has nothing more */
    bool have_version;   /* a resync already consumed the "WARC/" line */
    uint64_t version_off; /* ... at this offset */
    th_buf line, block;
    /* A block handed out in place (in big): the byte after it, replaced
     * by a NUL until the next call. */
    char *nul_at;
    char nul_saved;
    size_t max_record;
    /* Header fields of the current record (copies in hdr). */
    char hdr[HEADER_MAX + 1];
    size_t hdr_len;
};

/* ------------------------------------------------------ byte layer ---- */

static bool fill_raw(th_warc *w)
{
    /* Compacts in[] down to the unread input and reads more. */
    if (w->eof)
        return false;
    size_t used = w->in_len - w->zs.avail_in;
    if (used) {
        memmove(w->in, w->in + used, w->zs.avail_in);
        w->in_off += used;
        w->in_len = w->zs.avail_in;
        w->zs.next_in = w->in; /* even when nothing more can be read */
    }
    size_t r = fread(w->in + w->in_len, 1, IN_SIZE - w->in_len, w->f);
    if (r == 0) {
        w->eof = true;
        return false;
    }
    w->in_len += r;
    w->zs.next_in = w->in;
    w->zs.avail_in = (uInt)w->in_len;
    return true;
}

static uint64_t raw_pos(const th_warc *w)
{
    return w->in_off + (w->in_len - w->zs.avail_in);
}

/* Finds the next gzip member header (1f 8b 08) at or after the current raw
 * position, leaving zs.next_in on it.  Returns false at end of file. */
static bool scan_magic(th_warc *w)
{
    for (;;) {
        while (w->zs.avail_in >= 3) {
            const unsigned char *p = w->zs.next_in;
            if (p[0] == 0x1f && p[1] == 0x8b && p[2] == 0x08)
                return true;
            const unsigned char *q =
                memchr(p + 1, 0x1f, w->zs.avail_in - 1);
            size_t skip = q ? (size_t)(q - p) : w->zs.avail_in - 2;
            w->zs.next_in += skip;
            w->zs.avail_in -= (uInt)skip;
        }
        if (!fill_raw(w))
            return false;
    }
}

/* After a broken member: reposition after the member's first byte and look
 * for the next member. */
static void resync(th_warc *w)
{
    w->broken = true;
    w->member_open = false;
    inflateReset(&w->zs);
    if (w->member_off + 1 >= w->in_off &&
        w->member_off + 1 <= w->in_off + w->in_len) {
        /* Still buffered: just step back. */
        size_t at = (size_t)(w->member_off + 1 - w->in_off);
        w->zs.next_in = w->in + at;
        w->zs.avail_in = (uInt)(w->in_len - at);
    } else if (w->seekable &&
               fseeko(w->f, (off_t)(w->member_off + 1), SEEK_SET) == 0) {
        w->in_off = w->member_off + 1;
        w->in_len = 0;
        w->zs.next_in = w->in;
        w->zs.avail_in = 0;
        w->eof = false;
    }
    /* else: not seekable, scan forward from here. */
    scan_magic(w);
}

#ifdef TH_HAVE_LIBDEFLATE
/* Inflates the member at zs.next_in in one call (libdeflate, which checks
 * the CRC and ISIZE and says where the member ended).  Returns true with
 * the member's bytes in big[] and the input advanced past it; false when
 * the member is not all buffered, is bigger than FAST_OUT_MAX, or is
 * damaged -- the caller then streams it through zlib, whose error handling
 * (resync, truncation) is the reference. */
static bool fast_member(th_warc *w)
{
    if (!w->ld || (w->fast_fail > 4 && w->fast_fail > w->fast_ok))
        return false; /* one whole-file stream, or members too big */
    if (w->zs.avail_in < IN_SIZE / 2 && !w->eof) {
        fill_raw(w);
        w->member_off = raw_pos(w);
    }
    size_t cap = w->big_cap;
    if (cap < (size_t)w->zs.avail_in * 4)
        cap = (size_t)w->zs.avail_in * 4;
    if (cap < ((size_t)256 << 10))
        cap = (size_t)256 << 10;
    if (cap > FAST_OUT_MAX)
        cap = FAST_OUT_MAX;
    for (;;) {
        if (cap > w->big_cap) {
            char *nb = th__realloc(w->big, cap);
            if (!nb)
                break;
            w->big = nb;
            w->big_cap = cap;
        }
        size_t ain = 0, aout = 0;
        enum libdeflate_result r = libdeflate_gzip_decompress_ex(
            w->ld, w->zs.next_in, w->zs.avail_in, w->big, w->big_cap, &ain,
            &aout);
        if (r == LIBDEFLATE_SUCCESS) {
            w->zs.next_in += ain;
            w->zs.avail_in -= (uInt)ain;
            w->out = w->big;
            w->out_len = aout;
            w->fast_ok++;
            return true;
        }
        if (r != LIBDEFLATE_INSUFFICIENT_SPACE || w->big_cap >= FAST_OUT_MAX)
            break;
        cap = w->big_cap * 2 > FAST_OUT_MAX ? FAST_OUT_MAX : w->big_cap * 2;
    }
    w->fast_fail++;
    return false;
}
#endif

/* Produces more decompressed bytes into out[].  Returns false at the end. */
static bool produce(th_warc *w)
{
    w->out_pos = w->out_len = 0;
    w->out = w->win;
    if (w->at_eof)
        return false;
    if (!w->gz) {
        size_t r = fread(w->out, 1, OUT_SIZE, w->f);
        if (r == 0) {
            w->at_eof = true;
            return false;
        }
        w->out_len = r;
        return true;
    }
    while (w->out_len == 0) {
        if (!w->member_open) {
            if (w->zs.avail_in < 3 && !w->eof)
                fill_raw(w);
            if (w->zs.avail_in == 0) {
                w->at_eof = true;
                return false;
            }
            const unsigned char *p = w->zs.next_in;
            if (w->zs.avail_in < 3 || p[0] != 0x1f || p[1] != 0x8b ||
                p[2] != 0x08) {
                /* Junk between members (or a cut header): skip to the
                 * next member.  Zero padding at the end is not an error. */
                bool zeros = true;
                for (uInt i = 0; i < w->zs.avail_in; i++)
                    zeros = zeros && p[i] == 0;
                if (!(zeros && w->eof))
                    w->broken = true;
                w->zs.next_in++;
                w->zs.avail_in--;
                if (!scan_magic(w)) {
                    w->at_eof = true;
                    return false;
                }
            }
            w->member_off = raw_pos(w);
#ifdef TH_HAVE_LIBDEFLATE
            if (fast_member(w)) {
                if (w->out_len)
                    return true;
                continue; /* an empty member */
            }
#endif
            w->member_open = true;
        }
        if (w->zs.avail_in == 0 && !fill_raw(w)) {
            /* The file ends inside a member: truncated. */
            w->broken = true;
            w->member_open = false;
            w->at_eof = true;
            return false;
        }
        w->zs.next_out = (Bytef *)w->out;
        w->zs.avail_out = OUT_SIZE;
        int rc = inflate(&w->zs, Z_NO_FLUSH);
        w->out_len = OUT_SIZE - w->zs.avail_out;
        if (rc == Z_STREAM_END) {
            inflateReset(&w->zs);
            w->member_open = false;
        } else if (rc == Z_BUF_ERROR && w->zs.avail_in == 0) {
            /* needs more input: loop */
        } else if (rc != Z_OK) {
            /* Corrupt member: drop what it produced in this call too. */
            w->out_len = 0;
            resync(w);
            return true; /* the caller sees the break */
        }
    }
    return true;
}

/* Reads n bytes into b (or discards them when b is NULL).  Returns 0, -1 at
 * end of input, -2 on a break. */
static int get_bytes(th_warc *w, th_buf *b, uint64_t n)
{
    while (n > 0) {
        if (w->broken)
            return -2;
        if (w->out_pos == w->out_len) {
            if (!produce(w))
                return w->broken ? -2 : -1;
            continue;
        }
        size_t k = w->out_len - w->out_pos;
        if (k > n)
            k = (size_t)n;
        if (b && th__buf_append(b, w->out + w->out_pos, k) != TH_OK)
            return -3;
        w->out_pos += k;
        w->uoff += k;
        n -= k;
    }
    return 0;
}

/* Reads one line (without the line end) into w->line, capped.  Returns 0,
 * -1 at end with nothing read, -2 break, -3 too long. */
static int get_line(th_warc *w)
{
    th__buf_clear(&w->line);
    for (;;) {
        if (w->broken)
            return -2;
        if (w->out_pos == w->out_len) {
            if (!produce(w))
                return w->broken ? -2 : w->line.len ? 0 : -1;
            continue;
        }
        /* The rest of the line, or of the buffer, in one piece; as the
         * byte loop it stands for, a line reaching 8192 bytes stops at
         * the byte after them (consumed, not kept). */
        const char *p = w->out + w->out_pos;
        size_t avail = w->out_len - w->out_pos;
        const char *nl = memchr(p, '\n', avail);
        size_t take = nl ? (size_t)(nl - p) : avail;
        if (w->line.len + take > 8192) {
            size_t k = 8192 - w->line.len;
            th__buf_append(&w->line, p, k);
            w->out_pos += k + 1;
            w->uoff += k + 1;
            return -3;
        }
        th__buf_append(&w->line, p, take);
        w->out_pos += take;
        w->uoff += take;
        if (nl) {
            w->out_pos++;
            w->uoff++;
            break;
        }
    }
    if (w->line.len && w->line.data[w->line.len - 1] == '\r')
        w->line.data[--w->line.len] = '\0';
    return 0;
}

/* ---------------------------------------------------------- public ---- */

th_warc *th__warc_new(FILE *f, size_t max_record)
{
    if (!f)
        return NULL;
    th_warc *w = th__calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->f = f;
    w->out = w->win;
    w->max_record = max_record ? max_record : ((size_t)32 << 20);
    th__buf_init(&w->line, 16384);
    th__buf_init(&w->block, w->max_record + 1);
    w->seekable = ftello(f) >= 0 && fseeko(f, 0, SEEK_CUR) == 0;
    /* Sniff gzip from the first bytes. */
    w->zs.next_in = w->in;
    w->zs.avail_in = 0;
    size_t r = fread(w->in, 1, OUT_SIZE, f); /* plain: fits win[] */
    if (r == 0)
        w->eof = true;
    w->in_len = r;
    w->zs.avail_in = (uInt)r;
    if (r >= 2 && w->in[0] == 0x1f && w->in[1] == 0x8b) {
        if (inflateInit2(&w->zs, 15 + 16) != Z_OK) {
            th__buf_cleanup(&w->line);
            th__buf_cleanup(&w->block);
            th__free(w);
            return NULL;
        }
        w->gz = w->zinit = true;
#ifdef TH_HAVE_LIBDEFLATE
        w->ld = libdeflate_alloc_decompressor(); /* NULL: zlib only */
#endif
        w->zs.next_in = w->in;
        w->zs.avail_in = (uInt)r;
    } else {
        /* Plain: hand the sniffed bytes to the record layer. */
        memcpy(w->out, w->in, r);
        w->out_len = r;
        w->in_off = r;
        w->in_len = 0;
        w->zs.avail_in = 0;
    }
    return w;
}

void th__warc_free(th_warc *w)
{
    if (!w)
        return;
    if (w->zinit)
        inflateEnd(&w->zs);
#ifdef TH_HAVE_LIBDEFLATE
    if (w->ld)
        libdeflate_free_decompressor(w->ld);
    th__free(w->big);
#endif
    th__buf_cleanup(&w->line);
    th__buf_cleanup(&w->block);
    th__free(w);
}

uint64_t th__warc_consumed(const th_warc *w)
{
    if (!w)
        return 0;
    if (w->gz)
        return raw_pos(w);
    return w->uoff;
}

static bool ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return false;
    }
    return true;
}

/* Finds header `name` in the header block (lines "Name: value\0").  */
static const char *hdr_get(const th_warc *w, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < w->hdr_len;) {
        const char *l = w->hdr + i;
        size_t ll = strlen(l);
        if (ll > n && l[n] == ':' && ieq(l, name, n)) {
            const char *v = l + n + 1;
            while (*v == ' ' || *v == '\t')
                v++;
            return v;
        }
        i += ll + 1;
    }
    return NULL;
}

/* Skips lines until one that starts a WARC record; leaves it in w->line.
 * Returns 0, or -1 at end / -2 break. */
static int resync_lines(th_warc *w)
{
    for (;;) {
        int rc = get_line(w);
        if (rc == -1 || rc == -2)
            return rc;
        if (rc == 0 && w->line.len >= 6 &&
            memcmp(w->line.data, "WARC/", 5) == 0) {
            w->have_version = true;
            w->version_off = w->uoff - w->line.len - 1;
            return 0;
        }
    }
}

th_warc_result th__warc_next(th_warc *w, th_warc_record *rec, int *reason)
{
    if (!w || !rec || !reason)
        return TH_WARC_END;
    memset(rec, 0, sizeof *rec);
    *reason = 0;
    if (w->nul_at) {
        *w->nul_at = w->nul_saved;
        w->nul_at = NULL;
    }
    if (w->broken) {
        /* A break reported between records (junk, cut member). */
        w->broken = false;
        *reason = TH_SKIP_GZIP;
        return TH_WARC_SKIP;
    }
    int rc;
    uint64_t start;
    if (w->have_version) {
        w->have_version = false;
        start = w->version_off;
    } else {
        /* The version line: skip blank lines between records. */
        do {
            start = w->uoff;
            rc = get_line(w);
        } while (rc == 0 && w->line.len == 0);
        if (rc == -1)
            return ferror(w->f) ? TH_WARC_IOERR : TH_WARC_END;
        if (rc == -2)
            goto gzbreak;
        if (rc == -3 || w->line.len < 6 ||
            memcmp(w->line.data, "WARC/", 5) != 0) {
            /* Not a record start: count once, then find the next one
             * (a gzip break on the way is part of the same loss). */
            rc = resync_lines(w);
            if (rc == -2)
                w->broken = false;
            *reason = TH_SKIP_WARC_HEADER;
            return TH_WARC_SKIP;
        }
    }
    /* Header lines. */
    w->hdr_len = 0;
    bool bad = false;
    for (;;) {
        rc = get_line(w);
        if (rc == -2)
            goto gzbreak;
        if (rc == -1) {
            *reason = TH_SKIP_WARC_HEADER;
            return TH_WARC_SKIP;
        }
        if (rc == -3) {
            bad = true;
            break;
        }
        if (w->line.len == 0)
            break;
        const char *l = w->line.data;
        if ((l[0] == ' ' || l[0] == '\t') && w->hdr_len > 0) {
            /* Continuation: append to the previous line. */
            if (w->hdr_len + w->line.len + 1 > HEADER_MAX) {
                bad = true;
                break;
            }
            w->hdr_len--; /* overwrite the NUL */
            memcpy(w->hdr + w->hdr_len, l, w->line.len);
            w->hdr_len += w->line.len;
            w->hdr[w->hdr_len++] = '\0';
            continue;
        }
        if (!memchr(l, ':', w->line.len) ||
            w->hdr_len + w->line.len + 1 > HEADER_MAX) {
            bad = true;
            break;
        }
        memcpy(w->hdr + w->hdr_len, l, w->line.len);
        w->hdr_len += w->line.len;
        w->hdr[w->hdr_len++] = '\0';
    }
    const char *cl = bad ? NULL : hdr_get(w, "Content-Length");
    uint64_t n = 0;
    bool digits = cl && *cl;
    for (const char *p = cl; digits && *p && *p != ' ' && *p != '\t'; p++) {
        if (*p < '0' || *p > '9' || n > (UINT64_MAX - 9) / 10)
            digits = false;
        else
            n = n * 10 + (uint64_t)(*p - '0');
    }
    if (!digits) {
        /* The block's end is unknown: skip to the next record start. */
        if (resync_lines(w) == -2)
            w->broken = false;
        *reason = TH_SKIP_WARC_HEADER;
        return TH_WARC_SKIP;
    }
    th__buf_clear(&w->block);
    if (n > w->max_record) {
        rc = get_bytes(w, NULL, n);
        if (rc == -2)
            goto gzbreak;
        *reason = TH_SKIP_TOO_BIG;
        return TH_WARC_SKIP;
    }
    const char *block;
    size_t block_len;
#ifdef TH_HAVE_LIBDEFLATE
    if (!w->broken && w->big && w->out == w->big &&
        w->out_len - w->out_pos >= n && w->out_pos + n < w->big_cap) {
        /* The whole block is in the member just inflated: handed out in
         * place, NUL-terminated by borrowing the byte after it. */
        char *b = w->out + w->out_pos;
        w->out_pos += (size_t)n;
        w->uoff += n;
        w->nul_at = b + n;
        w->nul_saved = *w->nul_at;
        *w->nul_at = '\0';
        block = b;
        block_len = (size_t)n;
    } else
#endif
    {
        rc = get_bytes(w, &w->block, n);
        if (rc == -2)
            goto gzbreak;
        if (rc == -3) {
            *reason = TH_SKIP_TOO_BIG;
            return TH_WARC_SKIP;
        }
        if (rc == -1) {
            /* The plain file ends inside the block. */
            *reason = TH_SKIP_WARC_HEADER;
            return TH_WARC_SKIP;
        }
        th__buf_putc(&w->block, 0);
        w->block.len--;
        block = w->block.data ? w->block.data : "";
        block_len = w->block.len;
    }
    const char *t = hdr_get(w, "WARC-Type");
    /* Lower-case the type in place (it lives in hdr). */
    if (t)
        for (char *p = (char *)t; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p + 32);
    rec->type = t ? t : "";
    rec->record_id = hdr_get(w, "WARC-Record-ID");
    const char *u = hdr_get(w, "WARC-Target-URI");
    if (u && *u == '<') {
        /* WARC 1.0 drafts wrote <uri>; strip the brackets in place. */
        char *p = (char *)u + 1;
        size_t ul = strlen(p);
        if (ul && p[ul - 1] == '>')
            p[ul - 1] = '\0';
        u = p;
    }
    rec->target_uri = u;
    rec->date = hdr_get(w, "WARC-Date");
    rec->content_type = hdr_get(w, "Content-Type");
    rec->offset = start;
    rec->block = block;
    rec->block_len = block_len;
    return TH_WARC_RECORD;

gzbreak:
    w->broken = false;
    *reason = TH_SKIP_GZIP;
    return TH_WARC_SKIP;
}

/* ------------------------------------------------------------ HTTP ---- */

static size_t line_end(const char *s, size_t len, size_t i, size_t *next)
{
    const char *nl = memchr(s + i, '\n', len - i);
    if (!nl) {
        *next = len;
        return len;
    }
    size_t e = (size_t)(nl - s);
    *next = e + 1;
    if (e > i && s[e - 1] == '\r')
        e--;
    return e;
}

static void copy_lower(char *dst, size_t cap, const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        dst[k++] = c;
    }
    dst[k] = '\0';
}

/* Parses "type/subtype; charset=x" into mime and charset. */
static void parse_ctype(const char *v, size_t n, th_http *h)
{
    size_t i = 0;
    while (i < n && (v[i] == ' ' || v[i] == '\t'))
        i++;
    size_t s = i;
    while (i < n && v[i] != ';' && v[i] != ' ' && v[i] != '\t')
        i++;
    copy_lower(h->mime, sizeof h->mime, v + s, i - s);
    while (i < n) {
        while (i < n && (v[i] == ';' || v[i] == ' ' || v[i] == '\t'))
            i++;
        size_t ks = i;
        while (i < n && v[i] != '=' && v[i] != ';')
            i++;
        size_t kl = i - ks;
        if (i < n && v[i] == '=') {
            i++;
            if (i < n && v[i] == '"')
                i++;
            size_t vs = i;
            while (i < n && v[i] != ';' && v[i] != '"' && v[i] != ' ')
                i++;
            if (kl == 7 && ieq(v + ks, "charset", 7))
                copy_lower(h->charset, sizeof h->charset, v + vs, i - vs);
            while (i < n && v[i] != ';')
                i++;
        }
    }
}

static int dechunk(const char *s, size_t len, th_buf *out)
{
    size_t i = 0;
    for (;;) {
        size_t next, e = line_end(s, len, i, &next);
        uint64_t n = 0;
        size_t k = i;
        int nd = 0;
        for (; k < e; k++) {
            char c = s[k];
            int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
            if (d < 0)
                break;
            if (n > (UINT64_MAX >> 4))
                return TH_SKIP_BAD_HTTP;
            n = n * 16 + (uint64_t)d;
            nd++;
        }
        if (nd == 0) {
            /* A body cut before its last chunk: keep what we have. */
            return i >= len && out->len ? 0 : TH_SKIP_BAD_HTTP;
        }
        if (n == 0)
            return 0;
        i = next;
        if (n > len - i) {
            /* Truncated last chunk: keep the part we have. */
            n = len - i;
        }
        if (th__buf_append(out, s + i, (size_t)n) != TH_OK)
            return TH_SKIP_TOO_BIG;
        i += (size_t)n;
        if (i < len && s[i] == '\r')
            i++;
        if (i < len && s[i] == '\n')
            i++;
        if (i >= len)
            return 0;
    }
}

static int inflate_body(const char *s, size_t len, bool raw_deflate,
                        th_buf *out)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    /* gzip: 15+16; deflate: zlib wrapper (32 = auto zlib/gzip) or raw. */
    if (inflateInit2(&zs, raw_deflate ? -15 : 15 + 32) != Z_OK)
        return TH_SKIP_BAD_HTTP;
    zs.next_in = (Bytef *)s;
    zs.avail_in = (uInt)len;
    char tmp[16384];
    int result = 0;
    for (;;) {
        zs.next_out = (Bytef *)tmp;
        zs.avail_out = sizeof tmp;
        int rc = inflate(&zs, Z_NO_FLUSH);
        size_t got = sizeof tmp - zs.avail_out;
        if (got && th__buf_append(out, tmp, got) != TH_OK) {
            result = TH_SKIP_TOO_BIG;
            break;
        }
        if (rc == Z_STREAM_END)
            break;
        if (rc == Z_BUF_ERROR || (rc == Z_OK && zs.avail_in == 0 && got == 0)) {
            /* Truncated payload: keep what decoded. */
            if (out->len == 0)
                result = TH_SKIP_BAD_HTTP;
            break;
        }
        if (rc != Z_OK) {
            result = out->len ? 0 : TH_SKIP_BAD_HTTP;
            break;
        }
    }
    inflateEnd(&zs);
    return result;
}

int th__http_parse(const char *block, size_t len, th_buf *scratch,
                   th_http *h)
{
    memset(h, 0, sizeof *h);
    size_t i = 0, next;
    size_t e = line_end(block, len, 0, &next);
    if (e < 12 || memcmp(block, "HTTP/", 5) != 0)
        return TH_SKIP_BAD_HTTP;
    const char *sp = memchr(block, ' ', e);
    if (!sp || (size_t)(sp - block) + 4 > e)
        return TH_SKIP_BAD_HTTP;
    int status = 0;
    for (int k = 1; k <= 3; k++) {
        char c = sp[k];
        if (c < '0' || c > '9')
            return TH_SKIP_BAD_HTTP;
        status = status * 10 + (c - '0');
    }
    h->status = status;
    bool chunked = false, gz = false, deflate = false, ident = true;
    i = next;
    for (;;) {
        if (i >= len)
            break; /* headers without a body */
        e = line_end(block, len, i, &next);
        if (e == i) {
            i = next;
            break;
        }
        const char *l = block + i;
        size_t ll = e - i;
        const char *colon = memchr(l, ':', ll);
        if (colon) {
            size_t kl = (size_t)(colon - l);
            const char *v = colon + 1;
            size_t vl = ll - kl - 1;
            while (vl && (*v == ' ' || *v == '\t'))
                v++, vl--;
            if (kl == 12 && ieq(l, "content-type", 12)) {
                parse_ctype(v, vl, h);
            } else if (kl == 17 && ieq(l, "transfer-encoding", 17)) {
                for (size_t k = 0; k + 7 <= vl; k++)
                    if (ieq(v + k, "chunked", 7))
                        chunked = true;
            } else if (kl == 16 && ieq(l, "content-encoding", 16)) {
                char enc[32];
                copy_lower(enc, sizeof enc, v, vl);
                if (strstr(enc, "gzip"))
                    gz = true, ident = false;
                else if (strstr(enc, "deflate"))
                    deflate = true, ident = false;
                else if (strstr(enc, "br") || strstr(enc, "zstd") ||
                         strstr(enc, "compress"))
                    ident = false;
                /* "identity" and empty stay identity. */
            }
        }
        i = next;
    }
    if (!ident && !gz && !deflate)
        return TH_SKIP_BAD_HTTP; /* an encoding we cannot decode */
    const char *body = block + (i < len ? i : len);
    size_t blen = i < len ? len - i : 0;
    th__buf_clear(scratch);
    if (chunked) {
        int rc = dechunk(body, blen, scratch);
        if (rc)
            return rc;
        body = scratch->data ? scratch->data : "";
        blen = scratch->len;
    }
    if (gz || deflate) {
        th_buf tmp;
        th__buf_init(&tmp, scratch->max);
        int rc = 0;
        if (blen) {
            /* Deflate is sometimes sent raw, without the zlib wrapper. */
            rc = inflate_body(body, blen, false, &tmp);
            if (rc == TH_SKIP_BAD_HTTP && deflate) {
                th__buf_clear(&tmp);
                rc = inflate_body(body, blen, true, &tmp);
            }
        }
        if (rc) {
            th__buf_cleanup(&tmp);
            return rc;
        }
        /* Hand tmp's bytes over to scratch. */
        th__buf_cleanup(scratch);
        *scratch = tmp;
        body = scratch->data ? scratch->data : "";
        blen = scratch->len;
    }
    if (blen > scratch->max)
        return TH_SKIP_TOO_BIG;
    h->body = body;
    h->body_len = blen;
    return 0;
}

bool th__http_is_html(const char *mime)
{
    return !mime || !*mime || strcmp(mime, "text/html") == 0 ||
           strcmp(mime, "application/xhtml+xml") == 0 ||
           strcmp(mime, "application/xhtml") == 0;
}

/* ---------------------------------------------------------- writer ---- */

th_status th__gzip(const char *data, size_t len, char **out, size_t *outlen)
{
    *out = NULL;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        return TH_ENOMEM;
    uLong cap = deflateBound(&zs, (uLong)len) + 32;
    char *p = th__malloc(cap);
    if (!p) {
        deflateEnd(&zs);
        return TH_ENOMEM;
    }
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)len;
    zs.next_out = (Bytef *)p;
    zs.avail_out = (uInt)cap;
    int rc = deflate(&zs, Z_FINISH);
    size_t n = cap - zs.avail_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        th__free(p);
        return TH_ENOMEM;
    }
    *out = p;
    *outlen = n;
    return TH_OK;
}

th_status th__warc_write(FILE *f, bool gz, const char *type,
                         const char *uri, const char *record_id,
                         const char *content_type, const char *block,
                         size_t len)
{
    static unsigned long counter;
    th_buf b;
    th__buf_init(&b, 0);
    char idbuf[96];
    if (!record_id) {
        /* A deterministic urn:uuid-shaped id from the URI and a counter. */
        uint64_t h = 1469598103934665603ull;
        for (const char *p = uri ? uri : ""; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ull;
        h ^= ++counter * 0x9e3779b97f4a7c15ull;
        snprintf(idbuf, sizeof idbuf,
                 "<urn:uuid:%08lx-%04lx-4%03lx-8%03lx-%012llx>",
                 (unsigned long)(h >> 32), (unsigned long)((h >> 16) & 0xffff),
                 (unsigned long)(h & 0xfff), (unsigned long)(counter & 0xfff),
                 (unsigned long long)(h & 0xffffffffffffull));
        record_id = idbuf;
    }
    th__buf_printf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\n"
                       "WARC-Date: 2024-01-01T00:00:00Z\r\n",
                   type, record_id);
    if (uri)
        th__buf_printf(&b, "WARC-Target-URI: %s\r\n", uri);
    if (content_type)
        th__buf_printf(&b, "Content-Type: %s\r\n", content_type);
    th__buf_printf(&b, "Content-Length: %zu\r\n\r\n", len);
    th__buf_append(&b, block, len);
    th__buf_puts(&b, "\r\n\r\n");
    if (b.err) {
        th__buf_cleanup(&b);
        return TH_ENOMEM;
    }
    th_status st = TH_OK;
    if (gz) {
        char *z;
        size_t zn;
        st = th__gzip(b.data, b.len, &z, &zn);
        if (st == TH_OK) {
            if (fwrite(z, 1, zn, f) != zn)
                st = TH_EIO;
            th__free(z);
        }
    } else if (fwrite(b.data, 1, b.len, f) != b.len) {
        st = TH_EIO;
    }
    th__buf_cleanup(&b);
    return st;
}
