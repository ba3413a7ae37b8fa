package dev.contentmix.analyzer.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The metric-name reader the dashboard and rule checks rely on: it must neither miss nor invent names. */
class PromQlNamesTest {

    @Test
    void readsMetricNamesAndSkipsFunctionsLabelsRangesAndGrouping() {
        assertEquals(Set.of("contentmix_dead_letters_total", "contentmix_posts_classified_total"),
                PromQlNames.metricNames("sum by (reason) (rate(contentmix_dead_letters_total{reason=~\"a|b\"}[5m]))"
                        + " / (sum(rate(contentmix_posts_classified_total[$__rate_interval])) or vector(0)) > 0.05"));
        assertEquals(Set.of("contentmix_classification_lag_seconds"), PromQlNames.metricNames(
                "max(contentmix_classification_lag_seconds{quantile=\"0.99\"}) offset 5m > 1e3"));
        assertEquals(Set.of("up"), PromQlNames.metricNames("absent(up{job=\"contentmix-analyzer\"})"));
        assertEquals(Set.of("a_total", "b"), PromQlNames.metricNames(
                "sum(a_total) without (instance) * on (brand) group_left (x) b"));
    }

    @Test
    void readsRuleExpressionsOnOneLineAndInFoldedBlocks() {
        List<String> lines = List.of(
                "      - alert: A",
                "        expr: up == 0",
                "        for: 2m",
                "      - alert: B",
                "        expr: >-",
                "          sum(rate(x_total[10m]))",
                "          > 0.05",
                "        for: 10m");
        assertEquals(List.of("up == 0", "sum(rate(x_total[10m])) > 0.05"), RuleFiles.exprs(lines));
    }
}
