/*
 * text.c -- STUB: every non-blank line is a body paragraph.
 */
#include "text.h"

#include <string.h>

th_status th__text_extract(th_doc *doc, const char *utf8, size_t len,
                           const th_options *opts)
{
    (void)opts;
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(utf8 + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - utf8) : len;
        if (th__doc_add_block(doc, TH_BLOCK_PARAGRAPH, 0, false, utf8 + i,
                              e - i, NULL, 0))
            return TH_ENOMEM;
        i = e + 1;
    }
    return TH_OK;
}
