package dev.contentmix.events;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that cannot be used, with a reason a person can read ("missing required field 'brand'").
 * It is a {@link SerializationException} so that serdes fail the way Kafka clients expect.
 */
public class InvalidRecordException extends SerializationException {
    public InvalidRecordException(String reason) {
        super(reason);
    }

    public InvalidRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The readable reason, the same as the message. */
    public String reason() {
        return getMessage();
    }
}
