package dev.contentmix.analyzer.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentmix.events.Json;
import dev.contentmix.events.Label;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Labelled posts read from JSON Lines: one object per line with at least {@code text} and
 * {@code label} ({@code sales}/{@code value}, any case); {@code id}, {@code difficulty}, {@code lang},
 * {@code industry} and {@code channel} are optional. A directory is read recursively, every
 * {@code *.jsonl} in path order, so that the same files always give the same sequence of posts.
 * Lines that cannot be used are not fatal: each becomes a one-line {@link #problems() problem}
 * naming the file and line.
 *
 * <p>The held-out split lives here and only here: a post is held out when the first byte of
 * SHA-256 of its id, mod 5, is 0 (about 20%). It depends on nothing but the id, so adding posts
 * never moves an old post from one side to the other, and no training run can see a held-out post.
 */
public final class Corpus {

    private final List<LabeledPost> posts;
    private final List<String> problems;

    private Corpus(List<LabeledPost> posts, List<String> problems) {
        this.posts = List.copyOf(posts);
        this.problems = List.copyOf(problems);
    }

    /** Builds a corpus from posts already in memory (tests, subsets). */
    public static Corpus of(List<LabeledPost> posts) {
        return new Corpus(posts, List.of());
    }

    /** Reads a {@code .jsonl} file, or every {@code .jsonl} under a directory. */
    public static Corpus load(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file or directory");
        }
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jsonl"))
                        .sorted()
                        .forEach(files::add);
            }
        } else {
            files.add(path);
        }
        List<LabeledPost> posts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                read(reader, file.toString(), posts, problems);
            }
        }
        return new Corpus(posts, problems);
    }

    /** Reads JSON Lines from a reader; {@code source} names it in problems and default ids. */
    public static Corpus read(Reader reader, String source) throws IOException {
        List<LabeledPost> posts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        read(reader instanceof BufferedReader b ? b : new BufferedReader(reader), source, posts, problems);
        return new Corpus(posts, problems);
    }

    private static void read(BufferedReader reader, String source, List<LabeledPost> posts, List<String> problems)
            throws IOException {
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                posts.add(parse(line, source + ":" + number));
            } catch (IllegalArgumentException e) {
                problems.add(source + ":" + number + ": " + e.getMessage());
            }
        }
    }

    /** Parses one line; throws IllegalArgumentException with a readable reason. */
    static LabeledPost parse(String line, String defaultId) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String text = text(node, "text");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing or blank 'text'");
        }
        String rawLabel = text(node, "label");
        if (rawLabel == null) {
            throw new IllegalArgumentException("missing 'label' (sales or value)");
        }
        Label label = Label.parse(rawLabel);
        String id = text(node, "id");
        return new LabeledPost(id == null || id.isBlank() ? defaultId : id, text, label,
                lower(text(node, "difficulty")), lower(text(node, "lang")), text(node, "industry"), text(node, "channel"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    /** True for the fixed ~20% held-out part: first byte of SHA-256(id) mod 5 == 0. */
    public static boolean isHeldOut(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return (hash[0] & 0xFF) % 5 == 0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    public List<LabeledPost> all() {
        return posts;
    }

    /** The posts a model may learn from. */
    public List<LabeledPost> training() {
        return posts.stream().filter(p -> !isHeldOut(p.id())).toList();
    }

    /** The posts no shipped model has seen. */
    public List<LabeledPost> heldOut() {
        return posts.stream().filter(p -> isHeldOut(p.id())).toList();
    }

    /** One line per unusable input line: {@code file:line: reason}. */
    public List<String> problems() {
        return problems;
    }

    public int size() {
        return posts.size();
    }
}
