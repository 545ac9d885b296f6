package com.example.credit.infra.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A container image read from a tar as {@code jib:buildTar} writes it: a Docker archive ({@code manifest.json} naming
 * the config and the gzip layers) or an OCI image layout ({@code index.json}, {@code blobs/sha256/...}). Exposes the
 * image configuration and the files of all layers, so that tests assert on what {@code docker run} would start.
 * Needs only the JDK and Jackson: the explainer's image test copies this class and {@link TarReader} unchanged.
 *
 * @param config the runtime configuration (the "config" object of the image config JSON)
 * @param files every file and directory of the layers by path without a leading slash, with its mode
 */
record ImageArchive(Config config, Map<String, Integer> files) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    ImageArchive {
        files = Map.copyOf(files);
    }

    /**
     * The runtime configuration of an image.
     *
     * @param entrypoint ENTRYPOINT, empty when unset
     * @param cmd CMD (Jib's "args"), empty when unset
     * @param env environment variables by name
     * @param labels labels by name
     * @param exposedPorts e.g. "8080/tcp"
     * @param user USER, empty when unset (root)
     * @param workingDir WORKDIR, empty when unset
     */
    record Config(
            List<String> entrypoint,
            List<String> cmd,
            Map<String, String> env,
            Map<String, String> labels,
            Set<String> exposedPorts,
            String user,
            String workingDir) {

        Config {
            entrypoint = List.copyOf(entrypoint);
            cmd = List.copyOf(cmd);
            env = Map.copyOf(env);
            labels = Map.copyOf(labels);
            exposedPorts = Set.copyOf(exposedPorts);
        }
    }

    /** Reads the image tar at {@code tar}; fails naming the file and what is missing. */
    static ImageArchive read(Path tar) {
        if (!Files.isRegularFile(tar)) {
            throw new IllegalStateException("image tar " + tar.toAbsolutePath()
                    + " is missing: the jib buildTar execution of the process-test-classes phase writes it"
                    + " (build training-service and explainer-service first, for example ./mvnw verify from the root)");
        }
        Map<String, TarReader.Entry> entries;
        try (InputStream in = Files.newInputStream(tar)) {
            entries = TarReader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tar, e);
        }
        JsonNode configJson;
        List<String> layers = new ArrayList<>();
        if (entries.containsKey("manifest.json")) {
            JsonNode manifest = json(entries, "manifest.json", tar).get(0);
            configJson = json(entries, manifest.get("Config").asString(), tar);
            manifest.get("Layers").forEach(layer -> layers.add(layer.asString()));
        } else if (entries.containsKey("index.json")) {
            JsonNode index = json(entries, "index.json", tar);
            JsonNode manifest = json(entries, blob(index.get("manifests").get(0)), tar);
            configJson = json(entries, blob(manifest.get("config")), tar);
            manifest.get("layers").forEach(layer -> layers.add(blob(layer)));
        } else {
            throw new IllegalStateException(
                    tar + " is neither a Docker archive (manifest.json) nor an OCI layout" + " (index.json)");
        }
        Map<String, Integer> files = new LinkedHashMap<>();
        for (String layer : layers) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content(entries, layer, tar)))) {
                TarReader.read(in).values().forEach(entry -> files.put(entry.name(), entry.mode()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read layer " + layer + " of " + tar, e);
            }
        }
        return new ImageArchive(config(configJson.get("config")), files);
    }

    /** The mode of a file in the image, e.g. 0755; fails naming the path when the image lacks it. */
    int mode(String path) {
        Integer mode = files.get(path.startsWith("/") ? path.substring(1) : path);
        if (mode == null) {
            throw new IllegalStateException("the image has no file " + path);
        }
        return mode;
    }

    /** Whether the image holds {@code path} (absolute or relative to the root). */
    boolean hasFile(String path) {
        return files.containsKey(path.startsWith("/") ? path.substring(1) : path);
    }

    private static Config config(JsonNode config) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String variable : strings(config.get("Env"))) {
            int equals = variable.indexOf('=');
            env.put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Set<String> ports = new TreeSet<>();
        if (config.hasNonNull("Labels")) {
            config.get("Labels")
                    .properties()
                    .forEach(
                            label -> labels.put(label.getKey(), label.getValue().asString()));
        }
        if (config.hasNonNull("ExposedPorts")) {
            ports.addAll(config.get("ExposedPorts").propertyNames());
        }
        return new Config(
                strings(config.get("Entrypoint")),
                strings(config.get("Cmd")),
                env,
                labels,
                ports,
                config.hasNonNull("User") ? config.get("User").asString() : "",
                config.hasNonNull("WorkingDir") ? config.get("WorkingDir").asString() : "");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(value -> values.add(value.asString()));
        }
        return values;
    }

    private static String blob(JsonNode descriptor) {
        return "blobs/" + descriptor.get("digest").asString().replace(':', '/');
    }

    private static JsonNode json(Map<String, TarReader.Entry> entries, String name, Path tar) {
        return JSON.readTree(new String(content(entries, name, tar), StandardCharsets.UTF_8));
    }

    private static byte[] content(Map<String, TarReader.Entry> entries, String name, Path tar) {
        TarReader.Entry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalStateException(tar + " has no entry " + name);
        }
        return entry.content();
    }
}
