package dev.contentmix.analyzer;

import dev.contentmix.events.DeadLetters;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Turns a {@link Intake.Rejected} back into its original bytes, with headers saying why and from where. */
final class DeadLetterProcessor implements Processor<String, Intake, byte[], byte[]> {
    private ProcessorContext<byte[], byte[]> context;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Intake> record) {
        Intake.Rejected r = (Intake.Rejected) record.value();
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(DeadLetters.REASON, utf8(r.reason()));
        headers.add(DeadLetters.SOURCE_TOPIC, utf8(r.topic()));
        headers.add(DeadLetters.SOURCE_PARTITION, utf8(Integer.toString(r.partition())));
        headers.add(DeadLetters.SOURCE_OFFSET, utf8(Long.toString(r.offset())));
        context.forward(new Record<>(r.key(), r.value(), record.timestamp(), headers));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
