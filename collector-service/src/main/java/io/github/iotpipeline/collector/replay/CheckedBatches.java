package io.github.iotpipeline.collector.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.iotpipeline.collector.archive.ArchiveEntry;
import io.github.iotpipeline.collector.archive.RawArchiveReader;

/**
 * Reads and checks one day's batches on a thread of its own while the caller writes the batch before. Reading,
 * decoding and checking a batch take about as long as PostgreSQL takes to insert one; on one thread the two took
 * turns, each core idle half the time. At most {@value #AHEAD} checked batches wait, so memory stays bounded
 * whatever the size of the day.
 */
final class CheckedBatches<T> implements AutoCloseable {

    static final int AHEAD = 2;

    /**
     * One checked batch, with the day's counts up to its last line and how much of the file is read (0 to 1);
     * the last chunk of a day (possibly with an empty batch) has {@code last} set, and its counts are the day's.
     */
    record Chunk<T>(T batch, long lines, long torn, long otherSensors, double done, boolean last) {
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;

    private CheckedBatches(Path file, Predicate<ArchiveEntry> wanted,
            Function<List<ArchiveEntry>, T> check, int size) {
        this.thread = new Thread(() -> read(file, wanted, check, size), "replay-reader");
        this.thread.setDaemon(true);
    }

    /** Starts reading the file; entries {@code wanted} rejects count as other sensors'. */
    static <T> CheckedBatches<T> start(Path file, Predicate<ArchiveEntry> wanted,
            Function<List<ArchiveEntry>, T> check, int size) {
        CheckedBatches<T> batches = new CheckedBatches<>(file, wanted, check, size);
        batches.thread.start();
        return batches;
    }

    /** The next chunk; throws what stopped the reader (a file that cannot be read, a failed check). */
    @SuppressWarnings("unchecked")
    Chunk<T> next() throws IOException, InterruptedException {
        Object next = queue.take();
        if (next instanceof Chunk<?> chunk) {
            return (Chunk<T>) chunk;
        }
        if (next instanceof IOException ex) {
            throw ex;
        }
        if (next instanceof RuntimeException ex) {
            throw ex;
        }
        throw (Error) next;
    }

    /** Stops the reader, if it still runs (the writer failed), and waits for it. */
    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }

    private void read(Path file, Predicate<ArchiveEntry> wanted,
            Function<List<ArchiveEntry>, T> check, int size) {
        RawArchiveReader reader = new RawArchiveReader();
        Reading reading = new Reading(reader, wanted, check, size);
        try {
            reader.read(file, reading::entry, skipped -> reading.torn());
            reading.hand(true);
        }
        catch (Stopped ex) {
            // close() interrupted a hand-over: nobody takes the rest.
        }
        catch (IOException | RuntimeException | Error ex) {
            try {
                queue.put(ex);
            }
            catch (InterruptedException stopped) {
                // Nobody takes it either.
            }
        }
    }

    /** The reader thread's state: the batch being filled and the counts so far. */
    private final class Reading {

        private final RawArchiveReader reader;
        private final Predicate<ArchiveEntry> wanted;
        private final Function<List<ArchiveEntry>, T> check;
        private final int size;
        private List<ArchiveEntry> batch;
        private long lines;
        private long torn;
        private long otherSensors;

        Reading(RawArchiveReader reader, Predicate<ArchiveEntry> wanted, Function<List<ArchiveEntry>, T> check,
                int size) {
            this.reader = reader;
            this.wanted = wanted;
            this.check = check;
            this.size = size;
            this.batch = new ArrayList<>(size);
        }

        void entry(ArchiveEntry entry) {
            lines++;
            if (!wanted.test(entry)) {
                otherSensors++;
                return;
            }
            batch.add(entry);
            if (batch.size() == size) {
                hand(false);
            }
        }

        void torn() {
            lines++;
            torn++;
        }

        void hand(boolean last) {
            T checked = check.apply(batch);
            batch = new ArrayList<>(size);
            try {
                queue.put(new Chunk<>(checked, lines, torn, otherSensors, last ? 1 : reader.fractionRead(), last));
            }
            catch (InterruptedException ex) {
                throw new Stopped();
            }
        }
    }

    /** Unwinds the reader when close() interrupts it. */
    private static final class Stopped extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }
}
