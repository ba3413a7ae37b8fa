package dev.contentmix.dashboard;

/**
 * How the dashboard's Kafka feed is doing, shown in the page's header.
 *
 * @param bootstrapServers where it reads from
 * @param connected        the last metadata request got an answer
 * @param caughtUp         the compacted mix topic has been read to the end it had at start, so every brand is shown
 * @param records          records read since start
 * @param badRecords       records that could not be read (skipped and logged)
 * @param problem          what is wrong right now in a sentence, or null
 */
public record FeedStatus(String bootstrapServers, boolean connected, boolean caughtUp, long records, long badRecords,
                         String problem) {
}
