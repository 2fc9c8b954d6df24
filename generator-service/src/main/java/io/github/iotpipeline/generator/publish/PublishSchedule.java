package io.github.iotpipeline.generator.publish;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.github.iotpipeline.generator.GeneratorProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs the publisher at a fixed rate. It starts after, and stops before, the outbound flow and the MQTT client
 * (it has the default, last, phase), and stopping waits for a round in progress, so no reading is sent into a
 * flow that is shutting down.
 */
@Component
@ConditionalOnProperty(prefix = "generator.load", name = "enabled", havingValue = "false", matchIfMissing = true)
class PublishSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublishSchedule.class);

    private final ReadingPublisher publisher;
    private final TaskScheduler scheduler;
    private final Duration interval;
    private final Lock round = new ReentrantLock();
    private volatile boolean running;
    private @Nullable ScheduledFuture<?> future;

    PublishSchedule(ReadingPublisher publisher, TaskScheduler scheduler, GeneratorProperties generator) {
        this.publisher = publisher;
        this.scheduler = scheduler;
        this.interval = generator.interval();
    }

    @Override
    public void start() {
        log.info("Publishing a reading per sensor every {}", interval);
        running = true;
        future = scheduler.scheduleAtFixedRate(this::runRound, interval);
    }

    @Override
    public void stop() {
        running = false;
        if (future != null) {
            future.cancel(false);
            future = null;
        }
        // Wait for a round in progress to finish.
        round.lock();
        round.unlock();
        log.info("Stopped publishing readings");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void runRound() {
        round.lock();
        try {
            if (running) {
                publisher.publishAll();
            }
        }
        finally {
            round.unlock();
        }
    }
}
