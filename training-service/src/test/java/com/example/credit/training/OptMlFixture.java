package com.example.credit.training;

import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lays out an {@code /opt/ml} tree exactly as SageMaker does before it starts a training container: the three
 * config files (hyperparameters as strings, including SageMaker's own sagemaker_* keys), one folder a channel
 * under input/data, and the empty model/ and output/ folders.
 */
public final class OptMlFixture {

    /** Small and quick: the tests need a model, not the best one. */
    public static final Map<String, String> QUICK = Map.of("tree-n-estimators", "20", "cv-splits", "3");

    private OptMlFixture() {}

    /** A complete tree with seeded data and these hyperparameters (string values, as SageMaker sends them). */
    public static Path create(Path root, Map<String, String> hyperparameters) {
        PreparedDataFixture.write(root.resolve("input").resolve("data"));
        writeConfig(root, hyperparameters);
        try {
            // SageMaker creates both, empty, before it starts the container.
            Files.createDirectories(root.resolve("model"));
            Files.createDirectories(root.resolve("output"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    /** Writes the three config files. */
    public static void writeConfig(Path root, Map<String, String> hyperparameters) {
        JsonMapper mapper = JsonMapper.shared();
        Path config = root.resolve("input").resolve("config");
        ObjectNode hp = mapper.createObjectNode();
        Map<String, String> all = new TreeMap<>(hyperparameters);
        all.put("sagemaker_program", "train");
        all.put("sagemaker_region", "\"eu-west-1\"");
        all.forEach(hp::put);
        PreparedDataFixture.writeString(config.resolve("hyperparameters.json"), hp.toString());
        ObjectNode channels = mapper.createObjectNode();
        for (Channel channel : PreparedLayout.TRAINING_CHANNELS) {
            ObjectNode description = channels.putObject(channel.folder());
            description.put(
                    "ContentType", channel.equals(Channel.SCHEMAS) ? "application/json" : "application/jsonlines");
            description.put("TrainingInputMode", "File");
            description.put("S3DistributionType", "FullyReplicated");
            description.put("RecordWrapperType", "None");
        }
        PreparedDataFixture.writeString(config.resolve("inputdataconfig.json"), channels.toString());
        PreparedDataFixture.writeString(
                config.resolve("resourceconfig.json"),
                "{\"current_host\":\"algo-1\",\"hosts\":[\"algo-1\"],\"network_interface_name\":\"eth0\"}");
    }
}
