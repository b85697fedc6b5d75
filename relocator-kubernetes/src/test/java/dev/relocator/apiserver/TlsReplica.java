package dev.relocator.apiserver;

import dev.relocator.admission.FailureMode;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.server.RelocatorServer;
import dev.relocator.server.ServerOptions;
import dev.relocator.tls.ServingNames;
import dev.relocator.tls.cluster.SelfManagedTls;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One Relocator replica in a JVM of its own, as {@code relocator serve --tls-secret ...} runs it
 * in a pod, so a test can kill it (SIGKILL) without it releasing anything. Arguments: kubeconfig,
 * port, Lease namespace/name, Secret namespace/name, webhook configuration, validity in seconds.
 */
final class TlsReplica {

  static final String READY = "tls replica listening on port ";

  private TlsReplica() {}

  public static void main(String[] args) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(Path.of(args[0])));
    int port = Integer.parseInt(args[1]);
    String[] lease = args[2].split("/");
    String[] secret = args[3].split("/");
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    RelocatorServer server = RelocatorServer.start(options(port, lease[0], lease[1]), client,
        SelfManagedTls.Settings.of(secret[0], secret[1], args[4],
            ServingNames.of(null, List.of("localhost"), List.of("127.0.0.1")),
            Duration.ofSeconds(Long.parseLong(args[5]))));
    System.out.println(READY + server.port());
    System.out.flush();
    new CountDownLatch(1).await();
  }

  static ServerOptions options(int port, String leaseNamespace, String leaseName) {
    return ServerOptions.defaults()
        .withBind("127.0.0.1", port)
        .withPolicies(FailureMode.FAIL, RejectedUpdate.KEEP, Duration.ofSeconds(30))
        .withLeaderElection(true, leaseNamespace, leaseName)
        .withEventLoops(1);
  }

  /** The command line that runs {@link #main} with this JVM's class path. */
  static List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        TlsReplica.class.getName()));
    command.addAll(List.of(args));
    return command;
  }
}
