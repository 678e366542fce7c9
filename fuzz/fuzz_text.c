/*
 * fuzz_text.c -- libFuzzer harness for flattened-text mode: th_extract
 * with kind TH_INPUT_TEXT and per-line labels kept.  The first byte picks
 * option flags; the rest is the page.
 */
#include <stddef.h>
#include <stdint.h>

#include "thresh.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    th_options o;
    th_options_init(&o);
    o.kind = TH_INPUT_TEXT;
    o.flags = TH_OPT_KEEP_LABELS;
    if (size > 0) {
        if (data[0] & 1)
            o.flags |= TH_OPT_NO_COMMENTS;
        if (data[0] & 2)
            o.flags |= TH_OPT_NO_META;
        data++;
        size--;
    }
    th_doc *doc = NULL;
    if (th_extract((const char *)data, size, &o, &doc) == TH_OK) {
        (void)th_doc_title(doc);
        for (size_t i = 0; i < th_doc_block_count(doc); i++)
            (void)th_doc_block(doc, i, NULL, NULL);
        th_doc_free(doc);
    }
    return 0;
}
