package dev.contentmix.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contentmix.events.InvalidRecordException;
import dev.contentmix.events.Json;
import dev.contentmix.events.Limits;
import dev.contentmix.events.Post;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads posts from JSONL (one JSON object a line) or CSV (a header row naming {@link #CSV_COLUMNS},
 * goals separated by {@code ;}). Each record comes out as an {@link Entry} with its line number and
 * either the post or the reason it is not one, so that a caller can report every bad line and go on.
 */
public abstract class PostReader implements Iterator<PostReader.Entry>, Closeable {
    /** CSV columns; id, brand and text are required. */
    public static final List<String> CSV_COLUMNS =
            List.of("id", "brand", "text", "channel", "publishedAt", "goals", "author", "deleted");

    /**
     * One record of the input.
     *
     * @param line  line number (1-based) where the record starts
     * @param post  the post, or null when the record is invalid or raw
     * @param raw   the line's bytes as they are (JSONL only), else null
     * @param key   raw mode: the brand when one can be read from the line, else null
     * @param error why the record is not a post, or null
     */
    public record Entry(long line, Post post, byte[] raw, String key, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Input formats. */
    public enum Format {
        JSONL, CSV;

        /** From a {@code --format} value. */
        public static Format parse(String s) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(s.strip())) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown format '" + s + "'; use jsonl or csv");
        }

        /** From a file name's extension, or null when it says nothing. */
        public static Format ofFileName(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
                return JSONL;
            }
            return n.endsWith(".csv") ? CSV : null;
        }
    }

    /** JSONL; {@code raw} skips validation and hands out each line's bytes with the brand as key when readable. */
    public static PostReader jsonl(InputStream in, boolean raw) {
        return new JsonLines(in, raw);
    }

    /**
     * CSV with a header row.
     *
     * @throws IllegalArgumentException when the header lacks a required column or names an unknown one
     */
    public static PostReader csv(InputStream in) {
        return new Csv(in);
    }

    /** The brand field of a JSON line, when the line is a JSON object with a non-blank string brand. */
    public static String brandOf(byte[] line) {
        try {
            JsonNode b = Json.MAPPER.readTree(line).get("brand");
            return b != null && b.isTextual() && !b.textValue().isBlank() ? b.textValue().strip() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Entry next;

    /** The next entry, or null at the end. */
    abstract Entry read() throws IOException;

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return next != null;
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Entry e = next;
        next = null;
        return e;
    }

    private static final class JsonLines extends PostReader {
        private final InputStream in;
        private final boolean raw;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private long line;

        JsonLines(InputStream in, boolean raw) {
            this.in = new BufferedInputStream(in, 64 * 1024);
            this.raw = raw;
        }

        @Override
        Entry read() throws IOException {
            while (true) {
                buf.reset();
                boolean tooLong = false;
                int c;
                while ((c = in.read()) != -1 && c != '\n') {
                    if (buf.size() <= Limits.MAX_RECORD_BYTES) { // past the limit the rest is skipped, not buffered
                        buf.write(c);
                    } else {
                        tooLong = true;
                    }
                }
                if (c == -1 && buf.size() == 0) {
                    return null;
                }
                line++;
                byte[] bytes = stripCr(buf.toByteArray());
                if (tooLong) {
                    return new Entry(line, null, null, null, "line has more than " + Limits.MAX_RECORD_BYTES
                            + " bytes, over the record limit");
                }
                if (isBlank(bytes)) {
                    continue;
                }
                if (raw) {
                    return new Entry(line, null, bytes, brandOf(bytes), null);
                }
                try {
                    return new Entry(line, Json.readPost(bytes), bytes, null, null);
                } catch (InvalidRecordException e) {
                    return new Entry(line, null, bytes, null, e.reason());
                }
            }
        }

        private static byte[] stripCr(byte[] b) {
            return b.length > 0 && b[b.length - 1] == '\r' ? java.util.Arrays.copyOf(b, b.length - 1) : b;
        }

        private static boolean isBlank(byte[] b) {
            for (byte x : b) {
                if (x != ' ' && x != '\t' && x != '\r') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final class Csv extends PostReader {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        /** Header name (lower case) to the contract's field name. */
        private final Map<String, String> columns = new TreeMap<>();
        private final int width;

        Csv(InputStream in) {
            // empty lines are kept so that line numbers stay exact; a record of one empty value is skipped below
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(false).setAllowMissingColumnNames(false).get();
            try {
                parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read the CSV header: " + oneLine(e.getMessage()));
            }
            List<String> header = parser.getHeaderNames();
            List<String> unknown = new ArrayList<>();
            for (String h : header) {
                String field = CSV_COLUMNS.stream().filter(c -> c.equalsIgnoreCase(h.strip())).findFirst().orElse(null);
                if (field == null) {
                    unknown.add(h);
                } else {
                    columns.put(h, field);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("CSV header has unknown column(s) " + unknown + "; expected "
                        + String.join(",", CSV_COLUMNS));
            }
            for (String required : List.of("id", "brand", "text")) {
                if (!columns.containsValue(required)) {
                    throw new IllegalArgumentException("CSV header lacks the required column '" + required
                            + "'; expected " + String.join(",", CSV_COLUMNS));
                }
            }
            width = header.size();
            records = parser.iterator();
        }

        @Override
        Entry read() {
            while (true) {
                long start = parser.getCurrentLineNumber() + 1;
                CSVRecord r;
                try {
                    if (!records.hasNext()) {
                        return null;
                    }
                    r = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    // the parser cannot go past a broken quote: report it and stop
                    String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                    return new Entry(start, null, null, null, "malformed CSV: " + oneLine(reason));
                }
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue;
                }
                if (r.size() != width) {
                    return new Entry(start, null, null, null, "has " + r.size() + " values, the header has " + width);
                }
                try {
                    return new Entry(start, Json.readPost(toJson(r)), null, null, null);
                } catch (InvalidRecordException e) {
                    return new Entry(start, null, null, null, e.reason());
                }
            }
        }

        /** The record as the JSON object of the contract, so that the same reader and reasons apply. */
        private ObjectNode toJson(CSVRecord r) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            columns.forEach((header, field) -> {
                String v = r.get(header);
                if (v.isEmpty()) {
                    return;
                }
                switch (field) {
                    case "goals" -> {
                        var goals = o.putArray("goals");
                        for (String g : v.split(";")) {
                            if (!g.isBlank()) {
                                goals.add(g.strip());
                            }
                        }
                    }
                    case "deleted" -> {
                        String d = v.strip().toLowerCase(Locale.ROOT);
                        if ("true".equals(d) || "false".equals(d)) {
                            o.put(field, Boolean.parseBoolean(d));
                        } else {
                            o.put(field, v); // Json.readPost names the problem
                        }
                    }
                    default -> o.put(field, v);
                }
            });
            return o;
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
