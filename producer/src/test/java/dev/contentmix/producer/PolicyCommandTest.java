package dev.contentmix.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Validation happens before any connection: these run without a broker. */
class PolicyCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = new CommandLine(new PolicyCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "set acme --max-sales-share 1.5|field 'maxSalesShare' must be a share between 0 and 1, got 1.5",
        "set acme --max-sales-share 0.2 --rearm-below 0.3|field 'rearmBelow' (0.3) must not be above maxSalesShare (0.2)",
        "set acme --last-posts 0|field 'lastPosts' must be between 1 and 10000, got 0",
        "set acme --min-posts 0|field 'minPosts' must be at least 1, got 0",
        "set acme --window P400D|field 'window' must be between PT1S and P366D, got PT9600H",
        "set acme --goals 'Good,no spaces'|goal tag 'no spaces' has an invalid format",
        "set ' '|field 'brand' is blank"})
    void invalidPoliciesAreOneLineAndExitTwo(String args, String message) {
        assertEquals(2, run(split(args)));
        String e = err.toString().strip();
        assertTrue(e.startsWith("contentmix policy set: "), e);
        assertTrue(e.contains(message), e);
        assertEquals(1, e.lines().count(), e);
    }

    @Test
    void picocliParseErrorsExitTwo() {
        assertEquals(2, run("set", "acme", "--window", "thirty days"));
        assertEquals(2, run("set", "acme", "--max-sales-share", "lots"));
        assertEquals(2, run("set"));
        assertEquals(2, run("show"));
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run());
    }

    @Test
    void formatting() {
        assertEquals("P30D", PolicyCommand.duration(Duration.ofDays(30)));
        assertEquals("PT12H", PolicyCommand.duration(Duration.ofHours(12)));
        assertEquals("20%", PolicyCommand.pct(0.2));
        assertEquals("12.5%", PolicyCommand.pct(0.125));
    }

    /** Splits on spaces outside single quotes. */
    private static String[] split(String args) {
        return java.util.Arrays.stream(args.split(" (?=(?:[^']*'[^']*')*[^']*$)"))
                .map(s -> s.replace("'", "")).toArray(String[]::new);
    }
}
