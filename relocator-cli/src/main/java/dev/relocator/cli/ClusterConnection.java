package dev.relocator.cli;

import dev.relocator.JsonErrors;
import dev.relocator.server.ServerException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The cluster {@code relocator serve} works against: {@code --kubeconfig}, else fabric8's usual
 * discovery (the in-cluster service account, {@code $KUBECONFIG}, {@code ~/.kube/config}),
 * checked once with a quick request so that an unreachable cluster is one clear line instead of
 * a minute of retrying informers.
 */
final class ClusterConnection {

  private static final String HINT =
      "give --kubeconfig FILE, or --maps DIR to serve maps from files without a cluster";
  private static final int PROBE_TIMEOUT_MILLIS = 10_000;

  private ClusterConnection() {}

  /** The configuration of {@code kubeconfig}, or the discovered one when it is null. */
  static Config config(Path kubeconfig) {
    if (kubeconfig == null) {
      return Config.autoConfigure(null);
    }
    try {
      return Config.fromKubeconfig(Files.readString(kubeconfig));
    } catch (NoSuchFileException e) {
      throw new ServerException("--kubeconfig " + kubeconfig + ": no such file", e);
    } catch (IOException e) {
      throw new ServerException("--kubeconfig " + kubeconfig + ": cannot read: " + e.getMessage(), e);
    } catch (KubernetesClientException | IllegalArgumentException e) {
      throw new ServerException("--kubeconfig " + kubeconfig + ": not a usable kubeconfig: " + JsonErrors.describe(e), e);
    }
  }

  /**
   * Asks the API server for its version, without retries: any HTTP answer (even 401 or 403) means
   * the cluster is there; no answer is a {@link ServerException} naming the server and the hint.
   */
  static void probe(Config config) {
    Config once = new ConfigBuilder(config)
        .withRequestRetryBackoffLimit(0)
        .withConnectionTimeout(PROBE_TIMEOUT_MILLIS)
        .withRequestTimeout(PROBE_TIMEOUT_MILLIS)
        .build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(once).build()) {
      client.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      if (e.getCode() > 0) {
        return;
      }
      throw new ServerException("no Kubernetes cluster reachable at " + config.getMasterUrl() + ": "
          + rootMessage(e) + " (" + HINT + ")", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
