package io.github.iotpipeline.testsupport;

/**
 * An MQTT broker of one test's own, on a loopback port that stays the same when the test stops and restarts
 * it: a {@link MosquittoProcess}, or the embedded broker from {@link TestBroker#own()}.
 */
public interface OwnBroker extends AutoCloseable {

    String url();

    /** Stops the broker cleanly; its sessions and queued messages are kept for {@link #restart()}. */
    void stop();

    /** Starts the broker again, stopping it first if it runs, on the same port with the same state. */
    void restart();

    /** What the broker logged, for a failing test's diagnostics. */
    String log();

    @Override
    void close();
}
