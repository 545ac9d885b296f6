package com.example.credit.batch.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class LoopbackOnlyTests {

    @Test
    void refusesAnyAddressButLoopback() {
        assertThatThrownBy(() -> new LoopbackOnly(new MockEnvironment().withProperty("server.address", "0.0.0.0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("server.address '0.0.0.0' is not a loopback address");
        assertThatThrownBy(() -> new LoopbackOnly(new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("server.address '' is not a loopback address");
        new LoopbackOnly(new MockEnvironment().withProperty("server.address", "127.0.0.1"));
        new LoopbackOnly(new MockEnvironment().withProperty("server.address", "::1"));
    }
}
