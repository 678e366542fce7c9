// lang_cld2.cc -- the only C++ in thresh: a C-callable wrapper around
// CLD2 (Debian's libcld2).  It scores plain text (not HTML), with no hints
// (the declared language must not bias the detection that is compared to
// it) and no debug flags (CLD2 would write to stderr).  Nothing here
// allocates on thresh's behalf; CLD2's own allocations are caught.
#include <cstdio> // the CLD2 header uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "lang.h"

extern "C" int th__cld2_detect(const char *text, int len, const char **code,
                               int *percent, int *reliable, int *text_bytes)
{
    try {
        CLD2::CLDHints hints = {NULL, NULL, CLD2::UNKNOWN_ENCODING,
                                CLD2::UNKNOWN_LANGUAGE};
        CLD2::Language lang3[3];
        int pct3[3] = {0, 0, 0};
        double score3[3];
        int tb = 0, valid = 0;
        bool rel = false;
        CLD2::Language l = CLD2::ExtDetectLanguageSummaryCheckUTF8(
            text, len, true, &hints, 0, lang3, pct3, score3, NULL, &tb, &rel,
            &valid);
        *code = CLD2::LanguageCode(l);
        *percent = pct3[0];
        *reliable = rel;
        *text_bytes = tb;
        return 0;
    } catch (...) {
        return -1;
    }
}
