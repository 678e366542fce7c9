/*
 * fuzz_warc.c -- libFuzzer harness for the WARC reader, the HTTP response
 * parser and the JSON Lines field reader.  The first byte picks the record
 * cap; the input is read as a (possibly gzip) WARC stream through
 * fmemopen, every response block through th__http_parse, and each line
 * through th__json_fields.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "corpus_json.h"
#include "warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t cap = (size_t)(data[0] + 1) * 256;
    data++;
    size--;
    FILE *f = fmemopen((void *)data, size ? size : 1, "rb");
    if (!f)
        return 0;
    th_warc *w = th__warc_new(f, cap);
    th_buf body;
    th__buf_init(&body, cap);
    for (int i = 0; w && i < 10000; i++) {
        th_warc_record r;
        int reason;
        th_warc_result res = th__warc_next(w, &r, &reason);
        if (res == TH_WARC_END || res == TH_WARC_IOERR)
            break;
        if (res == TH_WARC_RECORD) {
            th_http h;
            th__http_parse(r.block, r.block_len, &body, &h);
        }
    }
    th__buf_cleanup(&body);
    th__warc_free(w);
    fclose(f);
    static const char *const keys[] = {"html", "text", "url", "date"};
    th_buf vals[4];
    bool found[4];
    for (int k = 0; k < 4; k++)
        th__buf_init(&vals[k], 1 << 16);
    const char *s = (const char *)data, *end = s + size;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        th__json_fields(s, n, keys, 4, vals, found);
        s += n + 1;
    }
    for (int k = 0; k < 4; k++)
        th__buf_cleanup(&vals[k]);
    return 0;
}
