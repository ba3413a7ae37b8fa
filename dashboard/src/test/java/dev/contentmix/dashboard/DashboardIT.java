package dev.contentmix.dashboard;

import static dev.contentmix.dashboard.Samples.mix;
import static dev.contentmix.dashboard.Samples.overSelling;
import static dev.contentmix.dashboard.Samples.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.contentmix.broker.EmbeddedKafka;
import dev.contentmix.events.AlertType;
import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.Label;
import dev.contentmix.events.MixAlert;
import dev.contentmix.events.TopicSetup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium against a real broker: the test writes mix snapshots,
 * alerts and classifications to the topics (no analyzer) and watches the page change without a reload.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}; skipped when they are not installed.
 * With {@code -Ddashboard.screenshot=PATH} it also saves the final page there (how docs/dashboard.png
 * is made); it always saves one under target/.
 */
class DashboardIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Event times: a month of history ending now-ish, fixed to the minute so screenshots look alike. */
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.HOURS);

    @TempDir
    Path profile;

    @Test
    void showsEveryBrandFollowsNewSnapshotsAndShowsAnOverSellingAlert() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), null, Map.of());
            TopicSetup.ensure(settings.clientProperties(), settings.topics(), 2, (short) 1);
            try (Publisher pub = new Publisher(settings)) {
                // given: four brands with a month of history, one not judged yet, and one unreadable record
                history(pub);
                pub.raw(pub.topics().mix, "broken", "{not json".getBytes(StandardCharsets.UTF_8)).flush();

                try (DashboardServer server = DashboardServer.start(settings, "127.0.0.1", 0)) {
                    WebDriver driver = chromium(profile);
                    try {
                        driver.get(server.url());
                        WebDriverWait wait = new WebDriverWait(driver, WAIT);
                        JavascriptExecutor js = (JavascriptExecutor) driver;

                        // then: the page lists the brands of the stream, coloured by zone
                        wait.until(d -> brands(js).size() == 5);
                        assertEquals(Map.of("Acme Outdoor", "WITHIN", "Globex Foods", "CLOSE", "Hooli", "INSUFFICIENT_DATA",
                                "Initech", "WITHIN", "Umbrella Retail", "WITHIN"), brands(js));
                        assertEquals("10.0%", share(js, "Acme Outdoor"));
                        wait.until(d -> server.feedStatus().badRecords() == 1);
                        // a marker that a reload would wipe: everything below must arrive without one
                        js.executeScript("window.notReloaded = true;");

                        // when: a new snapshot of Acme arrives, its share changes in place
                        pub.mix(mix("Acme Outdoor", 3, 20, 0.20, END.plus(1, ChronoUnit.HOURS))).flush();
                        wait.until(d -> "15.0%".equals(share(js, "Acme Outdoor")));
                        assertEquals("CLOSE", zone(js, "Acme Outdoor"));

                        // when: Umbrella's detail is open and it crosses its limit
                        // rows are re-rendered as snapshots arrive: a row found a moment ago may be gone, so retry the click
                        wait.ignoring(StaleElementReferenceException.class).until(d -> {
                            row(d, "Umbrella Retail").click();
                            return true;
                        });
                        wait.until(d -> "Umbrella Retail".equals(d.findElement(By.id("detail-title")).getText())
                                && !d.findElements(By.cssSelector("#posts tbody tr")).isEmpty());
                        long pointsBefore = chartPoints(js);
                        crossTheLine(pub);

                        // then: the row turns red, the alert shows in the feed and in the brand's list, the chart grows
                        wait.until(d -> "OVER".equals(zone(js, "Umbrella Retail")));
                        WebElement alert = wait.until(d -> d.findElements(By.cssSelector(
                                "#alerts li[data-type='OVER_SELLING'][data-brand='Umbrella Retail']")).stream()
                                .findFirst().orElse(null));
                        assertTrue(alert.getText().contains("26% sales"), alert.getText());
                        wait.until(d -> !d.findElements(By.cssSelector("#brand-alerts li[data-type='OVER_SELLING']")).isEmpty());
                        wait.until(d -> chartPoints(js) == pointsBefore + 3);
                        wait.until(d -> d.findElement(By.cssSelector("#posts tbody tr")).getText().contains("20% off"));
                        assertEquals("Over", driver.findElement(By.id("detail-status")).getText());
                        assertEquals(Boolean.TRUE, js.executeScript("return window.notReloaded === true;"));

                        screenshot(driver, js);
                    } finally {
                        driver.quit();
                    }
                }
            }
        }
    }

    /** A month of daily snapshots for four brands, their posts, and Hooli with too few posts to judge. */
    private static void history(Publisher pub) {
        Instant start = END.minus(30, ChronoUnit.DAYS);
        for (int day = 0; day <= 30; day++) {
            Instant t = start.plus(day, ChronoUnit.DAYS);
            int n = 20 + day;
            pub.mix(mix("Acme Outdoor", share(n, 0.08 + 0.03 * Math.sin(day / 3.0)), n, 0.20, t));
            pub.mix(mix("Globex Foods", share(n, 0.12 + day * 0.002), n, 0.20, t));
            pub.mix(mix("Initech", share(n, 0.05), n, 0.25, t));
            // its last 50 posts run ahead of the month: the recent trend is up
            pub.mix(mix("Umbrella Retail", share(n, 0.06 + day * 0.0033), n, 0.20, t,
                    share(50, 0.08 + day * 0.0035 + 0.015 * Math.sin(day / 2.0)), 50));
        }
        // the last snapshot of each brand sets round figures
        pub.mix(mix("Acme Outdoor", 2, 20, 0.20, END));
        pub.mix(mix("Globex Foods", 9, 50, 0.20, END));
        pub.mix(mix("Initech", 2, 40, 0.25, END));
        pub.mix(mix("Umbrella Retail", 7, 50, 0.20, END));
        pub.mix(mix("Hooli", 2, 6, 0.20, END));
        pub.alert(overSelling("Globex Foods", 0.22, 0.20, END.minus(9, ChronoUnit.DAYS)));
        pub.alert(new MixAlert("Globex Foods", AlertType.BACK_WITHIN,
                0.145, 0.20, "P30D", "g-back", END.minus(6, ChronoUnit.DAYS),
                "Globex Foods: back within the guideline, 14.5% sales over the last 30 days (limit 20%); "
                        + "room for 3 more sales posts"));
        String[][] umbrella = {
            {"VALUE", "how to", "rain gear guide"}, {"VALUE", "tips", "care"}, {"SALES", "shop now", "new collection"},
            {"VALUE", "behind the scenes"}, {"VALUE", "community", "thank you"}, {"SALES", "buy", "free shipping"},
        };
        for (int i = 0; i < umbrella.length; i++) {
            String[] p = umbrella[i];
            pub.post(post("Umbrella Retail", "umb-" + (i + 1), Label.valueOf(p[0]), END.minus(6 - i, ChronoUnit.HOURS),
                    Arrays.copyOfRange(p, 1, p.length)));
        }
        pub.post(post("Acme Outdoor", "acme-1", Label.VALUE, END, "trail guide"));
        pub.flush();
    }

    private static int share(int posts, double share) {
        return (int) Math.round(posts * share);
    }

    /** Three sales posts push Umbrella from 14% to 26%; the analyzer would raise the alert at the crossing. */
    private static void crossTheLine(Publisher pub) {
        String[][] posts = {{"limited time", "sale"}, {"20% off", "today only"}, {"20% off", "shop now", "last chance"}};
        for (int i = 0; i < 3; i++) {
            Instant t = END.plus(10 * (i + 1), ChronoUnit.MINUTES);
            pub.post(post("Umbrella Retail", "umb-sale-" + (i + 1), Label.SALES, t, posts[i]));
            pub.mix(mix("Umbrella Retail", 9 + i * 2, 50 + i, 0.20, t));
        }
        // the snapshots above go 18%, 21.6%, 25.5%: over from the second on
        pub.mix(mix("Umbrella Retail", 13, 50, 0.20, END.plus(30, ChronoUnit.MINUTES)));
        pub.alert(overSelling("Umbrella Retail", 0.26, 0.20, END.plus(30, ChronoUnit.MINUTES)));
        pub.flush();
    }

    private static WebDriver chromium(Path userData) {
        // a fresh profile per run; the driver and the browser are named explicitly, so Selenium Manager never looks for (or downloads) one
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--window-size=1440,1000",
                "--user-data-dir=" + userData);
        return new ChromeDriver(service, options);
    }

    /** Brand to zone, read in one go by the page's own script, so a row re-rendered meanwhile cannot go stale. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> brands(JavascriptExecutor js) {
        return (Map<String, String>) js.executeScript("const m = {};"
                + "for (const tr of document.querySelectorAll('#brands tbody tr')) m[tr.dataset.brand] = tr.dataset.zone;"
                + "return m;");
    }

    private static String zone(JavascriptExecutor js, String brand) {
        return brands(js).get(brand);
    }

    private static String share(JavascriptExecutor js, String brand) {
        return (String) js.executeScript("const tr = [...document.querySelectorAll('#brands tbody tr')]"
                + ".find(r => r.dataset.brand === arguments[0]);"
                + "return tr ? tr.querySelector('.share .value').textContent : null;", brand);
    }

    private static WebElement row(WebDriver d, String brand) {
        return d.findElements(By.cssSelector("#brands tbody tr")).stream()
                .filter(tr -> brand.equals(tr.getDomAttribute("data-brand"))).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + brand));
    }

    private static long chartPoints(JavascriptExecutor js) {
        Object n = js.executeScript("const c = Chart.getChart('share-chart'); return c ? c.data.datasets[0].data.length : -1;");
        return ((Number) n).longValue();
    }

    private void screenshot(WebDriver driver, JavascriptExecutor js) throws Exception {
        // the whole page, not only the window: Chrome's own full-page capture, through the DevTools protocol
        long width = ((Number) js.executeScript("return document.documentElement.scrollWidth;")).longValue();
        long height = ((Number) js.executeScript("return document.documentElement.scrollHeight;")).longValue();
        Map<String, Object> shot = ((ChromeDriver) driver).executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        Path target = Files.createDirectories(Path.of("target")).resolve("dashboard.png");
        Files.write(target, png);
        String wanted = System.getProperty("dashboard.screenshot");
        if (wanted != null && !wanted.isBlank()) {
            Files.write(Path.of(wanted), png);
        }
        assertTrue(Files.size(target) > 10_000, "screenshot too small");
    }
}
