package dev.contentmix.analyzer;

import java.util.List;
import java.util.NoSuchElementException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The brands whose figures changed since the last commit, so that each gets one snapshot per commit
 * instead of one per post.
 *
 * <p>The work is done by Kafka Streams' record cache, the mechanism behind its KTables: a table with
 * caching on keeps the latest update of each key in memory and hands it downstream when the task
 * commits (or when the cache is full), in every commit path (interval, rebalance, shutdown), before the
 * output and offsets of the transaction are committed. The analyzer puts "brand changed" into such a
 * table; what reaches the snapshot step is each changed brand once per commit, and the snapshot is then
 * built from the brand's windows as they are at that moment. This class is the store under that cache:
 * it keeps nothing, because the cache alone holds what is pending and a brand's figures live in the
 * windows store. After a crash nothing is lost: the transaction that did not commit is processed
 * again, which marks its brands again.
 */
final class PendingSnapshots implements KeyValueStore<Bytes, byte[]> {

    /** Supplies the store to {@code Materialized.as}. */
    record Supplier(String name) implements KeyValueBytesStoreSupplier {
        @Override
        public KeyValueStore<Bytes, byte[]> get() {
            return new PendingSnapshots(name);
        }

        @Override
        public String metricsScope() {
            return "pending-snapshots";
        }
    }

    private final String name;
    private volatile boolean open;

    private PendingSnapshots(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // nothing to restore: the store is not logged and keeps nothing
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void put(Bytes key, byte[] value) {
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        return null;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    }

    @Override
    public byte[] delete(Bytes key) {
        return null;
    }

    @Override
    public byte[] get(Bytes key) {
        return null;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return new Empty();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return new Empty();
    }

    @Override
    public long approximateNumEntries() {
        return 0;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
        return QueryResult.forUnknownQueryType(query, this);
    }

    @Override
    public Position getPosition() {
        return Position.emptyPosition();
    }

    private static final class Empty implements KeyValueIterator<Bytes, byte[]> {
        @Override
        public boolean hasNext() {
            return false;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            throw new NoSuchElementException();
        }

        @Override
        public Bytes peekNextKey() {
            throw new NoSuchElementException();
        }

        @Override
        public void close() {
        }
    }
}
