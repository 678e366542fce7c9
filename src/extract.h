/*
 * extract.h -- main-content extraction on the DOM: finds the article,
 * removes furniture (navigation, share/donate widgets, related lists,
 * banners, author boxes, comment sections), and emits the body as ordered
 * blocks, captions and related stories into the document.
 */
#ifndef TH_EXTRACT_H
#define TH_EXTRACT_H
#include "doc.h"
#include "dom.h"

/* Node flags (th_node.flags) set by stages before extraction. */
#define TH_NF_COMMENTS 0x1u /* root of a comment section (comments.c) */
#define TH_NF_HIDDEN 0x2u   /* hidden by markup (hidden, aria-hidden, ...) */

/* Adds blocks, captions and related links to doc.  May mark and reorder
 * flags on dom nodes, never frees them.  Returns TH_OK or TH_ENOMEM. */
th_status th__extract_body(th_doc *doc, th_dom *dom, const th_options *opts);

#endif
