package io.github.iotpipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.iotpipeline.embedded.EmbeddedBroker;
import io.github.iotpipeline.embedded.LoopbackPorts;
import org.jspecify.annotations.Nullable;

/** The embedded broker as a test's own: file persistence in a temporary directory, so a restart keeps state. */
final class EmbeddedOwnBroker implements OwnBroker {

    private final Path workDir;
    private final int port;
    private @Nullable EmbeddedBroker broker;

    private EmbeddedOwnBroker(Path workDir, int port) {
        this.workDir = workDir;
        this.port = port;
    }

    static EmbeddedOwnBroker start() {
        try {
            EmbeddedOwnBroker own = new EmbeddedOwnBroker(Files.createTempDirectory("embedded-broker"),
                    LoopbackPorts.free());
            own.restart();
            return own;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    @Override
    public synchronized void restart() {
        stop();
        broker = EmbeddedBroker.start(port, workDir, true);
    }

    @Override
    public String log() {
        return "(embedded broker: it logs to the test's output)";
    }

    @Override
    public void close() {
        stop();
        TemporaryFiles.deleteQuietly(workDir);
    }
}
