package com.example.credit.training.cli;

import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.TrainingException;
import com.example.credit.training.TuningJob;
import com.example.credit.training.data.ChannelLayout;
import com.example.credit.training.model.Tuner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tune}: a local hyperparameter search on a prepared dataset's training channels, printing the
 * leaderboard. A seeded random search over {@link Tuner#SPACE}, or a grid.
 *
 * <pre>
 * tune --data P [--trials 30] [--search-seed 7] [--top 10] [--grid key=v1,v2 ...] [--hyperparameters k=v ...]
 * </pre>
 */
public final class TuneCommand {

    static final String USAGE = String.join(
            "\n",
            "usage: tune --data P [--trials N] [--search-seed S] [--top K] [--grid key=v1,v2 ...]"
                    + " [--hyperparameters k=v ...]",
            "  --data P             the ETL output folder; only data_train, label_train and schemas are read",
            "  --trials N           random candidates from the search space (default 30; ignored with --grid)",
            "  --search-seed S      seed of the random candidates (default 7)",
            "  --top K              rows of the leaderboard (default 10)",
            "  --grid key=v1,v2     a grid instead: every combination of the given values (repeat per key)",
            "  --hyperparameters    the base every candidate starts from, e.g. tree-n-estimators=1000",
            "exit codes: 0 done, 1 failed, 2 usage error");

    private TuneCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path data = null;
        int trials = 30;
        long seed = 7;
        int top = 10;
        Map<String, List<String>> grid = new LinkedHashMap<>();
        Map<String, String> base = new LinkedHashMap<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                switch (flag) {
                    case "--data" -> data = Path.of(value(args, ++i, flag));
                    case "--trials" -> trials = positive(value(args, ++i, flag), flag);
                    case "--search-seed" -> seed = Long.parseLong(value(args, ++i, flag));
                    case "--top" -> top = positive(value(args, ++i, flag), flag);
                    case "--grid" -> {
                        String[] axis = pair(value(args, ++i, flag), flag);
                        grid.put(axis[0], Arrays.asList(axis[1].split(",")));
                    }
                    case "--hyperparameters" -> {
                        while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                            String[] pair = pair(args[++i], flag);
                            base.put(pair[0], pair[1]);
                        }
                    }
                    default -> throw new UsageException("unknown argument " + flag);
                }
            }
            if (data == null) {
                throw new UsageException("--data is required");
            }
        } catch (UsageException | NumberFormatException e) {
            err.println("tune: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        List<Map<String, String>> candidates = grid.isEmpty() ? Tuner.randomCandidates(trials, seed) : Tuner.grid(grid);
        try {
            List<Tuner.Trial> ranked = new TuningJob(FeatureCatalog.standard(), out::println)
                    .run(new ChannelLayout(data), base, candidates);
            Tuner.leaderboard(ranked, top).forEach(out::println);
            return 0;
        } catch (TrainingException e) {
            err.println("tuning failed: " + e.getMessage());
            return 1;
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new UsageException(flag + " needs a value");
        }
        return args[i];
    }

    private static int positive(String text, String flag) {
        int value = Integer.parseInt(text);
        if (value < 1) {
            throw new UsageException(flag + " must be at least 1, was " + value);
        }
        return value;
    }

    private static String[] pair(String text, String flag) {
        int eq = text.indexOf('=');
        if (eq < 1 || eq == text.length() - 1) {
            throw new UsageException(flag + " takes key=value, got '" + text + "'");
        }
        return new String[] {text.substring(0, eq), text.substring(eq + 1)};
    }
}
