package dev.contentmix.analyzer.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-made lexicon of phrases that mark a purpose, in English, Spanish, Portuguese, French
 * and German, grouped by what they do: ask for a purchase ({@code buy}), a booking or a quote
 * ({@code book}), a trial or subscription, a donation, a message ({@code contact}); point to a
 * link or a code; push urgency or an offer; announce a launch; or, on the other side, apologise,
 * serve a customer, warn about scams, hire, recall ({@code safety}), report a service status, say
 * that nothing is sold ({@code nosale}), thank, teach ({@code howto}). The model weighs the groups
 * (a "contact" phrase is an ask at the end of a story and service in a reply); the lexicon only names them, so that a
 * phrase the training posts never used still counts with its group (the judged posts are written
 * by other people). Matching is over {@link TextNormalizer} tokens (lower-case, accents removed);
 * a pattern word ending in {@code *} matches any word with that prefix, {@code *} alone any word.
 */
final class Cues {

    /** One phrase occurrence: group (index and name) and token span [start, end). */
    record Match(int groupIndex, String group, int start, int end) {
    }

    /**
     * A lexicon phrase: words, with a prefix stem where the word ends in {@code *}, null where any word
     * goes. Package-visible for {@link CompiledModel}, which matches the same phrases by word ids; the
     * arrays are never changed after the lexicon is built.
     */
    record Pattern(int group, String[] words, boolean[] prefix) {
    }

    private static final String[][] LEXICON = {
        {"buy", "venez", "passez", "decouvrez", "profitez", "faites-vous plaisir", "vous savez ou", "on vous attend", "viens", "rendez-vous sur", "passez commande", "dans tous les magasins", "en drive", "onglet boutique", "soyez la", "ven", "venid", "visitanos", "pasate", "descubre", "descubrelo", "te esperamos", "os esperamos", "ya sabes donde", "ya sabeis donde", "venha", "passe", "visite", "descubra", "te esperamos", "voce ja sabe", "ja sabem onde", "kommt vorbei", "komm vorbei", "jetzt entdecken", "entdecke", "entdecken sie", "ihr wisst", "wartet auf euch", "wartet auf dich", "seid puntlich", "im shop-tab", "in der filiale", "per app", "shop-tab", "order by", "order from", "order ahead", "orders open", "in the app", "in our app", "on the app", "check the app", "find it at", "find it in", "find yours", "on our front table", "every good bookshop", "on sale now", "apply online", "apply today", "check your rate", "start here", "start it", "start your", "start today", "lock it in", "first message gets", "be there", "get there early", "come hungry", "walk in", "set your reminder", "set a reminder", "sponsor a", "pide desde", "en la app", "no app", "dans l'appli", "in der app", "linked below", "linked in bio", "linked in our bio", "in the shop", "in our shop", "on our site", "on the site", "on our website", "in store", "in-store", "pick up your", "pick yours up", "click collect", "get the app", "download", "wishlist", "units left", "left in stock", "grab it", "it's back", "restock*", "treat yourself", "add it to your", "shop link", "tap to buy", "available in", "sells out", "sell out", "en la web", "en nuestra web", "en tienda", "en tiendas", "descarga", "descargala", "no site", "na loja", "baixe", "sur le site", "en boutique", "telechargez", "im laden", "auf der website", "lade dir", "herunterladen", "shop now", "shop the *", "tap to shop", "shop it", "shop our", "shop online", "shop all",
            "order now", "order yours", "order today", "order online", "order here", "pre-order", "preorder*",
            "pre-order*", "buy now", "buy it", "buy yours", "get yours", "grab yours", "grab one", "grab it",
            "grab a", "add to cart", "add to bag", "get it now", "get it before", "dm us to order", "dm to order",
            "dm to buy", "available at", "in stores now", "at checkout",
            "compra ya", "compralo", "comprala", "compra ahora", "compra en", "pidelo", "pide ya", "pide el", "pide la",
            "haz tu pedido", "consiguelo", "consiguela", "hazte con", "corre a", "llevatelo",
            "compre ja", "compre agora", "compre o", "compre a", "garanta o", "garanta a", "garanta ja", "garanta *",
            "peca ja", "peca o", "peca a", "faca seu pedido", "faca o seu pedido", "encomende", "pre-venda",
            "achetez", "achete", "commandez", "commande *", "precommande*", "pre-commande*", "craquez", "foncez",
            "jetzt kaufen", "kaufen", "jetzt bestellen", "bestellen", "bestelle", "bestellt", "sichere dir", "sichert euch",
            "sichern sie sich", "hol dir", "holt euch", "vorbestell*", "ab in den warenkorb", "zum shop"},
        {"book", "prenez rendez-vous", "rendez-vous", "appelez", "appelez-nous", "demandez", "devis", "inscriptions", "inscription", "inscris-toi", "inscrivez-vous", "sur demande", "llama", "llamanos", "pide cita", "solicita", "pide tu", "presupuesto", "cita previa", "ligue", "agende", "marque", "orcamento", "peca seu", "probefahrt", "besichtigung", "termin", "beratungstermin", "vereinbaren sie", "melden sie sich", "meldet euch", "einfach melden", "schreibt uns", "auf anfrage", "angebot", "anmeldung", "reply with", "comment *", "let's set up", "set up a call", "talk to us", "send us a message", "get in touch", "contact us for", "slots", "slot", "openings", "spots left", "spots", "spaces left", "places left", "dates in bio", "via the link", "book in", "first come", "come in", "visit us", "waitlist", "join the waitlist", "enquire", "inquire", "plazas", "ultimas plazas", "quedan pocas", "escribenos", "consulta", "vagas", "restam", "ultimas vagas", "fale conosco", "places", "il reste", "contactez-nous", "ecrivez-nous", "platze", "freie termine", "schreib uns", "kontaktiere uns", "meld dich", "book now", "book a demo", "book a call", "book your", "book a", "book today", "book online",
            "reserve your", "reserve a", "reserve now", "reserve today", "request a demo", "request a quote",
            "get a quote", "get a demo", "see the demo", "watch the demo", "schedule a demo", "schedule a call",
            "claim your spot", "secure your spot", "secure your seat", "save your seat", "save your spot",
            "get tickets", "get your tickets", "grab tickets", "tickets on sale", "enroll", "enrol now",
            "reserva tu", "reserva ya", "reserva ahora", "reserva en", "reservalo", "reserva tu plaza", "solicita una demo",
            "pide una demo", "pide presupuesto", "solicita presupuesto", "agenda una", "apuntate", "inscribete", "entradas",
            "reserve ja", "reserve o", "reserve a", "reserve sua", "reserve seu", "agende", "solicite", "inscreva-se",
            "garanta sua vaga", "ingressos",
            "reservez", "reserver", "demandez une demo", "demandez un devis", "inscrivez-vous", "billetterie",
            "jetzt buchen", "buchen", "bucht", "buche", "reservieren", "reserviere", "reserviert", "demo anfragen",
            "angebot anfordern", "termin vereinbaren", "jetzt anmelden", "tickets"},
        {"trial", "days free", "free for <num> days", "<num> days free", "<num>-day free", "try it", "try us", "first month free", "first lesson free", "first class free", "gratis durante", "primer mes gratis", "gratis por", "primeiro mes gratis", "premier mois offert", "gratuit pendant", "erster monat gratis", "gratis fur", "free trial", "try it free", "try * free", "try it for free", "start your free", "start free",
            "start your trial", "sign up", "signup", "subscribe", "get started", "join now", "join today", "upgrade",
            "get premium", "go pro", "prueba gratis", "pruebalo gratis", "prueba gratuita", "suscribete", "registrate",
            "hazte premium", "teste gratis", "teste gratuito", "assine", "cadastre-se", "essai gratuit",
            "essayez gratuitement", "abonnez-vous", "kostenlos testen", "gratis testen", "jetzt testen", "abonnieren",
            "abonniere", "jetzt registrieren"},
        {"code", "use code", "with code", "promo code", "discount code", "code <code>", "<code>", "coupon",
            "codigo", "cupon", "cupom", "code promo", "avec le code", "gutscheincode", "rabattcode", "mit dem code",
            "mit code", "gutschein"},
        {"link", "link abaixo", "lien ci-dessous", "link unten", "enlace abajo", "link en perfil", "link no perfil", "link in bio", "link in our bio", "in bio", "link below", "link in comments", "at the link",
            "tap the link", "click the link", "swipe up", "link en bio", "enlace en bio", "link en la bio",
            "link na bio", "lien en bio", "lien dans la bio", "link im profil", "link in der bio", "→ <url>"},
        {"donate", "danke, wenn du hilfst", "werden sie", "foerderpartner", "forderpartner", "soutenez", "faites un don", "donnez", "ajude", "doacao", "colabora", "dona ahora", "apoya", "hazte socio", "devenez", "donate", "donate now", "give today", "give now", "support our work", "make a gift",
            "chip in", "dona", "dona ya", "haz un donativo", "doe", "doe agora", "faites un don", "faire un don",
            "jetzt spenden", "spende", "spenden"},
        {"urgency", "limited time", "ends tonight", "ends sunday", "ends midnight", "ends soon", "last chance",
            "while supplies last", "while stocks last", "only <num> left", "don't miss", "today only", "this weekend only",
            "<num> hours only", "<num> hrs only", "selling fast", "almost gone", "solo hoy", "ultimas unidades",
            "ultima oportunidad", "hasta agotar", "so hoje", "ultimas unidades", "ultima chance", "derniere chance",
            "jusqu'a dimanche", "dernieres pieces", "nur heute", "letzte chance", "nur noch", "solange der vorrat reicht"},
        {"offer", "from <pct>", "rates from", "apr", "pay nothing", "no admin fee", "no joining fee", "intro offer", "first week's on us", "on us", "<pct> off", "off everything", "off all", "off your", "free shipping", "free delivery", "bogo",
            "buy one get one", "half price", "on sale", "sale", "deal", "deals", "bundle", "starting at <price>",
            "from <price>", "only <price>", "just <price>", "for <price>", "<price> off", "rebajas", "oferta", "ofertas",
            "descuento", "envio gratis", "promocion", "promo", "desconto", "frete gratis", "promocao", "liquidacao",
            "soldes", "remise", "livraison offerte", "livraison gratuite", "reduction", "angebot", "rabatt",
            "versandkostenfrei", "gratis versand", "sonderangebot"},
        {"launch", "is live", "are live", "goes live", "go live", "out now", "launches", "drops", "lands", "pre-orders are open", "preorders are open", "pre-orders open", "orders open", "ya esta aqui", "llega", "ja chegou", "est arrive", "ist da", "jetzt da", "new drop", "just dropped", "just landed", "now available", "available now", "back in stock",
            "out now", "is here", "are here", "now live", "meet the new", "introducing", "nueva coleccion",
            "ya disponible", "ya a la venta", "novedad", "ja disponivel", "nova colecao", "lancamento", "chegou",
            "nouvelle collection", "disponible des", "enfin disponible", "nouveaute", "jetzt erhaltlich", "ab sofort",
            "neu im shop", "neue kollektion", "endlich da"},
        {"contact", "message us", "call us", "text us", "email us", "dm us", "reply *", "dm *", "call <num>",
            "ask about", "let's talk", "contact us", "talk to us", "chat with", "escribenos", "llamanos", "mandanos",
            "contactanos", "fale com", "ligue", "chame", "mande", "appelez-nous", "ecrivez-nous", "contactez", "ruf uns an",
            "schreib uns", "melde dich", "kontakt"},
        {"apology", "sorry", "apologies", "apologize", "apologise", "so sorry", "lo sentimos", "lo siento", "disculpa*",
            "perdon", "desculpa*", "sentimos muito", "desole*", "excuses", "entschuldig*", "tut uns leid", "tut mir leid"},
        {"service", "order number", "dm us", "we've sent", "replacement", "refund*", "tracking", "reembolso*",
            "numero de pedido", "te escribimos", "reemplazo", "numero do pedido", "rembours*", "numero de commande",
            "erstatt*", "bestellnummer", "ersatz", "we've refunded", "escribenos", "manda dm", "envianos"},
        {"scam", "scam*", "fake", "phishing", "impersonat*", "never ask", "we never", "never dm", "estafa*", "fraude*",
            "falso*", "nunca pedimos", "golpe*", "arnaque*", "escroqu*", "faux", "betrug*", "fake-*", "gefalscht*",
            "niemals"},
        {"hiring", "job posting", "job", "jobs", "position", "role", "now hiring", "apply at", "apply now", "salary", "puesto", "salario", "emploi", "salaire", "stelle", "gehalt", "hiring", "we're hiring", "join our team", "careers", "job opening", "open role", "apply",
            "contratando", "buscamos", "vacante", "empleo", "estamos contratando", "vaga*", "recrut*", "rejoignez",
            "poste", "candidature", "wir suchen", "stellenangebot", "bewirb", "bewerb*", "karriere"},
        {"safety", "recall", "stop using", "safety notice", "do not use", "retirada", "dejen de usar", "recolhimento",
            "rappel", "ne plus utiliser", "ruckruf", "nicht mehr verwenden", "sicherheitshinweis"},
        {"status", "outage", "resolved", "degraded", "maintenance", "status page", "investigating", "incidencia",
            "mantenimiento", "resuelto", "instabilidade", "manutencao", "panne", "maintenance", "retabli", "storung",
            "wartung", "behoben"},
        {"nosale", "nothing for sale", "nothing to buy", "nothing is for sale", "no purchase", "not selling", "no tickets",
            "free entry", "free admission", "no sign-up", "no signup", "no need to buy", "free for everyone", "just come along",
            "just show up", "entrada libre", "entrada gratuita", "no vendemos", "sin compra", "entrada franca",
            "nao vendemos", "sem compra", "entree libre", "entree gratuite", "rien a vendre", "sans achat", "eintritt frei",
            "freier eintritt", "nichts zu kaufen", "ohne kauf"},
        {"thanks", "thank you", "thanks", "shout-out", "shoutout", "congrats", "gracias", "enhorabuena", "obrigad*",
            "parabens", "merci", "bravo", "danke", "gluckwunsch"},
        {"howto", "how to", "tip", "tips", "step", "guide", "here's how", "why *", "what *", "como", "consejo*",
            "truco*", "dica*", "passo", "astuce*", "conseil*", "comment", "etape", "tipp*", "so geht", "anleitung"},
    };

    /** Group names by index, and the feature names of each group, built once so that no call allocates them. */
    static final String[] GROUPS = new String[LEXICON.length];
    static final String[] CUE_FEATURES = new String[LEXICON.length];
    static final String[] END_FEATURES = new String[LEXICON.length];
    static final String[] START_FEATURES = new String[LEXICON.length];

    /**
     * Patterns by first word, as an open-addressing table indexed by the word's hash: every token of
     * every post is looked up, a token's hash is already cached by the string, and a mostly empty
     * table answers a miss (the usual case) in one probe.
     */
    private static final String[] FIRST_WORDS = new String[4096];
    private static final Pattern[][] BY_FIRST_WORD = new Pattern[4096][];
    /** Patterns whose first word is a prefix, indexed by the prefix's first two (ASCII) characters. */
    private static final Pattern[][] BY_PREFIX = new Pattern[128 * 128][];
    /** Every phrase, in lexicon order. */
    private static final List<Pattern> ALL = new ArrayList<>();

    static {
        Map<String, List<Pattern>> byWord = new HashMap<>();
        Map<Integer, List<Pattern>> byPrefix = new HashMap<>();
        for (int g = 0; g < LEXICON.length; g++) {
            String[] group = LEXICON[g];
            GROUPS[g] = group[0];
            CUE_FEATURES[g] = "cue:" + group[0];
            END_FEATURES[g] = "end:" + group[0];
            START_FEATURES[g] = "start:" + group[0];
            for (int k = 1; k < group.length; k++) {
                String[] words = group[k].split(" ");
                boolean[] prefix = new boolean[words.length];
                for (int w = 0; w < words.length; w++) {
                    if (words[w].equals("*")) {
                        words[w] = null;
                    } else if (words[w].endsWith("*")) {
                        words[w] = words[w].substring(0, words[w].length() - 1);
                        prefix[w] = true;
                    }
                }
                Pattern p = new Pattern(g, words, prefix);
                ALL.add(p);
                String first = words[0];
                if (first == null || prefix[0] && (first.length() < 2 || first.charAt(0) >= 128 || first.charAt(1) >= 128)) {
                    throw new IllegalStateException("lexicon phrase must start with a word or an ASCII prefix: " + group[k]);
                }
                if (prefix[0]) {
                    byPrefix.computeIfAbsent(first.charAt(0) * 128 + first.charAt(1), x -> new ArrayList<>()).add(p);
                } else {
                    byWord.computeIfAbsent(first, x -> new ArrayList<>()).add(p);
                }
            }
        }
        if (byWord.size() > FIRST_WORDS.length / 4) {
            throw new IllegalStateException("lexicon outgrew its table: " + byWord.size() + " first words");
        }
        byWord.forEach((w, ps) -> {
            int slot = w.hashCode() & (FIRST_WORDS.length - 1);
            while (FIRST_WORDS[slot] != null) {
                slot = (slot + 1) & (FIRST_WORDS.length - 1);
            }
            FIRST_WORDS[slot] = w;
            BY_FIRST_WORD[slot] = ps.toArray(new Pattern[0]);
        });
        byPrefix.forEach((key, ps) -> BY_PREFIX[key] = ps.toArray(new Pattern[0]));
    }

    private Cues() {
    }

    /** All phrase occurrences in the tokens, left to right; a group matches at most once per start. */
    static List<Match> find(String[] tokens) {
        List<Match> matches = null;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            Pattern[] candidates = byFirstWord(t);
            if (candidates != null) {
                matches = addMatches(candidates, tokens, i, matches);
            }
            if (t.length() >= 2 && t.charAt(0) < 128 && t.charAt(1) < 128) {
                Pattern[] prefixed = BY_PREFIX[t.charAt(0) * 128 + t.charAt(1)];
                if (prefixed != null) {
                    matches = addMatches(prefixed, tokens, i, matches);
                }
            }
        }
        return matches == null ? List.of() : matches;
    }

    /** Every phrase of the lexicon, in lexicon order. */
    static List<Pattern> patterns() {
        return Collections.unmodifiableList(ALL);
    }

    /** The phrases {@link #find} tries at a token whose first two characters are these (both ASCII), or null. */
    static Pattern[] byPrefix(char first, char second) {
        return BY_PREFIX[first * 128 + second];
    }

    /** The phrases {@link #find} tries at a token equal to their first word, in lexicon order, or null. */
    static Pattern[] byFirstWord(String token) {
        int slot = token.hashCode() & (FIRST_WORDS.length - 1);
        String w;
        while ((w = FIRST_WORDS[slot]) != null) {
            if (w.equals(token)) {
                return BY_FIRST_WORD[slot];
            }
            slot = (slot + 1) & (FIRST_WORDS.length - 1);
        }
        return null;
    }

    private static List<Match> addMatches(Pattern[] candidates, String[] tokens, int i, List<Match> out) {
        int lastGroup = -1;
        for (Pattern p : candidates) {
            if (p.group() != lastGroup && matchesAt(p, tokens, i)) {
                if (out == null) {
                    out = new ArrayList<>(4);
                }
                out.add(new Match(p.group(), GROUPS[p.group()], i, i + p.words().length));
                lastGroup = p.group();
            }
        }
        return out;
    }

    private static boolean matchesAt(Pattern p, String[] tokens, int i) {
        String[] words = p.words();
        if (i + words.length > tokens.length) {
            return false;
        }
        for (int k = 0; k < words.length; k++) {
            String w = words[k];
            String t = tokens[i + k];
            if (t.equals(TextNormalizer.BOUNDARY)) {
                return false;
            }
            if (w == null) {
                continue;
            }
            if (p.prefix()[k] ? !t.startsWith(w) : !w.equals(t)) {
                return false;
            }
        }
        return true;
    }
}
