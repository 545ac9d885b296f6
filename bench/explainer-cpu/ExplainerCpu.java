import com.example.credit.explainer.invocation.EntitySelection;
import com.example.credit.explainer.invocation.InvocationOptions;
import com.example.credit.explainer.invocation.InvocationService;
import com.example.credit.explainer.model.ModelBundle;
import com.example.credit.explainer.model.ModelLoader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The explainer's own CPU time per record, without HTTP: {@code InvocationService.invoke} on one thread, charged by
 * that thread's CPU time, for MultiRecord requests of every prepared Statlog record (JSON Lines; prediction, SHAP
 * values and reasons: the endpoint benchmark's MultiRecord phase). Run by {@code ./bench.sh explainer-cpu} with the
 * classes and libraries of one explainer jar on the class path (single-file source program, Java 17).
 *
 * <p>Arguments: model folder, prepared data folder, label (printed), rounds, CPU-seconds per round. Prints one line
 * per round and the median: {@code explainer-cpu <label>: <µs> us a record (median of N rounds)}.
 */
public final class ExplainerCpu {

    private static final String CONTENT_TYPE =
            "application/jsonlines;entities=prediction,explanation_shap_values,reasons";

    private ExplainerCpu() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: ExplainerCpu <model folder> <prepared data folder> <label> <rounds> <cpu seconds>");
            System.exit(2);
        }
        Path model = Path.of(args[0]);
        Path prepared = Path.of(args[1]);
        String label = args[2];
        int rounds = Integer.parseInt(args[3]);
        long budget = (long) (Double.parseDouble(args[4]) * 1e9);
        ModelBundle bundle = ModelLoader.load(model);
        List<String> records = records(prepared);
        byte[] body = (String.join("\n", records) + "\n").getBytes(StandardCharsets.UTF_8);
        InvocationService service = new InvocationService(bundle, 3, JsonMapper.builder().build());
        InvocationOptions options = InvocationOptions.resolve(CONTENT_TYPE, null, EntitySelection.parse("prediction"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // The size of one response, printed so that two jars' answers can be told apart at a glance.
        int responseBytes = service.invoke(body, options, "application/jsonlines").body().length;
        long sink = 0;
        // Warm-up: the JIT compiles the request path.
        long warmUp = threads.getCurrentThreadCpuTime();
        while (threads.getCurrentThreadCpuTime() - warmUp < budget) {
            sink += service.invoke(body, options, "application/jsonlines").body().length;
        }
        double[] perRecord = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            int requests = 0;
            long spent;
            do {
                sink += service.invoke(body, options, "application/jsonlines").body().length;
                requests++;
                spent = threads.getCurrentThreadCpuTime() - start;
            } while (spent < budget);
            perRecord[round] = spent / 1e3 / ((double) requests * records.size());
            System.out.printf(
                    Locale.ROOT,
                    "explainer-cpu %s round %d: %.1f us a record (%d requests of %d records)%n",
                    label,
                    round + 1,
                    perRecord[round],
                    requests,
                    records.size());
        }
        java.util.Arrays.sort(perRecord);
        System.out.printf(
                Locale.ROOT,
                "explainer-cpu %s: %.1f us a record (median of %d rounds; a response of %d bytes; checksum %d)%n",
                label,
                perRecord[rounds / 2],
                rounds,
                responseBytes,
                sink % 1000);
    }

    /** Every record of the prepared data's test and training folders, as the batch job's input lines. */
    private static List<String> records(Path prepared) throws IOException {
        List<String> records = new ArrayList<>();
        for (String split : List.of("data_test", "data_train")) {
            try (Stream<Path> files = Files.list(prepared.resolve(split))) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        if (!line.isBlank()) {
                            records.add(line);
                        }
                    }
                }
            }
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException(prepared + " holds no records in data_test or data_train");
        }
        return records;
    }
}
