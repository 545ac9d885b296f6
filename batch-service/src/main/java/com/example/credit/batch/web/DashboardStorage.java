package com.example.credit.batch.web;

import com.example.credit.batch.storage.FileSystemStorage;
import com.example.credit.batch.storage.Location;
import com.example.credit.batch.storage.RoutingStorage;
import com.example.credit.batch.storage.RunStorage;
import com.example.credit.batch.storage.S3Storage;
import com.example.credit.batch.storage.StorageException;
import io.awspring.cloud.s3.S3Template;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where the dashboard reads runs: the file system, and S3 through the {@link S3Template} and {@link S3Client} that
 * Spring Cloud AWS configures ({@code spring.cloud.aws.*}) when {@code spring.cloud.aws.s3.enabled=true}. S3 is off by
 * default (application.properties): Spring Cloud AWS makes its S3 client at start, which fails without an AWS region,
 * and a dashboard of local runs needs none; {@code batch serve} turns it on for {@code s3://} runs.
 */
@Configuration(proxyBeanMethods = false)
class DashboardStorage {

    @Bean
    RunStorage runStorage(ObjectProvider<S3Template> templates, ObjectProvider<S3Client> clients) {
        return new RoutingStorage(new FileSystemStorage(), () -> {
            S3Template template = templates.getIfAvailable();
            S3Client client = clients.getIfAvailable();
            if (template == null || client == null) {
                throw new StorageException(RunCatalog.NO_S3);
            }
            return new S3Storage(template, client);
        });
    }

    /** Binds {@code dashboard.runs[].output} and the other locations: a path or {@code s3://bucket/prefix}. */
    @Bean
    @ConfigurationPropertiesBinding
    static Converter<String, Location> locationConverter() {
        return new StringToLocation();
    }

    /** A class, not a lambda: Spring reads the converter's source and target types from its generic interface. */
    static final class StringToLocation implements Converter<String, Location> {
        @Override
        public Location convert(String source) {
            return Location.parse(source);
        }
    }
}
