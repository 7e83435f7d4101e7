package io.streamlab.labs.social;

import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.streaming.GroupState;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The function Spark's {@code flatMapGroupsWithState} calls once per rejection reason that has bad
 * payloads in a batch: it reports every one of them, numbered by a running count per reason that the
 * state carries from batch to batch.
 */
public final class BadInputTally implements FlatMapGroupsWithStateFunction<String, Extraction, Long, BadInput> {

    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<BadInput> call(String reason, Iterator<Extraction> rejected, GroupState<Long> state) {
        long count = state.exists() ? state.get() : 0;
        List<BadInput> reports = new ArrayList<>();
        while (rejected.hasNext()) {
            reports.add(new BadInput(reason, ++count, rejected.next().getPayload()));
        }
        state.update(count);
        return reports.iterator();
    }
}
