import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.core.shap.TreeShap;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.json.JsonMapper;

/**
 * Thread CPU time per row of TreeSHAP on blocks of 1, 2, 4, 8 and 1000 rows: the most dynamic batching of one-record
 * requests could save in the engine. Usage: java -cp CREDIT_CORE_AND_JACKSON OneVsBatch.java MODEL_DIR DATA_JSONL
 */
public class OneVsBatch {
    public static void main(String[] args) throws Exception {
        TreeShap shap = TreeShap.of(LightGbmModel.read(Path.of(args[0], "model.txt")));
        FeatureEncoder enc = new FeatureEncoder(FeatureCatalog.standard());
        double[][] rows = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank())
                .map(l -> enc.encode(JsonMapper.shared().readTree(l))).toArray(double[][]::new);
        var t = ManagementFactory.getThreadMXBean();
        int n = shap.numFeatures() + 1;
        for (int round = 0; round < 4; round++) {
            for (int size : new int[] {1, 2, 4, 8, 1000}) {
                long c0 = t.getCurrentThreadCpuTime();
                int done = 0;
                while (done < 40_000) {
                    for (int s = 0; s + size <= rows.length && done < 40_000; s += size) {
                        double[][] block = java.util.Arrays.copyOfRange(rows, s, s + size);
                        if (size == 1) {
                            shap.contributions(block[0], new double[n]);
                        } else {
                            shap.contributions(block, new double[size][n]);
                        }
                        done += size;
                    }
                    if (size == 1000) { // rows has 200; build 1000
                        double[][] big = new double[1000][];
                        for (int i = 0; i < 1000; i++) big[i] = rows[i % rows.length];
                        shap.contributions(big, new double[1000][n]);
                        done += 1000;
                    }
                }
                double us = (t.getCurrentThreadCpuTime() - c0) / 1e3 / done;
                System.out.printf("round %d block %4d: %.1f us/row%n", round, size, us);
            }
        }
    }
}
