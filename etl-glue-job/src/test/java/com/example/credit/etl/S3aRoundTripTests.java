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
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads raw data from and writes prepared data to an S3-compatible store through s3a. S3Mock runs as
 * its own process (the standalone jar copied into target/ by the build) so that its Spring Boot and
 * Jackson 3 never share a classpath with Spark.
 */
class S3aRoundTripTests {

    private static final String BUCKET = "credit-data";

    @TempDir
    static Path work;

    private static Process s3mock;
    private static SparkSession spark;
    private static SparkTestSession.HadoopSettings s3aSettings;
    private static String endpoint;
    private static EtlOptions s3Options;

    @BeforeAll
    static void startS3MockAndSpark() throws Exception {
        int port = freePort();
        Path jar = Path.of(System.getProperty("s3mock.jar", "target/s3mock/s3mock-exec.jar"));
        assertThat(jar).as("S3Mock jar copied by maven-dependency-plugin").exists();
        s3mock = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-jar",
                        jar.toString(),
                        "--com.adobe.testing.s3mock.httpPort=" + port,
                        "--server.port=0",
                        "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
                        "--com.adobe.testing.s3mock.store.root=" + work.resolve("s3mock-store"))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("s3mock.log").toFile())
                .start();
        awaitListening(port);
        endpoint = "http://127.0.0.1:" + port;
        s3Options = s3Options("s3a://" + BUCKET + "/raw", "s3a://" + BUCKET + "/prepared");
        spark = SparkTestSession.shared();
        s3aSettings = SparkTestSession.hadoopSettings(s3Options);
    }

    @AfterAll
    static void restoreSettingsAndStopS3Mock() throws Exception {
        if (s3aSettings != null) {
            s3aSettings.close();
        }
        if (s3mock != null) {
            s3mock.destroy();
            s3mock.waitFor();
        }
    }

    @Test
    void preparesFromS3IntoS3TheSameFilesAsLocally() throws Exception {
        Path localRaw = RawFixture.handMade().write(work.resolve("raw"));
        FileSystem s3 = new org.apache.hadoop.fs.Path(s3Options.input())
                .getFileSystem(spark.sparkContext().hadoopConfiguration());
        for (String file :
                new String[] {"credits/credits.csv", "people/people.jsonl", "contacts/contacts.csv", "_SUCCESS"}) {
            // _SUCCESS goes last, as datagen writes it.
            s3.copyFromLocalFile(
                    new org.apache.hadoop.fs.Path(localRaw.resolve(file).toUri()),
                    new org.apache.hadoop.fs.Path(s3Options.input() + "/" + file));
        }

        EtlResult fromS3 = new EtlPipeline(spark).run(s3Options);
        Path localOut = work.resolve("prepared");
        new EtlPipeline(spark).run(EtlOptions.of(localRaw.toString(), localOut.toString()));

        assertThat(fromS3.trainRows() + fromS3.testRows()).isEqualTo(4);
        Map<String, byte[]> s3Files = s3Files(s3, s3Options.output());
        Map<String, byte[]> localFiles = allLocalFiles(localOut);
        assertThat(s3Files.keySet()).isEqualTo(localFiles.keySet()).contains("_SUCCESS", "data_train/_SUCCESS");
        localFiles.forEach(
                (name, bytes) -> assertThat(s3Files.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void refusesAnS3PrefixWithoutSuccessMarker() {
        EtlOptions options = s3Options("s3a://" + BUCKET + "/nothing-here", "s3a://" + BUCKET + "/elsewhere");
        assertThatThrownBy(() -> new EtlPipeline(spark).run(options))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("s3a://" + BUCKET + "/nothing-here has no _SUCCESS marker");
    }

    // Parsed like a command line, so the s3 options are exercised as a user gives them.
    private static EtlOptions s3Options(String input, String output) {
        return EtlArguments.parse(new String[] {
            "--input", input,
            "--output", output,
            "--s3-endpoint", endpoint,
            "--s3-path-style-access", "true",
            "--conf", "spark.hadoop.fs.s3a.access.key=test-key",
            "--conf", "spark.hadoop.fs.s3a.secret.key=test-secret",
            "--conf",
                    "spark.hadoop.fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider"
        });
    }

    private static Map<String, byte[]> s3Files(FileSystem s3, String root) throws IOException {
        org.apache.hadoop.fs.Path rootPath = new org.apache.hadoop.fs.Path(root);
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

    private static Map<String, byte[]> allLocalFiles(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // S3Mock needs a few seconds to start; wait until it accepts connections or has died.
    private static void awaitListening(int port) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            if (!s3mock.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + s3mock.exitValue() + ", see "
                        + work.resolve("s3mock.log") + ":\n" + Files.readString(work.resolve("s3mock.log")));
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
}
