package com.example.credit.batch.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start on any address but loopback: the dashboard shows applicants' data, and the authentication that
 * another address would need (Spring Security, issue 16) is not built yet.
 */
@Component
public class LoopbackOnly {

    public LoopbackOnly(Environment environment) {
        String address = environment.getProperty("server.address", "");
        try {
            if (address.isBlank() || !InetAddress.getByName(address).isLoopbackAddress()) {
                throw new IllegalStateException("server.address '" + address + "' is not a loopback address: the"
                        + " dashboard serves applicants' data without authentication, so it binds to 127.0.0.1 only");
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("server.address '" + address + "' cannot be resolved", e);
        }
    }
}
