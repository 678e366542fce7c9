/*
 * write.h -- writers: JSON, plain text, Markdown and line labels, from a
 * th_doc into a capped th_buf.  Public entry: th_doc_render (thresh.h).
 */
#ifndef TH_WRITE_H
#define TH_WRITE_H
#include "buf.h"
#include "doc.h"

/* Appends s[0..len) to b as a JSON string literal (with quotes). */
th_status th__json_str(th_buf *b, const char *s, size_t len);

#endif
