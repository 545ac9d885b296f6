import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.core.shap.TreeShap;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load-independent CPU cost of the explainer's request path (a helper's measuring tool, not part of the service).
 *
 * <p>Starts the explainer jar, then charges CPU time (server: /proc/PID/stat utime+stime; client: this process's
 * CPU time) to phases of requests: /ping and one-record /invocations under a closed loop of W workers, and
 * sequential 1000-record JSON Lines MultiRecord requests; separately, TreeSHAP's batch method on the same 1000 rows
 * in this JVM, by thread CPU time. Prints CPU per request and per record, and the ratios of the targets.
 *
 * <p>Usage: java -cp CREDIT_CORE_AND_JACKSON ServerCpuProbe.java JAR[,JAR...] MODEL_DIR DATA_JSONL [rounds] [jvm flags]
 * (several jars: all are started, then measured in turn in every round, side by side under the same load).
 */
public class ServerCpuProbe {

    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final long TICK_NS = 10_000_000L; // USER_HZ 100

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path modelDir = Path.of(args[1]);
        List<String> lines = Files.readAllLines(Path.of(args[2])).stream().filter(l -> !l.isBlank()).toList();
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        List<String> extra = args.length > 4 ? List.of(args).subList(4, args.length) : List.of();
        List<String> block = new ArrayList<>();
        for (int i = 0; block.size() < 1000; i++) {
            block.add(lines.get(i % lines.size()));
        }
        String multi = String.join("\n", block) + "\n";
        String one = lines.get(0);

        List<Server> servers = new ArrayList<>();
        try {
            for (String jarName : args[0].split(",")) {
                servers.add(Server.start(Path.of(jarName), modelDir, extra, one, multi));
            }
            for (Server server : servers) {
                closedLoop(server.pid, server.invocation, 8, 30_000);
                closedLoop(server.pid, server.reasons, 8, 10_000);
                closedLoop(server.pid, server.ping, 8, 10_000);
                closedLoop(server.pid, server.batch, 1, 40);
            }
            double[] engine = engineNsPerRecord(modelDir, block, 3);
            System.out.printf(Locale.ROOT, "engine alone (TreeShap batch, 1000-row call): %.1f us/record (best %.1f)%n",
                    engine[0] / 1e3, engine[1] / 1e3);
            for (int round = 1; round <= rounds; round++) {
                for (Server server : servers) {
                    Cost p = closedLoop(server.pid, server.ping, 8, 20_000);
                    Cost i = closedLoop(server.pid, server.invocation, 8, 20_000);
                    Cost r = closedLoop(server.pid, server.reasons, 8, 20_000);
                    Cost b = closedLoop(server.pid, server.batch, 1, 40);
                    double[] e = engineNsPerRecord(modelDir, block, 2);
                    System.out.printf(Locale.ROOT,
                            "round %d %s: ping server %.1f client %.1f us | inv(shap) server %.1f client %.1f us | "
                                    + "inv(shap+reasons) server %.1f client %.1f us | cpu ratio ping/inv %.1f%%"
                                    + " ping/inv+r %.1f%% | multi server %.1f us/rec, engine %.1f us/rec,"
                                    + " server/engine %.2fx%n",
                            round, server.jar.getFileName(), p.serverUs(), p.clientUs(), i.serverUs(), i.clientUs(),
                            r.serverUs(), r.clientUs(), 100 * p.totalUs() / i.totalUs(),
                            100 * p.totalUs() / r.totalUs(), b.serverUs() / 1000, e[0] / 1e3,
                            b.serverUs() * 1e3 / 1000 / e[0]);
                }
            }
        } finally {
            for (Server server : servers) {
                server.process.destroy();
                server.process.waitFor();
            }
        }
    }

    record Server(Path jar, Process process, long pid, HttpRequest ping, HttpRequest invocation, HttpRequest reasons,
            HttpRequest batch) {
        static Server start(Path jar, Path modelDir, List<String> extra, String one, String multi) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of("java", "-Xmx1g"));
            command.addAll(extra);
            command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                    "--explainer.model-dir=" + modelDir, "--logging.level.root=WARN"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of("/tmp/pe-probe-server-" + port + ".log").toFile()).start();
            URI base = URI.create("http://127.0.0.1:" + port);
            waitForPing(base);
            return new Server(jar, process, process.pid(),
                    HttpRequest.newBuilder(base.resolve("/ping")).GET().build(),
                    HttpRequest.newBuilder(base.resolve("/invocations"))
                            .header("Content-Type", "application/json; entities=prediction,explanation_shap_values")
                            .POST(HttpRequest.BodyPublishers.ofString(one)).build(),
                    HttpRequest.newBuilder(base.resolve("/invocations"))
                            .header("Content-Type",
                                    "application/json; entities=prediction,explanation_shap_values,reasons")
                            .POST(HttpRequest.BodyPublishers.ofString(one)).build(),
                    HttpRequest.newBuilder(base.resolve("/invocations"))
                            .header("Content-Type",
                                    "application/jsonlines;entities=prediction,explanation_shap_values,reasons")
                            .header("Accept", "application/jsonlines")
                            .POST(HttpRequest.BodyPublishers.ofString(multi)).build());
        }
    }

    record Cost(long requests, long serverNs, long clientNs) {
        double serverUs() { return serverNs / 1e3 / requests; }
        double clientUs() { return clientNs / 1e3 / requests; }
        double totalUs() { return serverUs() + clientUs(); }
    }

    static Cost closedLoop(long pid, HttpRequest request, int workers, int total) throws Exception {
        AtomicInteger left = new AtomicInteger(total);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long server0 = serverCpuNs(pid);
        long client0 = os.getProcessCpuTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("status " + response.statusCode() + ": "
                                + new String(response.body()));
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        long server1 = serverCpuNs(pid);
        long client1 = os.getProcessCpuTime();
        pool.shutdown();
        return new Cost(total, server1 - server0, client1 - client0);
    }

    static long serverCpuNs(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NS;
    }

    static TreeShap shap;
    static double[][] rows;

    /** Mean and best thread CPU ns per record of TreeShap's batch method over the block, in 1000-row calls. */
    static double[] engineNsPerRecord(Path modelDir, List<String> block, int reps) throws Exception {
        if (shap == null) {
            shap = TreeShap.of(LightGbmModel.read(modelDir.resolve("model.txt")));
            FeatureEncoder encoder = new FeatureEncoder(FeatureCatalog.standard());
            JsonMapper mapper = JsonMapper.shared();
            rows = block.stream().map(l -> encoder.encode(mapper.readTree(l))).toArray(double[][]::new);
            for (int i = 0; i < 30; i++) {
                shap.contributions(rows, new double[rows.length][shap.numFeatures() + 1]);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double sum = 0;
        double best = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            int calls = 20;
            long t0 = threads.getCurrentThreadCpuTime();
            for (int c = 0; c < calls; c++) {
                shap.contributions(rows, new double[rows.length][shap.numFeatures() + 1]);
            }
            double ns = (threads.getCurrentThreadCpuTime() - t0) / (double) (calls * rows.length);
            sum += ns;
            best = Math.min(best, ns);
        }
        return new double[] {sum / reps, best};
    }

    static void waitForPing(URI base) throws Exception {
        for (int i = 0; i < 600; i++) {
            try {
                if (CLIENT.send(HttpRequest.newBuilder(base.resolve("/ping")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("no /ping");
    }
}
