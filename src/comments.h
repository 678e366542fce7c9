/*
 * comments.h -- reader comment sections in HTML: finding them (so the body
 * extractor leaves them out) and reading them into threads (id, parent,
 * depth, author, date, text, votes).
 */
#ifndef TH_COMMENTS_H
#define TH_COMMENTS_H
#include "doc.h"
#include "dom.h"

/* Sets TH_NF_COMMENTS (extract.h) on the root of every comment section in
 * dom.  Returns the number of sections marked. */
size_t th__comments_mark(th_dom *dom);

/* Reads the marked sections into doc->comments, in page order.  Returns
 * TH_OK or TH_ENOMEM. */
th_status th__comments_extract(th_doc *doc, const th_dom *dom,
                               const th_options *opts);

/* A date written in text ("Posted on 14 March 2024 by ...", "3. Juni
 * 2024", "14.03.2024", "2 November 2023 at 10:41") as ISO 8601
 * ("YYYY-MM-DD", or with "THH:MM") in out (>= 32 bytes); false when no
 * date could be read.  The parser of comment dates, shared with text
 * mode's bylines. */
bool th__date_parse(const char *s, size_t len, char *out);

#endif
