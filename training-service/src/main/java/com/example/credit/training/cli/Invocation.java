package com.example.credit.training.cli;

import com.example.credit.training.config.ContainerLayout;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What the command line asks for: the container contract, a local run on an ETL output folder, or help. */
sealed interface Invocation {

    /** The environment variable that moves the {@code /opt/ml} root, for local runs of the container contract. */
    String ROOT_ENV = "OPT_ML_ROOT";

    String USAGE = String.join(
            "\n",
            "usage: train [--opt-ml ROOT]",
            "       train --data P --model-dir DIR [--hyperparameters k=v ...] [--opt-ml ROOT]",
            "",
            "  without --data: the SageMaker training contract under ROOT (default $" + ROOT_ENV + ", else /opt/ml):",
            "    reads ROOT/input/config/*.json and ROOT/input/data/<channel>/, writes ROOT/model/ or ROOT/output/failure",
            "  with --data: trains on the ETL output folder P (data_train, label_train, data_test, label_test,",
            "    schemas) and writes the model to DIR; with --opt-ml (or $" + ROOT_ENV + ") a failure is also",
            "    written to ROOT/output/failure",
            "  --hyperparameters k=v ...  e.g. tree-n-estimators=200 learning-rate=0.05 (see README)",
            "exit codes: 0 success, 1 training failed, 2 usage error");

    /** Run the SageMaker contract under {@code root}. */
    record Container(Path root) implements Invocation {
        public Container {
            Objects.requireNonNull(root, "root");
        }
    }

    /** Train on a prepared-data folder; {@code failureRoot} is where output/failure goes, if anywhere. */
    record Local(Path data, Path modelDir, Map<String, String> hyperparameters, Optional<Path> failureRoot)
            implements Invocation {
        public Local {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(modelDir, "modelDir");
            hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
            Objects.requireNonNull(failureRoot, "failureRoot");
        }
    }

    /** Print the usage. */
    record Help() implements Invocation {}

    /**
     * Parses the arguments. A leading {@code train} is dropped: SageMaker starts the image with that argument.
     *
     * @throws UsageException naming the offending argument
     */
    static Invocation parse(List<String> args, Map<String, String> env) {
        Path data = null;
        Path modelDir = null;
        Path root = null;
        Map<String, String> hyperparameters = new LinkedHashMap<>();
        boolean hyperparametersGiven = false;
        int i = !args.isEmpty() && args.get(0).equals("train") ? 1 : 0;
        while (i < args.size()) {
            String arg = args.get(i++);
            switch (arg) {
                case "--help", "-h" -> {
                    return new Help();
                }
                case "--data" -> data = Path.of(value(args, i++, arg));
                case "--model-dir" -> modelDir = Path.of(value(args, i++, arg));
                case "--opt-ml" -> root = Path.of(value(args, i++, arg));
                case "--hyperparameters" -> {
                    hyperparametersGiven = true;
                    // Takes every following k=v until the next flag.
                    int first = i;
                    while (i < args.size() && !args.get(i).startsWith("--")) {
                        putPair(hyperparameters, args.get(i++));
                    }
                    if (i == first) {
                        throw new UsageException("--hyperparameters needs at least one key=value");
                    }
                }
                default -> throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        Optional<Path> explicitRoot = Optional.ofNullable(root).or(() -> Optional.ofNullable(env.get(ROOT_ENV))
                .filter(s -> !s.isBlank())
                .map(Path::of));
        if (data == null && modelDir == null) {
            if (hyperparametersGiven) {
                throw new UsageException("--hyperparameters goes with --data; the container contract reads"
                        + " input/config/hyperparameters.json");
            }
            return new Container(explicitRoot.orElse(ContainerLayout.DEFAULT_ROOT));
        }
        if (data == null || modelDir == null) {
            throw new UsageException(
                    "--data and --model-dir go together; given only " + (data == null ? "--model-dir" : "--data"));
        }
        return new Local(data, modelDir, hyperparameters, explicitRoot);
    }

    private static String value(List<String> args, int index, String flag) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args.get(index);
    }

    private static void putPair(Map<String, String> hyperparameters, String pair) {
        int equals = pair.indexOf('=');
        if (equals <= 0) {
            throw new UsageException("hyperparameter '" + pair + "' must be written key=value");
        }
        String key = pair.substring(0, equals);
        if (hyperparameters.put(key, pair.substring(equals + 1)) != null) {
            throw new UsageException("hyperparameter " + key + " is given twice");
        }
    }
}
