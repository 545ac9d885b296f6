package com.example.credit.explainer.explain;

import com.example.credit.core.calibration.ProbabilityCalibration;
import com.example.credit.core.manifest.ReferenceSet;
import com.example.credit.core.shap.InterventionalShap;
import java.util.Objects;
import java.util.Optional;

/**
 * What the values of a response are relative to, for the response to say: the method, the reference population (for
 * interventional explanations) and the method of the probability view.
 *
 * @param method the explanation method
 * @param reference the reference population of an interventional explanation; {@code null} for path-dependent ones
 * @param probabilityMethod the probability view's method and version, for example {@code secant-scaling/1}
 */
public record ExplanationBasis(ExplanationMethod method, ReferenceSet reference, String probabilityMethod) {

    public ExplanationBasis {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(probabilityMethod, "probabilityMethod");
        if ((method == ExplanationMethod.INTERVENTIONAL) != (reference != null)) {
            throw new IllegalArgumentException("an explanation has a reference set exactly when it is interventional,"
                    + " not for " + method.wireName() + " with " + reference);
        }
    }

    /** Path-dependent TreeSHAP, its probability view by secant scaling (on the calibrated scale when there is one). */
    public static ExplanationBasis pathDependent(ProbabilityCalibration calibration) {
        return new ExplanationBasis(ExplanationMethod.PATH_DEPENDENT, null, ProbabilityView.method(calibration));
    }

    /** Interventional TreeSHAP against a reference population, its probability view shap's interventional one. */
    public static ExplanationBasis interventional(ReferenceSet reference) {
        return new ExplanationBasis(
                ExplanationMethod.INTERVENTIONAL,
                Objects.requireNonNull(reference, "reference"),
                InterventionalShap.PROBABILITY_METHOD);
    }

    /** The reference population, present for interventional explanations. */
    public Optional<ReferenceSet> referenceSet() {
        return Optional.ofNullable(reference);
    }
}
