/*
 * fuzz_signals.c -- libFuzzer harness for the quality signals and the
 * language detection (src/signals.c, src/lang.c): the input becomes a
 * document through flattened-text mode (body blocks, comments) or, with
 * the first byte's low bit set, is handed over as the record text alone
 * (th__signals_render without a document); the signals JSON is rendered
 * and checked to be an object.
 */
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "signals.h"
#include "thresh.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int textonly = data[0] & 1;
    data++;
    size--;
    th_buf b;
    th__buf_init(&b, 0);
    const char *lang = NULL;
    if (textonly) {
        th__signals_render(&b, NULL, (const char *)data, size, &lang);
    } else {
        th_options o;
        th_options_init(&o);
        o.kind = TH_INPUT_TEXT;
        th_doc *doc = NULL;
        if (th_extract((const char *)data, size, &o, &doc) == TH_OK) {
            th__signals_render(&b, doc, "", 0, &lang);
            th_doc_free(doc);
        }
    }
    if (b.len && (b.data[0] != '{' || b.data[b.len - 1] != '}'))
        __builtin_trap();
    th__buf_cleanup(&b);
    return 0;
}
