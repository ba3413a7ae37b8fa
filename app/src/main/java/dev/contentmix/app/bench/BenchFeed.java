package dev.contentmix.app.bench;

import dev.contentmix.events.Label;
import dev.contentmix.events.Post;
import dev.contentmix.producer.PostGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The benchmarks' feed: the producer's generator (realistic, varied texts) over any number of
 * brands named {@code brand-N}, chosen at random, about a fifth sales, event times a second apart.
 */
final class BenchFeed {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final PostGenerator generator;
    private final SplittableRandom rnd;
    private final int brands;
    private long n;

    BenchFeed(long seed, int brands) {
        this.generator = PostGenerator.builder(seed).brands(1).build();
        this.rnd = new SplittableRandom(seed);
        this.brands = brands;
    }

    Post next() {
        long i = n++;
        Label label = rnd.nextInt(5) == 0 ? Label.SALES : Label.VALUE;
        Post p = generator.post("brand-" + rnd.nextInt(brands), label, START.plus(Duration.ofSeconds(i)));
        return new Post("p" + i, p.brand(), p.text(), p.channel(), p.publishedAt(), p.goals(), p.author(), false);
    }

    /** A draft text of either kind. */
    String draftText(long i) {
        return generator.post("brand-0", i % 5 == 0 ? Label.SALES : Label.VALUE, START).text();
    }
}
