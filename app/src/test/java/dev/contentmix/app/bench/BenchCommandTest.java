package dev.contentmix.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Option mistakes end in one line and exit code 2, before any broker starts. */
class BenchCommandTest {

    private record Result(int code, String err) {
    }

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new BenchCommand());
        cmd.setErr(new PrintWriter(err));
        cmd.setOut(new PrintWriter(new StringWriter()));
        int code = cmd.execute(args);
        return new Result(code, err.toString());
    }

    @Test
    void unknownPartIsNamed() {
        Result r = run("--only", "throughput,latncy");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown part in --only: [latncy]"), r.err());
        assertTrue(r.err().lines().count() == 1, r.err());
    }

    @Test
    void windowBeyondThePolicyLimitIsRefused() {
        Result r = run("--windows", "50,20000");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--windows between 1 and 10000"), r.err());
    }

    @Test
    void nonPositiveSizesAreRefused() {
        assertEquals(2, run("--posts", "0").code());
        assertEquals(2, run("--latency-rates", "0,-5").code());
    }
}
