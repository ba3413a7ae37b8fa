package dev.contentmix.producer;

import dev.contentmix.events.KafkaSettings;
import dev.contentmix.events.cli.KafkaOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code contentmix publish FILE|-}: posts from a JSONL or CSV file, or stdin, to {@code contentmix.posts},
 * keyed by brand. Bad lines are reported one line each on stderr and skipped; the summary goes to stdout.
 */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publishes posts from a JSONL or CSV file, or stdin (-), to the posts topic, keyed by brand.",
            "CSV needs a header row: id,brand,text,channel,publishedAt,goals,author,deleted (id, brand and text "
                + "required; goals separated by ';'). Each bad line is reported with its number and reason, and "
                + "the rest is published."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every line was sent", "1:a line was rejected or could not be sent",
            "2:usage error (missing file, unknown format...)"})
public final class PublishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(paramLabel = "FILE|-", description = "JSONL or CSV file; - reads stdin.")
    String file;

    @Option(names = "--format", paramLabel = "jsonl|csv",
            description = "Input format (default: from the file's extension; jsonl for stdin).")
    String format;

    @Option(names = "--fail-fast", description = "Stop at the first bad line.")
    boolean failFast;

    @Option(names = "--raw", description = "JSONL only: send every non-empty line's bytes as they are, unvalidated "
            + "(keyed by its brand when one can be read), to exercise the analyzer's dead-letter handling.")
    boolean raw;

    @Option(names = "--no-create-topics", description = "Do not create missing contentmix topics.")
    boolean noCreateTopics;

    private final Function<KafkaSettings, PostSink> sinks;

    public PublishCommand() {
        this(null);
    }

    /** With another sink than Kafka, for tests; null means Kafka. */
    PublishCommand(Function<KafkaSettings, PostSink> sinks) {
        this.sinks = sinks;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PostReader.Format fmt;
        try {
            fmt = resolveFormat();
        } catch (IllegalArgumentException e) {
            err.println("contentmix publish: " + e.getMessage());
            return 2;
        }
        InputStream in;
        try {
            in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file));
        } catch (NoSuchFileException e) {
            err.println("contentmix publish: no such file: " + file);
            return 2;
        } catch (AccessDeniedException e) {
            err.println("contentmix publish: cannot read " + file + ": permission denied");
            return 2;
        } catch (IOException e) {
            err.println("contentmix publish: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        try (PostReader reader = fmt == PostReader.Format.CSV ? PostReader.csv(in) : PostReader.jsonl(in, raw)) {
            PostSink sink;
            try {
                sink = sinks != null ? sinks.apply(kafka.clientSettings())
                        : PostPublisher.open(kafka.clientSettings(), !noCreateTopics);
            } catch (IllegalStateException | KafkaException e) {
                err.println("contentmix publish: " + PostReader.oneLine(e.getMessage()));
                return 1;
            }
            try (sink) {
                return publish(reader, sink, out, err);
            }
        } catch (IllegalArgumentException e) { // CSV header
            err.println("contentmix publish: " + e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("contentmix publish: cannot read " + file + ": " + PostReader.oneLine(e.getMessage()));
            return 1;
        }
    }

    private int publish(PostReader reader, PostSink sink, PrintWriter out, PrintWriter err) {
        long rejected = 0;
        while (reader.hasNext()) {
            PostReader.Entry e = reader.next();
            if (!e.ok()) {
                rejected++;
                err.println("line " + e.line() + ": " + e.error());
                if (failFast) {
                    err.println("stopped at line " + e.line() + " (--fail-fast)");
                    break;
                }
            } else if (raw) {
                sink.sendRaw(e.key(), e.raw());
            } else {
                sink.send(e.post());
            }
        }
        sink.flush();
        if (sink.failed() > 0) {
            err.println(sink.failed() + " record(s) could not be sent; first error: "
                    + PostReader.oneLine(sink.firstError()));
        }
        out.println("sent " + sink.sent() + ", rejected " + rejected + (sink.failed() > 0 ? ", failed " + sink.failed() : ""));
        out.flush();
        err.flush();
        return rejected + sink.failed() > 0 ? 1 : 0;
    }

    private PostReader.Format resolveFormat() {
        PostReader.Format fmt;
        if (format != null) {
            fmt = PostReader.Format.parse(format);
        } else if ("-".equals(file)) {
            fmt = PostReader.Format.JSONL;
        } else {
            fmt = PostReader.Format.ofFileName(file);
            if (fmt == null) {
                throw new IllegalArgumentException("cannot tell the format of " + file
                        + " from its extension; use --format jsonl or --format csv");
            }
        }
        if (raw && fmt != PostReader.Format.JSONL) {
            throw new IllegalArgumentException("--raw works with JSONL input only");
        }
        return fmt;
    }
}
