/*
 * meta.h -- page metadata from the DOM: title (site suffix removed), byline
 * and authors, published/modified dates (ISO 8601), site name, canonical
 * URL, language, description, lead image.  Sources in order of trust:
 * JSON-LD, OpenGraph/Twitter/Dublin Core meta tags, itemprop, <time>,
 * bylines and datelines in the visible text, <title>.
 */
#ifndef TH_META_H
#define TH_META_H
#include "doc.h"
#include "dom.h"

/* Fills doc's metadata fields from dom.  Returns TH_OK or TH_ENOMEM. */
th_status th__meta_extract(th_doc *doc, const th_dom *dom,
                           const th_options *opts);

#endif
