package com.example.credit.explainer.config;

import com.example.credit.explainer.ExplainerException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * Makes the serving process end with exit code 0 after a graceful shutdown on SIGTERM, the signal with which
 * SageMaker hosting (and {@code docker stop}) stops a container, sending SIGKILL 30 seconds later.
 *
 * <p>Without it the JVM answers SIGTERM by running the shutdown hooks (Spring's closes the context, which drains
 * Tomcat) and then exits with 143 (128 + 15), which engines report as a failure although nothing failed. This
 * handler takes the JVM's place: it closes the context itself through {@link SpringApplication#exit}, so Tomcat
 * stops accepting connections and waits for the requests in flight (at most
 * {@code spring.lifecycle.timeout-per-shutdown-phase}), and then exits with the code that returns: 0, or non-zero
 * when closing failed. Only the first SIGTERM counts; a second one does not cut the drain short.
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}) is the JDK's only way to handle a signal; JEP 260
 * keeps it accessible for exactly this use, and javac's "internal proprietary API" warning about it cannot be
 * suppressed. Installed by {@code main} only, once the context has started: in-process tests never replace their
 * JVM's handler, and a SIGTERM during start-up keeps the JVM's behaviour (hooks, then 143).
 */
public final class SigtermExit {

    private static final Log logger = LogFactory.getLog(SigtermExit.class);

    private SigtermExit() {}

    /**
     * Handles SIGTERM from now on by closing {@code context} and exiting with its exit code.
     *
     * @throws ExplainerException when the JVM does not let the process handle SIGTERM (it runs with {@code -Xrs}
     *     or the signal is reserved); the context is closed first, so the process stops
     */
    public static void install(ConfigurableApplicationContext context) {
        Objects.requireNonNull(context, "context");
        AtomicBoolean terminating = new AtomicBoolean();
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                if (terminating.compareAndSet(false, true)) {
                    logger.info("SIGTERM: draining in-flight requests, then exiting");
                    System.exit(SpringApplication.exit(context));
                }
            });
        } catch (IllegalArgumentException e) {
            SpringApplication.exit(context);
            throw new ExplainerException(
                    "SIGTERM cannot be handled (" + e.getMessage() + "), so stopping the container would not drain"
                            + " in-flight requests and would exit 143; run the JVM without -Xrs",
                    e);
        }
    }
}
