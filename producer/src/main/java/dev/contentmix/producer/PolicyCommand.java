package dev.contentmix.producer;

import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.InvalidRecordException;
import dev.contentmix.events.Json;
import dev.contentmix.events.cli.KafkaOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code contentmix policy set|show|list|delete}: brand policies on the compacted policies topic,
 * keyed by brand. Reading needs no consumer group: the topic is read from its start to its end.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Sets and shows brand policies (the sales-share limit, windows and declared goals).",
        subcommands = {PolicyCommand.SetPolicy.class, PolicyCommand.ShowPolicy.class,
            PolicyCommand.ListPolicies.class, PolicyCommand.DeletePolicy.class})
public final class PolicyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** How long reading the policies topic may take. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("contentmix policy: name a subcommand: set, show, list or delete");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "set", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Writes a brand's policy and prints it. The policy is replaced as a whole: options left "
                + "out take their defaults."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:policy written", "1:Kafka could not be reached", "2:usage error or invalid policy"})
    static final class SetPolicy implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOptions kafka;

        @Parameters(paramLabel = "BRAND")
        String brand;

        @Option(names = "--max-sales-share", paramLabel = "SHARE",
                description = "Highest acceptable share of sales posts, 0..1 (default 0.20).")
        Double maxSalesShare;

        @Option(names = "--window", paramLabel = "DURATION", description = "Time window, ISO-8601 (default P30D).")
        Duration window;

        @Option(names = "--last-posts", paramLabel = "N", description = "Count window: the last N posts (default 50).")
        Integer lastPosts;

        @Option(names = "--min-posts", paramLabel = "N",
                description = "Posts a window needs before it is judged (default 10).")
        Integer minPosts;

        @Option(names = "--goals", split = ",", paramLabel = "TAG", description = "Declared goal tags.")
        List<String> goals = List.of();

        @Option(names = "--rearm-below", paramLabel = "SHARE",
                description = "Share under which an over-selling alert re-arms (default: max sales share - 0.05).")
        Double rearmBelow;

        @Option(names = "--max-off-goal-share", paramLabel = "SHARE",
                description = "Share of off-goal posts that raises a goal-drift alert (default 0.30).")
        Double maxOffGoalShare;

        @Option(names = "--json", description = "Print the policy as JSON.")
        boolean json;

        @Option(names = "--no-create-topics", description = "Do not create missing contentmix topics.")
        boolean noCreateTopics;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            BrandPolicy policy;
            try {
                policy = new BrandPolicy(brand, maxSalesShare, window, lastPosts, minPosts, goals, rearmBelow,
                        maxOffGoalShare);
            } catch (InvalidRecordException e) {
                err.println("contentmix policy set: " + e.reason());
                return 2;
            }
            return run(spec, "set", () -> {
                PolicyTopic.write(kafka.clientSettings(), policy.brand(), policy, !noCreateTopics);
                PrintWriter out = spec.commandLine().getOut();
                if (!json) {
                    out.println("policy for " + policy.brand() + " set:");
                }
                print(out, policy, json);
                return 0;
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints a brand's policy, or the defaults when it has none.")
    static final class ShowPolicy implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOptions kafka;

        @Parameters(paramLabel = "BRAND")
        String brand;

        @Option(names = "--json", description = "Print the policy as JSON.")
        boolean json;

        @Override
        public Integer call() {
            return run(spec, "show", () -> {
                PrintWriter out = spec.commandLine().getOut();
                String key = brand.strip();
                BrandPolicy policy = PolicyTopic.readAll(kafka.clientSettings(), READ_TIMEOUT,
                        spec.commandLine().getErr()).get(key);
                if (policy == null) {
                    policy = BrandPolicy.defaults(key);
                    if (!json) {
                        out.println(key + " has no policy; the defaults apply:");
                    }
                }
                print(out, policy, json);
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Prints every brand's policy.")
    static final class ListPolicies implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--json", description = "Print JSON lines.")
        boolean json;

        @Override
        public Integer call() {
            return run(spec, "list", () -> {
                PrintWriter out = spec.commandLine().getOut();
                Map<String, BrandPolicy> all = PolicyTopic.readAll(kafka.clientSettings(), READ_TIMEOUT,
                        spec.commandLine().getErr());
                if (json) {
                    all.values().forEach(p -> out.println(Json.writeString(p)));
                } else if (all.isEmpty()) {
                    out.println("no policies; every brand gets the defaults (max sales share 20%, window P30D, "
                            + "last 50 posts, min 10 posts)");
                } else {
                    out.printf("%-24s %9s %7s %7s %6s %5s %9s  %s%n", "brand", "max sales", "rearm", "window",
                            "last", "min", "off-goal", "goals");
                    all.values().forEach(p -> out.printf(Locale.ROOT, "%-24s %9s %7s %7s %6d %5d %9s  %s%n",
                            p.brand(), pct(p.maxSalesShare()), pct(p.rearmBelow()), duration(p.window()),
                            p.lastPosts(), p.minPosts(), pct(p.maxOffGoalShare()),
                            p.goals().isEmpty() ? "-" : String.join(",", p.goals())));
                }
                return 0;
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Removes a brand's policy (a tombstone), so the defaults apply again.")
    static final class DeletePolicy implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOptions kafka;

        @Parameters(paramLabel = "BRAND")
        String brand;

        @Override
        public Integer call() {
            if (brand.isBlank()) {
                spec.commandLine().getErr().println("contentmix policy delete: BRAND is blank");
                return 2;
            }
            return run(spec, "delete", () -> {
                PolicyTopic.write(kafka.clientSettings(), brand.strip(), null, false);
                spec.commandLine().getOut().println("policy for " + brand.strip() + " deleted; the defaults apply");
                return 0;
            });
        }
    }

    private interface Action {
        int run();
    }

    /** Runs a Kafka action; an unreachable cluster or a bad config file is one line on stderr. */
    private static int run(CommandSpec spec, String verb, Action action) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            int code = action.run();
            spec.commandLine().getOut().flush();
            return code;
        } catch (IllegalArgumentException e) { // a config file that cannot be read
            err.println("contentmix policy " + verb + ": " + e.getMessage());
            return 2;
        } catch (IllegalStateException | KafkaException e) {
            err.println("contentmix policy " + verb + ": " + PostReader.oneLine(e.getMessage()));
            return 1;
        }
    }

    static void print(PrintWriter out, BrandPolicy p, boolean json) {
        if (json) {
            out.println(Json.writeString(p));
            return;
        }
        out.printf(Locale.ROOT, "  brand              %s%n", p.brand());
        out.printf(Locale.ROOT, "  max sales share    %s%n", pct(p.maxSalesShare()));
        out.printf(Locale.ROOT, "  rearm below        %s%n", pct(p.rearmBelow()));
        out.printf(Locale.ROOT, "  window             %s%n", duration(p.window()));
        out.printf(Locale.ROOT, "  last posts         %d%n", p.lastPosts());
        out.printf(Locale.ROOT, "  min posts          %d%n", p.minPosts());
        out.printf(Locale.ROOT, "  max off-goal share %s%n", pct(p.maxOffGoalShare()));
        out.printf(Locale.ROOT, "  goals              %s%n", p.goals().isEmpty() ? "(none)" : String.join(", ", p.goals()));
    }

    static String pct(double share) {
        String s = String.format(Locale.ROOT, "%.1f", share * 100);
        return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + "%";
    }

    /** P30D rather than Duration's PT720H. */
    static String duration(Duration d) {
        if (!d.isZero() && d.toSeconds() % 86_400 == 0) {
            return "P" + d.toDays() + "D";
        }
        return d.toString();
    }
}
