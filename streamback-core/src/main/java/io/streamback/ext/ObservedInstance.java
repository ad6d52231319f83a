package io.streamback.ext;

import java.util.List;

/**
 * The figures of one {@link io.streamback.Streamback} instance that an observer may read at any
 * time, from any thread; each read is cheap, in memory, and never waits on a server.
 */
public interface ObservedInstance {
    /** The application's name. */
    String name();

    /** The consumer group its listeners join. */
    String consumerGroup();

    /** Reads waiting for a reply now ({@code read}, {@code readAsync}, a stream's next reply). */
    int readsWaiting();

    /** Replies and end markers on their way to the feedback stream now, at most {@code maxPendingFeedbackWrites}. */
    int writesOutstanding();

    /**
     * The worker groups of this JVM, in the order they are planned: {@code pool}, or the topic of a
     * listener with a concurrency of its own. Empty before the instance starts.
     */
    List<String> workerGroups();

    /** The live workers of {@code workerGroup} now; 0 for a group this instance does not run. */
    int workers(String workerGroup);

    /**
     * The records {@code workerGroup} has not handled yet, as the autoscaler last read them (every
     * rescale interval); -1 before the first read, or for a group this instance does not run.
     */
    long lag(String workerGroup);
}
