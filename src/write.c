/*
 * write.c -- STUB writers (JSON with title and text; plain text).
 */
#include "write.h"

#include <string.h>

th_status th__json_str(th_buf *b, const char *s, size_t len)
{
    th__buf_putc(b, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            th__buf_putc(b, '\\');
            th__buf_putc(b, (char)c);
        } else if (c == '\n') {
            th__buf_puts(b, "\\n");
        } else if (c < 0x20) {
            th__buf_printf(b, "\\u%04x", c);
        } else {
            th__buf_putc(b, (char)c);
        }
    }
    return th__buf_putc(b, '"');
}

th_status th_doc_render(const th_doc *doc, th_format fmt, const char *source,
                        char **out, size_t *len)
{
    if (!doc || !out)
        return TH_EINVAL;
    th_buf b;
    th__buf_init(&b, 0);
    if (fmt == TH_FORMAT_JSON) {
        th__buf_puts(&b, "{\"source\":");
        if (source)
            th__json_str(&b, source, strlen(source));
        else
            th__buf_puts(&b, "null");
        th__buf_puts(&b, ",\"text\":");
        th_buf t;
        th__buf_init(&t, 0);
        for (size_t i = 0; i < doc->nblocks; i++) {
            if (i)
                th__buf_puts(&t, "\n\n");
            th__buf_append(&t, doc->blocks[i].text, doc->blocks[i].len);
        }
        th__json_str(&b, t.data ? t.data : "", t.len);
        th__buf_cleanup(&t);
        th__buf_putc(&b, '}');
    } else {
        for (size_t i = 0; i < doc->nblocks; i++) {
            if (i)
                th__buf_puts(&b, "\n\n");
            th__buf_append(&b, doc->blocks[i].text, doc->blocks[i].len);
        }
        th__buf_putc(&b, '\n');
    }
    if (b.err) {
        th_status st = (th_status)b.err;
        th__buf_cleanup(&b);
        return st;
    }
    *out = th__buf_take(&b, len);
    return *out ? TH_OK : TH_ENOMEM;
}

th_status th_error_render(const char *source, th_status status,
                          const char *detail, char **out, size_t *len)
{
    if (!out)
        return TH_EINVAL;
    th_buf b;
    th__buf_init(&b, 0);
    th__buf_puts(&b, "{\"source\":");
    if (source)
        th__json_str(&b, source, strlen(source));
    else
        th__buf_puts(&b, "null");
    th__buf_puts(&b, ",\"error\":");
    const char *msg = detail ? detail : th_strerror(status);
    th__json_str(&b, msg, strlen(msg));
    th__buf_printf(&b, ",\"status\":%d}", (int)status);
    *out = th__buf_take(&b, len);
    return *out ? TH_OK : TH_ENOMEM;
}
