package dev.contentmix.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DashboardCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new DashboardCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void helpNamesTheOptionsAndTheLoopbackDefault() {
        assertEquals(0, run("--help"));
        String help = out.toString();
        assertTrue(help.contains("--bootstrap-servers"), help);
        assertTrue(help.contains("--host") && help.contains("default: 127.0.0.1"), help);
        assertTrue(help.contains("--port") && help.contains("default: 8080"), help);
    }

    @Test
    void aPortOutOfRangeIsAUsageErrorWithoutAStackTrace() {
        assertEquals(2, run("--port", "70000"));
        assertTrue(err.toString().contains("--port must be between 0 and 65535"), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    @Test
    void onlyLoopbackAddressesCountAsThisMachineOnly() {
        assertTrue(DashboardCommand.isLoopback("127.0.0.1"));
        assertTrue(DashboardCommand.isLoopback("::1"));
        assertFalse(DashboardCommand.isLoopback("0.0.0.0"));
    }
}
