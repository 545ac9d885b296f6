package com.example.credit.explainer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.explainer.invocation.PayloadTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestBodiesTests {

    private static final long LIMIT = 6 * 1024 * 1024;

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReadingTheBody() {
        InputStream unreadable = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the body must not be read");
            }
        };

        assertThatThrownBy(() -> RequestBodies.read(unreadable, LIMIT + 1, LIMIT))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessage("the request body has 6291457 bytes, over the payload limit of 6 MB (6291456 bytes);"
                        + " split it into smaller requests");
    }

    @Test
    void cutsAnUndeclaredBodyOneBytePastTheLimit() {
        ByteArrayInputStream chunked = new ByteArrayInputStream(new byte[(int) LIMIT + 10]);

        assertThatThrownBy(() -> RequestBodies.read(chunked, -1, LIMIT))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageStartingWith("the request body has more than 6291456 bytes");
        assertThat(chunked.available()).isEqualTo(9);
    }

    @Test
    void readsABodyOfExactlyTheLimit() throws IOException {
        byte[] body = RequestBodies.read(new ByteArrayInputStream(new byte[(int) LIMIT]), -1, LIMIT);

        assertThat(body).hasSize((int) LIMIT);
    }

    @Test
    void readsABodyOfADeclaredLengthAsSent() throws IOException {
        byte[] sent = new byte[700];
        new SplittableRandom(7).nextBytes(sent);

        assertThat(RequestBodies.read(new ByteArrayInputStream(sent), sent.length, LIMIT))
                .containsExactly(sent);
        assertThat(RequestBodies.read(new ByteArrayInputStream(new byte[(int) LIMIT]), LIMIT, LIMIT))
                .hasSize((int) LIMIT);
    }

    @Test
    void readsWhatCameOfABodyCutShortOfItsDeclaredLength() throws IOException {
        byte[] sent = {'{', '}'};

        assertThat(RequestBodies.read(new ByteArrayInputStream(sent), 700, LIMIT))
                .containsExactly(sent);
    }
}
