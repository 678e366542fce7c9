/*
 * meta.c -- STUB: no metadata yet.
 */
#include "meta.h"

th_status th__meta_extract(th_doc *doc, const th_dom *dom,
                           const th_options *opts)
{
    (void)doc;
    (void)dom;
    (void)opts;
    return TH_OK;
}
