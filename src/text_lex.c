/*
 * text_lex.c -- word lists and short-line classifiers for the flattened-
 * text labeller.  The lists hold generic web furniture and comment-widget
 * vocabulary in the languages thresh meets most (English, German, French,
 * Spanish, Polish); they name no site.  All matching is on normalised
 * lines (th__tx_norm), so it is case- and punctuation-blind.
 */
#include "text_lex.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"

size_t th__tx_norm(const char *s, size_t n, char *out)
{
    size_t o = 0, i = 0;
    int space = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '\'') {
            } else if (c >= 'A' && c <= 'Z') {
                c = (unsigned char)(c + 32);
            } else {
                space = 1;
                continue;
            }
            if (space && o)
                out[o++] = ' ';
            space = 0;
            out[o++] = (char)c;
            continue;
        }
        uint32_t cp;
        size_t k = th__utf8_decode(s + i, n - i, &cp);
        if (cp == 0x2019 || cp == 0x2018 || cp == 0xB4) {
            if (space && o)
                out[o++] = ' ';
            space = 0;
            out[o++] = '\'';
            i += k;
            continue;
        }
        if ((cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
            (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
            cp == 0xFFFD || cp == 0xFEFF || (cp >= 0x1F000 && cp <= 0x1FAFF)) {
            space = 1;
            i += k;
            continue;
        }
        if (cp >= 0xC0 && cp <= 0xDE)
            cp += 0x20;
        else if (cp >= 0x100 && cp <= 0x17F) {
            if ((cp <= 0x137 || (cp >= 0x14A && cp <= 0x177)) && !(cp & 1))
                cp += 1;
            else if (((cp >= 0x139 && cp <= 0x148) ||
                      (cp >= 0x179 && cp <= 0x17E)) && (cp & 1))
                cp += 1;
        }
        if (space && o)
            out[o++] = ' ';
        space = 0;
        char b[4];
        int m = th__utf8_encode(cp, b);
        /* Never outgrow the input: a case change keeps the byte length
         * in the ranges above, and invalid bytes were turned to space. */
        if ((size_t)m > k) {
            memcpy(out + o, s + i, k);
            o += k;
        } else {
            memcpy(out + o, b, (size_t)m);
            o += (size_t)m;
        }
        i += k;
    }
    out[o] = '\0';
    return o;
}

/* ---------------------------------------------------------- lists ---- */

const char *const th__tx_widget[] = {
    "reply", "replies", "reply to", "report", "report abuse",
    "report comment", "flag", "permalink", "notify of", "newest", "oldest",
    "most voted", "inline feedbacks", "view all comments",
    "load more comments", "show more comments", "show more replies",
    "show replies", "hide replies", "view replies", "view more replies",
    "more replies", "cancel reply", "log in to reply", "upvote",
    "downvote", "antworten", "antwort", "melden", "neueste", "älteste",
    "répondre", "signaler", "responder", "denunciar", "odpowiedz", "zgłoś",
    "thumbs up", "thumbs down", "comments", "kommentare", "commentaires",
    "comentarios", "komentarze", NULL};

const char *const th__tx_furn[] = {
    "like", "likes", "dislike", "vote", "votes", "points", "point", "best",
    "popular", "view all", "load more", "show more", "sort by", "edit",
    "delete", "link", "guest", "collapse", "expand", "gefällt mir",
    "empfehlen", "beste", "j'aime", "me gusta", "lubię to", "recommend",
    "helpful", "not helpful", "unfollow", "mute", "block", "comment",
    "kommentar", "older comments", "newer comments",
    "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin",
    "pinterest", "reddit", "email", "e mail", "mail", "print", "drucken",
    "imprimer", "imprimir", "drukuj", "share", "share this", "share on",
    "teilen", "partager", "compartir", "udostępnij", "tweet", "menu",
    "search", "suche", "suchen", "rechercher", "recherche", "buscar",
    "szukaj", "home", "startseite", "accueil", "inicio", "login", "log in",
    "sign in", "sign up", "register", "logout", "log out", "anmelden",
    "abmelden", "registrieren", "subscribe", "abonnieren", "abo",
    "newsletter", "s'abonner", "suscribirse", "subskrybuj", "close",
    "schließen", "fermer", "cerrar", "zamknij", "next", "previous", "prev",
    "weiter", "zurück", "suivant", "précédent", "siguiente", "anterior",
    "następny", "poprzedni", "back to top", "nach oben", "top",
    "skip to content", "skip to main content", "zum inhalt springen",
    "advertisement", "anzeige", "werbung", "publicité", "publicidad",
    "reklama", "sponsored", "cookie", "cookies", "accept", "akzeptieren",
    "accepter", "aceptar", "ok", "more", "mehr", "plus", "más", "więcej",
    "read more", "weiterlesen", "lire la suite", "leer más",
    "czytaj więcej", "tags", "tag", "topics", "themen", "support",
    "donate", "spenden", "contact", "kontakt", "about", "about us",
    "impressum", "imprint", "datenschutz", "privacy", "privacy policy",
    "terms", "terms of use", "agb", "rss", "feed", "instagram", "youtube",
    "flipboard", "copy link", "link kopieren", "copy", "messenger", "xing",
    "sms", "whatsapp", "home page", "sitemap", "help", "hilfe", "faq",
    "jobs", "karriere", "shop", "e paper", "epaper", "archive", "archiv",
    "video", "videos", "photos", "fotos", "gallery", "galerie", "podcast",
    "podcasts", "live", "news", "sport", "sports", "weather", "wetter",
    "politik", "politics", "business", "wirtschaft", "culture", "kultur",
    "opinion", "meinung", "world", "welt", "lokal", "local", "service",
    "cookie settings", "einstellungen", "settings", "mein konto",
    "my account", "account", "toggle navigation", "navigation", "open",
    "öffnen", "schliessen", "zurück zur startseite", "to top", "up",
    "audio", "listen", "anhören", "save", "speichern", "merken",
    "bookmark", "follow", "folgen", "suivre", "seguir", "obserwuj", NULL};

const char *const th__tx_furn_sub[] = {
    "cookie", "copyright", "all rights reserved", "alle rechte vorbehalten",
    "tous droits réservés", "todos los derechos reservados",
    "wszelkie prawa zastrzeżone", "privacy policy", "datenschutzerklärung",
    "terms of use", "terms of service", "terms and conditions",
    "nutzungsbedingungen", "disclaimer", "disclosure", "views expressed",
    "opinions expressed", "not necessarily the views", "content herein",
    "subscribe to", "sign up for", "sign up to", "newsletter",
    "abonnieren sie", "abonnez vous", "donate", "donation", "spenden sie",
    "enable javascript", "javascript is disabled", "javascript aktivieren",
    "your browser", "ihr browser", "skip to", "follow us", "folgen sie uns",
    "suivez nous", "síguenos", "share this", "teilen sie", "zum inhalt",
    "all content", "reproduction", "vervielfältigung", "log in to",
    "sign in to", "to continue reading", "weiterlesen mit", "abo abschließen",
    "jetzt abonnieren", "für abonnenten", "paywall", "read full policy",
    "comment policy", "advertis", "werbung", "anzeige", "rss feed",
    "powered by", "all times", "alle zeiten", NULL};

const char *const th__tx_cap_sub[] = {
    "click to see", "click to enlarge", "click to view", "click here to see",
    "full size image", "full size map", "full size", "zum vergrößern",
    "bild vergrößern", "vergrößern", "agrandir l'image", "ampliar imagen",
    "ampliar la imagen", "powiększ", "enlarge image", "view image",
    "open image", "image source", "photo credit", "bildquelle", NULL};

const char *const th__tx_cap_pre[] = {
    "photo", "foto", "fotos", "photos", "image", "images", "bild", "bilder",
    "picture", "pic", "credit", "credits", "photograph", "fot", "zdjęcie",
    "zdjęcia", "quelle", "source", "fuente", "imagen", "illustration",
    "grafik", "graphic", "video", "vidéo", "galerie", "gallery", NULL};

const char *const th__tx_related[] = {
    "more on this topic", "more on this", "related", "related articles",
    "related posts", "related stories", "related content", "related news",
    "read more", "read also", "also read", "see also", "more stories",
    "more from", "recommended", "recommended for you", "you may also like",
    "you might also like", "you may be interested", "more news",
    "latest news", "latest", "most read", "most popular", "trending",
    "top stories", "editor's picks", "lesen sie auch", "lesen sie mehr",
    "auch interessant", "das könnte sie auch interessieren",
    "das könnte dich auch interessieren", "mehr zum thema",
    "weitere artikel", "weitere interessante news", "weitere news",
    "aktuelle artikel", "meistgelesen", "meistgelesene artikel",
    "top themen", "à lire aussi", "a lire aussi", "lire aussi",
    "sur le même sujet", "voir aussi", "articles similaires",
    "dans la même rubrique", "te puede interesar", "lee también",
    "noticias relacionadas", "más noticias", "relacionado",
    "zobacz też", "zobacz także", "czytaj także", "czytaj też", "polecamy",
    "najczęściej czytane", "najnowsze", "podobne artykuły", NULL};

const char *const th__tx_about[] = {
    "about", "about the author", "about us", "über", "über den autor",
    "zum autor", "zur autorin", "à propos", "a propos", "acerca de",
    "sobre el autor", "o autorze", "o nas", NULL};

const char *const th__tx_byline[] = {
    "by", "von", "par", "por", "przez", "autor", "autorin", "author",
    "written by", "text", "texte", "reporting by", "posted by",
    "published by", "veröffentlicht von", "publié par", "publicado por",
    "redacción", "redaktion", "reporter", "correspondent", NULL};

const char *const th__tx_chead[] = {
    "comments", "comment", "kommentare", "kommentar", "leserkommentare",
    "commentaires", "commentaire", "comentarios", "comentario",
    "komentarze", "komentarz", "komentarzy", "reader comments",
    "leave a reply", "leave a comment", "post a comment", "add a comment",
    "add comment", "write a comment", "join the discussion", "discussion",
    "discuss", "responses", "reactions", "replies", "comments are closed",
    "show comments", "view comments", "deja un comentario",
    "deja una respuesta", "dejar un comentario", "laisser un commentaire",
    "laissez un commentaire", "réagissez", "réactions",
    "schreibe einen kommentar", "kommentar schreiben", "kommentieren",
    "diskussion", "diskutieren sie mit", "ihre meinung", "deine meinung",
    "dodaj komentarz", "napisz komentarz", "skomentuj", "opinie",
    "what do you think", "conversation", "join the conversation",
    "community", "user comments", "readers comments", NULL};

const char *const th__tx_chead_pre[] = {
    "responses to", "response to", "thoughts on", "comments on",
    "comment on", "replies to", "reactions to", "kommentare zu",
    "antworten auf", "commentaires sur", "réponses à", "comentarios en",
    "comentarios sobre", "respuestas a", "komentarzy do",
    "odpowiedzi na", "comments for", "comments to", NULL};

const char *const th__tx_sign[] = {
    "says", "said", "wrote", "writes", "sagt", "schreibt", "schrieb",
    "meint", "dit", "a dit", "écrit", "dice", "dijo", "escribió", "pisze",
    "napisał", "napisała", "replied", "antwortete", NULL};

const char *const th__tx_opener[] = {
    "yes", "yeah", "yep", "yup", "ya", "no", "nope", "not", "exactly",
    "agreed", "i agree", "agree", "true", "indeed", "lol", "haha",
    "hahaha", "really", "thanks", "thank you", "thx", "correct", "wrong",
    "right", "sure", "ok", "okay", "bullshit", "nonsense", "rubbish",
    "or", "but", "and", "so", "actually", "maybe", "why", "what", "how",
    "who", "says who", "data", "source", "you", "your", "you're", "same",
    "ditto", "wow", "nah", "hmm", "ja", "nein", "genau", "stimmt", "doch",
    "aber", "oder", "danke", "oui", "non", "exactement", "mais", "merci",
    "sí", "si", "claro", "pero", "gracias", "tak", "nie", "dokładnie",
    "ale", "dzięki", "@", "probably", "of course", "guess", "i guess",
    "did", "i did", "it won't", "it's called", "that's", "thats", NULL};

/* --------------------------------------------------------- matching --- */

/* Each list gets an index by first byte (built once, pthread_once), so a
 * lookup only compares the few phrases that start like the word. */
#define LEX_MAX 320
typedef struct lexidx {
    const char *const *lex;
    uint16_t n;
    uint16_t start[257];
    uint16_t order[LEX_MAX];
    uint8_t len[LEX_MAX];
} lexidx;

extern const char *const th__tx_datew[];
extern const char *const th__tx_timew[];
extern const char *const th__tx_datefill[];
extern const char *const th__tx_first[];
extern const char *const th__tx_second[];

static const char *const *const g_all[] = {
    th__tx_widget, th__tx_furn, th__tx_furn_sub, th__tx_cap_sub,
    th__tx_cap_pre, th__tx_related, th__tx_about, th__tx_byline,
    th__tx_chead, th__tx_chead_pre, th__tx_sign, th__tx_opener, th__tx_datew,
    th__tx_timew, th__tx_datefill, th__tx_first, th__tx_second};
#define NLEX (sizeof g_all / sizeof g_all[0])
static lexidx g_idx[NLEX];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void build_idx(void)
{
    for (size_t t = 0; t < NLEX; t++) {
        lexidx *x = &g_idx[t];
        x->lex = g_all[t];
        size_t n = 0;
        while (x->lex[n] && n < LEX_MAX)
            n++;
        x->n = (uint16_t)n;
        uint16_t cnt[257] = {0};
        for (size_t k = 0; k < n; k++)
            cnt[(unsigned char)x->lex[k][0]]++;
        uint16_t acc = 0;
        for (int c = 0; c < 256; c++) {
            x->start[c] = acc;
            acc = (uint16_t)(acc + cnt[c]);
        }
        x->start[256] = acc;
        uint16_t pos[256];
        for (int c = 0; c < 256; c++)
            pos[c] = x->start[c];
        for (size_t k = 0; k < n; k++) {
            unsigned char c = (unsigned char)x->lex[k][0];
            size_t l = strlen(x->lex[k]);
            x->order[pos[c]] = (uint16_t)k;
            x->len[pos[c]] = (uint8_t)(l > 255 ? 255 : l);
            pos[c]++;
        }
    }
}

static const lexidx *idx_of(const char *const *lex)
{
    pthread_once(&g_once, build_idx);
    for (size_t t = 0; t < NLEX; t++)
        if (g_idx[t].lex == lex)
            return &g_idx[t];
    return NULL;
}

/* Longest phrase of lex at norm[p] ending at a word end; with prefix,
 * the phrase may end inside a word (substring-at-word-start). */
static size_t match_idx(const lexidx *x, const char *norm, size_t n,
                        size_t p, bool prefix)
{
    size_t best = 0;
    unsigned char c = (unsigned char)norm[p];
    for (uint16_t j = x->start[c]; j < x->start[c + 1]; j++) {
        size_t l = x->len[j];
        if (l > best && p + l <= n &&
            memcmp(norm + p, x->lex[x->order[j]], l) == 0 &&
            (prefix || p + l == n || norm[p + l] == ' '))
            best = l;
    }
    return best;
}

static size_t match_at(const char *norm, size_t n, size_t p,
                       const char *const *lex)
{
    if (p >= n)
        return 0;
    const lexidx *x = idx_of(lex);
    if (x)
        return match_idx(x, norm, n, p, false);
    size_t best = 0;
    for (size_t k = 0; lex[k]; k++) {
        size_t l = strlen(lex[k]);
        if (l > best && p + l <= n && memcmp(norm + p, lex[k], l) == 0 &&
            (p + l == n || norm[p + l] == ' '))
            best = l;
    }
    return best;
}

static bool is_num_word(const char *w, size_t l)
{
    size_t d = 0;
    for (size_t i = 0; i < l; i++)
        if (w[i] >= '0' && w[i] <= '9')
            d++;
    return l && d * 2 >= l;
}

int th__tx_all_lex2(const char *norm, size_t n, const char *const *a,
                    const char *const *b)
{
    size_t p = 0;
    int hits = 0;
    while (p < n) {
        size_t m = match_at(norm, n, p, a), m2 = match_at(norm, n, p, b);
        if (m && m >= m2) {
            hits++;
            p += m;
        } else if (m2) {
            p += m2;
        } else {
            size_t e = p;
            while (e < n && norm[e] != ' ')
                e++;
            if (!is_num_word(norm + p, e - p))
                return -1;
            p = e;
        }
        while (p < n && norm[p] == ' ')
            p++;
    }
    return hits;
}

bool th__tx_all_lex(const char *norm, size_t n, const char *const *lex)
{
    size_t p = 0;
    int hits = 0;
    while (p < n) {
        size_t m = match_at(norm, n, p, lex);
        if (m) {
            hits++;
            p += m;
        } else {
            size_t e = p;
            while (e < n && norm[e] != ' ')
                e++;
            if (!is_num_word(norm + p, e - p))
                return false;
            p = e;
        }
        while (p < n && norm[p] == ' ')
            p++;
    }
    return hits > 0;
}

size_t th__tx_starts_lex(const char *norm, size_t n, const char *const *lex)
{
    return match_at(norm, n, 0, lex);
}

bool th__tx_ends_lex(const char *norm, size_t n, const char *const *lex)
{
    for (size_t k = 0; lex[k]; k++) {
        size_t l = strlen(lex[k]);
        if (l < n && norm[n - l - 1] == ' ' &&
            memcmp(norm + n - l, lex[k], l) == 0)
            return true;
    }
    return false;
}

static bool has_sub(const char *h, size_t n, const char *nd, size_t l)
{
    if (l == 0 || l > n)
        return false;
    for (size_t i = 0; i + l <= n; i++) {
        const char *p = memchr(h + i, nd[0], n - l - i + 1);
        if (!p)
            return false;
        i = (size_t)(p - h);
        if (memcmp(p, nd, l) == 0)
            return true;
    }
    return false;
}

bool th__tx_contains_lex(const char *norm, size_t n, const char *const *lex)
{
    const lexidx *x = idx_of(lex);
    if (!x) {
        for (size_t k = 0; lex[k]; k++)
            if (has_sub(norm, n, lex[k], strlen(lex[k])))
                return true;
        return false;
    }
    /* phrases are matched at word starts (a phrase may end mid-word:
     * "advertis" finds "advertisement") */
    for (size_t p = 0; p < n;) {
        if (match_idx(x, norm, n, p, true))
            return true;
        while (p < n && norm[p] != ' ')
            p++;
        while (p < n && norm[p] == ' ')
            p++;
    }
    return false;
}

const char *const th__tx_datew[] = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april",
    "may", "jun", "june", "jul", "july", "aug", "august", "sep", "sept",
    "september", "oct", "october", "nov", "november", "dec", "december",
    "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "okt",
    "oktober", "dez", "dezember", "janvier", "février", "fév", "mars",
    "avril", "avr", "juin", "juillet", "juil", "août", "septembre",
    "octobre", "novembre", "décembre", "déc", "enero", "febrero", "marzo",
    "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
    "noviembre", "diciembre", "ene", "dic", "stycznia", "lutego", "marca",
    "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
    "października", "listopada", "grudnia", "styczeń", "luty", "marzec",
    "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień",
    "październik", "listopad", "grudzień", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "wed", "thu", "fri", "sat", "sun", "montag", "dienstag", "mittwoch",
    "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi",
    "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes",
    "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", NULL};

const char *const th__tx_timew[] = {
    "ago", "vor", "il y a", "hace", "temu", "just now", "yesterday", "today",
    "gestern", "heute", "vorgestern", "hier", "aujourd'hui", "ayer", "hoy",
    "wczoraj", "dzisiaj", "dziś", "second", "seconds", "sec", "secs",
    "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "h",
    "day", "days", "week", "weeks", "month", "months", "year", "years",
    "sekunden", "minute", "minuten", "stunde", "stunden", "tag", "tagen",
    "woche", "wochen", "monat", "monaten", "jahr", "jahren", "seconde",
    "secondes", "heure", "heures", "jour", "jours", "semaine", "semaines",
    "mois", "an", "ans", "segundos", "minutos", "hora", "horas", "día",
    "días", "semana", "semanas", "mes", "meses", "año", "años", "sekund",
    "minut", "minuty", "minutę", "godzin", "godziny", "godzinę", "dzień",
    "dni", "tydzień", "tygodnie", "tygodni", "miesiąc", "miesiące",
    "miesięcy", "rok", "lata", "lat", "a", "an", "one", "a few", "einer",
    "einem", "einen", "un", "une", "una", "uno", "few", NULL};

const char *const th__tx_datefill[] = {
    "at", "um", "uhr", "am", "pm", "on", "le", "à", "a las", "las", "de",
    "del", "o", "godz", "godzina", "the", "of", "st", "nd", "rd", "th",
    "edited", "posted", "updated", "published", "veröffentlicht",
    "aktualisiert", "publié", "mis à jour", "actualizado", "publicado",
    "opublikowano", "zaktualizowano", "stand", "last updated", "gmt",
    "utc", "cet", "cest", "est", "edt", "pst", "pdt", "bst", "et", "y",
    "und", "and", NULL};

bool th__tx_is_date(const char *norm, size_t n)
{
    size_t p = 0;
    int words = 0, dateish = 0, strong = 0, nums = 0;
    while (p < n) {
        size_t m;
        if ((m = match_at(norm, n, p, th__tx_datew)) != 0) {
            strong++;
            dateish++;
        } else if ((m = match_at(norm, n, p, th__tx_timew)) != 0) {
            dateish++;
            if (m > 2)
                strong++;
        } else if ((m = match_at(norm, n, p, th__tx_datefill)) != 0) {
            dateish++;
        } else {
            size_t e = p;
            while (e < n && norm[e] != ' ')
                e++;
            m = e - p;
            if (is_num_word(norm + p, m) && m <= 5) {
                nums++;
                dateish++;
            }
        }
        words++;
        p += m;
        while (p < n && norm[p] == ' ')
            p++;
    }
    if (words == 0 || words > 12)
        return false;
    if (dateish * 4 < words * 3)
        return false;
    return (strong > 0 && nums > 0) || nums >= 3 ||
           (strong > 1 && dateish == words);
}

bool th__tx_is_chead(const char *norm, size_t n)
{
    /* Skip leading and trailing number words ("12 Comments", "Kommentare
     * 3"). */
    size_t b = 0, e = n;
    while (b < e && norm[b] >= '0' && norm[b] <= '9') {
        while (b < e && norm[b] != ' ')
            b++;
        while (b < e && norm[b] == ' ')
            b++;
    }
    while (e > b && norm[e - 1] >= '0' && norm[e - 1] <= '9') {
        while (e > b && norm[e - 1] != ' ')
            e--;
        while (e > b && norm[e - 1] == ' ')
            e--;
    }
    if (e <= b)
        return false;
    if (match_at(norm, e, b, th__tx_chead) == e - b)
        return true;
    if (b > 0 && match_at(norm, e, b, th__tx_chead_pre))
        return true;
    return false;
}

const char *const th__tx_first[] = {
    "i", "i'm", "im", "i've", "i'd", "i'll", "me", "my", "mine", "myself",
    "ich", "mir", "mich", "mein", "meine", "je", "j'ai", "moi", "mon", "yo",
    "ja", "mnie", "mój", "moja", NULL};
const char *const th__tx_second[] = {
    "you", "your", "you're", "youre", "yours", "yourself", "u", "ur",
    "you've", "you'd", "du", "dir", "dich", "dein", "deine", "euch", "tu",
    "toi", "vous", "votre", "ton", "tú", "usted", "ty", "ciebie", "tobie",
    "twój", "twoja", NULL};

void th__tx_persons(const char *norm, size_t n, int *first, int *second)
{
    int f = 0, s = 0;
    size_t p = 0;
    while (p < n) {
        size_t e = p;
        while (e < n && norm[e] != ' ')
            e++;
        if (e - p <= 8) {
            if (match_at(norm, e, p, th__tx_first) == e - p)
                f++;
            else if (match_at(norm, e, p, th__tx_second) == e - p)
                s++;
        }
        p = e;
        while (p < n && norm[p] == ' ')
            p++;
    }
    *first = f;
    *second = s;
}
