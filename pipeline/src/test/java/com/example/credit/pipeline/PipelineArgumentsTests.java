package com.example.credit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PipelineArgumentsTests {

    @Test
    void runsInProcessOnStatlogWithSeed42ByDefault() {
        PipelineOptions options = PipelineArguments.parse(new String[0]);

        assertThat(options).isEqualTo(PipelineOptions.defaults());
        assertThat(options.runtime()).isEqualTo(PipelineOptions.Runtime.IN_PROCESS);
        assertThat(options.mode()).isEqualTo("statlog");
        assertThat(options.seed()).isEqualTo(42);
    }

    @Test
    void readsTheContainerRuntimeAlongsideTheOtherFlags() {
        PipelineOptions options = PipelineArguments.parse(
                new String[] {"--runtime", "container", "--seed", "7", "--work", "out", "--store", "s3"});

        assertThat(options.runtime()).isEqualTo(PipelineOptions.Runtime.CONTAINER);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.workDir()).isEqualTo(Path.of("out"));
        assertThat(options.store()).isEqualTo(PipelineOptions.Store.S3);
        assertThat(PipelineArguments.parse(new String[] {"--runtime", "in-process"})
                        .runtime())
                .isEqualTo(PipelineOptions.Runtime.IN_PROCESS);
    }

    @Test
    void rejectsARuntimeItDoesNotKnowNamingTheTwoItDoes() {
        assertThatThrownBy(() -> PipelineArguments.parse(new String[] {"--runtime", "docker"}))
                .isInstanceOf(PipelineException.class)
                .hasMessage("flag --runtime takes in-process or container, not 'docker'");
    }

    @Test
    void readsTheNumberOfTuningCandidatesAndRefusesANegativeOne() {
        assertThat(PipelineArguments.parse(new String[0]).tuneTrials()).isZero();
        PipelineOptions options = PipelineArguments.parse(new String[] {"--tune", "20", "--mode", "synthetic"});

        assertThat(options.tuneTrials()).isEqualTo(20);
        assertThat(options.tuningReport()).isEqualTo(Path.of("work", "tuning.txt"));
        assertThatThrownBy(() -> PipelineArguments.parse(new String[] {"--tune", "-1"}))
                .isInstanceOf(PipelineException.class)
                .hasMessage("--tune -1 must be 0 (no search) or a number of candidates");
        assertThatThrownBy(() -> PipelineArguments.parse(new String[] {"--tune", "many"}))
                .hasMessage("flag --tune takes a whole number, not 'many'");
    }

    @Test
    void rejectsAFlagWithoutItsValue() {
        assertThatThrownBy(() -> PipelineArguments.parse(new String[] {"--runtime"}))
                .hasMessage("flag --runtime needs a value");
    }

    @Test
    void rejectsASizeThatStatlogModeCannotHave() {
        assertThatThrownBy(() -> PipelineArguments.parse(new String[] {"--n", "50"}))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("exactly 1000 rows");
    }

    @Test
    void rejectsAnUnknownFlagNamingTheKnownOnes() {
        assertThatThrownBy(() -> PipelineArguments.parse(new String[] {"--rows", "50"}))
                .hasMessage(
                        "unknown flag --rows; known flags: --mode, --n, --seed, --work, --store, --runtime, --tune");
    }

    @Test
    void documentsTheRuntimeFlagInTheUsage() {
        assertThat(PipelineArguments.USAGE)
                .contains(
                        "[--runtime in-process|container]",
                        "--runtime  in-process:",
                        "container: SageMaker local mode");
    }

    @Test
    void carriesTheSeedToTrainingAsAStringHyperparameterAsSageMakerDoes() {
        PipelineOptions options = PipelineArguments.parse(new String[] {"--seed", "7"});

        assertThat(options.hyperparameters()).containsExactly(java.util.Map.entry("seed", "7"));
    }
}
