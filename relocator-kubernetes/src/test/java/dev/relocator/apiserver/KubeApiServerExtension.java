package dev.relocator.apiserver;

import dev.relocator.testing.TestTools;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * JUnit 5 extension that runs one real kube-apiserver (with its etcd) per test class.
 *
 * <p>Register it on a static field, {@code @RegisterExtension static final
 * KubeApiServerExtension API = new KubeApiServerExtension();}, or with {@code
 * @ExtendWith(KubeApiServerExtension.class)} and a {@link KubeApiServer} test parameter. Without
 * the kube-apiserver binary (scripts/build-kube-apiserver.sh) or etcd, the class is skipped with
 * one line; with {@code CI=true} it fails. Failures of the tests carry the log file names.
 */
public final class KubeApiServerExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        ParameterResolver,
        TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KubeApiServerExtension.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  private KubeApiServer server;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
    Path binary = TestTools.kubeApiServer();
    String what = context.getRequiredTestClass().getSimpleName();
    TestTools.require(
        Files.isExecutable(binary),
        what,
        "kube-apiserver "
            + TestTools.KUBE_APISERVER_VERSION
            + " not built at "
            + binary
            + " (run scripts/build-kube-apiserver.sh)");
    Optional<Path> etcd = TestTools.etcd();
    TestTools.require(etcd.isPresent(), what, "etcd not found (install Debian's etcd-server)");
    Path work =
        Path.of("target", "kube-apiserver")
            .resolve(context.getRequiredTestClass().getSimpleName() + "-" + LocalDateTime.now().format(STAMP));
    server = KubeApiServer.start(binary, etcd.get(), work);
    // Closed by JUnit even when a test or another callback fails.
    context.getStore(NAMESPACE).put("server", (AutoCloseable) this::stop);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  private void stop() {
    if (server != null) {
      KubeApiServer running = server;
      server = null;
      running.close();
    }
  }

  /** The running server. */
  public KubeApiServer server() {
    if (server == null) {
      throw new IllegalStateException("the kube-apiserver is not running (used outside a test?)");
    }
    return server;
  }

  /** An admin client of the running server. */
  public KubernetesClient client() {
    return server().client();
  }

  /** Stops and starts the API server on the same port and etcd data. */
  public void restartApiServer() throws IOException, InterruptedException {
    server().restartApiServer();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KubeApiServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server();
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
    throw withLogHint(throwable);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
    throw withLogHint(throwable);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
    throw withLogHint(throwable);
  }

  private Throwable withLogHint(Throwable throwable) {
    if (server != null && !(throwable instanceof org.opentest4j.TestAbortedException)) {
      throwable.addSuppressed(new ServerLogs(server.logHint()));
    }
    return throwable;
  }

  /** Attached to a failure so the report names the server logs. */
  static final class ServerLogs extends Exception {
    ServerLogs(String hint) {
      super(hint, null, false, false);
    }
  }
}
