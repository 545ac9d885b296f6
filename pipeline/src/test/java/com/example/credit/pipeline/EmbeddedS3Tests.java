package com.example.credit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedS3Tests {

    private final String before = System.getProperty(EmbeddedS3.JVM_OPTIONS_PROPERTY);

    @AfterEach
    void restoreTheProperty() {
        if (before == null) {
            System.clearProperty(EmbeddedS3.JVM_OPTIONS_PROPERTY);
        } else {
            System.setProperty(EmbeddedS3.JVM_OPTIONS_PROPERTY, before);
        }
    }

    @Test
    void startsS3MockWithHalfAGigabyteOfHeapUnlessThePropertyNamesOtherOptions() {
        System.clearProperty(EmbeddedS3.JVM_OPTIONS_PROPERTY);
        assertThat(EmbeddedS3.jvmOptions()).containsExactly("-Xmx512m");

        System.setProperty(EmbeddedS3.JVM_OPTIONS_PROPERTY, "  -Xmx256m   -XX:+UseSerialGC ");
        assertThat(EmbeddedS3.jvmOptions()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");

        System.setProperty(EmbeddedS3.JVM_OPTIONS_PROPERTY, " ");
        assertThat(EmbeddedS3.jvmOptions()).isEmpty();
    }
}
