package io.github.iotpipeline.collector.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.iotpipeline.testsupport.ManualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The buffer driven by hand: a clock the test moves and {@code tick()}, the writer thread's step, called
 * directly, so every flush, failure and retry happens exactly when the test says.
 */
class ReadingBufferTests {

    private static final int SIZE = 3;
    private static final int MAX_BUFFERED = 10;
    private static final Duration FLUSH_INTERVAL = Duration.ofSeconds(5);
    private static final Duration COMMIT_ALLOWANCE = Duration.ofMillis(250);
    private static final Duration FLUSH_AGE = FLUSH_INTERVAL.minus(COMMIT_ALLOWANCE);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(1);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final ReadingBufferTestFixtures.RecordingBatchWriter writer =
            new ReadingBufferTestFixtures.RecordingBatchWriter();
    private final ReadingBuffer buffer = buffer(SIZE);

    @Test
    void writesABatchAsSoonAsItIsFull() {
        ReceivedMessage first = add();
        ReceivedMessage second = add();
        buffer.tick();
        assertThat(writer.batches()).isEmpty();

        ReceivedMessage third = add();
        // Adding never writes: the MQTT callback thread must not wait for the database.
        assertThat(writer.batches()).isEmpty();
        buffer.tick();

        assertThat(writer.batches()).containsExactly(List.of(first, second, third));
        assertThat(buffer.status().buffered()).isZero();
        assertThat(buffer.status().oldest()).isNull();
    }

    @Test
    void takesEverythingWaitingUpToTheMaximumSizeInOneBatch() {
        ReadingBuffer growing = buffer(5);
        List<ReceivedMessage> messages = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            messages.add(ReadingBufferTestFixtures.message(clock.instant()));
            growing.add(messages.get(i));
        }

        growing.tick();
        growing.tick();

        // The two left are fewer than the size and young: they wait for more, or for the flush age.
        assertThat(writer.batches()).containsExactly(messages.subList(0, 5));
        assertThat(growing.status().buffered()).isEqualTo(2);
    }

    @Test
    void waitsTheMinimumIntervalBetweenWritesUnlessABatchIsAtItsMaximum() {
        ReadingBuffer paced = buffer(6, Duration.ofMillis(250));
        List<ReceivedMessage> first = addTo(paced, 3);
        paced.tick();
        List<ReceivedMessage> second = addTo(paced, 3);
        clock.advance(Duration.ofMillis(249));
        paced.tick();
        assertThat(writer.batches()).containsExactly(first);

        // More arrive meanwhile; at the maximum size the interval no longer holds the batch back.
        List<ReceivedMessage> more = addTo(paced, 3);
        paced.tick();

        List<ReceivedMessage> full = new ArrayList<>(second);
        full.addAll(more);
        assertThat(writer.batches()).containsExactly(first, full);
    }

    @Test
    void holdsTheCallerWhileFullUntilAWriteFreesRoom() throws Exception {
        writer.failWith("database down");
        buffer.start();
        try {
            for (int i = 0; i < MAX_BUFFERED; i++) {
                add();
            }
            Thread intake = new Thread(this::add);
            intake.start();
            intake.join(300);
            assertThat(intake.isAlive()).as("the eleventh message waits").isTrue();
            assertThat(buffer.status().buffered()).isEqualTo(MAX_BUFFERED);

            writer.succeed();
            clock.advance(MAX_RETRY_BACKOFF);
            intake.join(5000);

            assertThat(intake.isAlive()).isFalse();
        }
        finally {
            buffer.stop();
        }
    }

    @Test
    void writesFromAThreadOfItsOwnOnceStarted() {
        buffer.start();
        try {
            List<ReceivedMessage> batch = List.of(add(), add(), add());

            await().atMost(Duration.ofSeconds(5)).until(() -> writer.batches().equals(List.of(batch)));
        }
        finally {
            buffer.stop();
        }
    }

    @Test
    void writesOnTickOnceTheOldestMessageHasWaitedTheFlushAge() {
        ReceivedMessage oldest = add();
        clock.advance(Duration.ofSeconds(1));
        ReceivedMessage younger = add();

        clock.advance(FLUSH_AGE.minus(Duration.ofSeconds(1)).minusMillis(1));
        buffer.tick();
        assertThat(writer.batches()).isEmpty();

        clock.advance(Duration.ofMillis(1));
        buffer.tick();
        assertThat(writer.batches()).containsExactly(List.of(oldest, younger));
    }

    @Test
    void leavesAnEmptyBufferAloneOnTick() {
        clock.advance(FLUSH_INTERVAL.multipliedBy(10));

        buffer.tick();

        assertThat(writer.attempts()).isZero();
    }

    @Test
    void keepsAFailedBatchAndRetriesItOnlyOnceTheBackoffHasElapsed() {
        writer.failWith("database down");
        List<ReceivedMessage> batch = List.of(add(), add(), add());
        buffer.tick();
        assertThat(writer.attempts()).isEqualTo(1);

        clock.advance(RETRY_BACKOFF.minusMillis(1));
        buffer.tick();
        assertThat(writer.attempts()).isEqualTo(1);

        writer.succeed();
        clock.advance(Duration.ofMillis(1));
        buffer.tick();

        assertThat(writer.attempts()).isEqualTo(2);
        assertThat(writer.batches()).containsExactly(batch);
        assertThat(buffer.status().buffered()).isZero();
    }

    @Test
    void doublesTheBackoffAfterEachFailureUpToTheMaximum() {
        writer.failWith("database down");
        add();
        add();
        add();
        buffer.tick();

        List<Duration> waits = List.of(
                Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
                MAX_RETRY_BACKOFF, MAX_RETRY_BACKOFF);
        for (Duration wait : waits) {
            int attempts = writer.attempts();
            clock.advance(wait.minusMillis(1));
            buffer.tick();
            assertThat(writer.attempts()).as("attempts 1 ms before a wait of %s", wait).isEqualTo(attempts);
            clock.advance(Duration.ofMillis(1));
            buffer.tick();
            assertThat(writer.attempts()).as("attempts after a wait of %s", wait).isEqualTo(attempts + 1);
        }
    }

    @Test
    void startsTheBackoffAgainAfterASuccess() {
        writer.failWith("database down");
        add();
        add();
        add();
        buffer.tick();
        clock.advance(RETRY_BACKOFF);
        buffer.tick();
        writer.succeed();
        clock.advance(RETRY_BACKOFF.multipliedBy(2));
        buffer.tick();
        assertThat(writer.batches()).hasSize(1);

        writer.failWith("database down again");
        add();
        add();
        add();
        buffer.tick();
        int attempts = writer.attempts();
        clock.advance(RETRY_BACKOFF);
        buffer.tick();

        assertThat(writer.attempts()).isEqualTo(attempts + 1);
    }

    @Test
    void waitsForTheWriterToBeReadyWithoutCountingAFailure() {
        writer.ready(false);
        List<ReceivedMessage> messages = List.of(add(), add(), add());
        for (int i = 0; i < 5; i++) {
            buffer.tick();
            clock.advance(MAX_RETRY_BACKOFF);
        }
        assertThat(writer.attempts()).isZero();
        assertThat(buffer.status().consecutiveFailures()).isZero();

        writer.ready(true);
        buffer.tick();

        assertThat(writer.batches()).containsExactly(messages);
    }

    @Test
    void writesNoNewBatchWhileOneIsFailing() {
        writer.failWith("database down");
        List<ReceivedMessage> failing = List.of(add(), add(), add());
        buffer.tick();

        List<ReceivedMessage> waiting = List.of(add(), add(), add(), add());
        clock.advance(FLUSH_INTERVAL.multipliedBy(2));
        buffer.tick();
        buffer.tick();

        assertThat(writer.attemptedBatches()).allSatisfy(batch -> assertThat(batch).isEqualTo(failing));
        assertThat(writer.attempts()).isEqualTo(2);
        assertThat(buffer.status().buffered()).isEqualTo(failing.size() + waiting.size());
        assertThat(buffer.status().oldest()).isEqualTo(failing.get(0).receivedAt());
    }

    @Test
    void writesWhatWaitedOnceTheFailingBatchGoesThrough() {
        writer.failWith("database down");
        List<ReceivedMessage> failing = List.of(add(), add(), add());
        buffer.tick();
        List<ReceivedMessage> waiting = List.of(add(), add(), add(), add());

        writer.succeed();
        clock.advance(RETRY_BACKOFF);
        buffer.tick();
        assertThat(writer.batches()).containsExactly(failing);
        buffer.tick();
        assertThat(writer.batches()).containsExactly(failing, waiting.subList(0, SIZE));
        clock.advance(FLUSH_AGE);
        buffer.tick();

        assertThat(writer.batches()).containsExactly(failing, waiting.subList(0, SIZE), waiting.subList(SIZE, 4));
        assertThat(buffer.status().buffered()).isZero();
    }

    @Test
    void reportsBufferedMessagesFailuresAndTheLastError() {
        add();
        add();
        assertThat(buffer.status().buffered()).isEqualTo(2);
        assertThat(buffer.status().oldest()).isEqualTo(clock.instant());
        assertThat(buffer.status().consecutiveFailures()).isZero();
        assertThat(buffer.status().lastSuccess()).isNull();

        writer.failWith("connection refused");
        add();
        buffer.tick();
        clock.advance(RETRY_BACKOFF);
        writer.failWith("connection reset");
        buffer.tick();
        add();

        BufferStatus failing = buffer.status();
        assertThat(failing.buffered()).isEqualTo(4);
        assertThat(failing.consecutiveFailures()).isEqualTo(2);
        assertThat(failing.lastError()).isEqualTo("connection reset");
        assertThat(failing.lastSuccess()).isNull();

        writer.succeed();
        clock.advance(RETRY_BACKOFF.multipliedBy(2));
        buffer.tick();

        BufferStatus recovered = buffer.status();
        assertThat(recovered.buffered()).isEqualTo(1);
        assertThat(recovered.consecutiveFailures()).isZero();
        assertThat(recovered.lastError()).isNull();
        assertThat(recovered.lastSuccess()).isEqualTo(clock.instant());
    }

    @Test
    void writesWhatIsBufferedWhenStopped() {
        List<ReceivedMessage> messages = List.of(add(), add());
        buffer.start();
        assertThat(writer.batches()).isEmpty();

        buffer.stop();

        assertThat(writer.batches()).containsExactly(messages);
        assertThat(buffer.status().buffered()).isZero();
        assertThat(buffer.isRunning()).isFalse();
    }

    @Test
    void takesNoMessageArrivingWhileItStopsSoThatStoppingEndsUnderLoad() {
        List<ReceivedMessage> buffered = List.of(add(), add());
        buffer.start();
        // Sensors keep sending while the buffer drains: a message arrives during every write. Were they taken,
        // stopping would go on as long as they come (here, for 1,000 writes).
        List<ReceivedMessage> arrivals = new ArrayList<>();
        writer.duringEachWrite(() -> {
            if (arrivals.size() < 1_000) {
                arrivals.add(add());
            }
        });

        buffer.stop();

        assertThat(writer.batches()).containsExactly(buffered);
        assertThat(arrivals).hasSize(1);
        assertThat(buffer.status().buffered()).isZero();
    }

    @Test
    void takesMessagesAgainOnceRestarted() {
        buffer.start();
        buffer.stop();
        add();

        buffer.start();
        List<ReceivedMessage> messages = List.of(add(), add());
        buffer.stop();

        assertThat(writer.batches()).containsExactly(messages);
    }

    @Test
    void retriesAFailedBatchWithoutWaitingForTheBackoffAndWritesTheRestWhenStopped() {
        writer.failWith("database down");
        List<ReceivedMessage> failing = List.of(add(), add(), add());
        List<ReceivedMessage> waiting = List.of(add(), add(), add(), add());
        buffer.start();
        writer.succeed();

        buffer.stop();

        assertThat(writer.batches()).containsExactly(failing, waiting.subList(0, SIZE), waiting.subList(SIZE, 4));
        assertThat(buffer.status().buffered()).isZero();
    }

    @Test
    void triesAFailingBatchOnceMoreWhenStoppedAndThenGivesUp() {
        writer.failWith("database down");
        add();
        add();
        add();
        add();
        buffer.tick();
        buffer.start();

        buffer.stop();

        assertThat(writer.attempts()).isEqualTo(2);
        assertThat(writer.batches()).isEmpty();
        assertThat(buffer.status().buffered()).isZero();
        assertThat(buffer.status().consecutiveFailures()).isEqualTo(2);
    }

    private ReadingBuffer buffer(int maxSize) {
        return buffer(maxSize, Duration.ZERO);
    }

    private ReadingBuffer buffer(int maxSize, Duration minInterval) {
        return new ReadingBuffer(writer, new BatchProperties(SIZE, maxSize, MAX_BUFFERED, minInterval, FLUSH_INTERVAL,
                COMMIT_ALLOWANCE, 16384, RETRY_BACKOFF, MAX_RETRY_BACKOFF), clock);
    }

    private List<ReceivedMessage> addTo(ReadingBuffer target, int count) {
        List<ReceivedMessage> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            added.add(ReadingBufferTestFixtures.message(clock.instant()));
            target.add(added.get(i));
        }
        return added;
    }

    private ReceivedMessage add() {
        ReceivedMessage message = ReadingBufferTestFixtures.message(clock.instant());
        buffer.add(message);
        return message;
    }
}
