/*
 * unit_lang.c -- language identification (src/lang.c): texts in several
 * languages written for these tests, short texts that must not be judged,
 * the document rule (title + body, declared language only as a fallback)
 * and the public th_doc_detect_lang.
 */
#include <stdlib.h>

#include "doc.h"
#include "lang.h"
#include "test.h"

static const char *detect(const char *t)
{
    th_lang_result r;
    if (th__lang_detect(t, strlen(t), TH_LANG_MIN_LETTERS, &r) != 0)
        return "error";
    return r.code;
}

TEST(lang_detects_paragraphs)
{
    if (!th__lang_available())
        SKIP("built without CLD2");
    ASSERT_STR(detect("The city council voted on Tuesday to extend the "
                      "harbour wall by another forty metres before winter."),
               "en");
    ASSERT_STR(detect("Der Gemeinderat hat am Dienstag beschlossen, die "
                      "Hafenmauer noch vor dem Winter um weitere vierzig "
                      "Meter zu verl\xc3\xa4ngern."),
               "de");
    ASSERT_STR(detect("Le conseil municipal a vot\xc3\xa9 mardi la "
                      "prolongation de la digue du port de quarante "
                      "m\xc3\xa8tres avant l'hiver."),
               "fr");
    ASSERT_STR(detect("El ayuntamiento aprob\xc3\xb3 el martes ampliar el "
                      "muro del puerto otros cuarenta metros antes del "
                      "invierno."),
               "es");
    ASSERT_STR(detect("Rada miasta zdecydowa\xc5\x82" "a we wtorek o "
                      "przed\xc5\x82u\xc5\xbc" "eniu falochronu w porcie o "
                      "kolejne czterdzie\xc5\x9b" "ci metr\xc3\xb3w przed "
                      "zim\xc4\x85."),
               "pl");
    ASSERT_STR(detect("Il consiglio comunale ha deciso marted\xc3\xac di "
                      "allungare il molo del porto di altri quaranta metri "
                      "prima dell'inverno."),
               "it");
    ASSERT_STR(detect("De gemeenteraad heeft dinsdag besloten de "
                      "havenmuur voor de winter nog veertig meter te "
                      "verlengen."),
               "nl");
    ASSERT_STR(detect("A c\xc3\xa2mara municipal decidiu na ter\xc3\xa7" "a-"
                      "feira prolongar o muro do porto em mais quarenta "
                      "metros antes do inverno."),
               "pt");
}

TEST(lang_short_texts_are_not_judged)
{
    th_lang_result r;
    /* Two or three words: under the letter bar, whatever the detector. */
    ASSERT_EQ(th__lang_detect("Great article!", 14, TH_LANG_MIN_LETTERS, &r),
              0);
    ASSERT(r.code == NULL);
    CHECK(r.letters == 12);
    ASSERT_EQ(th__lang_detect("", 0, TH_LANG_MIN_LETTERS, &r), 0);
    ASSERT(r.code == NULL);
    ASSERT_EQ(th__lang_detect("12345 67 -- !!! 2024-03-01", 26,
                              TH_LANG_MIN_LETTERS, &r), 0);
    ASSERT(r.code == NULL);
    ASSERT_EQ(r.letters, 0);
}

TEST(lang_invalid_utf8_is_safe)
{
    th_lang_result r;
    char bad[200];
    memset(bad, 0xC3, sizeof bad); /* lead bytes with no continuation */
    ASSERT_EQ(th__lang_detect(bad, sizeof bad, 1, &r), 0);
    /* Cut at a character boundary past TH_LANG_MAX_BYTES. */
    size_t n = TH_LANG_MAX_BYTES * 3;
    char *big = malloc(n);
    ASSERT(big);
    for (size_t i = 0; i + 2 <= n; i += 2)
        big[i] = (char)0xC3, big[i + 1] = (char)0xA4; /* a-umlaut */
    ASSERT_EQ(th__lang_detect(big, n, 1, &r), 0);
    CHECK(r.letters <= TH_LANG_MAX_BYTES / 2);
    free(big);
}

TEST(lang_primary_subtag)
{
    char p[8];
    th__lang_primary("en-US", p, sizeof p);
    ASSERT_STR(p, "en");
    th__lang_primary("de_AT", p, sizeof p);
    ASSERT_STR(p, "de");
    th__lang_primary("PT", p, sizeof p);
    ASSERT_STR(p, "pt");
    th__lang_primary(NULL, p, sizeof p);
    ASSERT_STR(p, "");
}

static th_doc *make_doc(const char *title, const char *lang,
                        const char *const *paras, size_t n)
{
    th_doc *d = th__doc_new();
    if (!d)
        return NULL;
    d->title = title ? th__doc_str(d, title, strlen(title), true) : NULL;
    d->lang = lang;
    for (size_t i = 0; i < n; i++)
        th__doc_add_block(d, TH_BLOCK_PARAGRAPH, 0, false, paras[i],
                          strlen(paras[i]), NULL, 0);
    return d;
}

TEST(lang_doc_text_wins_over_declared)
{
    if (!th__lang_available())
        SKIP("built without CLD2");
    /* A German article on a page whose template says lang="en". */
    const char *p[] = {
        "Die Feuerwehr musste am Samstagabend zu einem Brand in der "
        "Altstadt ausr\xc3\xbc" "cken.",
        "Verletzt wurde nach Angaben der Polizei niemand, der Schaden wird "
        "auf mehrere zehntausend Euro gesch\xc3\xa4tzt."};
    th_doc *d = make_doc("Brand in der Altstadt", "en", p, 2);
    ASSERT(d);
    th_lang_source src;
    const char *l = th__lang_of_doc(d, &src, NULL);
    ASSERT_STR(l, "de");
    ASSERT_EQ(src, TH_LANG_SRC_TEXT);
    /* The public call keeps the declared lang and records the detection. */
    ASSERT_EQ(th_doc_detect_lang(d), TH_OK);
    ASSERT_STR(th_doc_lang(d), "en");
    ASSERT_STR(th_doc_lang_detected(d), "de");
    th_doc_free(d);
}

TEST(lang_doc_short_text_falls_back_to_declared)
{
    const char *p[] = {"Fotos: Marta Nowak"};
    th_doc *d = make_doc("Galeria", "pl-PL", p, 1);
    ASSERT(d);
    th_lang_source src;
    ASSERT_STR(th__lang_of_doc(d, &src, NULL), "pl-PL");
    ASSERT_EQ(src, TH_LANG_SRC_DECLARED);
    ASSERT_STR(th__lang_source_name(src), "declared");
    th_doc_free(d);
    d = make_doc("Galeria", NULL, p, 1);
    ASSERT(d);
    ASSERT(th__lang_of_doc(d, &src, NULL) == NULL);
    ASSERT_EQ(src, TH_LANG_SRC_NONE);
    th_doc_free(d);
}

TEST(lang_doc_fills_missing_lang)
{
    if (!th__lang_available())
        SKIP("built without CLD2");
    const char *p[] = {
        "El servicio de trenes entre las dos ciudades se reanudar\xc3\xa1 el "
        "lunes, despu\xc3\xa9s de tres semanas de obras en la v\xc3\xad" "a."};
    th_doc *d = make_doc(NULL, NULL, p, 1);
    ASSERT(d);
    ASSERT_EQ(th_doc_detect_lang(d), TH_OK);
    ASSERT_STR(th_doc_lang(d), "es");
    ASSERT(d->lang_from_text);
    ASSERT_EQ(th_doc_detect_lang(NULL), TH_EINVAL);
    th_doc_free(d);
}

TEST(lang_comment_looks_at_its_first_bytes)
{
    if (!th__lang_available())
        SKIP("built without CLD2");
    /* A comment that opens in German and goes on in English for longer:
     * judged on its first TH_LANG_COMMENT_MAX_BYTES, i.e. German. */
    const char *de = "Ich habe den Artikel heute morgen gelesen und finde, "
                     "dass die Stadt endlich etwas gegen den Verkehr tun "
                     "muss. Die Busse sind jeden Tag voll und kommen zu "
                     "spät, und niemand im Rathaus scheint das zu merken. ";
    const char *en = "Anyway, here is the English part of the comment, "
                     "which goes on and on about the weather and the news. ";
    size_t n = 0, cap = 8192;
    char *t = malloc(cap);
    ASSERT(t);
    while (n < TH_LANG_COMMENT_MAX_BYTES) {
        memcpy(t + n, de, strlen(de));
        n += strlen(de);
    }
    while (n + strlen(en) < cap) {
        memcpy(t + n, en, strlen(en));
        n += strlen(en);
    }
    th_lang_result r;
    ASSERT_EQ(th__lang_detect_comment(t, n, &r), 0);
    ASSERT(r.code != NULL);
    ASSERT_STR(r.code, "de");
    /* Too few letters: no language. */
    ASSERT_EQ(th__lang_detect_comment("Danke, sehr gut!", 16, &r), 0);
    ASSERT(r.code == NULL);
    free(t);
}
