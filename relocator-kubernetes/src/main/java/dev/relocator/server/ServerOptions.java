package dev.relocator.server;

import dev.relocator.admission.FailureMode;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@code relocator serve} can be told; the CLI maps its flags one to one onto these.
 *
 * @param bind the address to listen on ({@code --bind}); {@code 0.0.0.0} is every IPv4 interface
 * @param port the HTTPS port ({@code --port}); 0 picks a free one, see {@link RelocatorServer#port()}
 * @param tlsCert the PEM certificate chain ({@code --tls-cert}), or null for a self-signed one
 * @param tlsKey the PEM private key ({@code --tls-key}), or null for a self-signed one
 * @param tlsReload how often the certificate files are checked for change
 * @param mapsDir standalone mode ({@code --maps DIR}): read maps from files, no cluster; null for
 *     cluster mode
 * @param failureMode the answer for unreadable pods in well-formed reviews
 * @param rejectedUpdate what a rejected update does to the generation in force
 * @param retryDelay how long before rejected maps are checked again without any change
 * @param leaderElection whether status writes wait for a Lease (cluster mode)
 * @param leaseNamespace the namespace of the Lease
 * @param leaseName the name of the Lease
 * @param eventLoops the number of HTTP event-loop threads
 * @param warmUp at least how long the server reviews a sample pod through its own port before it reports
 *     ready ({@code --warm-up}); zero for none
 */
public record ServerOptions(
    String bind,
    int port,
    Path tlsCert,
    Path tlsKey,
    Duration tlsReload,
    Path mapsDir,
    FailureMode failureMode,
    RejectedUpdate rejectedUpdate,
    Duration retryDelay,
    boolean leaderElection,
    String leaseNamespace,
    String leaseName,
    int eventLoops,
    Duration warmUp) {

  public ServerOptions {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(tlsReload, "tlsReload");
    Objects.requireNonNull(failureMode, "failureMode");
    Objects.requireNonNull(rejectedUpdate, "rejectedUpdate");
    Objects.requireNonNull(retryDelay, "retryDelay");
    Objects.requireNonNull(leaseNamespace, "leaseNamespace");
    Objects.requireNonNull(leaseName, "leaseName");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + ": must be between 0 and 65535");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("tlsCert and tlsKey: give both or neither");
    }
    Objects.requireNonNull(warmUp, "warmUp");
    if (warmUp.isNegative()) {
      throw new IllegalArgumentException("warmUp " + warmUp + ": must not be negative");
    }
    if (eventLoops < 1) {
      throw new IllegalArgumentException("eventLoops " + eventLoops + ": must be at least 1");
    }
  }

  /**
   * The defaults: every interface, port 8443, self-signed TLS, cluster mode, keep on reject, no
   * warm-up (the command's default is in the CLI).
   */
  public static ServerOptions defaults() {
    return new ServerOptions("0.0.0.0", 8443, null, null, Duration.ofSeconds(10), null,
        FailureMode.FAIL, RejectedUpdate.KEEP, Duration.ofMinutes(1), true, "default",
        "relocator-imagemap-controller", Math.max(1, Runtime.getRuntime().availableProcessors()), Duration.ZERO);
  }

  public ServerOptions withBind(String bind, int port) {
    return new ServerOptions(bind, port, tlsCert, tlsKey, tlsReload, mapsDir,
        failureMode, rejectedUpdate, retryDelay, leaderElection, leaseNamespace, leaseName, eventLoops, warmUp);
  }

  public ServerOptions withTls(Path cert, Path key, Duration reload) {
    return new ServerOptions(bind, port, cert, key, reload, mapsDir,
        failureMode, rejectedUpdate, retryDelay, leaderElection, leaseNamespace, leaseName, eventLoops, warmUp);
  }

  public ServerOptions withMapsDir(Path dir) {
    return new ServerOptions(bind, port, tlsCert, tlsKey, tlsReload, dir,
        failureMode, rejectedUpdate, retryDelay, leaderElection, leaseNamespace, leaseName, eventLoops, warmUp);
  }

  public ServerOptions withPolicies(FailureMode failure, RejectedUpdate rejected, Duration retry) {
    return new ServerOptions(bind, port, tlsCert, tlsKey, tlsReload, mapsDir,
        failure, rejected, retry, leaderElection, leaseNamespace, leaseName, eventLoops, warmUp);
  }

  public ServerOptions withLeaderElection(boolean enabled, String namespace, String name) {
    return new ServerOptions(bind, port, tlsCert, tlsKey, tlsReload, mapsDir,
        failureMode, rejectedUpdate, retryDelay, enabled, namespace, name, eventLoops, warmUp);
  }

  public ServerOptions withEventLoops(int threads) {
    return new ServerOptions(bind, port, tlsCert, tlsKey, tlsReload, mapsDir,
        failureMode, rejectedUpdate, retryDelay, leaderElection, leaseNamespace, leaseName, threads, warmUp);
  }

  public ServerOptions withWarmUp(Duration budget) {
    return new ServerOptions(bind, port, tlsCert, tlsKey, tlsReload, mapsDir,
        failureMode, rejectedUpdate, retryDelay, leaderElection, leaseNamespace, leaseName, eventLoops, budget);
  }

  /** Whether the server reads maps from files instead of a cluster. */
  public boolean standalone() {
    return mapsDir != null;
  }
}
