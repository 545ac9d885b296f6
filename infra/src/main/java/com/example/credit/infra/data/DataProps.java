package com.example.credit.infra.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the data stack needs besides the CDK stack properties.
 *
 * @param datagenJar the shaded jar of module datagen-lambda, uploaded as the Lambda's code
 * @param datagenMemoryMb the Lambda's memory (and so its CPU share), 512 to 10240 MB
 */
public record DataProps(Path datagenJar, int datagenMemoryMb) {

    /**
     * Datagen is single-threaded and streams every file through one 8 MiB multipart buffer, so memory buys CPU,
     * not room: Lambda grants one full vCPU at 1769 MB. 2048 MB gives that vCPU plus heap headroom; at about
     * 20 000 applicants a second 10 million rows take 8 to 9 minutes, inside the 15-minute Lambda limit.
     */
    public static final int DEFAULT_MEMORY_MB = 2048;

    public DataProps {
        Objects.requireNonNull(datagenJar, "datagenJar");
        if (datagenMemoryMb < 512 || datagenMemoryMb > 10240) {
            throw new IllegalArgumentException(
                    "datagenMemoryMb " + datagenMemoryMb + " is invalid: must be in [512, 10240]");
        }
    }

    /** The recommended sizing for 1000 to 10 million rows. */
    public static DataProps of(Path datagenJar) {
        return new DataProps(datagenJar, DEFAULT_MEMORY_MB);
    }
}
