/*
 * fuzz_extract.c -- libFuzzer harness for th_extract, the whole pipeline,
 * then th_doc_render in every format.  Built and run by `make fuzz`
 * (clang -fsanitize=fuzzer,address,undefined).
 *
 * The first byte chooses the options (cmark-fuzz style), the rest is the
 * page:
 *   bits 0-1  kind: 0 AUTO, 1 HTML, 2 TEXT, 3 AUTO with a URL
 *   bit 2     TH_OPT_NO_COMMENTS      bit 3  TH_OPT_NO_META
 *   bit 4     TH_OPT_KEEP_LABELS
 *   bit 5     max_depth 6 (the depth cap is reached on small inputs)
 *   bit 6     max_attrs 1
 *   bit 7     a charset hint, picked by the input length
 *
 * Beyond "no crash, no leak, no UB" it checks the API's promises and traps
 * when one is broken: th_extract returns TH_OK (these inputs are under
 * max_bytes) with a document -- or TH_EPARSE for binary data when the kind
 * is sniffed, or for gzip input that inflates to nothing (TH_ETOOBIG past
 * max_bytes) -- and every string that comes back -- metadata,
 * blocks, each rendering -- is valid UTF-8 and, for renderings, exactly
 * `len` bytes before its NUL.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "thresh.h"

static int utf8_ok(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i], cp;
        size_t k;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            k = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            k = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            k = 3, cp = c & 0x07;
        else
            return 0;
        if (i + k >= n)
            return 0;
        for (size_t j = 1; j <= k; j++) {
            if ((p[i + j] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i + j] & 0x3Fu);
        }
        if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k + 1;
    }
    return 1;
}

static void check_str(const char *s)
{
    if (s && !utf8_ok(s, strlen(s)))
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const hints[] = {"utf-8", "windows-1252", "iso-8859-2",
                                        "shift_jis", "koi8-r", "utf-16le",
                                        "no-such-charset"};
    if (size < 1)
        return 0;
    unsigned ctl = data[0];
    const char *page = (const char *)data + 1;
    size_t len = size - 1;

    th_options o;
    th_options_init(&o);
    switch (ctl & 3u) {
    case 1: o.kind = TH_INPUT_HTML; break;
    case 2: o.kind = TH_INPUT_TEXT; break;
    case 3: o.url = "https://news.example.org/2024/03/01/story.html"; break;
    default: break;
    }
    if (ctl & 4u)
        o.flags |= TH_OPT_NO_COMMENTS;
    if (ctl & 8u)
        o.flags |= TH_OPT_NO_META;
    if (ctl & 16u)
        o.flags |= TH_OPT_KEEP_LABELS;
    if (ctl & 32u)
        o.max_depth = 6;
    if (ctl & 64u)
        o.max_attrs = 1;
    if (ctl & 128u)
        o.charset = hints[len % (sizeof hints / sizeof hints[0])];

    th_doc *doc = NULL;
    th_status st = th_extract(page, len, &o, &doc);
    if (st != TH_OK) {
        /* allowed failures: out of memory; binary data when the kind is
         * sniffed; a gzip stream that inflates to nothing or past
         * max_bytes */
        int gz = len >= 3 && data[1] == 0x1f && data[2] == 0x8b && data[3] == 8;
        int ok = st == TH_ENOMEM ||
                 (st == TH_EPARSE && (o.kind == TH_INPUT_AUTO || gz)) ||
                 (st == TH_ETOOBIG && gz);
        if (doc || !ok)
            __builtin_trap();
        return 0;
    }
    if (!doc)
        __builtin_trap();
    check_str(th_doc_title(doc));
    check_str(th_doc_byline(doc));
    check_str(th_doc_date(doc));
    check_str(th_doc_site(doc));
    check_str(th_doc_url(doc));
    check_str(th_doc_lang(doc));
    size_t nb = th_doc_block_count(doc);
    for (size_t i = 0; i < nb; i++) {
        th_block_kind kind;
        int level;
        const char *b = th_doc_block(doc, i, &kind, &level);
        if (!b)
            __builtin_trap();
        check_str(b);
    }
    if (th_doc_block(doc, nb, NULL, NULL) != NULL)
        __builtin_trap();
    (void)th_doc_comment_count(doc);

    static const th_format formats[] = {TH_FORMAT_JSON, TH_FORMAT_TEXT,
                                        TH_FORMAT_MARKDOWN, TH_FORMAT_LABELS};
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        char *out = NULL;
        size_t n = 0;
        th_status rs = th_doc_render(doc, formats[f],
                                     (ctl & 1u) ? "page \"1\".html" : NULL, &out, &n);
        if (rs == TH_OK) {
            if (!out || strlen(out) != n || !utf8_ok(out, n))
                __builtin_trap();
        } else if (out || !(rs == TH_ENOMEM || (rs == TH_EINVAL &&
                                                formats[f] == TH_FORMAT_LABELS))) {
            __builtin_trap();
        }
        th_free(out);
    }
    th_doc_free(doc);
    return 0;
}
