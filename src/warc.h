/*
 * warc.h -- a streaming WARC 1.0/1.1 reader (plain, per-record gzip members
 * or one whole-file gzip stream), the HTTP response parser for its response
 * records (status, Content-Type and charset, chunked transfer-encoding,
 * gzip/deflate content-encoding), and a small writer used by tests, tools
 * and benchmarks.  Memory is bounded: one record at a time, each capped.
 * Bad input never stops the reader: a broken record is reported as a skip
 * with a reason and reading resumes at the next record (see
 * docs/internals/warc.md).  This is the only module that includes zlib.
 */
#ifndef TH_WARC_H
#define TH_WARC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "thresh.h"

typedef struct th_warc th_warc;

/* One record; every pointer is borrowed until the next th__warc_next. */
typedef struct th_warc_record {
    const char *type;         /* WARC-Type, lower case ("response", ...) */
    const char *record_id;    /* WARC-Record-ID, or NULL */
    const char *target_uri;   /* WARC-Target-URI without <>, or NULL */
    const char *date;         /* WARC-Date, or NULL */
    const char *content_type; /* the block's Content-Type, or NULL */
    uint64_t offset;          /* offset of the record in the decompressed
                                 stream (unique within one input) */
    const char *block;        /* the record block (NUL-terminated) */
    size_t block_len;
} th_warc_record;

typedef enum th_warc_result {
    TH_WARC_RECORD = 0, /* *rec is filled */
    TH_WARC_SKIP,       /* a record was lost; *reason says why */
    TH_WARC_END,        /* no more records */
    TH_WARC_IOERR       /* reading the file failed */
} th_warc_result;

/*
 * A reader over f (not closed by the reader), which may be plain, a series
 * of gzip members or one gzip stream (sniffed from the first bytes).
 * max_record caps a record's block: bigger ones are skipped (TOO_BIG).
 * Returns NULL on ENOMEM.  Free with th__warc_free.
 */
th_warc *th__warc_new(FILE *f, size_t max_record);
void th__warc_free(th_warc *w);

/* Reads the next record.  On TH_WARC_SKIP *reason is a th_skip_reason. */
th_warc_result th__warc_next(th_warc *w, th_warc_record *rec, int *reason);

/* Bytes of the file consumed so far (compressed bytes for gzip input). */
uint64_t th__warc_consumed(const th_warc *w);

/* The HTTP response inside a response record. */
typedef struct th_http {
    int status;            /* 200, ...; 0 if the status line is unparsable */
    char mime[64];         /* lower-case media type, "" when absent */
    char charset[48];      /* the charset parameter, "" when absent */
    const char *body;      /* decoded payload (dechunked, gunzipped) */
    size_t body_len;
} th_http;

/*
 * Parses an HTTP response block: headers, then the body, decoded from
 * chunked transfer-encoding and gzip/deflate content-encoding into `scratch`
 * (or borrowed from the block when no decoding was needed).  A body larger
 * than scratch's cap after decoding is TH_SKIP_TOO_BIG.
 * Returns 0, or a th_skip_reason (BAD_HTTP, TOO_BIG).
 */
int th__http_parse(const char *block, size_t len, th_buf *scratch,
                   th_http *out);

/* True for the media types thresh extracts (text/html, XHTML) and for an
 * empty type (sniffed later). */
bool th__http_is_html(const char *mime);

/*
 * Writer: appends one WARC/1.1 record with the given WARC-Type, target URI
 * and record Content-Type holding block[0..len).  gz: as its own gzip member
 * (the usual .warc.gz layout); else plain.  record_id may be NULL (one is
 * made from the URI and a counter).  Returns TH_OK or TH_EIO / TH_ENOMEM.
 */
th_status th__warc_write(FILE *f, bool gz, const char *type,
                         const char *uri, const char *record_id,
                         const char *content_type, const char *block,
                         size_t len);

/* Gzip-compresses data into *out (th_free) -- one member; for tests. */
th_status th__gzip(const char *data, size_t len, char **out, size_t *outlen);

#endif
