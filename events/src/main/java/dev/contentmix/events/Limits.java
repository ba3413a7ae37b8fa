package dev.contentmix.events;

import java.util.regex.Pattern;

/**
 * Limits that protect the analyzer from hostile or broken input. A post over any of them is
 * dead-lettered with a reason naming the limit; nothing is truncated silently.
 */
public final class Limits {
    /** Longest post text, in characters (a long LinkedIn article is about 3,000). */
    public static final int MAX_TEXT_CHARS = 10_000;
    /** Longest post id. */
    public static final int MAX_ID_CHARS = 200;
    /** Longest brand name. */
    public static final int MAX_BRAND_CHARS = 100;
    /** Longest channel name. */
    public static final int MAX_CHANNEL_CHARS = 40;
    /** Longest author. */
    public static final int MAX_AUTHOR_CHARS = 200;
    /** Most goal tags on one post or one policy. */
    public static final int MAX_GOALS = 20;
    /** Largest record value the analyzer parses, in bytes. */
    public static final int MAX_RECORD_BYTES = 256 * 1024;
    /** Earliest accepted publication time: social networks did not exist before. */
    public static final java.time.Instant EARLIEST = java.time.Instant.parse("1990-01-01T00:00:00Z");
    /** Latest accepted publication time: plans reach years ahead, not centuries. */
    public static final java.time.Instant LATEST = java.time.Instant.parse("2200-01-01T00:00:00Z");
    /** A goal tag: lowercase letters, digits, '-' and '_', starting with a letter or digit, at most 40 characters. */
    public static final Pattern GOAL_TAG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    /** Whether a string is a {@link #GOAL_TAG}, checked without a regular expression (every post has tags). */
    public static boolean isGoalTag(String s) {
        int n = s.length();
        if (n < 1 || n > 40) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || i > 0 && (c == '_' || c == '-');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private Limits() {
    }
}
