/*
 * unit_dedup.c -- normalisation, hashing, MinHash estimates, the LSH index
 * verdicts (exact, near, unrelated) and repeated-comment flags.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dedup.h"
#include "test.h"

TEST(dedup_normalize)
{
    th_buf b;
    th__buf_init(&b, 1 << 16);
    const char *t = "Hello, WORLD!  \xc3\x87" "a va? \xe2\x80\x9cQuoted\xe2\x80\x9d "
                    "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 "
                    "\xe6\x97\xa5\xe6\x9c\xac";
    size_t w = th__dedup_normalize(t, strlen(t), &b);
    ASSERT_STR(b.data, "hello world \xc3\xa7" "a va quoted "
                       "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 "
                       "\xe6\x97\xa5 \xe6\x9c\xac");
    ASSERT_EQ(w, 8);
    th__buf_clear(&b);
    ASSERT_EQ(th__dedup_normalize("...", 3, &b), 0);
    th__buf_cleanup(&b);
    ASSERT(th__hash64("abc", 3, 1) == th__hash64("abc", 3, 1));
    ASSERT(th__hash64("abc", 3, 1) != th__hash64("abd", 3, 1));
    ASSERT(th__hash64("abc", 3, 1) != th__hash64("abc", 3, 2));
    ASSERT(th__hash64("", 0, 0) != th__hash64("\0", 1, 0));
}

/* th__dedup_normalize through its fast path (an unbounded buffer) and its
 * slow path (a buffer capped just below the 1.5x the fast path wants): the
 * same word count and bytes, the fast output NUL-terminated.  Returns the
 * output length. */
static size_t normalize_paths_same(const th_buf *in)
{
    th_buf fast, slow;
    th__buf_init(&fast, 0);
    th__buf_init(&slow, in->len + in->len / 2 + 7);
    size_t wf = th__dedup_normalize(in->data, in->len, &fast);
    size_t ws = th__dedup_normalize(in->data, in->len, &slow);
    size_t n = fast.len;
    bool same = n == slow.len && (n == 0 || memcmp(fast.data, slow.data, n) == 0);
    bool nul = fast.data == NULL || fast.data[n] == '\0';
    th__buf_cleanup(&fast);
    th__buf_cleanup(&slow);
    CHECK(wf == ws);
    CHECK(same);
    CHECK(nul);
    return n;
}

/* The direct-write path (room for 1.5x the input) and the one-call-per-
 * code-point path (a buffer capped just below that) give the same bytes,
 * on a mix of ASCII, case pairs, ideographs, emoji, invalid and cut
 * sequences. */
TEST(dedup_normalize_paths_agree)
{
    static const char *const piece[] = {
        "Word", "x", " ", ".", "--", "\t", "\xc3\x89t\xc3\xa9", "\xce\x91\xce\xb2",
        "\xd0\x81\xd0\x96", "\xc4\x80\xc5\x81", "\xe6\x97\xa5", "\xe3\x81\x82",
        "\xf0\xa0\x80\x80", "\xf0\x9f\x98\x80", "\xe2\x80\x94", "\xff", "\xc3",
        "\xe6\x97", "\xed\xa0\x80", "\xef\xbf\xbd", "9", "\xc2\xaa", "\xc3\x97"};
    uint64_t r = 7;
    for (int round = 0; round < 200; round++) {
        th_buf in;
        th__buf_init(&in, 0);
        int n = 1 + round % 60;
        for (int i = 0; i < n; i++) {
            r = r * 6364136223846793005ull + 1442695040888963407ull;
            th__buf_puts(&in, piece[(r >> 33) % (sizeof piece / sizeof *piece)]);
        }
        size_t out = normalize_paths_same(&in);
        size_t bound = in.len + in.len / 3 + 1;
        th__buf_cleanup(&in);
        ASSERT(out <= bound);
    }
}

/* Mostly ASCII text, long enough for the 16-byte blocks of the fast path
 * (single separators, runs of them, a separator ending a block, upper
 * case, digits, a multi-byte character now and then). */
TEST(dedup_normalize_ascii_blocks_agree)
{
    static const char *const piece[] = {
        "Word", "the", "x", " ", " ", " ", ", ", ". ", "--", "\t", "9",
        "Haus", "UPPER", "mIxEd", "2024", "@", "[", "`", "{", "/", ":",
        "\xc3\xa9", "\xe6\x97\xa5", "a", "bb", "ccc"};
    uint64_t r = 11;
    for (int round = 0; round < 2000; round++) {
        th_buf in;
        th__buf_init(&in, 0);
        int n = 1 + round % 300;
        for (int i = 0; i < n; i++) {
            r = r * 6364136223846793005ull + 1442695040888963407ull;
            size_t k = (r >> 33) % (sizeof piece / sizeof *piece);
            if (k >= 21 && (r >> 20) % 8) /* multi-byte rarely */
                k = 0;
            th__buf_puts(&in, piece[k]);
        }
        normalize_paths_same(&in);
        th__buf_cleanup(&in);
    }
}

/* A text of n pseudo-random words from a 5000-word vocabulary. */
static void gen_words(th_buf *b, unsigned seed, int n, int edit_every)
{
    uint64_t s = seed * 0x9e3779b97f4a7c15ull + 1;
    for (int i = 0; i < n; i++) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        unsigned w = (unsigned)(s >> 33) % 5000;
        if (edit_every && i % edit_every == edit_every / 2)
            w = 5000 + (unsigned)i; /* a word that appears nowhere else */
        th__buf_printf(b, "%sw%u", i ? " " : "", w);
    }
}

/* Exact Jaccard of the 5-gram sets of two normalised texts (small n). */
static double true_jaccard(const char *a, const char *b)
{
    /* Hash each 5-gram and compare sorted arrays. */
    uint64_t *ha = calloc(4096, 8), *hb = calloc(4096, 8);
    size_t na = 0, nb = 0;
    for (int k = 0; k < 2; k++) {
        const char *t = k ? b : a;
        uint64_t *h = k ? hb : ha;
        size_t *n = k ? &nb : &na;
        const char *starts[4096];
        size_t nw = 0;
        for (const char *p = t; *p;) {
            starts[nw++] = p;
            const char *sp = strchr(p, ' ');
            p = sp ? sp + 1 : p + strlen(p);
        }
        for (size_t i = 0; i + 5 <= nw; i++) {
            const char *e = i + 5 < nw ? starts[i + 5] - 1 : t + strlen(t);
            h[(*n)++] = th__hash64(starts[i], (size_t)(e - starts[i]), 9);
        }
    }
    size_t inter = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (ha[i] == hb[j]) {
                inter++;
                break;
            }
    double j = (double)inter / (double)(na + nb - inter);
    free(ha);
    free(hb);
    return j;
}

TEST(dedup_minhash_estimates)
{
    th_buf a, b;
    th__buf_init(&a, 1 << 20);
    th__buf_init(&b, 1 << 20);
    uint32_t ma[112], mb[112];
    uint64_t ka[14], kb[14];
    uint8_t ba[112], bb[112];
    gen_words(&a, 1, 600, 0);
    ASSERT(th__minhash(a.data, a.len, 14, 8, ma, ka, ba));
    /* Same text, same signature. */
    ASSERT(th__minhash(a.data, a.len, 14, 8, mb, kb, bb));
    ASSERT(memcmp(ma, mb, sizeof ma) == 0);
    ASSERT(th__bbit_jaccard(ba, bb, 112) > 0.999);
    /* One edit every 40 words: Jaccard about 0.77; the estimate is
     * within 4 standard deviations. */
    gen_words(&b, 1, 600, 40);
    ASSERT(th__minhash(b.data, b.len, 14, 8, mb, kb, bb));
    double tj = true_jaccard(a.data, b.data);
    double est = th__bbit_jaccard(ba, bb, 112);
    CHECK(tj > 0.7 && tj < 0.85);
    CHECK(est > tj - 0.17 && est < tj + 0.17);
    /* Unrelated text: near 0. */
    th__buf_clear(&b);
    gen_words(&b, 2, 600, 0);
    ASSERT(th__minhash(b.data, b.len, 14, 8, mb, kb, bb));
    CHECK(th__bbit_jaccard(ba, bb, 112) < 0.1);
    /* Short and empty texts. */
    ASSERT(th__minhash("two words", 9, 14, 8, mb, kb, bb));
    ASSERT(!th__minhash("", 0, 14, 8, mb, kb, bb));
    th__buf_cleanup(&a);
    th__buf_cleanup(&b);
}

TEST(dedup_index_verdicts)
{
    th_dedup *d = th__dedup_new(14, 8, 0.75);
    ASSERT(d);
    th_buf t;
    th__buf_init(&t, 1 << 20);
    uint32_t m[112];
    uint64_t k[14];
    uint8_t bb[112];
    th_dup_verdict v;
    /* doc 0: original */
    gen_words(&t, 7, 500, 0);
    uint64_t h0 = th__hash64(t.data, t.len, 0);
    ASSERT(th__minhash(t.data, t.len, 14, 8, m, k, bb));
    ASSERT_EQ(th__dedup_add(d, h0, k, bb, &v), 0);
    ASSERT_EQ(v.kind, TH_DUP_NONE);
    ASSERT_EQ(v.cluster, 0);
    /* doc 1: unrelated */
    th__buf_clear(&t);
    gen_words(&t, 8, 500, 0);
    ASSERT(th__minhash(t.data, t.len, 14, 8, m, k, bb));
    ASSERT_EQ(th__dedup_add(d, th__hash64(t.data, t.len, 0), k, bb, &v), 1);
    ASSERT_EQ(v.kind, TH_DUP_NONE);
    ASSERT_EQ(v.cluster, 1);
    /* doc 2: exact copy of 0 */
    th__buf_clear(&t);
    gen_words(&t, 7, 500, 0);
    ASSERT(th__minhash(t.data, t.len, 14, 8, m, k, bb));
    ASSERT_EQ(th__dedup_add(d, h0, k, bb, &v), 2);
    ASSERT_EQ(v.kind, TH_DUP_EXACT);
    ASSERT_EQ(v.match, 0);
    /* doc 3: one edit every 100 words (Jaccard ~0.9): near, cluster 0 */
    th__buf_clear(&t);
    gen_words(&t, 7, 500, 100);
    ASSERT(th__minhash(t.data, t.len, 14, 8, m, k, bb));
    ASSERT_EQ(th__dedup_add(d, th__hash64(t.data, t.len, 0), k, bb, &v), 3);
    ASSERT_EQ(v.kind, TH_DUP_NEAR);
    ASSERT_EQ(v.cluster, 0);
    CHECK(v.jaccard > 0.75);
    /* doc 4: one edit every 8 words (Jaccard ~0.3): not a duplicate */
    th__buf_clear(&t);
    gen_words(&t, 7, 500, 8);
    ASSERT(th__minhash(t.data, t.len, 14, 8, m, k, bb));
    ASSERT_EQ(th__dedup_add(d, th__hash64(t.data, t.len, 0), k, bb, &v), 4);
    ASSERT_EQ(v.kind, TH_DUP_NONE);
    ASSERT_EQ(v.cluster, 4);
    /* restore keeps clusters */
    ASSERT_EQ(th__dedup_restore(d, 99, NULL, NULL, 1), 5);
    ASSERT_EQ(th__dedup_add(d, 99, NULL, NULL, &v), 6);
    ASSERT_EQ(v.kind, TH_DUP_EXACT);
    ASSERT_EQ(v.cluster, 1);
    ASSERT(th__dedup_memory(d) > 0);
    /* comments */
    CHECK(!th__dedup_comment(d, 42, 0));
    CHECK(!th__dedup_comment(d, 42, 0)); /* same page twice: not repeated */
    CHECK(th__dedup_comment(d, 42, 3));
    CHECK(!th__dedup_comment(d, 0, 3));
    th__buf_cleanup(&t);
    th__dedup_free(d);
    ASSERT(th__dedup_new(0, 8, 0.5) == NULL);
}

/* The MinHash of the word-by-word loop th__minhash had before its words
 * were hashed a block at a time (the coefficients rebuilt here as
 * dedup.c builds them): the values must not change. */
static uint64_t ref_fmix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

static void ref_minhash(const char *norm, size_t len, unsigned nh,
                        uint32_t *mins)
{
    uint64_t a[112], b[112], s = 0x5eed5eed5eed5eedull;
    for (unsigned i = 0; i < nh; i++) {
        s += 0x9e3779b97f4a7c15ull;
        a[i] = ref_fmix(s) | 1;
        s += 0x9e3779b97f4a7c15ull;
        b[i] = ref_fmix(s);
    }
    uint64_t m[112], win[TH_SHINGLE];
    for (unsigned h = 0; h < nh; h++)
        m[h] = UINT32_MAX;
    size_t nw = 0, i = 0;
    for (;;) {
        while (i < len && norm[i] == ' ')
            i++;
        if (i >= len)
            break;
        size_t st = i;
        while (i < len && norm[i] != ' ')
            i++;
        win[nw % TH_SHINGLE] = th__hash64(norm + st, i - st, 0x77);
        nw++;
        if (nw >= TH_SHINGLE) {
            uint64_t x = 0;
            for (size_t k = nw - TH_SHINGLE; k < nw; k++)
                x = ref_fmix(x ^ win[k % TH_SHINGLE]) + k - (nw - TH_SHINGLE);
            for (unsigned h = 0; h < nh; h++) {
                uint64_t v = (a[h] * x + b[h]) >> 32;
                if (v < m[h])
                    m[h] = v;
            }
        }
    }
    if (nw < TH_SHINGLE) {
        uint64_t x = 0;
        for (size_t k = 0; k < nw; k++)
            x = ref_fmix(x ^ win[k]) + k;
        for (unsigned h = 0; h < nh; h++)
            m[h] = (a[h] * x + b[h]) >> 32;
    }
    for (unsigned h = 0; h < nh; h++)
        mins[h] = (uint32_t)m[h];
}

TEST(dedup_minhash_same_as_word_by_word)
{
    static const char *const parts[] = {
        "a", "to", "the", "haus", "straße", "über", "economy", "régions",
        "implementation", "zusammenarbeit", "东京", "x", "1999", "ñ",
        "internationalisation", "abcdefg", "abcdefgh", "abcdefghi"};
    uint64_t r = 0x1234567;
    char *t = malloc(8192);
    ASSERT(t);
    for (int round = 0; round < 3000; round++) {
        size_t n = 0, want = (size_t)(round % 97) * (size_t)(round % 31 + 1);
        if (want > 7000)
            want = 7000;
        while (n < want) {
            r = r * 6364136223846793005ull + 1442695040888963407ull;
            const char *p = parts[(r >> 33) % (sizeof parts / sizeof *parts)];
            size_t pl = strlen(p);
            int spaces = (int)((r >> 20) % 8 == 0 ? 2 + (r >> 24) % 2 : 1);
            if (n + pl + (size_t)spaces >= 8000)
                break;
            if (n || (r >> 40) % 16 == 0)
                for (int k = 0; k < spaces; k++)
                    t[n++] = ' ';
            memcpy(t + n, p, pl);
            n += pl;
        }
        if ((r >> 50) % 8 == 0)
            t[n++] = ' ';
        uint32_t got[112], ref[112];
        uint64_t keys[14];
        uint8_t bb[112];
        bool any = th__minhash(t, n, 14, 8, got, keys, bb);
        bool has_word = false;
        for (size_t i = 0; i < n; i++)
            has_word = has_word || t[i] != ' ';
        ASSERT(any == has_word);
        if (!any)
            continue;
        ref_minhash(t, n, 112, ref);
        ASSERT(memcmp(got, ref, sizeof got) == 0);
    }
    free(t);
}

/* A reference for the index: one plain open-addressing table doubled in
 * one go (the layout the index had before its tables were sharded) and
 * the same decision rules.  The sharded tables must give the same
 * verdicts, clusters and comment flags. */
typedef struct ref_tab {
    uint64_t *k;
    uint32_t *v;
    size_t cap, n;
} ref_tab;

static int ref_put(ref_tab *t, uint64_t key, uint32_t val, uint32_t *old)
{
    if ((t->n + 1) * 10 > t->cap * 7) {
        ref_tab g = {calloc(t->cap ? t->cap * 2 : 1024, 8),
                     calloc(t->cap ? t->cap * 2 : 1024, 4),
                     t->cap ? t->cap * 2 : 1024, t->n};
        for (size_t i = 0; i < t->cap; i++) {
            if (!t->k[i])
                continue;
            size_t j = t->k[i] & (g.cap - 1);
            while (g.k[j])
                j = (j + 1) & (g.cap - 1);
            g.k[j] = t->k[i];
            g.v[j] = t->v[i];
        }
        free(t->k);
        free(t->v);
        *t = g;
    }
    size_t j = key & (t->cap - 1);
    for (; t->k[j]; j = (j + 1) & (t->cap - 1))
        if (t->k[j] == key) {
            if (old)
                *old = t->v[j];
            return 0;
        }
    t->k[j] = key;
    t->v[j] = val;
    t->n++;
    return 1;
}

static bool ref_get(const ref_tab *t, uint64_t key, uint32_t *val)
{
    if (!t->cap)
        return false;
    for (size_t j = key & (t->cap - 1); t->k[j]; j = (j + 1) & (t->cap - 1))
        if (t->k[j] == key) {
            *val = t->v[j];
            return true;
        }
    return false;
}

static uint64_t ref_rnd(uint64_t *s)
{
    *s += 0x9e3779b97f4a7c15ull;
    return ref_fmix(*s) | 1; /* never 0 */
}

TEST(dedup_index_same_as_one_table)
{
    enum { N = 60000, B = 14, R = 8, NH = B * R };
    th_dedup *d = th__dedup_new(B, R, 0.75);
    ASSERT(d);
    ref_tab ex = {0}, lsh = {0}, com = {0};
    uint64_t *keys = malloc((size_t)N * B * 8), *hashes = malloc(N * 8);
    uint8_t *sig = malloc((size_t)N * NH);
    uint32_t *cl = malloc(N * 4);
    ASSERT(keys && hashes && sig && cl);
    uint64_t s = 42;
    size_t nexact = 0, nnear = 0, bad = 0;
    for (uint32_t i = 0; i < N; i++) {
        uint64_t *k = keys + (size_t)i * B;
        uint8_t *g = sig + (size_t)i * NH;
        unsigned r = (unsigned)(ref_rnd(&s) % 100);
        uint32_t j = i ? (uint32_t)(ref_rnd(&s) % i) : 0;
        for (unsigned b = 0; b < B; b++)
            k[b] = ref_rnd(&s);
        for (unsigned h = 0; h < NH; h++)
            g[h] = (uint8_t)ref_rnd(&s);
        hashes[i] = ref_rnd(&s);
        if (i && r < 10) { /* exact copy */
            hashes[i] = hashes[j];
            memcpy(k, keys + (size_t)j * B, B * 8);
            memcpy(g, sig + (size_t)j * NH, NH);
        } else if (i && r < 40) { /* some bands shared, signature edited */
            unsigned nb = 1 + (unsigned)(ref_rnd(&s) % B);
            for (unsigned b = 0; b < nb; b++) {
                unsigned bb = (unsigned)(ref_rnd(&s) % B);
                k[bb] = keys[(size_t)j * B + bb];
            }
            memcpy(g, sig + (size_t)j * NH, NH);
            unsigned ne = (unsigned)(ref_rnd(&s) % 50);
            for (unsigned e = 0; e < ne; e++)
                g[ref_rnd(&s) % NH] ^= 0x5a;
        }
        bool words = r % 17 != 3; /* a few documents without words */
        th_dup_verdict v, w;
        memset(&w, 0, sizeof w);
        uint32_t idx;
        if (i % 997 == 5) { /* a restored document, its cluster given */
            uint32_t c = (i % 2) ? j : UINT32_MAX;
            idx = th__dedup_restore(d, hashes[i], words ? k : NULL,
                                    words ? g : NULL, c);
            w.kind = TH_DUP_NONE;
            w.cluster = c == UINT32_MAX ? i : c;
            v = w;
        } else {
            idx = th__dedup_add(d, hashes[i], words ? k : NULL,
                                words ? g : NULL, &v);
            uint32_t m;
            double best = -1;
            if (ref_get(&ex, hashes[i], &m)) {
                w.kind = TH_DUP_EXACT;
                w.match = m;
                w.jaccard = 1.0;
            } else if (words) {
                for (unsigned b = 0; b < B; b++) {
                    if (!ref_get(&lsh, k[b], &m))
                        continue;
                    double jj = th__bbit_jaccard(g, sig + (size_t)m * NH, NH);
                    if (jj >= 0.75 && (jj > best || (jj == best && m < w.match))) {
                        best = jj;
                        w.kind = TH_DUP_NEAR;
                        w.match = m;
                        w.jaccard = jj;
                    }
                }
            }
            w.cluster = w.kind != TH_DUP_NONE ? cl[w.match] : i;
        }
        if (!words) /* the index keeps an all-zero signature for it */
            memset(g, 0, NH);
        cl[i] = w.cluster;
        nexact += w.kind == TH_DUP_EXACT;
        nnear += w.kind == TH_DUP_NEAR;
        if (idx != i || v.kind != w.kind || v.cluster != w.cluster ||
            (w.kind && (v.match != w.match || v.jaccard != w.jaccard)))
            bad++;
        if (w.kind != TH_DUP_EXACT) {
            ref_put(&ex, hashes[i], i, NULL);
            if (words)
                for (unsigned b = 0; b < B; b++)
                    ref_put(&lsh, k[b], i, NULL);
        }
        /* comment hashes, a few repeated */
        uint64_t ch = ref_rnd(&s) % 5000 + 1, ch2 = ch * 0x9e3779b97f4a7c15ull;
        uint32_t old = 0;
        bool rep = ref_put(&com, ch2, i, &old) == 0 && old != i;
        if (th__dedup_comment(d, ch2, i) != rep)
            bad++;
    }
    CHECK(bad == 0);
    CHECK(nexact > N / 20 && nnear > N / 50); /* both kinds exercised */
    CHECK(th__dedup_count(d) == N);
    free(ex.k), free(ex.v), free(lsh.k), free(lsh.v), free(com.k), free(com.v);
    free(keys), free(hashes), free(sig), free(cl);
    th__dedup_free(d);
}
