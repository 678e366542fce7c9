/*
 * unit_input.c -- what th_extract does with input that is not a plain
 * page: gzip-compressed pages (whole, several members, cut short, a
 * "bomb" over max_bytes) and binary files (images, PDFs, random bytes),
 * next to pages that only look odd (stray control bytes, UTF-16).
 */
#include <stdint.h>
#include <stdlib.h>

#include "test.h"
#include "mem.h"
#include "warc.h" /* th__gzip: the test's compressor */

static const char k_page[] =
    "<!doctype html><html lang=\"pt\"><head><meta charset=\"utf-8\">"
    "<title>Ponte do Guadiana fecha para obras durante tr\xc3\xaas meses"
    " | Jornal do Sul</title></head><body>"
    "<nav><a href=\"/\">In\xc3\xad" "cio</a> <a href=\"/regiao\">Regi\xc3\xa3o</a></nav>"
    "<article><h1>Ponte do Guadiana fecha para obras durante tr\xc3\xaas meses</h1>"
    "<p class=\"byline\">Por Marta Cabral</p>"
    "<p>A ponte internacional do Guadiana vai estar fechada ao tr\xc3\xa2nsito"
    " a partir de segunda-feira, para a substitui\xc3\xa7\xc3\xa3o das juntas"
    " de dilata\xc3\xa7\xc3\xa3o e do pavimento do tabuleiro, anunciou a"
    " concession\xc3\xa1ria.</p>"
    "<p>Durante as obras, o tr\xc3\xa1" "fego entre Castro Marim e Ayamonte"
    " ser\xc3\xa1 desviado pela estrada nacional, o que acrescenta cerca de"
    " quarenta minutos a cada viagem, segundo as contas da autarquia.</p>"
    "<p>Os comerciantes de Vila Real de Santo Ant\xc3\xb3nio temem perder"
    " os clientes espanh\xc3\xb3is que atravessam a fronteira ao fim de"
    " semana para fazer compras.</p></article></body></html>";

static char *render(const char *data, size_t len, const th_options *o,
                    th_status *st)
{
    th_doc *doc = NULL;
    *st = th_extract(data, len, o, &doc);
    if (*st != TH_OK)
        return NULL;
    char *out = NULL;
    size_t n = 0;
    if (th_doc_render(doc, TH_FORMAT_JSON, "p", &out, &n) != TH_OK)
        out = NULL;
    th_doc_free(doc);
    return out;
}

TEST(input_gzip_page_same_as_plain)
{
    th_status st;
    char *plain = render(k_page, sizeof k_page - 1, NULL, &st);
    ASSERT_EQ(st, TH_OK);
    ASSERT_CONTAINS(plain, "Castro Marim");
    char *gz = NULL;
    size_t gn = 0;
    ASSERT_EQ(th__gzip(k_page, sizeof k_page - 1, &gz, &gn), TH_OK);
    char *viagz = render(gz, gn, NULL, &st);
    ASSERT_EQ(st, TH_OK);
    ASSERT_STR(viagz, plain);
    th_free(viagz);
    th_free(plain);
    th__free(gz);
}

TEST(input_gzip_members_and_cut_short)
{
    /* two members (gzip a; gzip b; cat): gunzip reads both */
    size_t half = sizeof k_page / 2;
    char *g1 = NULL, *g2 = NULL;
    size_t n1 = 0, n2 = 0;
    ASSERT_EQ(th__gzip(k_page, half, &g1, &n1), TH_OK);
    ASSERT_EQ(th__gzip(k_page + half, sizeof k_page - 1 - half, &g2, &n2),
              TH_OK);
    char *both = malloc(n1 + n2);
    ASSERT(both);
    memcpy(both, g1, n1);
    memcpy(both + n1, g2, n2);
    th_status st;
    char *out = render(both, n1 + n2, NULL, &st);
    ASSERT_EQ(st, TH_OK);
    ASSERT_CONTAINS(out, "espanh\xc3\xb3is");
    th_free(out);
    /* cut short (a truncated download): what was inflated is read */
    out = render(both, n1 + n2 / 2, NULL, &st);
    ASSERT_EQ(st, TH_OK);
    ASSERT_CONTAINS(out, "\"title\":\"Ponte do Guadiana");
    th_free(out);
    /* a gzip header and nothing after it gives nothing: an error */
    out = render(both, 12, NULL, &st);
    ASSERT_EQ(st, TH_EPARSE);
    /* damaged in the middle of the deflate data */
    both[n1 / 2] ^= 0x55;
    both[n1 / 2 + 1] ^= 0x55;
    out = render(both, n1, NULL, &st);
    CHECK(st == TH_OK || st == TH_EPARSE); /* best effort, never a crash */
    th_free(out);
    free(both);
    th__free(g1);
    th__free(g2);
}

TEST(input_gzip_bomb_stops_at_max_bytes)
{
    size_t big = 64u << 20; /* 64 MiB of spaces -> ~64 KiB of gzip */
    char *spaces = malloc(big);
    ASSERT(spaces);
    memset(spaces, ' ', big);
    memcpy(spaces, "<p>x", 4);
    char *gz = NULL;
    size_t gn = 0;
    ASSERT_EQ(th__gzip(spaces, big, &gz, &gn), TH_OK);
    free(spaces);
    ASSERT(gn < big / 100);
    th_options o;
    th_options_init(&o);
    o.max_bytes = 1u << 20;
    th_doc *doc = NULL;
    ASSERT_EQ(th_extract(gz, gn, &o, &doc), TH_ETOOBIG);
    ASSERT(doc == NULL);
    th__free(gz);
}

TEST(input_binary_is_not_a_page)
{
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
    static const char pdf[] =
        "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n";
    static const char zip[] = "PK\x03\x04\x14\0\0\0\x08\0word/document.xml";
    th_doc *doc = NULL;
    ASSERT_EQ(th_extract(png, sizeof png - 1, NULL, &doc), TH_EPARSE);
    ASSERT_EQ(th_extract(pdf, sizeof pdf - 1, NULL, &doc), TH_EPARSE);
    ASSERT_EQ(th_extract(zip, sizeof zip - 1, NULL, &doc), TH_EPARSE);
    /* random bytes (a fixed generator: the test is the same every run) */
    char junk[8192];
    uint64_t x = 0x9E3779B97F4A7C15u;
    for (size_t i = 0; i < sizeof junk; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        junk[i] = (char)(x >> 24);
    }
    ASSERT_EQ(th_extract(junk, sizeof junk, NULL, &doc), TH_EPARSE);
    ASSERT(doc == NULL);
    CHECK(strstr(th_strerror(TH_EPARSE), "binary") != NULL);
}

TEST(input_odd_but_textual_pages_are_pages)
{
    /* a few stray NULs and control bytes (a bad CMS export) */
    char page[sizeof k_page];
    memcpy(page, k_page, sizeof k_page);
    char *p = strstr(page, "anunciou"), *q = strstr(page, "as obras");
    ASSERT(p && q);
    p[-1] = '\0';
    p[-3] = '\x01';
    q[-1] = '\x02';
    th_status st;
    char *out = render(page, sizeof page - 1, NULL, &st);
    ASSERT_EQ(st, TH_OK);
    ASSERT_CONTAINS(out, "Castro Marim");
    th_free(out);
    /* UTF-16LE with a BOM: half its bytes are NUL, still a page */
    static const char ascii[] =
        "<html><head><title>Mar\xe9 cheia</title></head><body><p>O"
        " porto fechou \xe0s seis da manh\xe3 por causa da mar\xe9 viva e"
        " do vento forte de sudoeste.</p></body></html>";
    size_t n = sizeof ascii - 1;
    char *u16 = malloc(2 + 2 * n);
    ASSERT(u16);
    u16[0] = (char)0xFF, u16[1] = (char)0xFE;
    for (size_t i = 0; i < n; i++) { /* Latin-1 code points = UTF-16 units */
        u16[2 + 2 * i] = ascii[i];
        u16[3 + 2 * i] = '\0';
    }
    out = render(u16, 2 + 2 * n, NULL, &st);
    free(u16);
    ASSERT_EQ(st, TH_OK);
    ASSERT_CONTAINS(out, "vento forte de sudoeste");
    th_free(out);
    /* flattened text with form feeds between pages (a dump) */
    static const char dump[] =
        "Cheias no Baixo Mondego\n\nA \xc3\xa1gua subiu durante a noite e"
        " cobriu os campos de arroz de Montemor.\n\f\nSegunda p\xc3\xa1gina\n";
    out = render(dump, sizeof dump - 1, NULL, &st);
    ASSERT_EQ(st, TH_OK);
    th_free(out);
}

/* Soft hyphens (U+00AD, &shy;) are hyphenation hints inside words: FTS5's
 * tokenizer, the dedup shingles and the language detector would all see a
 * break there ("Mit|tel|al|ter" never matches a search for the word), so
 * document text drops them; other text is untouched. */
TEST(input_soft_hyphens_dropped)
{
    static const char page[] =
        "<html lang=\"de\"><head><title>Wein aus Bozen</title></head><body>"
        "<article><h1>Wein aus Bozen</h1><p>Schon im Mit&shy;tel&shy;al&shy;ter "
        "war der St. Mag\xc2\xad" "da\xc2\xad" "le\xc2\xad" "ner das "
        "Aus\xc2\xadh\xc3\xa4n\xc2\xadge\xc2\xadschild der S\xc3\xbc" "dti"
        "roler Weinwirtschaft, und er ist es bis heute geblieben.</p>"
        "<p>Die Lagen oberhalb der Stadt sind steil und klein, die Reben "
        "stehen auf Pergeln, und gelesen wird von Hand.</p></article>"
        "</body></html>";
    th_status st;
    char *out = render(page, sizeof page - 1, NULL, &st);
    ASSERT_EQ(st, TH_OK);
    ASSERT_CONTAINS(out, "Schon im Mittelalter war der St. Magdalener das "
                         "Aush\xc3\xa4ngeschild der S\xc3\xbc" "dtiroler");
    ASSERT_NOT_CONTAINS(out, "\xc2\xad");
    th_free(out);
}
