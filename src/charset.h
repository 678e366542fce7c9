/*
 * charset.h -- bytes to UTF-8.  Finds the page's encoding (BOM, caller's
 * hint, <meta charset>/http-equiv prescan, then detection) and converts with
 * iconv.  Invalid bytes become U+FFFD; decoding never fails on bad input.
 */
#ifndef TH_CHARSET_H
#define TH_CHARSET_H
#include <stddef.h>

#include "arena.h"
#include "thresh.h"

/*
 * Decodes data[0..len) to NUL-terminated UTF-8 in the arena.
 *   hint     an encoding label the caller knows (HTTP header), or NULL
 *   is_html  whether to prescan for <meta charset>
 *   *out, *outlen   the UTF-8 text (BOM removed, NUL bytes kept out)
 *   *name    a static canonical encoding name ("utf-8", "windows-1252", ...)
 * Returns TH_OK or TH_ENOMEM.
 */
th_status th__charset_decode(th_arena *a, const char *data, size_t len,
                             const char *hint, int is_html, char **out,
                             size_t *outlen, const char **name);

/*
 * The same, for a caller that reads (*out, *outlen) as bytes and keeps data
 * alive as long as it does: when data is already clean UTF-8 (after any
 * BOM), *out points into data -- no copy, and no NUL terminator at
 * (*out)[*outlen].  Otherwise *out is an arena copy as above.
 */
th_status th__charset_view(th_arena *a, const char *data, size_t len,
                           const char *hint, int is_html, const char **out,
                           size_t *outlen, const char **name);

#endif
