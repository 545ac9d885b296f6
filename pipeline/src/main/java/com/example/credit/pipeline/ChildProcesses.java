package com.example.credit.pipeline;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** What the pipeline needs to start the services it runs as their own processes on loopback. */
final class ChildProcesses {

    private ChildProcesses() {}

    /** The java launcher of this JVM, so that children run on the same Java. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A port that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits a little between two readiness checks. */
    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while waiting for a service to start");
        }
    }

    /** Stops a child and waits for it to end. */
    static void stop(Process process) {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
