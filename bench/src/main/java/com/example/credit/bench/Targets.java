package com.example.credit.bench;

import java.util.List;
import java.util.Locale;

/**
 * The targets of issue 19 ("Performance, round two"), in one place, and the line each benchmark prints for each
 * target it measures: {@code target <name>: <value> (goal <goal>) reached|missed}, optionally followed by a note in
 * brackets (how the value was measured, a second figure beside it).
 */
public final class Targets {

    /** Which side of the goal a value must be on. */
    public enum Direction {
        /** The value must be at least the goal (a speed-up, a share). */
        AT_LEAST(">="),
        /** The value must be at most the goal (a cost, a difference). */
        AT_MOST("<=");

        private final String symbol;

        Direction(String symbol) {
            this.symbol = symbol;
        }

        /** {@code >=} or {@code <=}. */
        public String symbol() {
            return symbol;
        }
    }

    /** How a target's value and goal are written. */
    public enum Unit {
        /** A ratio, written {@code 5.20x}. */
        TIMES,
        /** A share, stored as a fraction and written {@code 75.0%}. */
        PERCENT,
        /** An absolute difference, written {@code 1.2e-14}. */
        ABSOLUTE
    }

    /**
     * One row of the table.
     *
     * @param name the name printed after {@code target} (no blanks)
     * @param direction which side of the goal a value must be on
     * @param goal the goal, in the unit's base (a fraction for {@link Unit#PERCENT})
     * @param unit how value and goal are written
     */
    public record Target(String name, Direction direction, double goal, Unit unit) {

        public Target {
            if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new BenchException("target name '" + name + "' must be non-empty and without blanks");
            }
            if (direction == null || unit == null || !Double.isFinite(goal)) {
                throw new BenchException("target " + name + " needs a direction, a unit and a finite goal, got "
                        + direction + " " + goal + " " + unit);
            }
        }

        /** Whether {@code value} reaches the goal; NaN (not measured) never does. */
        public boolean reached(double value) {
            if (Double.isNaN(value)) {
                return false;
            }
            return direction == Direction.AT_LEAST ? value >= goal : value <= goal;
        }

        /** The same target for one model: {@code name/model}. */
        public Target forModel(String model) {
            return new Target(name + "/" + model, direction, goal, unit);
        }

        /** {@code target <name>: <value> (goal <goal>) reached|missed}. */
        public String line(double value) {
            return String.format(
                    Locale.ROOT,
                    "target %s: %s (goal %s %s) %s",
                    name,
                    format(unit, value),
                    direction.symbol(),
                    format(unit, goal),
                    reached(value) ? "reached" : "missed");
        }

        /** {@link #line(double)} followed by {@code [note]}. */
        public String line(double value, String note) {
            return note == null || note.isBlank() ? line(value) : line(value) + " [" + note + "]";
        }
    }

    /** Engine SHAP, one row per call, over LightGBM {@code C_API_PREDICT_CONTRIB}, 1 thread: at least 5x. */
    public static final Target SHAP_ONE_ROW = new Target("shap-one-row-vs-lightgbm", Direction.AT_LEAST, 5, Unit.TIMES);

    /** Engine SHAP, batch of 1000 rows, over LightGBM: at least 10x. */
    public static final Target SHAP_BATCH = new Target("shap-batch-vs-lightgbm", Direction.AT_LEAST, 10, Unit.TIMES);

    /** SHAP cost over a prediction, in batches, on the 500x63 model: at most 20 predictions. */
    public static final Target SHAP_COST =
            new Target("shap-cost-over-predict-batch", Direction.AT_MOST, 20, Unit.TIMES);

    /** Interaction values' cost over SHAP values (one row per call): at most 6x. */
    public static final Target INTERACTION_COST =
            new Target("interactions-cost-over-shap", Direction.AT_MOST, 6, Unit.TIMES);

    /** Largest absolute difference of the engine's contributions to LightGBM's: at most 1e-9. */
    public static final Target MAX_DIFFERENCE =
            new Target("max-abs-diff-to-lightgbm", Direction.AT_MOST, 1e-9, Unit.ABSOLUTE);

    /**
     * Rows whose one-row bits differ from their bits in a batch: none (the value is the count of differing rows).
     */
    public static final Target SAME_BITS =
            new Target("one-row-bits-differ-in-batch", Direction.AT_MOST, 0, Unit.ABSOLUTE);

    /** {@code /invocations} (one application, SHAP and reasons) over {@code /ping}, saturation: at least 75%. */
    public static final Target INVOCATIONS_VS_PING =
            new Target("invocations-vs-ping-throughput", Direction.AT_LEAST, 0.75, Unit.PERCENT);

    /** Explainer server CPU time per record of a MultiRecord batch over the engine's: at most 1.25x. */
    public static final Target SERVER_CPU_PER_RECORD =
            new Target("server-cpu-per-record-vs-engine", Direction.AT_MOST, 1.25, Unit.TIMES);

    /** The batch job at 1 concurrent transform over the engine alone on the same rows: at least 75%. */
    public static final Target BATCH_JOB_VS_ENGINE =
            new Target("batch-job-1-concurrent-vs-engine", Direction.AT_LEAST, 0.75, Unit.PERCENT);

    /** Every target of the table, in its order. */
    public static final List<Target> ALL = List.of(
            INVOCATIONS_VS_PING,
            BATCH_JOB_VS_ENGINE,
            SERVER_CPU_PER_RECORD,
            SHAP_ONE_ROW,
            SHAP_BATCH,
            SHAP_COST,
            INTERACTION_COST,
            MAX_DIFFERENCE,
            SAME_BITS);

    /** The line a quick run prints first: its figures are not the ones to quote. */
    public static final String QUICK_NOTE =
            "# quick run: shorter phases and fewer rows, figures are noisier than a full run";

    private Targets() {}

    /** A value as a target line writes it; {@code not measured} for NaN. */
    public static String format(Unit unit, double value) {
        if (Double.isNaN(value)) {
            return "not-measured";
        }
        return switch (unit) {
            case TIMES -> String.format(Locale.ROOT, "%.2fx", value);
            case PERCENT -> String.format(Locale.ROOT, "%.1f%%", 100 * value);
            case ABSOLUTE ->
                value == 0 || value == Math.rint(value) && Math.abs(value) >= 1
                        ? String.format(Locale.ROOT, "%.0f", value)
                        : String.format(Locale.ROOT, "%.1e", value);
        };
    }
}
