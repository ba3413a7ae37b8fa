package dev.contentmix.producer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The demo's bundled feed, {@value #RESOURCE} on the classpath: JSONL posts of several brands over a
 * few weeks, one brand that over-sells and recovers, and two malformed lines. Its shape is described
 * in {@code demo/README.md} next to it.
 */
public final class SampleFeed {
    public static final String RESOURCE = "demo/sample-feed.jsonl";

    private SampleFeed() {
    }

    /** Opens the feed; the caller closes the stream. */
    public static InputStream open() {
        InputStream in = SampleFeed.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the bundled sample feed " + RESOURCE + " is missing from the build");
        }
        return in;
    }

    /** The feed's non-blank lines, as they are (the malformed ones included). */
    public static List<String> lines() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(), StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
