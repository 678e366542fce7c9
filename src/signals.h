/*
 * signals.h -- per-document signals for corpus runs: the `signals` object
 * of each record.  For now word, sentence, paragraph and character counts;
 * THIS IS THE HOOK for language identification and Gopher/C4/FineWeb-style
 * quality statistics with `quality_pass` (issue 4, a later step): extend
 * th__signals_render, nothing else in the corpus run needs to change (the
 * store keeps the object as JSON; `lang`, when set here, should also be
 * returned through *lang so the store's lang column and --lang work).
 */
#ifndef TH_SIGNALS_H
#define TH_SIGNALS_H
#include <stddef.h>

#include "buf.h"
#include "doc.h"

/*
 * Appends the signals JSON object of doc to b.  text[0..len) is the article
 * text the record carries (blocks joined by blank lines).  *lang (may be
 * NULL) receives a language code the signals decided, or NULL (borrowed:
 * static or from doc).  Returns b's status.
 */
th_status th__signals_render(th_buf *b, const th_doc *doc, const char *text,
                             size_t len, const char **lang);

#endif
