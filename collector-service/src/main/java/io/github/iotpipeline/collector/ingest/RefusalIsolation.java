package io.github.iotpipeline.collector.ingest;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How a row the database refuses (a data error, not an outage: {@link WriteFailures}) is kept from holding back
 * the rest: the write is split in halves until the refused item stands alone, and that one is handed to the
 * caller. Any other failure is thrown as it is, for the caller to retry. The live writer and redrive both write
 * this way.
 */
final class RefusalIsolation {

    private RefusalIsolation() {
    }

    /**
     * Writes the items, isolating refusals.
     *
     * @param write writes some of the items in one transaction
     * @param refused deals with an item the database refused on its own
     * @param combine adds up what two halves did
     * @param failed told of every failed write, before it is split or thrown
     */
    static <T, R> R write(List<T> items, Function<List<T>, R> write, BiFunction<T, RuntimeException, R> refused,
            BinaryOperator<R> combine, Consumer<RuntimeException> failed) {
        try {
            return write.apply(items);
        }
        catch (RuntimeException ex) {
            failed.accept(ex);
            if (!WriteFailures.isCausedByData(ex)) {
                throw ex;
            }
            if (items.size() == 1) {
                return refused.apply(items.get(0), ex);
            }
            int half = items.size() / 2;
            return combine.apply(write(items.subList(0, half), write, refused, combine, failed),
                    write(items.subList(half, items.size()), write, refused, combine, failed));
        }
    }
}
