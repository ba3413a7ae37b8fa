package dev.contentmix.events;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with its key and value serdes: the one place a topic's name and format are spelled.
 *
 * @param name       full topic name, prefix included
 * @param keySerde   key format
 * @param valueSerde value format
 * @param compacted  true for topics that keep the latest value per key
 */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {
}
