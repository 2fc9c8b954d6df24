package io.github.iotpipeline.testsupport;

import java.util.List;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;

/**
 * Mosquitto in a container, for machines with Docker but without the binary. The container's port 1883 is
 * published on the given loopback port, so the broker keeps its address when it is stopped and started again;
 * a stopped container keeps its file system, and with it the broker's persistence.
 */
final class ContainerRunner implements MosquittoProcess.Runner {

    private static final int BROKER_PORT = 1883;

    private final GenericContainer<?> container;
    private boolean created;

    @SuppressWarnings("resource") // closed by kill()
    ContainerRunner(int hostPort, String configuration) {
        String config = "listener " + BROKER_PORT + "\n"
                + "allow_anonymous true\n"
                + "persistence_location /mosquitto/data/\n"
                + "log_dest stdout\n"
                + configuration + "\n";
        this.container = new GenericContainer<>("eclipse-mosquitto:2")
                .withCopyToContainer(Transferable.of(config), "/mosquitto/config/mosquitto.conf")
                .withExposedPorts(BROKER_PORT)
                .withCreateContainerCmdModifier(command -> command.getHostConfig().withPortBindings(List.of(
                        new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort),
                                ExposedPort.tcp(BROKER_PORT)))));
    }

    @Override
    public void launch() {
        if (!created) {
            container.start();
            created = true;
        }
        else {
            container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
        }
    }

    @Override
    public boolean isRunning() {
        return created && Boolean.TRUE.equals(container.getDockerClient()
                .inspectContainerCmd(container.getContainerId()).exec().getState().getRunning());
    }

    @Override
    public void stop() {
        if (isRunning()) {
            // SIGTERM, then up to 10 s for Mosquitto to save its state and exit.
            container.getDockerClient().stopContainerCmd(container.getContainerId()).withTimeout(10).exec();
        }
    }

    @Override
    public void kill() {
        container.stop();
    }

    @Override
    public String log() {
        return created ? container.getLogs() : "";
    }
}
