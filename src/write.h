/*
 * write.h -- writers: JSON, plain text, Markdown and line labels, from a
 * th_doc into a th_buf in one pass.  Public entries: th_doc_render and
 * th_error_render (thresh.h).  The writers never change the document.
 */
#ifndef TH_WRITE_H
#define TH_WRITE_H
#include "buf.h"
#include "doc.h"

/* Appends s[0..len) to b as a JSON string literal (with quotes).  Escapes
 * '"', '\\', control characters (\n \r \t \b \f, others as \u00XX), U+2028
 * and U+2029 (so the output is also valid JavaScript); invalid UTF-8 bytes
 * become U+FFFD.  s may be NULL when len is 0.  Returns b's status. */
th_status th__json_str(th_buf *b, const char *s, size_t len);

/* The JSON name of a block kind: "p", "h", "li", "quote", "pre", "table". */
const char *th__block_type_name(th_block_kind kind);

/* Appends the document in the given format to b; returns b's status (or
 * TH_EINVAL for an unknown format, or for labels of a document that is not
 * from text input). */
th_status th__write_doc(th_buf *b, const th_doc *doc, th_format fmt,
                        const char *source);

#endif
