package dev.contentmix.app;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/**
 * {@code ./contentmix <command>}: one entry point for every command of the analyzer and the
 * producer. Exit codes: 0 success, 1 a failure or a finding (see each command), 2 a usage error.
 * A user's mistake gets one line, never a stack trace; {@code CONTENTMIX_DEBUG=1} shows them.
 */
@Command(name = "contentmix", mixinStandardHelpOptions = true, version = "contentmix 0.1.0",
        description = "Watches the sales/value mix of brands' posts against the 80/20 guideline, live on Kafka.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure, or a finding (rejected lines, drafts over the guideline)",
            "2:usage error"})
public final class ContentMix {

    private ContentMix() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests drive it with setOut/setErr and execute. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ContentMix());
        Commands.addAll(cl);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println(commandLine.getColorScheme().errorText("contentmix " + commandLine.getCommandName()
                    + ": " + message(ex)));
            if (debug()) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        cl.setParameterExceptionHandler((ParameterException ex, String[] a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(ex.getMessage());
            err.println("See '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        return cl;
    }

    static String message(Throwable ex) {
        Throwable t = ex;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static boolean debug() {
        String d = System.getenv("CONTENTMIX_DEBUG");
        return d != null && !d.isBlank() && !"0".equals(d) && !"false".equals(d.toLowerCase(Locale.ROOT));
    }
}
