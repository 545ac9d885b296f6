package com.example.credit.batch.aws;

import com.example.credit.batch.InvalidJobSpecException;
import com.example.credit.batch.job.TransformJobSpec;
import software.amazon.awssdk.services.sagemaker.model.CompressionType;
import software.amazon.awssdk.services.sagemaker.model.CreateTransformJobRequest;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.TransformDataSource;
import software.amazon.awssdk.services.sagemaker.model.TransformInput;
import software.amazon.awssdk.services.sagemaker.model.TransformOutput;
import software.amazon.awssdk.services.sagemaker.model.TransformS3DataSource;

/** Maps a {@link TransformJobSpec} onto SageMaker's CreateTransformJob request, option by option. */
public final class TransformJobRequests {

    private TransformJobRequests() {}

    /**
     * The request of a job.
     *
     * @param spec the job; its model name is required and its input and output must be S3 locations
     * @param jobName the job name to use
     * @throws InvalidJobSpecException when the job does not fit the AWS back end
     */
    public static CreateTransformJobRequest create(TransformJobSpec spec, String jobName) {
        if (spec.modelName() == null) {
            throw new InvalidJobSpecException("ModelName", null, "is required by the AWS back end");
        }
        S3Location input = S3Location.parse("TransformInput.DataSource", spec.input());
        S3Location output = S3Location.parse("TransformOutput.S3OutputPath", spec.output());
        CreateTransformJobRequest.Builder request = CreateTransformJobRequest.builder()
                .transformJobName(jobName)
                .modelName(spec.modelName())
                .transformInput(TransformInput.builder()
                        .dataSource(TransformDataSource.builder()
                                .s3DataSource(TransformS3DataSource.builder()
                                        // A prefix covers both a single object and a folder of part files.
                                        .s3DataType(S3DataType.S3_PREFIX)
                                        .s3Uri(input.uri())
                                        .build())
                                .build())
                        .contentType(spec.contentType())
                        .splitType(spec.splitType().wireName())
                        .compressionType(CompressionType.NONE)
                        .build())
                .transformOutput(TransformOutput.builder()
                        .s3OutputPath(output.uri())
                        .accept(spec.accept())
                        .assembleWith(spec.assembleWith().wireName())
                        .build())
                .transformResources(software.amazon.awssdk.services.sagemaker.model.TransformResources.builder()
                        .instanceType(spec.resources().instanceType())
                        .instanceCount(spec.resources().instanceCount())
                        .build())
                .dataProcessing(software.amazon.awssdk.services.sagemaker.model.DataProcessing.builder()
                        .inputFilter(spec.dataProcessing().inputFilter())
                        .outputFilter(spec.dataProcessing().outputFilter())
                        .joinSource(spec.dataProcessing().joinSource().wireName())
                        .build());
        // Unset options stay out of the request, so that SageMaker asks the container (execution-parameters).
        if (spec.batchStrategy() != null) {
            request.batchStrategy(spec.batchStrategy().wireName());
        }
        if (spec.maxPayloadInMB() != null) {
            request.maxPayloadInMB(spec.maxPayloadInMB());
        }
        if (spec.maxConcurrentTransforms() != null) {
            request.maxConcurrentTransforms(spec.maxConcurrentTransforms());
        }
        if (!spec.environment().isEmpty()) {
            request.environment(spec.environment());
        }
        return request.build();
    }
}
