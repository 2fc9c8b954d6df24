package io.github.iotpipeline.collector.analytics;

/** One query of {@code example_queries.sql}, the comment line above it, and where it starts. */
record ExampleQuery(String comment, String sql, int line) {

    @Override
    public String toString() {
        return comment;
    }
}
