/*
 * html_debug.h -- test-only helpers: a compact one-line serialisation of a
 * th_dom to assert tree shapes, and a one-call parse for tests.
 */
#ifndef TH_HTML_DEBUG_H
#define TH_HTML_DEBUG_H
#include <stddef.h>

#include "dom.h"

/* Serialises the subtree under n (not n itself for the document node):
 *   element  <name a="v">children</name>   (svg:/math: prefix if foreign)
 *   text     "text"      comment  <!--text-->
 * Iterative (no recursion).  Returns a malloc'd string (free()). */
char *th_test_dom_debug(const th_node *n);

/* Parses html and returns th_test_dom_debug of the whole document, or NULL
 * on error (caller free()s). max_depth / max_attrs 0 = defaults. */
char *th_test_parse_debug(const char *html, size_t len, unsigned max_depth,
                          unsigned max_attrs);

/* The <body> part only: what is between <body> and </body>. */
char *th_test_parse_body(const char *html);

#endif
