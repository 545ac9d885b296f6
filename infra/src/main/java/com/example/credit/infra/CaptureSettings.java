package com.example.credit.infra;

/**
 * SageMaker data capture of the endpoint: a sample of requests and responses written as JSON Lines below
 * {@code datacapture/} of the data bucket. Captured requests carry the applications' model features (no names or
 * contact data, and not the protected attributes: those stop at the ETL), the responses their explanations.
 *
 * @param enabled context {@code dataCapture}, default false
 * @param samplePercent context {@code dataCaptureSamplePercent}, default {@value #DEFAULT_SAMPLE_PERCENT}: the share
 *     of invocations captured, 1 to 100
 */
public record CaptureSettings(boolean enabled, int samplePercent) {

    /** Enough to watch the input distribution drift at a tenth of the storage of full capture. */
    public static final int DEFAULT_SAMPLE_PERCENT = 10;

    public CaptureSettings {
        if (samplePercent < 1 || samplePercent > 100) {
            throw new InvalidSettingException(
                    "context dataCaptureSamplePercent = " + samplePercent + " is invalid: must be between 1 and 100");
        }
    }

    /** No capture. */
    public static CaptureSettings off() {
        return new CaptureSettings(false, DEFAULT_SAMPLE_PERCENT);
    }
}
