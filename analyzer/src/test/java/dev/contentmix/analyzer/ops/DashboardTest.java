package dev.contentmix.analyzer.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The provisioned Grafana dashboard is loadable: valid JSON, unique panel ids, a query on every
 * panel, and every query on the datasource that provisioning creates. That the queries read metrics
 * the analyzer really exports is checked against a live scrape in {@link OpsEndpointIT}.
 */
class DashboardTest {
    private static final Set<String> PANELS_WITHOUT_QUERIES = Set.of("row");

    @Test
    void everyPanelQueriesTheProvisionedPrometheus() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(OpsFiles.dashboard().toFile());
        String uid = provisionedDatasourceUid();
        assertEquals("contentmix-overview", dashboard.path("uid").asText(), "a stable uid keeps links working");

        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertTrue(ids.add(panel.path("id").asInt()), "duplicate panel id in " + title);
            JsonNode grid = panel.path("gridPos");
            assertTrue(grid.path("w").asInt() > 0 && grid.path("x").asInt() + grid.path("w").asInt() <= 24,
                    "panel fits the 24-column grid: " + title);
            if (PANELS_WITHOUT_QUERIES.contains(panel.path("type").asText())) {
                continue;
            }
            assertEquals(uid, panel.path("datasource").path("uid").asText(), "panel datasource: " + title);
            assertFalse(panel.path("targets").isEmpty(), "panel without a query: " + title);
            for (JsonNode target : panel.path("targets")) {
                assertFalse(target.path("expr").asText().isBlank(), "empty query in " + title);
                assertEquals(uid, target.path("datasource").path("uid").asText(), "query datasource: " + title);
                queries++;
            }
        }
        assertTrue(queries >= 6, "queries: " + queries);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            assertEquals(uid, variable.path("datasource").path("uid").asText(), "variable " + variable.path("name"));
        }
    }

    @Test
    void theDashboardShowsWhatOperatorsAskFor() throws IOException {
        String json = Files.readString(OpsFiles.dashboard());
        for (String metric : new String[] {"contentmix_brand_sales_share_ratio", "contentmix_brand_sales_limit_ratio",
            "contentmix_alerts_fired_total", "contentmix_posts_classified_total", "contentmix_classification_lag_seconds",
            "kafka_consumer_fetch_manager_records_lag_max", "contentmix_dead_letters_total",
            "contentmix_drafts_checked_total"}) {
            assertTrue(json.contains(metric), "the dashboard shows " + metric);
        }
    }

    private static String provisionedDatasourceUid() throws IOException {
        String yml = Files.readString(OpsFiles.root().resolve("ops/grafana/provisioning/datasources/prometheus.yml"));
        Matcher m = Pattern.compile("(?m)^\\s*uid:\\s*(\\S+)\\s*$").matcher(yml);
        assertTrue(m.find(), "the provisioned datasource has a fixed uid");
        return m.group(1);
    }
}
