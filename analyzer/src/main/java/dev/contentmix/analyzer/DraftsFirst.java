package dev.contentmix.analyzer;

import java.nio.ByteBuffer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Puts drafts ahead of posts. Posts and drafts of a brand meet in one task (they share the brand's
 * windows), and a task takes its next record from the input whose head has the lowest timestamp. A
 * draft stamped with its send time therefore waits behind every buffered post published before it:
 * seconds when the analyzer has a backlog, while somebody waits at {@code check} for the answer.
 * This extractor gives every draft timestamp 0 for that choice, so a task takes buffered drafts first,
 * and keeps the real timestamp in a header that {@link #restore} puts back before anything reads it.
 * Nothing else changes: drafts never move the mix, and within the drafts topic the order stays the
 * order of the log. Under a backlog a verdict is computed from the mix as far as it has been counted.
 */
public final class DraftsFirst implements TimestampExtractor {

    /** Header carrying a draft's own record timestamp from extraction to the first processor. */
    static final String TIMESTAMP_HEADER = "contentmix.draft-timestamp";

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long own = record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
        record.headers().remove(TIMESTAMP_HEADER);
        record.headers().add(TIMESTAMP_HEADER, ByteBuffer.allocate(Long.BYTES).putLong(own).array());
        return 0;
    }

    /** The record with its own timestamp back and without the carrier header (unchanged when there is none). */
    static <K, V> Record<K, V> restore(Record<K, V> record) {
        Header h = record.headers().lastHeader(TIMESTAMP_HEADER);
        if (h == null || h.value() == null || h.value().length != Long.BYTES) {
            return record;
        }
        RecordHeaders rest = new RecordHeaders(record.headers().toArray());
        rest.remove(TIMESTAMP_HEADER);
        return record.withTimestamp(ByteBuffer.wrap(h.value()).getLong()).withHeaders(rest);
    }
}
