package com.example.credit.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * The files the stacks upload as CDK assets. Maven writes their default locations (relative to this module:
 * {@code ../datagen-lambda/target/...}, {@code ../etl-glue-job/target/...}) into {@code artifacts.properties} at
 * build time; the context keys {@code datagenJar}, {@code etlJar} and {@code etlScript} override them.
 *
 * @param datagenJar the shaded Lambda jar of module datagen-lambda
 * @param etlJar the Glue job jar of module etl-glue-job
 * @param etlScript the thin Glue Scala script of module etl-glue-job
 */
public record DeployArtifacts(Path datagenJar, Path etlJar, Path etlScript) {

    private static final String DEFAULTS = "artifacts.properties";

    public DeployArtifacts {
        requireFile(datagenJar, "datagen Lambda jar", "datagen-lambda");
        requireFile(etlJar, "ETL job jar", "etl-glue-job");
        requireFile(etlScript, "Glue entry script", "etl-glue-job");
    }

    /** The build-time defaults, each overridable by the context key of the same name. */
    public static DeployArtifacts locate(Function<String, Object> context) {
        Properties defaults = new Properties();
        try (InputStream in = DeployArtifacts.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new MissingArtifactException(
                        "class path resource " + DEFAULTS + " is missing: build module infra with Maven first");
            }
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS, e);
        }
        return new DeployArtifacts(
                path(context, defaults, "datagenJar"),
                path(context, defaults, "etlJar"),
                path(context, defaults, "etlScript"));
    }

    private static Path path(Function<String, Object> context, Properties defaults, String key) {
        Object override = context.apply(key);
        String value = override != null ? String.valueOf(override) : defaults.getProperty(key);
        if (value == null) {
            throw new MissingArtifactException("no location for " + key + " in context or " + DEFAULTS);
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    private static void requireFile(Path file, String what, String module) {
        Objects.requireNonNull(file, what);
        if (!Files.isRegularFile(file)) {
            throw new MissingArtifactException(what + " " + file + " is missing: build module " + module
                    + " first (./mvnw -B -pl " + module + " package, or the whole reactor from the root)");
        }
    }
}
