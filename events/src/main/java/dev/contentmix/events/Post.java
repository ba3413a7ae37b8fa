package dev.contentmix.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A post by a brand, published or drafted. Validated at creation: an instance is always usable,
 * and every violation is an {@link InvalidRecordException} with a readable reason.
 *
 * @param id          required, unique per brand; re-sending an id replaces the earlier version
 * @param brand       required
 * @param text        required and non-blank unless {@code deleted}
 * @param channel     optional, lower case (x, instagram, facebook, linkedin, tiktok, ...)
 * @param publishedAt optional; the analyzer uses the record timestamp when absent
 * @param goals       optional goal tags, lower case; never null
 * @param author      optional
 * @param deleted     true removes the id from the brand's window
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Post(String id, String brand, String text, String channel, Instant publishedAt,
                   List<String> goals, String author, boolean deleted) {

    public Post {
        id = required("id", id, Limits.MAX_ID_CHARS);
        brand = required("brand", brand, Limits.MAX_BRAND_CHARS);
        if (deleted) {
            text = text == null ? "" : text;
        } else {
            if (text == null) {
                throw new InvalidRecordException("missing required field 'text'");
            }
            if (text.isBlank()) {
                throw new InvalidRecordException("field 'text' is blank");
            }
        }
        if (text.length() > Limits.MAX_TEXT_CHARS) {
            throw new InvalidRecordException("text has " + text.length() + " characters, over the limit of "
                    + Limits.MAX_TEXT_CHARS);
        }
        if (publishedAt != null && (publishedAt.isBefore(Limits.EARLIEST) || publishedAt.isAfter(Limits.LATEST))) {
            throw new InvalidRecordException("field 'publishedAt' is out of range (" + publishedAt
                    + "); it must be between " + Limits.EARLIEST + " and " + Limits.LATEST);
        }
        channel = optional("channel", channel, Limits.MAX_CHANNEL_CHARS);
        channel = channel == null ? null : channel.toLowerCase(Locale.ROOT);
        author = optional("author", author, Limits.MAX_AUTHOR_CHARS);
        goals = goalTags("goals", goals);
    }

    /** A published post with no optional fields. */
    public static Post of(String id, String brand, String text) {
        return new Post(id, brand, text, null, null, List.of(), null, false);
    }

    /** The same post with another publication time. */
    public Post withPublishedAt(Instant at) {
        return new Post(id, brand, text, channel, at, goals, author, deleted);
    }

    static String required(String field, String value, int max) {
        if (value == null) {
            throw new InvalidRecordException("missing required field '" + field + "'");
        }
        String v = value.strip();
        if (v.isEmpty()) {
            throw new InvalidRecordException("field '" + field + "' is blank");
        }
        return checkPlain(field, v, max);
    }

    static String optional(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : checkPlain(field, v, max);
    }

    private static String checkPlain(String field, String v, int max) {
        if (v.length() > max) {
            throw new InvalidRecordException("field '" + field + "' has " + v.length()
                    + " characters, over the limit of " + max);
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw new InvalidRecordException("field '" + field + "' contains a control character");
            }
        }
        return v;
    }

    /** Normalises goal tags to lower case and checks their count and format. */
    public static List<String> goalTags(String field, List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return List.of();
        }
        if (tags.size() > Limits.MAX_GOALS) {
            throw new InvalidRecordException("field '" + field + "' has " + tags.size()
                    + " tags, over the limit of " + Limits.MAX_GOALS);
        }
        List<String> out = new ArrayList<>(tags.size());
        for (String t : tags) {
            if (t == null) {
                throw new InvalidRecordException("field '" + field + "' contains null");
            }
            String tag = t.strip().toLowerCase(Locale.ROOT);
            if (!Limits.isGoalTag(tag)) {
                throw new InvalidRecordException("goal tag '" + abbreviate(t) + "' has an invalid format"
                        + " (letters, digits, '-' and '_', at most 40 characters)");
            }
            if (!out.contains(tag)) {
                out.add(tag);
            }
        }
        return List.copyOf(out);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
