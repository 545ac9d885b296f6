package com.example.credit.batch.job;

import com.example.credit.batch.InvalidJobSpecException;
import java.util.regex.Pattern;

/**
 * SageMaker's {@code TransformResources}: the instances of an AWS job (the local back end runs on this machine).
 *
 * @param instanceType an ML instance type such as {@code ml.m5.large}
 * @param instanceCount how many instances, 1 to 100
 */
public record TransformResources(String instanceType, int instanceCount) {

    // Declared before DEFAULT: static fields initialise in order, and DEFAULT is validated.
    private static final Pattern INSTANCE_TYPE = Pattern.compile("ml\\.[a-z0-9]+\\.[a-z0-9]+");

    /** A small general-purpose instance: the model is small and TreeSHAP runs on the CPU. */
    public static final TransformResources DEFAULT = new TransformResources("ml.m5.large", 1);

    public TransformResources {
        if (instanceType == null || !INSTANCE_TYPE.matcher(instanceType).matches()) {
            throw new InvalidJobSpecException(
                    "InstanceType", instanceType, "must be an ML instance type such as ml.m5.large");
        }
        if (instanceCount < 1 || instanceCount > 100) {
            throw new InvalidJobSpecException("InstanceCount", instanceCount, "must be an integer in [1, 100]");
        }
    }
}
