package dev.contentmix.analyzer.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentmix.analyzer.AnalyzerApp;
import dev.contentmix.analyzer.classify.PostClassifier;
import dev.contentmix.analyzer.classify.Prediction;
import dev.contentmix.broker.EmbeddedKafka;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.Label;
import dev.contentmix.events.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real analyzer ({@link AnalyzerApp}, endpoint on a free port) on an embedded broker, seen the
 * way Prometheus, Grafana and the container health check see it.
 *
 * <p>Given the analyzer just started, when posts flow (ten for one brand, four of them ads, so the
 * brand goes over its 20 % limit; one blank post; one draft), then /health turns 200, the meters
 * move, promtool accepts the scrape, and every metric the dashboard and the alert rules read exists.
 */
class OpsEndpointIT {
    /**
     * Names the dashboard and the rules may read that the analyzer does not export: {@code up} is
     * Prometheus's own per-target series.
     */
    static final Set<String> NOT_FROM_THE_ANALYZER = Set.of("up");

    /** Stands in for the model so the alert is certain: a post containing "BUY" is an ad. */
    static final PostClassifier CLASSIFIER = new PostClassifier() {
        @Override
        public Prediction classify(String text) {
            boolean sales = text.contains("BUY");
            return new Prediction(sales ? Label.SALES : Label.VALUE, 0.9, List.of(sales ? "buy" : "tips"), "en");
        }

        @Override
        public String modelVersion() {
            return "ops-it-1";
        }
    };

    static final String BRAND = "acme";
    static final int GOOD_POSTS = 10;
    static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static EmbeddedKafka broker;
    static AnalyzerApp app;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static int healthAtStart;
    static Scrape before;
    static Scrape after;

    @BeforeAll
    static void givenTheAnalyzerAndAFewPostsFlowed() throws Exception {
        broker = EmbeddedKafka.startTemporary();
        KafkaSettings settings = KafkaSettings.load(null, Map.of(), broker.bootstrapServers());
        app = AnalyzerApp.start(AnalyzerApp.Options.of(settings, "ops-it", dir).withOpsPort(0), CLASSIFIER);
        healthAtStart = get("/health").statusCode();
        app.awaitRunning(DEADLINE);
        before = scrape();

        Topics topics = settings.topics();
        try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
            for (int i = 1; i <= GOOD_POSTS; i++) {
                String text = i % 3 == 1 ? "BUY two, get one free: code SPRING at acme.example/shop"
                        : "Five ways to keep your boots dry this winter, thread " + i + "/10";
                producer.send(new ProducerRecord<>(topics.posts.name(), BRAND, post(BRAND + "-" + i, text)));
            }
            producer.send(new ProducerRecord<>(topics.posts.name(), BRAND, post(BRAND + "-blank", "   ")));
            producer.send(new ProducerRecord<>(topics.drafts.name(), BRAND,
                    post("draft-1", "BUY now, last day of the sale")));
            producer.flush();
        }
        // wait for the effects of every record; on a timeout the last scrape stays for the assertions
        after = pollScrape(s -> s.sum("contentmix_posts_classified_total") >= before.sum(
                "contentmix_posts_classified_total") + GOOD_POSTS
                && s.sum("contentmix_dead_letters_total") >= 1
                && s.sum("contentmix_alerts_fired_total") >= 1
                && s.sum("contentmix_drafts_checked_total") >= 1
                // a brand's gauges follow its snapshot, written once per commit: wait for the one after the last post
                && s.sum("contentmix_brand_posts", Map.of("brand", BRAND)) >= GOOD_POSTS
                && s.sum("contentmix_brand_over", Map.of("brand", BRAND)) == 1.0);
        Path out = Path.of("target", "ops");
        Files.createDirectories(out);
        Files.writeString(out.resolve("analyzer-scrape.txt"), after.text());
    }

    @AfterAll
    static void closeEverything() {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void healthIsDownOrUpWhileStartingAndUpWhenRunning() throws Exception {
        assertTrue(healthAtStart == 503 || healthAtStart == 200, "health at start: " + healthAtStart);
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("RUNNING"), health.body());
        assertEquals(200, get("/health/live").statusCode());
    }

    @Test
    void metersMoveWhenPostsFlow() {
        double classified = after.sum("contentmix_posts_classified_total")
                - before.sum("contentmix_posts_classified_total");
        assertEquals(GOOD_POSTS, classified, 0.0, "posts classified (drafts are not posts)");
        assertEquals(1.0, after.sum("contentmix_dead_letters_total", Map.of("reason", "blank_field")), 0.0);
        assertEquals(1.0, after.sum("contentmix_alerts_fired_total", Map.of("type", "over_selling")), 0.0);
        assertEquals(1.0, after.sum("contentmix_brand_over", Map.of("brand", BRAND)), 0.0, "acme is over");
        assertEquals(0.4, after.sum("contentmix_brand_sales_share_ratio", Map.of("brand", BRAND)), 1e-9);
        assertEquals(0.2, after.sum("contentmix_brand_sales_limit_ratio", Map.of("brand", BRAND)), 1e-9);
        assertEquals(GOOD_POSTS, after.sum("contentmix_brand_posts", Map.of("brand", BRAND)), 0.0);
        assertTrue(after.sum("contentmix_classification_time_seconds_count") >= GOOD_POSTS);
        assertTrue(after.has("contentmix_model_info", Map.of("version", "ops-it-1")));
    }

    @Test
    void promtoolAcceptsTheScrape() throws Exception {
        Path promtool = OpsFiles.tool("promtool").orElse(null);
        assumeTrue(promtool != null, "promtool not installed (Debian: apt-get install prometheus)");
        OpsFiles.Result r = OpsFiles.run(dir, after.text(), List.of(promtool.toString(), "check", "metrics"));
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void theDashboardReadsOnlyMetricsTheAnalyzerExports() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(OpsFiles.dashboard().toFile());
        List<String> exprs = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));
        assertTrue(exprs.size() >= 6, "the dashboard has queries: " + exprs);
        // template variables: label_values(metric, label)
        dashboard.path("templating").path("list").forEach(v -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("label_values\\(\\s*([a-zA-Z_:][\\w:]*)")
                    .matcher(v.path("definition").asText());
            if (m.find()) {
                exprs.add(m.group(1));
            }
        });
        assertAllExported(exprs, "dashboard");
    }

    @Test
    void theAlertRulesReadOnlyMetricsTheAnalyzerExports() throws IOException {
        List<String> exprs = RuleFiles.exprs(Files.readAllLines(OpsFiles.rules()));
        assertTrue(exprs.size() >= 6, "the rules have expressions: " + exprs);
        assertAllExported(exprs, "alert rules");
    }

    private static void assertAllExported(List<String> exprs, String what) {
        Set<String> exported = after.names();
        Set<String> missing = new TreeSet<>();
        for (String expr : exprs) {
            for (String name : PromQlNames.metricNames(expr)) {
                if (!exported.contains(name) && !NOT_FROM_THE_ANALYZER.contains(name)) {
                    missing.add(name + " (in: " + expr + ")");
                }
            }
        }
        assertTrue(missing.isEmpty(), what + " read metrics the analyzer does not export: " + missing);
    }

    private static String post(String id, String text) {
        return "{\"id\":\"" + id + "\",\"brand\":\"" + BRAND + "\",\"text\":\"" + text + "\"}";
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.opsPort() + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static Scrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        return Scrape.parse(r.body());
    }

    private static Scrape pollScrape(Predicate<Scrape> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Scrape s = scrape();
        while (!done.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(200); // polling interval, not synchronisation: the condition decides
            s = scrape();
        }
        return s;
    }
}
