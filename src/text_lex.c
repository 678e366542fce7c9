/*
 * text_lex.c -- word lists and short-line classifiers for the flattened-
 * text labeller.  The lists hold generic web furniture and comment-widget
 * vocabulary in the languages thresh meets most (English, German, French,
 * Spanish, Polish); they name no site.  All matching is on normalised
 * lines (th__tx_norm), so it is case- and punctuation-blind; see
 * text_lex.h for the one-table design.
 */
#include "text_lex.h"

#include <assert.h>
#include <pthread.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
        size_t k = th__tx_dec(s + i, n - i, &cp);
        if (cp == 0x2019 || cp == 0x2018 || cp == 0xB4) {
            if (space && o)
                out[o++] = ' ';
            space = 0;
            out[o++] = '\'';
            i += k;
            continue;
        }
        if (th__tx_sep_cp(cp)) {
            space = 1;
            i += k;
            continue;
        }
        cp = th__tx_fold_latin(cp);
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


static const char *const l_widget[] = {
    "reply", "replies", "reply to", "report", "report abuse",
    "report comment", "flag", "permalink", "notify of", "newest", "oldest",
    "most voted", "inline feedbacks", "view all comments",
    "load more comments", "show more comments", "show more replies",
    "show replies", "hide replies", "view replies", "view more replies",
    "more replies", "cancel reply", "log in to reply", "upvote",
    "downvote", "antworten", "antwort", "melden", "neueste", "älteste",
    "répondre", "signaler", "responder", "denunciar", "odpowiedz", "zgłoś",
    "thumbs up", "thumbs down", "comments", "kommentare", "commentaires",
    "comentarios", "komentarze", "abbrechen", "antworten abbrechen",
    "antwort abbrechen", "cancelar respuesta", "annuler la réponse",
    "anuluj odpowiedź", "schreibe einen kommentar", "kommentar verfassen",
    "leave a reply", "leave a comment", NULL};

static const char *const l_furn[] = {
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

static const char *const l_furn_sub[] = {
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
    "powered by", "all times", "alle zeiten", "will not be published",
    "wird nicht veröffentlicht", "no será publicada", "no se publicará",
    "ne sera pas publiée", "nie zostanie opublikowany", "required fields",
    "erforderliche felder", "akismet", "notify me of", "benachrichtige mich",
    "benachrichtigung bei", "jetzt teilen", "artikel teilen",
    "beitrag teilen", "share this article", "share this post",
    "share this story", "war der artikel", "war dieser artikel",
    "artikel gefallen", "artikel bewerten", "beitrag bewerten",
    "was this article helpful", "was this helpful", "rate this",
    "verpasse keine", "verpassen sie keine", "never miss",
    "don't miss", "nos siga", "suscríbete", "abonnez-vous",
    "inscrivez-vous", "zapisz się", "jetzt registrieren",
    "jetzt anmelden", "newsletter abonnieren", "e mail adresse ein",
    "enter your email", "entrez votre adresse", "introduce tu correo",
    "ihr beitrag hilft",
    "if you enjoyed", "hat dir der artikel", "hat ihnen der artikel",
    "was passiert mit meinen daten", "lire la suite", "réservé aux abonnés",
    "réservée aux abonnés", "para suscriptores", "nur für abonnenten",
    "diskussion im forum", "czekamy na wasze", "this entry was posted",
    "dieser eintrag wurde veröffentlicht", "verschlagwortet mit",
    "bookmark the permalink", "lesezeichen für den permalink",
    "cette entrée a été publiée", "esta entrada fue publicada",
    "thank you for supporting", "thanks for supporting",
    "danke für ihre unterstützung", "gracias por apoyar", "merci de soutenir",
    "min read", "minute read", "minuten lesezeit", "min lesezeit",
    "lesedauer", "auf einer seite lesen", "min de lectura", "min de lecture",
    "minutes de lecture", "minut czytania", "zapraszamy do subskrypcji",
    "zapraszamy też do", "rezept drucken", "vorteile sichern",
    "wir informieren sie regelmäßig", "want to be informed",
    "besuchen sie unseren", NULL};

static const char *const l_cap_sub[] = {
    "click to see", "click to enlarge", "click to view", "click here to see",
    "full size image", "full size map", "full size", "zum vergrößern",
    "bild vergrößern", "vergrößern", "agrandir l'image", "ampliar imagen",
    "ampliar la imagen", "powiększ", "enlarge image", "view image",
    "open image", "image source", "photo credit", "bildquelle", NULL};

static const char *const l_cap_pre[] = {
    "photo", "foto", "fotos", "photos", "image", "images", "bild", "bilder",
    "picture", "pic", "credit", "credits", "photograph", "fot", "zdjęcie",
    "zdjęcia", "quelle", "source", "fuente", "imagen", "illustration",
    "grafik", "graphic", "video", "vidéo", "galerie", "gallery", NULL};

static const char *const l_related[] = {
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
    "noticias relacionadas", "más noticias", "relacionado", "lea también",
    "lea más", "lee más", "ver también", "veja também", "leia também",
    "leia mais", "keep reading", "mehr aus der sendung", "neueste artikel", "ähnliche beiträge",
    "verwandte artikel", "weitere meldungen", "inne artykuły",
    "inne artykuły autora", "related coverage", "siehe auch",
    "zobacz też", "zobacz także", "czytaj także", "czytaj też", "polecamy",
    "najczęściej czytane", "najnowsze", "podobne artykuły",
    "meist gelesen", "meist gesucht", "meistgesucht", "populäre artikel",
    "beliebte artikel", "beliebteste artikel", "weitere nachrichten",
    "weitere themen", "weitere beiträge", "weitere informationen",
    "verwandte themen", "schlagworte", "schlagwörter", "getaggt mit",
    "für dich empfohlen", "empfohlen für dich",
    "quellenangaben", "temas relacionados", "artículos relacionados",
    "lo más leído", "más leídas", "trending now", "trending on",
    "popular now", "also on", "more to read", "read next", "up next",
    "articles liés", "les plus lus", "à découvrir aussi",
    "najpopularniejsze", "polecane", "czytaj również", "lea", "lee",
    "mire", "vea", "puedes ver", "te recomendamos", "ver más", "ver también",
    "infórmate más", "informate más", "leia", "veja", "read", "watch",
    "siehe", "lesen sie", "lire", "voir", "czytaj", "zobacz", "quellen",
    "quelle", "sources", "fuentes", "źródła", "originalpublikation",
    "original publication", "getaggt mit", "schlagwort", "read further",
    "právě se děje", "související články", "nejčtenější", "další zprávy",
    "leggi anche", "potrebbe interessarti", "articoli correlati", "źródło",
    "relevantes aus",
    "per saperne di più", "i più letti", "ultime notizie", "notícias relacionadas",
    "mais lidas",
    "further reading", "weiterführende links", "weiterführende informationen",
    NULL};

static const char *const l_about[] = {
    "about", "about the author", "about us", "über", "über den autor",
    "zum autor", "zur autorin", "à propos", "a propos", "acerca de",
    "sobre el autor", "o autorze", "o nas", NULL};

static const char *const l_byline[] = {
    "by", "von", "par", "por", "przez", "autor", "autorin", "author",
    "written by", "text", "texte", "reporting by", "posted by",
    "published by", "veröffentlicht von", "publié par", "publicado por",
    "redacción", "redaktion", "reporter", "correspondent", NULL};

static const char *const l_chead[] = {
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
    "community", "user comments", "readers comments", "eine antwort schreiben",
    "antwort schreiben", "schreibe eine antwort", NULL};

static const char *const l_chead_pre[] = {
    "responses to", "response to", "thoughts on", "comments on",
    "comment on", "replies to", "reactions to", "kommentare zu",
    "antworten auf", "commentaires sur", "réponses à", "comentarios en",
    "comentarios sobre", "respuestas a", "komentarzy do",
    "odpowiedzi na", "comments for", "comments to", NULL};

static const char *const l_sign[] = {
    "says", "said", "wrote", "writes", "sagt", "schreibt", "schrieb",
    "meint", "dit", "a dit", "écrit", "dice", "dijo", "escribió", "pisze",
    "napisał", "napisała", "replied", "antwortete", NULL};

static const char *const l_opener[] = {
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


static const char *const l_datew[] = {
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
    "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota",
    "niedziela", NULL};

static const char *const l_timew[] = {
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
    "einem", "einen", "un", "une", "una", "uno", "few", "před", "minutou",
    "minutami", "hodinou", "hodinami", "dnem", "dny", "týdnem", "včera",
    "dnes", "fa", "ore", "minuti", "giorni", "ieri", "oggi", "há",
    "ontem", "hoje", NULL};

static const char *const l_datefill[] = {
    "at", "um", "uhr", "am", "pm", "on", "le", "à", "a las", "las", "de",
    "del", "o", "godz", "godzina", "the", "of", "st", "nd", "rd", "th",
    "edited", "posted", "updated", "published", "veröffentlicht",
    "aktualisiert", "publié", "mis à jour", "actualizado", "publicado",
    "opublikowano", "zaktualizowano", "stand", "last updated", "gmt",
    "utc", "cet", "cest", "est", "edt", "pst", "pdt", "bst", "et", "y",
    "aktualizováno",
    "und", "and", NULL};

static const char *const l_first[] = {
    "i", "i'm", "im", "i've", "i'd", "i'll", "me", "my", "mine", "myself",
    "ich", "mir", "mich", "mein", "meine", "je", "j'ai", "moi", "mon", "yo",
    "ja", "mnie", "mój", "moja", NULL};

static const char *const l_second[] = {
    "you", "your", "you're", "youre", "yours", "yourself", "u", "ur",
    "you've", "you'd", "du", "dir", "dich", "dein", "deine", "euch", "tu",
    "toi", "vous", "votre", "ton", "tú", "usted", "ty", "ciebie", "tobie",
    "twój", "twoja", NULL};
static const char *const l_stop[] = {
    "this", "that", "with", "have", "they", "their", "there", "what",
    "would", "about", "which", "from", "were", "been", "will", "your",
    "just", "like", "more", "than", "then", "them", "only", "also", "some",
    "when", "into", "very", "even", "because", "being", "other", "these",
    "those", "does", "dont", "doesn", "here", "where", "while", "could",
    "should", "after", "before", "over", "such", "much", "many", "most",
    "every", "know", "think", "said", "says", "make", "made", "well",
    "really", "still", "never", "always", NULL};

/* Words a heading may start with but a person's name (or handle) does
 * not: articles, determiners, possessives, negations, question words. */
static const char *const l_func[] = {
    "the", "a", "an", "this", "that", "these", "those", "our", "their",
    "its", "not", "no", "how", "what", "why", "when", "where", "which",
    "who", "all", "more", "most", "some", "every", "with", "without",
    "for", "from", "into", "about", "der", "die", "das", "ein", "eine",
    "einen", "dem", "den", "des", "unser", "unsere", "kein", "keine",
    "nicht", "wie", "warum", "was", "wenn", "mit", "ohne", "für", "le",
    "la", "les", "un", "une", "des", "du", "ce", "cette", "ces", "notre",
    "nos", "pas", "comment", "pourquoi", "quand", "avec", "sans", "pour",
    "el", "los", "las", "una", "unos", "unas", "este", "esta", "estos",
    "nuestro", "nuestra", "cómo", "por", "qué", "cuando", "con", "sin",
    "para", "nie", "jak", "dlaczego", "kiedy", "bez", "dla", NULL};

/* Author bios: "Jane Doe is a senior reporter covering ...". */
static const char *const l_copula[] = {
    "is", "was", "has been", "ist", "war", "es", "est", "jest", "writes",
    "covers", "schreibt", "arbeitet", "works", "leads", "leitet", NULL};
static const char *const l_role[] = {
    "writer", "reporter", "editor", "journalist", "correspondent",
    "columnist", "contributor", "author", "professor", "founder",
    "co founder", "producer", "freelance", "freelancer", "analyst",
    "blogger", "host", "redakteur", "redakteurin", "autor", "autorin",
    "journalistin", "korrespondent", "korrespondentin", "chefredakteur",
    "chefredakteurin", "herausgeber", "herausgeberin", "gründer",
    "gründerin", "journaliste", "rédacteur", "rédactrice", "correspondant",
    "correspondante", "chroniqueur", "chroniqueuse", "periodista",
    "redactor", "redactora", "corresponsal", "columnista", "editora",
    "fundador", "fundadora", "dziennikarz", "dziennikarka", "redaktor",
    "publicysta", NULL};
/* "More Great Stories", "Weitere Artikel aus dem Ressort": a short line
 * opening with one of these and ending with one of the next. */
static const char *const l_morehead[] = {
    "more", "weitere", "mehr", "más", "plus", "więcej", "other", "andere",
    "latest", "neueste", "top", NULL};
static const char *const l_moretail[] = {
    "stories", "articles", "news", "posts", "reads", "videos", "artikel",
    "beiträge", "nachrichten", "meldungen", "noticias", "artículos",
    "historias", "actualités", "artykuły", "wiadomości", "teksty", NULL};

/* --------------------------------------------------------- tables ---- */

static const char *const *const g_lists[TX_NLISTS] = {
    [TX_WIDGET] = l_widget,     [TX_FURN] = l_furn,
    [TX_CAP_PRE] = l_cap_pre,   [TX_RELATED] = l_related,
    [TX_ABOUT] = l_about,       [TX_BYLINE] = l_byline,
    [TX_CHEAD] = l_chead,       [TX_CHEAD_PRE] = l_chead_pre,
    [TX_SIGN] = l_sign,         [TX_OPENER] = l_opener,
    [TX_DATEW] = l_datew,       [TX_TIMEW] = l_timew,
    [TX_FUNC] = l_func,         [TX_COPULA] = l_copula,
    [TX_ROLE] = l_role,         [TX_MOREHEAD] = l_morehead,
    [TX_MORETAIL] = l_moretail,
    [TX_DATEFILL] = l_datefill, [TX_FIRST] = l_first,
    [TX_SECOND] = l_second,     [TX_STOP] = l_stop};

#define TAB_BITS 12
#define TAB_SIZE (1u << TAB_BITS)
typedef struct lexent {
    uint64_t h;
    const char *s; /* the key is s[0..len): a phrase or a word-prefix */
    uint16_t len;
    uint32_t full;  /* lists holding the key as a phrase */
    uint32_t pre;   /* lists holding a longer phrase that starts so */
} lexent;
static lexent g_tab[TAB_SIZE];

/* Substring lists: entries indexed by a hash of their first four bytes
 * (every entry has at least SUB_MINLEN = six).  4096 buckets for ~160
 * entries: a word start whose bucket holds an entry is rare, so the
 * bucket test is mostly predicted right (first three bytes in 2048
 * buckets: 361k mispredicted bucket loops over the flat sets, 4 bytes
 * in 4096: see text.md "Speed (session 5)"). */
#define SUB_BUCKETS 4096
#define SUB_MINLEN 6
#define SUB_MAX 192
typedef struct subent {
    const char *s;
    uint8_t len, which;
} subent;
static subent g_sub[SUB_MAX];
static uint16_t g_sub_start[SUB_BUCKETS + 1];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

/* Single words of at most 8 bytes, keyed by their bytes packed into a
 * 64-bit integer (pronouns, stop words: looked up on every word). */
#define W8_BITS 11
#define W8_SIZE (1u << W8_BITS)
typedef struct w8ent {
    uint64_t k;
    uint32_t mask;
} w8ent;
static w8ent g_w8[W8_SIZE];
/* Pronoun filter: bit l of g_plen[c] is set when some first- or second-
 * person pronoun starts with byte c and has l bytes. */
static uint16_t g_plen[256];
/* and bit l of g_p2[p2_key(c0, c1)] when one of l >= 2 bytes starts with
 * c0 c1 (five low bits of each, so case-blind).  The length filter alone
 * passed "to", "in", "it", "do", "more" ... to the exact lookup (each a
 * hard-to-predict branch); both filters only ever let more words
 * through than the lookup finds, never fewer. */
static uint16_t g_p2[1024];

static inline unsigned p2_key(unsigned c0, unsigned c1)
{
    return ((c0 & 31u) << 5) | (c1 & 31u);
}

/* Whether a word of wl (1..8) bytes starting c0 c1 (c1: anything when
 * wl == 1) may be a pronoun; c0 lowercased as for g_plen. */
static inline bool pron_cand(unsigned c0, unsigned c1, unsigned wl)
{
    return ((g_plen[c0] & (g_p2[p2_key(c0, c1)] | 2u)) >> wl) & 1;
}

static inline unsigned w8_slot(uint64_t k)
{
    return (unsigned)((k * 0x9E3779B97F4A7C15ull) >> (64 - W8_BITS));
}

static void w8_add(const char *s, size_t n, uint32_t mask)
{
    uint64_t k = 0;
    memcpy(&k, s, n);
    unsigned j = w8_slot(k);
    while (g_w8[j].k && g_w8[j].k != k)
        j = (j + 1) & (W8_SIZE - 1);
    g_w8[j].k = k;
    g_w8[j].mask |= mask;
}

uint32_t th__tx_word8(uint64_t k)
{
    unsigned j = w8_slot(k);
    while (g_w8[j].k) {
        if (g_w8[j].k == k)
            return g_w8[j].mask;
        j = (j + 1) & (W8_SIZE - 1);
    }
    return 0;
}

/* The lexicon's hash of a key or a span s[0..n) (th__mem_hash: a word
 * of up to eight bytes without a loop; the byte-at-a-time FNV loop it
 * replaces mispredicted its exit about once per word).  Only the table's
 * layout depends on it: a hit is confirmed by length and memcmp. */
static inline uint64_t lex_hash(const char *s, size_t n)
{
    return th__mem_hash(s, n, 0);
}

/* One bit per key in 64K (bits 40..55 of its hash): a word in no list
 * (most) is turned away by one bit test, before a probe of the table
 * whose first slot is taken a third of the time. */
static uint64_t g_tab_bits[1024];
#define TAB_BIT(h) ((unsigned)((h) >> 40) & 0xFFFFu)

static lexent *tab_slot(uint64_t h, const char *s, size_t n)
{
    size_t k = (size_t)(h ^ (h >> 29)) & (TAB_SIZE - 1);
    for (;;) {
        lexent *e = &g_tab[k];
        if (!e->s || (e->h == h && e->len == n && memcmp(e->s, s, n) == 0))
            return e;
        k = (k + 1) & (TAB_SIZE - 1);
    }
}

/* The longest key: a longer span is in no list (no hashing needed). */
static size_t g_keymax;

static void tab_add(const char *s, size_t n, uint32_t full, uint32_t pre)
{
    if (n > g_keymax)
        g_keymax = n;
    uint64_t h = lex_hash(s, n);
    g_tab_bits[TAB_BIT(h) >> 6] |= 1ull << (TAB_BIT(h) & 63);
    lexent *e = tab_slot(h, s, n);
    if (!e->s) {
        e->s = s;
        e->len = (uint16_t)n;
        e->h = lex_hash(s, n);
    }
    e->full |= full;
    e->pre |= pre;
}

/* Bucket of an entry or a word start: its first four bytes (every
 * entry has at least SUB_MINLEN; a word start is looked up only with
 * that many bytes left). */
static inline unsigned sub_key(const char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return (unsigned)((v * 0x9E3779B1u) >> 20) & (SUB_BUCKETS - 1);
}

static void build(void)
{
    for (int id = 0; id < TX_NLISTS; id++)
        for (const char *const *p = g_lists[id]; *p; p++) {
            const char *s = *p;
            size_t n = strlen(s);
            tab_add(s, n, 1u << id, 0);
            if (n <= 8 && !memchr(s, ' ', n)) {
                w8_add(s, n, 1u << id);
                if (id == TX_FIRST || id == TX_SECOND) {
                    g_plen[(unsigned char)s[0]] |= (uint16_t)(1u << n);
                    if (n >= 2)
                        g_p2[p2_key((unsigned char)s[0], (unsigned char)s[1])] |=
                            (uint16_t)(1u << n);
                }
            }
            for (size_t i = 0; i < n; i++)
                if (s[i] == ' ')
                    tab_add(s, i, 0, 1u << id);
        }
    /* substring lists: counting sort by bucket */
    const char *const *subl[2] = {l_furn_sub, l_cap_sub};
    uint16_t cnt[SUB_BUCKETS] = {0};
    size_t n = 0;
    for (int w = 0; w < 2; w++)
        for (const char *const *p = subl[w]; *p && n < SUB_MAX; p++, n++) {
            assert(strlen(*p) >= SUB_MINLEN); /* the lists below: constants */
            cnt[sub_key(*p)]++;
        }
    uint16_t acc = 0;
    for (unsigned b = 0; b < SUB_BUCKETS; b++) {
        g_sub_start[b] = acc;
        acc = (uint16_t)(acc + cnt[b]);
    }
    g_sub_start[SUB_BUCKETS] = acc;
    uint16_t pos[SUB_BUCKETS];
    memcpy(pos, g_sub_start, sizeof pos);
    n = 0;
    for (int w = 0; w < 2; w++)
        for (const char *const *p = subl[w]; *p && n < SUB_MAX; p++, n++) {
            unsigned k = sub_key(*p);
            subent *e = &g_sub[pos[k]++];
            e->s = *p;
            e->len = (uint8_t)strlen(*p);
            e->which = (uint8_t)(w ? TX_SUB_CAP : TX_SUB_FURN);
        }
}

void th__tx_init(void)
{
    pthread_once(&g_once, build);
}

static inline const lexent *find(uint64_t h, const char *s, size_t n)
{
    if (!((g_tab_bits[TAB_BIT(h) >> 6] >> (TAB_BIT(h) & 63)) & 1))
        return NULL;
    size_t k = (size_t)(h ^ (h >> 29)) & (TAB_SIZE - 1);
    for (;;) {
        const lexent *e = &g_tab[k];
        if (!e->s)
            return NULL;
        if (e->h == h && e->len == n && memcmp(e->s, s, n) == 0)
            return e;
        k = (k + 1) & (TAB_SIZE - 1);
    }
}

uint32_t th__tx_lookup(const char *p, size_t n)
{
    if (n == 0 || n > g_keymax)
        return 0;
    const lexent *e = find(lex_hash(p, n), p, n);
    return e ? e->full : 0;
}

#ifndef __SSE2__
/* ASCII bytes of a normalised line: the byte kept (lowercase letters,
 * digits, apostrophe) or 0 for a separator. */
static const uint8_t g_nmap[128] = {
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
    ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
    ['\''] = '\'',
#define R(c) [c] = c + 32, [c + 32] = c + 32
    R('A'), R('B'), R('C'), R('D'), R('E'), R('F'), R('G'), R('H'), R('I'),
    R('J'), R('K'), R('L'), R('M'), R('N'), R('O'), R('P'), R('Q'), R('R'),
    R('S'), R('T'), R('U'), R('V'), R('W'), R('X'), R('Y'), R('Z'),
#undef R
};
#endif

void th__tx_scan(th_tx_line *t, const char *s, size_t n, char *out)
{
    if (n > TH_TX_NORM_MAX) /* the contract; it bounds the word count */
        n = TH_TX_NORM_MAX;
    size_t o = 0, i = 0;
    int nw = 0, npc = 0;
    bool inword = false, inq = false, pipe = false, copy = false, url = false;
    /* the open word: its start in out and whether it is inside quotes */
    size_t wst = 0;
    bool winq = false;
#define OPEN()                                                              \
    do {                                                                    \
        if (!inword) {                                                      \
            if (o)                                                          \
                out[o++] = ' ';                                             \
            wst = o;                                                        \
            winq = inq;                                                     \
            if (nw < TH_TX_MAXW) {                                          \
                t->ws[nw] = (uint16_t)o;                                    \
                t->pre[nw] = 0;                                             \
                t->inq[nw] = inq;                                           \
            }                                                               \
            inword = true;                                                  \
        }                                                                   \
    } while (0)
#define CLOSE()                                                             \
    do {                                                                    \
        if (inword) {                                                       \
            if (nw < TH_TX_MAXW) {                                          \
                size_t wl_ = o - wst;                                       \
                const char *w_ = out + wst;                                 \
                t->we[nw] = (uint16_t)o;                                    \
                if (!winq && wl_ <= 8 &&                                    \
                    pron_cand((unsigned char)w_[0],                         \
                              wl_ >= 2 ? (unsigned char)w_[1] : 0u,         \
                              (unsigned)wl_))                               \
                    t->pc[npc++] = (uint8_t)nw;                             \
                if (w_[0] == 'h' ? wl_ >= 4 && memcmp(w_, "http", 4) == 0   \
                                 : w_[0] == 'w' && wl_ == 3 &&              \
                                       w_[1] == 'w' && w_[2] == 'w')        \
                    url = true;                                             \
                nw++;                                                       \
            }                                                               \
            inword = false;                                                 \
        }                                                                   \
    } while (0)
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
#ifdef __SSE2__
        if (c < 0x80) {
            /* The ASCII bytes from i up to the next non-ASCII one (at most
             * sixteen) at once: word bytes (letters, digits, apostrophe)
             * as a bit mask, each run of them one copy of the lowercased
             * block; the separators between runs close and open words as
             * the byte loop (without SSE2) does, each '"' toggling inq in
             * order. */
            size_t r = n - i < 16 ? n - i : 16;
            __m128i v;
            if (r == 16) {
                v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            } else if (n >= 16) {
                /* the line's last sixteen bytes, moved so that s[i] comes
                 * first (the bytes after s[n - 1] are masked out below) */
                unsigned char tb[32];
                _mm_storeu_si128((__m128i *)(void *)tb,
                                 _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16)));
                v = _mm_loadu_si128((const __m128i *)(const void *)(tb + 16 - r));
            } else {
                /* a line shorter than sixteen bytes: its bytes from i by
                 * overlapping loads (the bytes after them are zero) */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                const char *q = s + i;
                uint64_t lo = 0, hi8 = 0;
                if (r >= 8) {
                    memcpy(&lo, q, 8);
                    if (r > 8) {
                        memcpy(&hi8, q + r - 8, 8);
                        hi8 >>= 8 * (16 - r);
                    }
                } else if (r >= 4) {
                    uint32_t a, b;
                    memcpy(&a, q, 4);
                    memcpy(&b, q + r - 4, 4);
                    lo = a | (r > 4 ? (uint64_t)(b >> (8 * (8 - r))) << 32 : 0);
                } else {
                    for (size_t j = 0; j < r; j++)
                        lo |= (uint64_t)(unsigned char)q[j] << (8 * j);
                }
                v = _mm_set_epi64x((long long)hi8, (long long)lo);
#else
                char tb[16] = {0};
                memcpy(tb, s + i, r);
                v = _mm_loadu_si128((const __m128i *)(const void *)tb);
#endif
            }
            unsigned hi = (unsigned)_mm_movemask_epi8(v);
            /* min(first non-ASCII byte, r) without a branch (r <= 16) */
            unsigned k = (unsigned)__builtin_ctz(hi | (1u << r)); /* >= 1 */
            unsigned lim = (1u << k) - 1u;
            /* ranges by one signed compare after an add (the bytes
             * that count are ASCII) */
            __m128i lc = _mm_or_si128(v, _mm_set1_epi8(0x20));
            __m128i let = _mm_cmplt_epi8(_mm_add_epi8(lc, _mm_set1_epi8((char)(0x80 - 'a'))),
                                         _mm_set1_epi8(-128 + 26));
            __m128i up = _mm_and_si128(let, _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
            __m128i dig = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0'))),
                                         _mm_set1_epi8(-128 + 10));
            __m128i wv = _mm_or_si128(_mm_or_si128(let, dig),
                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
            unsigned wm = (unsigned)_mm_movemask_epi8(wv) & lim;
            unsigned qm = (unsigned)_mm_movemask_epi8(
                              _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))) & lim;
            if ((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('|'))) & lim)
                pipe = true;
            unsigned char lb[32];
            _mm_storeu_si128((__m128i *)(void *)lb,
                             _mm_add_epi8(v, _mm_and_si128(up, _mm_set1_epi8(0x20))));
            /* the output never runs ahead of the input (o <= i + st <=
             * n), so a 16-byte store fits out's TH_TX_NORM_MAX + 1 bytes
             * but at the end of the longest lines */
#define STORE16(src)                                                        \
    do {                                                                    \
        if (o + 16 <= TH_TX_NORM_MAX + 1)                                   \
            _mm_storeu_si128((__m128i *)(void *)(out + o),                  \
                             _mm_loadu_si128((const __m128i *)(const void *)(src))); \
        else                                                                \
            for (unsigned j_ = 0; j_ < len; j_++)                           \
                out[o + j_] = (char)(src)[j_];                              \
    } while (0)
            unsigned m = wm;
            if (inword) {
                /* the word the last segment ended in goes on, or ends */
                if (m & 1) {
                    unsigned len = (unsigned)__builtin_ctz(~m);
                    STORE16(lb);
                    o += len;
                    m &= m + 1u; /* the run cleared */
                    if (len == k)
                        goto seg_done;
                }
                CLOSE();
            }
            while (m) {
                /* a word starts at st, after separators */
                unsigned st = (unsigned)__builtin_ctz(m);
                unsigned len = (unsigned)__builtin_ctz(~(m >> st));
                if (qm) {
                    unsigned b = qm & ((1u << st) - 1u);
                    inq ^= __builtin_parity(b);
                    qm &= ~b;
                }
                if (o)
                    out[o++] = ' ';
                /* nw < TH_TX_MAXW: every word but the last is followed by
                 * a separator byte and n <= TH_TX_NORM_MAX */
                t->ws[nw] = (uint16_t)o;
                t->pre[nw] = 0;
                t->inq[nw] = inq;
                STORE16(lb + st);
                wst = o;
                o += len;
                m &= m + (m & (0u - m));
                if (st + len == k) {
                    /* it may go on in the next segment */
                    winq = inq;
                    inword = true;
                    break;
                }
                t->we[nw] = (uint16_t)o;
                unsigned c0 = lb[st];
                if (!inq && len <= 8 && pron_cand(c0, lb[st + 1], len))
                    t->pc[npc++] = (uint8_t)nw;
                if (c0 == 'h' ? len >= 4 && memcmp(lb + st, "http", 4) == 0
                              : c0 == 'w' && len == 3 && lb[st + 1] == 'w' &&
                                    lb[st + 2] == 'w')
                    url = true;
                nw++;
            }
        seg_done:
#undef STORE16
            if (qm)
                inq ^= __builtin_parity(qm);
            i += k;
            continue;
        }
#else
        if (c < 0x80) {
            unsigned char m = g_nmap[c];
            i++;
            if (!m) {
                CLOSE();
                if (c == '"')
                    inq = !inq;
                else if (c == '|')
                    pipe = true;
                continue;
            }
            OPEN();
            out[o++] = (char)m;
            while (i < n && (unsigned char)s[i] < 0x80 &&
                   (m = g_nmap[(unsigned char)s[i]]) != 0) {
                out[o++] = (char)m;
                i++;
            }
            continue;
        }
#endif
        uint32_t cp;
        size_t k = th__tx_dec(s + i, n - i, &cp);
        if (cp == 0x2019 || cp == 0x2018 || cp == 0xB4) {
            OPEN();
            out[o++] = '\'';
            i += k;
            continue;
        }
        if (th__tx_sep_cp(cp)) {
            CLOSE();
            if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB ||
                cp == 0xBB) {
                inq = !inq;
                i += k;
                continue;
            }
            if (cp == 0xA9)
                copy = true;
            i += k;
            /* a run of one separator (a rule drawn with U+2501) does
             * nothing after its first copy; only a well-formed sequence
             * decodes the same whatever follows it */
            if (cp != 0xFFFD && k >= 2) {
#ifdef __SSE2__
                while (n - i >= 16 &&
                       _mm_movemask_epi8(_mm_cmpeq_epi8(
                           _mm_loadu_si128((const __m128i *)(const void *)(s + i)),
                           _mm_loadu_si128(
                               (const __m128i *)(const void *)(s + i - k)))) == 0xFFFF)
                    i += 16 / k * k;
#endif
                while (n - i >= k && s[i] == s[i - k] &&
                       s[i + 1] == s[i + 1 - k] &&
                       (k == 2 || memcmp(s + i + 2, s + i + 2 - k, k - 2) == 0))
                    i += k;
            }
            continue;
        }
        uint32_t cp0 = cp;
        cp = th__tx_fold_latin(cp);
        OPEN();
        if (cp == cp0) {
            /* not lowercased: a valid sequence (U+FFFD is a separator),
             * so its encoding is the input's bytes */
            for (size_t j = 0; j < k; j++)
                out[o++] = s[i + j];
            i += k;
            continue;
        }
        char b4[4];
        int m = th__utf8_encode(cp, b4);
        if ((size_t)m > k) {
            memcpy(out + o, s + i, k);
            o += k;
        } else {
            memcpy(out + o, b4, (size_t)m);
            o += (size_t)m;
        }
        i += k;
    }
    CLOSE();
#undef OPEN
#undef CLOSE
    out[o] = '\0';
    t->s = out;
    t->n = o;
    t->nw = nw;
    t->npc = npc;
    t->pipe = pipe;
    t->copy = copy;
    t->url = url;
}

/* The masks of word p, looked up on first use. */
static inline void word_mask(th_tx_line *t, int p)
{
    if (t->pre[p] & TX_DONE)
        return;
    size_t b = t->ws[p], n = (size_t)(t->we[p] - b);
    const lexent *e = find(lex_hash(t->s + b, n), t->s + b, n);
    t->full[p] = e ? e->full : 0;
    t->pre[p] = (e ? e->pre : 0) | TX_DONE;
}

void th__tx_line_persons(th_tx_line *t, int *first, int *second)
{
    int f = 0, sc = 0;
    for (int j = 0; j < t->npc; j++) {
        int p = t->pc[j];
        size_t wl = (size_t)(t->we[p] - t->ws[p]); /* <= 8 */
        uint64_t key = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (t->ws[p] + 8u <= t->n + 1) {
            /* eight bytes up to the NUL are readable: one load */
            memcpy(&key, t->s + t->ws[p], 8);
            if (wl < 8)
                key &= (1ull << (8 * wl)) - 1u;
        } else
#endif
            memcpy(&key, t->s + t->ws[p], wl);
        uint32_t m = th__tx_word8(key);
        if (m & TXM(TX_FIRST))
            f++;
        else if (m & TXM(TX_SECOND))
            sc++;
    }
    *first = f;
    *second = sc;
}

uint32_t th__tx_word_lists_slow(th_tx_line *t, int w)
{
    if (w < 0 || w >= t->nw)
        return 0;
    word_mask(t, w);
    return t->full[w];
}

/* th__tx_match past word p, which starts a longer phrase of some wanted
 * list (found: the lists of word p alone). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static uint32_t match_ext(th_tx_line *t, int p, int lim, uint32_t want,
                          uint8_t len[TX_NLISTS], uint32_t found)
{
    for (int k = p + 1; k < lim; k++) {
        /* the span "word p .. word k" hashed whole (phrases are rare:
         * only words that start one get here) */
        size_t sl = (size_t)(t->we[k] - t->ws[p]);
        const lexent *e = find(lex_hash(t->s + t->ws[p], sl), t->s + t->ws[p], sl);
        if (!e)
            break;
        uint32_t f = e->full & want;
        found |= f;
        while (f) {
            int b = __builtin_ctz(f);
            len[b] = (uint8_t)(k - p + 1);
            f &= f - 1;
        }
        if (!(e->pre & want))
            break;
    }
    return found;
}

/* th__tx_match, inlined in this file's word loops: most words start no
 * longer phrase, and their masks are known after the first look. */
static inline uint32_t match(th_tx_line *t, int p, int lim, uint32_t want,
                             uint8_t len[TX_NLISTS])
{
    if (lim > t->nw)
        lim = t->nw;
    if (p >= lim)
        return 0;
    word_mask(t, p);
    uint32_t found = t->full[p] & want;
    for (uint32_t f = found; f; f &= f - 1)
        len[__builtin_ctz(f)] = 1;
    if (!(t->pre[p] & want))
        return found;
    return match_ext(t, p, lim, want, len, found);
}

uint32_t th__tx_match(th_tx_line *t, int p, int lim, uint32_t want,
                      uint8_t len[TX_NLISTS])
{
    return match(t, p, lim, want, len);
}

size_t th__tx_starts(th_tx_line *t, int id)
{
    uint8_t len[TX_NLISTS];
    if (t->nw == 0 || !match(t, 0, t->nw, 1u << id, len))
        return 0;
    return th__tx_bytes(t, 0, len[id]);
}

/* Half or more of word p's bytes are digits: the loop stops as soon as
 * the other bytes are more than half (most words: at the first or
 * second letter). */
/* Bit 7 of each byte of the result: byte of x is no ASCII digit (x xor
 * '0' is 10 or more); keep: the bytes that count. */
static inline size_t nondigits8(uint64_t x, uint64_t keep)
{
    uint64_t y = x ^ 0x3030303030303030ull;
    uint64_t m = (((y & 0x7F7F7F7F7F7F7F7Full) + 0x7676767676767676ull) | y) &
                 0x8080808080808080ull & keep;
    return (size_t)(((m >> 7) * 0x0101010101010101ull) >> 56);
}

static bool num_word(const th_tx_line *t, int p)
{
    size_t nd = 0, l = (size_t)(t->we[p] - t->ws[p]);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* words of 1..16 bytes without a branch per byte: one or two 8-byte
     * loads inside the word, or one that runs on to the NUL (readable:
     * ws + 8 <= n + 1), or the eight bytes ending at the word */
    if (l >= 1 && l <= 16) {
        const char *w = t->s + t->ws[p];
        uint64_t x;
        if (l >= 8) {
            memcpy(&x, w, 8);
            size_t cnt = nondigits8(x, ~0ull);
            if (l > 8) {
                /* the last eight bytes; the first 16 - l of them were
                 * counted already */
                memcpy(&x, w + l - 8, 8);
                cnt += nondigits8(x, ~0ull << (8 * (16 - l)));
            }
            return cnt * 2 <= l;
        }
        if (t->ws[p] + 8u <= t->n + 1) {
            memcpy(&x, w, 8);
            return nondigits8(x, ~0ull >> (64 - 8 * l)) * 2 <= l;
        }
        if (t->we[p] >= 8) {
            memcpy(&x, w + l - 8, 8);
            return nondigits8(x, ~0ull << (64 - 8 * l)) * 2 <= l;
        }
    }
#endif
    for (size_t i = t->ws[p]; i < t->we[p]; i++)
        if (!(t->s[i] >= '0' && t->s[i] <= '9') && ++nd * 2 > l)
            return false;
    return l != 0;
}

int th__tx_all2(th_tx_line *t, int a, int b)
{
    int p = 0, hits = 0;
    uint8_t len[TX_NLISTS];
    while (p < t->nw) {
        uint32_t f = match(t, p, t->nw, (1u << a) | (1u << b), len);
        int m = (f >> a) & 1 ? len[a] : 0, m2 = (f >> b) & 1 ? len[b] : 0;
        if (m && m >= m2) {
            hits++;
            p += m;
        } else if (m2) {
            p += m2;
        } else if (num_word(t, p)) {
            p++;
        } else {
            return -1;
        }
    }
    return hits;
}

bool th__tx_ends(const th_tx_line *t, int id)
{
    for (int k = 1; k <= 3 && k < t->nw; k++) {
        int p = t->nw - k;
        if (th__tx_lookup(t->s + t->ws[p], (size_t)(t->we[t->nw - 1] - t->ws[p])) &
            (1u << id))
            return true;
    }
    return false;
}

unsigned th__tx_contains(const th_tx_line *t, unsigned which)
{
    unsigned got = 0;
    for (int p = 0; p < t->nw; p++) {
        size_t ws = t->ws[p];
        /* no entry fits in fewer bytes (the same result as reading on) */
        if (ws + SUB_MINLEN > t->n)
            break;
        unsigned k = sub_key(t->s + ws);
        for (unsigned j = g_sub_start[k]; j < g_sub_start[k + 1]; j++) {
            const subent *e = &g_sub[j];
            if ((e->which & which) && !(got & e->which) && ws + e->len <= t->n &&
                t->s[ws + 3] == e->s[3] && memcmp(t->s + ws, e->s, e->len) == 0)
                got |= e->which;
        }
        if (got == which)
            break;
    }
    return got;
}

/* An ASCII digit in s[0..n). */
static bool has_digit(const char *s, size_t n)
{
    size_t i = 0;
#ifdef __SSE2__
    if (n >= 16) {
        /* sixteen bytes at a time, the last block ending at n (it may
         * overlap the one before) */
        for (;; i += 16) {
            if (i + 16 > n)
                i = n - 16;
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            if (_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                                _mm_cmpgt_epi8(_mm_set1_epi8('9' + 1), v))))
                return true;
            if (i + 16 == n)
                return false;
        }
    }
#endif
    for (; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return true;
    return false;
}

bool th__tx_is_date(th_tx_line *t)
{
    int words = 0, dateish = 0, strong = 0, nums = 0;
    uint8_t len[TX_NLISTS];
    if (t->nw == 0 || t->nw > 40)
        return false;
    /* Without a digit no word is a number (nums stays 0), so only a
     * line of date words alone can be a date: the first other word
     * ends the test.  -1: not looked at yet. */
    int digits = -1;
    for (int p = 0; p < t->nw;) {
        uint32_t f = match(t, p, t->nw,
                                  TXM(TX_DATEW) | TXM(TX_TIMEW) | TXM(TX_DATEFILL),
                                  len);
        int m;
        if (f & TXM(TX_DATEW)) {
            m = len[TX_DATEW];
            strong++;
            dateish++;
        } else if (f & TXM(TX_TIMEW)) {
            m = len[TX_TIMEW];
            dateish++;
            if (th__tx_bytes(t, p, m) > 2)
                strong++;
        } else if (f & TXM(TX_DATEFILL)) {
            m = len[TX_DATEFILL];
            dateish++;
        } else {
            m = 1;
            if (num_word(t, p) && t->we[p] - t->ws[p] <= 5) {
                nums++;
                dateish++;
            } else if (words + 1 - dateish > 3) {
                return false; /* more than a quarter of 12 words */
            } else {
                if (digits < 0)
                    digits = has_digit(t->s, t->n);
                if (!digits)
                    return false;
            }
        }
        words++;
        p += m;
    }
    if (words == 0 || words > 12)
        return false;
    if (dateish * 4 < words * 3)
        return false;
    return (strong > 0 && nums > 0) || nums >= 3 ||
           (strong > 1 && dateish == words);
}

/* Whether words [p, e) (e > p) may be a phrase of list id: a phrase of
 * several words is looked up only when its first word starts one (the
 * table holds every word-prefix of a phrase). */
static inline bool may_start(th_tx_line *t, int p, int e, int id)
{
    word_mask(t, p);
    return ((e - p == 1 ? t->full[p] : t->pre[p]) >> id) & 1;
}

int th__tx_is_chead(th_tx_line *t)
{
    /* Skip leading and trailing number words ("12 Comments", "Kommentare
     * 3"). */
    int b = 0, e = t->nw;
    while (b < e && t->s[t->ws[b]] >= '0' && t->s[t->ws[b]] <= '9')
        b++;
    while (e > b && t->s[t->we[e - 1] - 1] >= '0' && t->s[t->we[e - 1] - 1] <= '9')
        e--;
    if (e <= b)
        return false;
    if (may_start(t, b, e, TX_CHEAD) &&
        (th__tx_lookup(t->s + t->ws[b], (size_t)(t->we[e - 1] - t->ws[b])) &
         TXM(TX_CHEAD)))
        return 1;
    uint8_t len[TX_NLISTS];
    if (b > 0 && match(t, b, e, TXM(TX_CHEAD_PRE), len))
        return 1;
    /* "There are 13 comments", "Es gibt 4 Kommentare", "Showing 20
     * comments": up to three words, a count, a comment heading */
    if (b == 0 && e == t->nw) {
        for (int k = 1; k <= 3 && k + 1 < t->nw; k++) {
            char c = t->s[t->ws[k]];
            if (c >= '0' && c <= '9')
                return may_start(t, k + 1, t->nw, TX_CHEAD) &&
                               (th__tx_lookup(t->s + t->ws[k + 1],
                                      (size_t)(t->we[t->nw - 1] - t->ws[k + 1])) &
                        TXM(TX_CHEAD)) ? 2 : 0;
        }
    }
    return 0;
}

/* ASCII byte classes for th__tx_persons: word bytes (letters, digits,
 * apostrophe), the straight double quote, separators. */
enum { PC_SEP = 0, PC_WORD = 1, PC_QUOTE = 2, PC_HIGH = 3 };
static const uint8_t g_pcls[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
    ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['\''] = 1, ['"'] = 2,
#define R(c) [c] = 1, [c + 32] = 1
    R('A'), R('B'), R('C'), R('D'), R('E'), R('F'), R('G'), R('H'), R('I'),
    R('J'), R('K'), R('L'), R('M'), R('N'), R('O'), R('P'), R('Q'), R('R'),
    R('S'), R('T'), R('U'), R('V'), R('W'), R('X'), R('Y'), R('Z'),
#undef R
#define H8(c) [c] = 3, [c + 1] = 3, [c + 2] = 3, [c + 3] = 3, [c + 4] = 3, \
              [c + 5] = 3, [c + 6] = 3, [c + 7] = 3
    H8(0x80), H8(0x88), H8(0x90), H8(0x98), H8(0xA0), H8(0xA8), H8(0xB0),
    H8(0xB8), H8(0xC0), H8(0xC8), H8(0xD0), H8(0xD8), H8(0xE0), H8(0xE8),
    H8(0xF0), H8(0xF8)
#undef H8
};

/* Counts one finished word of wl bytes packed in key. */
static inline void person_word(uint64_t key, size_t wl, bool ascii, int *f,
                               int *sc)
{
    if (wl == 0 || wl > 8)
        return;
    unsigned c0 = (unsigned)(key & 0xFF);
    if (c0 >= 'A' && c0 <= 'Z')
        c0 += 32;
    if (!((g_plen[c0] >> wl) & 1))
        return;
    if (ascii)
        key |= 0x2020202020202020ull >> (8 * (8 - wl)); /* lowercase */
    uint32_t m = th__tx_word8(key);
    if (m & TXM(TX_FIRST))
        (*f)++;
    else if (m & TXM(TX_SECOND))
        (*sc)++;
}

/* One step of the general word loop at s[i]: a word (word bytes, non-
 * ASCII letters and apostrophes), counted unless inside quotes, then the
 * separator after it.  Returns the position after the separator. */
static size_t persons_step(const char *s, size_t i, size_t n, bool *pinq,
                           int *pf, int *psc)
{
    size_t b = i;
    while (i < n && g_pcls[(unsigned char)s[i]] == PC_WORD)
        i++;
    uint64_t key = 0;
    size_t wl = i - b;
    bool ascii = true;
    if (wl <= 8)
        memcpy(&key, s + b, wl);
    /* non-ASCII letters and apostrophes continue the word */
    while (i < n && g_pcls[(unsigned char)s[i]] == PC_HIGH) {
        uint32_t cp;
        size_t k = th__tx_dec(s + i, n - i, &cp);
        if (th__tx_sep_cp(cp) && cp != 0x2019 && cp != 0x2018)
            break; /* a separator or quotation mark: handled below */
        if (cp == 0x2019 || cp == 0x2018 || cp == 0xB4) {
            if (wl < 8)
                key |= (uint64_t)'\'' << (8 * wl);
            wl++;
        } else {
            for (size_t j = 0; j < k; j++, wl++)
                if (wl < 8)
                    key |= (uint64_t)(unsigned char)s[i + j] << (8 * wl);
            ascii = false;
        }
        i += k;
        while (i < n && g_pcls[(unsigned char)s[i]] == PC_WORD) {
            unsigned char c = (unsigned char)s[i++];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            if (wl < 8)
                key |= (uint64_t)c << (8 * wl);
            wl++;
        }
    }
    if (!*pinq)
        person_word(key, wl, ascii, pf, psc);
    if (i >= n)
        return i;
    /* the separator after the word */
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        if (c == '"')
            *pinq = !*pinq;
        i++;
    } else {
        uint32_t cp;
        i += th__tx_dec(s + i, n - i, &cp);
        if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB ||
            cp == 0xBB)
            *pinq = !*pinq;
    }
    return i;
}

void th__tx_persons(const char *s, size_t n, int *first, int *second)
{
    int f = 0, sc = 0;
    bool inq = false;
    size_t i = 0;
    /* the caller reads the counts as yes/no: once both are found the
     * rest of the text can change neither */
    while (i < n && !(f && sc)) {
#ifdef __SSE2__
        /* Up to sixteen ASCII bytes at once (those before the first
         * non-ASCII byte or double quote): the words that end before
         * the last separator among them (i is always at a word boundary
         * here), then past that separator.  Without such a separator the
         * byte loop below takes one step. */
        if (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            unsigned bad = (unsigned)_mm_movemask_epi8(v) |
                           (unsigned)_mm_movemask_epi8(
                               _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
            /* the bits below bad's lowest (all sixteen when bad is 0),
             * without a branch */
            unsigned ok = ((bad & (0u - bad)) - 1u) & 0xFFFFu;
            if (ok) {
                /* letters, digits (a range by one add and one signed
                 * compare), apostrophes */
                __m128i lc = _mm_or_si128(v, _mm_set1_epi8(0x20));
                __m128i wm = _mm_or_si128(
                    _mm_cmplt_epi8(_mm_add_epi8(lc, _mm_set1_epi8((char)(0x80 - 'a'))),
                                   _mm_set1_epi8(-128 + 26)),
                    _mm_or_si128(
                        _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0'))),
                                       _mm_set1_epi8(-128 + 10)),
                        _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))));
                unsigned w = (unsigned)_mm_movemask_epi8(wm);
                unsigned sep = ~w & ok;
                if (sep) {
                    unsigned last = 31u - (unsigned)__builtin_clz(sep);
                    if (!inq) {
                        unsigned char blk[24];
                        _mm_storeu_si128((__m128i *)(void *)blk, v);
                        unsigned st = w & ~(w << 1) & ((1u << last) - 1u);
                        while (st) {
                            unsigned a = (unsigned)__builtin_ctz(st);
                            unsigned wl = (unsigned)__builtin_ctz(~(w >> a));
                            unsigned c0 = blk[a] | 0x20u;
                            if (wl <= 8 && pron_cand(c0, blk[a + 1], wl)) {
                                uint64_t key;
                                memcpy(&key, blk + a, 8);
                                if (wl < 8)
                                    key &= (1ull << (8 * wl)) - 1;
                                person_word(key, wl, true, &f, &sc);
                            }
                            st &= st - 1;
                        }
                    }
                    i += last + 1;
                    continue;
                }
            }
        }
#endif
        unsigned char c = (unsigned char)s[i];
        unsigned cls = g_pcls[c];
        if (cls == PC_SEP) {
            i++;
            continue;
        }
        if (cls == PC_QUOTE) {
            inq = !inq;
            i++;
            continue;
        }
        if (cls == PC_WORD) {
            /* the common case: an ASCII word between ASCII separators;
             * only words that may be pronouns are looked up */
            size_t b = i++;
            while (i < n && g_pcls[(unsigned char)s[i]] == PC_WORD)
                i++;
            if (i < n && g_pcls[(unsigned char)s[i]] == PC_HIGH) {
                i = persons_step(s, b, n, &inq, &f, &sc);
                continue;
            }
            size_t wl = i - b;
            unsigned c0 = c >= 'A' && c <= 'Z' ? c + 32u : c;
            if (!inq && wl <= 8 &&
                pron_cand(c0, wl >= 2 ? (unsigned char)s[b + 1] : 0u, (unsigned)wl)) {
                uint64_t key = 0;
                memcpy(&key, s + b, wl);
                person_word(key, wl, true, &f, &sc);
            }
            continue;
        }
        i = persons_step(s, i, n, &inq, &f, &sc);
    }
    *first = f;
    *second = sc;
}
