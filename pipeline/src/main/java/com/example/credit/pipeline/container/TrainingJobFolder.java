package com.example.credit.pipeline.container;

import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.pipeline.PipelineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The host side of a training job's {@code /opt/ml}: the three config files that SageMaker writes before it starts
 * the training container, and the output folder where the container leaves its failure reason. The channels and
 * the model folder are mounted from where the pipeline keeps them.
 *
 * @param root the job's folder, for example {@code work/sagemaker/training}
 */
public record TrainingJobFolder(Path root) {

    /** What SageMaker shows of the failure file as the job's FailureReason. */
    static final int FAILURE_REASON_CHARS = 1024;

    /** The reason comes first and a blank line ends it (the stack trace follows): a few lines at most. */
    static final int FAILURE_REASON_LINES = 5;

    /** The one host of a single-instance job, as SageMaker names it. */
    static final String HOST = "algo-1";

    public TrainingJobFolder {
        Objects.requireNonNull(root, "root");
    }

    /** Mounted as {@code /opt/ml/input/config}. */
    public Path configDir() {
        return root.resolve("input").resolve("config");
    }

    /** Mounted as {@code /opt/ml/output}. */
    public Path outputDir() {
        return root.resolve("output");
    }

    /** {@code /opt/ml/output/failure}. */
    public Path failureFile() {
        return outputDir().resolve("failure");
    }

    /**
     * Writes {@code hyperparameters.json} (every value a string), {@code inputdataconfig.json} (one File-mode
     * channel each) and {@code resourceconfig.json} (one host) as SageMaker does, and the empty output folder.
     *
     * @param hyperparameters the job's hyperparameters
     * @param channels the channel names, in order
     * @throws PipelineException when the files cannot be written
     */
    public void write(Map<String, String> hyperparameters, List<Channel> channels) {
        Map<String, Object> inputData = new LinkedHashMap<>();
        for (Channel channel : channels) {
            Map<String, String> description = new LinkedHashMap<>();
            description.put("ContentType", channel == Channel.SCHEMAS ? "application/json" : "application/jsonlines");
            description.put("TrainingInputMode", "File");
            description.put("S3DistributionType", "FullyReplicated");
            description.put("RecordWrapperType", "None");
            inputData.put(channel.folder(), description);
        }
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("current_host", HOST);
        resources.put("current_instance_type", "local");
        resources.put("hosts", List.of(HOST));
        resources.put("network_interface_name", "eth0");
        try {
            Files.createDirectories(configDir());
            Files.createDirectories(outputDir());
            writeJson(configDir().resolve("hyperparameters.json"), new TreeMap<>(hyperparameters));
            writeJson(configDir().resolve("inputdataconfig.json"), inputData);
            writeJson(configDir().resolve("resourceconfig.json"), resources);
        } catch (IOException e) {
            throw new PipelineException(
                    "cannot write the training job's config under " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The first lines of the failure file up to a blank line, within the 1024 characters that SageMaker shows as
     * FailureReason, if the container wrote one.
     */
    public Optional<String> failureReason() {
        try {
            if (!Files.isRegularFile(failureFile())) {
                return Optional.empty();
            }
            String text = Files.readString(failureFile(), StandardCharsets.UTF_8);
            return Optional.of(text.substring(0, Math.min(text.length(), FAILURE_REASON_CHARS))
                    .strip()
                    .lines()
                    .takeWhile(line -> !line.isBlank())
                    .limit(FAILURE_REASON_LINES)
                    .collect(Collectors.joining("\n")));
        } catch (IOException e) {
            return Optional.of("(cannot read " + failureFile() + ": " + e.getMessage() + ")");
        }
    }

    private static void writeJson(Path file, Object value) throws IOException {
        Files.writeString(file, JsonMapper.shared().writeValueAsString(value), StandardCharsets.UTF_8);
    }
}
