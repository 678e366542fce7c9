/*
 * charset.c -- STUB: treats every input as UTF-8 (repairing invalid bytes).
 * To be replaced by BOM / meta prescan / detection + iconv (issue 2).
 */
#include "charset.h"

#include "utf8.h"

th_status th__charset_decode(th_arena *a, const char *data, size_t len,
                             const char *hint, int is_html, char **out,
                             size_t *outlen, const char **name)
{
    (void)hint;
    (void)is_html;
    if (len >= 3 && (unsigned char)data[0] == 0xEF &&
        (unsigned char)data[1] == 0xBB && (unsigned char)data[2] == 0xBF) {
        data += 3;
        len -= 3;
    }
    *out = th__utf8_repair(a, data, len, outlen);
    *name = "utf-8";
    return *out ? TH_OK : TH_ENOMEM;
}
