/*
 * html_gumbo.c -- the oracle parser: th__html_parse implemented on gumbo
 * (Debian libgumbo-dev, HTML5-conformant).  `make oracle` links it in place
 * of src/html.c so the whole pipeline can be run on both parsers and the
 * outputs compared (tests/oracle/diff.sh).  Never part of libthresh.
 */
#include <gumbo.h>
#include <string.h>

#include "html.h"

static th_ns ns_of(GumboNamespaceEnum ns)
{
    return ns == GUMBO_NAMESPACE_SVG      ? TH_NS_SVG
           : ns == GUMBO_NAMESPACE_MATHML ? TH_NS_MATHML
                                          : TH_NS_HTML;
}

static int convert(th_dom *dom, th_node *parent, const GumboNode *g,
                   unsigned depth, unsigned max_depth)
{
    for (unsigned i = 0; i < g->v.element.children.length; i++) {
        const GumboNode *c = g->v.element.children.data[i];
        th_node *n = NULL;
        switch (c->type) {
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: {
            const char *name = gumbo_normalized_tagname(c->v.element.tag);
            char tmp[256];
            if (c->v.element.tag == GUMBO_TAG_UNKNOWN) {
                GumboStringPiece sp = c->v.element.original_tag;
                gumbo_tag_from_original_text(&sp);
                size_t l = sp.length < sizeof tmp - 1 ? sp.length : sizeof tmp - 1;
                for (size_t k = 0; k < l; k++) {
                    char ch = sp.data[k];
                    tmp[k] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
                }
                tmp[l] = 0;
                name = tmp;
            }
            n = th__dom_element(dom, name, strlen(name), ns_of(c->v.element.tag_namespace));
            if (!n)
                return -1;
            const GumboVector *at = &c->v.element.attributes;
            for (unsigned k = 0; k < at->length; k++) {
                const GumboAttribute *a = at->data[k];
                if (th__dom_set_attr(dom, n, a->name, strlen(a->name), a->value,
                                     strlen(a->value)))
                    return -1;
            }
            if (depth >= max_depth) {
                /* Flatten deeper levels into the capped parent, as ours does. */
                if (convert(dom, parent, c, depth, max_depth))
                    return -1;
                continue;
            }
            th__dom_append(parent, n);
            if (convert(dom, n, c, depth + 1, max_depth))
                return -1;
            continue;
        }
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
        case GUMBO_NODE_CDATA:
            n = th__dom_text(dom, c->v.text.text, strlen(c->v.text.text));
            break;
        case GUMBO_NODE_COMMENT:
            n = th__dom_comment(dom, c->v.text.text, strlen(c->v.text.text));
            break;
        default:
            continue;
        }
        if (!n)
            return -1;
        th__dom_append(parent, n);
    }
    return 0;
}

th_status th__html_parse(th_dom *dom, th_arena *arena, const char *html,
                         size_t len, const th_options *opts)
{
    if (!th__dom_document(dom, arena))
        return TH_ENOMEM;
    GumboOptions go = kGumboDefaultOptions;
    go.max_errors = 0;
    GumboOutput *out = gumbo_parse_with_options(&go, html, len);
    if (!out)
        return TH_ENOMEM;
    unsigned maxd = opts && opts->max_depth ? opts->max_depth : 512;
    int r = convert(dom, dom->root, out->document, 1, maxd);
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    return r ? TH_ENOMEM : TH_OK;
}
