package dev.contentmix.app.it;

import dev.contentmix.events.BrandMix;
import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.Classification;
import dev.contentmix.events.Json;
import dev.contentmix.events.Label;
import dev.contentmix.events.Post;
import dev.contentmix.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A reproducible stream of posts for end-to-end tests: many brands, texts a real feed has, event
 * times out of order within a few days, some ids re-sent and some deleted; the last record of every
 * brand is a fresh post, so a brand is done when its snapshot names that post. {@link #expected}
 * recounts every brand independently from the input and the analyzer's classifications.
 */
public final class Stream {
    static final String[] SALES = {
        "48 hours only: 30% off every jacket with code WARM30. Shop now",
        "Our spring menu is here. Reserve your table tonight",
        "New drop. Tap to shop.",
        "Book a demo and see your pipeline in 10 minutes",
        "Pre-order the new kettle today and get free shipping, link in bio",
        "Flash sale! Everything 50% off until midnight, don't miss it",
        "Start your free 14-day trial today, no credit card needed",
        "Buy one get one free on all candles this weekend. Order now at our site",
    };
    static final String[] VALUE = {
        "Three ways to keep your espresso machine descaled (works for any brand)",
        "So sorry your order arrived damaged, Dana. We've sent a replacement; DM us the order number",
        "Heads up: we never DM discount codes. Accounts offering 90% off in our name are scams",
        "We're hiring a night-shift pastry chef. Details on our careers page",
        "Happy Friday everyone! What are you reading this weekend?",
        "Behind the scenes: how our team tests every stitch before a jacket leaves the workshop",
        "Service update: the app is back up after this morning's outage. Thanks for your patience",
        "Poll: coffee or tea to start the day?",
    };

    private final List<String> keys = new ArrayList<>();
    private final List<Post> posts = new ArrayList<>();
    private final Map<String, String> lastIdByBrand = new LinkedHashMap<>();

    private Stream() {
    }

    /** {@code count} records over {@code brands} brands, about a fifth of them sales. */
    public static Stream generate(long seed, int brands, int count) {
        Stream s = new Stream();
        Random rnd = new Random(seed);
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        Map<String, Integer> perBrand = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String brand = "brand-" + rnd.nextInt(brands);
            int n = perBrand.merge(brand, 1, Integer::sum);
            Instant at = t0.plus(Duration.ofMinutes(i)).minus(Duration.ofMinutes(rnd.nextInt(600)));
            int kind = rnd.nextInt(100);
            if (kind < 3 && n > 2) {
                s.add(new Post(brand + "-" + rnd.nextInt(n - 1), brand, null, null, at, List.of(), null, true));
                continue;
            }
            String id = kind < 8 && n > 2 ? brand + "-" + rnd.nextInt(n - 1) : brand + "-" + n; // re-sent id
            boolean sales = rnd.nextInt(5) == 0;
            String text = (sales ? SALES[rnd.nextInt(SALES.length)] : VALUE[rnd.nextInt(VALUE.length)]) + " #" + i;
            s.add(new Post(id, brand, text, rnd.nextBoolean() ? "instagram" : "x", at, List.of(), null, false));
        }
        // end every brand with a fresh post so that completion is visible in its snapshot
        for (String brand : new ArrayList<>(perBrand.keySet())) {
            String id = brand + "-final";
            s.add(new Post(id, brand, VALUE[0], "x", t0.plus(Duration.ofMinutes(count + 1)), List.of(), null, false));
        }
        return s;
    }

    private void add(Post p) {
        keys.add(p.brand());
        posts.add(p);
        if (!p.deleted()) {
            lastIdByBrand.put(p.brand(), p.id());
        }
    }

    public int size() {
        return posts.size();
    }

    /** Records that are posts, not deletions: each gets exactly one classification. */
    public long publishedPosts() {
        return posts.stream().filter(p -> !p.deleted()).count();
    }

    public Map<String, String> lastIdByBrand() {
        return lastIdByBrand;
    }

    /** Publishes records {@code from} (inclusive) to {@code to} (exclusive) and waits for the acks. */
    public void publish(String bootstrap, Topics topics, int from, int to) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        // one request in flight: on this single fresh broker a first batch that fails while later
        // ones succeed leaves an idempotent producer retrying it out of order until it expires
        p.put("max.in.flight.requests.per.connection", "1");
        p.put("linger.ms", "20");
        p.put("batch.size", "131072");
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = from; i < to; i++) {
                acks.add(producer.send(new ProducerRecord<>(topics.posts.name(), keys.get(i), Json.write(posts.get(i)))));
            }
            producer.flush();
            for (Future<RecordMetadata> a : acks) {
                a.get();
            }
        }
    }

    /** True once every brand's latest snapshot names the brand's last post. */
    public boolean done(Map<String, BrandMix> latest) {
        for (Map.Entry<String, String> e : lastIdByBrand.entrySet()) {
            BrandMix m = latest.get(e.getKey());
            if (m == null || !e.getValue().equals(m.lastPostId())) {
                return false;
            }
        }
        return true;
    }

    /** Figures per brand recounted from the input and the labels the analyzer gave: {time posts, time sales, count posts, count sales}. */
    public Map<String, int[]> expected(List<ConsumerRecord<String, Classification>> classified) {
        // the label of each version of a post: the n-th classification of (brand, id) is its n-th version
        Map<String, List<Label>> labels = new HashMap<>();
        for (ConsumerRecord<String, Classification> r : classified) {
            labels.computeIfAbsent(r.value().brand() + "/" + r.value().postId(), k -> new ArrayList<>())
                    .add(r.value().label());
        }
        Map<String, Integer> versionSeen = new HashMap<>();
        Map<String, Map<String, Object[]>> live = new HashMap<>(); // brand -> id -> {Instant, Label}
        for (Post p : posts) {
            Map<String, Object[]> b = live.computeIfAbsent(p.brand(), k -> new HashMap<>());
            if (p.deleted()) {
                b.remove(p.id());
                continue;
            }
            String key = p.brand() + "/" + p.id();
            int v = versionSeen.merge(key, 1, Integer::sum) - 1;
            List<Label> ls = labels.get(key);
            if (ls == null || ls.size() <= v) {
                throw new AssertionError("no classification for version " + v + " of " + key);
            }
            b.put(p.id(), new Object[] {p.publishedAt(), ls.get(v)});
        }
        BrandPolicy policy = BrandPolicy.defaults("x");
        Map<String, int[]> out = new HashMap<>();
        live.forEach((brand, byId) -> {
            List<Map.Entry<String, Object[]>> ordered = new ArrayList<>(byId.entrySet());
            ordered.sort(Comparator.comparing((Map.Entry<String, Object[]> e) -> (Instant) e.getValue()[0])
                    .thenComparing(Map.Entry::getKey));
            Instant newest = ordered.isEmpty() ? Instant.EPOCH : (Instant) ordered.get(ordered.size() - 1).getValue()[0];
            Instant cutoff = newest.minus(policy.window());
            int tp = 0;
            int ts = 0;
            for (Map.Entry<String, Object[]> e : ordered) {
                if (((Instant) e.getValue()[0]).isAfter(cutoff)) {
                    tp++;
                    ts += e.getValue()[1] == Label.SALES ? 1 : 0;
                }
            }
            List<Map.Entry<String, Object[]>> last = ordered.subList(Math.max(0, ordered.size() - policy.lastPosts()),
                    ordered.size());
            int cs = (int) last.stream().filter(e -> e.getValue()[1] == Label.SALES).count();
            out.put(brand, new int[] {tp, ts, last.size(), cs});
        });
        return out;
    }

    /** Reads classifications, in order per brand. */
    public static List<ConsumerRecord<String, Classification>> classified(String bootstrap, Topics topics) {
        return Kafka.readToEnd(bootstrap, topics.classified.name(), Serdes.String().deserializer(),
                Topics.CLASSIFICATION_SERDE.deserializer());
    }

    /** The latest snapshot of every brand. */
    public static Map<String, BrandMix> mix(String bootstrap, Topics topics) {
        return Kafka.latestByKey(bootstrap, topics.mix.name(), Serdes.String().deserializer(),
                Topics.MIX_SERDE.deserializer());
    }

    /** Asserts that every brand's final snapshot equals the independent recount. */
    public void assertFinalMixExact(String bootstrap, Topics topics) {
        Map<String, int[]> expected = expected(classified(bootstrap, topics));
        Map<String, BrandMix> mix = mix(bootstrap, topics);
        List<String> wrong = new ArrayList<>();
        expected.forEach((brand, e) -> {
            BrandMix m = mix.get(brand);
            int[] got = m == null ? null : new int[] {m.timeWindow().posts(), m.timeWindow().sales(),
                m.countWindow().posts(), m.countWindow().sales()};
            if (!java.util.Arrays.equals(e, got)) {
                wrong.add(brand + " expected " + java.util.Arrays.toString(e) + " got " + java.util.Arrays.toString(got));
            }
        });
        if (!wrong.isEmpty()) {
            throw new AssertionError(wrong.size() + " of " + expected.size() + " brands differ: "
                    + wrong.subList(0, Math.min(5, wrong.size())));
        }
    }
}
