package dev.contentmix.producer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentmix.events.Json;
import dev.contentmix.events.Label;
import dev.contentmix.events.Post;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A synthetic multi-brand stream of posts whose label is known by construction: sales texts are
 * built only from offers, launches and calls to action, value texts only from tips, stories,
 * customer-service replies, polls, status updates, scam warnings, hiring posts and the like (the
 * rule of {@code labeling.md}). Phrases live in {@code phrase-bank.json}, per industry.
 *
 * <p>Deterministic for a seed: the same builder settings give the same posts, ids and times. Each
 * brand's share of sales posts converges to its target with a bounded error (the generator keeps
 * a per-brand debt of sales posts instead of tossing an independent coin per post), so short
 * streams already show the intended mix.
 */
public final class PostGenerator implements Iterator<PostGenerator.Generated> {
    /** A generated post and the label it was built to have. */
    public record Generated(Post post, Label label) {
    }

    /** A brand of the stream: its key, the name used in texts, its industry and its target sales share. */
    public record Brand(String key, String displayName, String industry, String currency, String domain,
                        double salesShare, List<String> channels, List<String> valueGoals, List<String> salesGoals) {
    }

    /** Goal tags the analyzer treats as sales goals; a sales post is tagged with one of them when it can be. */
    static final Set<String> SALES_GOALS = Set.of("sales", "conversion", "leads", "launch", "promotion", "bookings",
            "donations", "fundraising", "enrolment", "enrollment");
    static final List<String> DEFAULT_CHANNELS = List.of("x", "instagram", "facebook", "linkedin", "tiktok");
    static final Instant DEFAULT_START = Instant.parse("2026-01-05T08:00:00Z");
    private static final Pattern SLOT = Pattern.compile("\\{([A-Za-z0-9]+)}");
    private static final Pattern SENTENCE_START = Pattern.compile("(^|[.!?] )(\\p{Ll})");
    private static final int[] PCTS = {10, 15, 20, 25, 30, 40, 50};
    private static final String[] CODE_WORDS = {"SPRING", "WELCOME", "HELLO", "SAVE", "VIP", "EXTRA", "FRIENDS",
        "WEEKEND", "TREAT", "YAY", "THANKS", "FIRST"};
    private static final JsonNode BANK = loadBank();

    private final SplittableRandom rnd;
    private final List<Brand> brands;
    private final Map<String, Brand> byKey = new HashMap<>();
    private final Map<String, double[]> debt = new HashMap<>();
    private final Map<String, Integer> perBrand = new HashMap<>();
    private final String runTag;
    private final Instant start;
    private final Duration spacing;
    private final boolean tagGoals;
    private long index;

    private PostGenerator(Builder b) {
        this.rnd = new SplittableRandom(b.seed);
        this.runTag = String.format(Locale.ROOT, "%04x", new Random(b.seed).nextInt(0x10000));
        this.start = b.start;
        this.tagGoals = b.tagGoals;
        List<String> keys = brandKeys(b.brands);
        b.shares.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        this.spacing = b.spacing != null ? b.spacing : defaultSpacing(keys.size());
        List<Brand> list = new ArrayList<>();
        for (String key : keys) {
            Brand brand = profile(key, b.shares.getOrDefault(key, b.salesShare), b.channels, b.goals);
            list.add(brand);
            byKey.put(key, brand);
        }
        this.brands = List.copyOf(list);
    }

    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /** Settings of a generator; every one has a default. */
    public static final class Builder {
        private final long seed;
        private int brands = 5;
        private final Map<String, Double> shares = new LinkedHashMap<>();
        private double salesShare = 0.2;
        private Instant start = DEFAULT_START;
        private Duration spacing;
        private List<String> channels = DEFAULT_CHANNELS;
        private List<String> goals = List.of();
        private boolean tagGoals = true;

        private Builder(long seed) {
            this.seed = seed;
        }

        /** Number of generated brands (default 5); brands named in {@link #brandShare} come on top. */
        public Builder brands(int n) {
            if (n < 0 || n > 10_000) {
                throw new IllegalArgumentException("brands must be between 0 and 10000, got " + n);
            }
            this.brands = n;
            return this;
        }

        /** Fixes one brand's target sales share; a brand not among the generated ones is added. */
        public Builder brandShare(String brand, double share) {
            checkShare("share of brand '" + brand + "'", share);
            if (brand == null || brand.isBlank()) {
                throw new IllegalArgumentException("brand name is blank");
            }
            shares.put(brand.strip(), share);
            return this;
        }

        /** Target sales share of brands without their own (default 0.2). */
        public Builder salesShare(double share) {
            this.salesShare = checkShare("sales share", share);
            return this;
        }

        public Builder start(Instant start) {
            this.start = start.truncatedTo(ChronoUnit.SECONDS);
            return this;
        }

        /** Average time between two posts of the stream (default: each brand posts about 3 times a day). */
        public Builder spacing(Duration spacing) {
            if (spacing.isNegative()) {
                throw new IllegalArgumentException("spacing must not be negative, got " + spacing);
            }
            this.spacing = spacing;
            return this;
        }

        /** Channels to post on; each brand uses those of them that suit its industry. */
        public Builder channels(List<String> channels) {
            if (channels.isEmpty()) {
                throw new IllegalArgumentException("at least one channel is needed");
            }
            this.channels = channels.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
            return this;
        }

        /** Goal tags to draw from instead of each industry's own. */
        public Builder goals(List<String> goals) {
            this.goals = Post.goalTags("goals", goals);
            return this;
        }

        /** False leaves every post untagged. */
        public Builder tagGoals(boolean tag) {
            this.tagGoals = tag;
            return this;
        }

        public PostGenerator build() {
            if (brands == 0 && shares.isEmpty()) {
                throw new IllegalArgumentException("at least one brand is needed");
            }
            return new PostGenerator(this);
        }

        private static double checkShare(String what, double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException(what + " must be between 0 and 1, got " + share);
            }
            return share;
        }
    }

    /** The brands of the stream, generated ones first. */
    public List<Brand> brands() {
        return brands;
    }

    /** Time between two posts of the stream. */
    public Duration spacing() {
        return spacing;
    }

    /** The stream never ends; callers take as many posts as they need. */
    @Override
    public boolean hasNext() {
        return true;
    }

    /** The next post of the stream: a random brand, a label by the brand's share, the next time slot. */
    @Override
    public Generated next() {
        Brand brand = brands.get(rnd.nextInt(brands.size()));
        double[] d = debt.computeIfAbsent(brand.key(), k -> new double[1]);
        d[0] += brand.salesShare();
        Label label = rnd.nextDouble() < d[0] ? Label.SALES : Label.VALUE;
        if (label == Label.SALES) {
            d[0] -= 1;
        }
        long slotNanos = spacing.toNanos();
        Instant at = start.plusNanos(slotNanos * index++)
                .plusNanos(slotNanos == 0 ? 0 : rnd.nextLong(slotNanos)).truncatedTo(ChronoUnit.SECONDS);
        return new Generated(post(brand.key(), label, at), label);
    }

    /** A post of one brand with the given label; a brand the stream does not know gets a profile on the fly. */
    public Post post(String brandKey, Label label, Instant publishedAt) {
        Brand brand = byKey.computeIfAbsent(brandKey, k -> profile(k, 0.2, DEFAULT_CHANNELS, List.of()));
        int n = perBrand.merge(brand.key(), 1, Integer::sum);
        String channel = brand.channels().get(rnd.nextInt(brand.channels().size()));
        List<String> goals = List.of();
        List<String> pool = label == Label.SALES ? brand.salesGoals() : brand.valueGoals();
        if (tagGoals && !pool.isEmpty() && rnd.nextInt(100) >= 8) { // a few untagged posts, as real teams leave them
            goals = List.of(pool.get(rnd.nextInt(pool.size())));
        }
        return new Post(brand.key() + "-" + runTag + "-" + n, brand.key(), text(brand, label, channel), channel,
                publishedAt, goals, null, false);
    }

    /** A text for the brand with the given label. */
    public String text(Brand brand, Label label, String channel) {
        JsonNode industry = BANK.get("industries").get(brand.industry());
        Fill f = new Fill(brand, industry);
        String template;
        if (label == Label.SALES) {
            if (rnd.nextInt(10) == 0) {
                template = "{storySales}";
            } else {
                boolean retail = industry.path("retail").asBoolean() && rnd.nextInt(3) == 0;
                template = "{salesOpener} {" + (retail ? "retailBody" : "salesBody") + "} {cta}";
            }
        } else {
            template = "{valueBody}";
        }
        StringBuilder text = new StringBuilder(f.expand(template, 0).replaceAll("\\s+", " ").strip());
        if (rnd.nextInt(10) < (label == Label.SALES ? 4 : 3)) {
            text.append(' ').append(f.expand("{emoji}", 0));
        }
        int tags = rnd.nextInt("instagram".equals(channel) || "tiktok".equals(channel) ? 4 : 2);
        List<String> used = new ArrayList<>();
        for (int i = 0; i < tags; i++) {
            String tag = f.expand(rnd.nextInt(3) == 0 ? (label == Label.SALES ? "{hashtagsSales}" : "{hashtagsValue}")
                    : "{hashtags}", 0);
            if (!used.contains(tag)) {
                used.add(tag);
                text.append(i == 0 ? "\n\n" : " ").append(tag);
            }
        }
        return capitalise(text.toString());
    }

    /** Fills the slots of one text; computed values stay the same within the text. */
    private final class Fill {
        private final Brand brand;
        private final JsonNode industry;
        private final Map<String, String> fixed = new HashMap<>();
        private String[] product;
        private boolean discounted;

        Fill(Brand brand, JsonNode industry) {
            this.brand = brand;
            this.industry = industry;
        }

        String expand(String template, int depth) {
            if (depth > 8) {
                throw new IllegalStateException("phrase bank recursion too deep at " + template);
            }
            if (template.contains("{oldPrice}")) {
                discounted = true;
            }
            Matcher m = SLOT.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(slot(m.group(1), depth)));
            }
            m.appendTail(out);
            return out.toString();
        }

        private String slot(String name, int depth) {
            String value = fixed.get(name);
            if (value != null) {
                return value;
            }
            value = switch (name) {
                case "product" -> product()[0];
                case "price" -> price(listPrice() * (discounted ? 1 - pct() / 100.0 : 1));
                case "oldPrice" -> price(listPrice());
                case "pct" -> Integer.toString(pct());
                case "code" -> CODE_WORDS[rnd.nextInt(CODE_WORDS.length)] + pct();
                case "brandName" -> brand.displayName();
                case "domain" -> brand.domain();
                case "url" -> brand.domain() + pick("urlPath");
                case "careers" -> brand.domain() + "/careers";
                case "hours" -> Integer.toString(new int[] {12, 24, 48, 72}[rnd.nextInt(4)]);
                case "number" -> Integer.toString(2 + rnd.nextInt(11));
                case "cta" -> expand(pick(industry.get("cta").get(rnd.nextInt(industry.get("cta").size())).asText()),
                        depth + 1);
                default -> expand(pick(name), depth + 1);
            };
            if (!"emoji".equals(name) && !name.startsWith("hashtags")) {
                fixed.put(name, value);
            }
            return value;
        }

        private int pct() {
            return Integer.parseInt(fixed.computeIfAbsent("pct", k -> Integer.toString(PCTS[rnd.nextInt(PCTS.length)])));
        }

        private String[] product() {
            if (product == null) {
                product = pick("products").split("\\|");
            }
            return product;
        }

        private double listPrice() {
            return Double.parseDouble(product()[1]);
        }

        private String price(double usd) {
            return Money.format(usd, brand.currency());
        }

        /** A random entry of the industry's list of that name, else of the common one. */
        private String pick(String list) {
            JsonNode values = industry.get(list);
            if (values == null) {
                values = BANK.get("common").get(list);
            }
            if (values == null || !values.isArray() || values.isEmpty()) {
                throw new IllegalStateException("phrase bank has no list '" + list + "'");
            }
            return values.get(rnd.nextInt(values.size())).asText();
        }
    }

    /** Prices in the brand's currency, rounded the way shops print them. */
    static final class Money {
        private static final Map<String, Double> PER_USD = Map.of("USD", 1.0, "EUR", 0.92, "GBP", 0.79, "CAD", 1.36,
                "AUD", 1.52, "INR", 83.0, "BRL", 5.0, "JPY", 150.0);
        private static final Map<String, String> SYMBOL = Map.of("USD", "$", "EUR", "€", "GBP", "£", "CAD", "CA$",
                "AUD", "A$", "INR", "₹", "BRL", "R$ ", "JPY", "¥");

        private Money() {
        }

        static String format(double usd, String currency) {
            double v = usd * PER_USD.getOrDefault(currency, 1.0);
            String symbol = SYMBOL.getOrDefault(currency, "$");
            if (v <= 0) {
                return symbol + "0";
            }
            if ("INR".equals(currency) || "JPY".equals(currency)) {
                return symbol + String.format(Locale.ROOT, "%,d", Math.max(9, Math.round(v / 10) * 10 - 1));
            }
            if (v < 100) {
                return symbol + String.format(Locale.ROOT, "%d.99", Math.max(0, Math.round(v) - 1));
            }
            return symbol + String.format(Locale.ROOT, "%,d", Math.round(v / 5) * 5 - 1);
        }
    }

    /** Brand keys of the first {@code n} brands: industries take turns, so a few brands already differ. */
    static List<String> brandKeys(int n) {
        List<String> all = new ArrayList<>();
        List<JsonNode> industries = new ArrayList<>();
        BANK.get("industries").forEach(industries::add);
        int max = industries.stream().mapToInt(i -> i.get("brands").size()).max().orElse(1);
        for (int round = 0; round < max; round++) {
            for (JsonNode ind : industries) {
                if (round < ind.get("brands").size()) {
                    all.add(ind.get("brands").get(round).asText().split("\\|")[0]);
                }
            }
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(i < all.size() ? all.get(i) : all.get(i % all.size()) + "-" + (i / all.size() + 1));
        }
        return keys;
    }

    private static Brand profile(String key, double share, List<String> channels, List<String> goals) {
        JsonNode industries = BANK.get("industries");
        String industryName = null;
        String[] known = null;
        String base = key.replaceFirst("-\\d+$", "");
        for (Map.Entry<String, JsonNode> e : industries.properties()) {
            for (JsonNode b : e.getValue().get("brands")) {
                String[] parts = b.asText().split("\\|");
                if (known == null && (parts[0].equals(key) || parts[0].equals(base))) {
                    industryName = e.getKey();
                    known = parts;
                }
            }
        }
        if (known == null) { // a brand named on the command line: an industry by its name, stable across runs
            List<String> names = new ArrayList<>();
            industries.fieldNames().forEachRemaining(names::add);
            industryName = names.get(Math.floorMod(key.hashCode(), names.size()));
            String first = industries.get(industryName).get("brands").get(0).asText();
            known = new String[] {key, displayName(key), first.split("\\|")[2]};
        }
        JsonNode industry = industries.get(industryName);
        List<String> suited = new ArrayList<>();
        industry.get("channels").forEach(c -> {
            if (channels.contains(c.asText())) {
                suited.add(c.asText());
            }
        });
        String tld = "nonprofit".equals(industryName) ? ".org" : "saas".equals(industryName) ? ".io" : ".com";
        List<String> valueGoals;
        List<String> salesGoals;
        if (goals.isEmpty()) {
            valueGoals = strings(industry.get("goals").get("value"));
            salesGoals = strings(industry.get("goals").get("sales"));
        } else {
            List<String> s = goals.stream().filter(SALES_GOALS::contains).toList();
            List<String> v = goals.stream().filter(g -> !SALES_GOALS.contains(g)).toList();
            valueGoals = v.isEmpty() ? goals : v;
            salesGoals = s.isEmpty() ? goals : s;
        }
        return new Brand(key, known[1], industryName, known[2], known[0].replace("-", "") + tld, share,
                List.copyOf(suited.isEmpty() ? channels : suited), valueGoals, salesGoals);
    }

    private static Duration defaultSpacing(int brands) {
        return Duration.ofHours(24).dividedBy(3L * Math.max(1, brands));
    }

    private static String displayName(String key) {
        StringBuilder s = new StringBuilder();
        for (String w : key.split("[-_. ]+")) {
            if (!w.isEmpty()) {
                s.append(s.length() == 0 ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        return s.length() == 0 ? key : s.toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private static String capitalise(String text) {
        return SENTENCE_START.matcher(text).replaceAll(m -> m.group(1) + m.group(2).toUpperCase(Locale.ROOT));
    }

    private static JsonNode loadBank() {
        try (InputStream in = PostGenerator.class.getResourceAsStream("phrase-bank.json")) {
            if (in == null) {
                throw new IllegalStateException("phrase-bank.json is missing from the build");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
