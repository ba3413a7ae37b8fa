package dev.contentmix.events;

import java.io.IOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON (UTF-8) serde for an event type. Deserialising bad bytes fails with an
 * {@link InvalidRecordException} whose message says what is wrong.
 */
public final class JsonSerde<T> implements Serde<T> {
    /** Reads a value from bytes; may throw {@link InvalidRecordException}. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(byte[] bytes) throws IOException;
    }

    private final Reader<T> reader;
    private final String typeName;

    private JsonSerde(Reader<T> reader, String typeName) {
        this.reader = reader;
        this.typeName = typeName;
    }

    /** A serde that maps the type with Jackson. */
    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(bytes -> Json.MAPPER.readValue(bytes, type), type.getSimpleName());
    }

    /** A serde with a hand-written reader (used for input records, to explain what is wrong). */
    public static <T> JsonSerde<T> of(Class<T> type, Reader<T> reader) {
        return new JsonSerde<>(reader, type.getSimpleName());
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> data == null ? null : Json.write(data);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return reader.read(bytes);
            } catch (InvalidRecordException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new InvalidRecordException("cannot read " + typeName + " from " + topic + ": "
                        + e.getMessage(), e);
            }
        };
    }
}
