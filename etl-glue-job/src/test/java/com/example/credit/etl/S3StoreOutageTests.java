package com.example.credit.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3-compatible store dies while the ETL writes its outputs through s3a: S3Mock (its own process, as in
 * {@link S3aRoundTripTests}) is killed as soon as the run's first file
 * is in the store. The failed run must
 * leave the prepared prefix without {@code _SUCCESS} (readers see no dataset), and after the store comes back
 * (same port, same files on disk) a rerun must complete with the same bytes as an undisturbed run.
 */
class S3StoreOutageTests {

    private static final String BUCKET = "credit-outage";

    @TempDir
    static Path work;

    private static int port;
    private static Process s3mock;
    private static SparkSession spark;
    private static SparkTestSession.HadoopSettings s3aSettings;

    @BeforeAll
    static void startS3MockAndSpark() throws Exception {
        port = freePort();
        startS3Mock();
        spark = SparkTestSession.shared();
        s3aSettings = SparkTestSession.hadoopSettings(options("prepared"));
    }

    @AfterAll
    static void restoreSettingsAndStopS3Mock() throws Exception {
        if (s3aSettings != null) {
            s3aSettings.close();
        }
        stopS3Mock(false);
    }

    @Test
    void aRunWhoseStoreDiesMidWriteLeavesNoSuccessMarkerAndARerunCompletes() throws Exception {
        Path raw = RawFixture.random(400, 17).write(work.resolve("raw"));
        FileSystem s3 = new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/")
                .getFileSystem(spark.sparkContext().hadoopConfiguration());
        for (String file :
                new String[] {"credits/credits.csv", "people/people.jsonl", "contacts/contacts.csv", "_SUCCESS"}) {
            s3.copyFromLocalFile(
                    new org.apache.hadoop.fs.Path(raw.resolve(file).toUri()),
                    new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/raw/" + file));
        }
        // The undisturbed run, locally: S3aRoundTripTests shows that s3a and local runs write the same bytes.
        Path reference = work.resolve("reference");
        new EtlPipeline(spark).run(EtlOptions.of(raw.toString(), reference.toString()));

        // Killed once the first file of the run is in the store: Spark has begun writing the outputs.
        AtomicBoolean killed = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!killed.get()) {
                try {
                    if (!files(s3, "s3a://" + BUCKET + "/prepared").isEmpty()) {
                        stopS3Mock(true);
                        killed.set(true);
                    }
                    Thread.sleep(5);
                } catch (IOException | InterruptedException | RuntimeException e) {
                    return;
                }
            }
        });
        watcher.start();
        assertThatThrownBy(() -> new EtlPipeline(spark).run(options("prepared")))
                .as("the run whose store died")
                .isInstanceOf(Exception.class);
        watcher.join();
        assertThat(killed.get()).as("S3Mock was killed during the run").isTrue();

        startS3Mock();
        assertThat(s3.exists(new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/raw/_SUCCESS")))
                .as("the store kept its files across the restart")
                .isTrue();
        Map<String, byte[]> leftBehind = files(s3, "s3a://" + BUCKET + "/prepared");
        assertThat(leftBehind.keySet())
                .as("what the failed run wrote before the store died")
                .isNotEmpty()
                .doesNotContain("_SUCCESS");

        EtlResult rerun = new EtlPipeline(spark).run(options("prepared"));

        assertThat(rerun.trainRows() + rerun.testRows()).isEqualTo(400);
        Map<String, byte[]> prepared = files(s3, "s3a://" + BUCKET + "/prepared");
        Map<String, byte[]> expected = PreparedFiles.allFiles(reference);
        assertThat(prepared.keySet()).isEqualTo(expected.keySet()).contains("_SUCCESS", "data_test/_SUCCESS");
        expected.forEach(
                (name, bytes) -> assertThat(prepared.get(name)).as(name).isEqualTo(bytes));
    }

    // Few, quick retries: against a dead store the default s3a retry policy would wait for minutes.
    private static EtlOptions options(String output) {
        return EtlArguments.parse(new String[] {
            "--input", "s3a://" + BUCKET + "/raw",
            "--output", "s3a://" + BUCKET + "/" + output,
            "--s3-endpoint", "http://127.0.0.1:" + port,
            "--s3-path-style-access", "true",
            "--conf", "spark.hadoop.fs.s3a.access.key=test-key",
            "--conf", "spark.hadoop.fs.s3a.secret.key=test-secret",
            "--conf",
                    "spark.hadoop.fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
            "--conf", "spark.hadoop.fs.s3a.attempts.maximum=1",
            "--conf", "spark.hadoop.fs.s3a.retry.limit=1",
            "--conf", "spark.hadoop.fs.s3a.retry.interval=50ms",
            "--conf", "spark.hadoop.fs.s3a.connection.establish.timeout=2000",
            "--conf", "spark.hadoop.fs.s3a.connection.timeout=5000"
        });
    }

    private static void startS3Mock() throws Exception {
        s3mock = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        // Started twice per run: C1 only and the serial collector start its Spring Boot about a
                        // third sooner; the little it serves here does not need C2.
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-jar",
                        Path.of(System.getProperty("s3mock.jar", "target/s3mock/s3mock-exec.jar"))
                                .toString(),
                        "--com.adobe.testing.s3mock.httpPort=" + port,
                        "--server.port=0",
                        "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
                        "--com.adobe.testing.s3mock.store.retainFilesOnExit=true",
                        "--com.adobe.testing.s3mock.store.root=" + work.resolve("s3mock-store"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        work.resolve("s3mock.log").toFile()))
                .start();
        for (int attempt = 0; attempt < 600; attempt++) {
            if (!s3mock.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + s3mock.exitValue() + ":\n"
                        + Files.readString(work.resolve("s3mock.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("S3Mock did not listen on port " + port);
    }

    private static void stopS3Mock(boolean crash) {
        if (s3mock == null) {
            return;
        }
        if (crash) {
            s3mock.destroyForcibly();
        } else {
            s3mock.destroy();
        }
        try {
            s3mock.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, byte[]> files(FileSystem s3, String root) throws IOException {
        org.apache.hadoop.fs.Path rootPath = new org.apache.hadoop.fs.Path(root);
        if (!s3.exists(rootPath)) {
            return Map.of();
        }
        String prefix = s3.makeQualified(rootPath).toString() + "/";
        Map<String, byte[]> files = new TreeMap<>();
        RemoteIterator<LocatedFileStatus> listing = s3.listFiles(rootPath, true);
        while (listing.hasNext()) {
            org.apache.hadoop.fs.Path path = listing.next().getPath();
            try (InputStream in = s3.open(path)) {
                files.put(path.toString().substring(prefix.length()), in.readAllBytes());
            }
        }
        return files;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
