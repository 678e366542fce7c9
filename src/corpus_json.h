/*
 * corpus_json.h -- the small JSON reader corpus runs need for JSON Lines
 * input: it walks one object and decodes the string members a caller asks
 * for (`html`, `text`, `url`, `date`, ...), skipping everything else.  Not
 * a general JSON library: no tree, no numbers as numbers (a number or
 * boolean member is handed back as its raw text).
 */
#ifndef TH_CORPUS_JSON_H
#define TH_CORPUS_JSON_H
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * Parses s[0..len) as one JSON object (surrounding whitespace allowed).
 * For each key keys[i] found at the top level, vals[i] gets the decoded
 * value (strings unescaped to UTF-8, \u surrogate pairs joined, lone
 * surrogates as U+FFFD; other scalars as raw text; null, objects and arrays
 * leave it absent) and found[i] is set.  vals[] are cleared first and keep
 * their caps (an over-cap value is an error).
 * Returns 0, or -1 when the text is not one valid JSON object.
 */
int th__json_fields(const char *s, size_t len, const char *const *keys,
                    size_t nkeys, th_buf *vals, bool *found);

#endif
