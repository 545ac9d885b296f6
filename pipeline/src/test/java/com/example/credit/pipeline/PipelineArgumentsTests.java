package com.example.credit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.pipeline.aws.AwsOptions;
import java.nio.file.Path;
import java.util.Optional;
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
                .hasMessage("unknown flag --rows; known flags: --mode, --n, --seed, --work, --store, --runtime, --tune,"
                        + " --serve, --target, --stack-prefix, --region, --resume, --keep-endpoint, --endpoint-name,"
                        + " --image-tag, --instance-type");
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

    @Test
    void readsTheAwsTargetWithItsSettingsAndKeepsTheLocalDefaultsOtherwise() {
        PipelineOptions options = PipelineArguments.parse(new String[] {
            "--target", "aws", "--stack-prefix", "Risk", "--region", "eu-central-1", "--keep-endpoint", "--mode",
            "synthetic", "--n", "5000", "--endpoint-name", "credit-risk", "--image-tag", "0.1.0", "--instance-type",
            "ml.c5.xlarge"
        });

        assertThat(options.target()).isEqualTo(PipelineOptions.Target.AWS);
        assertThat(options.aws())
                .isEqualTo(new AwsOptions(
                        "Risk",
                        Optional.of("eu-central-1"),
                        Optional.empty(),
                        true,
                        "credit-risk",
                        "0.1.0",
                        "ml.c5.xlarge"));
        assertThat(options.n()).hasValue(5000);
        assertThat(PipelineArguments.parse(new String[0]).target()).isEqualTo(PipelineOptions.Target.LOCAL);
        assertThat(PipelineArguments.parse(new String[] {"--target", "aws", "--resume", "20261203-101500"})
                        .aws()
                        .resume())
                .hasValue("20261203-101500");
    }

    @Test
    void rejectsAwsFlagsOnTheLocalTargetAndLocalFlagsOnTheAwsTarget() {
        assertThatThrownBy(() -> PipelineArguments.parse(new String[] {"--keep-endpoint"}))
                .isInstanceOf(PipelineException.class)
                .hasMessage("flag --keep-endpoint applies to --target aws only");
        assertThatThrownBy(() -> PipelineArguments.parse(new String[] {"--target", "aws", "--store", "s3"}))
                .isInstanceOf(PipelineException.class)
                .hasMessageStartingWith("--store does not apply to --target aws");
        assertThatThrownBy(() -> PipelineArguments.parse(new String[] {"--target", "aws", "--tune", "5"}))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("SageMaker Automatic Model Tuning");
        assertThatThrownBy(() -> PipelineArguments.parse(new String[] {"--target", "gcp"}))
                .isInstanceOf(PipelineException.class)
                .hasMessage("flag --target takes local or aws, not 'gcp'");
    }

    @Test
    void rejectsAwsSettingsThatCannotNameAResourceTheOperatorPolicyAllows() {
        assertThatThrownBy(() -> PipelineArguments.parse(new String[] {"--target", "aws", "--endpoint-name", "prod"}))
                .isInstanceOf(PipelineException.class)
                .hasMessageStartingWith(
                        "flag --endpoint-name 'prod' is invalid: must be an endpoint name starting" + " with credit-");
        assertThatThrownBy(() -> PipelineArguments.parse(new String[] {"--target", "aws", "--region", "Ireland"}))
                .isInstanceOf(PipelineException.class)
                .hasMessage("flag --region 'Ireland' is invalid: must be an AWS region such as eu-west-1");
        assertThatThrownBy(() -> PipelineArguments.parse(new String[] {"--target", "aws", "--resume", "last"}))
                .isInstanceOf(PipelineException.class)
                .hasMessage("flag --resume 'last' is invalid: must be a run id such as 20261203-101500");
    }

    @Test
    void takesServeAsAFlagWithoutValueOnEitherTarget() {
        assertThat(PipelineArguments.wantsServe(new String[] {"--serve", "--seed", "7"}))
                .isTrue();
        assertThat(PipelineArguments.parse(new String[] {"--serve", "--seed", "7"})
                        .seed())
                .isEqualTo(7);
        assertThat(PipelineArguments.parse(new String[] {"--target", "aws", "--serve"})
                        .target())
                .isEqualTo(PipelineOptions.Target.AWS);
        assertThat(PipelineArguments.wantsServe(new String[] {"--seed", "7"})).isFalse();
    }
}
