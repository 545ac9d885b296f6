package com.example.credit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloorsTests {

    @TempDir
    Path folder;

    @Test
    void writesWholeLinesUntilTheOutputsByteCountIsReachedAndLeavesNoFile() {
        Path file = folder.resolve("floor.out");

        // "ab\n" is 3 bytes, "cdé\n" 5 (é is two bytes in UTF-8): 3 + 5 + 3 = 11 >= 10 after three lines.
        Floors.Written written = Floors.write(List.of("ab", "cdé"), 10, file);

        assertThat(written.lines()).isEqualTo(3);
        assertThat(written.bytes()).isEqualTo(11);
        assertThat(written.seconds()).isPositive();
        assertThat(file).doesNotExist();
    }

    @Test
    void writesExactlyTheByteCountWhenItEndsOnALine() {
        Floors.Written written = Floors.write(List.of("ab", "cdé"), 8, folder.resolve("floor.out"));

        assertThat(written.lines()).isEqualTo(2);
        assertThat(written.bytes()).isEqualTo(8);
    }

    @Test
    void refusesASampleWithoutLinesOrWithEmptyOnes() {
        assertThatThrownBy(() -> Floors.write(List.of(), 10, folder.resolve("floor.out")))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("non-empty lines, got 0 lines");
        assertThatThrownBy(() -> Floors.write(List.of("a", ""), 10, folder.resolve("floor.out")))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("got 2 lines with empty ones");
        assertThat(Files.exists(folder.resolve("floor.out"))).isFalse();
    }

    @Test
    void chargesTheJsonAloneByRecord() {
        List<String> records = List.of("{\"a\":1,\"b\":\"x\"}", "{\"a\":2,\"b\":\"y\"}");
        List<String> answers = List.of("{\"p\":0.25,\"v\":[0.1,-0.2]}", "{\"p\":0.5,\"v\":[0.3,0.4]}");

        Floors.Json json = Floors.json(records, answers, Duration.ofMillis(20));

        assertThat(json.readNanos()).isPositive().isFinite();
        assertThat(json.writeNanos()).isPositive().isFinite();
        assertThat(json.doublesNanos()).isPositive().isFinite();
        assertThat(json.totalNanos()).isEqualTo(json.readNanos() + json.writeNanos());
    }

    @Test
    void writesEachAnswerBackAsItWasRead() {
        String answer = "{\"prediction\":0.2789651874532134,\"n\":3,\"ok\":true,\"none\":null,"
                + "\"reasons\":[{\"feature\":\"credit__amount\",\"text\":\"Höhe \\\"x\\\"\"}],"
                + "\"shap\":[-1.0E-5,0.5,-0.0,12345.678]}";

        assertThat(Floors.replayed(answer)).isEqualTo(answer);
    }

    @Test
    void refusesAnswersThatDoNotMatchTheRecordsOneToOne() {
        assertThatThrownBy(() -> Floors.json(List.of("{}", "{}"), List.of("{}"), Duration.ofMillis(1)))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("got 2 records and 1 answers");
        assertThatThrownBy(() -> Floors.json(List.of(), List.of(), Duration.ofMillis(1)))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("at least one record");
    }
}
