/*
 * comments.c -- STUB: finds no comment sections.
 */
#include "comments.h"

size_t th__comments_mark(th_dom *dom)
{
    (void)dom;
    return 0;
}

th_status th__comments_extract(th_doc *doc, const th_dom *dom,
                               const th_options *opts)
{
    (void)doc;
    (void)dom;
    (void)opts;
    return TH_OK;
}
