package dev.contentmix.analyzer;

import dev.contentmix.events.BrandPolicy;
import dev.contentmix.events.InvalidRecordException;
import dev.contentmix.events.Json;
import io.micrometer.core.instrument.Counter;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global policy store in step with the compacted policies topic. A tombstone removes a
 * brand's policy (the defaults apply again). A policy that cannot be read is logged with its reason
 * and counted; the brand keeps the policy it had.
 */
final class PolicyLoader implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyLoader.class);

    private final String storeName;
    private final Counter invalid;
    private KeyValueStore<String, BrandPolicy> store;

    PolicyLoader(String storeName, AnalyzerMetrics metrics) {
        this.storeName = storeName;
        this.invalid = Counter.builder("contentmix.policies.invalid")
                .description("Policy records that could not be read and were ignored")
                .register(metrics.registry());
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String brand = record.key();
        if (brand == null) {
            invalid.increment();
            LOG.warn("ignored a policy record without a key; policies are keyed by brand");
            return;
        }
        if (record.value() == null) {
            store.delete(brand);
            return;
        }
        try {
            BrandPolicy policy = Json.readPolicy(record.value());
            if (!policy.brand().equals(brand)) {
                throw new InvalidRecordException("record key '" + brand + "' does not match the policy's brand '"
                        + policy.brand() + "'");
            }
            store.put(brand, policy);
        } catch (InvalidRecordException e) {
            invalid.increment();
            LOG.warn("ignored the policy record for brand '{}': {}", brand, e.reason());
        }
    }
}
