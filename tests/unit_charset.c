/*
 * unit_charset.c -- bytes to UTF-8: BOMs, the caller's hint, the <meta>
 * prescan, WHATWG labels, detection, U+FFFD repair, no NUL in the output.
 * Legacy-encoded fixtures are written here as byte strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "charset.h"
#include "test.h"
#include "utf8.h"

typedef struct dec {
    th_arena a;
    char *out;
    size_t len;
    const char *name;
} dec;

static th_status run(dec *d, const char *data, size_t len, const char *hint,
                     int is_html)
{
    th__arena_init(&d->a);
    return th__charset_decode(&d->a, data, len, hint, is_html, &d->out,
                              &d->len, &d->name);
}

TEST(charset_utf8_passthrough)
{
    dec d;
    const char *s = "<p>Grüße aus Köln — 日本語</p>";
    ASSERT_EQ(run(&d, s, strlen(s), NULL, 1), TH_OK);
    ASSERT_STR(d.name, "utf-8");
    ASSERT_STR(d.out, s);
    ASSERT_EQ(d.len, strlen(s));
    th__arena_cleanup(&d.a);
}

TEST(charset_latin1_meta)
{
    /* ISO-8859-1 declared in <meta charset>; the label means windows-1252. */
    const char s[] = "<html><head><meta charset=\"ISO-8859-1\"></head>"
                     "<body><p>M\xFCnchen: Stra\xDF" "e, B\xE4" "cker, "
                     "\xC4rger</p></body></html>";
    dec d;
    ASSERT_EQ(run(&d, s, sizeof s - 1, NULL, 1), TH_OK);
    ASSERT_STR(d.name, "windows-1252");
    ASSERT_CONTAINS(d.out, "München: Straße, Bäcker, Ärger");
    ASSERT(th__utf8_valid(d.out, d.len));
    th__arena_cleanup(&d.a);
}

TEST(charset_windows1252_http_equiv)
{
    const char s[] = "<meta http-equiv=\"Content-Type\" content=\"text/html; "
                     "charset=windows-1252\"><p>\x93" "Zitat\x94 \x96 5 \x80"
                     "</p>";
    dec d;
    ASSERT_EQ(run(&d, s, sizeof s - 1, NULL, 1), TH_OK);
    ASSERT_STR(d.name, "windows-1252");
    ASSERT_CONTAINS(d.out, "“Zitat” – 5 €");
    th__arena_cleanup(&d.a);
}

TEST(charset_gb18030_hint_and_labels)
{
    /* "中文新闻" in GB2312/GBK bytes; the gb2312 label means GB18030. */
    const char s[] = "<title>\xD6\xD0\xCE\xC4\xD0\xC2\xCE\xC5</title>";
    dec d;
    ASSERT_EQ(run(&d, s, sizeof s - 1, "GB2312", 1), TH_OK);
    ASSERT_STR(d.name, "gb18030");
    ASSERT_CONTAINS(d.out, "中文新闻");
    th__arena_cleanup(&d.a);
    /* the same in a meta prescan with odd spacing and quotes */
    const char t[] = "<!-- <meta charset=koi8-r> --><META  CHARSET = 'gbk' >"
                     "<p>\xD6\xD0\xCE\xC4</p>";
    ASSERT_EQ(run(&d, t, sizeof t - 1, NULL, 1), TH_OK);
    ASSERT_STR(d.name, "gb18030");
    ASSERT_CONTAINS(d.out, "中文");
    th__arena_cleanup(&d.a);
}

TEST(charset_labels_whatwg)
{
    struct { const char *label, *name; } cases[] = {
        {"latin1", "windows-1252"}, {"US-ASCII", "windows-1252"},
        {"ascii", "windows-1252"}, {"utf8", "utf-8"},
        {" UTF-8 ", "utf-8"}, {"gbk", "gb18030"}, {"x-sjis", "shift_jis"},
        {"ks_c_5601-1987", "euc-kr"}, {"iso-8859-15", "iso-8859-15"},
        {"cp1251", "windows-1251"}};
    const char s[] = "<p>caf\xE9</p>"; /* invalid UTF-8: the label decides */
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dec d;
        ASSERT_EQ(run(&d, s, sizeof s - 1, cases[i].label, 1), TH_OK);
        ASSERT_STR(d.name, cases[i].name);
        ASSERT(th__utf8_valid(d.out, d.len));
        th__arena_cleanup(&d.a);
    }
    /* an unknown label falls through to detection */
    dec d;
    ASSERT_EQ(run(&d, s, sizeof s - 1, "x-no-such-thing", 1), TH_OK);
    ASSERT_STR(d.name, "windows-1252");
    ASSERT_CONTAINS(d.out, "café");
    th__arena_cleanup(&d.a);
}

TEST(charset_utf16_bom)
{
    /* "<p>Ä€</p>" in UTF-16LE and UTF-16BE with BOMs. */
    const char le[] = "\xFF\xFE<\0p\0>\0\xC4\0\xAC\x20<\0/\0p\0>\0";
    const char be[] = "\xFE\xFF\0<\0p\0>\0\xC4\x20\xAC\0<\0/\0p\0>";
    dec d;
    ASSERT_EQ(run(&d, le, sizeof le - 1, NULL, 1), TH_OK);
    ASSERT_STR(d.name, "utf-16le");
    ASSERT_STR(d.out, "<p>Ä€</p>");
    th__arena_cleanup(&d.a);
    ASSERT_EQ(run(&d, be, sizeof be - 1, "windows-1252", 1), TH_OK);
    ASSERT_STR(d.name, "utf-16be"); /* the BOM beats the hint */
    ASSERT_STR(d.out, "<p>Ä€</p>");
    th__arena_cleanup(&d.a);
}

TEST(charset_utf8_bom_and_nul)
{
    const char s[] = "\xEF\xBB\xBFZ\0ur\xC3\xBC" "ck";
    dec d;
    ASSERT_EQ(run(&d, s, sizeof s - 1, NULL, 0), TH_OK);
    ASSERT_STR(d.name, "utf-8");
    ASSERT_STR(d.out, "Zurück");
    ASSERT_EQ(d.len, strlen("Zurück"));
    th__arena_cleanup(&d.a);
}

TEST(charset_declared_utf8_repair)
{
    /* Mostly UTF-8 with a stray Latin-1 letter and a cut sequence. */
    const char s[] = "<meta charset=utf-8><p>Gr\xC3\xBC\xC3\x9F" "e, "
                     "Mitgef\xFChl, cut\xC3.</p>";
    dec d;
    ASSERT_EQ(run(&d, s, sizeof s - 1, NULL, 1), TH_OK);
    ASSERT_STR(d.name, "utf-8");
    ASSERT_CONTAINS(d.out, "Grüße, Mitgefühl, cut\xEF\xBF\xBD.");
    ASSERT(th__utf8_valid(d.out, d.len));
    th__arena_cleanup(&d.a);
}

TEST(charset_stale_label_valid_utf8)
{
    /* Re-saved as UTF-8 with an old gb2312 meta: the bytes win. */
    const char *s = "<meta charset=gb2312><title>人工智能迈上新台阶</title>";
    dec d;
    ASSERT_EQ(run(&d, s, strlen(s), NULL, 1), TH_OK);
    ASSERT_STR(d.name, "utf-8");
    ASSERT_STR(d.out, s);
    th__arena_cleanup(&d.a);
}

TEST(charset_detect_legacy)
{
    /* Undeclared windows-1251 Russian. */
    const char ru[] = "<p>\xCD\xEE\xE2\xEE\xF1\xF2\xE8 \xEC\xE8\xF0\xE0 "
                      "\xE8 \xF0\xE5\xE3\xE8\xEE\xED\xE0 \xE7\xE0 "
                      "\xF1\xE5\xE3\xEE\xE4\xED\xFF</p>";
    dec d;
    ASSERT_EQ(run(&d, ru, sizeof ru - 1, NULL, 1), TH_OK);
    ASSERT_STR(d.name, "windows-1251");
    ASSERT_CONTAINS(d.out, "Новости мира и региона за сегодня");
    th__arena_cleanup(&d.a);
    /* Undeclared GBK Chinese: paired high bytes. */
    const char zh[] = "<p>\xD6\xD0\xB9\xFA\xBE\xAD\xBC\xC3\xD0\xC2\xCE\xC5"
                      "\xA3\xAC\xBD\xF1\xCC\xEC\xB5\xC4\xD6\xD8\xD2\xAA"
                      "\xCF\xFB\xCF\xA2\xA1\xA3</p>";
    ASSERT_EQ(run(&d, zh, sizeof zh - 1, NULL, 1), TH_OK);
    ASSERT_STR(d.name, "gb18030");
    ASSERT_CONTAINS(d.out, "中国经济新闻，今天的重要消息。");
    th__arena_cleanup(&d.a);
    /* Undeclared Latin-1 French. */
    const char fr[] = "<p>L'\xE9t\xE9 \xE0 Paris, c'\xE9tait tr\xE8s beau.</p>";
    ASSERT_EQ(run(&d, fr, sizeof fr - 1, NULL, 1), TH_OK);
    ASSERT_STR(d.name, "windows-1252");
    ASSERT_CONTAINS(d.out, "L'été à Paris, c'était très beau.");
    th__arena_cleanup(&d.a);
}

TEST(charset_invalid_bytes_in_legacy)
{
    /* Shift_JIS with a truncated double-byte character at the end. */
    const char s[] = "\x93\xFA\x96\x7B\x82\xCC\x83\x6A\x83\x85\x81\x5B"
                     "\x83\x58\x93";
    dec d;
    ASSERT_EQ(run(&d, s, sizeof s - 1, "shift_jis", 0), TH_OK);
    ASSERT_CONTAINS(d.out, "日本のニュース");
    ASSERT_CONTAINS(d.out, "\xEF\xBF\xBD");
    ASSERT(th__utf8_valid(d.out, d.len));
    ASSERT(memchr(d.out, 0, d.len) == NULL);
    th__arena_cleanup(&d.a);
}

TEST(charset_fuzzish_never_invalid)
{
    /* Every byte value, under several encodings: always valid, no NUL. */
    char s[512];
    for (int i = 0; i < 512; i++)
        s[i] = (char)(i * 37 + 11);
    const char *hints[] = {NULL, "utf-8", "windows-1252", "gbk",
                           "shift_jis", "euc-kr", "utf-16le", "big5",
                           "iso-2022-jp", "koi8-r"};
    for (size_t h = 0; h < sizeof hints / sizeof hints[0]; h++) {
        dec d;
        ASSERT_EQ(run(&d, s, sizeof s, hints[h], 1), TH_OK);
        ASSERT(th__utf8_valid(d.out, d.len));
        ASSERT(memchr(d.out, 0, d.len) == NULL);
        ASSERT_EQ(strlen(d.out), d.len);
        th__arena_cleanup(&d.a);
    }
}

TEST(charset_dev_set_umlauts)
{
    const char *sh = th_test_shared();
    if (!sh)
        SKIP("../shared absent");
    char path[1024];
    snprintf(path, sizeof path,
             "%s/eval/dev/trafilatura/winfuture.de-NASA.html", sh);
    size_t n;
    char *raw = th_test_read(path, &n);
    if (!raw)
        SKIP("dev page missing");
    dec d;
    th_status st = run(&d, raw, n, NULL, 1);
    free(raw);
    ASSERT_EQ(st, TH_OK);
    ASSERT_STR(d.name, "windows-1252");
    ASSERT_CONTAINS(d.out, "spektakulär");
    th__arena_cleanup(&d.a);
}

TEST(charset_mostly_utf8_text_dump)
{
    /* A text browser's dump of a Chinese page with no label: one character
     * cut at a line wrap leaves a broken sequence.  It stays UTF-8 (one
     * U+FFFD), not a page of windows-1252 mojibake. */
    char s[1024];
    int n = snprintf(s, sizeof s, "%s\n%s\xe5\n%s\n%s\n",
                     "台北市政府今天公布新的交通計畫，將在明年春天開始實施。",
                     "市長在記者會上表示，這項計畫已經討論了兩年",
                     "捷運將延長營運時間，公車路線也會重新規劃。",
                     "民眾可以在市政府網站上查詢詳細內容並提出意見。");
    ASSERT(n > 0 && (size_t)n < sizeof s);
    dec d;
    ASSERT_EQ(run(&d, s, (size_t)n, NULL, 0), TH_OK);
    ASSERT_STR(d.name, "utf-8");
    ASSERT_CONTAINS(d.out, "台北市政府今天公布新的交通計畫");
    ASSERT_CONTAINS(d.out, "捷運將延長營運時間");
    ASSERT(th__utf8_valid(d.out, d.len));
    th__arena_cleanup(&d.a);

    /* Legacy text with a few accidental valid pairs stays legacy. */
    const char l[] = "Die Stra\xDF" "e in M\xFCnchen: \xC4rger \xFC" "ber "
                     "B\xE4" "cker, Gr\xFC\xDF" "e aus K\xF6ln.\n";
    ASSERT_EQ(run(&d, l, sizeof l - 1, NULL, 0), TH_OK);
    ASSERT_STR(d.name, "windows-1252");
    ASSERT_CONTAINS(d.out, "Straße in München");
    th__arena_cleanup(&d.a);
}
