/*
 * html.h -- thresh's own HTML5 tokenizer and tolerant tree builder.
 * Input is UTF-8 (see charset.h); the output is a th_dom (dom.h) in the
 * given arena.  Never fails on malformed markup: the result is the best
 * tree the WHATWG rules (simplified, see docs/internals/html.md) give.
 */
#ifndef TH_HTML_H
#define TH_HTML_H
#include <stddef.h>

#include "dom.h"
#include "thresh.h"

/* Parses html[0..len) into dom (initialised here).  opts may be NULL
 * (defaults: depth cap 512, 256 attributes per element).  Returns TH_OK or
 * TH_ENOMEM. */
th_status th__html_parse(th_dom *dom, th_arena *arena, const char *html,
                         size_t len, const th_options *opts);

#endif
