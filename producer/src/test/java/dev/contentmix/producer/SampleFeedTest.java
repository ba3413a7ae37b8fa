package dev.contentmix.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.Post;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleFeedTest {
    @Test
    void feedHasItsDocumentedShape() throws Exception {
        List<PostReader.Entry> entries = new ArrayList<>();
        try (PostReader r = PostReader.jsonl(SampleFeed.open(), false)) {
            r.forEachRemaining(entries::add);
        }
        assertEquals(302, SampleFeed.lines().size());
        List<PostReader.Entry> bad = entries.stream().filter(e -> !e.ok()).toList();
        assertEquals(List.of(41L, 202L), bad.stream().map(PostReader.Entry::line).toList());
        assertTrue(bad.get(0).error().startsWith("not valid JSON"), bad.get(0).error());
        assertEquals("field 'text' is blank", bad.get(1).error());
        List<Post> posts = entries.stream().filter(PostReader.Entry::ok).map(PostReader.Entry::post).toList();
        assertEquals(List.of("fernhill", "ironleaf", "ledgerly", "northwind", "osteria-verde"),
                posts.stream().map(Post::brand).distinct().sorted().toList());
        assertEquals(80, posts.stream().filter(p -> p.brand().equals("northwind")).count());
        Instant first = posts.stream().map(Post::publishedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = posts.stream().map(Post::publishedAt).max(Comparator.naturalOrder()).orElseThrow();
        assertTrue(Duration.between(first, last).toDays() >= 21, "spans three weeks or more");
        assertTrue(Duration.between(first, last).toDays() < 30, "fits one default time window");
        assertEquals(posts.size(), posts.stream().map(p -> p.brand() + "/" + p.id()).distinct().count());
    }
}
