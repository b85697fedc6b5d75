package dev.relocator.apiserver;

import java.nio.file.Path;
import java.util.List;

/** The command lines of the test etcd and kube-apiserver, and the kubeconfig for kubectl. */
final class ServerCommands {

  private ServerCommands() {}

  /** A single-member etcd 3.4 on loopback, logging to stderr. */
  static List<String> etcd(Path binary, Path dataDirectory, String clientUrl, String peerUrl) {
    return List.of(
        binary.toString(),
        "--name=test",
        "--data-dir=" + dataDirectory,
        "--listen-client-urls=" + clientUrl,
        "--advertise-client-urls=" + clientUrl,
        "--listen-peer-urls=" + peerUrl,
        "--initial-advertise-peer-urls=" + peerUrl,
        "--initial-cluster=test=" + peerUrl,
        "--initial-cluster-state=new",
        "--logger=zap",
        "--log-outputs=stderr");
  }

  /**
   * kube-apiserver v1.20 on loopback with TLS from {@code pki} (apiserver.crt/key, ca.crt), token
   * authentication (tokens.csv), RBAC, and service-account keys (sa.key, sa.pub).
   */
  static List<String> apiServer(Path binary, String etcdUrl, int securePort, Path pki) {
    return List.of(
        binary.toString(),
        "--etcd-servers=" + etcdUrl,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        "--secure-port=" + securePort,
        // v1.20 still opens an unauthenticated port 8080 unless told not to.
        "--insecure-port=0",
        "--tls-cert-file=" + pki.resolve("apiserver.crt"),
        "--tls-private-key-file=" + pki.resolve("apiserver.key"),
        "--client-ca-file=" + pki.resolve("ca.crt"),
        "--token-auth-file=" + pki.resolve("tokens.csv"),
        "--authorization-mode=RBAC",
        "--service-account-issuer=https://kubernetes.default.svc",
        "--service-account-key-file=" + pki.resolve("sa.pub"),
        "--service-account-signing-key-file=" + pki.resolve("sa.key"),
        "--service-cluster-ip-range=10.96.0.0/24",
        "--allow-privileged=true",
        // No endpoints for 127.0.0.1: the reconciler would log errors forever.
        "--endpoint-reconciler-type=none",
        "--enable-priority-and-fairness=false",
        "--profiling=false");
  }

  /** A kubeconfig with one cluster, one token user and one current context. */
  static String kubeconfig(String server, String caBase64, String token) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: admin
          user:
            token: %s
        contexts:
        - name: test
          context:
            cluster: test
            user: admin
            namespace: default
        current-context: test
        """
        .formatted(server, caBase64, token);
  }
}
