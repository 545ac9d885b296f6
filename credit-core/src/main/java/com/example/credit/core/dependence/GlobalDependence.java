package com.example.credit.core.dependence;

import com.example.credit.core.model.FeatureInfo;
import com.example.credit.core.model.Forest;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.model.MissingType;
import com.example.credit.core.model.Split;
import com.example.credit.core.model.SplitCondition;
import com.example.credit.core.model.Tree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Global explanations of a model over explained rows, for any explanation method: per feature, the mean |φ| and,
 * value by value, the mean SHAP value (the SHAP-based partial dependence) beside the model's exact partial dependence
 * ({@link PartialDependence}).
 *
 * <p>Values are grouped where the model's decisions change, so that each group is exact: a numerical feature's values
 * between two consecutive thresholds of the model's splits on it form one bin (every split sends them the same way,
 * so the model's partial dependence is one number over the bin), with missing values in a bin of their own and zero
 * in another when a split treats it as missing; a categorical feature's values are one bin each. Values within
 * LightGBM's zero threshold count as zero, as the trees see them. The partial dependence of a bin is evaluated at the
 * first value a row had in it; only bins some row falls in are reported. Sums run in the order rows are added, so
 * the same rows in the same order give the same bits. Not thread-safe while rows are added.
 */
public final class GlobalDependence {

    private final LightGbmModel model;
    private final PartialDependence partialDependence;
    private final FeatureBins[] bins;
    private final double[] sumPhi;
    private final double[] sumAbsPhi;
    // Rows waiting for the partial dependence, which takes them a block at a time (their bins are summed at once).
    private final double[][] pending;
    private int pendingRows;
    private long rows;

    private GlobalDependence(LightGbmModel model) {
        this.model = model;
        this.partialDependence = PartialDependence.of(model);
        int features = model.numFeatures();
        List<TreeSet<Double>> thresholds = new ArrayList<>();
        boolean[] categorical = new boolean[features];
        boolean[] zeroAsMissing = new boolean[features];
        for (int f = 0; f < features; f++) {
            thresholds.add(new TreeSet<>());
            categorical[f] = model.featureInfos().get(f) instanceof FeatureInfo.Categorical;
        }
        for (Tree tree : model.trees()) {
            for (Split split : tree.splits()) {
                if (split.condition() instanceof SplitCondition.Numerical numerical) {
                    // -0.0 and 0.0 are one threshold to a comparison.
                    thresholds.get(split.feature()).add(numerical.threshold() + 0.0);
                    zeroAsMissing[split.feature()] |= numerical.missingType() == MissingType.ZERO;
                } else {
                    categorical[split.feature()] = true;
                }
            }
        }
        this.bins = new FeatureBins[features];
        for (int f = 0; f < features; f++) {
            bins[f] = categorical[f]
                    ? new CategoryBins()
                    : new RangeBins(
                            thresholds.get(f).stream()
                                    .mapToDouble(Double::doubleValue)
                                    .toArray(),
                            zeroAsMissing[f]);
        }
        this.sumPhi = new double[features];
        this.sumAbsPhi = new double[features];
        this.pending = new double[PartialDependence.BLOCK][features];
    }

    /** No rows yet, for this model. */
    public static GlobalDependence of(LightGbmModel model) {
        return new GlobalDependence(Objects.requireNonNull(model, "model"));
    }

    /** The number of rows added. */
    public long rows() {
        return rows;
    }

    /**
     * Adds an explained row.
     *
     * @param row the model's input vector
     * @param phi the row's SHAP values, in the model's feature order (any method's, in the model's raw space)
     * @throws DependenceException when either does not have one value per feature of the model
     */
    public void add(double[] row, double[] phi) {
        if (phi.length != bins.length) {
            throw new DependenceException(
                    phi.length + " SHAP values for a row; the model has " + bins.length + " features");
        }
        if (row.length != bins.length) {
            throw new DependenceException(
                    "a row of " + row.length + " values; the model has " + bins.length + " features");
        }
        System.arraycopy(row, 0, pending[pendingRows++], 0, row.length);
        if (pendingRows == pending.length) {
            flush();
        }
        for (int f = 0; f < bins.length; f++) {
            double value = row[f];
            bins[f].add(Math.abs(value) <= Forest.ZERO_THRESHOLD ? 0.0 : value, value, phi[f]);
            sumPhi[f] += phi[f];
            sumAbsPhi[f] += Math.abs(phi[f]);
        }
        rows++;
    }

    /**
     * Each feature's global explanation over the rows added, in the model's feature order.
     *
     * @throws DependenceException when no row was added
     */
    public List<FeatureDependence> features() {
        if (rows == 0) {
            throw new DependenceException("no global explanations without rows: add at least one explained row");
        }
        flush();
        List<FeatureDependence> features = new ArrayList<>(bins.length);
        for (int f = 0; f < bins.length; f++) {
            List<ValueBin> listed = bins[f].bins(f, partialDependence);
            double weighted = 0.0;
            for (ValueBin bin : listed) {
                weighted += bin.partialDependence() * bin.rows();
            }
            features.add(new FeatureDependence(
                    f,
                    model.featureNames().get(f),
                    bins[f] instanceof CategoryBins,
                    sumAbsPhi[f] / rows,
                    sumPhi[f] / rows,
                    weighted / rows,
                    listed));
        }
        return features;
    }

    /** Hands the waiting rows to the partial dependence. */
    private void flush() {
        if (pendingRows > 0) {
            partialDependence.add(pending, pendingRows);
            pendingRows = 0;
        }
    }

    /** The sums of one bin: rows, φ, the value range and the first value seen (where the model is evaluated). */
    private static final class BinSums {
        long rows;
        double sumPhi;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double first = Double.NaN;

        void add(double value, double phi) {
            if (rows == 0) {
                first = value;
            }
            rows++;
            sumPhi += phi;
            if (!Double.isNaN(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }

        ValueBin bin(ValueBin.Kind kind, Double lower, Double upper, Double value, double pd) {
            boolean missing = kind == ValueBin.Kind.MISSING;
            return new ValueBin(
                    kind,
                    lower,
                    upper,
                    value,
                    missing ? Double.NaN : min,
                    missing ? Double.NaN : max,
                    rows,
                    sumPhi / rows,
                    pd);
        }
    }

    private interface FeatureBins {
        /** Adds a row's value ({@code mapped}: zero within the zero threshold) and its φ. */
        void add(double mapped, double raw, double phi);

        List<ValueBin> bins(int feature, PartialDependence partialDependence);
    }

    /** A numerical feature: the ranges between the model's thresholds, zero when it is missing to a split, NaN. */
    private static final class RangeBins implements FeatureBins {
        private final double[] thresholds;
        private final boolean zeroAsMissing;
        /** One per range ({@code thresholds.length + 1}), then zero, then missing. */
        private final BinSums[] sums;

        RangeBins(double[] thresholds, boolean zeroAsMissing) {
            this.thresholds = thresholds;
            this.zeroAsMissing = zeroAsMissing;
            this.sums = new BinSums[thresholds.length + 3];
        }

        @Override
        public void add(double mapped, double raw, double phi) {
            int slot;
            if (Double.isNaN(mapped)) {
                slot = thresholds.length + 2;
            } else if (zeroAsMissing && mapped == 0.0) {
                slot = thresholds.length + 1;
            } else {
                // The first threshold the value is at most: the range (thresholds[slot - 1], thresholds[slot]].
                int found = Arrays.binarySearch(thresholds, mapped);
                slot = found >= 0 ? found : -found - 1;
            }
            if (sums[slot] == null) {
                sums[slot] = new BinSums();
            }
            sums[slot].add(raw, phi);
        }

        @Override
        public List<ValueBin> bins(int feature, PartialDependence partialDependence) {
            List<ValueBin> out = new ArrayList<>();
            for (int slot = 0; slot < sums.length; slot++) {
                BinSums bin = sums[slot];
                if (bin == null) {
                    continue;
                }
                double pd = partialDependence.evaluate(feature, bin.first);
                if (slot <= thresholds.length) {
                    out.add(bin.bin(
                            ValueBin.Kind.RANGE,
                            slot == 0 ? null : thresholds[slot - 1],
                            slot == thresholds.length ? null : thresholds[slot],
                            null,
                            pd));
                } else {
                    out.add(bin.bin(
                            slot == thresholds.length + 1 ? ValueBin.Kind.ZERO : ValueBin.Kind.MISSING,
                            null,
                            null,
                            null,
                            pd));
                }
            }
            return out;
        }
    }

    /** A categorical feature: one bin per value, then NaN. */
    private static final class CategoryBins implements FeatureBins {
        private final Map<Double, BinSums> byValue = new TreeMap<>();
        private final BinSums missing = new BinSums();

        @Override
        public void add(double mapped, double raw, double phi) {
            if (Double.isNaN(mapped)) {
                missing.add(raw, phi);
            } else {
                // -0.0 and 0.0 are one category.
                byValue.computeIfAbsent(mapped + 0.0, value -> new BinSums()).add(mapped + 0.0, phi);
            }
        }

        @Override
        public List<ValueBin> bins(int feature, PartialDependence partialDependence) {
            List<ValueBin> out = new ArrayList<>();
            byValue.forEach((value, bin) -> out.add(
                    bin.bin(ValueBin.Kind.VALUE, null, null, value, partialDependence.evaluate(feature, value))));
            if (missing.rows > 0) {
                out.add(missing.bin(
                        ValueBin.Kind.MISSING, null, null, null, partialDependence.evaluate(feature, Double.NaN)));
            }
            return out;
        }
    }
}
