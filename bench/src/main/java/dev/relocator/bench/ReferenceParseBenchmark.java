package dev.relocator.bench;

import dev.relocator.image.ImageReference;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parses a realistic mix of 20 references (short Docker Hub names, namespaced ones, other
 * registries with deep paths, ports, IPv6, tags and digests) per invocation; scores are parses
 * per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReferenceParseBenchmark {

  private static final String SHA = "sha256:a2de6636be9313e227543238a7582187538250e5a978ffd46481cf32112a8608";
  private static final int MIX_SIZE = 20;

  private final String[] mix = {
    "nginx",
    "nginx:1.25.3",
    "busybox:1.36@" + SHA,
    "bitnami/redis:7.2.4",
    "docker.io/library/alpine:3.19",
    "index.docker.io/grafana/grafana:10.2.3",
    "quay.io/calico/cni:v3.26.1",
    "quay.io/prometheus/node-exporter:v1.7.0",
    "registry.k8s.io/pause:3.9",
    "registry.k8s.io/kube-apiserver:v1.29.0@" + SHA,
    "registry.k8s.io/coredns/coredns:v1.11.1",
    "europe-docker.pkg.dev/gardener-project/releases/gardener/apiserver:v1.90.0",
    "eu.registry.example/gardener-project/gardener/autoscaler/cluster-autoscaler:v1.29.0",
    "registry.example/distroless/static-debian12:nonroot",
    "ghcr.example/fluxcd/source-controller@" + SHA,
    "public.ecr.aws/eks-distro/kubernetes/pause:v1.29.0-eks-1-29-3",
    "mcr.microsoft.com/oss/kubernetes/azure-cloud-node-manager:v1.29.0",
    "localhost:5000/mirror/envoyproxy/envoy:v1.28.0",
    "registry.internal.example.com:8443/platform/etcd-wrapper:v0.4.1",
    "[fd00::10]:5000/platform/vpn-shoot:0.23.0",
  };

  /**
   * Baseline for a ratio that survives a noisy machine: one match of the reference grammar as a
   * java.util.regex pattern (the way regex-based parsers work), without normalisation or digest
   * checks, so it does less work than {@link #parseMix}.
   */
  private static final Pattern REFERENCE_REGEX;

  static {
    String alnum = "[a-z0-9]+";
    String separator = "(?:[._]|__|-+)";
    String component = alnum + "(?:" + separator + alnum + ")*";
    String label = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    String host = "(?:" + label + "(?:\\." + label + ")*|\\[[a-fA-F0-9:]+\\])";
    String domain = host + "(?::[0-9]+)?";
    String name = "(?:(" + domain + ")/)?(" + component + "(?:/" + component + ")*)";
    String tag = "[\\w][\\w.-]{0,127}";
    String digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    REFERENCE_REGEX = Pattern.compile("^" + name + "(?::(" + tag + "))?(?:@(" + digest + "))?$");
  }

  @Benchmark
  @OperationsPerInvocation(MIX_SIZE)
  public void regexBaselineMix(Blackhole bh) {
    for (String s : mix) {
      Matcher m = REFERENCE_REGEX.matcher(s);
      bh.consume(m.matches() ? m.group(2) : null);
    }
  }

  @Benchmark
  @OperationsPerInvocation(MIX_SIZE)
  public void parseMix(Blackhole bh) {
    for (String s : mix) {
      bh.consume(ImageReference.parse(s));
    }
  }

  @Benchmark
  @OperationsPerInvocation(MIX_SIZE)
  public void parseMixToCanonical(Blackhole bh) {
    for (String s : mix) {
      bh.consume(ImageReference.parse(s).toString());
    }
  }
}
