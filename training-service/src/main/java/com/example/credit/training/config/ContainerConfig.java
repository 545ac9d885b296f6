package com.example.credit.training.config;

import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What SageMaker tells a training container in {@code /opt/ml/input/config}: the hyperparameters (string
 * values), the declared channels ({@code inputdataconfig.json}) and the hosts ({@code resourceconfig.json}).
 *
 * @param hyperparameters the raw hyperparameters, every value a string as SageMaker passes it
 * @param channels the input mode of each declared channel; empty when there is no inputdataconfig.json
 * @param hosts the hosts of the job; empty when there is no resourceconfig.json
 */
public record ContainerConfig(Map<String, String> hyperparameters, Map<String, String> channels, List<String> hosts) {

    public static final String HYPERPARAMETERS_FILE = "hyperparameters.json";
    public static final String INPUT_DATA_CONFIG_FILE = "inputdataconfig.json";
    public static final String RESOURCE_CONFIG_FILE = "resourceconfig.json";

    public ContainerConfig {
        hyperparameters = Map.copyOf(hyperparameters);
        channels = Map.copyOf(channels);
        hosts = List.copyOf(hosts);
    }

    /**
     * Reads the three files of a config folder. Each is optional (local runs may omit them); what is there must
     * be well formed, declare only File or FastFile channels, and run on one host.
     *
     * @throws TrainingException (reason CONFIGURATION) naming the file and what is wrong with it
     */
    public static ContainerConfig read(Path configDir) {
        Map<String, String> hyperparameters = new LinkedHashMap<>();
        readObject(configDir.resolve(HYPERPARAMETERS_FILE)).ifPresent(node -> {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                JsonNode value = entry.getValue();
                // SageMaker always sends strings; a hand-written file may hold plain JSON values.
                hyperparameters.put(entry.getKey(), value.isString() ? value.asString() : value.toString());
            }
        });
        Map<String, String> channels = new LinkedHashMap<>();
        readObject(configDir.resolve(INPUT_DATA_CONFIG_FILE)).ifPresent(node -> {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String mode = entry.getValue().path("TrainingInputMode").asString("File");
                if (mode.equals("Pipe")) {
                    throw new TrainingException(
                            Reason.CONFIGURATION,
                            "channel " + entry.getKey() + " uses TrainingInputMode"
                                    + " 'Pipe'; this container reads files: use File or FastFile");
                }
                channels.put(entry.getKey(), mode);
            }
        });
        List<String> hosts = new ArrayList<>();
        readObject(configDir.resolve(RESOURCE_CONFIG_FILE))
                .ifPresent(node -> node.path("hosts").values().forEach(host -> hosts.add(host.asString())));
        if (hosts.size() > 1) {
            throw new TrainingException(
                    Reason.CONFIGURATION,
                    "the job runs on " + hosts.size() + " hosts " + hosts
                            + "; LightGBM training here is single-host: use InstanceCount 1");
        }
        return new ContainerConfig(hyperparameters, channels, hosts);
    }

    /** Whether inputdataconfig.json was present and declares that channel; true when there was no such file. */
    public boolean declares(String channel) {
        Objects.requireNonNull(channel, "channel");
        return channels.isEmpty() || channels.containsKey(channel);
    }

    private static Optional<JsonNode> readObject(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JsonMapper.shared().readTree(Files.readString(file));
            if (node == null || !node.isObject()) {
                throw new TrainingException(Reason.CONFIGURATION, file + " must hold a JSON object");
            }
            return Optional.of(node);
        } catch (JacksonException e) {
            throw new TrainingException(
                    Reason.CONFIGURATION, file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new TrainingException(Reason.CONFIGURATION, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
