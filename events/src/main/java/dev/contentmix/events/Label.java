package dev.contentmix.events;

/** What a post is for, by the rule in the project's labelling guide: a self-serving ad, or content for the audience. */
public enum Label {
    SALES,
    VALUE;

    /** Parses {@code sales}/{@code value} in any case; throws {@link IllegalArgumentException} for anything else. */
    public static Label parse(String s) {
        if (s != null) {
            for (Label l : values()) {
                if (l.name().equalsIgnoreCase(s.trim())) {
                    return l;
                }
            }
        }
        throw new IllegalArgumentException("label must be 'sales' or 'value', got '" + s + "'");
    }
}
