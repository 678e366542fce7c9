/*
 * unit_signals.c -- per-document quality signals (src/signals.c) on texts
 * written for these tests: a plain article passes, a spammy repetitive
 * page fails on the repetition rules, a short news brief passes (the
 * datatrove case: its most frequent n-gram occurs once), CJK text skips
 * word rules, comments get a language only when long enough, JSON shape.
 */
#include <stdlib.h>

#include "doc.h"
#include "lang.h"
#include "signals.h"
#include "test.h"
#include "utf8.h"

static th_doc *doc_of(const char *lang, const char *const *paras, size_t n)
{
    th_doc *d = th__doc_new();
    if (!d)
        return NULL;
    d->lang = lang;
    for (size_t i = 0; i < n; i++)
        th__doc_add_block(d, TH_BLOCK_PARAGRAPH, 0, false, paras[i],
                          strlen(paras[i]), NULL, 0);
    return d;
}

static bool failed(const th_signals *s, th_qrule r)
{
    return (s->failed >> r) & 1u;
}

static const char *const ARTICLE[] = {
    "The harbour authority confirmed on Monday that work on the new flood "
    "barrier will begin in early spring, two years later than planned.",
    "Engineers had warned that the old sea wall, built in the 1950s, could "
    "no longer protect the low-lying streets behind the fish market during "
    "winter storms.",
    "\"We have waited long enough,\" said Maria Jensen, who runs a bakery "
    "on the quay and has seen her shop flooded three times since 2019.",
    "The council expects the barrier to cost 48 million euros. Half of the "
    "money comes from a national fund for coastal towns, and the rest will "
    "be borrowed over thirty years.",
    "Residents can see the plans at the town hall until the end of the "
    "month and send their comments to the harbour office by post or email.",
};

TEST(signals_article_passes)
{
    th_doc *d = doc_of("en", ARTICLE, 5);
    ASSERT(d);
    th_signals s;
    th__signals_init(&s);
    ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
    CHECK(s.words > 100 && s.words < 140);
    ASSERT_EQ(s.paragraphs, 5);
    ASSERT_EQ(s.lines, 5);
    CHECK(s.sentences >= 6);
    CHECK(s.mean_word_length > 3.5 && s.mean_word_length < 6);
    CHECK(s.stop_words_known);
    CHECK(s.stop_words_distinct >= 5);
    CHECK(s.dup_lines == 0 && s.dup_paragraphs == 0);
    CHECK(s.dup_ngram[0] == 0);
    CHECK(s.alpha_words > 0.95);
    if (!s.quality_pass) {
        char msg[256] = "";
        for (int r = 0; r < TH_QR_COUNT; r++)
            if (failed(&s, (th_qrule)r))
                strncat(msg, th__qrule_name((th_qrule)r),
                        sizeof msg - strlen(msg) - 2);
        th_test_fail(__FILE__, __LINE__, "article failed: %s", msg);
    }
    th__signals_cleanup(&s);
    th_doc_free(d);
}

TEST(signals_spam_fails_repetition)
{
    /* A keyword-stuffed page: one pitch over and over, with hashtags. */
    const char *spam[12];
    for (int i = 0; i < 12; i++)
        spam[i] = (i % 3 == 2)
                      ? "#cheap #pills #best #price #now #online #deal"
                      : "Buy cheap pills online best price buy cheap pills "
                        "online best price fast delivery buy now";
    th_doc *d = doc_of("en", spam, 12);
    ASSERT(d);
    th_signals s;
    th__signals_init(&s);
    ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
    ASSERT(!s.quality_pass);
    CHECK(failed(&s, TH_QR_DUP_LINES));
    CHECK(failed(&s, TH_QR_DUP_PARAGRAPH_CHARS));
    CHECK(failed(&s, TH_QR_TOP_2GRAM));
    CHECK(failed(&s, TH_QR_DUP_5GRAM));
    CHECK(failed(&s, TH_QR_DUP_10GRAM));
    CHECK(failed(&s, TH_QR_HASH_RATIO));
    CHECK(failed(&s, TH_QR_STOP_WORDS)); /* none of the eight */
    CHECK(s.dup_lines > 0.8);
    th__signals_cleanup(&s);
    th_doc_free(d);
}

/* datatrove's top n-gram fraction: the most common n-gram counts even when
 * it occurs once (Counter.most_common then returns the first one); its
 * characters, words joined without spaces, over the characters of the
 * text.  Words here: split on spaces, ASCII punctuation stripped. */
static size_t cps(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static double naive_top4(const char *t)
{
    size_t got = 0, chars = 0;
    for (const char *p = t; *p && got < 4;) {
        while (*p == ' ')
            p++;
        const char *b = p;
        while (*p && *p != ' ')
            p++;
        const char *e = p;
        while (e > b && strchr(".,:;!?", e[-1]))
            e--;
        if (e > b) {
            chars += cps(b, (size_t)(e - b));
            got++;
        }
    }
    return got == 4 ? (double)chars / (double)cps(t, strlen(t)) : 0;
}

TEST(signals_short_brief_passes)
{
    /* A German wire brief of 21 words; long compounds, no n-gram occurs
     * twice. */
    const char *brief[] = {
        "Landesverkehrsministerium best\xc3\xa4tigt Vollsperrung: Die "
        "Autobahnbr\xc3\xbc" "cke bei Leverkusen bleibt nach Rissen im "
        "Stahltr\xc3\xa4ger bis Donnerstagabend gesperrt, teilte die "
        "Polizei am Morgen mit."};
    th_doc *d = doc_of("de", brief, 1);
    ASSERT(d);
    th_signals s;
    th__signals_init(&s);
    ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
    ASSERT_EQ(s.words, 21);
    /* datatrove would drop it: the once-seen top 4-gram is over 0.16. */
    CHECK(naive_top4(brief[0]) > 0.16);
    ASSERT(s.top_ngram[0] == 0 && s.top_ngram[1] == 0 &&
           s.top_ngram[2] == 0);
    CHECK(!failed(&s, TH_QR_TOP_4GRAM));
    CHECK(!failed(&s, TH_QR_MIN_WORDS));
    CHECK(!failed(&s, TH_QR_STOP_WORDS));
    ASSERT(s.quality_pass);
    th__signals_cleanup(&s);
    th_doc_free(d);
}

TEST(signals_symbols_bullets_ellipsis)
{
    const char *p[] = {"Read more...", "Top stories of the week \xe2\x80\xa6",
                       "\xe2\x80\xa2 Prices rise again", "- Storm warning",
                       "More on this later..."};
    th_doc *d = doc_of("en", p, 5);
    ASSERT(d);
    th_signals s;
    th__signals_init(&s);
    ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
    CHECK(s.ellipsis_lines > 0.59 && s.ellipsis_lines < 0.61);
    CHECK(s.bullet_lines > 0.39 && s.bullet_lines < 0.41);
    CHECK(s.ellipsis_ratio > 0.1);
    CHECK(failed(&s, TH_QR_ELLIPSIS_LINES));
    CHECK(failed(&s, TH_QR_MIN_WORDS));
    CHECK(!failed(&s, TH_QR_BULLET_LINES));
    th__signals_cleanup(&s);
    th_doc_free(d);
}

TEST(signals_list_items_count_as_bullets)
{
    th_doc *d = th__doc_new();
    ASSERT(d);
    const char *items[] = {"Flour", "Sugar", "Butter", "Eggs"};
    for (int i = 0; i < 4; i++)
        th__doc_add_block(d, TH_BLOCK_LIST_ITEM, 1, false, items[i],
                          strlen(items[i]), NULL, 0);
    th_signals s;
    th__signals_init(&s);
    ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
    CHECK(s.bullet_lines == 1.0);
    CHECK(failed(&s, TH_QR_BULLET_LINES));
    th__signals_cleanup(&s);
    th_doc_free(d);
}

TEST(signals_stop_words_other_languages)
{
    const char *de[] = {
        "Die Stadt hat den Bau der neuen Br\xc3\xbc" "cke beschlossen, und "
        "die Arbeiten sollen im Mai mit dem Abriss der alten beginnen."};
    th_doc *d = doc_of("de", de, 1);
    ASSERT(d);
    th_signals s;
    th__signals_init(&s);
    ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
    CHECK(s.stop_words_known);
    CHECK(s.stop_words_distinct >= 3); /* die, den, der, und, ... */
    th__signals_cleanup(&s);
    th_doc_free(d);

    /* Capitalised French stop word with an accent: "À" counts as "à". */
    const char *fr[] = {"\xc3\x80 Lyon, les \xc3\xa9lus de la ville et des "
                        "communes voisines ont vot\xc3\xa9 le budget."};
    d = doc_of("fr", fr, 1);
    ASSERT(d);
    th__signals_init(&s);
    ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
    CHECK(s.stop_words_distinct >= 5);
    th__signals_cleanup(&s);
    th_doc_free(d);
}

TEST(signals_cjk_skips_word_rules)
{
    if (!th__lang_available())
        SKIP("built without CLD2");
    const char *zh[] = {
        "\xe5\xb8\x82\xe6\x94\xbf\xe5\xba\x9c\xe5\x91\xa8\xe4\xba\x8c\xe5\xae"
        "\xa3\xe5\xb8\x83\xef\xbc\x8c\xe6\xb8\xaf\xe5\x8f\xa3\xe9\x98\xb2\xe6"
        "\xb3\xa2\xe5\xa0\xa4\xe5\xb0\x86\xe5\x9c\xa8\xe5\x86\xac\xe5\xad\xa3"
        "\xe5\x89\x8d\xe5\x86\x8d\xe5\xbb\xb6\xe9\x95\xbf\xe5\x9b\x9b\xe5\x8d"
        "\x81\xe7\xb1\xb3\xe3\x80\x82\xe5\xb7\xa5\xe7\xa8\x8b\xe8\xb4\xb9\xe7"
        "\x94\xa8\xe7\x94\xb1\xe5\x9b\xbd\xe5\xae\xb6\xe5\x92\x8c\xe5\x9c\xb0"
        "\xe6\x96\xb9\xe5\x85\xb1\xe5\x90\x8c\xe6\x89\xbf\xe6\x8b\x85\xef\xbc"
        "\x8c\xe5\xb1\x85\xe6\xb0\x91\xe5\x8f\xaf\xe4\xbb\xa5\xe5\x9c\xa8\xe5"
        "\xb8\x82\xe6\x94\xbf\xe5\x8e\x85\xe6\x9f\xa5\xe7\x9c\x8b\xe8\xae\xa1"
        "\xe5\x88\x92\xe3\x80\x82"};
    th_doc *d = doc_of(NULL, zh, 1);
    ASSERT(d);
    th_signals s;
    th__signals_init(&s);
    ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
    ASSERT(s.lang && strncmp(s.lang, "zh", 2) == 0);
    CHECK(!failed(&s, TH_QR_MIN_WORDS));
    CHECK(!failed(&s, TH_QR_MEAN_WORD_LENGTH));
    CHECK(!s.stop_words_known);
    th__signals_cleanup(&s);
    th_doc_free(d);
}

TEST(signals_comment_languages_and_json)
{
    th_doc *d = doc_of("en", ARTICLE, 5);
    ASSERT(d);
    th_comment c = {.id = "c1", .parent = -1, .text = "Great article!"};
    ASSERT(th__doc_add_comment(d, &c) >= 0);
    c.id = "c2";
    c.text = "Ich wohne seit zwanzig Jahren am Hafen und das Wasser stand "
             "schon dreimal in unserem Keller.";
    ASSERT(th__doc_add_comment(d, &c) >= 0);
    th_signals s;
    th__signals_init(&s);
    ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
    ASSERT_EQ(s.ncomments, 2);
    ASSERT(s.comment_lang[0] == NULL); /* two words: not judged */
    if (th__lang_available())
        ASSERT_STR(s.comment_lang[1], "de");
    CHECK(s.comment_words == 2 + 16);
    th__signals_cleanup(&s);

    char *json = NULL;
    size_t len = 0;
    ASSERT_EQ(th_doc_signals_json(d, &json, &len), TH_OK);
    ASSERT(json && len == strlen(json));
    ASSERT(json[0] == '{' && json[len - 1] == '}');
    ASSERT_CONTAINS(json, "\"chars\":");
    ASSERT_CONTAINS(json, "\"quality_pass\":true");
    ASSERT_CONTAINS(json, "\"quality_failed\":[]");
    ASSERT_CONTAINS(json, "\"lang_declared\":\"en\"");
    if (th__lang_available()) {
        ASSERT_CONTAINS(json, "\"lang\":\"en\",\"lang_source\":\"text\"");
        ASSERT_CONTAINS(json, "\"comment_langs\":[null,\"de\"]");
    }
    th_free(json);
    ASSERT_EQ(th_doc_signals_json(NULL, &json, NULL), TH_EINVAL);
    th_doc_free(d);
}

TEST(signals_render_hook)
{
    /* The corpus hook: with a document, and with text only. */
    th_doc *d = doc_of(NULL, ARTICLE, 5);
    ASSERT(d);
    th_buf b;
    th__buf_init(&b, 0);
    const char *lang = "x";
    ASSERT_EQ(th__signals_render(&b, d, NULL, 0, &lang), TH_OK);
    if (th__lang_available())
        ASSERT_STR(lang, "en");
    else
        ASSERT(lang == NULL);
    ASSERT_CONTAINS(b.data, "\"lang_source\":");
    th__buf_clear(&b);
    const char *text = "First paragraph here.\n\nSecond paragraph.\n\n"
                       "First paragraph here.";
    ASSERT_EQ(th__signals_render(&b, NULL, text, strlen(text), &lang),
              TH_OK);
    ASSERT_CONTAINS(b.data, "\"paragraphs\":3");
    ASSERT_CONTAINS(b.data, "\"dup_paragraphs\":0.3333");
    ASSERT_CONTAINS(b.data, "\"lang_source\":\"none\"");
    th__buf_cleanup(&b);
    th_doc_free(d);
}

TEST(signals_empty_doc)
{
    th_doc *d = doc_of(NULL, NULL, 0);
    ASSERT(d);
    th_signals s;
    th__signals_init(&s);
    ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
    ASSERT_EQ(s.words, 0);
    ASSERT(!s.quality_pass);
    CHECK(failed(&s, TH_QR_MIN_WORDS));
    th__signals_cleanup(&s);
    ASSERT_EQ(th__signals_compute(NULL, &s), TH_EINVAL);
    th_doc_free(d);
}

TEST(signals_large_repetitive_input_is_bounded)
{
    /* 300k words in one block: over the n-gram cap, still linear. */
    size_t n = 300000;
    char *t = malloc(n * 6 + 1);
    ASSERT(t);
    for (size_t i = 0; i < n; i++)
        memcpy(t + i * 6, (i & 1) ? "lorem " : "ipsum ", 6);
    t[n * 6] = '\0';
    th_doc *d = th__doc_new();
    ASSERT(d);
    th__doc_add_block(d, TH_BLOCK_PARAGRAPH, 0, false, t, n * 6, NULL, 0);
    free(t);
    th_signals s;
    th__signals_init(&s);
    ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
    ASSERT_EQ(s.words, n);
    CHECK(failed(&s, TH_QR_MAX_WORDS));
    CHECK(failed(&s, TH_QR_TOP_2GRAM));
    CHECK(failed(&s, TH_QR_DUP_10GRAM));
    CHECK(failed(&s, TH_QR_LOREM_IPSUM));
    th__signals_cleanup(&s);
    th_doc_free(d);
}

static int fail_at, alloc_count;
static void *fail_malloc(size_t n, void *ud)
{
    (void)ud;
    if (++alloc_count == fail_at)
        return NULL;
    return malloc(n);
}
static void *fail_realloc(void *p, size_t n, void *ud)
{
    (void)ud;
    if (++alloc_count == fail_at)
        return NULL;
    return realloc(p, n);
}
static void fail_free(void *p, void *ud)
{
    (void)ud;
    free(p);
}

TEST(signals_alloc_failures)
{
    th_doc *d = doc_of("en", ARTICLE, 5);
    ASSERT(d);
    th_comment c = {.id = "c1", .parent = -1, .text = "Thanks."};
    ASSERT(th__doc_add_comment(d, &c) >= 0);
    th_allocator a = {fail_malloc, fail_realloc, fail_free, NULL};
    int ok = 0;
    for (fail_at = 1; fail_at < 200 && !ok; fail_at++) {
        alloc_count = 0;
        th_set_allocator(&a);
        char *json = NULL;
        th_status st = th_doc_signals_json(d, &json, NULL);
        th_set_allocator(NULL);
        if (st == TH_OK) {
            ok = 1;
            th_free(json);
        } else {
            CHECK(st == TH_ENOMEM);
            CHECK(json == NULL);
        }
    }
    CHECK(ok);
    th_doc_free(d);
}

/* The byte loops chars, sentences and lorem_ipsum were counted with before
 * they were done 8 or 16 bytes at a time: the counts must not change. */
static size_t ref_cp_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static size_t ref_sentences(const char *t, size_t n)
{
    size_t sent = 0;
    bool since = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        bool end = false;
        size_t skip = 0;
        if (c == '.' || c == '!' || c == '?')
            end = true;
        else if (c == 0xE3 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
                 (unsigned char)t[i + 2] == 0x82)
            end = true, skip = 2;
        else if (c == 0xEF && i + 2 < n && (unsigned char)t[i + 1] == 0xBC &&
                 ((unsigned char)t[i + 2] == 0x81 ||
                  (unsigned char)t[i + 2] == 0x9F))
            end = true, skip = 2;
        else if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
                 (unsigned char)t[i + 2] == 0xA6)
            end = true, skip = 2;
        if (end) {
            size_t j = i + skip + 1;
            while (j < n && (t[j] == '"' || t[j] == '\'' || t[j] == ')'))
                j++;
            if ((j >= n || t[j] == ' ' || t[j] == '\n' || skip) && since) {
                sent++;
                since = false;
            }
            i += skip;
            continue;
        }
        if (c == '\n') {
            if (since)
                sent++;
            since = false;
            continue;
        }
        if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') ||
            c >= 0xC0)
            since = true;
    }
    return sent + since;
}

static bool ref_lorem(const char *s, size_t n)
{
    for (size_t i = 0; i + 11 <= n; i++) {
        size_t k = 0;
        while (k < 11 && (s[i + k] | 0x20) == "lorem ipsum"[k])
            k++;
        if (k == 11)
            return true;
    }
    return false;
}

TEST(signals_counts_same_as_byte_loops)
{
    static const char *const bits[] = {
        "a", "Word", "zwei", " ", " ", "  ", ". ", "! ", "?", "\"", "'", ")",
        "\n", "1999", "\xc3\xa9t\xc3\xa9", "\xe2\x80\xa6", "\xe3\x80\x82",
        "\xef\xbc\x81", "\xef\xbc\x9f", "\xe6\x9d\xb1", "\xe2\x80\x94",
        "lorem ipsum", "LoReM IpSuM", "lorem", "ipsum", "L", "l", ".",
        "\xf0\x9f\x98\x80", "#", "..."};
    uint64_t r = 99;
    char *paras[6];
    for (int round = 0; round < 300; round++) {
        size_t chars = 0, sent = 0;
        bool lorem = false;
        for (int p = 0; p < 6; p++) {
            size_t want = (size_t)(round * 7 + p * 13) % 300, n = 0;
            paras[p] = malloc(want + 32);
            ASSERT(paras[p]);
            while (n < want) {
                r = r * 6364136223846793005ull + 1442695040888963407ull;
                const char *b = bits[(r >> 33) % (sizeof bits / sizeof *bits)];
                /* "lorem ipsum" only now and then. */
                if (b[0] == 'l' && b[1] == 'o' && b[5] == ' ' && (r >> 50) % 16)
                    b = "word";
                memcpy(paras[p] + n, b, strlen(b));
                n += strlen(b);
            }
            paras[p][n] = '\0';
        }
        th_doc *d = doc_of("en", (const char *const *)paras, 6);
        ASSERT(d);
        for (size_t b = 0; b < d->nblocks; b++) {
            size_t tn = d->blocks[b].len;
            const char *t = th__trim_space(d->blocks[b].text, &tn);
            chars += ref_cp_count(t, tn);
            sent += ref_sentences(t, tn);
            lorem = lorem || ref_lorem(t, tn);
        }
        th_signals s;
        th__signals_init(&s);
        ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
        ASSERT_EQ(s.chars, chars);
        ASSERT_EQ(s.sentences, sent);
        ASSERT(s.lorem_ipsum == lorem);
        th__signals_cleanup(&s);
        th_doc_free(d);
        for (int p = 0; p < 6; p++)
            free(paras[p]);
    }
}

/* The JSON was written with printf ("%zu", "%d", "%.4g"); it is now
 * formatted by hand: the bytes must be the same for any value, ties of
 * the fifth digit, powers of ten and values printf writes with an
 * exponent included. */
static void ref_json_num(char *out, size_t cap, const char *key, double v)
{
    snprintf(out, cap, ",\"%s\":%.4g,", key, v);
}

TEST(signals_json_numbers_as_printf)
{
    static const double fixed[] = {
        0, 1, 0.5, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 0.99995, 0.999949999,
        0.99994, 9.9995, 9.99949, 99.995, 999.95, 9999.5, 9999.4, 1e4, 1e-4,
        0.0001, 0.00009999, 0.000099995, 1e-5, 1.5e-7, 123456.0, 1e300,
        0.12345, 0.012345, 1.0005, 1.00049, 4.5555, 3.14159, 10, 100, 1000,
        0.25, 0.125, 0.0625, 0.03125, 7.77777, 5e-324, -0.0, -1.5};
    uint64_t r = 7;
    th_buf b;
    th__buf_init(&b, 1 << 20);
    for (int i = 0; i < 20000; i++) {
        double v;
        r = r * 6364136223846793005ull + 1442695040888963407ull;
        if (i < (int)(sizeof fixed / sizeof *fixed))
            v = fixed[i];
        else if (i % 3 == 0)
            v = (double)((r >> 40) % 5000) / (double)(1 + (r >> 20) % 5000);
        else if (i % 3 == 1)
            v = (double)(r >> 11) / 9007199254740992.0 * 12.0;
        else
            v = (double)((r >> 33) % 200000) / 20000.0; /* many ties */
        th_signals s;
        th__signals_init(&s);
        s.mean_word_length = v;
        s.hash_ratio = v / 10;
        s.line_punct = v / 1000;
        s.chars = (size_t)(r >> 20);
        s.detected.percent = (int)(r >> 58) - 20;
        th__buf_clear(&b);
        ASSERT_EQ(th__signals_json(&b, &s), TH_OK);
        char want[96];
        ref_json_num(want, sizeof want, "mean_word_length", v);
        CHECK(strstr(b.data, want) != NULL);
        ref_json_num(want, sizeof want, "hash_ratio", v / 10);
        CHECK(strstr(b.data, want) != NULL);
        ref_json_num(want, sizeof want, "line_punct", v / 1000);
        CHECK(strstr(b.data, want) != NULL);
        snprintf(want, sizeof want, "{\"chars\":%zu,", s.chars);
        CHECK(strncmp(b.data, want, strlen(want)) == 0);
        snprintf(want, sizeof want, ",\"lang_percent\":%d,",
                 s.detected.percent);
        CHECK(strstr(b.data, want) != NULL);
    }
    th__buf_cleanup(&b);
}

/* The word statistics against a plain byte-at-a-time tokenizer written
 * here, on random lines of every ASCII class (spaces, \v, punctuation,
 * '#', dots, NUL, letters, digits) and a few UTF-8 letters and
 * punctuation, of lengths around the 64-byte blocks the tokenizer works
 * in: tokens that start or end at a block edge or span several. */
static bool ref_punct(uint32_t c)
{
    if (c < 0x80)
        return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
               (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
    return c == 0x2026 || c == 0x2014;
}

static uint32_t ref_cp(const char *s, size_t n, size_t *len)
{
    uint32_t c = 0;
    *len = th__utf8_decode(s, n, &c);
    if (!*len)
        *len = 1, c = 0xFFFD;
    return c;
}

typedef struct ref_words {
    size_t words, chars, alpha, hashes, ellipses, stop;
    unsigned seen;
} ref_words;

static void ref_token(ref_words *r, const char *s, size_t n)
{
    static const char *const en[] = {"the", "be", "to", "of", "and",
                                     "that", "have", "with"};
    for (size_t k = 0; k < n; k++) {
        if (s[k] == '#')
            r->hashes++;
        if (s[k] == '.' && (k == 0 || s[k - 1] != '.') && k + 2 < n &&
            s[k + 1] == '.' && s[k + 2] == '.')
            r->ellipses++;
        if (k + 2 < n && memcmp(s + k, "\xe2\x80\xa6", 3) == 0)
            r->ellipses++;
    }
    /* Strip punctuation (all the inputs are whole code points). */
    size_t b = 0, e = n, l;
    while (b < e && ref_punct(ref_cp(s + b, e - b, &l)))
        b += l;
    while (b < e) {
        size_t at = e - 1;
        while (at > b && ((unsigned char)s[at] & 0xC0) == 0x80)
            at--;
        if (!ref_punct(ref_cp(s + at, e - at, &l)))
            break;
        e = at;
    }
    if (b == e)
        return;
    bool alpha = false;
    for (size_t k = b; k < e; k += l) {
        uint32_t c = ref_cp(s + k, e - k, &l);
        alpha = alpha || th__lang_is_letter(c);
        r->chars++;
    }
    r->words++;
    r->alpha += alpha;
    if (e - b <= 12) {
        char low[16];
        for (size_t k = b; k < e; k++)
            low[k - b] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
        low[e - b] = '\0'; /* compared as a C string: up to a NUL */
        for (int i = 0; i < 8; i++)
            if (strcmp(low, en[i]) == 0) {
                r->stop++;
                r->seen |= 1u << i;
            }
    }
}

TEST(signals_tokens_same_as_byte_loop)
{
    static const char *const bits[] = {
        " ", " ", " ", "\t", "\n", "\r", "\f", "\v", "the", "The", "THE",
        "of", "and", "with", "that", "have", "be", "to", "word", "Zebra",
        "longerwords", "encyclopaedia", "x", "7", "1999", ",", ".", "...",
        "....", "..", "#", "##", "!", "\"", "(", ")", "-", "'", "?", ":",
        "@", "[", "`", "{", "~", "_", "/", "\x01", "\x7f", "\0",
        "\xc3\xa9", "\xe2\x80\xa6", "\xe2\x80\x94", "\xe6\x97\xa5",
        /* Tokens of 64 bytes and more. */
        "https://news.example.org/2024/05/harbour-barrier-to-cost-48-million"
        "-euros.html",
        "\xc3\xa9t\xc3\xa9-\xc3\xa9t\xc3\xa9-\xc3\xa9t\xc3\xa9-"
        "\xc3\xa9t\xc3\xa9-\xc3\xa9t\xc3\xa9-\xc3\xa9t\xc3\xa9-"
        "\xc3\xa9t\xc3\xa9-\xc3\xa9t\xc3\xa9-\xc3\xa9t\xc3\xa9..."};
    uint64_t r = 12345;
    for (int round = 0; round < 400; round++) {
        th_doc *d = th__doc_new();
        ASSERT(d);
        d->lang = "en";
        ref_words want;
        memset(&want, 0, sizeof want);
        for (int p = 0; p < 5; p++) {
            char buf[512]; /* up to 329 bytes and one piece of < 100 */
            size_t n = 0, cap = (size_t)(round * 3 + p * 61) % 330;
            while (n < cap) {
                r = r * 6364136223846793005ull + 1442695040888963407ull;
                size_t pick = (r >> 33) % (sizeof bits / sizeof *bits);
                const char *b = bits[pick];
                size_t bl = b[0] ? strlen(b) : 1; /* "\0": one NUL */
                memcpy(buf + n, b, bl);
                n += bl;
            }
            /* Preformatted: stored as written (spaces not collapsed). */
            size_t nb = d->nblocks;
            th__doc_add_block(d, p % 2 ? TH_BLOCK_PRE : TH_BLOCK_PARAGRAPH,
                              0, false, buf, n, NULL, 0);
            if (d->nblocks == nb)
                continue;
            /* The reference: tokens between th__is_space bytes. */
            const char *tx = d->blocks[nb].text;
            n = d->blocks[nb].len;
            for (size_t i = 0; i < n;) {
                while (i < n && th__is_space((unsigned char)tx[i]))
                    i++;
                size_t b0 = i;
                while (i < n && !th__is_space((unsigned char)tx[i]))
                    i++;
                if (i > b0)
                    ref_token(&want, tx + b0, i - b0);
            }
        }
        th_signals s;
        th__signals_init(&s);
        ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
        ASSERT_EQ(s.words, want.words);
        if (want.words) {
            double w = (double)want.words;
            CHECK(s.mean_word_length == (double)want.chars / w);
            CHECK(s.alpha_words == (double)want.alpha / w);
            CHECK(s.hash_ratio == (double)want.hashes / w);
            CHECK(s.ellipsis_ratio == (double)want.ellipses / w);
        }
        ASSERT_EQ(s.stop_words, want.stop);
        ASSERT_EQ(s.stop_words_distinct, (size_t)__builtin_popcount(want.seen));
        th__signals_cleanup(&s);
        th_doc_free(d);
    }
}

/* Stop words with capitals: ASCII and Latin-1 letters are lower-cased
 * (the Latin-1 capitals after 0xC3), nothing else; counted through the
 * 64-bit keys on either tokenizer path -- exact counts. */
TEST(signals_stop_words_case_exact)
{
    static const struct {
        const char *lang, *text;
        size_t stop, distinct;
    } cases[] = {
        /* à x3 with the bracketed one, être x3, avec x2; not Àa, ÉTÉ. */
        {"fr", "\xc3\x80 \xc3\xa0 \xc3\x8aTRE \xc3\x8atre \xc3\xaatre, "
               "(\xc3\xa0) \xc3\x80" "a \xc3\x89T\xc3\x89 avec AVEC",
         8, 3},
        /* být x2, mít, a, v. */
        {"cs", "B\xc3\x9dT b\xc3\xbdt M\xc3\x8dT a V", 5, 4},
        /* że and się; Ż and Ę are not Latin-1: ŻE and SIĘ stay. */
        {"pl", "\xc5\xbb" "E \xc5\xbc" "e Si\xc4\x99 SI\xc4\x98", 2, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *p[] = {cases[i].text};
        th_doc *d = doc_of(cases[i].lang, p, 1);
        ASSERT(d);
        th_signals s;
        th__signals_init(&s);
        ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
        ASSERT(s.lang && strcmp(s.lang, cases[i].lang) == 0);
        ASSERT_EQ(s.stop_words, cases[i].stop);
        ASSERT_EQ(s.stop_words_distinct, cases[i].distinct);
        th__signals_cleanup(&s);
        th_doc_free(d);
    }
}

/* comment_words against a byte loop, on comments of every length around
 * the 64-byte steps the count takes, spaces of every kind. */
TEST(signals_comment_words_same_as_byte_loop)
{
    static const char *const bits[] = {" ", "  ", "\t", "\n", "\r", "\f",
                                       "\v", "a", "word", "\xc3\xa9t\xc3\xa9",
                                       ".", "x"};
    uint64_t r = 77;
    th_doc *d = th__doc_new();
    ASSERT(d);
    d->lang = "en";
    const char *para[] = {"A short body."};
    th__doc_add_block(d, TH_BLOCK_PARAGRAPH, 0, false, para[0],
                      strlen(para[0]), NULL, 0);
    for (int i = 0; i < 200; i++) {
        char buf[400];
        size_t n = 0;
        while (n < (size_t)i * 3 % 330) {
            r = r * 6364136223846793005ull + 1442695040888963407ull;
            const char *b = bits[(r >> 33) % (sizeof bits / sizeof *bits)];
            memcpy(buf + n, b, strlen(b));
            n += strlen(b);
        }
        buf[n] = '\0';
        th_comment c = {.id = "c", .parent = -1, .text = buf};
        ASSERT(th__doc_add_comment(d, &c) >= 0);
    }
    size_t want = 0;
    for (size_t i = 0; i < d->ncomments; i++) {
        const char *t = d->comments[i].text;
        bool in = false;
        for (size_t k = 0; t && t[k]; k++) {
            bool sp = th__is_space((unsigned char)t[k]);
            want += !sp && !in;
            in = !sp;
        }
    }
    th_signals s;
    th__signals_init(&s);
    ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
    ASSERT_EQ(s.comment_words, want);
    CHECK(want > 1000);
    th__signals_cleanup(&s);
    th_doc_free(d);
}

/* Paragraphs and lines are first told apart by a cheap key (length,
 * first, middle and last 8 bytes) and hashed whole only when that key
 * repeats: two paragraphs equal in those bytes but not elsewhere are not
 * duplicates; a real repeat is, also among lines of a PRE block. */
TEST(signals_dup_units_cheap_key_collision)
{
    char p1[] = "The council met on Monday and voted for the new plan.";
    char p2[sizeof p1], p3[sizeof p1];
    memcpy(p2, p1, sizeof p1);
    memcpy(p3, p1, sizeof p1);
    p2[10] = 'X'; /* outside the first, middle and last 8 bytes */
    p3[36] = 'Y';
    const char *paras[] = {p1, p2, p3, p1};
    th_doc *d = doc_of("en", paras, 4);
    ASSERT(d);
    char pre[4 * sizeof p1];
    snprintf(pre, sizeof pre, "%s\n%s\n%s", p2, p3, p2);
    th__doc_add_block(d, TH_BLOCK_PRE, 0, false, pre, strlen(pre), NULL, 0);
    th_signals s;
    th__signals_init(&s);
    ASSERT_EQ(th__signals_compute(d, &s), TH_OK);
    ASSERT_EQ(s.paragraphs, 5);
    ASSERT_EQ(s.lines, 7);
    CHECK(s.dup_paragraphs == 1.0 / 5); /* the second p1 */
    /* Lines: p1 p2 p3 p1 p2 p3 p2 -- the last four repeat. */
    CHECK(s.dup_lines == 4.0 / 7);
    th__signals_cleanup(&s);
    th_doc_free(d);
}

/* NUL bytes reach the signals only through the text path (documents drop
 * them; that path has no language, so no stop list): words with a NUL,
 * inside a 64-byte block and across one, are words like any other --
 * the mask tokenizer sends them to the byte loops. */
TEST(signals_nul_bytes_text_path)
{
    static const char text[] =
        "the\0x of\0 x\0y with\0\0 a\0b\0c and."
        "                             the\0x\0..." /* bytes 60-68 */
        "\n\n\0# \0";
    th_buf b;
    th__buf_init(&b, 1 << 16);
    ASSERT_EQ(th__signals_render(&b, NULL, text, sizeof text - 1, NULL),
              TH_OK);
    ASSERT(b.data);
    /* 9 words (NUL is not punctuation: "\0#" keeps its NUL), one '#',
     * one "...", 33 code points of words; two without a letter. */
    CHECK(strstr(b.data, "\"words\":9,") != NULL);
    CHECK(strstr(b.data, "\"hash_ratio\":0.1111,") != NULL);
    CHECK(strstr(b.data, "\"ellipsis_ratio\":0.1111,") != NULL);
    CHECK(strstr(b.data, "\"mean_word_length\":3.667,") != NULL);
    CHECK(strstr(b.data, "\"alpha_words\":0.7778,") != NULL);
    CHECK(strstr(b.data, "\"paragraphs\":2,") != NULL);
    th__buf_cleanup(&b);
}
