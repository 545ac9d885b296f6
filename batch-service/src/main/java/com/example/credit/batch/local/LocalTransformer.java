package com.example.credit.batch.local;

import com.example.credit.batch.BatchException;
import com.example.credit.batch.TransformException;
import com.example.credit.batch.TransformStoppedException;
import com.example.credit.batch.job.AssembleWith;
import com.example.credit.batch.job.BatchStrategy;
import com.example.credit.batch.job.SplitType;
import com.example.credit.batch.job.TransformJobSpec;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local back end: runs a {@link TransformJobSpec} on this machine against a running explainer, with
 * SageMaker Batch Transform's semantics.
 *
 * <ul>
 *   <li>Input files are done in input order; each gets {@code <output>/<relative path>.out}, written to a hidden
 *       temporary file and renamed into place only when every record of the file has its output line.
 *   <li>Up to MaxConcurrentTransforms requests of a file run at once; outputs are written in input order.
 *   <li>One output line per input line: a record the explainer rejects gets an error line in its place.
 *   <li>A finished file gets a marker; a rerun skips finished files (see {@link ResumeMarkers}).
 *   <li>Interrupting the running thread stops the run: the file in progress is dropped, finished files stay
 *       ({@link TransformStoppedException}).
 * </ul>
 */
public final class LocalTransformer {

    /** The hidden folder in the output that holds the resume markers (and the dashboard's job records). */
    public static final String STATE_FOLDER = ResumeMarkers.STATE_FOLDER;

    /** Bytes a write call gives an output file (the last one fewer). */
    static final int OUTPUT_BLOCK = 1 << 18;

    /**
     * The mapper of {@link #run}: doubles written by Jackson's fast writer, as the explainer writes them (the shortest
     * digits that read back as the same double, the closest of those; {@code Double.toString}'s except where Java
     * 17's are longer or farther), so that a copied answer keeps the explainer's digits and costs less to write.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    /**
     * The pauses before the retries of a request that got a server error (5xx) or lost its connection: two retries,
     * after 0.2 s and 1 s.
     */
    public static final List<Duration> DEFAULT_RETRY_PAUSES = List.of(Duration.ofMillis(200), Duration.ofSeconds(1));

    private final ExplainerClient client;
    private final JsonMapper mapper;
    private final List<Duration> retryPauses;

    public LocalTransformer(ExplainerClient client, JsonMapper mapper) {
        this(client, mapper, DEFAULT_RETRY_PAUSES);
    }

    /**
     * A transformer whose requests are retried once per pause of {@code retryPauses} after a server error or a lost
     * connection (none when it is empty).
     */
    public LocalTransformer(ExplainerClient client, JsonMapper mapper, List<Duration> retryPauses) {
        this.client = Objects.requireNonNull(client, "client");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.retryPauses = List.copyOf(retryPauses);
        for (Duration pause : this.retryPauses) {
            if (pause.isNegative()) {
                throw new IllegalArgumentException("retry pauses must not be negative, was " + pause);
            }
        }
    }

    /**
     * Runs a job against the explainer at {@code explainerBaseUrl} ({@code http://127.0.0.1:8080}).
     *
     * @return the counts of the run; files that failed are listed there, not thrown
     * @throws BatchException when the run cannot start (bad input or output location, explainer unreachable)
     */
    public static TransformResult run(TransformJobSpec spec, URI explainerBaseUrl, ProgressListener listener) {
        return run(spec, explainerBaseUrl, listener, DEFAULT_RETRY_PAUSES);
    }

    /** The same with other retry pauses; see {@link #LocalTransformer(ExplainerClient, JsonMapper, List)}. */
    public static TransformResult run(
            TransformJobSpec spec, URI explainerBaseUrl, ProgressListener listener, List<Duration> retryPauses) {
        return new LocalTransformer(new ExplainerClient(explainerBaseUrl, MAPPER), MAPPER, retryPauses)
                .transform(spec, listener);
    }

    /** Runs a job; see {@link #run(TransformJobSpec, URI, ProgressListener)}. */
    public TransformResult transform(TransformJobSpec spec, ProgressListener listener) {
        long start = System.nanoTime();
        Path input = localPath("TransformInput.DataSource", spec.input());
        Path output = localPath("TransformOutput.S3OutputPath", spec.output());
        if (Files.isDirectory(input)
                && output.toAbsolutePath()
                        .normalize()
                        .startsWith(input.toAbsolutePath().normalize())) {
            throw new TransformException(
                    "output " + output + " lies inside input " + input + "; a rerun would read the outputs as input");
        }
        ExecutionParameters advice = client.executionParameters();
        Settings settings = Settings.of(spec, advice);
        List<InputFile> files = InputFiles.list(input);
        ResumeMarkers markers = new ResumeMarkers(output, fingerprint(spec), mapper);
        List<InputFile> pending = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        int skipped = 0;
        for (InputFile file : files) {
            String digest = ResumeMarkers.digest(file.path());
            if (markers.finished(file, digest)) {
                skipped++;
            } else {
                pending.add(file);
                digests.add(digest);
            }
        }
        long total = 0;
        for (InputFile file : pending) {
            total += countRecords(file, spec.splitType());
        }
        ProgressTracker tracker = new ProgressTracker(total, start, listener);
        RecordCodec codec = new RecordCodec(spec.recordFormat(), spec.dataProcessing(), mapper);
        RequestRunner runner = new RequestRunner(client, codec, spec.contentType(), spec.accept(), retryPauses);
        List<TransformResult.FileFailure> failures = new ArrayList<>();
        int done = 0;
        ExecutorService executor = Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "batch-request");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 0; i < pending.size(); i++) {
                InputFile file = pending.get(i);
                stopIfInterrupted(done + skipped, files.size());
                try {
                    FileCounts counts =
                            new FileRun(file, output, spec, settings, codec, runner, executor, tracker).run();
                    markers.markFinished(file, digests.get(i), counts.records(), counts.errors());
                    done++;
                } catch (BatchException e) {
                    // A stop interrupts the file's requests: that is not the file's failure.
                    stopIfInterrupted(done + skipped, files.size());
                    failures.add(new TransformResult.FileFailure(file.relativePath(), e.getMessage()));
                }
            }
        } finally {
            executor.shutdownNow();
            tracker.finish();
        }
        return new TransformResult(
                output,
                files.size(),
                skipped,
                done,
                failures,
                tracker.done(),
                tracker.errors(),
                runner.requests(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static void stopIfInterrupted(int finished, int files) {
        if (Thread.currentThread().isInterrupted()) {
            throw new TransformStoppedException("stopped with " + finished + " of " + files + " file(s) finished;"
                    + " their outputs are kept and a rerun of the same job does only the others");
        }
    }

    /** The options that shape the output: a marker written under other options does not count. */
    static String fingerprint(TransformJobSpec spec) {
        return ResumeMarkers.digest(String.join(
                "\n",
                spec.contentType(),
                spec.splitType().wireName(),
                spec.assembleWith().wireName(),
                String.valueOf(spec.accept()),
                spec.dataProcessing().inputFilter(),
                spec.dataProcessing().outputFilter(),
                spec.dataProcessing().joinSource().wireName()));
    }

    /**
     * The writer of an output file: what {@code Files.newBufferedWriter(file, UTF_8)} gives (the file created or
     * truncated; a character UTF-8 cannot encode, a lone surrogate, is an error), except that the bytes reach the file
     * in blocks of {@value #OUTPUT_BLOCK} bytes rather than 8 KiB: the kernel's work per write call made the 8 KiB
     * writes cost twice the CPU of the large ones.
     */
    public static BufferedWriter outputWriter(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return new BufferedWriter(new OutputStreamWriter(
                new BufferedOutputStream(out, OUTPUT_BLOCK), StandardCharsets.UTF_8.newEncoder()));
    }

    private static Path localPath(String field, String location) {
        if (location.startsWith("s3://")) {
            throw new TransformException(field + "=" + location + " is an S3 location; the local back end reads and"
                    + " writes local files (use --backend aws for S3)");
        }
        return Path.of(location.startsWith("file:") ? URI.create(location).getPath() : location);
    }

    private static long countRecords(InputFile file, SplitType splitType) {
        try (BufferedReader reader = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8)) {
            if (splitType == SplitType.LINE) {
                try {
                    return countLines(reader);
                } catch (IOException e) {
                    // As BufferedReader.lines() reports it.
                    throw new UncheckedIOException(e);
                }
            }
            return reader.lines().filter(line -> !line.isBlank()).count();
        } catch (IOException | UncheckedIOException e) {
            throw new TransformException("cannot read input " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The lines {@link BufferedReader#readLine()} would return, counted without making them: each ends at
     * {@code \n}, {@code \r} or {@code \r\n}, and text after the last line end is one more.
     */
    static long countLines(BufferedReader reader) throws IOException {
        char[] buffer = new char[1 << 16];
        long lines = 0;
        boolean afterCarriageReturn = false;
        boolean open = false;
        for (int read; (read = reader.read(buffer)) >= 0; ) {
            for (int i = 0; i < read; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    if (!afterCarriageReturn) {
                        lines++;
                    }
                    afterCarriageReturn = false;
                    open = false;
                } else if (c == '\r') {
                    lines++;
                    afterCarriageReturn = true;
                    open = false;
                } else {
                    afterCarriageReturn = false;
                    open = true;
                }
            }
        }
        return open ? lines + 1 : lines;
    }

    /**
     * The options in effect: the job's own, else the container's advice, else SageMaker's defaults.
     *
     * @param multiRecord whether requests pack many records
     * @param maxPayloadBytes the largest request body
     * @param concurrency parallel requests
     */
    record Settings(boolean multiRecord, long maxPayloadBytes, int concurrency) {

        static Settings of(TransformJobSpec spec, ExecutionParameters advice) {
            BatchStrategy strategy = spec.batchStrategy() != null
                    ? spec.batchStrategy()
                    : advice.batchStrategy() != null ? advice.batchStrategy() : BatchStrategy.SINGLE_RECORD;
            int payloadMb = spec.maxPayloadInMB() != null
                    ? spec.maxPayloadInMB()
                    : advice.maxPayloadInMB() != null
                            ? Math.min(advice.maxPayloadInMB(), TransformJobSpec.MAX_PAYLOAD_MB_LIMIT)
                            : TransformJobSpec.DEFAULT_MAX_PAYLOAD_MB;
            int concurrency = spec.maxConcurrentTransforms() != null
                    ? spec.maxConcurrentTransforms()
                    : advice.maxConcurrentTransforms() != null
                            ? Math.max(1, advice.maxConcurrentTransforms())
                            : TransformJobSpec.DEFAULT_MAX_CONCURRENT_TRANSFORMS;
            return new Settings(strategy == BatchStrategy.MULTI_RECORD, payloadMb * 1024L * 1024L, concurrency);
        }
    }

    private record FileCounts(long records, long errors) {}

    /** One file: read, pack, send with bounded parallelism, write in order, publish atomically. */
    private static final class FileRun {
        private final InputFile file;
        private final Path target;
        private final TransformJobSpec spec;
        private final Settings settings;
        private final RecordCodec codec;
        private final RequestRunner runner;
        private final ExecutorService executor;
        private final ProgressTracker tracker;
        private long records;
        private long errors;

        FileRun(
                InputFile file,
                Path output,
                TransformJobSpec spec,
                Settings settings,
                RecordCodec codec,
                RequestRunner runner,
                ExecutorService executor,
                ProgressTracker tracker) {
            this.file = file;
            this.target = file.outputIn(output);
            this.spec = spec;
            this.settings = settings;
            this.codec = codec;
            this.runner = runner;
            this.executor = executor;
            this.tracker = tracker;
        }

        FileCounts run() {
            Path temp = target.resolveSibling("." + target.getFileName() + ".partial");
            Deque<Future<RequestRunner.Outputs>> window = new ArrayDeque<>();
            try {
                Files.createDirectories(target.getParent());
                try (BufferedReader reader = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8);
                        BufferedWriter writer = outputWriter(temp)) {
                    Iterator<PreparedRecord> input = spec.splitType() == SplitType.LINE
                            ? new LineRecords(reader, codec)
                            : List.of(codec.wholeFile(readAll(reader))).iterator();
                    RequestPacker packer = new RequestPacker(input, settings.multiRecord(), settings.maxPayloadBytes());
                    // Two requests per worker queued keep the workers busy while the writer waits in order. At most
                    // MaxConcurrentTransforms requests are in flight. With one worker, it only sends and this thread
                    // makes the output lines from the answers while the next request is out; with more, each worker
                    // makes its own answer's lines, so that the joins run in parallel too (this thread reads, packs
                    // and writes).
                    int limit = 2 * settings.concurrency();
                    boolean workersJoin = settings.concurrency() > 1;
                    while (packer.hasNext()) {
                        List<PreparedRecord> request = packer.next();
                        window.add(executor.submit(() -> {
                            RequestRunner.Outputs outputs = runner.exchange(request);
                            if (!workersJoin) {
                                return outputs;
                            }
                            List<RecordLines> lines = outputs.lines();
                            return () -> lines;
                        }));
                        if (window.size() >= limit) {
                            write(window.poll(), writer);
                        }
                    }
                    while (!window.isEmpty()) {
                        write(window.poll(), writer);
                    }
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return new FileCounts(records, errors);
            } catch (IOException | UncheckedIOException e) {
                throw new TransformException("input or output failed: " + e, e);
            } finally {
                window.forEach(future -> future.cancel(true));
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // The next run overwrites it; a leftover hidden file harms nothing.
                }
            }
        }

        private void write(Future<RequestRunner.Outputs> future, BufferedWriter writer) throws IOException {
            List<RecordLines> outputs;
            try {
                outputs = future.get().lines();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof BatchException batch) {
                    throw batch;
                }
                throw new TransformException("a request failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransformException("interrupted while waiting for a request", e);
            }
            for (RecordLines output : outputs) {
                for (String line : output.lines()) {
                    writer.write(line);
                    if (spec.assembleWith() == AssembleWith.LINE) {
                        writer.write('\n');
                    }
                }
                records += output.lines().size();
                errors += output.errorLines();
                tracker.add(output.lines().size(), output.errorLines());
            }
        }

        private static String readAll(BufferedReader reader) throws IOException {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[1 << 16];
            for (int read; (read = reader.read(buffer)) >= 0; ) {
                text.append(buffer, 0, read);
            }
            return text.toString();
        }
    }

    /** The records of a file split by line, read lazily so that big files need little memory. */
    private static final class LineRecords implements Iterator<PreparedRecord> {
        private final BufferedReader reader;
        private final RecordCodec codec;
        private String next;
        private int line;

        LineRecords(BufferedReader reader, RecordCodec codec) {
            this.reader = reader;
            this.codec = codec;
            advance();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public PreparedRecord next() {
            if (next == null) {
                throw new NoSuchElementException("no more lines");
            }
            PreparedRecord record = codec.line(++line, next);
            advance();
            return record;
        }

        private void advance() {
            try {
                next = reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
