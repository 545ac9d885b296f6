package com.example.credit.explainer.config;

import com.example.credit.explainer.ExplainerException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

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
 * keeps it accessible for exactly this use. It is reached by reflection because javac's "internal proprietary
 * API" warning about a direct use cannot be suppressed, and the build fails on warnings; the tests that stop the
 * container with SIGTERM and expect exit code 0 guard it. Installed by {@code main} only, once the context has started: in-process tests never replace their
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
        Runnable onSigterm = () -> {
            if (terminating.compareAndSet(false, true)) {
                logger.info("SIGTERM: draining in-flight requests, then exiting");
                System.exit(SpringApplication.exit(context));
            }
        };
        try {
            handleSigterm(onSigterm);
        } catch (IllegalArgumentException e) {
            SpringApplication.exit(context);
            throw new ExplainerException(
                    "SIGTERM cannot be handled (" + e.getMessage() + "), so stopping the container would not drain"
                            + " in-flight requests and would exit 143; run the JVM without -Xrs",
                    e);
        }
    }

    /**
     * {@code sun.misc.Signal.handle(new Signal("TERM"), signal -> onSigterm.run())}, by reflection.
     *
     * @throws IllegalArgumentException when the JVM does not let the process handle the signal
     * @throws IllegalStateException when this JDK has no {@code sun.misc.Signal}
     */
    private static void handleSigterm(Runnable onSigterm) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object term = signalClass.getConstructor(String.class).newInstance("TERM");
            Object handler = Proxy.newProxyInstance(
                    SigtermExit.class.getClassLoader(), new Class<?>[] {handlerType}, (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            onSigterm.run();
                            return null;
                        }
                        return objectMethod(proxy, method, args);
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerType);
            handle.invoke(null, term, handler);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw refused;
            }
            throw new IllegalStateException("cannot install the SIGTERM handler: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JDK has no usable sun.misc.Signal: " + e, e);
        }
    }

    /** equals, hashCode and toString of the handler proxy: identity, as for any lambda. */
    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "SigtermExit handler";
        };
    }
}
