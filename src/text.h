/*
 * text.h -- documents from already-flattened text (a crawler's text dump or
 * a text browser's rendering, like the seeds): every line labelled (TITLE,
 * BYLINE, BODY, CAPTION, RELATED, BOILER, COMMENT_AUTHOR, COMMENT, BLANK),
 * then the same document as from HTML: title, body, captions, related,
 * comment threads.
 */
#ifndef TH_TEXT_H
#define TH_TEXT_H
#include <stddef.h>

#include "doc.h"

/* Fills doc from utf8[0..len) (valid UTF-8).  Keeps per-line labels in
 * doc->lines when opts has TH_OPT_KEEP_LABELS.  Returns TH_OK/TH_ENOMEM. */
th_status th__text_extract(th_doc *doc, const char *utf8, size_t len,
                           const th_options *opts);

#endif
