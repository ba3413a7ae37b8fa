package dev.contentmix.producer;

import dev.contentmix.events.Json;
import dev.contentmix.events.Post;
import java.util.ArrayList;
import java.util.List;

/** Records what a command sends; {@code failEvery} > 0 fails every n-th record. */
final class FakeSink implements PostSink {
    record Sent(String key, byte[] value) {
    }

    final List<Sent> records = new ArrayList<>();
    final int failEvery;
    long failed;
    boolean closed;

    FakeSink(int failEvery) {
        this.failEvery = failEvery;
    }

    @Override
    public void send(Post post) {
        sendRaw(post.brand(), Json.write(post));
    }

    @Override
    public void sendRaw(String key, byte[] value) {
        if (failEvery > 0 && (records.size() + failed + 1) % failEvery == 0) {
            failed++;
        } else {
            records.add(new Sent(key, value));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public long sent() {
        return records.size();
    }

    @Override
    public long failed() {
        return failed;
    }

    @Override
    public String firstError() {
        return failed > 0 ? "TimeoutException: broker went away" : null;
    }

    @Override
    public void close() {
        closed = true;
    }
}
