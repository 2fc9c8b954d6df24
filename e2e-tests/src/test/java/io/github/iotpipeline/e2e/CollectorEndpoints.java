package io.github.iotpipeline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The collector's Actuator endpoints that operators watch: readiness and the Prometheus scrape. */
final class CollectorEndpoints {

    /** Longer than the health check's own database timeout, which a cut database runs into. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final int port;

    CollectorEndpoints(int port) {
        this.port = port;
    }

    Readiness readiness() {
        HttpResponse<String> response = get("/actuator/health/readiness");
        return new Readiness(response.statusCode(), json.readTree(response.body()));
    }

    CollectorMetrics metrics() {
        HttpResponse<String> response = get("/actuator/prometheus");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode());
        }
        return CollectorMetrics.parse(response.body());
    }

    private HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(REQUEST_TIMEOUT).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("GET " + path + " on port " + port + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** {@code /actuator/health/readiness}: 200 when db, mqtt and buffer are UP, 503 otherwise. */
    record Readiness(int httpStatus, JsonNode body) {

        boolean ready() {
            return httpStatus == 200;
        }

        String componentStatus(String component) {
            return body.path("components").path(component).path("status").asString("absent");
        }

        long bufferDetail(String detail) {
            return body.path("components").path("buffer").path("details").path(detail).asLong(-1);
        }

        @Override
        public String toString() {
            return httpStatus + " " + body;
        }
    }
}
