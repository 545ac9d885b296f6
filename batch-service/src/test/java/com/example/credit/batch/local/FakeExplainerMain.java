package com.example.credit.batch.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for the explainer jar in {@link LocalExplainerTests}: it honours the hosting contract (MODEL_DIR,
 * SAGEMAKER_BIND_TO_PORT) and behaves as the model folder's {@code behaviour} file says: {@code serve} (answer
 * {@code /ping} and echo MODEL_DIR on {@code /model-dir}), {@code exit} (end with code 3) or {@code silent}
 * (never listen).
 */
public final class FakeExplainerMain {

    private FakeExplainerMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        String modelDir = System.getenv("MODEL_DIR");
        String behaviour = Files.readString(Path.of(modelDir, "behaviour")).strip();
        System.out.println("fake explainer: " + behaviour);
        switch (behaviour) {
            case "exit" -> System.exit(3);
            case "silent" -> Thread.sleep(60_000);
            default -> {
                int port = Integer.parseInt(System.getenv("SAGEMAKER_BIND_TO_PORT"));
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
                server.createContext("/ping", exchange -> {
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
                server.createContext("/model-dir", exchange -> {
                    byte[] body = modelDir.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.start();
            }
        }
    }
}
