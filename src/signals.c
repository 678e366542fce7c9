/*
 * signals.c -- per-document counts for the `signals` object (see
 * signals.h; language and quality statistics are a later step).
 *
 * Words are maximal runs of letters/digits (any non-ASCII byte counts as a
 * letter); sentences end at . ! ? (and their full-width forms, and the
 * ellipsis) followed by a space or the end of a paragraph, with at least
 * one sentence in a non-empty paragraph.
 */
#include "signals.h"

#include <stdbool.h>
#include <string.h>

static bool wordch(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

static void count(const char *t, size_t n, size_t *words, size_t *sent,
                  size_t *paras)
{
    bool in_word = false, para_has = false, since_end = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        /* Multi-byte punctuation that ends a sentence: U+3002 U+FF01
         * U+FF1F U+2026. */
        bool end = false;
        size_t skip = 0;
        if (c == '.' || c == '!' || c == '?') {
            end = true;
        } else if (c == 0xE3 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
                   (unsigned char)t[i + 2] == 0x82) {
            end = true, skip = 2;
        } else if (c == 0xEF && i + 2 < n && (unsigned char)t[i + 1] == 0xBC &&
                   ((unsigned char)t[i + 2] == 0x81 ||
                    (unsigned char)t[i + 2] == 0x9F)) {
            end = true, skip = 2;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
                   (unsigned char)t[i + 2] == 0xA6) {
            end = true, skip = 2;
        }
        if (end) {
            in_word = false;
            size_t j = i + skip + 1;
            /* Closing quotes/brackets may follow. */
            while (j < n && (t[j] == '"' || t[j] == '\'' || t[j] == ')'))
                j++;
            if ((j >= n || t[j] == ' ' || t[j] == '\n' || skip) && since_end) {
                (*sent)++;
                since_end = false;
            }
            i += skip;
            continue;
        }
        if (c == '\n') {
            if (since_end)
                (*sent)++;
            since_end = false;
            if (para_has)
                (*paras)++;
            para_has = false;
            in_word = false;
            continue;
        }
        if (wordch(c)) {
            if (!in_word && (c < 0x80 || c >= 0xC0))
                (*words)++;
            in_word = true;
            para_has = since_end = true;
        } else {
            in_word = false;
        }
    }
    if (since_end)
        (*sent)++;
    if (para_has)
        (*paras)++;
}

th_status th__signals_render(th_buf *b, const th_doc *doc, const char *text,
                             size_t len, const char **lang)
{
    size_t w = 0, s = 0, p = 0;
    count(text, len, &w, &s, &p);
    size_t cw = 0, cs = 0, cp = 0;
    for (size_t i = 0; doc && i < doc->ncomments; i++)
        if (doc->comments[i].text)
            count(doc->comments[i].text, strlen(doc->comments[i].text), &cw,
                  &cs, &cp);
    if (lang)
        *lang = doc ? doc->lang : NULL;
    return th__buf_printf(b,
                          "{\"chars\":%zu,\"words\":%zu,\"sentences\":%zu,"
                          "\"paragraphs\":%zu,\"comment_words\":%zu}",
                          len, w, s, p, cw);
}
