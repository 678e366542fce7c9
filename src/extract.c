/*
 * extract.c -- STUB: every paragraph-ish text run becomes a block.
 */
#include "extract.h"

th_status th__extract_body(th_doc *doc, th_dom *dom, const th_options *opts)
{
    (void)opts;
    for (th_node *n = dom->root; n; n = th__dom_next(dom->root, n, false)) {
        if (n->type == TH_NODE_ELEMENT &&
            (n->tag == TH_TAG_SCRIPT || n->tag == TH_TAG_STYLE)) {
            n = th__dom_next(dom->root, n, true);
            if (!n)
                break;
        }
        if (n->type == TH_NODE_TEXT &&
            th__doc_add_block(doc, TH_BLOCK_PARAGRAPH, 0, false, n->text,
                              n->text_len, NULL, 0))
            return TH_ENOMEM;
    }
    return TH_OK;
}
