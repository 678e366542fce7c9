/*
 * unzip.h -- a page that arrives gzip-compressed (a crawler's saved
 * page.html.gz, an HTTP body stored without undoing its Content-Encoding):
 * inflated whole before it is sniffed and parsed.
 */
#ifndef TH_UNZIP_H
#define TH_UNZIP_H

#include <stdbool.h>
#include <stddef.h>

#include "thresh.h"

/* Whether data starts with a gzip member header (1f 8b 08). */
bool th__is_gzip(const char *data, size_t len);

/* Inflates every gzip member of data (concatenated members are one
 * stream, as gunzip reads them) into a new th__malloc'd buffer (*out,
 * NUL-terminated, *outlen bytes; the caller frees it with th__free).
 * A stream cut short or damaged after some output gives what was inflated
 * up to the break and *damaged = true (best effort: the page's start is
 * still a page); nothing inflated at all is TH_EPARSE.  More than max
 * bytes of output (0: no limit) is TH_ETOOBIG, checked as it inflates, so
 * a small "zip bomb" never allocates past max.  TH_ENOMEM. */
th_status th__gunzip_all(const char *data, size_t len, size_t max,
                         char **out, size_t *outlen, bool *damaged);

#endif
