/*
 * html.c -- STUB: an empty tree.  The tokenizer and tree builder land here.
 */
#include "html.h"

th_status th__html_parse(th_dom *dom, th_arena *arena, const char *html,
                         size_t len, const th_options *opts)
{
    (void)html;
    (void)len;
    (void)opts;
    return th__dom_document(dom, arena) ? TH_OK : TH_ENOMEM;
}
