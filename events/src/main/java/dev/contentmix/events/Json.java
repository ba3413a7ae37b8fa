package dev.contentmix.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON mapper of the project, and hand-written readers for the input records, which must
 * explain in plain words what is wrong with a record instead of surfacing a Jackson stack trace.
 */
public final class Json {
    /** Shared, thread-safe. Times as ISO-8601 strings, unknown fields ignored, nulls left out. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new BlackbirdModule())
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(Limits.MAX_RECORD_BYTES).build());
    }

    private Json() {
    }

    /** Serialises any event to UTF-8 JSON. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Serialises any event to a JSON string. */
    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses bytes into a JSON object, or throws an {@link InvalidRecordException} with a readable reason. */
    public static JsonNode object(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidRecordException("empty record value (null)");
        }
        if (bytes.length > Limits.MAX_RECORD_BYTES) {
            throw new InvalidRecordException("record value has " + bytes.length + " bytes, over the limit of "
                    + Limits.MAX_RECORD_BYTES);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidRecordException("not valid JSON: " + firstLine(e), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidRecordException("empty record value");
        }
        if (!node.isObject()) {
            throw new InvalidRecordException("not a JSON object (got " + node.getNodeType().toString().toLowerCase(
                    java.util.Locale.ROOT) + ")");
        }
        return node;
    }

    /** Reads a {@link Post} from JSON bytes; every problem is an {@link InvalidRecordException}. */
    public static Post readPost(byte[] bytes) {
        return readPost(object(bytes));
    }

    /** Reads a {@link Post} from a parsed JSON object. */
    public static Post readPost(JsonNode o) {
        return new Post(
                string(o, "id"),
                string(o, "brand"),
                string(o, "text"),
                string(o, "channel"),
                instant(o, "publishedAt"),
                stringList(o, "goals"),
                string(o, "author"),
                bool(o, "deleted"));
    }

    /** Reads a {@link BrandPolicy}; absent fields take their defaults. */
    public static BrandPolicy readPolicy(byte[] bytes) {
        JsonNode o = object(bytes);
        return new BrandPolicy(
                string(o, "brand"),
                number(o, "maxSalesShare"),
                duration(o, "window"),
                integer(o, "lastPosts"),
                integer(o, "minPosts"),
                stringList(o, "goals"),
                number(o, "rearmBelow"),
                number(o, "maxOffGoalShare"));
    }

    static String string(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isNumber() && ("id".equals(field))) {
            return n.asText();
        }
        throw new InvalidRecordException("field '" + field + "' must be a string, got " + type(n));
    }

    static boolean bool(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new InvalidRecordException("field '" + field + "' must be true or false, got " + type(n));
        }
        return n.booleanValue();
    }

    static Double number(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new InvalidRecordException("field '" + field + "' must be a number, got " + type(n));
        }
        return n.doubleValue();
    }

    static Integer integer(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new InvalidRecordException("field '" + field + "' must be a whole number, got " + type(n));
        }
        return n.intValue();
    }

    static Instant instant(JsonNode o, String field) {
        String s = string(o, field);
        if (s == null || s.isBlank()) {
            return null;
        }
        Instant plain = plainUtc(s);
        if (plain != null) {
            return plain;
        }
        try {
            return Instant.parse(s.strip());
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s.strip()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new InvalidRecordException("field '" + field + "' is not an ISO-8601 time: '"
                        + Post.abbreviate(s) + "' (example: 2026-03-01T09:30:00Z)");
            }
        }
    }

    /**
     * The common form, {@code 2026-03-01T09:30:00Z} with or without a fraction of a second, read
     * directly ({@code Instant.parse} costs a few microseconds a post); null for anything else, which
     * the full parser then reads or explains.
     */
    static Instant plainUtc(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(s, 20, n - 1);
            for (int k = fraction; k < 9 && nanos >= 0; k++) {
                nanos *= 10;
            }
        } else if (s.charAt(19) != 'Z') {
            return null;
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || nanos < 0 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in s[from, to), or -1 when a character is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static Duration duration(JsonNode o, String field) {
        String s = string(o, field);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException("field '" + field + "' is not an ISO-8601 duration: '"
                    + Post.abbreviate(s) + "' (examples: P30D, PT12H)");
        }
    }

    static List<String> stringList(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (n.isTextual()) {
            // "goals": "awareness, community" is a common shorthand
            List<String> out = new ArrayList<>();
            for (String s : n.textValue().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
            return out;
        }
        if (!n.isArray()) {
            throw new InvalidRecordException("field '" + field + "' must be a list of strings, got " + type(n));
        }
        if (n.size() > Limits.MAX_GOALS) {
            throw new InvalidRecordException("field '" + field + "' has " + n.size() + " tags, over the limit of "
                    + Limits.MAX_GOALS);
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw new InvalidRecordException("field '" + field + "' must be a list of strings, found " + type(e));
            }
            out.add(e.textValue());
        }
        return out;
    }

    private static String type(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            default -> n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 200 ? m.substring(0, 197) + "..." : m;
    }
}
