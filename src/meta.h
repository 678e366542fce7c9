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

/* The page's headings around the article's body, read once the body is
 * known (the title check after extraction). */
typedef struct th_body_heads {
    /* the text of the heading nearest above the body's first block
     * `first`, when it is an h1/h2 outside furniture, not a logo linking
     * home, and at most 200 bytes of text stand between them (a
     * dateline, a category); a doc string, or NULL */
    const char *above;
    /* no heading before `first` reads as doc->title, and one after it
     * does: the title's heading stands below the article's start (a
     * share box repeating the headline) */
    bool title_below;
} th_body_heads;

/* Fills *out for the block text `first` (collapsed, as in doc->blocks);
 * title_below only when `below` asks for it (the walk then goes on past
 * `first`).  Reads dom, never changes it; out is zeroed when `first` is
 * not found. */
void th__meta_body_heads(th_doc *doc, const th_dom *dom, const char *first,
                         bool below, th_body_heads *out);

#endif
