package com.example.credit.batch.web;

import com.example.credit.batch.TransformException;
import com.example.credit.batch.aws.SageMakerTransformer;
import com.example.credit.batch.jobs.JobManager;
import com.example.credit.batch.jobs.JobStore;
import com.example.credit.batch.local.LocalTransformer;
import java.time.Clock;
import java.util.function.Consumer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClientBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The jobs API's manager: records under {@code dashboard.jobs.state-dir}, taken up again once the service is up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobsProperties.class)
public class JobsConfiguration {

    @Bean(destroyMethod = "close")
    AwsClients jobAwsClients(JobsProperties properties) {
        return new AwsClients(properties.aws());
    }

    @Bean(destroyMethod = "close")
    JobManager jobManager(JobsProperties properties, AwsClients aws) {
        return new JobManager(
                new JobStore(properties.stateDir(), JsonMapper.shared()),
                properties.explainerUrl(),
                LocalTransformer::run,
                aws,
                Clock.systemUTC());
    }

    @Bean
    JobRecovery jobRecovery(JobManager jobs) {
        return new JobRecovery(jobs);
    }

    /** Takes up the saved jobs once the service answers (not before: a resumed job's progress must be visible). */
    static final class JobRecovery {
        private final JobManager jobs;

        JobRecovery(JobManager jobs) {
            this.jobs = jobs;
        }

        @EventListener(ApplicationReadyEvent.class)
        void recover() {
            jobs.recover();
        }
    }

    /** SageMaker and S3 clients built on the first AWS job (a dashboard without AWS jobs needs no credentials). */
    static final class AwsClients implements JobManager.AwsTransformers, AutoCloseable {
        private final JobsProperties.Aws settings;
        private SageMakerClient sageMaker;
        private S3Client s3;

        AwsClients(JobsProperties.Aws settings) {
            this.settings = settings;
        }

        @Override
        public synchronized SageMakerTransformer transformer(Consumer<String> log) {
            if (sageMaker == null) {
                try {
                    SageMakerClientBuilder sageMakerBuilder =
                            SageMakerClient.builder().httpClient(UrlConnectionHttpClient.create());
                    S3ClientBuilder s3Builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create());
                    if (settings.region() != null) {
                        sageMakerBuilder.region(Region.of(settings.region()));
                        s3Builder.region(Region.of(settings.region()));
                    }
                    if (settings.endpoint() != null) {
                        sageMakerBuilder.endpointOverride(settings.endpoint());
                        s3Builder.endpointOverride(settings.endpoint()).forcePathStyle(true);
                    }
                    sageMaker = sageMakerBuilder.build();
                    s3 = s3Builder.build();
                } catch (SdkException e) {
                    throw new TransformException(
                            "the AWS back end cannot be used: " + e.getMessage()
                                    + " (set dashboard.jobs.aws.region or AWS_REGION, and credentials)",
                            e);
                }
            }
            return SageMakerTransformer.of(sageMaker, s3, log);
        }

        @Override
        public synchronized void close() {
            if (sageMaker != null) {
                sageMaker.close();
                s3.close();
            }
        }
    }
}
