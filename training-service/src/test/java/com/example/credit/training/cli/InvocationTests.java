package com.example.credit.training.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvocationTests {

    @Test
    void runsTheContainerContractUnderOptMlByDefault() {
        assertThat(Invocation.parse(List.of(), Map.of())).isEqualTo(new Invocation.Container(Path.of("/opt/ml")));
        assertThat(Invocation.parse(List.of("train"), Map.of()))
                .isEqualTo(new Invocation.Container(Path.of("/opt/ml")));
    }

    @Test
    void takesTheRootFromTheFlagBeforeTheEnvironment() {
        assertThat(Invocation.parse(List.of(), Map.of("OPT_ML_ROOT", "/tmp/env")))
                .isEqualTo(new Invocation.Container(Path.of("/tmp/env")));
        assertThat(Invocation.parse(List.of("--opt-ml", "/tmp/flag"), Map.of("OPT_ML_ROOT", "/tmp/env")))
                .isEqualTo(new Invocation.Container(Path.of("/tmp/flag")));
    }

    @Test
    void readsALocalRunWithHyperparametersUntilTheNextFlag() {
        Invocation invocation = Invocation.parse(
                List.of("--hyperparameters", "seed=3", "learning-rate=0.05", "--data", "p", "--model-dir", "m"),
                Map.of());

        assertThat(invocation)
                .isEqualTo(new Invocation.Local(
                        Path.of("p"), Path.of("m"), Map.of("seed", "3", "learning-rate", "0.05"), Optional.empty()));
    }

    @Test
    void rejectsAHyperparameterWithoutEqualsSign() {
        assertThatThrownBy(() -> Invocation.parse(
                        List.of("--data", "p", "--model-dir", "m", "--hyperparameters", "seed"), Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("hyperparameter 'seed' must be written key=value");
    }

    @Test
    void rejectsHyperparameterFlagsInTheContainerContract() {
        assertThatThrownBy(() -> Invocation.parse(List.of("--hyperparameters", "seed=1"), Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--hyperparameters goes with --data");
    }

    @Test
    void rejectsAFlagWithoutItsValue() {
        assertThatThrownBy(() -> Invocation.parse(List.of("--data", "p", "--model-dir"), Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("--model-dir needs a value");
    }
}
