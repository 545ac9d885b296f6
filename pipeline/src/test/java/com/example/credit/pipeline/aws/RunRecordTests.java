package com.example.credit.pipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunRecordTests {

    private static final Instant T0 = Instant.parse("2026-12-03T10:15:00Z");

    private static RunRecord record() {
        RunRecord record = new RunRecord("20261203-101500", T0, Map.of("seed", "42", "mode", "statlog"));
        record.start("generate", T0);
        record.update("generate", stage -> stage.withResource("function", "credit-datagen")
                .withFigure("applicants", 1000));
        record.end("generate", RunRecord.Status.SUCCEEDED, T0.plusSeconds(40), Optional.empty());
        record.start("prepare", T0.plusSeconds(41));
        record.update("prepare", stage -> stage.withResource("job_run_id", "jr_1"));
        return record;
    }

    @Test
    void readsBackExactlyWhatItWrote() {
        RunRecord record = record();

        RunRecord read = RunRecord.parse(record.toJson(), "test");

        assertThat(read.toJson()).isEqualTo(record.toJson());
        assertThat(read.stage("generate").status()).isEqualTo(RunRecord.Status.SUCCEEDED);
        assertThat(read.stage("generate").ended()).hasValue(T0.plusSeconds(40));
        assertThat(read.stage("generate").figures()).containsEntry("applicants", 1000.0);
        assertThat(read.stage("prepare").resource("job_run_id")).hasValue("jr_1");
        assertThat(read.stage("train").status()).isEqualTo(RunRecord.Status.PENDING);
        assertThat(read.setting("seed")).hasValue("42");
    }

    @Test
    void listsTheRunningStagesWithTheirJobs() {
        assertThat(record().running()).singleElement().satisfies(entry -> {
            assertThat(entry.getKey()).isEqualTo("prepare");
            assertThat(entry.getValue().resource("job_run_id")).hasValue("jr_1");
        });
    }

    @Test
    void keepsTheFirstStartTimeWhenAStageIsStartedAgain() {
        RunRecord record = record();
        record.end("prepare", RunRecord.Status.FAILED, T0.plusSeconds(90), Optional.of("boom"));

        record.start("prepare", T0.plusSeconds(500));

        assertThat(record.stage("prepare").started()).hasValue(T0.plusSeconds(41));
        assertThat(record.stage("prepare").ended()).isEmpty();
        assertThat(record.stage("prepare").message()).isEmpty();
        assertThat(record.stage("prepare").resource("job_run_id")).hasValue("jr_1");
    }

    @Test
    void refusesARecordOfANewerFormatOrAnUnknownStatus() {
        String json = record().toJson();

        assertThatThrownBy(() -> RunRecord.parse(json.replace("\"format_version\" : 1", "\"format_version\" : 2"), "r"))
                .isInstanceOf(AwsStageException.class)
                .hasMessage("run record r has format_version 2; this build reads 1 to 1");
        assertThatThrownBy(() -> RunRecord.parse(json.replace("\"running\"", "\"paused\""), "r"))
                .isInstanceOf(AwsStageException.class)
                .hasMessageContaining("stage status 'paused' is not one of");
        assertThatThrownBy(() -> RunRecord.parse("{", "r"))
                .isInstanceOf(AwsStageException.class)
                .hasMessageStartingWith("run record r is not valid JSON");
    }
}
