package com.example.credit.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One run of the whole pipeline on 600 synthetic applicants (seed 7, local files, in-process), shared by the test
 * classes that check what it wrote and printed ({@link LocalPipelineTests}, {@link PiiLeakTests}): started on first
 * use, once per test JVM, in a folder that is removed after the last test. A class receives it as a parameter of
 * its {@code @BeforeAll} method with {@code @ExtendWith(SharedRun.Resolver.class)}.
 *
 * @param work the run's work folder
 * @param summary what the run returned
 * @param printed what the run printed
 */
public record SharedRun(Path work, PipelineSummary summary, String printed) implements AutoCloseable {

    public static final long APPLICANTS = 600;
    public static final long SEED = 7;

    private static SharedRun start() {
        try {
            // java.io.tmpdir is the module's target folder (the surefire argLine).
            Path work = Files.createTempDirectory("shared-pipeline-run-");
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            PipelineOptions options = new PipelineOptions(
                    "synthetic",
                    OptionalLong.of(APPLICANTS),
                    SEED,
                    work,
                    PipelineOptions.Store.LOCAL,
                    PipelineOptions.Runtime.IN_PROCESS);
            PipelineSummary summary = new Pipeline(new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(options);
            return new SharedRun(work, summary, buffer.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> walk = Files.walk(work)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Resolves a {@link SharedRun} parameter, from the store of the whole test plan (closed at its end). */
    public static final class Resolver implements ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedRun.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SharedRun.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot()
                    .getStore(NAMESPACE)
                    .getOrComputeIfAbsent(SharedRun.class, key -> start(), SharedRun.class);
        }
    }
}
