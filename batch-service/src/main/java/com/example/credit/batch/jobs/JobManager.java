package com.example.credit.batch.jobs;

import com.example.credit.batch.BatchException;
import com.example.credit.batch.InvalidJobSpecException;
import com.example.credit.batch.TransformJobFailedException;
import com.example.credit.batch.TransformStillRunningException;
import com.example.credit.batch.TransformStoppedException;
import com.example.credit.batch.aws.SageMakerTransformer;
import com.example.credit.batch.aws.TransformJobRequests;
import com.example.credit.batch.job.TransformJobSpec;
import com.example.credit.batch.local.ProgressListener;
import com.example.credit.batch.local.TransformResult;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs submitted transform jobs and keeps their records.
 *
 * <ul>
 *   <li>Local jobs run one at a time, in submission order, on one worker thread (they share the explainer); a job
 *       is saved after each progress report (every two seconds at most).
 *   <li>AWS jobs are created in SageMaker and waited for, each on its own thread.
 *   <li>A stop interrupts a local job (finished files are kept, the file in progress is dropped) or sends
 *       StopTransformJob; a queued job is stopped at once.
 *   <li>{@link #recover()} after a restart: local jobs that were queued or running are queued again and resume
 *       from their resume markers (finished files are not redone); AWS jobs are attached to again (created again
 *       only if the service died before CreateTransformJob answered).
 *   <li>{@link #close()} (the service shutting down) interrupts the running jobs without ending them: their records
 *       stay queued or running, and the next start resumes them.
 * </ul>
 *
 * Logs name jobs, states and counts, never record contents.
 */
public final class JobManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** Runs a local job to its end against an explainer (the local transformer; tests may wrap it). */
    @FunctionalInterface
    public interface LocalRunner {
        TransformResult run(TransformJobSpec spec, URI explainer, ProgressListener listener);
    }

    /** The SageMaker transformer of AWS jobs, built on first use; throws a {@link BatchException} if unusable. */
    @FunctionalInterface
    public interface AwsTransformers {
        SageMakerTransformer transformer(Consumer<String> log);
    }

    private final JobStore store;
    private final URI defaultExplainer;
    private final LocalRunner local;
    private final AwsTransformers aws;
    private final Clock clock;
    private final Map<String, JobRecord> jobs = new LinkedHashMap<>();
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final ExecutorService localWorker;
    private final ExecutorService awsWaiters;
    private volatile boolean closing;

    /**
     * @param store where records are saved
     * @param defaultExplainer the explainer of local jobs that name none ({@code http://127.0.0.1:8080}), or null
     * @param local runs local jobs
     * @param aws gives the SageMaker transformer of AWS jobs
     * @param clock the time of records and ids
     */
    public JobManager(JobStore store, URI defaultExplainer, LocalRunner local, AwsTransformers aws, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.defaultExplainer = defaultExplainer;
        this.local = Objects.requireNonNull(local, "local");
        this.aws = Objects.requireNonNull(aws, "aws");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.localWorker = Executors.newSingleThreadExecutor(daemon("batch-job-local"));
        this.awsWaiters = Executors.newCachedThreadPool(daemon("batch-job-aws"));
    }

    /**
     * Accepts a job and queues it.
     *
     * @param backend where it runs
     * @param spec the job
     * @param explainer a local job's explainer, or null for the default
     * @return its record, {@link JobState#QUEUED}
     * @throws InvalidJobSpecException when the job does not fit the back end
     * @throws JobConflictException when a job that has not ended writes to the same output
     */
    public JobRecord submit(JobBackend backend, TransformJobSpec spec, URI explainer) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(spec, "spec");
        URI target = null;
        String awsJobName = null;
        if (backend == JobBackend.LOCAL) {
            target = explainer != null ? explainer : defaultExplainer;
            if (target == null) {
                throw new InvalidJobSpecException(
                        "endpoint",
                        null,
                        "is required for a local job: give the"
                                + " explainer's URL, or start the service with dashboard.jobs.explainer-url");
            }
            if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
                throw new InvalidJobSpecException("endpoint", target.toString(), "must be an http or https URL");
            }
            for (String[] field : new String[][] {
                {"TransformInput.DataSource.S3DataSource.S3Uri", spec.input()},
                {"TransformOutput.S3OutputPath", spec.output()}
            }) {
                if (field[1].startsWith("s3://")) {
                    throw new InvalidJobSpecException(
                            field[0],
                            field[1],
                            "is an S3 location; a local job reads and writes local files (use" + " backend aws)");
                }
            }
        } else {
            awsJobName = spec.jobName() != null
                    ? spec.jobName()
                    : SageMakerTransformer.jobName(spec.modelName(), clock.instant());
            // Every rule of CreateTransformJob is checked now, not when the worker gets to it.
            TransformJobRequests.create(spec, awsJobName);
        }
        JobRecord record;
        synchronized (this) {
            for (JobRecord job : jobs.values()) {
                if (!job.state().ended() && job.spec().output().equals(spec.output())) {
                    throw new JobConflictException("job " + job.id() + " (" + job.state() + ") already writes to "
                            + spec.output() + "; stop it or wait for it to end");
                }
            }
            record = JobRecord.queued(nextId(), backend, spec, target, awsJobName, clock.instant());
            jobs.put(record.id(), record);
            store.save(record);
        }
        LOG.info("job {} ({}) queued", record.id(), backend.wireName());
        schedule(record, false);
        return record;
    }

    /** Every job, the newest first. */
    public synchronized List<JobRecord> list() {
        List<JobRecord> list = new ArrayList<>(jobs.values());
        list.sort(Comparator.comparing(JobRecord::submitted)
                .thenComparing(JobRecord::id)
                .reversed());
        return list;
    }

    /**
     * One job.
     *
     * @throws UnknownJobException when no job has the id
     */
    public synchronized JobRecord get(String id) {
        JobRecord record = jobs.get(id);
        if (record == null) {
            throw new UnknownJobException("no job '" + id + "'; GET /api/jobs lists them");
        }
        return record;
    }

    /**
     * Stops a job: at once when queued; a running local job is interrupted, an AWS job gets StopTransformJob.
     *
     * @return its record, {@link JobState#STOPPED} or {@link JobState#STOPPING}
     * @throws UnknownJobException when no job has the id
     * @throws JobConflictException when it has already ended
     */
    public JobRecord stop(String id) {
        JobRecord record;
        synchronized (this) {
            record = get(id);
            if (record.state().ended()) {
                throw new JobConflictException("job " + id + " has already ended (" + record.state() + ")");
            }
            if (record.state() == JobState.QUEUED && !(record.backend() == JobBackend.AWS && record.awsCreated())) {
                return update(id, job -> job.ending(JobState.STOPPED, clock.instant(), job.errors())
                        .noting("stopped before it started"));
            }
            record = update(id, job -> job.withState(JobState.STOPPING));
        }
        LOG.info("job {}: stop requested", id);
        if (record.backend() == JobBackend.LOCAL) {
            Thread thread = running.get(id);
            if (thread != null) {
                thread.interrupt();
            }
        } else if (record.awsCreated()) {
            aws.transformer(line -> {}).stop(record.awsJobName());
        }
        return get(id);
    }

    /**
     * Takes up the saved jobs after a start: queued and running jobs run again, an interrupted stop is finished.
     *
     * @return how many jobs were taken up
     */
    public int recover() {
        List<JobRecord> resumed = new ArrayList<>();
        synchronized (this) {
            for (JobRecord saved : store.load()) {
                JobRecord record = saved;
                sequence.incrementAndGet();
                if (!record.state().ended()) {
                    if (record.backend() == JobBackend.LOCAL && record.state() == JobState.STOPPING) {
                        // The stop was under way when the service died: the finished files are kept, as by a stop.
                        record = record.ending(JobState.STOPPED, clock.instant(), record.errors())
                                .noting("the service stopped while the job was stopping");
                    } else if (record.backend() == JobBackend.LOCAL) {
                        record = record.withState(JobState.QUEUED)
                                .noting("resumed after a restart of the service at " + clock.instant()
                                        + "; finished files are not redone");
                        resumed.add(record);
                    } else {
                        record =
                                record.noting("attached to again after a restart of the service at " + clock.instant());
                        resumed.add(record);
                    }
                    store.save(record);
                }
                jobs.put(record.id(), record);
            }
        }
        for (JobRecord record : resumed) {
            schedule(record, true);
        }
        if (!resumed.isEmpty()) {
            LOG.info("{} job(s) taken up after a restart", resumed.size());
        }
        return resumed.size();
    }

    /**
     * Interrupts the running jobs and leaves them to the next start (their records stay queued or running). Once this
     * returns the manager saves nothing more: an attempt still winding down (a file finishing, its progress) cannot
     * overwrite what the next start writes.
     */
    @Override
    public synchronized void close() {
        closing = true;
        localWorker.shutdownNow();
        awsWaiters.shutdownNow();
    }

    private void schedule(JobRecord record, boolean recovering) {
        if (record.backend() == JobBackend.LOCAL) {
            localWorker.execute(() -> runLocal(record.id()));
        } else {
            awsWaiters.execute(() -> runAws(record.id(), recovering));
        }
    }

    private void runLocal(String id) {
        JobRecord record;
        synchronized (this) {
            if (closing || get(id).state() != JobState.QUEUED) {
                return;
            }
            record = update(id, job -> job.starting(clock.instant()));
            running.put(id, Thread.currentThread());
        }
        LOG.info("job {}: running (attempt {})", id, record.attempts());
        try {
            TransformResult result = local.run(record.spec(), record.explainer(), progress -> {
                synchronized (this) {
                    update(id, job -> job.withProgress(JobProgress.of(progress)));
                }
            });
            List<String> failures = new ArrayList<>();
            result.failures().forEach(failure -> failures.add(failure.relativePath() + ": " + failure.reason()));
            end(id, result.succeeded() ? JobState.COMPLETED : JobState.FAILED, failures);
        } catch (TransformStoppedException e) {
            if (!closing) {
                end(id, JobState.STOPPED, List.of(), e.getMessage());
            }
        } catch (RuntimeException e) {
            if (closing) {
                return;
            }
            if (get(id).state() == JobState.STOPPING) {
                // Stopped before the first file (while asking the explainer for its parameters, say).
                end(id, JobState.STOPPED, List.of(), "stopped before any file was finished");
            } else {
                end(id, JobState.FAILED, List.of(e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        } finally {
            running.remove(id);
            // A stop that came after the last file is still a stop.
            Thread.interrupted();
        }
    }

    private void runAws(String id, boolean recovering) {
        JobRecord record;
        synchronized (this) {
            record = get(id);
            if (closing || record.state().ended()) {
                return;
            }
            if (record.state() == JobState.QUEUED) {
                record = update(id, job -> job.starting(clock.instant()));
            }
        }
        try {
            SageMakerTransformer transformer = aws.transformer(line -> {
                synchronized (this) {
                    update(id, job -> job.withAwsStatus(line));
                }
            });
            if (!record.awsCreated()) {
                try {
                    transformer.create(record.spec(), record.awsJobName());
                } catch (BatchException e) {
                    // After a restart the job may have been created just before the service died: attach decides.
                    if (!recovering) {
                        throw e;
                    }
                }
                synchronized (this) {
                    record = update(id, JobRecord::created);
                }
                if (record.state() == JobState.STOPPING) {
                    transformer.stop(record.awsJobName());
                }
            }
            transformer.attach(record.spec(), record.awsJobName(), null);
            end(id, JobState.COMPLETED, List.of());
        } catch (TransformJobFailedException e) {
            if ("Stopped".equals(e.status())) {
                end(id, JobState.STOPPED, List.of(), "stopped in SageMaker");
            } else {
                end(id, JobState.FAILED, List.of(e.getMessage()));
            }
        } catch (TransformStillRunningException e) {
            if (!closing) {
                synchronized (this) {
                    update(
                            id,
                            job -> job.noting(
                                    e.getMessage() + "; the service waits for it again at its next" + " start"));
                }
            }
        } catch (RuntimeException e) {
            if (!closing) {
                end(id, JobState.FAILED, List.of(e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
    }

    private void end(String id, JobState state, List<String> errors) {
        end(id, state, errors, null);
    }

    private synchronized void end(String id, JobState state, List<String> errors, String note) {
        update(id, job -> {
            JobRecord done = job.ending(state, clock.instant(), errors);
            return note == null ? done : done.noting(note);
        });
        LOG.info("job {}: {}{}", id, state, errors.isEmpty() ? "" : " (" + errors.size() + " error(s))");
    }

    /** Changes a record and saves it, unless the manager is closed; callers hold the lock. */
    private JobRecord update(String id, UnaryOperator<JobRecord> change) {
        JobRecord changed = change.apply(get(id));
        jobs.put(id, changed);
        if (!closing) {
            store.save(changed);
        }
        return changed;
    }

    private String nextId() {
        return "job-" + ID_TIME.format(clock.instant()) + "-" + String.format("%04d", sequence.incrementAndGet());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
