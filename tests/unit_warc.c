/*
 * unit_warc.c -- the WARC reader (plain, per-record gzip, whole-file gzip,
 * broken members, malformed headers, oversize records, pipes), the HTTP
 * response parser and the JSON Lines field reader.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "corpus_json.h"
#include "test.h"
#include "warc.h"

static const char PAGE[] =
    "<html><head><title>Flood waters recede</title></head><body><article>"
    "<p>Residents returned to their homes on Tuesday as the river fell.</p>"
    "</article></body></html>";

/* An HTTP response block with an HTML body. */
static char *http_block(const char *extra_headers, const char *body,
                        size_t blen, size_t *len)
{
    size_t cap = blen + 512;
    char *p = malloc(cap);
    int n = snprintf(p, cap, "HTTP/1.1 200 OK\r\n%s\r\n", extra_headers);
    memcpy(p + n, body, blen);
    *len = (size_t)n + blen;
    return p;
}

/* Writes a small WARC with warcinfo, request, response x2, metadata. */
static void write_sample(FILE *f, bool gz)
{
    size_t bl;
    char *b = http_block("Content-Type: text/html; charset=utf-8\r\n", PAGE,
                         strlen(PAGE), &bl);
    CHECK(th__warc_write(f, gz, "warcinfo", NULL, NULL,
                         "application/warc-fields", "software: t\r\n",
                         13) == TH_OK);
    CHECK(th__warc_write(f, gz, "request", "http://example.org/a", NULL,
                         "application/http; msgtype=request",
                         "GET /a HTTP/1.1\r\n\r\n", 19) == TH_OK);
    CHECK(th__warc_write(f, gz, "response", "http://example.org/a",
                         "<urn:uuid:a>", "application/http; msgtype=response",
                         b, bl) == TH_OK);
    CHECK(th__warc_write(f, gz, "metadata", "http://example.org/a", NULL,
                         "application/warc-fields", "x: y\r\n", 6) == TH_OK);
    CHECK(th__warc_write(f, gz, "response", "http://example.org/b",
                         "<urn:uuid:b>", "application/http; msgtype=response",
                         b, bl) == TH_OK);
    free(b);
}

typedef struct counts {
    int records, responses, skips[TH_SKIP_COUNT], end;
    char ids[8][32];
} counts;

static void read_all(FILE *f, size_t cap, counts *c)
{
    memset(c, 0, sizeof *c);
    th_warc *w = th__warc_new(f, cap);
    if (!w)
        return;
    for (int guard = 0; guard < 1000; guard++) {
        th_warc_record r;
        int reason;
        th_warc_result res = th__warc_next(w, &r, &reason);
        if (res == TH_WARC_END || res == TH_WARC_IOERR) {
            c->end = 1;
            break;
        }
        if (res == TH_WARC_SKIP) {
            c->skips[reason]++;
            continue;
        }
        if (c->records < 8 && r.record_id)
            snprintf(c->ids[c->records], 32, "%s", r.record_id);
        /* Blocks are NUL-terminated, also when handed out in place. */
        CHECK(r.block[r.block_len] == '\0');
        c->records++;
        if (strcmp(r.type, "response") == 0)
            c->responses++;
    }
    th__warc_free(w);
}

TEST(warc_plain_and_gz)
{
    for (int gz = 0; gz < 2; gz++) {
        FILE *f = tmpfile();
        ASSERT(f);
        write_sample(f, gz);
        rewind(f);
        counts c;
        read_all(f, 0, &c);
        fclose(f);
        ASSERT_EQ(c.records, 5);
        ASSERT_EQ(c.responses, 2);
        ASSERT_STR(c.ids[2], "<urn:uuid:a>");
        for (int k = 0; k < TH_SKIP_COUNT; k++)
            ASSERT_EQ(c.skips[k], 0);
    }
}

TEST(warc_record_fields_and_http)
{
    FILE *f = tmpfile();
    ASSERT(f);
    /* A chunked, gzip-encoded body with a charset. */
    char *z;
    size_t zn;
    ASSERT(th__gzip(PAGE, strlen(PAGE), &z, &zn) == TH_OK);
    char chunked[4096];
    size_t half = zn / 2;
    int n = snprintf(chunked, sizeof chunked, "%zx\r\n", half);
    memcpy(chunked + n, z, half);
    n += (int)half;
    n += snprintf(chunked + n, sizeof chunked - (size_t)n, "\r\n%zx\r\n",
                  zn - half);
    memcpy(chunked + n, z + half, zn - half);
    n += (int)(zn - half);
    n += snprintf(chunked + n, sizeof chunked - (size_t)n, "\r\n0\r\n\r\n");
    th_free(z);
    size_t bl;
    char *b = http_block("Content-Type: text/html; charset=\"ISO-8859-1\"\r\n"
                         "Transfer-Encoding: chunked\r\n"
                         "Content-Encoding: gzip\r\n",
                         chunked, (size_t)n, &bl);
    ASSERT(th__warc_write(f, true, "response", "<http://example.org/c>", NULL,
                          "application/http; msgtype=response", b, bl) ==
           TH_OK);
    free(b);
    rewind(f);
    th_warc *w = th__warc_new(f, 0);
    th_warc_record r;
    int reason;
    ASSERT_EQ(th__warc_next(w, &r, &reason), TH_WARC_RECORD);
    ASSERT_STR(r.type, "response");
    ASSERT_STR(r.target_uri, "http://example.org/c");
    ASSERT_STR(r.date, "2024-01-01T00:00:00Z");
    th_buf scratch;
    th__buf_init(&scratch, 1 << 20);
    th_http h;
    ASSERT_EQ(th__http_parse(r.block, r.block_len, &scratch, &h), 0);
    ASSERT_EQ(h.status, 200);
    ASSERT_STR(h.mime, "text/html");
    ASSERT_STR(h.charset, "iso-8859-1");
    ASSERT_EQ(h.body_len, strlen(PAGE));
    ASSERT(memcmp(h.body, PAGE, h.body_len) == 0);
    ASSERT(th__http_is_html(h.mime));
    ASSERT_EQ(th__warc_next(w, &r, &reason), TH_WARC_END);
    th__buf_cleanup(&scratch);
    th__warc_free(w);
    fclose(f);
}

TEST(http_parse_cases)
{
    th_buf s;
    th__buf_init(&s, 1 << 16);
    th_http h;
    const char *r404 = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>x";
    ASSERT_EQ(th__http_parse(r404, strlen(r404), &s, &h), 0);
    ASSERT_EQ(h.status, 404);
    const char *pdf = "HTTP/1.0 200 OK\nContent-Type: application/pdf\n\n%PDF";
    ASSERT_EQ(th__http_parse(pdf, strlen(pdf), &s, &h), 0);
    ASSERT(!th__http_is_html(h.mime));
    ASSERT_EQ(h.body_len, 4);
    const char *junk = "GARBAGE\r\n\r\n";
    ASSERT_EQ(th__http_parse(junk, strlen(junk), &s, &h), TH_SKIP_BAD_HTTP);
    const char *br = "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx";
    ASSERT_EQ(th__http_parse(br, strlen(br), &s, &h), TH_SKIP_BAD_HTTP);
    /* Chunked body cut short: keeps what is there. */
    const char *cut = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5\r\nhello\r\n10\r\nwor";
    ASSERT_EQ(th__http_parse(cut, strlen(cut), &s, &h), 0);
    ASSERT_EQ(h.body_len, 8);
    ASSERT(memcmp(h.body, "hellowor", 8) == 0);
    /* Over the cap after decoding. */
    th_buf small;
    th__buf_init(&small, 4);
    const char *big = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "a\r\n0123456789\r\n0\r\n\r\n";
    ASSERT_EQ(th__http_parse(big, strlen(big), &small, &h), TH_SKIP_TOO_BIG);
    th__buf_cleanup(&small);
    th__buf_cleanup(&s);
}

/* The bytes of a per-record gzip WARC, in memory. */
static char *sample_bytes(bool gz, size_t *len)
{
    FILE *f = tmpfile();
    write_sample(f, gz);
    long n = ftell(f);
    rewind(f);
    char *p = malloc((size_t)n);
    size_t got = fread(p, 1, (size_t)n, f);
    fclose(f);
    *len = got;
    return p;
}

/* Offsets of the gzip members (1f 8b 08). */
static int members(const char *p, size_t n, size_t *off, int max)
{
    int k = 0;
    for (size_t i = 0; i + 2 < n && k < max; i++)
        if ((unsigned char)p[i] == 0x1f && (unsigned char)p[i + 1] == 0x8b &&
            p[i + 2] == 8)
            off[k++] = i;
    return k;
}

TEST(warc_truncated_member_resyncs)
{
    size_t n;
    char *p = sample_bytes(true, &n);
    size_t off[16];
    ASSERT_EQ(members(p, n, off, 16), 5);
    /* Cut the third member (response a) to half its size. */
    size_t cut = off[2] + (off[3] - off[2]) / 2;
    for (int pipe_mode = 0; pipe_mode < 2; pipe_mode++) {
        FILE *f;
        int fds[2] = {-1, -1};
        if (pipe_mode) {
            ASSERT(pipe(fds) == 0);
            f = fdopen(fds[0], "rb");
            ASSERT(write(fds[1], p, cut) == (ssize_t)cut);
            ASSERT(write(fds[1], p + off[3], n - off[3]) ==
                   (ssize_t)(n - off[3]));
            close(fds[1]);
        } else {
            f = tmpfile();
            fwrite(p, 1, cut, f);
            fwrite(p + off[3], 1, n - off[3], f);
            rewind(f);
        }
        counts c;
        read_all(f, 0, &c);
        fclose(f);
        ASSERT_EQ(c.skips[TH_SKIP_GZIP], 1);
        ASSERT_EQ(c.records, 4);
        ASSERT_EQ(c.responses, 1);
        ASSERT_STR(c.ids[3], "<urn:uuid:b>");
    }
    /* A file that ends inside a member. */
    FILE *f = tmpfile();
    fwrite(p, 1, off[4] + 20, f);
    rewind(f);
    counts c;
    read_all(f, 0, &c);
    fclose(f);
    ASSERT_EQ(c.records, 4);
    ASSERT_EQ(c.skips[TH_SKIP_GZIP], 1);
    /* Corrupt bytes in the middle of a member. */
    f = tmpfile();
    char *q = malloc(n);
    memcpy(q, p, n);
    for (size_t i = off[2] + 30; i < off[2] + 60; i++)
        q[i] = (char)0xA5;
    fwrite(q, 1, n, f);
    rewind(f);
    read_all(f, 0, &c);
    fclose(f);
    free(q);
    ASSERT_EQ(c.records, 4);
    ASSERT_EQ(c.skips[TH_SKIP_GZIP], 1);
    ASSERT_STR(c.ids[3], "<urn:uuid:b>");
    free(p);
}

TEST(warc_whole_file_gzip)
{
    size_t n;
    char *p = sample_bytes(false, &n);
    char *z;
    size_t zn;
    ASSERT(th__gzip(p, n, &z, &zn) == TH_OK);
    FILE *f = tmpfile();
    fwrite(z, 1, zn, f);
    rewind(f);
    counts c;
    read_all(f, 0, &c);
    fclose(f);
    ASSERT_EQ(c.records, 5);
    ASSERT_EQ(c.responses, 2);
    /* Truncated whole-file stream: the records before the cut survive. */
    f = tmpfile();
    fwrite(z, 1, zn - zn / 4, f);
    rewind(f);
    read_all(f, 0, &c);
    fclose(f);
    ASSERT(c.records >= 2 && c.records < 5);
    ASSERT_EQ(c.skips[TH_SKIP_GZIP], 1);
    th_free(z);
    free(p);
}

TEST(warc_malformed_header_and_too_big)
{
    size_t n;
    char *p = sample_bytes(false, &n);
    FILE *f = tmpfile();
    /* Garbage, a record without Content-Length, then the good records. */
    fputs("this is not a warc header\r\nnor this\r\n", f);
    fputs("WARC/1.1\r\nWARC-Type: response\r\nNo-Length: 1\r\n\r\nbody\r\n\r\n", f);
    fwrite(p, 1, n, f);
    rewind(f);
    counts c;
    read_all(f, 0, &c);
    ASSERT_EQ(c.records, 5);
    ASSERT_EQ(c.skips[TH_SKIP_WARC_HEADER], 2);
    /* A cap below the response size skips both responses. */
    rewind(f);
    read_all(f, 100, &c);
    fclose(f);
    ASSERT_EQ(c.records, 3);
    ASSERT_EQ(c.skips[TH_SKIP_TOO_BIG], 2);
    free(p);
}

TEST(json_fields_reader)
{
    const char *keys[] = {"html", "url", "date", "n"};
    th_buf v[4];
    bool found[4];
    for (int i = 0; i < 4; i++)
        th__buf_init(&v[i], 1 << 16);
    const char *line =
        " {\"id\": 7, \"meta\": {\"a\": [1, {\"b\": \"}\"}], \"c\": null},"
        " \"html\": \"<p>caf\\u00e9 \\ud83d\\ude00 \\\"q\\\"\\n</p>\","
        " \"url\": \"http://x.org/\\/a\", \"date\": null, \"n\": -1.5e3} ";
    ASSERT_EQ(th__json_fields(line, strlen(line), keys, 4, v, found), 0);
    ASSERT(found[0] && found[1] && !found[2] && found[3]);
    ASSERT_STR(v[0].data, "<p>caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\"\n</p>");
    ASSERT_STR(v[1].data, "http://x.org//a");
    ASSERT_STR(v[3].data, "-1.5e3");
    const char *bad[] = {"", "[]", "{\"a\":}", "{\"a\":1,}", "{\"a\":\"x}",
                         "{\"a\":1} x", "{\"a\" 1}", "{\"a\":tru}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(th__json_fields(bad[i], strlen(bad[i]), keys, 4, v, found) == -1);
    /* Deep nesting is skipped without recursion. */
    size_t dn = 200000;
    char *deep = malloc(dn * 2 + 32);
    size_t k = 0;
    k += (size_t)sprintf(deep, "{\"x\":");
    for (size_t i = 0; i < dn; i++)
        deep[k++] = '[';
    for (size_t i = 0; i < dn; i++)
        deep[k++] = ']';
    k += (size_t)sprintf(deep + k, ",\"url\":\"u\"}");
    ASSERT_EQ(th__json_fields(deep, k, keys, 4, v, found), 0);
    ASSERT(found[1]);
    free(deep);
    for (int i = 0; i < 4; i++)
        th__buf_cleanup(&v[i]);
}

/* Members of very different sizes in one file, the biggest larger than the
 * whole-member inflation's first output guess and than its input window:
 * every block comes back byte for byte (libdeflate path, its growth and its
 * fallback to zlib streaming give the same stream). */
TEST(warc_members_of_mixed_sizes)
{
    static const size_t sizes[] = {10, 300000, 50, 3000000, 7, 1200000};
    FILE *f = tmpfile();
    ASSERT(f != NULL);
    uint32_t x = 12345;
    for (size_t k = 0; k < 6; k++) {
        char *b = malloc(sizes[k]);
        ASSERT(b != NULL);
        for (size_t i = 0; i < sizes[k]; i++) {
            /* Half random letters (about 1.6 MB/MB compressed ratio for
             * the big one: bigger than the 1 MiB input window). */
            x = x * 1103515245u + 12345u;
            b[i] = (i & 1) ? (char)('a' + (x >> 16) % 26) : (char)('a' + k);
        }
        ASSERT(th__warc_write(f, true, "resource", "http://example.org/x",
                              NULL, "text/plain", b, sizes[k]) == TH_OK);
        free(b);
    }
    rewind(f);
    th_warc *w = th__warc_new(f, (size_t)8 << 20);
    ASSERT(w != NULL);
    x = 12345;
    for (size_t k = 0; k < 6; k++) {
        th_warc_record rec;
        int reason = 0;
        th_warc_result res = th__warc_next(w, &rec, &reason);
        if (res != TH_WARC_RECORD)
            fprintf(stderr, "record %zu: result %d reason %d\n", k, (int)res, reason);
        ASSERT_EQ(res, TH_WARC_RECORD);
        ASSERT_EQ(rec.block_len, sizes[k]);
        ASSERT(rec.block[rec.block_len] == '\0');
        bool same = true;
        for (size_t i = 0; i < sizes[k]; i++) {
            x = x * 1103515245u + 12345u;
            char c = (i & 1) ? (char)('a' + (x >> 16) % 26) : (char)('a' + k);
            same = same && rec.block[i] == c;
        }
        ASSERT(same);
    }
    th_warc_record rec;
    int reason = 0;
    ASSERT_EQ(th__warc_next(w, &rec, &reason), TH_WARC_END);
    th__warc_free(w);
    fclose(f);
}

TEST(warc_overlong_header_line_skips_one_record)
{
    for (int gz = 0; gz < 2; gz++) {
        FILE *f = tmpfile();
        ASSERT(f != NULL);
        size_t bl;
        char *b = http_block("Content-Type: text/html\r\n", PAGE,
                             strlen(PAGE), &bl);
        ASSERT(th__warc_write(f, gz, "response", "http://example.org/a",
                              "<urn:uuid:a>",
                              "application/http; msgtype=response", b,
                              bl) == TH_OK);
        /* A header line of 10000 bytes (lines are capped at 8192). */
        char *uri = malloc(10001);
        ASSERT(uri != NULL);
        memcpy(uri, "http://example.org/", 19);
        memset(uri + 19, 'x', 10000 - 19);
        uri[10000] = '\0';
        ASSERT(th__warc_write(f, gz, "response", uri, "<urn:uuid:long>",
                              "application/http; msgtype=response", b,
                              bl) == TH_OK);
        ASSERT(th__warc_write(f, gz, "response", "http://example.org/b",
                              "<urn:uuid:b>",
                              "application/http; msgtype=response", b,
                              bl) == TH_OK);
        free(uri);
        free(b);
        rewind(f);
        counts c;
        read_all(f, 0, &c);
        fclose(f);
        ASSERT_EQ(c.records, 2);
        ASSERT_STR(c.ids[0], "<urn:uuid:a>");
        ASSERT_STR(c.ids[1], "<urn:uuid:b>");
        ASSERT_EQ(c.skips[TH_SKIP_WARC_HEADER], 1);
    }
}
