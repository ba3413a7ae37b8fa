package dev.contentmix.app.bench;

import dev.contentmix.events.InvalidRecordException;
import dev.contentmix.events.Json;
import dev.contentmix.events.Post;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The throughput baseline: a Kafka Streams application that does the least a real one does with a
 * post (parse and validate the JSON, write a small record), on the same broker, topic and settings.
 */
final class PassThrough {
    private PassThrough() {
    }

    static Topology topology(String in, String out) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(in, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .mapValues(v -> {
                    try {
                        Post p = Json.readPost(v);
                        return ("{\"id\":\"" + p.id() + "\",\"chars\":" + p.text().length() + "}")
                                .getBytes(StandardCharsets.UTF_8);
                    } catch (InvalidRecordException e) {
                        return new byte[0];
                    }
                })
                .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return b.build();
    }
}
