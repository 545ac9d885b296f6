package com.example.credit.batch.aws;

import com.example.credit.batch.BatchException;
import com.example.credit.batch.TransformException;
import com.example.credit.batch.TransformJobFailedException;
import com.example.credit.batch.TransformStillRunningException;
import com.example.credit.batch.job.TransformJobSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;

/**
 * The AWS back end: creates a SageMaker transform job from a {@link TransformJobSpec}, waits for it (polling
 * DescribeTransformJob with a growing pause and printing every status change), and fetches its outputs from S3 to
 * a local folder.
 */
public final class SageMakerTransformer {

    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final SageMakerClient sageMaker;
    private final S3Client s3;
    private final PollingPolicy polling;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Consumer<String> log;

    /** Pauses between polls; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public SageMakerTransformer(
            SageMakerClient sageMaker,
            S3Client s3,
            PollingPolicy polling,
            Sleeper sleeper,
            Clock clock,
            Consumer<String> log) {
        this.sageMaker = Objects.requireNonNull(sageMaker, "sageMaker");
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.polling = Objects.requireNonNull(polling, "polling");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** A transformer with the default polling, real sleeps and the system clock. */
    public static SageMakerTransformer of(SageMakerClient sageMaker, S3Client s3, Consumer<String> log) {
        return new SageMakerTransformer(
                sageMaker,
                s3,
                PollingPolicy.DEFAULT,
                duration -> Thread.sleep(duration.toMillis()),
                Clock.systemUTC(),
                log);
    }

    /**
     * Runs a job to its end and downloads its outputs.
     *
     * @param spec the job (S3 input and output, a model name)
     * @param downloadTo the local folder for the outputs, or {@code null} to leave them in S3
     * @throws TransformJobFailedException when the job ends Failed or Stopped, with SageMaker's failure reason
     * @throws BatchException for an invalid job, an AWS error or a timeout
     */
    public AwsTransformResult run(TransformJobSpec spec, Path downloadTo) {
        String jobName = spec.jobName() != null ? spec.jobName() : jobName(spec.modelName(), clock.instant());
        return finish(spec, jobName, create(spec, jobName), downloadTo);
    }

    /**
     * Creates a job and returns at once (its ARN); {@link #attach} waits for it.
     *
     * @throws BatchException for an invalid job or an AWS error
     */
    public String create(TransformJobSpec spec, String jobName) {
        CreateTransformJobResponse created;
        try {
            created = sageMaker.createTransformJob(TransformJobRequests.create(spec, jobName));
        } catch (SdkException e) {
            throw new TransformException("CreateTransformJob " + jobName + " failed: " + e.getMessage(), e);
        }
        log.accept("transform job " + jobName + " created: " + created.transformJobArn());
        return created.transformJobArn();
    }

    /**
     * Asks SageMaker to stop a job (StopTransformJob); it goes through Stopping to Stopped, which a waiting
     * {@link #attach} reports as a {@link TransformJobFailedException} with status {@code Stopped}.
     *
     * @throws BatchException for an AWS error (an unknown job, one that has already ended)
     */
    public void stop(String jobName) {
        try {
            sageMaker.stopTransformJob(request -> request.transformJobName(jobName));
        } catch (SdkException e) {
            throw new TransformException("StopTransformJob " + jobName + " failed: " + e.getMessage(), e);
        }
        log.accept("transform job " + jobName + ": stop requested");
    }

    /**
     * Waits for a job that was created earlier (by a run that stopped waiting) and downloads its outputs, instead
     * of starting a second job on the same data.
     *
     * @param spec the job as it was created (its output location is read)
     * @param jobName the existing job
     * @param downloadTo the local folder for the outputs, or {@code null} to leave them in S3
     * @throws TransformJobFailedException when the job ends Failed or Stopped
     * @throws BatchException when the job does not exist, for an AWS error or a timeout
     */
    public AwsTransformResult attach(TransformJobSpec spec, String jobName, Path downloadTo) {
        String arn;
        try {
            arn = sageMaker
                    .describeTransformJob(request -> request.transformJobName(jobName))
                    .transformJobArn();
        } catch (SdkException e) {
            throw new TransformException("DescribeTransformJob " + jobName + " failed: " + e.getMessage(), e);
        }
        log.accept("transform job " + jobName + " exists (" + arn + "): waiting for it");
        return finish(spec, jobName, arn, downloadTo);
    }

    private AwsTransformResult finish(TransformJobSpec spec, String jobName, String arn, Path downloadTo) {
        List<String> statuses = new ArrayList<>();
        int polls = waitForEnd(jobName, statuses);
        List<Path> files = downloadTo == null
                ? List.of()
                : download(S3Location.parse("TransformOutput.S3OutputPath", spec.output()), downloadTo);
        return new AwsTransformResult(jobName, arn, statuses, polls, files);
    }

    /** A job name from the model name and the time, within SageMaker's 63 characters. */
    public static String jobName(String modelName, Instant now) {
        String base = modelName == null ? "credit-batch" : modelName;
        String suffix = "-" + NAME_TIME.format(now);
        return base.substring(0, Math.min(base.length(), 63 - suffix.length())) + suffix;
    }

    private int waitForEnd(String jobName, List<String> statuses) {
        Instant deadline = clock.instant().plus(polling.timeout());
        Duration pause = polling.initialDelay();
        int polls = 0;
        while (true) {
            DescribeTransformJobResponse job;
            try {
                job = sageMaker.describeTransformJob(request -> request.transformJobName(jobName));
            } catch (SdkException e) {
                throw new TransformException("DescribeTransformJob " + jobName + " failed: " + e.getMessage(), e);
            }
            polls++;
            String status = job.transformJobStatusAsString();
            if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(status)) {
                log.accept("transform job " + jobName + ": "
                        + (statuses.isEmpty() ? status : statuses.get(statuses.size() - 1) + " -> " + status));
                statuses.add(status);
            }
            switch (status) {
                case "Completed":
                    return polls;
                case "Failed", "Stopped":
                    throw new TransformJobFailedException(jobName, status, job.failureReason());
                default:
                    break;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new TransformStillRunningException(
                        jobName,
                        "transform job " + jobName + " is still " + status + " after " + polling.timeout()
                                + "; it keeps running in SageMaker",
                        null);
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransformStillRunningException(
                        jobName,
                        "interrupted while waiting for transform job " + jobName + "; it keeps running in SageMaker",
                        e);
            }
            pause = polling.next(pause);
        }
    }

    private List<Path> download(S3Location output, Path folder) {
        String prefix =
                output.prefix().isEmpty() || output.prefix().endsWith("/") ? output.prefix() : output.prefix() + "/";
        List<Path> files = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                            .bucket(output.bucket())
                            .prefix(prefix)
                            .build())
                    .contents()) {
                String relative = object.key().substring(prefix.length());
                if (relative.isEmpty() || relative.endsWith("/")) {
                    continue;
                }
                Path target = folder.resolve(relative).normalize();
                if (!target.startsWith(folder.normalize())) {
                    throw new TransformException("S3 key " + object.key() + " would be written outside " + folder);
                }
                Files.createDirectories(target.getParent());
                Path temp = target.resolveSibling("." + target.getFileName() + ".download");
                Files.deleteIfExists(temp);
                s3.getObject(
                        GetObjectRequest.builder()
                                .bucket(output.bucket())
                                .key(object.key())
                                .build(),
                        ResponseTransformer.toFile(temp));
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                files.add(target);
            }
        } catch (SdkException e) {
            throw new TransformException("downloading " + output.uri() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TransformException("cannot write the outputs to " + folder + ": " + e.getMessage(), e);
        }
        log.accept("downloaded " + files.size() + " output file(s) from " + output.uri() + " to " + folder);
        return files;
    }
}
