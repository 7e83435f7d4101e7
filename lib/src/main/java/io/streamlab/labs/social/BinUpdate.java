package io.streamlab.labs.social;

import org.apache.spark.api.java.function.MapGroupsWithStateFunction;
import org.apache.spark.sql.streaming.GroupState;

import java.util.Iterator;

/**
 * The function Spark's {@code mapGroupsWithState} calls once per {@code platform;bin} that has new
 * posts in a batch: it takes the bin's state from the last batch (or starts one), adds the batch's
 * posts, stores the state for the next batch and returns it as the bin's output row.
 */
public final class BinUpdate implements MapGroupsWithStateFunction<String, Extraction, BinState, BinState> {

    private static final long serialVersionUID = 1L;

    @Override
    public BinState call(String key, Iterator<Extraction> posts, GroupState<BinState> state) {
        BinState bin = state.exists() ? state.get() : BinState.created(key, FiveMinuteBins.now());
        bin.add(userIds(posts), FiveMinuteBins.now());
        state.update(bin);
        return bin;
    }

    private static Iterator<String> userIds(Iterator<Extraction> posts) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return posts.hasNext();
            }

            @Override
            public String next() {
                return posts.next().getUserId();
            }
        };
    }
}
