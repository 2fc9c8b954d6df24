package io.github.iotpipeline.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files at the top of the repository, found from the module's working directory. */
final class ProjectFiles {

    private ProjectFiles() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mosquitto/mosquitto.conf"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path mosquittoConfig() {
        return root().resolve("mosquitto/mosquitto.conf");
    }
}
