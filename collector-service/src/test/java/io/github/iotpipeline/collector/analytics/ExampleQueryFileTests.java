package io.github.iotpipeline.collector.analytics;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ExampleQueryFileTests {

    @Test
    void pairsEachQueryWithTheCommentAboveItAndSkipsHeaderAndSections() {
        List<ExampleQuery> queries = ExampleQueryFile.parse(List.of(
                "-- Header line one.", "-- Header line two.", "",
                "-- == Section ==", "",
                "-- How many sensors are there?", "SELECT count(*)", "  FROM sensors;", "",
                "-- Which sensors are there?", "SELECT id FROM sensors;"));

        assertThat(queries).containsExactly(
                new ExampleQuery("How many sensors are there?", "SELECT count(*)\n  FROM sensors;", 7),
                new ExampleQuery("Which sensors are there?", "SELECT id FROM sensors;", 11));
    }

    @Test
    void rejectsAQueryWithoutACommentAboveIt() {
        assertThatIllegalStateException()
                .isThrownBy(() -> ExampleQueryFile.parse(List.of("-- Header", "", "SELECT 1;")))
                .withMessageContaining("line 3");
    }

    @Test
    void rejectsAQueryUnderTwoCommentLines() {
        assertThatIllegalStateException()
                .isThrownBy(() -> ExampleQueryFile.parse(List.of("-- Header", "", "-- One.", "-- Two.", "SELECT 1;")))
                .withMessageContaining("line 4");
    }

    @Test
    void rejectsAQueryWhoseLastLineDoesNotEndWithASemicolon() {
        assertThatIllegalStateException()
                .isThrownBy(() -> ExampleQueryFile.parse(List.of("-- One.", "SELECT 1; -- done")))
                .withMessageContaining("line 2");
    }

    @Test
    void rejectsTwoQueriesUnderOneComment() {
        assertThatIllegalStateException()
                .isThrownBy(() -> ExampleQueryFile.parse(List.of("-- One.", "SELECT 1;", "SELECT 2;")))
                .withMessageContaining("line 2");
    }
}
