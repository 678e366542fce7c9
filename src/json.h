/*
 * json.h -- a small tolerant JSON reader for the JSON that pages embed
 * (JSON-LD in <script type="application/ld+json">, data blobs).  It builds
 * a read-only tree in an arena and never fails on bad input: it accepts
 * comments, trailing commas, single-quoted strings, raw control characters
 * and newlines in strings, and several top-level values in a row (returned
 * as one array); on garbage it keeps what it had parsed so far.  Depth is
 * capped (deeper values are skipped), so hostile input cannot recurse far.
 */
#ifndef TH_JSON_H
#define TH_JSON_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef enum th_json_type {
    TH_JSON_NULL = 0,
    TH_JSON_BOOL,
    TH_JSON_NUMBER,
    TH_JSON_STRING,
    TH_JSON_ARRAY,
    TH_JSON_OBJECT
} th_json_type;

typedef struct th_json th_json;
struct th_json {
    th_json_type type;
    const char *key;   /* member name inside an object (NUL-terminated) */
    const char *str;   /* STRING: unescaped UTF-8; NUMBER: its text */
    size_t len;        /* of str */
    bool b;            /* BOOL */
    th_json *child;    /* ARRAY/OBJECT: first element or member */
    th_json *next;     /* next sibling */
    size_t n;          /* ARRAY/OBJECT: number of children */
};

/* Parses s[0..len) into a tree in the arena.  Leading junk before the
 * first '{' or '[' ("<!--", "//<![CDATA[") is skipped.  Returns NULL when
 * nothing could be read or on ENOMEM (*oom set when oom is not NULL). */
th_json *th__jr_parse(th_arena *a, const char *s, size_t len, bool *oom);

/* The member `key` of an object (exact match), or NULL. */
const th_json *th__jr_get(const th_json *obj, const char *key);

/* The string of a STRING value, or NULL for any other value. */
const char *th__jr_str(const th_json *v);

#endif
